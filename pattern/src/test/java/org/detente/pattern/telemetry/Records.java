package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.detente.pattern.Observation;
import org.detente.pattern.PatternEvaluator;
import org.detente.pattern.StixPatterns;
import org.detente.stix.ScoIds;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;
import org.detente.stix.StixValidator;

/** Helpers for adapter tests: read one line, check the result is valid STIX, run patterns. */
final class Records {
  private static final StixValidator VALIDATOR = StixValidator.standard();

  private Records() {}

  static List<Observation> read(TelemetryAdapter adapter, String line)
      throws MalformedRecordException {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
    int len = line.getBytes(StandardCharsets.UTF_8).length;
    List<Observation> out = new ArrayList<>();
    adapter.read(b, 2, len, 7, out::add);
    for (Observation o : out) {
      for (StixObject sco : o.objects()) {
        List<StixError> errors = VALIDATOR.validate(sco);
        assertThat(errors).as(sco.toJson()).isEmpty();
        assertThat(ScoIds.deterministicId(sco.json()))
            .as("deterministic id of " + sco.toJson())
            .contains(sco.id());
      }
    }
    return out;
  }

  static Observation one(TelemetryAdapter adapter, String line) throws MalformedRecordException {
    List<Observation> all = read(adapter, line);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  static boolean matches(String pattern, Observation o) {
    return PatternEvaluator.evaluate(StixPatterns.parse(pattern), List.of(o)).matched();
  }

  static StixObject ofType(Observation o, String type) {
    return o.objects().stream().filter(s -> s.type().equals(type)).findFirst().orElseThrow();
  }

  static List<String> types(Observation o) {
    return o.objects().stream().map(StixObject::type).toList();
  }

  /**
   * Reads {@code lines} with two adapters: one whose observations are made at once, one whose
   * observations are kept while it reads on, then made on another thread; both give the same
   * identifiers and objects.
   */
  static void assertMadeLaterAsAtOnce(Supplier<TelemetryAdapter> adapters, List<String> lines)
      throws Exception {
    TelemetryAdapter atOnce = adapters.get();
    TelemetryAdapter later = adapters.get();
    List<String> expected = new ArrayList<>();
    List<Observation> kept = new ArrayList<>();
    long line = 1;
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      atOnce.read(b, 0, b.length, line, o -> expected.add(o.id() + " " + o.objects()));
      later.read(b, 0, b.length, line++, kept::add);
    }
    List<String> made = new ArrayList<>();
    Thread t = new Thread(() -> kept.forEach(o -> made.add(o.id() + " " + o.objects())));
    t.start();
    t.join();

    assertThat(made).hasSameSizeAs(lines).isEqualTo(expected);
  }
}
