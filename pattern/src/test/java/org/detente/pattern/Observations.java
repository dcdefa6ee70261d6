package org.detente.pattern;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.detente.stix.StixObject;

/** Builds observations for evaluator tests from SCO JSON written with single quotes. */
final class Observations {
  private Observations() {}

  static StixObject sco(String jsonWithSingleQuotes) {
    return StixObject.parse(jsonWithSingleQuotes.replace('\'', '"'));
  }

  static Observation at(String id, String first, String last, String... scos) {
    List<StixObject> objects = Arrays.stream(scos).map(Observations::sco).toList();
    return new Observation(
        "observed-data--" + id, Instant.parse(first), Instant.parse(last), 1, objects);
  }

  /** An observation at second {@code second} of 2020-01-01 (first = last). */
  static Observation atSecond(String id, int second, String... scos) {
    String t = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(second).toString();
    return at(id, t, t, scos);
  }

  static Evaluation eval(String pattern, Observation... observations) {
    return PatternEvaluator.evaluate(StixPatterns.parse(pattern), List.of(observations));
  }

  static boolean matches(String pattern, Observation... observations) {
    return eval(pattern, observations).matched();
  }

  /** True when the pattern matches one observation holding these SCOs. */
  static boolean matchesScos(String pattern, String... scos) {
    return matches(pattern, atSecond("one", 0, scos));
  }
}
