package org.detente.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.StoreConfig;
import org.detente.node.sync.TaxiiClient;
import org.detente.node.sync.TaxiiPage;
import org.detente.node.sync.TaxiiPages;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.Status;
import org.detente.node.taxii.TaxiiJson;
import org.detente.stix.StixObject;

/**
 * HTTP load for the TAXII server: starts a node's server on a loopback port over a fresh SQLite
 * store or PostgreSQL schema, then, through {@link TaxiiClient}:
 *
 * <ol>
 *   <li>ingest: N generated indicators ({@link IndicatorCorpus}, about 770 bytes each) posted in
 *       envelopes of {@code --envelope} objects by {@code --clients} concurrent clients, each
 *       status checked (objects/s over the wall time, generation included: it runs on a thread of
 *       its own, on the same machine); with {@code --prebuilt}, the envelopes are built as bytes
 *       before the clock starts and posted by bare HTTP clients, which measures the server alone;
 *   <li>paged read: the whole collection walked in pages of {@code --page} objects following {@code
 *       next}, each page parsed into objects (objects/s);
 *   <li>page latency: {@code --queries} single pages of {@code --page} objects by {@code
 *       added_after} at random positions, fetched with a bare HTTP client that only reads the body
 *       (no parsing): the time from sending the request to the last byte, which is the server's
 *       time plus a loopback transfer; and the same pages asked of the server's service layer in
 *       this process, which is the server-side work without HTTP (the server sends no timing
 *       header; when it sends {@code Server-Timing} with {@code dur}, that is reported too).
 * </ol>
 *
 * <pre>
 * scripts/bench taxii --store sqlite|postgres [--count 1000000] [--envelope 500] [--page 1000]
 *   [--queries 200] [--clients 2] [--prebuilt] [--dir /tmp/detente-taxii-bench]
 *   [--pg-url jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
 * </pre>
 */
public final class TaxiiLoad {
  private static final String COLLECTION = "bench";
  private static final String SCHEMA = "detente_taxii_bench";

  private TaxiiLoad() {}

  public static void main(String[] args) throws Exception {
    String store = null;
    int count = 1_000_000;
    int envelope = 500;
    int page = 1_000;
    int queries = 200;
    int clients = 2;
    boolean prebuilt = false;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "detente-taxii-bench");
    String pgUrl =
        System.getenv()
            .getOrDefault(
                "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--store" -> store = v;
        case "--count" -> count = Integer.parseInt(v);
        case "--envelope" -> envelope = Integer.parseInt(v);
        case "--page" -> page = Integer.parseInt(v);
        case "--queries" -> queries = Integer.parseInt(v);
        case "--clients" -> clients = Integer.parseInt(v);
        case "--prebuilt" -> {
          prebuilt = true;
          i--;
        }
        case "--dir" -> dir = Path.of(v);
        case "--pg-url" -> pgUrl = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    StoreConfig config;
    if ("sqlite".equals(store)) {
      StoreLoad.deleteTree(dir);
      config = StoreConfig.sqlite(dir);
    } else if ("postgres".equals(store)) {
      try (Connection c = DriverManager.getConnection(pgUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
      config = StoreConfig.postgres(pgUrl, null, null).withSchema(SCHEMA);
    } else {
      throw new IllegalArgumentException("--store sqlite|postgres is required, got " + store);
    }
    System.out.printf(
        Locale.ROOT,
        "store=%s count=%,d envelope=%d page=%d queries=%d clients=%d prebuilt=%b%n",
        store,
        count,
        envelope,
        page,
        queries,
        clients,
        prebuilt);
    try (BenchNode node = BenchNode.start(config, COLLECTION);
        TaxiiClient client =
            TaxiiClient.builder()
                .credentials(node.credentials())
                .requestTimeout(Duration.ofMinutes(2))
                .build()) {
      if (prebuilt) {
        ingestPrebuilt(node, count, envelope, clients);
      } else {
        ingest(client, node.apiRoot(), count, envelope, clients);
      }
      List<Instant> positions = read(client, node.apiRoot(), count, page);
      latency(node, positions, page, queries);
    }
  }

  private static void ingest(TaxiiClient client, URI root, int count, int envelope, int clients)
      throws Exception {
    Cpu cpu = new Cpu();
    BlockingQueue<List<StixObject>> queue = new ArrayBlockingQueue<>(2 * clients);
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    long start = System.nanoTime();
    Future<?> producer =
        pool.submit(
            () -> {
              IndicatorCorpus corpus = new IndicatorCorpus(42);
              for (int n = 0; n < count; n += envelope) {
                int size = Math.min(envelope, count - n);
                List<StixObject> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                  batch.add(StixObject.parse(corpus.indicator(n + i)));
                }
                queue.put(batch);
              }
              for (int c = 0; c < clients; c++) {
                queue.put(List.of());
              }
              return null;
            });
    List<Future<Long>> senders = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      senders.add(
          pool.submit(
              () -> {
                long sent = 0;
                for (List<StixObject> batch = queue.take();
                    !batch.isEmpty();
                    batch = queue.take()) {
                  Status s = client.add(root, COLLECTION, batch);
                  if (s.successCount() != batch.size()) {
                    throw new IllegalStateException("not all stored: " + s);
                  }
                  sent += batch.size();
                }
                return sent;
              }));
    }
    producer.get();
    long sent = 0;
    for (Future<Long> f : senders) {
      sent += f.get();
    }
    long wall = System.nanoTime() - start;
    pool.shutdown();
    System.out.printf(
        Locale.ROOT,
        "ingest: %,d objects in envelopes of %d in %.1f s: %,.0f objects/s; %s%n",
        sent,
        envelope,
        wall / 1e9,
        sent / (wall / 1e9),
        cpu.since(sent));
  }

  /**
   * Ingest with the client's work taken out: every envelope built as bytes before the clock starts,
   * then posted by bare HTTP clients that only check the status code and the success count.
   */
  private static void ingestPrebuilt(BenchNode node, int count, int envelope, int clients)
      throws Exception {
    IndicatorCorpus corpus = new IndicatorCorpus(42);
    List<byte[]> bodies = new ArrayList<>();
    for (int n = 0; n < count; n += envelope) {
      StringBuilder sb = new StringBuilder("{\"objects\":[");
      for (int i = n; i < Math.min(count, n + envelope); i++) {
        sb.append(i > n ? "," : "").append(corpus.indicator(i));
      }
      bodies.add(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }
    URI uri = URI.create(node.apiRoot() + "collections/" + COLLECTION + "/objects/");
    AtomicInteger next = new AtomicInteger();
    Cpu cpu = new Cpu();
    long start = System.nanoTime();
    try (HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<Long>> senders = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        senders.add(
            pool.submit(
                () -> {
                  long sent = 0;
                  for (int k = next.getAndIncrement();
                      k < bodies.size();
                      k = next.getAndIncrement()) {
                    HttpRequest request =
                        HttpRequest.newBuilder(uri)
                            .header("Accept", MediaTypes.TAXII_21)
                            .header("Content-Type", MediaTypes.TAXII_21)
                            .header("Authorization", node.authorization())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(k)))
                            .build();
                    HttpResponse<byte[]> r =
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    Status s = Status.fromJson(TaxiiJson.parse(r.body()));
                    int expected = Math.min(envelope, count - k * envelope);
                    if (r.statusCode() != 202 || s.successCount() != expected) {
                      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + s);
                    }
                    sent += expected;
                  }
                  return sent;
                }));
      }
      long sent = 0;
      for (Future<Long> f : senders) {
        sent += f.get();
      }
      long wall = System.nanoTime() - start;
      System.out.printf(
          Locale.ROOT,
          "ingest (prebuilt envelopes, bare HTTP client): %,d objects in envelopes of %d in %.1f"
              + " s: %,.0f objects/s; %s%n",
          sent,
          envelope,
          wall / 1e9,
          sent / (wall / 1e9),
          cpu.since(sent));
    }
  }

  /** Walks the collection; returns the date_added at the end of each page, for random starts. */
  private static List<Instant> read(TaxiiClient client, URI root, int count, int page) {
    Cpu cpu = new Cpu();
    long start = System.nanoTime();
    TaxiiPages<StixObject> pages = client.objects(root, COLLECTION, ObjectFilter.all(), page);
    List<Instant> positions = new ArrayList<>();
    long n = 0;
    while (pages.hasNext()) {
      TaxiiPage<StixObject> p = pages.next();
      n += p.items().size();
      p.dateAddedLast().ifPresent(positions::add);
    }
    long wall = System.nanoTime() - start;
    if (n != count) {
      throw new IllegalStateException("read " + n + " objects, expected " + count);
    }
    System.out.printf(
        Locale.ROOT,
        "paged read: %,d objects in %,d pages of %d in %.1f s: %,.0f objects/s (parsed); %s%n",
        n,
        pages.pagesFetched(),
        page,
        wall / 1e9,
        n / (wall / 1e9),
        cpu.since(n));
    return positions;
  }

  private static void latency(BenchNode node, List<Instant> positions, int page, int queries)
      throws Exception {
    Random random = new Random(7);
    int span = Math.max(1, positions.size() - 2);
    long[] nanos = new long[queries];
    long[] inService = new long[queries];
    double[] server = new double[queries];
    int withServerTiming = 0;
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (int i = -20; i < queries; i++) { // 20 rounds of warm-up
        Instant after = positions.get(random.nextInt(span));
        URI uri =
            URI.create(
                node.apiRoot()
                    + "collections/"
                    + COLLECTION
                    + "/objects/?limit="
                    + page
                    + "&added_after="
                    + TaxiiJson.timestamp(after));
        HttpRequest request =
            HttpRequest.newBuilder(uri)
                .header("Accept", MediaTypes.TAXII_21)
                .header("Authorization", node.authorization())
                .build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + r.statusCode() + " for " + uri);
        }
        long t1 = System.nanoTime();
        int got = node.servicePage(after, page);
        long ts = System.nanoTime() - t1;
        if (got != page) {
          throw new IllegalStateException("page of " + got + " objects, expected " + page);
        }
        if (i >= 0) {
          nanos[i] = t;
          inService[i] = ts;
          var timing = r.headers().firstValue("Server-Timing");
          if (timing.isPresent() && timing.get().contains("dur=")) {
            String d = timing.get().replaceFirst(".*dur=([0-9.]+).*", "$1");
            server[withServerTiming++] = Double.parseDouble(d);
          }
        }
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(inService);
    System.out.printf(
        Locale.ROOT,
        "page of %d by added_after, server side (service layer in process: store query and page"
            + " token, no HTTP), %d pages: median %.2f ms, p99 %.2f ms%n",
        page,
        queries,
        inService[queries / 2] / 1e6,
        inService[(int) Math.ceil(queries * 0.99) - 1] / 1e6);
    System.out.printf(
        Locale.ROOT,
        "page of %d by added_after out of the collection, request to last byte (no parsing),"
            + " %d pages: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        page,
        queries,
        nanos[queries / 2] / 1e6,
        nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
        nanos[queries - 1] / 1e6);
    if (withServerTiming > 0) {
      double[] s = Arrays.copyOf(server, withServerTiming);
      Arrays.sort(s);
      System.out.printf(
          Locale.ROOT,
          "  Server-Timing dur: median %.2f ms, p99 %.2f ms (%d pages)%n",
          s[s.length / 2],
          s[(int) Math.ceil(s.length * 0.99) - 1],
          s.length);
    }
  }

  /**
   * CPU time of this process (client and server together) and the machine's load average, so that a
   * figure taken on a busy machine can be told from one taken on an idle one.
   */
  private static final class Cpu {
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final long cpu0 = os.getProcessCpuTime();
    private final double load0 = os.getSystemLoadAverage();

    String since(long objects) {
      long cpu = os.getProcessCpuTime() - cpu0;
      return String.format(
          Locale.ROOT,
          "process CPU %.1f s (%.0f us per object, client and server), load average %.1f -> %.1f",
          cpu / 1e9,
          cpu / 1e3 / objects,
          load0,
          os.getSystemLoadAverage());
    }
  }
}
