package org.detente.node.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Federation between two nodes each on its own PostgreSQL schema (fresh per test, dropped
 * afterwards), with 2,000 object versions per exactly-once test to keep the run short.
 */
class PostgresFederationTest extends FederationContract {
  private final Map<String, String> schemas = new HashMap<>();

  @BeforeAll
  static void requirePostgres() {
    PostgresTaxiiClientTest.requirePostgres();
  }

  @Override
  int volume() {
    return Integer.getInteger("sync.pg.objects", 2_000);
  }

  @Override
  Store open(Path dir, String name) {
    String schema =
        "detente_fed_"
            + name
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    schemas.put(name, schema);
    return Stores.open(
        StoreConfig.postgres(PostgresTaxiiClientTest.URL, null, null).withSchema(schema));
  }

  @Override
  Store reopen(Path dir, String name) {
    return Stores.open(
        StoreConfig.postgres(PostgresTaxiiClientTest.URL, null, null)
            .withSchema(schemas.get(name)));
  }

  @Override
  void forgetCheckpoints(FederatedNode node) throws Exception {
    try (Connection c = DriverManager.getConnection(PostgresTaxiiClientTest.URL);
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM " + schemas.get(node.name) + ".sync_checkpoint");
    }
  }

  @AfterEach
  void dropSchemas() throws Exception {
    close();
    a = null;
    b = null;
    try (Connection c = DriverManager.getConnection(PostgresTaxiiClientTest.URL);
        Statement s = c.createStatement()) {
      for (String schema : schemas.values()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
