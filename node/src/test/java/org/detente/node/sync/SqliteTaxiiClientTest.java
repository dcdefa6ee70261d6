package org.detente.node.sync;

import java.nio.file.Path;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.io.TempDir;

/** The client against the server on SQLite, one database file per test. */
class SqliteTaxiiClientTest extends TaxiiClientContract {
  @TempDir Path dir;

  @Override
  Store open() {
    return Stores.open(StoreConfig.sqlite(dir));
  }
}
