package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.detente.node.service.ImportReport;
import org.detente.node.service.Importer;
import org.detente.node.service.ObjectRules;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Cursor;
import org.detente.node.store.ManifestEntry;
import org.detente.node.store.Mention;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoredObject;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import org.detente.stix.Tlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code detente demo}: sets up a node's data directory on the embedded store, imports the bundled
 * sample of intelligence and shows what the node holds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a node's data directory (embedded SQLite store by default), imports the bundled"
          + " sample intelligence (an invented campaign: indicators at every TLP level, several"
          + " versions, a revocation, relationships, observed data, a sighting, a disputed"
          + " attribution) and prints what the node holds.",
      "Running it again changes nothing: every version is reported unchanged."
    })
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE = "sample-intel.json";
  static final String COLLECTION = "demo-intel";

  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Détente demo: a node on " + node.describe());
    try (Store store = node.open()) {
      if (store.collection(COLLECTION).isEmpty()) {
        store.putCollection(
            new CollectionInfo(
                COLLECTION,
                "Demo intelligence",
                Optional.of("The bundled sample: Operation Glass Harbor"),
                List.of(CollectionInfo.STIX_21)));
        out.println("created collection " + COLLECTION);
      }
      ImportReport report;
      try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
        if (in == null) {
          throw new IllegalStateException("the sample " + SAMPLE + " is missing from the build");
        }
        Importer importer =
            new Importer(store, ObjectRules.standard(), StixReader.withDefaultLimits());
        report = importer.run(COLLECTION, in, null);
      }
      out.printf(
          "imported the sample: %d read, %d added, %d unchanged, %d rejected%n",
          report.read(), report.added(), report.unchanged(), report.rejected());
      for (ImportReport.Rejection r : report.rejections()) {
        out.println("  rejected " + r.objectId() + ": " + r.reason());
      }
      out.println();
      describe(store, out);
    }
    out.flush();
    return 0;
  }

  private static void describe(Store store, PrintWriter out) {
    out.println("What the node holds:");
    for (CollectionInfo c : store.collections()) {
      // One walk over every version: versions per type, and distinct ids per type.
      Map<String, int[]> byType = new TreeMap<>();
      Set<String> ids = new HashSet<>();
      long versions = 0;
      Optional<Cursor> next = Optional.empty();
      ObjectFilter all = ObjectFilter.all().withVersions(VersionMatch.ALL);
      do {
        Page<ManifestEntry> page = store.manifest(c.id(), all, new PageRequest(1_000, next));
        for (ManifestEntry e : page.items()) {
          versions++;
          int[] n = byType.computeIfAbsent(type(e.id()), t -> new int[2]);
          n[0]++;
          if (ids.add(e.id())) {
            n[1]++;
          }
        }
        next = page.next();
      } while (next.isPresent());
      long objects = ids.size();
      out.printf(
          "  collection %s (%s): %d objects, %d versions%n", c.id(), c.title(), objects, versions);
      out.printf("    %-22s %8s %9s%n", "type", "objects", "versions");
      byType.forEach((t, n) -> out.printf("    %-22s %8d %9d%n", t, n[1], n[0]));
    }
    out.println();
    out.println("  Indicators (latest version of each):");
    for (CollectionInfo c : store.collections()) {
      Page<StoredObject> page =
          store.objects(c.id(), ObjectFilter.all().withTypes("indicator"), PageRequest.first(100));
      List<String> lines = new ArrayList<>();
      for (StoredObject so : page.items()) {
        StixObject o = so.object();
        String tlp = tlpOf(o);
        String state = o.revoked() ? " (revoked)" : "";
        lines.add(
            String.format(
                "    %-16s %-30s %s%s",
                tlp, o.string("name").orElse("(no name)"), o.string("pattern").orElse(""), state));
      }
      lines.forEach(out::println);
    }
    out.println();
    for (String value : List.of("203.0.113.45", "198.51.100.23", "UPDATE-HarborLight.example.")) {
      List<Mention> mentions = store.mentions(value);
      out.println("  Who mentions " + value + "? " + mentions.size() + " object(s)");
      for (Mention m : mentions) {
        out.println("    " + m.objectId() + " (" + m.type() + ") in " + m.collectionId());
      }
    }
  }

  private static String tlpOf(StixObject o) {
    com.fasterxml.jackson.databind.JsonNode refs = o.property("object_marking_refs");
    Optional<Tlp> strictest = Optional.empty();
    if (refs != null && refs.isArray()) {
      for (com.fasterxml.jackson.databind.JsonNode r : refs) {
        Optional<Tlp> t = Tlp.ofMarkingId(r.asText());
        if (t.isPresent() && (strictest.isEmpty() || t.get().compareTo(strictest.get()) > 0)) {
          strictest = t;
        }
      }
    }
    return strictest.map(Tlp::label).orElse("(no TLP)");
  }

  private static String type(String id) {
    int i = id.indexOf("--");
    return i > 0 ? id.substring(0, i) : id;
  }
}
