package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.detente.pattern.Observations.atSecond;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorMatcherTest {
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final String IP = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'198.51.100.1'}";
  static final String DOMAIN = "{'type':'domain-name','id':'domain-name--1','value':'evil.com'}";
  static final String ID1 = "indicator--11111111-1111-4111-8111-111111111111";
  static final String ID2 = "indicator--22222222-2222-4222-8222-222222222222";

  static List<MatchHit> feed(IndicatorMatcher m, Observation o) {
    List<MatchHit> hits = new ArrayList<>();
    m.match(o, hits::add);
    return hits;
  }

  @Test
  void match_atomicIndicator_firesOnEveryMatchingObservation() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1']", T0, null);
    assertThat(feed(m, atSecond("a", 1, IP)))
        .containsExactly(
            new MatchHit(ID1, List.of("observed-data--a"), T0.plusSeconds(1), T0.plusSeconds(1)));
    assertThat(feed(m, atSecond("b", 2, DOMAIN))).isEmpty();
    assertThat(feed(m, atSecond("c", 3, IP))).hasSize(1);
  }

  @Test
  void match_andPattern_firesOnTheObservationCompletingAPair() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1'] AND [domain-name:value = 'evil.com']", T0, null);
    assertThat(feed(m, atSecond("a", 1, IP))).isEmpty();
    List<MatchHit> hits = feed(m, atSecond("b", 2, DOMAIN));
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).observationIds())
        .containsExactly("observed-data--a", "observed-data--b");
    assertThat(hits.get(0).firstObserved()).isEqualTo(T0.plusSeconds(1));
    assertThat(hits.get(0).lastObserved()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void match_outsideValidity_isIgnored() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1']", T0.plusSeconds(10), T0.plusSeconds(20));
    assertThat(feed(m, atSecond("a", 5, IP))).isEmpty();
    assertThat(feed(m, atSecond("b", 10, IP))).hasSize(1);
    assertThat(feed(m, atSecond("c", 19, IP))).hasSize(1);
    assertThat(feed(m, atSecond("d", 20, IP))).isEmpty();
  }

  @Test
  void remove_indicator_stopsFiring() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1']", T0, null);
    m.add(ID2, "[ipv4-addr:value = '198.51.100.1'] REPEATS 2 TIMES", T0, null);
    assertThat(m.size()).isEqualTo(2);
    assertThat(feed(m, atSecond("a", 1, IP)))
        .extracting(MatchHit::indicatorId)
        .containsExactly(ID1);
    assertThat(m.remove(ID1)).isTrue();
    assertThat(m.remove(ID1)).isFalse();
    assertThat(feed(m, atSecond("b", 2, IP)))
        .extracting(MatchHit::indicatorId)
        .containsExactly(ID2);
    assertThat(m.size()).isEqualTo(1);
  }

  @Test
  void add_sameId_replacesPatternAndState() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1'] REPEATS 2 TIMES", T0, null);
    assertThat(feed(m, atSecond("a", 1, IP))).isEmpty();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1'] REPEATS 2 TIMES", T0, null);
    assertThat(feed(m, atSecond("b", 2, IP))).isEmpty();
    assertThat(feed(m, atSecond("c", 3, IP))).hasSize(1);
    m.add(ID1, "[domain-name:value = 'evil.com']", T0, null);
    assertThat(feed(m, atSecond("d", 4, IP))).isEmpty();
    assertThat(feed(m, atSecond("e", 5, DOMAIN))).hasSize(1);
    assertThat(m.size()).isEqualTo(1);
  }

  @Test
  void add_invalidPatternOrValidity_isRejected() {
    IndicatorMatcher m = IndicatorMatcher.create();
    assertThatThrownBy(() -> m.add(ID1, "[ipv4-addr:value = ", T0, null))
        .isInstanceOf(PatternSyntaxException.class);
    assertThatThrownBy(() -> m.add(ID1, "[ipv4-addr:value = '1.2.3.4']", T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid_until");
    assertThat(m.size()).isZero();
  }

  @Test
  void match_withinPattern_forgetsObservationsOutsideTheWindow() {
    IndicatorMatcher m =
        IndicatorMatcher.create(new IndicatorMatcher.Options(Duration.ZERO, Duration.ofDays(1), 8));
    m.add(ID1, "([ipv4-addr:value = '198.51.100.1'] REPEATS 2 TIMES) WITHIN 5 SECONDS", T0, null);
    assertThat(feed(m, atSecond("a", 0, IP))).isEmpty();
    assertThat(feed(m, atSecond("b", 10, IP))).isEmpty();
    assertThat(feed(m, atSecond("c", 15, IP))).hasSize(1);
  }

  @Test
  void options_invalid_areRejected() {
    assertThatThrownBy(() -> new IndicatorMatcher.Options(Duration.ZERO, Duration.ZERO, 1))
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> new IndicatorMatcher.Options(Duration.ZERO, Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxBuffered");
  }
}
