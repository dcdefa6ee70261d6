package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.detente.node.service.ObjectRules;
import org.detente.stix.StixError;
import org.detente.stix.StixReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code detente validate FILE...}: one line per error, exit 0 when every object of every file is
 * valid, 1 otherwise.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates STIX 2.1 content against the specification.",
      "A FILE holds one object, a bundle, or a JSON array of objects; '-' reads standard input.",
      "Prints one line per error (FILE: id: property: message [rule]); exit 0 when all is valid,"
          + " 1 otherwise."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to validate")
  List<Path> files = new ArrayList<>();

  @picocli.CommandLine.Option(
      names = "--max-object-bytes",
      description = "largest object accepted, in bytes (default: ${DEFAULT-VALUE})",
      defaultValue = "10485760")
  long maxObjectBytes;

  @picocli.CommandLine.Option(
      names = "--max-depth",
      description = "deepest nesting accepted inside one object (default: ${DEFAULT-VALUE})",
      defaultValue = "64")
  int maxDepth;

  @picocli.CommandLine.Option(
      names = {"-q", "--quiet"},
      description = "print errors only, no per-file summary")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    StixReader reader = StixReader.withLimits(Limits.of(maxObjectBytes, maxDepth));
    ObjectRules rules = ObjectRules.standard();
    long totalInvalid = 0;
    for (Path file : files) {
      long[] counts = new long[2]; // objects, invalid
      String name = file.toString();
      try (InputStream in = open(file)) {
        reader.read(
            in,
            item -> {
              counts[0]++;
              List<StixError> errors =
                  switch (item) {
                    case StixReader.Parsed p -> rules.check(p.object());
                    case StixReader.Rejected r -> List.of(r.error());
                  };
              if (!errors.isEmpty()) {
                counts[1]++;
                for (StixError e : errors) {
                  out.println(name + ": " + e);
                }
              }
            });
      } catch (java.nio.file.NoSuchFileException e) {
        out.println(name + ": no such file");
        totalInvalid++;
        continue;
      }
      if (!quiet) {
        out.println(
            name
                + ": "
                + counts[0]
                + " object(s), "
                + (counts[0] - counts[1])
                + " valid, "
                + counts[1]
                + " invalid");
      }
      totalInvalid += counts[1];
    }
    out.flush();
    return totalInvalid == 0 ? 0 : 1;
  }

  private static InputStream open(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return System.in;
    }
    return new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }
}
