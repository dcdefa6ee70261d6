package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detente.pattern.Observations.at;
import static org.detente.pattern.Observations.atSecond;
import static org.detente.pattern.Observations.eval;
import static org.detente.pattern.Observations.matches;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Observation operators AND, OR, FOLLOWEDBY: STIX 2.1 section 9.5. */
class ObservationOperatorsTest {
  static final String IP = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'198.51.100.1'}";
  static final String DOMAIN = "{'type':'domain-name','id':'domain-name--1','value':'example.com'}";
  static final String BOTH_IP = IP;

  static final String P_IP = "[ipv4-addr:value = '198.51.100.1']";
  static final String P_DOMAIN = "[domain-name:value = 'example.com']";

  @Test
  void evaluate_singleObservationExpression_namesTheMatchingObservation() {
    Evaluation e = eval(P_IP, atSecond("a", 0, DOMAIN), atSecond("b", 1, IP));
    assertThat(e.matched()).isTrue();
    assertThat(e.observationIds()).containsExactly("observed-data--b");
    assertThat(eval(P_IP, atSecond("a", 0, DOMAIN))).isEqualTo(Evaluation.noMatch());
  }

  @Test
  void evaluate_and_needsBothOperandsOnDifferentObservations() {
    assertThat(
            eval(P_IP + " AND " + P_DOMAIN, atSecond("a", 5, DOMAIN), atSecond("b", 1, IP))
                .observationIds())
        .containsExactly("observed-data--b", "observed-data--a");
    assertThat(matches(P_IP + " AND " + P_DOMAIN, atSecond("a", 0, IP))).isFalse();
    // One observation holding both SCOs cannot be used twice.
    assertThat(matches(P_IP + " AND " + P_DOMAIN, atSecond("a", 0, IP, DOMAIN))).isFalse();
    assertThat(
            matches(P_IP + " AND " + P_DOMAIN, atSecond("a", 0, IP, DOMAIN), atSecond("b", 1, IP)))
        .isTrue();
    // [x] AND [x] needs two observations of x.
    assertThat(matches(P_IP + " AND " + P_IP, atSecond("a", 0, IP))).isFalse();
    assertThat(matches(P_IP + " AND " + P_IP, atSecond("a", 0, IP), atSecond("b", 0, BOTH_IP)))
        .isTrue();
  }

  @Test
  void evaluate_andOfOr_usesTheAlternativeThatLeavesAnObservationFree() {
    // ([ip] OR [domain]) AND [ip]: a and b both match the left, only a or b the right.
    String p = "(" + P_IP + " OR " + P_DOMAIN + ") AND " + P_IP;
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 0, DOMAIN))).isTrue();
    assertThat(matches(p, atSecond("a", 0, IP, DOMAIN))).isFalse();
  }

  @Test
  void evaluate_or_needsEitherOperand() {
    assertThat(matches(P_IP + " OR " + P_DOMAIN, atSecond("a", 0, DOMAIN))).isTrue();
    assertThat(matches(P_IP + " OR " + P_DOMAIN, atSecond("a", 0, IP))).isTrue();
    String other = "{'type':'ipv4-addr','id':'ipv4-addr--2','value':'203.0.113.9'}";
    assertThat(matches(P_IP + " OR " + P_DOMAIN, atSecond("a", 0, other))).isFalse();
  }

  @Test
  void evaluate_followedBy_needsLeftBeforeRight() {
    String p = P_IP + " FOLLOWEDBY " + P_DOMAIN;
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 10, DOMAIN))).isTrue();
    assertThat(matches(p, atSecond("a", 10, IP), atSecond("b", 0, DOMAIN))).isFalse();
    // Observations at the same instant are not one before the other.
    assertThat(matches(p, atSecond("a", 10, IP), atSecond("b", 10, DOMAIN))).isFalse();
    // But not the same observation twice.
    assertThat(matches(p, atSecond("a", 10, IP, DOMAIN))).isFalse();
    // The order of the input list does not matter, only the times.
    assertThat(eval(p, atSecond("b", 10, DOMAIN), atSecond("a", 0, IP)).observationIds())
        .containsExactly("observed-data--a", "observed-data--b");
  }

  @Test
  void evaluate_followedBy_comparesLastObservedOfLeftWithFirstObservedOfRight() {
    String p = P_IP + " FOLLOWEDBY " + P_DOMAIN;
    // The ip observation spans 00:00 to 00:10, the domain one starts at 00:05: overlapping.
    var ip = at("a", "2020-01-01T00:00:00Z", "2020-01-01T00:10:00Z", IP);
    var overlapping = at("b", "2020-01-01T00:05:00Z", "2020-01-01T00:20:00Z", DOMAIN);
    var touching = at("c", "2020-01-01T00:10:00Z", "2020-01-01T00:20:00Z", DOMAIN);
    var after = at("d", "2020-01-01T00:10:00.001Z", "2020-01-01T00:20:00Z", DOMAIN);
    assertThat(matches(p, ip, overlapping)).isFalse();
    assertThat(matches(p, ip, touching)).isFalse();
    assertThat(matches(p, ip, after)).isTrue();
  }

  @Test
  void evaluate_followedByOfGroups_ordersWholeBindings() {
    // ([ip] AND [domain]) FOLLOWEDBY [ip]: both left observations precede the right one.
    String p = "(" + P_IP + " AND " + P_DOMAIN + ") FOLLOWEDBY " + P_IP;
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 5, DOMAIN), atSecond("c", 9, IP)))
        .isTrue();
    assertThat(matches(p, atSecond("a", 0, IP), atSecond("b", 9, DOMAIN), atSecond("c", 5, IP)))
        .isFalse();
  }

  @Test
  @Timeout(10)
  void evaluate_followedByChainOf20Over200Observations_isFoundByDynamicProgramming() {
    // 200 observations one second apart; observation i holds a file named step-(i mod 20), and
    // decoys named step-19 come first. The chain step-0 FOLLOWEDBY ... step-19 matches; its
    // reverse only if 20 observations in the reverse order exist, which they do not.
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int step = i < 20 ? 19 : i % 20;
      obs.add(atSecond("o" + i, i, file(step)));
    }
    StringBuilder forward = new StringBuilder();
    StringBuilder backward = new StringBuilder();
    for (int s = 0; s < 20; s++) {
      forward.append(s == 0 ? "" : " FOLLOWEDBY ").append("[file:name = 'step-" + s + "']");
      backward.append(s == 0 ? "" : " FOLLOWEDBY ").append("[file:name = 'step-" + (19 - s) + "']");
    }
    Evaluation e = PatternEvaluator.evaluate(StixPatterns.parse(forward.toString()), obs);
    assertThat(e.matched()).isTrue();
    // The earliest-ending binding: observations 20..39.
    List<String> expected = new ArrayList<>();
    for (int i = 20; i < 40; i++) {
      expected.add("observed-data--o" + i);
    }
    assertThat(e.observationIds()).isEqualTo(expected);
    assertThat(PatternEvaluator.evaluate(StixPatterns.parse(backward.toString()), obs).matched())
        .isFalse();
  }

  static String file(int step) {
    return "{'type':'file','id':'file--" + step + "','name':'step-" + step + "'}";
  }
}
