package org.detente.node.sync;

import org.junit.jupiter.api.BeforeAll;

/**
 * Federation between two nodes each on its own PostgreSQL schema (fresh per test, dropped
 * afterwards), with 2,000 object versions per exactly-once test to keep the run short.
 */
class PostgresFederationTest extends FederationContract {
  @BeforeAll
  static void requirePostgres() {
    PostgresTaxiiClientTest.requirePostgres();
  }

  @Override
  int volume() {
    return Integer.getInteger("sync.pg.objects", 2_000);
  }

  @Override
  NodeStores stores() {
    return NodeStores.postgres();
  }
}
