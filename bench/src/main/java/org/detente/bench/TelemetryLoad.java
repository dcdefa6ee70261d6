package org.detente.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.detente.cli.Detente;
import org.detente.stix.StixJson;

/**
 * End-to-end detection load: generates (once per size, kept under {@code --dir}) an indicator
 * bundle and Zeek and Suricata telemetry with planted hits ({@link TelemetryCorpus}), runs {@code
 * detente match} on them in this JVM, checks that the sightings count exactly the planted hits, and
 * prints the command's own figures plus the process CPU time, from which events per CPU-second
 * follow.
 *
 * <pre>
 * java -cp ... org.detente.bench.TelemetryLoad [--indicators N] [--zeek-events E]
 *     [--suricata-events S] [--hits H] [--dir DIR] [--runs R]
 * </pre>
 */
public final class TelemetryLoad {
  private TelemetryLoad() {}

  public static void main(String[] args) throws Exception {
    long indicators = 1_000_000;
    long zeekEvents = 2_000_000;
    long suricataEvents = 0;
    long hits = 10_000;
    int runs = 1;
    Path base = Path.of(System.getProperty("java.io.tmpdir"), "detente-telemetry-load");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--indicators" -> indicators = Long.parseLong(args[++i]);
        case "--zeek-events" -> zeekEvents = Long.parseLong(args[++i]);
        case "--suricata-events" -> suricataEvents = Long.parseLong(args[++i]);
        case "--hits" -> hits = Long.parseLong(args[++i]);
        case "--dir" -> base = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir =
        base.resolve("i" + indicators + "-z" + zeekEvents + "-s" + suricataEvents + "-h" + hits);
    Path done = dir.resolve("planted.txt");
    if (!Files.exists(done)) {
      long t0 = System.nanoTime();
      TelemetryCorpus.Planted p =
          new TelemetryCorpus(20261124L).write(dir, indicators, zeekEvents, suricataEvents, hits);
      Files.writeString(done, p.hits() + "\n");
      System.out.printf(
          Locale.ROOT,
          "generated %,d indicators, %,d Zeek and %,d EVE events (%,d planted hits, %,d decoys,"
              + " %,d malformed lines) in %.1f s into %s%n",
          indicators,
          zeekEvents,
          suricataEvents,
          p.hits(),
          p.decoys(),
          p.malformedLines(),
          (System.nanoTime() - t0) / 1e9,
          dir);
    }
    long expected = Long.parseLong(Files.readString(done).trim());
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of("match", "--indicators", dir.resolve("indicators.json").toString()));
    if (zeekEvents > 0) {
      cmd.addAll(List.of("--zeek", dir.resolve("zeek").toString()));
    }
    if (suricataEvents > 0) {
      cmd.addAll(List.of("--suricata", dir.resolve("suricata/eve.json").toString()));
    }
    Path out = dir.resolve("sightings.json");
    cmd.addAll(List.of("--out", out.toString(), "--no-progress"));
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int r = 0; r < runs; r++) {
      System.gc();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      int code = Detente.run(cmd.toArray(String[]::new));
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      long counted = countHits(out);
      System.out.printf(
          Locale.ROOT,
          "run %d: exit %d, %.1f s wall, %.1f s CPU (%.2f cores busy); the sightings count %,d"
              + " hits, %,d were planted: %s%n",
          r + 1,
          code,
          wall,
          cpu,
          cpu / wall,
          counted,
          expected,
          counted == expected ? "OK" : "MISMATCH");
    }
  }

  /** The sum of the sightings' {@code count}, read with the streaming parser. */
  static long countHits(Path sightings) throws IOException {
    long sum = 0;
    try (JsonParser p = StixJson.mapper().getFactory().createParser(sightings.toFile())) {
      String field = null;
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> field = p.currentName();
          case VALUE_NUMBER_INT -> {
            if (depth == 3 && "count".equals(field)) {
              sum += p.getLongValue();
            }
          }
          default -> {}
        }
      }
    }
    return sum;
  }
}
