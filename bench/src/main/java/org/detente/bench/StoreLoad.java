package org.detente.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.detente.node.store.AddOutcome;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredObject;
import org.detente.node.store.Stores;
import org.detente.stix.StixObject;

/**
 * Load program for the object store: imports N generated indicators in batches, prints the import
 * rate, then times random pages of 1,000 objects by {@code added_after}.
 *
 * <pre>
 * scripts/bench store --store sqlite|postgres [--count 1000000] [--batch 2000]
 *   [--dir /tmp/detente-bench] [--pg-url jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
 *   [--queries 200] [--page 1000]
 * </pre>
 *
 * <p>The SQLite database is created anew in {@code --dir}; on PostgreSQL the schema {@code
 * detente_bench} is dropped and created anew. The import rate counts only the time spent inside
 * {@link Store#add} (object generation is excluded) and is also given for the whole run.
 */
public final class StoreLoad {
  private static final String COLLECTION = "bench";
  private static final String SCHEMA = "detente_bench";

  private StoreLoad() {}

  public static void main(String[] args) throws Exception {
    String store = null;
    int count = 1_000_000;
    int batch = 2_000;
    int queries = 200;
    int page = 1_000;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "detente-bench");
    String pgUrl =
        System.getenv()
            .getOrDefault(
                "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--store" -> store = v;
        case "--count" -> count = Integer.parseInt(v);
        case "--batch" -> batch = Integer.parseInt(v);
        case "--queries" -> queries = Integer.parseInt(v);
        case "--page" -> page = Integer.parseInt(v);
        case "--dir" -> dir = Path.of(v);
        case "--pg-url" -> pgUrl = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    StoreConfig config;
    if ("sqlite".equals(store)) {
      deleteTree(dir);
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
        "store=%s count=%,d batch=%,d queries=%d page=%d%n", store, count, batch, queries, page);
    try (Store s = Stores.open(config)) {
      s.putCollection(CollectionInfo.of(COLLECTION, "bench"));
      long[] added = load(s, count, batch);
      query(s, added, queries, page);
    }
  }

  private static long[] load(Store s, int count, int batch) {
    IndicatorCorpus corpus = new IndicatorCorpus(42);
    long[] addedMicros = new long[count];
    long inStore = 0;
    long bytes = 0;
    long start = System.nanoTime();
    int n = 0;
    while (n < count) {
      int size = Math.min(batch, count - n);
      List<StixObject> objects = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        String json = corpus.indicator(n + i);
        bytes += json.length();
        objects.add(StixObject.parse(json));
      }
      long t0 = System.nanoTime();
      List<AddOutcome> out = s.add(COLLECTION, objects);
      inStore += System.nanoTime() - t0;
      for (AddOutcome o : out) {
        if (!(o instanceof AddOutcome.Added a)) {
          throw new IllegalStateException("not added: " + o);
        }
        Instant t = a.dateAdded();
        addedMicros[n++] = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
      }
      if (n % 100_000 < batch) {
        System.out.printf("  %,d objects, %,.0f objects/s in add()%n", n, n / (inStore / 1e9));
      }
    }
    long wall = System.nanoTime() - start;
    System.out.printf(
        "import: %,d objects (avg %d bytes) in %.1f s inside add(): %,.0f objects/s;"
            + " %.1f s wall with generation: %,.0f objects/s%n",
        count,
        bytes / count,
        inStore / 1e9,
        count / (inStore / 1e9),
        wall / 1e9,
        count / (wall / 1e9));
    return addedMicros;
  }

  private static void query(Store s, long[] added, int queries, int pageSize) {
    Random random = new Random(7);
    int span = Math.max(1, added.length - pageSize - 1);
    for (int i = 0; i < 20; i++) {
      page(s, added[random.nextInt(span)], pageSize);
    }
    long[] nanos = new long[queries];
    long parse = 0;
    for (int i = 0; i < queries; i++) {
      long after = added[random.nextInt(span)];
      long t0 = System.nanoTime();
      Page<StoredObject> p = page(s, after, pageSize);
      nanos[i] = System.nanoTime() - t0;
      if (p.items().size() != pageSize) {
        throw new IllegalStateException("page of " + p.items().size() + ", expected " + pageSize);
      }
      if (i < 20) {
        long t1 = System.nanoTime();
        p.items().forEach(StoredObject::object);
        parse += System.nanoTime() - t1;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "query: %d pages of %d by added_after out of %,d: median %.2f ms, p99 %.2f ms, max %.2f"
            + " ms; parsing a page into StixObjects adds %.2f ms%n",
        queries,
        pageSize,
        added.length,
        nanos[queries / 2] / 1e6,
        nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
        nanos[queries - 1] / 1e6,
        parse / Math.min(20, queries) / 1e6);
  }

  private static Page<StoredObject> page(Store s, long afterMicros, int size) {
    Instant after =
        Instant.ofEpochSecond(
            Math.floorDiv(afterMicros, 1_000_000L), Math.floorMod(afterMicros, 1_000_000L) * 1_000);
    return s.objects(COLLECTION, ObjectFilter.all().withAddedAfter(after), PageRequest.first(size));
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
