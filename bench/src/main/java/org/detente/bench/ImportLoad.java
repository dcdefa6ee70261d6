package org.detente.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.detente.node.service.ImportReport;
import org.detente.node.service.Importer;
import org.detente.node.service.ObjectRules;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.detente.stix.StixReader;

/**
 * End-to-end import load: generates a bundle of N indicators on disk, then imports it the way
 * {@code detente import} does (stream, parse, validate, store in batches) into a fresh SQLite store
 * and/or a fresh PostgreSQL schema, and prints objects/s and the heap high-water mark.
 *
 * <pre>
 * java -cp ... org.detente.bench.ImportLoad [--objects N] [--store sqlite|postgres|both]
 *     [--jdbc-url URL] [--dir DIR]
 * </pre>
 */
public final class ImportLoad {
  private ImportLoad() {}

  public static void main(String[] args) throws Exception {
    long n = 1_000_000;
    String which = "both";
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> n = Long.parseLong(args[++i]);
        case "--store" -> which = args[++i];
        case "--jdbc-url" -> jdbcUrl = args[++i];
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    // without --dir, everything goes in a temporary directory removed at the end; with it, the
    // generated bundle stays there for the next run (the stores are removed either way)
    boolean keepBundle = dir != null;
    if (dir == null) {
      dir = Files.createTempDirectory("detente-import-load");
    }
    try {
      run(n, which, jdbcUrl, dir);
    } finally {
      if (!keepBundle) {
        StoreLoad.deleteTree(dir);
      }
    }
  }

  private static void run(long n, String which, String jdbcUrl, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path bundle = dir.resolve("indicators-" + n + ".json");
    if (!Files.exists(bundle)) {
      long t0 = System.nanoTime();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 20)) {
        new IndicatorCorpus(20261123L).writeBundle(n, out);
      }
      System.out.printf(
          Locale.ROOT,
          "generated %,d indicators (%,d MiB) in %.1f s%n",
          n,
          Files.size(bundle) >> 20,
          (System.nanoTime() - t0) / 1e9);
    }
    if (which.equals("sqlite") || which.equals("both")) {
      Path data = Files.createTempDirectory(dir, "sqlite");
      try {
        run("sqlite", StoreConfig.sqlite(data), bundle, n);
      } finally {
        StoreLoad.deleteTree(data);
      }
    }
    if (which.equals("postgres") || which.equals("both")) {
      String schema = "import_load_" + Long.toHexString(System.nanoTime());
      StoreConfig.Postgres pg = StoreConfig.postgres(jdbcUrl, null, null).withSchema(schema);
      try {
        run("postgres", pg, bundle, n);
      } finally {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl);
            var s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private static void run(String name, StoreConfig config, Path bundle, long n) throws IOException {
    HeapWatch heap = new HeapWatch();
    heap.start();
    try (Store store = Stores.open(config);
        InputStream in = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16)) {
      store.putCollection(CollectionInfo.of("load", "load"));
      Importer importer =
          new Importer(store, ObjectRules.standard(), StixReader.withDefaultLimits());
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = os.getProcessCpuTime();
      long writer0 = threads.getCurrentThreadCpuTime();
      long[] sched0 = schedstat();
      long t0 = System.nanoTime();
      long[] lastReport = {t0};
      ImportReport r =
          importer.run(
              "load",
              in,
              read -> {
                long now = System.nanoTime();
                if (now - lastReport[0] > 10_000_000_000L) {
                  lastReport[0] = now;
                  System.out.printf(
                      Locale.ROOT,
                      "  %s: %,d read, %,.0f objects/s so far%n",
                      name,
                      read,
                      read / ((now - t0) / 1e9));
                }
              });
      double s = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double writer = (threads.getCurrentThreadCpuTime() - writer0) / 1e9;
      long[] sched1 = schedstat();
      heap.stopWatching();
      if (r.added() != n) {
        throw new IllegalStateException(name + ": expected " + n + " added, got " + r);
      }
      System.out.printf(
          Locale.ROOT,
          "import %s: %,d objects in %.1f s = %,.0f objects/s; CPU %.1f s (%.1f µs/object), writing"
              + " thread %.1f s (%.1f µs/object); heap high-water %d MiB (max %d MiB)%n",
          name,
          r.added(),
          s,
          r.added() / s,
          cpu,
          cpu * 1e6 / r.added(),
          writer,
          writer * 1e6 / r.added(),
          heap.peak >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      if (sched0 != null && sched1 != null) {
        double queued = (sched1[1] - sched0[1]) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "  writing thread: %.1f s on a CPU, %.1f s waiting for one, %.1f s blocked (queue,"
                + " sealing, I/O)%n",
            writer,
            queued,
            Math.max(0, s - writer - queued));
      }
    }
  }

  /**
   * The calling thread's time on a CPU and time runnable but waiting for one, in ns, from Linux's
   * {@code /proc/thread-self/schedstat}; null where that file does not exist.
   */
  private static long[] schedstat() {
    try {
      String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Samples heap use after collections, to show that import memory stays flat. */
  private static final class HeapWatch extends Thread {
    volatile boolean running = true;
    volatile long peak;

    HeapWatch() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
          if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
            used += p.getCollectionUsage().getUsed();
          }
        }
        peak = Math.max(peak, used);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopWatching() {
      running = false;
    }
  }
}
