package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, in a fresh schema for this class, dropped afterwards. The
 * database is {@code DETENTE_TEST_PG_URL}, else a local one; when it cannot be reached the tests
 * fail.
 */
class PostgresStoreTest extends StoreContract {
  static final String URL =
      System.getenv()
          .getOrDefault(
              "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final String SCHEMA =
      "detente_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @BeforeAll
  static void requirePostgres() {
    try (Connection c = DriverManager.getConnection(URL)) {
      assertThat(c.isValid(5)).isTrue();
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is required for these tests and is not reachable at "
              + URL
              + " ("
              + e.getMessage()
              + "). Start it, or set DETENTE_TEST_PG_URL to a jdbc:postgresql: URL.",
          e);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Override
  Store open() {
    return Stores.open(StoreConfig.postgres(URL, null, null).withSchema(SCHEMA));
  }

  @Override
  int appliedMigrations() throws Exception {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM " + SCHEMA + ".flyway_schema_history WHERE success")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void open_unreachableServer_failsWithClearMessage() {
    StoreConfig bad = StoreConfig.postgres("jdbc:postgresql://127.0.0.1:1/none", "u", "secret");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.open(bad))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageContaining("127.0.0.1:1")
        .message()
        .doesNotContain("secret");
  }

  @Test
  void open_usesItsOwnSchema() throws Exception {
    assertThat(((JdbcStore) store).dialect()).isEqualTo(Dialect.POSTGRES);
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + SCHEMA.toLowerCase(Locale.ROOT)
                    + "' AND table_name IN ('collection', 'stix_object', 'observable')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }
  }
}
