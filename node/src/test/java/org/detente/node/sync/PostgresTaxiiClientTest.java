package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client against the server on PostgreSQL ({@code DETENTE_TEST_PG_URL}, else the local server),
 * one fresh schema per test, dropped afterwards; when PostgreSQL cannot be reached the tests fail.
 */
class PostgresTaxiiClientTest extends TaxiiClientContract {
  static final String URL =
      System.getenv()
          .getOrDefault(
              "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private String schema;

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

  @Override
  Store open() {
    schema = "detente_client_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return Stores.open(StoreConfig.postgres(URL, null, null).withSchema(schema));
  }

  @Override
  void disposeStore() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
