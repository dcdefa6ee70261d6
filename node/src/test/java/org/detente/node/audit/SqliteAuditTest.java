package org.detente.node.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.io.TempDir;

/** The audit record on SQLite: fresh database files per test. */
class SqliteAuditTest extends AuditContract {
  @TempDir Path dir;

  @Override
  Store open() {
    return Stores.open(new StoreConfig.Sqlite(dir.resolve("a")));
  }

  @Override
  Store openOther() {
    return Stores.open(new StoreConfig.Sqlite(dir.resolve("b")));
  }

  @Override
  Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("a").resolve("detente.db"));
  }

  @Override
  void resetOther() throws SQLException {
    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("b").resolve("detente.db"))) {
      PostgresAuditTest.reset(c);
    }
  }
}
