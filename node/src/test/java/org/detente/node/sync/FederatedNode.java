package org.detente.node.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixObject;

/**
 * A whole node on loopback for federation tests: its own store, identity and keys, a TAXII server
 * that signs what it serves, and a {@link Federation}. Collections {@code intel} and {@code inbox}.
 */
final class FederatedNode implements AutoCloseable {
  final String name;
  final Path dir;
  Store store;
  final NodeKeys keys;
  final String identityId;
  private Accounts accounts;
  private TaxiiServer server;
  private int port;

  FederatedNode(String name, Path dir, Store store) {
    this.name = name;
    this.dir = dir;
    this.store = store;
    this.keys = NodeKeys.in(dir);
    try {
      this.identityId = keys.init(name).id();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.putCollection(CollectionInfo.of("intel", "Shared intelligence"));
    store.putCollection(CollectionInfo.of("inbox", "Partner submissions"));
    this.accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
    start(0);
  }

  void start(int onPort) {
    TaxiiService service =
        new TaxiiService(
            store,
            TaxiiService.Settings.defaults(),
            ObjectRules.standard(),
            Clock.systemUTC(),
            Optional.of(new TaxiiService.Signing(privateKey(), identityId)));
    server =
        TaxiiServer.start(
            service,
            accounts,
            new TaxiiServer.Options(
                new TaxiiServer.Listen("127.0.0.1", onPort), Optional.empty(), Optional.empty()));
    port = server.port();
  }

  /**
   * Kills the node under whatever it is doing: its server stops and its store is closed at once,
   * then it comes back on the same port with the store {@code reopen} gives (the same database).
   */
  void killAndRestart(java.util.function.Supplier<Store> reopen) {
    server.close();
    store.close();
    store = reopen.get();
    accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
    start(port);
  }

  /** Stops the server (the node is down); {@link #restart} brings it back on the same port. */
  void stop() {
    server.close();
  }

  void restart() {
    start(port);
  }

  URI apiRoot() {
    return URI.create("http://127.0.0.1:" + port + "/api/");
  }

  PrivateKey privateKey() {
    try {
      return keys.privateKey();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String publicKeyPem() {
    try {
      return keys.publicKeyPem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CredentialSeal seal() {
    try {
      return new CredentialSeal(keys.credentialKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An account on this node for {@code peer}: reads intel, writes inbox; returns its API key. */
  String accountFor(FederatedNode peer) {
    accounts.add("peer-" + peer.name, Optional.empty(), Set.of("intel"), Set.of("inbox"));
    return accounts.newApiKey("peer-" + peer.name);
  }

  /** An account of this node's own (no partner's) that reads intel; returns its API key. */
  String localAccount(String account) {
    accounts.add(account, Optional.empty(), Set.of("intel"), Set.of());
    return accounts.newApiKey(account);
  }

  /** The root of this node's server, where Détente's own endpoints are. */
  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Registers {@code peer} as a partner of this node, reading with the local account made by {@link
   * #accountFor}, with {@code key} this node's API key on the peer's server.
   */
  void register(FederatedNode peer, String publicKeyPem, String agreement, String key) {
    new org.detente.node.policy.Partners(store.partners())
        .add(
            new StoredPartner(
                peer.name,
                peer.identityId,
                publicKeyPem,
                peer.apiRoot().toString(),
                Optional.of("peer-" + peer.name),
                Optional.of(agreement),
                Optional.empty(),
                Optional.of(seal().seal(peer.name, key.toCharArray()))));
  }

  Federation federation(Federation.Options options) {
    return new Federation(store, privateKey(), identityId, seal(), options, Clock.systemUTC());
  }

  static Federation.Options options(int pageSize, int attempts) {
    return new Federation.Options(
        pageSize,
        attempts,
        Duration.ofMillis(50),
        Duration.ofMillis(400),
        Duration.ofSeconds(5),
        Optional.empty());
  }

  /** Every stored version of a collection, in date_added order; none before it exists. */
  List<String> versions(String collection) {
    List<String> out = new java.util.ArrayList<>();
    if (store.collection(collection).isEmpty()) {
      return out; // not created yet: a pull creates it with its first page
    }
    ObjectFilter all = ObjectFilter.all().withVersions(VersionMatch.ALL);
    var page = store.objects(collection, all, PageRequest.first(PageRequest.MAX_LIMIT));
    while (true) {
      page.items().forEach(o -> out.add(o.id() + "|" + o.version().orElse("")));
      if (!page.more()) {
        return out;
      }
      page =
          store.objects(
              collection, all, PageRequest.after(PageRequest.MAX_LIMIT, page.next().get()));
    }
  }

  void add(String collection, List<StixObject> objects) {
    for (int i = 0; i < objects.size(); i += 5_000) {
      store.add(collection, objects.subList(i, Math.min(objects.size(), i + 5_000)));
    }
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
