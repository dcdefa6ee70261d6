package org.detente.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.detente.node.http.TaxiiServer;
import org.detente.node.service.Account;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectQuery;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.detente.node.sync.TaxiiCredentials;

/**
 * A node's TAXII server on a loopback port for load programs: one collection and one account that
 * reads and writes it with a bearer API key, no request rate limit to speak of.
 */
final class BenchNode implements AutoCloseable {
  private final Store store;
  private final TaxiiService service;
  private final TaxiiServer server;
  private final String key;
  private final Account account;
  private final String collection;

  private BenchNode(
      Store store, TaxiiService service, TaxiiServer server, String key, String collection) {
    this.store = store;
    this.service = service;
    this.server = server;
    this.key = key;
    this.collection = collection;
    this.account = new Account("bench", Set.of(collection), Set.of(collection));
  }

  static BenchNode start(StoreConfig config, String collection) {
    Store store = Stores.open(config);
    try {
      store.putCollection(CollectionInfo.of(collection, "bench"));
      Accounts accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
      accounts.add("bench", Optional.empty(), Set.of(collection), Set.of(collection));
      String key = accounts.newApiKey("bench");
      TaxiiService service =
          new TaxiiService(
              store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC());
      TaxiiServer server =
          TaxiiServer.start(
              service,
              accounts,
              new TaxiiServer.Options(
                  new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
      return new BenchNode(store, service, server, key, collection);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  URI apiRoot() {
    return URI.create(server.url() + "/api/");
  }

  TaxiiCredentials credentials() {
    return TaxiiCredentials.bearer(key);
  }

  /** The {@code Authorization} header value, for the bare HTTP requests of the latency test. */
  String authorization() {
    return "Bearer " + key;
  }

  /**
   * One page of objects by {@code added_after} straight from the server's service layer, in this
   * process: the server-side work of a request (store query, page token) without HTTP.
   */
  int servicePage(Instant after, int limit) {
    ObjectQuery q =
        new ObjectQuery(
            ObjectFilter.all().withAddedAfter(after), OptionalInt.of(limit), Optional.empty());
    return service.objects(account, "api", collection, q).body().objects().size();
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
