package org.detente.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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

/** {@code detente export --collection C [--type T] [--added-after TS] [--out FILE]}. */
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

  @Mixin Output output;

  @Override
  public Integer call() throws IOException {
    ObjectFilter filter;
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
    try (Store store = node.open()) {
      Exporter exporter = new Exporter(store, Clock.systemUTC());
      count = output.write(o -> exporter.run(collection, filter, o));
    } catch (UnknownCollectionException e) {
      throw new UserError("no collection '" + collection + "' in " + node.describe(), e);
    }
    spec.commandLine().getErr().println("exported " + count + " object(s) from " + collection);
    return 0;
  }
}
