package org.detente.cli;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.detente.node.service.ImportReport;
import org.detente.node.service.Importer;
import org.detente.node.service.ObjectRules;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.stix.StixReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente import FILE|DIR... --collection C}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports STIX 2.1 content into a collection of the node's store.",
      "Each FILE holds one object, a bundle or a JSON array; a DIR is searched for *.json files.",
      "Every object is validated; invalid ones are rejected with the reason, the rest are stored.",
      "Exit 0 when nothing was rejected, 1 otherwise."
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "what to import")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = {"-c", "--collection"},
      required = true,
      paramLabel = "C",
      description = "the collection to import into (created when missing)")
  String collection;

  @Option(names = "--no-progress", description = "do not draw a progress bar")
  boolean noProgress;

  @Option(
      names = "--show-rejections",
      paramLabel = "N",
      defaultValue = "20",
      description = "print at most N rejections with their reasons (default: ${DEFAULT-VALUE})")
  int showRejections;

  @Option(
      names = "--max-object-bytes",
      defaultValue = "10485760",
      description = "largest object accepted, in bytes (default: ${DEFAULT-VALUE})")
  long maxObjectBytes;

  @Option(
      names = "--max-depth",
      defaultValue = "64",
      description = "deepest nesting accepted inside one object (default: ${DEFAULT-VALUE})")
  int maxDepth;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files = expand(inputs);
    long totalBytes = 0;
    for (Path f : files) {
      totalBytes += Files.size(f);
    }
    StixReader reader = StixReader.withLimits(Limits.of(maxObjectBytes, maxDepth));
    long started = System.nanoTime();
    ImportReport report = ImportReport.empty();
    try (Store store = node.open()) {
      if (store.collection(collection).isEmpty()) {
        store.putCollection(CollectionInfo.of(collection, collection));
        out.println("created collection " + collection + " in " + node.describe());
      }
      Importer importer = new Importer(store, ObjectRules.standard(), reader);
      try (ProgressBar bar = Progress.bar("import", totalBytes, !noProgress)) {
        long before = 0;
        for (Path f : files) {
          long base = before;
          try (CountingStream in = new CountingStream(open(f))) {
            ImportReport r =
                importer.run(collection, in, read -> Progress.step(bar, base + in.count));
            report = report.plus(r);
            if (!r.complete()) {
              out.println(f + ": malformed JSON stopped the read; objects before it were kept");
            }
          }
          before += Files.size(f);
          Progress.step(bar, before);
        }
      }
    } catch (UncheckedIOException e) {
      throw new UserError("reading failed: " + e.getCause().getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int shown = 0;
    for (ImportReport.Rejection r : report.rejections()) {
      if (shown++ >= showRejections) {
        break;
      }
      out.println("rejected #" + r.index() + " " + r.objectId() + ": " + r.reason());
    }
    if (report.rejected() > shown) {
      out.println("... and " + (report.rejected() - Math.min(shown, report.rejected())) + " more");
    }
    out.printf(
        java.util.Locale.ROOT,
        "imported into %s: %,d read, %,d added, %,d unchanged, %,d rejected in %.1f s (%,.0f objects/s)%n",
        collection,
        report.read(),
        report.added(),
        report.unchanged(),
        report.rejected(),
        seconds,
        report.read() / Math.max(seconds, 1e-9));
    out.flush();
    return report.rejected() == 0 && report.complete() ? 0 : 1;
  }

  static List<Path> expand(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new UserError("no such file or directory: " + p);
      }
    }
    return files;
  }

  private static InputStream open(Path f) throws IOException {
    return new BufferedInputStream(Files.newInputStream(f), 1 << 16);
  }

  /** Counts the bytes read through it, for the progress bar. */
  static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
