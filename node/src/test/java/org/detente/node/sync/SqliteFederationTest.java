package org.detente.node.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;

class SqliteFederationTest extends FederationContract {
  /** The 100,000 versions on the embedded store (about half a minute). */
  @Override
  int volume() {
    return Integer.getInteger("sync.objects", 100_000);
  }

  @Override
  Store open(Path dir, String name) {
    return Stores.open(StoreConfig.sqlite(dir));
  }

  @Override
  Store reopen(Path dir, String name) {
    return open(dir, name);
  }

  @Override
  void forgetCheckpoints(FederatedNode node) throws Exception {
    Path file = tmp.resolve(node.name).resolve("detente.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM sync_checkpoint");
    }
  }
}
