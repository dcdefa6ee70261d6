package org.detente.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.detente.pattern.Evaluation;
import org.detente.pattern.Observation;
import org.detente.pattern.PatternEvaluator;
import org.detente.pattern.PatternExpression;
import org.detente.pattern.PatternSyntaxException;
import org.detente.pattern.StixPatterns;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detente pattern validate|match|check}: STIX patterns one at a time or in bulk. */
@Command(
    name = "pattern",
    mixinStandardHelpOptions = true,
    description = "Validates STIX 2.1 patterns and matches them against observed-data.",
    subcommands = {
      PatternCommand.Validate.class,
      PatternCommand.Match.class,
      PatternCommand.Check.class
    })
final class PatternCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The pattern parsed, or the error printed with a caret under its offset. */
  static PatternExpression parse(String pattern, PrintWriter out) {
    try {
      return StixPatterns.parse(pattern);
    } catch (PatternSyntaxException e) {
      out.println("invalid pattern: " + e.getMessage());
      if (pattern.length() <= 200 && pattern.indexOf('\n') < 0) {
        out.println("  " + pattern);
        out.println("  " + " ".repeat(Math.min(e.offset(), pattern.length())) + "^");
      }
      return null;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks that PATTERN is a valid STIX 2.1 pattern.",
        "Exit 0 when valid; 1 when invalid, with the error and its 0-based offset."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "the pattern, quoted")
    String pattern;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PatternExpression p = parse(pattern, out);
      if (p != null) {
        out.println("valid: " + p);
      }
      out.flush();
      return p == null ? 1 : 0;
    }
  }

  @Command(
      name = "match",
      mixinStandardHelpOptions = true,
      description = {
        "Matches PATTERN against the observed-data of FILE (a bundle, or a JSON array, of"
            + " observed-data and the SCOs they reference; '-' reads standard input).",
        "Prints 'match' and the observed-data of one satisfying binding, or 'no match'.",
        "Exit 0 on a match, 1 on no match or an invalid pattern, 2 when FILE cannot be used."
      })
  static final class Match implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "the pattern, quoted")
    String pattern;

    @Parameters(index = "1", paramLabel = "FILE", description = "the observations")
    Path file;

    @Option(
        names = "--max-object-bytes",
        defaultValue = "10485760",
        description = "largest object accepted, in bytes (default: ${DEFAULT-VALUE})")
    long maxObjectBytes;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PatternExpression p = parse(pattern, out);
      if (p == null) {
        out.flush();
        return 1;
      }
      List<StixObject> objects = new ArrayList<>();
      StixReader reader = StixReader.withLimits(Limits.of(maxObjectBytes, 64));
      StixReader.Summary summary;
      try (InputStream in = open(file)) {
        summary =
            reader.read(
                in,
                item -> {
                  switch (item) {
                    case StixReader.Parsed parsed -> objects.add(parsed.object());
                    case StixReader.Rejected r ->
                        throw new UserError(file + ": object #" + r.index() + ": " + r.error());
                  }
                });
      } catch (NoSuchFileException e) {
        throw new UserError("no such file: " + file, e);
      }
      if (!summary.complete()) {
        throw new UserError(file + ": malformed JSON");
      }
      List<Observation> observations;
      try {
        observations = Observation.fromBundle(objects);
      } catch (IllegalArgumentException e) {
        throw new UserError(file + ": " + e.getMessage(), e);
      }
      Evaluation e = PatternEvaluator.evaluate(p, observations);
      if (e.matched()) {
        out.println("match");
        e.observationIds().forEach(id -> out.println("  " + id));
      } else {
        out.println("no match (" + observations.size() + " observed-data)");
      }
      out.flush();
      return e.matched() ? 0 : 1;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Validates and matches many patterns: each line of FILE ('-' for standard input) is"
            + " {\"pattern\": \"...\", \"observations\": [STIX objects]} (observations optional).",
        "Prints one line per input line, in order: {\"valid\": true|false, \"match\":"
            + " true|false} plus \"error\" when the line has one. A bad line never stops the run.",
        "Exit 0 when every pattern was valid, 1 otherwise."
      })
  static final class Check implements Callable<Integer> {
    /** The longest input line accepted, in characters. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    @Spec CommandSpec spec;

    @Option(names = "--jsonl", required = true, paramLabel = "FILE", description = "the input")
    Path file;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      boolean allValid = true;
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16)) {
        long lineNumber = 0;
        StringBuilder line = new StringBuilder();
        while (readLine(in, line)) {
          lineNumber++;
          ObjectNode result = check(line, lineNumber);
          allValid &= result.get("valid").booleanValue();
          out.println(StixJson.write(result));
        }
      } catch (NoSuchFileException e) {
        throw new UserError("no such file: " + file, e);
      }
      out.flush();
      return allValid ? 0 : 1;
    }

    /** Reads one line into {@code line}; over {@link #MAX_LINE} the rest is dropped. */
    private static boolean readLine(BufferedReader in, StringBuilder line) throws IOException {
      line.setLength(0);
      int c = in.read();
      if (c < 0) {
        return false;
      }
      while (c >= 0 && c != '\n') {
        if (line.length() <= MAX_LINE) {
          line.append((char) c);
        }
        c = in.read();
      }
      if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
        line.setLength(line.length() - 1);
      }
      return true;
    }

    static ObjectNode check(CharSequence line, long lineNumber) {
      ObjectNode r = StixJson.newObject();
      r.put("valid", false);
      r.put("match", false);
      if (line.length() > MAX_LINE) {
        r.put("error", "line " + lineNumber + " is over " + MAX_LINE + " characters");
        return r;
      }
      JsonNode in;
      try {
        in = StixJson.mapper().readTree(line.toString());
      } catch (IOException e) {
        r.put("error", "line " + lineNumber + ": malformed JSON: " + firstLine(e.getMessage()));
        return r;
      }
      JsonNode pattern = in == null ? null : in.get("pattern");
      if (pattern == null || !pattern.isTextual()) {
        r.put("error", "line " + lineNumber + ": expected an object with a string 'pattern'");
        return r;
      }
      PatternExpression p;
      try {
        p = StixPatterns.parse(pattern.textValue());
      } catch (PatternSyntaxException e) {
        r.put("error", e.getMessage());
        return r;
      }
      r.put("valid", true);
      JsonNode observations = in.get("observations");
      if (observations == null || observations.isNull()) {
        return r;
      }
      try {
        r.put(
            "match", PatternEvaluator.evaluate(p, Observation.fromBundle(observations)).matched());
      } catch (IllegalArgumentException e) {
        r.put("error", "observations: " + e.getMessage());
      }
      return r;
    }

    private static String firstLine(String s) {
      int nl = s.indexOf('\n');
      return nl < 0 ? s : s.substring(0, nl);
    }
  }

  static InputStream open(Path file) throws IOException {
    if (file.toString().equals("-")) {
      return System.in;
    }
    return new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }
}
