package org.detente.node.http;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.AfterAll;

/**
 * The TAXII server on PostgreSQL ({@code DETENTE_TEST_PG_URL}, else the local test database), in a
 * fresh schema dropped afterwards.
 */
class PostgresTaxiiServerTest extends TaxiiServerContract {
  static final String URL =
      System.getenv()
          .getOrDefault(
              "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  final String schema =
      "detente_http_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Override
  Store open() {
    return Stores.open(
        new StoreConfig.Postgres(URL, Optional.empty(), Optional.empty(), Optional.of(schema), 10));
  }

  @AfterAll
  void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
