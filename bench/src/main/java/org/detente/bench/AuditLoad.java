package org.detente.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.Verification;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;

/**
 * Audit record load: appends N entries in appends of 50,000 (as an import's commits make them) to a
 * fresh SQLite store and/or a fresh PostgreSQL schema, then verifies the chain, and prints
 * entries/s for both.
 *
 * <pre>
 * java -cp ... org.detente.bench.AuditLoad [--entries N] [--store sqlite|postgres|both]
 *     [--jdbc-url URL] [--dir DIR]
 * </pre>
 */
public final class AuditLoad {
  private static final int APPEND = 50_000;

  private AuditLoad() {}

  public static void main(String[] args) throws Exception {
    long n = 1_000_000;
    String which = "both";
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    Path dir = Files.createTempDirectory("detente-audit-load");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entries" -> n = Long.parseLong(args[++i]);
        case "--store" -> which = args[++i];
        case "--jdbc-url" -> jdbcUrl = args[++i];
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (which.equals("sqlite") || which.equals("both")) {
      run("sqlite", StoreConfig.sqlite(Files.createTempDirectory(dir, "sqlite")), n);
    }
    if (which.equals("postgres") || which.equals("both")) {
      String schema = "audit_load_" + Long.toHexString(System.nanoTime());
      try {
        run("postgres", StoreConfig.postgres(jdbcUrl, null, null).withSchema(schema), n);
      } finally {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl);
            var s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private static void run(String name, StoreConfig config, long n) {
    try (Store store = Stores.open(config)) {
      HexFormat hex = HexFormat.of();
      long t0 = System.nanoTime();
      List<AuditRecord> batch = new ArrayList<>(APPEND);
      for (long i = 0; i < n; i++) {
        String uuid = String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i >>> 16, i);
        byte[] sha = new byte[32];
        for (int k = 0; k < 8; k++) {
          sha[k] = (byte) (i >>> (8 * k));
        }
        batch.add(
            new AuditRecord(
                i % 3 == 0 ? AuditRecord.Direction.OUT : AuditRecord.Direction.IN,
                i % 3 == 0 ? "taxii:partner-a" : "import",
                Optional.empty(),
                "indicator--" + uuid,
                Optional.of("2026-01-01T00:00:00.000Z"),
                hex.formatHex(sha),
                Instant.now()));
        if (batch.size() == APPEND || i == n - 1) {
          store.audit().append(batch);
          batch.clear();
        }
      }
      double append = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      Verification v = new AuditLog(store, Clock.systemUTC()).verify();
      double verify = (System.nanoTime() - t1) / 1e9;
      if (!v.intact() || v.entries() != n) {
        throw new IllegalStateException(name + ": verify found " + v);
      }
      System.out.printf(
          Locale.ROOT,
          "audit %s: appended %,d entries in %.1f s = %,.0f entries/s (records built included);"
              + " verified in %.1f s = %,.0f entries/s%n",
          name,
          n,
          append,
          n / append,
          verify,
          n / verify);
    }
  }
}
