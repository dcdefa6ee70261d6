package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detente.pattern.Observations.at;
import static org.detente.pattern.Observations.atSecond;
import static org.detente.pattern.Observations.eval;
import static org.detente.pattern.Observations.matches;

import org.junit.jupiter.api.Test;

/** Qualifiers WITHIN, REPEATS, START/STOP: STIX 2.1 section 9.6. */
class QualifiersTest {
  static final String IP = ObservationOperatorsTest.IP;
  static final String DOMAIN = ObservationOperatorsTest.DOMAIN;
  static final String P_IP = ObservationOperatorsTest.P_IP;
  static final String P_DOMAIN = ObservationOperatorsTest.P_DOMAIN;

  @Test
  void evaluate_within_boundsTheSpanOfTheBinding() {
    String p = "(" + P_IP + " FOLLOWEDBY " + P_DOMAIN + ") WITHIN 300 SECONDS";
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 300, DOMAIN))).isTrue();
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 301, DOMAIN))).isFalse();
    // A later ip observation brings the pair within the window.
    assertThat(
            eval(p, atSecond("a", 0, IP), atSecond("c", 200, IP), atSecond("b", 301, DOMAIN))
                .observationIds())
        .containsExactly("observed-data--c", "observed-data--b");
  }

  @Test
  void evaluate_withinOnOneObservation_boundsItsOwnSpan() {
    var longOne = at("a", "2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z", IP);
    assertThat(matches(P_IP + " WITHIN 60 SECONDS", longOne)).isTrue();
    assertThat(matches(P_IP + " WITHIN 59.999 SECONDS", longOne)).isFalse();
  }

  @Test
  void evaluate_repeats_needsThatManyObservationsCountingNumberObserved() {
    String p = P_IP + " REPEATS 3 TIMES";
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 1, IP))).isFalse();
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 1, IP), atSecond("c", 2, IP)))
        .isTrue();
    // An observed-data object with number_observed 50 stands for 50 observations.
    var many =
        new Observation(
            "observed-data--m",
            java.time.Instant.parse("2020-01-01T00:00:00Z"),
            java.time.Instant.parse("2020-01-01T00:00:00Z"),
            50,
            java.util.List.of(Observations.sco(IP)));
    assertThat(matches(p, many)).isTrue();
    var two =
        new Observation(
            "observed-data--t",
            java.time.Instant.parse("2020-01-01T00:00:00Z"),
            java.time.Instant.parse("2020-01-01T00:00:00Z"),
            2,
            java.util.List.of(Observations.sco(IP)));
    assertThat(matches(p, two)).isFalse();
    assertThat(eval(p, two, atSecond("b", 1, IP)).observationIds())
        .containsExactly("observed-data--t", "observed-data--b");
  }

  @Test
  void evaluate_repeatsWithin_findsTheTightestRun() {
    // 9.6 example shape: [..] REPEATS 5 TIMES WITHIN 180 SECONDS.
    String p = P_IP + " REPEATS 3 TIMES WITHIN 60 SECONDS";
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 100, IP), atSecond("c", 200, IP)))
        .isFalse();
    Evaluation e =
        eval(
            p,
            atSecond("a", 0, IP),
            atSecond("b", 100, IP),
            atSecond("c", 130, IP),
            atSecond("d", 150, IP),
            atSecond("x", 155, DOMAIN));
    assertThat(e.observationIds())
        .containsExactly("observed-data--b", "observed-data--c", "observed-data--d");
  }

  @Test
  void evaluate_repeatsOfGroup_usesDisjointBindings() {
    String p = "(" + P_IP + " FOLLOWEDBY " + P_DOMAIN + ") REPEATS 2 TIMES";
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 1, DOMAIN), atSecond("c", 2, IP)))
        .isFalse();
    assertThat(
            matches(
                p,
                atSecond("a", 0, IP),
                atSecond("b", 1, DOMAIN),
                atSecond("c", 2, IP),
                atSecond("d", 3, DOMAIN)))
        .isTrue();
  }

  @Test
  void evaluate_startStop_keepsObservationsInsideTheWindow() {
    String p = P_IP + " START t'2020-01-01T00:00:10Z' STOP t'2020-01-01T00:00:20Z'";
    assertThat(matches(p, atSecond("a", 10, IP))).isTrue(); // start inclusive
    assertThat(matches(p, atSecond("a", 19, IP))).isTrue();
    assertThat(matches(p, atSecond("a", 20, IP))).isFalse(); // stop exclusive
    assertThat(matches(p, atSecond("a", 9, IP))).isFalse();
    // An observation that starts inside but ends after STOP is outside.
    var straddling = at("a", "2020-01-01T00:00:15Z", "2020-01-01T00:00:25Z", IP);
    assertThat(matches(p, straddling)).isFalse();
  }

  @Test
  void evaluate_startStopOnGroup_appliesToEveryObservation() {
    String p =
        "("
            + P_IP
            + " AND "
            + P_DOMAIN
            + ") START t'2020-01-01T00:00:10Z' STOP"
            + " t'2020-01-01T00:00:20Z'";
    assertThat(matches(p, atSecond("a", 11, IP), atSecond("b", 12, DOMAIN))).isTrue();
    assertThat(matches(p, atSecond("a", 5, IP), atSecond("b", 12, DOMAIN))).isFalse();
    assertThat(matches(p, atSecond("a", 5, IP), atSecond("c", 15, IP), atSecond("b", 12, DOMAIN)))
        .isTrue();
  }

  @Test
  void evaluate_qualifierBindsOnlyTheOperandBeforeIt() {
    // [ip] AND [domain] WITHIN 5 SECONDS qualifies [domain] only (9.6 precedence).
    String p = P_IP + " AND " + P_DOMAIN + " WITHIN 5 SECONDS";
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 100, DOMAIN))).isTrue();
    String grouped = "(" + P_IP + " AND " + P_DOMAIN + ") WITHIN 5 SECONDS";
    assertThat(matches(grouped, atSecond("a", 0, IP), atSecond("b", 100, DOMAIN))).isFalse();
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void evaluate_repeatsOver200MatchingObservations_findsTheWindowExactly() {
    // 200 observations one second apart all match: 100 of them span 99 seconds, 101 span 100.
    Observation[] obs = new Observation[200];
    for (int i = 0; i < 200; i++) {
      obs[i] = atSecond("o" + i, i, IP);
    }
    assertThat(eval(P_IP + " REPEATS 100 TIMES WITHIN 99 SECONDS", obs).observationIds())
        .hasSize(100)
        .startsWith("observed-data--o0")
        .endsWith("observed-data--o99");
    assertThat(matches(P_IP + " REPEATS 101 TIMES WITHIN 99 SECONDS", obs)).isFalse();
    assertThat(matches(P_IP + " REPEATS 201 TIMES", obs)).isFalse();
    assertThat(
            matches(
                "("
                    + P_IP
                    + " AND "
                    + P_IP
                    + " AND "
                    + P_IP
                    + " AND "
                    + P_IP
                    + ") WITHIN 3 SECONDS",
                obs))
        .isTrue();
  }
}
