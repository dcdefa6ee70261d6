package org.detente.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.detente.node.service.Accounts;
import org.detente.node.store.Store;
import org.detente.node.store.StoredAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente accounts add|key|list|revoke}: the accounts of the TAXII server. */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description = {
      "Manages the accounts of the TAXII server. Passwords are stored as PBKDF2 hashes and API keys"
          + " as SHA-256 hashes; an API key is printed once, when it is made."
    },
    subcommands = {
      AccountsCommand.Add.class,
      AccountsCommand.Key.class,
      AccountsCommand.ListAccounts.class,
      AccountsCommand.Revoke.class
    })
final class AccountsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Creates an account with read and write rights on collections.",
        "Give --password-stdin (the first line of standard input is the password), --api-key, or"
            + " both."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the account name")
    String name;

    @Option(
        names = "--password-stdin",
        description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Option(names = "--api-key", description = "also make an API key and print it (once)")
    boolean apiKey;

    @Option(
        names = "--read",
        split = ",",
        paramLabel = "ID",
        description = "collections the account may read")
    List<String> read = new ArrayList<>();

    @Option(
        names = "--write",
        split = ",",
        paramLabel = "ID",
        description = "collections the account may add objects to and delete from")
    List<String> write = new ArrayList<>();

    @Override
    public Integer call() {
      if (!passwordStdin && !apiKey) {
        throw new UserError("give --password-stdin, --api-key, or both");
      }
      Optional<char[]> password =
          passwordStdin
              ? Optional.of(StandardInput.secretLine("--password-stdin", "password"))
              : Optional.empty();
      try (Store store = node.open()) {
        Set<String> all = new LinkedHashSet<>(read);
        all.addAll(write);
        for (String id : all) {
          if (store.collection(id).isEmpty()) {
            throw new UserError(
                "no collection '"
                    + id
                    + "' in "
                    + node.describe()
                    + "; create it with: detente collections add "
                    + id
                    + " --title TITLE");
          }
        }
        Accounts accounts = Accounts.of(store.accounts());
        try {
          accounts.add(name, password, Set.copyOf(read), Set.copyOf(write));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("account " + name + " created");
        if (apiKey) {
          out.println("API key (shown once): " + accounts.newApiKey(name));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "key",
      mixinStandardHelpOptions = true,
      description = "Makes a new API key for an account and prints it (once).")
  static final class Key implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the account name")
    String name;

    @Override
    public Integer call() {
      try (Store store = node.open()) {
        String key;
        try {
          key = Accounts.of(store.accounts()).newApiKey(name);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
        spec.commandLine().getOut().println("API key (shown once): " + key);
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the accounts and their rights; never a secret.")
  static final class ListAccounts implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = node.open()) {
        for (StoredAccount a : Accounts.of(store.accounts()).list()) {
          out.println(
              a.name()
                  + "\tpassword: "
                  + (a.passwordHash().isPresent() ? "yes" : "no")
                  + "\tapi keys: "
                  + a.apiKeys()
                  + "\tread: "
                  + String.join(",", new TreeSet<>(a.canRead()))
                  + "\twrite: "
                  + String.join(",", new TreeSet<>(a.canWrite())));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Deletes an account with its API keys. A running server refuses its next request.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "NAME", description = "the account name")
    String name;

    @Override
    public Integer call() {
      try (Store store = node.open()) {
        if (!Accounts.of(store.accounts()).revoke(name)) {
          throw new UserError("no account named '" + name + "'");
        }
        spec.commandLine().getOut().println("account " + name + " revoked");
      }
      return 0;
    }
  }
}
