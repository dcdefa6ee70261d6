package org.detente.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.detente.node.policy.Partners;
import org.detente.node.policy.Recipient;
import org.detente.node.policy.Withheld;
import org.detente.node.service.Exporter;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.UnknownCollectionException;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixTimestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code detente export --collection C [--type T] [--added-after TS] [--for PARTNER] [--out FILE]}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the objects of a collection as one STIX 2.1 bundle, in the order they were added.",
      "Every stored version is exported unless --version says otherwise; each object is written"
          + " exactly as it was received."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Option(
      names = {"-c", "--collection"},
      required = true,
      paramLabel = "C",
      description = "the collection to export")
  String collection;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "T",
      split = ",",
      description = "only objects of these types (repeat or comma-separate)")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--added-after",
      paramLabel = "TS",
      description = "only objects added to the collection after this STIX timestamp")
  String addedAfter;

  @Option(
      names = "--version",
      paramLabel = "V",
      defaultValue = "all",
      description =
          "which versions: all, first, last or STIX timestamps, comma-separated"
              + " (default: ${DEFAULT-VALUE})")
  String version;

  @Option(
      names = "--for",
      paramLabel = "PARTNER",
      description =
          "export what this partner may receive under its sharing agreement; withheld objects are"
              + " listed on standard error with the reason")
  String partner;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "write to FILE instead of standard output")
  Path outFile;

  private ObjectFilter filter;

  @Override
  public Integer call() throws IOException {
    try {
      Optional<Instant> after =
          addedAfter == null
              ? Optional.empty()
              : Optional.of(
                  StixTimestamp.parse(addedAfter)
                      .orElseThrow(
                          () ->
                              new UserError(
                                  "--added-after must be a STIX timestamp such as"
                                      + " 2026-01-31T12:00:00Z, got '"
                                      + addedAfter
                                      + "'")));
      filter = new ObjectFilter(List.of(), types, VersionMatch.parse(version), List.of(), after);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    long count;
    PrintWriter err = spec.commandLine().getErr();
    List<Withheld> withheld = new ArrayList<>();
    try (Store store = node.open()) {
      Optional<Recipient> to = Optional.empty();
      if (partner != null) {
        to = new Partners(store.partners()).forPartner(partner);
        if (to.isEmpty()) {
          throw new UserError("no partner named '" + partner + "' in " + node.describe());
        }
      }
      if (outFile == null) {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        count = export(store, to, stdout, withheld);
        stdout.flush();
      } else {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
          count = export(store, to, o, withheld);
        }
      }
    } catch (UnknownCollectionException e) {
      throw new UserError("no collection '" + collection + "' in " + node.describe(), e);
    }
    for (Withheld w : withheld) {
      err.println(
          "withheld " + w.id() + w.version().map(v -> " " + v).orElse("") + ": " + w.reason());
    }
    err.println(
        "exported "
            + count
            + " object(s) from "
            + collection
            + (partner == null ? "" : " for " + partner + ", withheld " + withheld.size()));
    return 0;
  }

  private long export(Store store, Optional<Recipient> to, OutputStream out, List<Withheld> kept)
      throws IOException {
    Exporter e = new Exporter(store, Clock.systemUTC());
    return to.isPresent()
        ? e.runFor(to.get(), collection, filter, out, kept::add)
        : e.run(collection, filter, out);
  }
}
