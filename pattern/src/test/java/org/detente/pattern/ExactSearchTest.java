package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detente.pattern.Observations.atSecond;
import static org.detente.pattern.Observations.matches;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases where deciding a pattern needs more than one pass over the observations: the operands of
 * AND and REPEATS compete for observations (section 9.5: the operators combine expressions on
 * different observations; an observed-data object with number_observed k gives k of them).
 */
class ExactSearchTest {
  static final String A = "{'type':'file','id':'file--a','name':'a'}";
  static final String B = "{'type':'file','id':'file--b','name':'b'}";
  static final String AB = "{'type':'file','id':'file--ab','name':'a','size':1}";

  static Observation counted(String id, int second, long count, String... scos) {
    Observation o = atSecond(id, second, scos);
    return new Observation(o.id(), o.firstObserved(), o.lastObserved(), count, o.objects());
  }

  @Test
  void evaluate_andOnOneObservedDataWithNumberObservedTwo_bindsItTwice() {
    String p = "[file:name = 'a'] AND [file:size = 1]";
    assertThat(matches(p, counted("x", 0, 1, AB))).isFalse();
    assertThat(matches(p, counted("x", 0, 2, AB))).isTrue();
  }

  @Test
  void evaluate_andOfTenOverTwentyObservations_isDecidedWithoutEnumeration() {
    String p = String.join(" AND ", Collections.nCopies(10, "[file:name = 'a']"));
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      obs.add(atSecond("o" + i, i, A));
    }
    assertThat(PatternEvaluator.evaluate(StixPatterns.parse(p), obs).observationIds()).hasSize(10);
    assertThat(PatternEvaluator.evaluate(StixPatterns.parse(p), obs.subList(0, 9)).matched())
        .isFalse();
  }

  @Test
  void evaluate_andOfCompetingAlternatives_findsTheAssignment() {
    // [a] needs o1 or o2, [a OR b] any, [b] only o2... Hall's condition decides it.
    String p = "[file:name = 'a'] AND [file:name = 'a' OR file:name = 'b'] AND [file:name = 'b']";
    assertThat(matches(p, atSecond("1", 0, A), atSecond("2", 1, B))).isFalse();
    assertThat(matches(p, atSecond("1", 0, A), atSecond("2", 1, B), atSecond("3", 2, B))).isTrue();
    assertThat(matches(p, atSecond("1", 0, A), counted("2", 1, 2, B))).isTrue();
  }

  @Test
  void evaluate_nestedRepeats_multiplies() {
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      obs.add(atSecond("o" + i, i, A));
    }
    PatternExpression p = StixPatterns.parse("([file:name = 'a'] REPEATS 2 TIMES) REPEATS 5 TIMES");
    assertThat(PatternEvaluator.evaluate(p, obs).observationIds()).hasSize(10);
    assertThat(PatternEvaluator.evaluate(p, obs.subList(0, 9)).matched()).isFalse();
  }

  @Test
  void evaluate_repeatsOfFollowedBy_needsDisjointOrderedPairs() {
    String p = "([file:name = 'a'] FOLLOWEDBY [file:name = 'b']) REPEATS 2 TIMES";
    assertThat(matches(p, atSecond("1", 0, A), atSecond("2", 1, B))).isFalse();
    assertThat(
            matches(
                p,
                atSecond("1", 0, A),
                atSecond("2", 1, B),
                atSecond("3", 2, A),
                atSecond("4", 3, B)))
        .isTrue();
    // Two a's then one b: the pairs would share the b.
    assertThat(matches(p, atSecond("1", 0, A), atSecond("2", 1, A), atSecond("3", 2, B))).isFalse();
  }

  @Test
  void evaluate_withinDecimalSeconds_isInclusiveAndExact() {
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    Observation a = new Observation("observed-data--a", t, t, 1, List.of(Observations.sco(A)));
    Observation b =
        new Observation(
            "observed-data--b",
            t.plusMillis(500),
            t.plusMillis(500),
            1,
            List.of(Observations.sco(B)));
    Observation late =
        new Observation(
            "observed-data--c",
            t.plusNanos(500_000_001),
            t.plusNanos(500_000_001),
            1,
            List.of(Observations.sco(B)));
    PatternExpression p =
        StixPatterns.parse("([file:name = 'a'] AND [file:name = 'b']) WITHIN 0.5 SECONDS");
    assertThat(PatternEvaluator.evaluate(p, List.of(a, b)).matched()).isTrue();
    assertThat(PatternEvaluator.evaluate(p, List.of(a, late)).matched()).isFalse();
  }

  @Test
  void evaluate_requiredObservation_onlyBindingsThatHoldIt() {
    PatternExpression p = StixPatterns.parse("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']");
    List<Observation> obs =
        List.of(atSecond("1", 0, A), atSecond("2", 1, B), atSecond("3", 2, A), atSecond("4", 3, A));
    assertThat(PatternEvaluator.evaluate(p, obs, 0).observationIds())
        .containsExactly("observed-data--1", "observed-data--2");
    assertThat(PatternEvaluator.evaluate(p, obs, 2).matched()).isFalse();
  }
}
