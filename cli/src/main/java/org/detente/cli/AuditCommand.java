package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.detente.node.audit.AuditFormatException;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.Difference;
import org.detente.node.audit.KeyFiles;
import org.detente.node.audit.Reconciliation;
import org.detente.node.audit.SignedHead;
import org.detente.node.audit.Verification;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Partners;
import org.detente.node.store.Store;
import org.detente.node.sync.Federation;
import org.detente.node.sync.TaxiiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente audit verify|head|export|reconcile}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit record of every object that entered or left the node.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Head.class,
      AuditCommand.Export.class,
      AuditCommand.Reconcile.class
    })
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The party whose entries a command works on. */
  static final class Party {
    @Parameters(
        index = "0",
        paramLabel = "PARTNER",
        description = "the party as our entries name it (a partner, or taxii:ACCOUNT)")
    String name;
  }

  /**
   * The identity and key the commands that sign use: the node's own ({@code detente init}), or a
   * key and identity given together.
   */
  static final class Signer {
    @Option(
        names = "--key",
        paramLabel = "FILE",
        description =
            "an Ed25519 private key, PKCS#8 PEM (BEGIN PRIVATE KEY), with --identity; default: the"
                + " node's own key (made by detente init under --data)")
    Path key;

    @Option(
        names = "--identity",
        paramLabel = "ID",
        description =
            "the identity partners know the key by (a STIX identity id), with --key; default:"
                + " the node's own identity")
    String identity;

    private PrivateKey privateKey;

    /** Reads the key and identity; call before {@link #identity} and {@link #privateKey}. */
    void load(Path data) {
      if ((key == null) != (identity == null)) {
        throw new UserError(
            "--key and --identity go together; without both, the node's own key and identity"
                + " are used");
      }
      if (key != null) {
        try {
          privateKey = KeyFiles.readPrivate(key);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
        return;
      }
      NodeKeys keys = NodeKeys.in(data);
      try {
        privateKey = keys.privateKey();
        identity = keys.identity().id();
      } catch (IOException e) {
        throw new UserError(
            "cannot read the identity and key of "
                + data
                + " (run detente init first, or give --key and --identity): "
                + e,
            e);
      }
    }

    String identity() {
      return identity;
    }

    PrivateKey privateKey() {
      return privateKey;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Recomputes the hash chain and reports the first broken link.",
        "Exit 0 when intact, 1 when broken."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      Verification v;
      try (Store store = node.open()) {
        v = new AuditLog(store, Clock.systemUTC()).verify();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (v.intact()) {
        out.println("intact: " + v.entries() + " entries, head " + v.head());
        return 0;
      }
      Verification.Break b = v.firstBreak().get();
      out.println("BROKEN at sequence " + b.sequence() + ": " + b.what());
      out.println(v.entries() + " entries intact before it, ending in " + v.head());
      return 1;
    }
  }

  @Command(
      name = "head",
      mixinStandardHelpOptions = true,
      description =
          "Signs the current chain head with the node's key, keeps it (verify then checks the"
              + " chain still holds it) and prints it as JSON.")
  static final class Head implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Mixin Signer signer;

    @Override
    public Integer call() {
      signer.load(node.data);
      PrivateKey key = signer.privateKey();
      try (Store store = node.open()) {
        SignedHead h = sign(store, key);
        spec.commandLine().getOut().println(h);
      }
      return 0;
    }

    private SignedHead sign(Store store, PrivateKey key) {
      try {
        return new AuditLog(store, Clock.systemUTC()).signHead(signer.identity(), key);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Writes our entries for a partner with a signed head and a signed trailer (JSON Lines),"
              + " for the partner to reconcile against its own record.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Mixin Signer signer;

    @Mixin Party party;

    @Mixin Output output;

    @Override
    public Integer call() throws IOException {
      signer.load(node.data);
      PrivateKey key = signer.privateKey();
      long n;
      try (Store store = node.open()) {
        AuditLog log = new AuditLog(store, Clock.systemUTC());
        n = output.write(o -> log.export(party.name, signer.identity(), key, o));
      }
      spec.commandLine().getErr().println("exported " + n + " audit entries for " + party.name);
      return 0;
    }
  }

  @Command(
      name = "reconcile",
      mixinStandardHelpOptions = true,
      description = {
        "Compares our entries for a partner with the partner's export of its entries for us,"
            + " after checking the export's signature with the partner's public key; prints"
            + " every difference and keeps the partner's signed head as a receipt.",
        "Without --theirs, the export is fetched from the partner's node over the network (its"
            + " registered TAXII server, with this node's credential there, checked against its"
            + " registered key).",
        "Exit 0 when both records agree, 1 when they differ."
      })
  static final class Reconcile implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Mixin Party party;

    @Option(
        names = "--theirs",
        paramLabel = "FILE",
        description =
            "the partner's export (detente audit export on their node); default: fetched from the"
                + " partner's node")
    Path theirs;

    @Option(
        names = "--partner-key",
        paramLabel = "FILE",
        description =
            "with --theirs: the partner's Ed25519 public key, X.509 PEM (BEGIN PUBLIC KEY);"
                + " default: the key registered for PARTNER")
    Path partnerKey;

    @Override
    public Integer call() throws IOException {
      if (theirs == null && partnerKey != null) {
        throw new UserError(
            "--partner-key goes with --theirs; an export fetched from the partner's node is"
                + " checked against the partner's registered key");
      }
      Reconciliation r;
      try (Store store = node.open()) {
        r = theirs == null ? fetched(store) : fromFile(store);
      }
      PrintWriter out = spec.commandLine().getOut();
      for (Difference d : r.differences()) {
        out.println(d.describe());
      }
      out.println(
          (r.agree() ? "agree: " : r.differences().size() + " difference(s): ")
              + r.ours()
              + " entries of ours for "
              + party.name
              + ", "
              + r.theirs()
              + " of theirs; their signed head "
              + r.theirHead().sequence()
              + " "
              + r.theirHead().head()
              + " ("
              + r.theirHead().node()
              + ", "
              + r.theirHead().time()
              + ") verified and kept");
      return r.agree() ? 0 : 1;
    }

    private Reconciliation fetched(Store store) {
      Federation f = SyncCommand.federation(node.data, store, Federation.Options.defaults());
      try {
        return f.reconcile(party.name);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      } catch (TaxiiException e) {
        throw new UserError(
            "cannot fetch the audit export of partner " + party.name + ": " + e.getMessage(), e);
      } catch (AuditFormatException | SecurityException e) {
        throw new UserError(
            "the audit export of partner " + party.name + " is refused: " + e.getMessage(), e);
      }
    }

    private Reconciliation fromFile(Store store) throws IOException {
      PublicKey key = partnerKey == null ? registeredKey(store) : readKey(partnerKey);
      try (InputStream in = Files.newInputStream(theirs)) {
        return new AuditLog(store, Clock.systemUTC()).reconcile(party.name, in, key);
      } catch (NoSuchFileException e) {
        throw new UserError("no such file: " + theirs, e);
      } catch (AuditFormatException | SecurityException e) {
        throw new UserError(theirs + ": " + e.getMessage(), e);
      }
    }

    private PublicKey registeredKey(Store store) {
      return new Partners(store.partners())
          .list().stream()
              .filter(p -> p.name().equals(party.name))
              .findFirst()
              .map(p -> NodeKeys.readPublicKey(p.publicKey()))
              .orElseThrow(
                  () ->
                      new UserError(
                          "--partner-key is needed: '"
                              + party.name
                              + "' is no registered partner, so its key is unknown"));
    }

    private static PublicKey readKey(Path file) {
      try {
        return KeyFiles.readPublic(file);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
    }
  }
}
