package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, one database file per test. */
class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Store open() {
    return Stores.open(StoreConfig.sqlite(dir));
  }

  @Override
  int appliedMigrations() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("detente.db"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void open_newDirectory_createsDatabaseFileInWalMode() throws Exception {
    Path nested = dir.resolve("a").resolve("b");
    try (Store s = Stores.open(StoreConfig.sqlite(nested))) {
      s.putCollection(CollectionInfo.of("x", "X"));
      assertThat(Files.exists(nested.resolve("detente.db"))).isTrue();
      assertThat(((JdbcStore) s).dialect()).isEqualTo(Dialect.SQLITE);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + nested.resolve("detente.db"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
    try (Store s = Stores.open(StoreConfig.sqlite(nested))) {
      assertThat(s.collections()).extracting(CollectionInfo::id).isEqualTo(List.of("x"));
    }
  }
}
