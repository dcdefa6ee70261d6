package org.detente.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente collections add|list}. */
@Command(
    name = "collections",
    mixinStandardHelpOptions = true,
    description = "Manages the node's collections.",
    subcommands = {CollectionsCommand.Add.class, CollectionsCommand.ListCollections.class})
final class CollectionsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Creates a collection, or sets the title and description of an existing one"
              + " (its objects are kept).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "ID", description = "the collection's id")
    String id;

    @Option(names = "--title", required = true, paramLabel = "T", description = "its title")
    String title;

    @Option(names = "--description", paramLabel = "D", description = "its description")
    String description;

    @Override
    public Integer call() {
      try (Store store = node.open()) {
        boolean existed = store.collection(id).isPresent();
        CollectionInfo c;
        try {
          c =
              new CollectionInfo(
                  id,
                  title,
                  Optional.ofNullable(description),
                  existed
                      ? store.collection(id).orElseThrow().mediaTypes()
                      : List.of(CollectionInfo.STIX_21));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
        store.putCollection(c);
        spec.commandLine()
            .getOut()
            .println(
                "collection "
                    + id
                    + (existed ? " updated" : " created")
                    + " in "
                    + node.describe());
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the collections: id, title and description, tab-separated.")
  static final class ListCollections implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store store = node.open()) {
        for (CollectionInfo c : store.collections()) {
          out.println(c.id() + "\t" + c.title() + "\t" + c.description().orElse(""));
        }
      }
      return 0;
    }
  }
}
