package org.detente.node.sync;

import org.junit.jupiter.api.BeforeAll;

/** The audit exchange between two nodes each on its own PostgreSQL schema. */
class PostgresReceiptsTest extends ReceiptsContract {
  @BeforeAll
  static void requirePostgres() {
    PostgresTaxiiClientTest.requirePostgres();
  }

  @Override
  NodeStores stores() {
    return NodeStores.postgres();
  }
}
