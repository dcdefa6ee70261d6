package org.detente.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Partners;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.sync.Federation;
import org.detente.node.sync.SyncReport;
import org.detente.stix.StixObject;

/**
 * Federation throughput between two nodes on loopback, each with its own store, keys and signing
 * TAXII server: node A holds {@code --objects} generated indicators (a fifth of them TLP:RED, which
 * the agreement withholds); B pulls A's collection (every page signed by A and verified by B, every
 * object validated and stored with its audit entry), then A pushes the same collection to B's inbox
 * (every envelope signed by A, verified by B, pages chosen by A's egress decision). Prints objects
 * moved per second of wall-clock time for each direction.
 *
 * <pre>
 * scripts/bench sync [--objects 100000] [--page 1000] [--store sqlite|postgres] [--pg-url URL]
 * </pre>
 */
public final class SyncLoad {
  private static final String AGREEMENT =
      "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber+strict\"\n"
          + "unmarked = \"green\"\n";

  private SyncLoad() {}

  public static void main(String[] args) throws Exception {
    long n = 100_000;
    int page = 1_000;
    String which = "sqlite";
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> n = Long.parseLong(args[++i]);
        case "--page" -> page = Integer.parseInt(args[++i]);
        case "--store" -> which = args[++i];
        case "--pg-url" -> pgUrl = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("detente-sync-load");
    List<String> schemas = new ArrayList<>();
    String url = pgUrl;
    Function<String, StoreConfig> config =
        which.equals("postgres")
            ? name -> {
              String schema = "sync_load_" + name + "_" + Long.toHexString(System.nanoTime());
              schemas.add(schema);
              return StoreConfig.postgres(url, null, null).withSchema(schema);
            }
            : name -> StoreConfig.sqlite(dir.resolve(name));
    try (Node a = new Node("a", dir.resolve("a"), config.apply("a"));
        Node b = new Node("b", dir.resolve("b"), config.apply("b"))) {
      String keyOfBOnA = a.accountFor("b");
      String keyOfAOnB = b.accountFor("a");
      a.register(b, AGREEMENT + "push = { intel = \"inbox\" }\n", keyOfAOnB);
      b.register(a, AGREEMENT + "pull = { intel = \"from-a\" }\n", keyOfBOnA);
      IndicatorCorpus corpus = new IndicatorCorpus(42);
      List<StixObject> batch = new ArrayList<>(10_000);
      for (long i = 0; i < n; i++) {
        batch.add(StixObject.parse(corpus.indicator(i)));
        if (batch.size() == 10_000 || i == n - 1) {
          try (Store.BulkAdd bulk = a.store.bulkAdd("intel")) {
            bulk.add(batch);
            bulk.commit();
          }
          batch.clear();
        }
      }
      Federation.Options d = Federation.Options.defaults();
      Federation.Options options =
          new Federation.Options(
              page,
              d.attempts(),
              d.firstBackoff(),
              d.longestBackoff(),
              d.requestTimeout(),
              d.sslContext());
      System.out.printf(
          Locale.ROOT,
          "%s, %,d indicators in A, pages of %,d, Ed25519-signed and verified%n",
          which,
          n,
          page);
      long t0 = System.nanoTime();
      SyncReport pull = b.federation(options).sync("a");
      long t1 = System.nanoTime();
      report("pull B <- A", pull.pulledAdded(), t1 - t0, pull);
      SyncReport push = a.federation(options).sync("b");
      long t2 = System.nanoTime();
      report("push A -> B", push.pushed(), t2 - t1, push);
    } finally {
      if (!schemas.isEmpty()) {
        try (var c = java.sql.DriverManager.getConnection(pgUrl);
            var s = c.createStatement()) {
          for (String schema : schemas) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          }
        }
      }
    }
  }

  private static void report(String what, long objects, long nanos, SyncReport r) {
    double s = nanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%s: %,d objects in %.2f s = %,.0f objects/s%s%n",
        what,
        objects,
        s,
        objects / s,
        r.complete() ? "" : " (stopped: " + r.problems() + ")");
  }

  /** One node: store, keys, signing server. */
  private static final class Node implements AutoCloseable {
    final String name;
    final Store store;
    final NodeKeys keys;
    final String identity;
    final Accounts accounts;
    final TaxiiServer server;

    Node(String name, Path dir, StoreConfig config) throws Exception {
      this.name = name;
      Files.createDirectories(dir);
      this.keys = NodeKeys.in(dir);
      this.identity = keys.init(name).id();
      this.store = Stores.open(config);
      store.putCollection(CollectionInfo.of("intel", "intel"));
      store.putCollection(CollectionInfo.of("inbox", "inbox"));
      this.accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
      TaxiiService.Settings s = TaxiiService.Settings.defaults();
      this.server =
          TaxiiServer.start(
              new TaxiiService(
                  store,
                  s,
                  ObjectRules.standard(),
                  Clock.systemUTC(),
                  Optional.of(new TaxiiService.Signing(keys.privateKey(), identity))),
              accounts,
              new TaxiiServer.Options(
                  new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
    }

    String accountFor(String peer) {
      accounts.add("peer-" + peer, Optional.empty(), Set.of("intel"), Set.of("inbox"));
      return accounts.newApiKey("peer-" + peer);
    }

    void register(Node peer, String agreement, String key) throws Exception {
      new Partners(store.partners())
          .add(
              new StoredPartner(
                  peer.name,
                  peer.identity,
                  peer.keys.publicKeyPem(),
                  peer.server.url() + "/api/",
                  Optional.of("peer-" + peer.name),
                  Optional.of(agreement),
                  Optional.empty(),
                  Optional.of(
                      new CredentialSeal(keys.credentialKey())
                          .seal(peer.name, key.toCharArray()))));
    }

    Federation federation(Federation.Options options) throws Exception {
      return new Federation(
          store,
          keys.privateKey(),
          identity,
          new CredentialSeal(keys.credentialKey()),
          options,
          Clock.systemUTC());
    }

    @Override
    public void close() {
      server.close();
      store.close();
    }
  }
}
