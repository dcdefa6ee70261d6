package org.detente.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.AgreementException;
import org.detente.node.policy.Partners;
import org.detente.node.policy.SharingAgreement;
import org.detente.node.store.Store;
import org.detente.node.store.StoredPartner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente partners add|list|remove}: the partners registry. */
@Command(
    name = "partners",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the partners of this node: their identity, public key, TAXII server, the local"
          + " account they read with, their sharing agreement, and this node's credential for"
          + " their server (sealed with keys/credentials.key, never stored or printed in clear)."
    },
    subcommands = {
      PartnersCommand.Add.class,
      PartnersCommand.ListPartners.class,
      PartnersCommand.Agreement.class,
      PartnersCommand.Remove.class
    })
final class PartnersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Registers a partner. Reads by --account are filtered by the --agreement; without an"
            + " agreement nothing is released to the partner.",
        "The credential for the partner's server is read from the environment variable named by"
            + " --secret-env, or from the first line of standard input with --secret-stdin."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the partner's name")
    String name;

    @Option(
        names = "--identity",
        required = true,
        paramLabel = "ID",
        description = "the partner's STIX identity id")
    String identity;

    @Option(
        names = "--public-key",
        required = true,
        paramLabel = "FILE",
        description = "the partner's Ed25519 public key (PEM)")
    Path publicKey;

    @Option(
        names = "--taxii",
        required = true,
        paramLabel = "URL",
        description = "the partner's TAXII server")
    String taxii;

    @Option(
        names = "--account",
        paramLabel = "ACCOUNT",
        description = "the local TAXII account the partner reads with")
    String account;

    @Option(
        names = "--agreement",
        paramLabel = "FILE",
        description = "the sharing agreement (TOML)")
    Path agreement;

    @Option(
        names = "--remote-user",
        paramLabel = "USER",
        description = "our user name on the partner's server (HTTP Basic); none for an API key")
    String remoteUser;

    @Option(
        names = "--secret-env",
        paramLabel = "VAR",
        description = "environment variable holding our password or API key for their server")
    String secretEnv;

    @Option(
        names = "--secret-stdin",
        description = "read our password or API key for their server from standard input")
    boolean secretStdin;

    @Override
    public Integer call() {
      String key = read(publicKey, "--public-key", 4_096);
      Optional<String> agreementText =
          Optional.ofNullable(agreement)
              .map(f -> read(f, "--agreement", SharingAgreement.MAX_BYTES));
      if (secretEnv != null && secretStdin) {
        throw new UserError("give --secret-env or --secret-stdin, not both");
      }
      Optional<char[]> secret = secret();
      try (Store store = node.open()) {
        if (account != null && store.accounts().account(account).isEmpty()) {
          throw new UserError(
              "no account '"
                  + account
                  + "'; create it first with: detente accounts add "
                  + account);
        }
        Optional<String> sealed = secret.map(s -> seal(name, s));
        try {
          new Partners(store.partners())
              .add(
                  new StoredPartner(
                      name,
                      identity,
                      key,
                      taxii,
                      Optional.ofNullable(account),
                      agreementText,
                      Optional.ofNullable(remoteUser),
                      sealed));
        } catch (AgreementException e) {
          throw new UserError(agreement + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
      } finally {
        secret.ifPresent(s -> Arrays.fill(s, '\0'));
      }
      spec.commandLine().getOut().println("partner " + name + " registered");
      return 0;
    }

    private Optional<char[]> secret() {
      if (secretEnv != null) {
        String v = System.getenv(secretEnv);
        if (v == null || v.isEmpty()) {
          throw new UserError("--secret-env: the environment variable " + secretEnv + " is empty");
        }
        return Optional.of(v.toCharArray());
      }
      if (secretStdin) {
        return Optional.of(StandardInput.secretLine("--secret-stdin", "secret"));
      }
      return Optional.empty();
    }

    private String seal(String partner, char[] secret) {
      byte[] k;
      try {
        k = NodeKeys.in(node.data).credentialKey();
      } catch (IOException e) {
        throw new UserError(
            "cannot read the credential key of "
                + node.data
                + " (run detente init first): "
                + e.getMessage(),
            e);
      }
      try {
        return new CredentialSeal(k).seal(partner, secret);
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }

    static String read(Path f, String option, int max) {
      try {
        if (Files.size(f) > max) {
          throw new UserError(option + " " + f + " is larger than " + max + " bytes");
        }
        return Files.readString(f);
      } catch (IOException e) {
        throw new UserError(option + ": cannot read " + f + ": " + e.getMessage(), e);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the partners; never a secret.")
  static final class ListPartners implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = node.open()) {
        for (StoredPartner p : new Partners(store.partners()).list()) {
          String agreement =
              p.agreement()
                  .map(
                      t -> {
                        try {
                          return "version " + SharingAgreement.parse(t).version();
                        } catch (AgreementException e) {
                          return "refused (" + e.getMessage() + ")";
                        }
                      })
                  .orElse("none");
          out.println(
              p.name()
                  + "\tidentity: "
                  + p.identityId()
                  + "\ttaxii: "
                  + p.taxiiUrl()
                  + "\taccount: "
                  + p.account().orElse("-")
                  + "\tagreement: "
                  + agreement
                  + "\tcredential: "
                  + (p.remoteSecret().isPresent() ? "sealed" : "none"));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description =
          "Removes a partner and revokes the account it read with (first, so that the account"
              + " never reads unfiltered).")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the partner's name")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = node.open()) {
        Partners partners = new Partners(store.partners());
        StoredPartner p =
            partners.list().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UserError("no partner named '" + name + "'"));
        if (p.account().isPresent()
            && org.detente.node.service.Accounts.of(store.accounts()).revoke(p.account().get())) {
          out.println("account " + p.account().get() + " revoked");
        }
        if (!partners.remove(name)) {
          throw new UserError("no partner named '" + name + "'");
        }
      }
      out.println("partner " + name + " removed");
      return 0;
    }
  }

  @Command(
      name = "agreement",
      mixinStandardHelpOptions = true,
      description = {
        "Gives a partner a new sharing agreement; its agreement_version must be above the current"
            + " one. A running server applies it from the next request on."
      })
  static final class Agreement implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the partner's name")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "the sharing agreement (TOML)")
    Path file;

    @Override
    public Integer call() {
      String text = Add.read(file, "FILE", SharingAgreement.MAX_BYTES);
      SharingAgreement a;
      try (Store store = node.open()) {
        a = new Partners(store.partners()).replaceAgreement(name, text);
      } catch (AgreementException e) {
        throw new UserError(file + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
      spec.commandLine().getOut().println("partner " + name + ": agreement version " + a.version());
      return 0;
    }
  }
}
