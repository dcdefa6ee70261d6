package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

class ObservationTest {
  static final String BUNDLE =
      """
      {"type":"bundle","id":"bundle--1","objects":[
       {"type":"observed-data","spec_version":"2.1","id":"observed-data--1",
        "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z",
        "first_observed":"2020-01-01T00:00:00Z","last_observed":"2020-01-01T00:05:00Z",
        "number_observed":3,"object_refs":["network-traffic--t"]},
       {"type":"network-traffic","id":"network-traffic--t","src_ref":"ipv4-addr--s",
        "dst_ref":"ipv4-addr--d","protocols":["tcp"],"created_by_ref":"identity--i"},
       {"type":"ipv4-addr","id":"ipv4-addr--s","value":"198.51.100.1"},
       {"type":"ipv4-addr","id":"ipv4-addr--d","value":"203.0.113.5"},
       {"type":"ipv4-addr","id":"ipv4-addr--unrelated","value":"192.0.2.1"},
       {"type":"identity","spec_version":"2.1","id":"identity--i","name":"x",
        "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z"}
      ]}
      """;

  @Test
  void fromBundle_resolvesObjectRefsAndTheirReferencesToScos() throws Exception {
    List<Observation> obs = Observation.fromBundle(StixJson.mapper().readTree(BUNDLE));

    assertThat(obs).hasSize(1);
    Observation o = obs.get(0);
    assertThat(o.id()).isEqualTo("observed-data--1");
    assertThat(o.firstObserved()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(o.lastObserved()).isEqualTo(Instant.parse("2020-01-01T00:05:00Z"));
    assertThat(o.numberObserved()).isEqualTo(3);
    assertThat(o.objects())
        .extracting(StixObject::id)
        .containsExactly("network-traffic--t", "ipv4-addr--s", "ipv4-addr--d");
  }

  @Test
  void fromBundle_observationsMatchThroughReferences() throws Exception {
    List<Observation> obs = Observation.fromBundle(StixJson.mapper().readTree(BUNDLE));
    PatternExpression p =
        StixPatterns.parse(
            "[network-traffic:src_ref.value ISSUBSET '198.51.100.0/24' AND"
                + " network-traffic:dst_ref.value = '203.0.113.5']");
    assertThat(PatternEvaluator.evaluate(p, obs).observationIds())
        .containsExactly("observed-data--1");
    // The unrelated address is in the bundle but not in the observation.
    assertThat(
            PatternEvaluator.evaluate(StixPatterns.parse("[ipv4-addr:value = '192.0.2.1']"), obs)
                .matched())
        .isFalse();
  }

  @Test
  void fromBundle_badTimes_throwWithTheValues() throws Exception {
    String bad =
        BUNDLE.replace(
            "\"last_observed\":\"2020-01-01T00:05:00Z\"",
            "\"last_observed\":\"2019-01-01T00:00:00Z\"");
    assertThatThrownBy(() -> Observation.fromBundle(StixJson.mapper().readTree(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2019-01-01T00:00:00Z")
        .hasMessageContaining("observed-data--1");
    String noCount = BUNDLE.replace("\"number_observed\":3,", "");
    assertThatThrownBy(() -> Observation.fromBundle(StixJson.mapper().readTree(noCount)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number_observed");
    assertThatThrownBy(() -> Observation.fromBundle(StixJson.mapper().readTree("{\"x\":1}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void evaluation_matchWithoutIds_isRejected() {
    assertThatThrownBy(() -> new Evaluation(true, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matched=true");
  }

  @Test
  void deferred_identifierAndObjectsAreMadeOnceWhenAskedFor() throws Exception {
    StixObject ip =
        StixObject.parse(
            "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--s\",\"value\":\"198.51.100.1\"}");
    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger made =
        new java.util.concurrent.atomic.AtomicInteger();
    Observation.Part part =
        new Observation.Part() {
          @Override
          public String type() {
            return "ipv4-addr";
          }

          @Override
          public String text(String[] names) {
            return names.length == 1 && names[0].equals("value") ? "198.51.100.1" : null;
          }

          @Override
          public StixObject object() {
            made.incrementAndGet();
            return ip;
          }
        };
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    Observation o =
        Observation.deferred(
            () -> {
              ids.incrementAndGet();
              return "observed-data--1";
            },
            t,
            t,
            1,
            List.of(part));
    IndicatorMatcher m = IndicatorMatcher.create();
    m.add(
        "indicator--0b5e5d3c-2f1a-4c8e-9d6b-1a2b3c4d5e6f",
        "[ipv4-addr:value = '198.51.100.2']",
        t,
        null);
    m.match(o, h -> {});
    assertThat(ids).hasValue(0);
    assertThat(made).hasValue(0);

    assertThat(o.objects()).containsExactly(ip);
    assertThat(o.objects()).containsExactly(ip);
    assertThat(o.id()).isEqualTo(o.id()).isEqualTo("observed-data--1");
    assertThat(ids).hasValue(1);
    assertThat(made).hasValue(1);
    assertThat(o).isEqualTo(new Observation("observed-data--1", t, t, 1, List.of(ip)));
    assertThat(o.hashCode())
        .isEqualTo(new Observation("observed-data--1", t, t, 1, List.of(ip)).hashCode());
  }

  @Test
  void deferred_timesOutOfOrderAreRejected() {
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                Observation.deferred(() -> "observed-data--1", t, t.minusSeconds(1), 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is before first_observed");
  }
}
