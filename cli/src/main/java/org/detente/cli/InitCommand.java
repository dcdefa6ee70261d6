package org.detente.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.detente.node.identity.NodeKeys;
import org.detente.stix.StixObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detente init [--data DIR] --name NAME}: the node's identity and keys. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the node's STIX identity (an organization) and its Ed25519 key pair in the data"
          + " directory: identity.json, keys/node.ed25519.key (mode 0600), keys/node.ed25519.pub"
          + " (give it to partners) and keys/credentials.key (mode 0600, seals the credentials for"
          + " partners' servers).",
      "Refuses to overwrite an existing identity or key."
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "the node's data directory (default: ${DEFAULT-VALUE})",
      defaultValue = "${env:DETENTE_DATA:-" + NodeOptions.DEFAULT_DATA + "}")
  java.nio.file.Path data;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "the node's name")
  String name;

  @Override
  public Integer call() {
    NodeKeys keys = NodeKeys.in(data);
    StixObject identity;
    try {
      identity = keys.init(name);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserError(e.getMessage(), e);
    } catch (IOException e) {
      throw new UserError("cannot write the node's keys in " + data + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("identity " + identity.id() + " (" + name + ")");
    out.println("public key: " + keys.publicKeyFile());
    return 0;
  }
}
