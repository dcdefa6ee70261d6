package org.detente.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.detente.node.http.ServerConfig;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.AgreementException;
import org.detente.node.policy.SharingAgreement;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.Store;
import org.detente.node.store.StoreException;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.sync.Federation;
import org.detente.node.sync.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detente serve [--data DIR] [--listen HOST:PORT] [--config FILE]}. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the node's TAXII 2.1 server until stopped (Ctrl-C or SIGTERM).",
      "Without --config: one API root 'api' serving every collection, on "
          + ServerConfig.DEFAULT_LISTEN
          + ". The store is the one of the [store] section of the configuration file, else the"
          + " one of --data/--store."
    })
final class ServeCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "where to listen (default: the configuration file's, else 127.0.0.1:9000)")
  String listen;

  @Option(names = "--config", paramLabel = "FILE", description = "a TOML configuration file")
  Path config;

  @Option(
      names = "--sync-every",
      paramLabel = "DURATION",
      description =
          "federation with every partner on this schedule (for example 30s, 5m, 1h), as detente"
              + " sync does; default: never (run detente sync)")
  String syncEvery;

  @Override
  public Integer call() {
    ServerConfig cfg;
    try {
      cfg = config == null ? ServerConfig.defaults() : ServerConfig.load(config);
      if (listen != null) {
        cfg = cfg.withListen(TaxiiServer.Listen.parse(listen));
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("bad configuration: " + e.getMessage(), e);
    }
    Store store = open(cfg);
    TaxiiServer server = null;
    ScheduledExecutorService scheduler = null;
    try {
      checkCollections(cfg, store);
      checkAgreements(store);
      Optional<java.time.Duration> every = interval();
      TaxiiService service =
          new TaxiiService(
              store, cfg.service(), ObjectRules.standard(), Clock.systemUTC(), signing());
      Accounts accounts =
          Accounts.of(
              store.accounts(), Accounts.DEFAULT_ITERATIONS, cfg.requestsPerSecond(), cfg.burst());
      try {
        server = TaxiiServer.start(service, accounts, cfg.options());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new UserError(e.getMessage(), e);
      }
      spec.commandLine()
          .getOut()
          .println(
              "serving TAXII 2.1 at "
                  + server.url()
                  + "/taxii2/ (API roots: "
                  + String.join(
                      ", ", cfg.service().roots().stream().map(TaxiiService.Root::path).toList())
                  + "; store: "
                  + (cfg.store().isPresent() ? cfg.store().get().toString() : node.describe())
                  + ")");
      spec.commandLine().getOut().flush();
      if (every.isPresent()) {
        scheduler = schedule(store, every.get());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(stopped::countDown, "detente-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook has run
        }
      }
      return 0;
    } finally {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
      if (server != null) {
        server.close();
      }
      store.close();
    }
  }

  /** The node's key for signing served envelopes, when the node has one ({@code detente init}). */
  private Optional<TaxiiService.Signing> signing() {
    NodeKeys keys = NodeKeys.in(node.data);
    if (!Files.exists(keys.privateKeyFile())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TaxiiService.Signing(keys.privateKey(), keys.identity().id()));
    } catch (IOException e) {
      throw new UserError("cannot read the identity and key of " + node.data + ": " + e, e);
    }
  }

  private Optional<java.time.Duration> interval() {
    if (syncEvery == null) {
      return Optional.empty();
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([1-9][0-9]{0,6})([smhd])").matcher(syncEvery);
    if (!m.matches()) {
      throw new UserError(
          "--sync-every must be a number and s, m, h or d (for example 5m), got '"
              + syncEvery
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "s" -> java.time.Duration.ofSeconds(n);
          case "m" -> java.time.Duration.ofMinutes(n);
          case "h" -> java.time.Duration.ofHours(n);
          default -> java.time.Duration.ofDays(n);
        });
  }

  /** Runs a federation round with every partner every {@code every}, one round at a time. */
  private ScheduledExecutorService schedule(Store store, java.time.Duration every) {
    Federation federation = SyncCommand.federation(node.data, store, Federation.Options.defaults());
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "detente-sync");
              t.setDaemon(true);
              return t;
            });
    s.scheduleWithFixedDelay(
        () -> {
          try {
            for (SyncReport r : federation.syncAll()) {
              LOG.log(System.Logger.Level.INFO, SyncCommand.line(r));
            }
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a federation round failed", e);
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    spec.commandLine().getOut().println("syncing with partners every " + syncEvery);
    spec.commandLine().getOut().flush();
    return s;
  }

  private Store open(ServerConfig cfg) {
    if (cfg.store().isEmpty()) {
      return node.open();
    }
    try {
      return Stores.open(cfg.store().get());
    } catch (StoreException e) {
      throw new UserError("cannot open the store: " + e.getMessage(), e);
    }
  }

  /** Refuses to start when an API root names a collection the store does not have. */
  private static void checkCollections(ServerConfig cfg, Store store) {
    for (TaxiiService.Root r : cfg.service().roots()) {
      for (String id : Set.copyOf(r.collections())) {
        if (store.collection(id).isEmpty()) {
          throw new UserError(
              "bad configuration: API root '"
                  + r.path()
                  + "' lists collection '"
                  + id
                  + "', which the store does not have; create it with: detente collections add "
                  + id
                  + " --title TITLE");
        }
      }
    }
  }

  /** Refuses to serve when a partner's stored agreement has an error. */
  private static void checkAgreements(Store store) {
    for (StoredPartner p : store.partners().partners()) {
      if (p.agreement().isPresent()) {
        try {
          SharingAgreement.parse(p.agreement().get());
        } catch (AgreementException e) {
          throw new UserError(
              "the sharing agreement of partner '" + p.name() + "' is refused: " + e.getMessage(),
              e);
        }
      }
    }
  }
}
