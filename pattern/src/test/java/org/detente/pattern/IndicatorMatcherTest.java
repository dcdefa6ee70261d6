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
  void add_otherIdFormsAndIpv6_work() {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add("indicator--NOT-A-UUID", "[ipv6-addr:value ISSUBSET '2001:db8::/32']", T0, null);
    m.add("x", "[ipv4-addr:value = '198.51.100.1']", T0, null);
    String v6 = "{'type':'ipv6-addr','id':'ipv6-addr--1','value':'2001:db8::5'}";
    assertThat(feed(m, atSecond("a", 1, v6)))
        .extracting(MatchHit::indicatorId)
        .containsExactly("indicator--NOT-A-UUID");
    assertThat(feed(m, atSecond("b", 2, IP)))
        .extracting(MatchHit::indicatorId)
        .containsExactly("x");
    assertThat(m.remove("x")).isTrue();
    assertThat(feed(m, atSecond("c", 3, IP))).isEmpty();
  }

  @Test
  void remove_manyIndicators_compactsAndKeepsTheRest() {
    IndicatorMatcher m = IndicatorMatcher.create();
    for (int i = 0; i < 20_000; i++) {
      m.add(
          String.format("indicator--%08x-0000-4000-8000-000000000000", i + 1),
          "[ipv4-addr:value = '10.0." + (i / 256) + "." + (i % 256) + "']",
          T0,
          null);
    }
    for (int i = 0; i < 20_000; i++) {
      if (i % 10 != 0) {
        m.remove(String.format("indicator--%08x-0000-4000-8000-000000000000", i + 1));
      }
    }
    assertThat(m.size()).isEqualTo(2_000);
    String ip = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'10.0.1.4'}";
    assertThat(feed(m, atSecond("a", 1, ip)))
        .extracting(MatchHit::indicatorId)
        .containsExactly("indicator--00000105-0000-4000-8000-000000000000");
    String gone = "{'type':'ipv4-addr','id':'ipv4-addr--1','value':'10.0.1.5'}";
    assertThat(feed(m, atSecond("b", 2, gone))).isEmpty();
  }

  @Test
  void add_replacingIndicatorsRepeatedly_reusesSlots() {
    CompiledMatcher m = (CompiledMatcher) IndicatorMatcher.create();
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 5_000; i++) {
        m.add(
            String.format("indicator--%08x-0000-4000-8000-000000000000", i + 1),
            round % 2 == 0
                ? "[domain-name:value = 'r" + round + "-" + i + ".example']"
                : "[domain-name:value = 'r" + round + "-" + i + ".example'] REPEATS 2 TIMES",
            T0,
            null);
      }
      feed(m, atSecond("r" + round, round, DOMAIN));
    }
    assertThat(m.size()).isEqualTo(5_000);
    assertThat(m.slotCount()).isLessThan(20_000);
    String d = "{'type':'domain-name','id':'domain-name--1','value':'r18-7.example'}";
    assertThat(feed(m, atSecond("x", 30, d))).isEmpty();
    String d19 = "{'type':'domain-name','id':'domain-name--1','value':'r19-7.example'}";
    assertThat(feed(m, atSecond("y", 31, d19))).isEmpty();
    assertThat(feed(m, atSecond("z", 32, d19)))
        .extracting(MatchHit::indicatorId)
        .containsExactly("indicator--00000008-0000-4000-8000-000000000000");
  }

  /**
   * A writer adds and removes indicators while the stream flows: matching never fails, a present
   * indicator whose value is seen fires, and nothing else does.
   */
  @Test
  void addRemove_concurrentWithMatch_neverDisturbsTheStream() throws Exception {
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(ID1, "[ipv4-addr:value = '198.51.100.1']", T0, null);
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              int i = 0;
              while (!stop.get()) {
                String id =
                    String.format("indicator--%08x-1111-4111-8111-111111111111", i % 5000 + 1);
                m.add(id, "[domain-name:value = 'd" + (i % 5000) + ".example']", T0, null);
                if (i % 3 == 0) {
                  m.remove(id);
                }
                i++;
              }
            });
    writer.start();
    try {
      for (int e = 0; e < 20_000; e++) {
        List<MatchHit> hits = feed(m, atSecond("e" + e, e, IP));
        assertThat(hits).extracting(MatchHit::indicatorId).containsExactly(ID1);
        String d = "{'type':'domain-name','id':'domain-name--1','value':'nothing.example'}";
        assertThat(feed(m, atSecond("f" + e, e, d))).isEmpty();
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    m.add(ID2, "[domain-name:value = 'late.example']", T0, null);
    String late = "{'type':'domain-name','id':'domain-name--1','value':'late.example'}";
    assertThat(feed(m, atSecond("z", 1, late)))
        .extracting(MatchHit::indicatorId)
        .containsExactly(ID2);
  }

  @Test
  void options_invalid_areRejected() {
    assertThatThrownBy(() -> new IndicatorMatcher.Options(Duration.ZERO, Duration.ZERO, 1))
        .hasMessageContaining("horizon");
    assertThatThrownBy(() -> new IndicatorMatcher.Options(Duration.ZERO, Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxBuffered");
  }
}
