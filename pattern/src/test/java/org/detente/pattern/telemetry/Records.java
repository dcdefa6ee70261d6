package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
