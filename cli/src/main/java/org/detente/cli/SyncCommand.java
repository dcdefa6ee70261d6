package org.detente.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.store.Store;
import org.detente.node.sync.Federation;
import org.detente.node.sync.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente sync [PARTNER]}: one round of federation, now. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Pulls from and pushes to partners along the pull and push routes of their agreements,"
          + " once, from each route's checkpoint, then exchanges signed audit heads with the"
          + " partner (each side keeps the other's as a receipt): with PARTNER that partner only,"
          + " else every partner.",
      "Prints one line per partner; exit 0 when every route ran to its end and the heads were"
          + " exchanged, 1 otherwise (a route resumes from its checkpoint next time)."
    })
final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Parameters(arity = "0..1", paramLabel = "PARTNER", description = "the partner's name")
  String partner;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "1000",
      description = "objects per page pulled or pushed (default: ${DEFAULT-VALUE})")
  int pageSize;

  @Option(
      names = "--attempts",
      paramLabel = "N",
      defaultValue = "6",
      description =
          "tries of a request while the partner is down, with backoff from 250 ms doubling to 8 s"
              + " (default: ${DEFAULT-VALUE})")
  int attempts;

  @Override
  public Integer call() {
    Federation.Options options;
    try {
      Federation.Options d = Federation.Options.defaults();
      options =
          new Federation.Options(
              pageSize,
              attempts,
              d.firstBackoff(),
              d.longestBackoff(),
              d.requestTimeout(),
              d.sslContext());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    try (Store store = node.open()) {
      Federation f = federation(node.data, store, options);
      List<SyncReport> reports;
      try {
        reports = partner == null ? f.syncAll() : List.of(f.sync(partner));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      boolean complete = true;
      for (SyncReport r : reports) {
        out.println(line(r));
        r.problems().forEach(p -> out.println("  " + p));
        complete &= r.complete();
      }
      out.flush();
      return complete ? 0 : 1;
    }
  }

  static String line(SyncReport r) {
    return r.partner()
        + ": pulled "
        + r.pulledAdded()
        + " new, "
        + r.pulledUnchanged()
        + " unchanged, "
        + r.pulledRefused()
        + " refused; pushed "
        + r.pushed()
        + ", "
        + r.pushRefused()
        + " refused by the partner"
        + r.theirHead()
            .map(h -> "; their signed audit head (" + h.sequence() + " entries) kept")
            .orElse("")
        + (r.complete() ? "" : "; " + r.problems().size() + " problem(s)");
  }

  /** The node's federation, with its keys from {@code data}. */
  static Federation federation(Path data, Store store, Federation.Options options) {
    NodeKeys keys = NodeKeys.in(data);
    PrivateKey key;
    String identity;
    byte[] k;
    try {
      key = keys.privateKey();
      identity = keys.identity().id();
      k = keys.credentialKey();
    } catch (IOException e) {
      throw new UserError(
          "cannot read the identity and keys of " + data + " (run detente init first): " + e, e);
    }
    try {
      return new Federation(
          store, key, identity, new CredentialSeal(k), options, Clock.systemUTC());
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
