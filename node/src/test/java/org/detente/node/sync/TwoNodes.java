package org.detente.node.sync;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes on loopback, A and B, each with its own store, identity and keys, and an account
 * for the other ({@link FederatedNode#accountFor}); partners are registered by each test. The
 * subclass of a contract chooses the stores.
 */
abstract class TwoNodes {
  @TempDir Path tmp;
  NodeStores stores;
  FederatedNode a;
  FederatedNode b;
  String keyOfBOnA;
  String keyOfAOnB;

  /** The stores of this run (a new instance per test). */
  abstract NodeStores stores();

  @BeforeEach
  void nodes() {
    stores = stores();
    a = new FederatedNode("a", tmp.resolve("a"), stores.open(tmp.resolve("a"), "a"));
    b = new FederatedNode("b", tmp.resolve("b"), stores.open(tmp.resolve("b"), "b"));
    keyOfBOnA = a.accountFor(b);
    keyOfAOnB = b.accountFor(a);
  }

  @AfterEach
  void close() throws SQLException {
    try {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
    } finally {
      stores.close();
    }
  }

  /** Runs one statement on the node's tables, outside the node. */
  void sql(FederatedNode node, String statement) throws SQLException {
    stores.sql(node.dir, node.name, statement);
  }

  /** Kills the node and brings it back on the same database. */
  void killAndRestart(FederatedNode node) {
    node.killAndRestart(() -> stores.reopen(node.dir, node.name));
  }
}
