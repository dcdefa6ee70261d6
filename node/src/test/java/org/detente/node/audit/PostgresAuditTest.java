package org.detente.node.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.AfterAll;

/**
 * The audit record on PostgreSQL ({@code DETENTE_TEST_PG_URL}, else the local server): two fresh
 * schemas for this class, emptied before each test and dropped afterwards.
 */
class PostgresAuditTest extends AuditContract {
  static final String URL =
      System.getenv()
          .getOrDefault(
              "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static final String OURS = "detente_audit_a_" + SUFFIX;
  static final String THEIRS = "detente_audit_b_" + SUFFIX;

  @AfterAll
  static void dropSchemas() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + OURS + " CASCADE");
      s.execute("DROP SCHEMA IF EXISTS " + THEIRS + " CASCADE");
    }
  }

  private static Store openSchema(String schema) {
    Store s =
        Stores.open(
            new StoreConfig.Postgres(
                URL, Optional.empty(), Optional.empty(), Optional.of(schema), 8));
    try (Connection c = connect(schema)) {
      reset(c);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return s;
  }

  private static Connection connect(String schema) throws SQLException {
    Connection c = DriverManager.getConnection(URL);
    c.setSchema(schema);
    return c;
  }

  /** Empties the audit tables and the collections. */
  static void reset(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_entry");
      s.executeUpdate("DELETE FROM audit_signed_head");
      s.executeUpdate("DELETE FROM audit_receipt");
      s.executeUpdate(
          "UPDATE audit_head SET seq = 0, hash = '" + AuditEntry.GENESIS + "' WHERE id = 1");
      s.executeUpdate("DELETE FROM observable");
      s.executeUpdate("DELETE FROM stix_object");
      s.executeUpdate("DELETE FROM collection");
    }
  }

  @Override
  Store open() {
    return openSchema(OURS);
  }

  @Override
  Store openOther() {
    return openSchema(THEIRS);
  }

  @Override
  Connection raw() throws SQLException {
    return connect(OURS);
  }

  @Override
  void resetOther() throws SQLException {
    try (Connection c = connect(THEIRS)) {
      reset(c);
    }
  }
}
