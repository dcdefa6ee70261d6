package org.detente.node.http;

import java.nio.file.Path;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.io.TempDir;

/** The TAXII server on the embedded SQLite store. */
class SqliteTaxiiServerTest extends TaxiiServerContract {
  @TempDir static Path dir;

  @Override
  Store open() {
    return Stores.open(new StoreConfig.Sqlite(dir));
  }
}
