package org.detente.node.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;

/**
 * Where the nodes of a test keep their data: a store per node, the same database opened again after
 * a restart, and plain SQL on a node's tables (to simulate what no API does: a lost checkpoint, a
 * dropped audit entry). SQLite: a file in the node's directory. PostgreSQL: a fresh schema per
 * node, dropped by {@link #close}.
 */
abstract class NodeStores implements AutoCloseable {
  /** A fresh, empty store for node {@code name} with directory {@code dir}. */
  abstract Store open(Path dir, String name);

  /** The store of node {@code name} opened again, as after a restart. */
  abstract Store reopen(Path dir, String name);

  /** Runs one statement on the node's tables (unqualified names), outside the node. */
  abstract void sql(Path dir, String name, String statement) throws SQLException;

  /** Drops what the stores made (the nodes are closed first). */
  @Override
  public void close() throws SQLException {}

  static NodeStores sqlite() {
    return new NodeStores() {
      @Override
      Store open(Path dir, String name) {
        return Stores.open(StoreConfig.sqlite(dir));
      }

      @Override
      Store reopen(Path dir, String name) {
        return open(dir, name);
      }

      @Override
      void sql(Path dir, String name, String statement) throws SQLException {
        try (Connection c =
                DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("detente.db"));
            Statement s = c.createStatement()) {
          s.execute(statement);
        }
      }
    };
  }

  /** Schemas on the server of {@link PostgresTaxiiClientTest#URL}. */
  static NodeStores postgres() {
    return new NodeStores() {
      private final Map<String, String> schemas = new HashMap<>();

      @Override
      Store open(Path dir, String name) {
        String schema =
            "detente_fed_"
                + name
                + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schemas.put(name, schema);
        return reopen(dir, name);
      }

      @Override
      Store reopen(Path dir, String name) {
        return Stores.open(
            StoreConfig.postgres(PostgresTaxiiClientTest.URL, null, null)
                .withSchema(schemas.get(name)));
      }

      @Override
      void sql(Path dir, String name, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTaxiiClientTest.URL);
            Statement s = c.createStatement()) {
          c.setSchema(schemas.get(name));
          s.execute(statement);
        }
      }

      @Override
      public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTaxiiClientTest.URL);
            Statement s = c.createStatement()) {
          for (String schema : schemas.values()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          }
        }
      }
    };
  }
}
