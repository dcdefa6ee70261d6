package org.detente.node.sync;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.detente.node.http.TaxiiServer;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;

/**
 * A node's TAXII server on a loopback port over a given store, with a collection {@code shared}, a
 * collection {@code hidden}, an account {@code writer} that reads and writes {@code shared} (and
 * has no right on {@code hidden}), and an account {@code reader} that only reads {@code shared}.
 */
final class LoopbackNode implements AutoCloseable {
  private static final String WRITER_PASSWORD = "writer-pw-0123456789";

  private final Store store;
  private final TaxiiServer server;
  private final String readerKey;

  private LoopbackNode(Store store, TaxiiServer server, String readerKey) {
    this.store = store;
    this.server = server;
    this.readerKey = readerKey;
  }

  static LoopbackNode start(Store store, String shared, String hidden) {
    try {
      store.putCollection(CollectionInfo.of(shared, "Shared intelligence"));
      store.putCollection(CollectionInfo.of(hidden, "Not for the test accounts"));
      Accounts accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
      accounts.add(
          "writer", Optional.of(WRITER_PASSWORD.toCharArray()), Set.of(shared), Set.of(shared));
      accounts.add("reader", Optional.empty(), Set.of(shared), Set.of());
      String key = accounts.newApiKey("reader");
      TaxiiService service =
          new TaxiiService(
              store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC());
      TaxiiServer server =
          TaxiiServer.start(
              service,
              accounts,
              new TaxiiServer.Options(
                  new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
      return new LoopbackNode(store, server, key);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  URI discovery() {
    return URI.create(server.url() + "/taxii2/");
  }

  URI apiRoot() {
    return URI.create(server.url() + "/api/");
  }

  TaxiiCredentials writer() {
    return TaxiiCredentials.basic("writer", WRITER_PASSWORD);
  }

  String writerPassword() {
    return WRITER_PASSWORD;
  }

  TaxiiCredentials writerWithWrongPassword() {
    return TaxiiCredentials.basic("writer", WRITER_PASSWORD + "x");
  }

  TaxiiCredentials reader() {
    return TaxiiCredentials.bearer(readerKey);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
    }
  }
}
