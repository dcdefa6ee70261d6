package org.detente.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import me.tongfei.progressbar.ProgressBar;
import org.detente.pattern.IndicatorMatcher;
import org.detente.pattern.MatchHit;
import org.detente.pattern.Observation;
import org.detente.pattern.PatternSyntaxException;
import org.detente.pattern.sighting.Evidence;
import org.detente.pattern.sighting.SightingAggregator;
import org.detente.pattern.telemetry.MalformedRecordException;
import org.detente.pattern.telemetry.TelemetryAdapter;
import org.detente.stix.Identifiers;
import org.detente.stix.ScoIds;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import org.detente.stix.StixTimestamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code detente match --indicators BUNDLE [--zeek F|D] [--suricata F] [--stix F] --out FILE}.
 *
 * <p>Loads the indicators into an {@link IndicatorMatcher}, streams the telemetry through the
 * adapters and the matcher on one thread, and writes a bundle: our identity (when generated), the
 * evidence (observed-data with their SCOs, at most {@code --evidence} per sighting, each SCO once)
 * and the sightings. The bundle is written to a temporary file next to {@code --out} and moved into
 * place at the end, so a failed run leaves no half-written output.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Matches telemetry against STIX indicators and writes the hits as STIX sightings.",
      "Zeek logs must be JSON (one record a line; a DIR is searched for *.log, *.json and their"
          + " .gz); Suricata input is EVE JSON; --stix takes one bundle of observed-data a line.",
      "Indicators whose pattern_type is not stix, or whose pattern is invalid, are reported and"
          + " skipped; revoked ones are dropped; the matcher applies valid_from/valid_until to each"
          + " event's time.",
      "Malformed lines are counted, the first few reported with their line numbers, and skipped.",
      "Exit 0 when the run completed, 2 on a usage or input error."
    })
final class MatchCommand implements Callable<Integer> {
  private static final int SHOWN = 10;

  @Spec CommandSpec spec;

  @Option(
      names = "--indicators",
      required = true,
      paramLabel = "BUNDLE",
      description = "STIX bundle (or array) holding the indicators")
  Path indicators;

  @Option(names = "--zeek", paramLabel = "FILE|DIR", description = "Zeek JSON log(s)")
  List<Path> zeek = new ArrayList<>();

  @Option(names = "--suricata", paramLabel = "FILE", description = "Suricata EVE JSON file(s)")
  List<Path> suricata = new ArrayList<>();

  @Option(names = "--stix", paramLabel = "FILE", description = "newline-delimited STIX bundles")
  List<Path> stix = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "sightings bundle")
  Path out;

  @Option(
      names = "--identity",
      paramLabel = "ID",
      description =
          "identity--UUID that sights (default: one derived from the host name, written to the"
              + " output)")
  String identity;

  @Option(
      names = "--bucket",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description =
          "one sighting per indicator and bucket: 30s, 15m, 1h, 1d or ISO 8601 (default:"
              + " ${DEFAULT-VALUE})")
  String bucket;

  @Option(
      names = "--evidence",
      paramLabel = "N",
      defaultValue = "10",
      description = "observed-data referenced per sighting at most (default: ${DEFAULT-VALUE})")
  int evidence;

  @Option(names = "--no-progress", description = "do not draw a progress bar")
  boolean noProgress;

  private record Source(Path file, String name, TelemetryAdapter adapter) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    Duration bucketLength = parseDuration(bucket);
    String who = identity != null ? identity : defaultIdentity();
    if (!Identifiers.isValid(who, "identity")) {
      throw new UserError("--identity must be an identity--UUID identifier, got " + who);
    }
    if (evidence < 0) {
      throw new UserError("--evidence must be 0 or more, got " + evidence);
    }
    List<Source> sources = sources();
    if (sources.isEmpty()) {
      throw new UserError("nothing to match: give --zeek, --suricata or --stix");
    }
    Clock clock = Clock.systemUTC();
    IndicatorMatcher matcher = IndicatorMatcher.create();
    new IndicatorLoader(matcher, clock.instant(), stdout).load(indicators);

    SightingAggregator sightings = new SightingAggregator(who, bucketLength, evidence, clock);
    Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".tmp");
    Run run = new Run(matcher, sightings, who, clock, stdout);
    long totalBytes = 0;
    for (Source s : sources) {
      totalBytes += Files.size(s.file());
    }
    long started = System.nanoTime();
    long cpuStarted = threadCpu();
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        JsonGenerator g = StixJson.mapper().getFactory().createGenerator(os, JsonEncoding.UTF8)) {
      run.generator = g;
      g.writeRaw("{\"type\":\"bundle\",\"id\":\"" + Identifiers.random("bundle") + "\",");
      g.writeRaw("\"objects\":[");
      if (identity == null) {
        run.write(identityObject(who));
      }
      try (ProgressBar bar = Progress.bar("match", totalBytes, !noProgress)) {
        long before = 0;
        for (Source s : sources) {
          long base = before;
          try (ImportCommand.CountingStream in =
              new ImportCommand.CountingStream(Files.newInputStream(s.file()))) {
            InputStream body =
                s.file().getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(in, 1 << 16)
                    : in;
            run.source = s;
            TelemetryLines.read(
                body,
                new TelemetryLines.Sink() {
                  @Override
                  public void line(byte[] b, int off, int len, long lineNumber) {
                    run.line(b, off, len, lineNumber);
                    if ((lineNumber & 0x3fff) == 0) {
                      Progress.step(bar, base + in.count);
                    }
                  }

                  @Override
                  public void tooLong(long lineNumber, long length) {
                    run.malformed(
                        lineNumber,
                        "line of "
                            + length
                            + " bytes is over the limit of "
                            + TelemetryAdapter.MAX_RECORD_BYTES);
                  }
                });
          }
          before += Files.size(s.file());
          Progress.step(bar, before);
        }
      }
      List<StixObject> written = sightings.changed();
      for (StixObject o : written) {
        run.write(o);
      }
      g.writeRaw("\n]}\n");
      g.flush();
      run.sightingsWritten = written.size();
    } catch (UncheckedIOException e) {
      Files.deleteIfExists(tmp);
      throw new UserError("writing " + out + " failed: " + e.getCause().getMessage(), e);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new UserError(
          "input or output failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = (threadCpu() - cpuStarted) / 1e9;
    if (run.malformed > SHOWN) {
      stdout.println("... and " + (run.malformed - SHOWN) + " more malformed lines");
    }
    stdout.printf(
        Locale.ROOT,
        "matched %,d events in %.1f s (%,.0f events/s; %.1f s CPU on the matching thread, %,.0f"
            + " events per CPU-second): %,d hits, %,d sightings written to %s, %,d malformed lines"
            + " skipped%n",
        run.events,
        seconds,
        run.events / Math.max(seconds, 1e-9),
        cpu,
        run.events / Math.max(cpu, 1e-9),
        sightings.hits(),
        run.sightingsWritten,
        out,
        run.malformed);
    stdout.flush();
    return 0;
  }

  /** CPU time of the current thread in nanoseconds (0 where the JVM cannot tell). */
  static long threadCpu() {
    java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
  }

  /** The state of one run over the telemetry. */
  private static final class Run {
    final IndicatorMatcher matcher;
    final SightingAggregator sightings;
    final String identity;
    final Clock clock;
    final PrintWriter stdout;
    final Set<String> writtenScos = new HashSet<>();
    JsonGenerator generator;
    boolean first = true;
    Source source;
    long events;
    long malformed;
    int sightingsWritten;
    private Observation current;
    private final java.util.function.Consumer<Observation> onObservation = this::observation;
    private final java.util.function.Consumer<MatchHit> onHit = this::hit;

    Run(
        IndicatorMatcher matcher,
        SightingAggregator sightings,
        String identity,
        Clock clock,
        PrintWriter stdout) {
      this.matcher = matcher;
      this.sightings = sightings;
      this.identity = identity;
      this.clock = clock;
      this.stdout = stdout;
    }

    void line(byte[] b, int off, int len, long lineNumber) {
      try {
        source.adapter().read(b, off, len, lineNumber, onObservation);
        events++;
      } catch (MalformedRecordException e) {
        malformed(lineNumber, e.getMessage());
      }
    }

    void malformed(long lineNumber, String message) {
      if (++malformed <= SHOWN) {
        stdout.println("malformed " + source.name() + ":" + lineNumber + ": " + message);
      }
    }

    private void observation(Observation o) {
      current = o;
      matcher.match(o, onHit);
    }

    /**
     * Records a hit. Evidence is published for the observation that completed the hit (the one in
     * hand); the earlier partners of a multi-observation pattern are not kept in memory, so they
     * are counted in the sighting but not referenced.
     */
    private void hit(MatchHit h) {
      List<String> refs = List.of(current.id());
      List<String> evidence =
          sightings.record(h.indicatorId(), refs, h.firstObserved(), h.lastObserved());
      if (!evidence.isEmpty()) {
        List<StixObject> objects = Evidence.of(current, identity, clock.instant());
        write(objects.get(0));
        for (StixObject sco : objects.subList(1, objects.size())) {
          if (writtenScos.add(sco.id())) {
            write(sco);
          }
        }
      }
    }

    void write(StixObject o) {
      try {
        generator.writeRaw(first ? "\n" : ",\n");
        first = false;
        generator.writeRaw(o.toJson());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<Source> sources() throws IOException {
    List<Source> list = new ArrayList<>();
    for (Path p : zeek) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(MatchCommand::isLogFile)
              .sorted()
              .forEach(f -> list.add(source(f, TelemetryAdapter::zeek)));
        }
      } else {
        list.add(source(file(p), TelemetryAdapter::zeek));
      }
    }
    for (Path p : suricata) {
      list.add(source(file(p), TelemetryAdapter::suricata));
    }
    for (Path p : stix) {
      list.add(source(file(p), TelemetryAdapter::stixBundles));
    }
    return list;
  }

  private static Source source(Path f, java.util.function.Function<String, TelemetryAdapter> make) {
    String name = f.toString().replace('\\', '/');
    return new Source(f, name, make.apply(name));
  }

  private static Path file(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new UserError("no such file: " + p);
    }
    return p;
  }

  private static boolean isLogFile(Path f) {
    String n = f.getFileName().toString();
    String base = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    return base.endsWith(".log") || base.endsWith(".json");
  }

  /** {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d} or an ISO 8601 duration. */
  static Duration parseDuration(String s) {
    Duration d;
    try {
      if (s.matches("[0-9]{1,9}[smhd]")) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        d =
            switch (s.charAt(s.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        d = Duration.parse(s);
      }
    } catch (DateTimeParseException e) {
      throw new UserError("--bucket: not a duration (30s, 15m, 1h, 1d or PT1H): " + s, e);
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new UserError("--bucket must be at least 1 second, got " + s);
    }
    return d;
  }

  /** A UUIDv5 of the host name: the same node always sights as the same identity. */
  static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    return "identity--"
        + ScoIds.uuidV5(
            SightingAggregator.NAMESPACE,
            ("detente-node:" + host).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The generated identity: its timestamps are fixed so that every run writes the same object (one
   * version), not a new version of it.
   */
  private static StixObject identityObject(String id) {
    String t = StixTimestamp.formatMillis(Instant.parse("2026-01-01T00:00:00Z"));
    var o = StixJson.newObject();
    o.put("type", "identity");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", t);
    o.put("modified", t);
    o.put("name", "Détente node");
    o.put("identity_class", "system");
    return StixObject.adopt(o);
  }

  /**
   * Reads the indicator bundle into the matcher: the latest version of each indicator (by {@code
   * modified}) wins; revoked ones are removed; patterns of another type or invalid are reported.
   */
  private static final class IndicatorLoader {
    final IndicatorMatcher matcher;
    final Instant now;
    final PrintWriter stdout;
    Map<String, String> versions;
    final Map<String, Long> otherTypes = new HashMap<>();
    long read;
    long revoked;
    long expired;
    long invalid;
    long rejected;
    long older;

    IndicatorLoader(IndicatorMatcher matcher, Instant now, PrintWriter stdout) {
      this.matcher = matcher;
      this.now = now;
      this.stdout = stdout;
    }

    void load(Path bundle) throws IOException {
      if (!Files.isRegularFile(bundle)) {
        throw new UserError("no such file: " + bundle);
      }
      long started = System.nanoTime();
      long cpuStarted = threadCpu();
      // about 700 bytes an indicator: size the map of versions once
      versions = new HashMap<>((int) Math.min(1 << 26, Files.size(bundle) / 350 + 16));
      StixReader.Summary summary = readOnSecondThread(bundle);
      if (!summary.complete()) {
        throw new UserError(bundle + ": malformed JSON stopped the read of the indicators");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpu = (threadCpu() - cpuStarted) / 1e9;
      StringBuilder other = new StringBuilder();
      otherTypes.forEach((k, v) -> other.append(other.isEmpty() ? "" : ", ").append(k + ": " + v));
      stdout.printf(
          Locale.ROOT,
          "indicators: %,d read, %,d loaded in %.1f s (%.1f s CPU adding to the matcher, parsing"
              + " on a second thread); %,d revoked, %,d past valid_until, %,d invalid, %,d not stix%s, %,d rejected objects,"
              + " %,d older versions%n",
          read,
          matcher.size(),
          seconds,
          cpu,
          revoked,
          expired,
          invalid,
          otherTypes.values().stream().mapToLong(Long::longValue).sum(),
          other.isEmpty() ? "" : " (" + other + ")",
          rejected,
          older);
      stdout.flush();
    }

    /**
     * Parses the bundle on a second thread while this one adds to the matcher: the two halves of
     * loading take about the same time. Items cross in batches of {@value #BATCH}; objects other
     * than indicators are dropped on the reading side.
     */
    private StixReader.Summary readOnSecondThread(Path bundle) throws IOException {
      java.util.concurrent.BlockingQueue<List<StixReader.Item>> queue =
          new java.util.concurrent.ArrayBlockingQueue<>(16);
      List<StixReader.Item> end = List.of();
      StixReader.Summary[] summary = new StixReader.Summary[1];
      Throwable[] failure = new Throwable[1];
      Thread reader =
          Thread.ofPlatform()
              .name("indicator-reader")
              .start(
                  () -> {
                    List<List<StixReader.Item>> batch = new ArrayList<>(List.of(new ArrayList<>()));
                    try (InputStream in =
                        new java.io.BufferedInputStream(Files.newInputStream(bundle), 1 << 16)) {
                      summary[0] =
                          StixReader.withDefaultLimits()
                              .read(
                                  in,
                                  item -> {
                                    if (item instanceof StixReader.Parsed p
                                        && !p.object().type().equals("indicator")) {
                                      return;
                                    }
                                    batch.get(0).add(item);
                                    if (batch.get(0).size() == BATCH) {
                                      put(queue, batch.get(0));
                                      batch.set(0, new ArrayList<>());
                                    }
                                  });
                      put(queue, batch.get(0));
                    } catch (IOException | RuntimeException e) {
                      failure[0] = e;
                    } finally {
                      put(queue, end);
                    }
                  });
      try {
        for (List<StixReader.Item> items; (items = queue.take()) != end; ) {
          for (StixReader.Item item : items) {
            switch (item) {
              case StixReader.Parsed p -> indicator(p.object());
              case StixReader.Rejected r -> {
                if (++rejected <= SHOWN) {
                  stdout.println("indicators: rejected #" + r.index() + ": " + r.error());
                }
              }
            }
          }
        }
        reader.join();
      } catch (InterruptedException e) {
        reader.interrupt();
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while loading the indicators", e);
      }
      if (failure[0] instanceof IOException e) {
        throw e;
      }
      if (failure[0] instanceof RuntimeException e) {
        throw e;
      }
      return summary[0];
    }

    private static final int BATCH = 1_000;

    private static void put(
        java.util.concurrent.BlockingQueue<List<StixReader.Item>> q, List<StixReader.Item> b) {
      try {
        q.put(b);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("indicator reader interrupted", e);
      }
    }

    private void indicator(StixObject o) {
      read++;
      String modified = o.modified().orElse("");
      String known = versions.put(o.id(), modified);
      if (known != null
          && StixTimestamp.sortKey(known).compareTo(StixTimestamp.sortKey(modified)) >= 0) {
        versions.put(o.id(), known);
        older++;
        return;
      }
      if (o.revoked()) {
        revoked++;
        matcher.remove(o.id());
        return;
      }
      String type = o.string("pattern_type").orElse("");
      if (!type.equals("stix")) {
        otherTypes.merge(type.isEmpty() ? "(none)" : type, 1L, Long::sum);
        matcher.remove(o.id());
        return;
      }
      Instant from = o.string("valid_from").flatMap(StixTimestamp::parse).orElse(null);
      Instant until = o.string("valid_until").flatMap(StixTimestamp::parse).orElse(null);
      String pattern = o.string("pattern").orElse(null);
      if (from == null || pattern == null) {
        problem(o, "no valid_from or no pattern");
        return;
      }
      if (until != null && !until.isAfter(now)) {
        expired++;
      }
      try {
        matcher.add(o.id(), pattern, from, until);
      } catch (PatternSyntaxException e) {
        problem(o, "pattern " + e.getMessage());
      } catch (IllegalArgumentException e) {
        problem(o, e.getMessage());
      }
    }

    private void problem(StixObject o, String message) {
      matcher.remove(o.id());
      if (++invalid <= SHOWN) {
        stdout.println("indicators: skipped " + o.id() + ": " + message);
      }
    }
  }
}
