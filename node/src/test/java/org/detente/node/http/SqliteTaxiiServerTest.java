package org.detente.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TAXII server on the embedded SQLite store. */
class SqliteTaxiiServerTest extends TaxiiServerContract {
  @TempDir static Path dir;

  @Override
  Store open() {
    return Stores.open(new StoreConfig.Sqlite(dir));
  }

  @Test
  void start_portInUse_failsNamingTheAddress() {
    TaxiiService service =
        new TaxiiService(
            store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC());
    TaxiiServer.Options taken =
        new TaxiiServer.Options(
            new TaxiiServer.Listen("127.0.0.1", server.port()), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> TaxiiServer.start(service, accounts, taken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot serve on 127.0.0.1:" + server.port());
    assertThat(get("/taxii2/", account(Set.of(), Set.of())).statusCode()).isEqualTo(200);
  }
}
