package org.detente.pattern.sighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.detente.pattern.Observation;
import org.detente.stix.StixObject;
import org.detente.stix.StixValidator;
import org.junit.jupiter.api.Test;

class SightingAggregatorTest {
  static final String IDENTITY = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff";
  static final String INDICATOR = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  static final String OTHER = "indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  static final Instant T0 = Instant.parse("2026-01-01T10:15:00Z");

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-02-01T00:00:00.123Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private SightingAggregator aggregator(int maxRefs) {
    return new SightingAggregator(IDENTITY, Duration.ofHours(1), maxRefs, clock);
  }

  private static String od(int i) {
    return String.format("observed-data--00000000-0000-4000-8000-%012d", i);
  }

  private static void assertValid(List<StixObject> objects) {
    StixValidator v = StixValidator.standard();
    for (StixObject o : objects) {
      assertThat(v.validate(o)).as(o.toJson()).isEmpty();
    }
  }

  @Test
  void record_hitsOfOneBucketMakeOneSighting() {
    SightingAggregator a = aggregator(2);
    for (int i = 0; i < 5; i++) {
      a.record(INDICATOR, List.of(od(i)), T0.plusSeconds(i * 60), T0.plusSeconds(i * 60 + 5));
    }
    List<StixObject> s = a.changed();
    assertValid(s);
    assertThat(s).hasSize(1);
    StixObject one = s.get(0);
    assertThat(one.property("count").asLong()).isEqualTo(5);
    assertThat(one.string("first_seen")).contains("2026-01-01T10:15:00Z");
    assertThat(one.string("last_seen")).contains("2026-01-01T10:19:05Z");
    assertThat(one.string("sighting_of_ref")).contains(INDICATOR);
    assertThat(one.property("observed_data_refs").toString())
        .isEqualTo("[\"" + od(0) + "\",\"" + od(1) + "\"]");
    assertThat(one.property("where_sighted_refs").get(0).asText()).isEqualTo(IDENTITY);
    assertThat(a.hits()).isEqualTo(5);
  }

  @Test
  void record_returnsTheObservationsThatBecameEvidence() {
    SightingAggregator a = aggregator(2);
    assertThat(a.record(INDICATOR, List.of(od(1)), T0, T0)).containsExactly(od(1));
    assertThat(a.record(INDICATOR, List.of(od(1)), T0, T0)).isEmpty();
    assertThat(a.record(INDICATOR, List.of(od(2), od(3)), T0, T0)).containsExactly(od(2));
    assertThat(a.record(INDICATOR, List.of(od(4)), T0, T0)).isEmpty();
  }

  @Test
  void record_bucketsAndIndicatorsAreSeparate() {
    SightingAggregator a = aggregator(1);
    a.record(INDICATOR, List.of(od(1)), T0, T0);
    a.record(
        INDICATOR,
        List.of(od(2)),
        T0.plus(Duration.ofMinutes(50)),
        T0.plus(Duration.ofMinutes(51)));
    a.record(OTHER, List.of(od(3)), T0, T0);
    List<StixObject> s = a.changed();
    assertValid(s);
    assertThat(s).hasSize(3);
    assertThat(s.stream().map(StixObject::id).distinct()).hasSize(3);
    assertThat(a.size()).isEqualTo(3);
  }

  @Test
  void changed_sameHitsGiveVersionsOfTheSameSighting() {
    SightingAggregator a = aggregator(1);
    SightingAggregator b = aggregator(1);
    a.record(INDICATOR, List.of(od(1)), T0, T0);
    b.record(INDICATOR, List.of(od(1)), T0.plusSeconds(100), T0.plusSeconds(100));
    StixObject first = a.changed().get(0);
    String id = first.id();
    now.set(Instant.parse("2027-01-01T00:00:00Z")); // a later run
    StixObject again = b.changed().get(0);
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.created()).isEqualTo(first.created());
    assertThat(again.modified().orElseThrow()).isGreaterThan(first.modified().orElseThrow());
    SightingAggregator otherIdentity =
        new SightingAggregator(
            "identity--00000000-0000-4000-8000-000000000001", Duration.ofHours(1), 1, clock);
    otherIdentity.record(INDICATOR, List.of(od(1)), T0, T0);
    assertThat(otherIdentity.changed().get(0).id()).isNotEqualTo(id);
  }

  @Test
  void changed_updateIsANewVersionWithALaterModified() {
    SightingAggregator a = aggregator(3);
    a.record(INDICATOR, List.of(od(1)), T0, T0);
    StixObject v1 = a.changed().get(0);
    assertThat(a.changed()).isEmpty();
    a.record(INDICATOR, List.of(od(2)), T0.plusSeconds(30), T0.plusSeconds(40));
    StixObject v2 = a.changed().get(0); // the clock has not moved
    assertValid(List.of(v1, v2));
    assertThat(v2.id()).isEqualTo(v1.id());
    assertThat(v2.created()).isEqualTo(v1.created()).contains("2026-01-01T10:00:00.000Z");
    assertThat(v2.modified().orElseThrow()).isGreaterThan(v1.modified().orElseThrow());
    assertThat(v2.modified()).contains("2026-02-01T00:00:00.124Z");
    assertThat(v2.property("count").asLong()).isEqualTo(2);
    now.set(Instant.parse("2026-02-01T01:00:00Z"));
    a.record(INDICATOR, List.of(od(3)), T0, T0);
    assertThat(a.changed().get(0).modified()).contains("2026-02-01T01:00:00.000Z");
  }

  @Test
  void changed_futureBucketIsNotModifiedBeforeItIsCreated() {
    SightingAggregator a = aggregator(1);
    Instant future = Instant.parse("2030-05-05T05:05:05Z");
    a.record(INDICATOR, List.of(od(1)), future, future);
    StixObject s = a.changed().get(0);
    assertValid(List.of(s));
    assertThat(s.created()).contains("2030-05-05T05:00:00.000Z");
    assertThat(s.modified()).contains("2030-05-05T05:00:00.000Z");
  }

  @Test
  void record_countStopsAtTheLargestValueStixAllows() {
    SightingAggregator a = aggregator(0);
    for (int i = 0; i < 3; i++) {
      a.record(INDICATOR, List.of(), T0, T0);
    }
    assertThat(a.changed().get(0).property("count").asLong()).isEqualTo(3);
    assertThat(SightingAggregator.MAX_COUNT).isEqualTo(999_999_999L);
  }

  @Test
  void record_rejectsLastObservedBeforeFirstObserved() {
    assertThatThrownBy(() -> aggregator(1).record(INDICATOR, List.of(), T0, T0.minusSeconds(1)))
        .hasMessageContaining("2026-01-01T10:14:59Z");
  }

  @Test
  void new_rejectsBadSettings() {
    assertThatThrownBy(() -> new SightingAggregator("org-1", Duration.ofHours(1), 1, clock))
        .hasMessageContaining("org-1");
    assertThatThrownBy(() -> new SightingAggregator(IDENTITY, Duration.ofMillis(10), 1, clock))
        .hasMessageContaining("PT0.01S");
    assertThatThrownBy(() -> new SightingAggregator(IDENTITY, Duration.ofHours(1), -1, clock))
        .hasMessageContaining("-1");
  }

  @Test
  void evidence_isValidObservedDataWithItsScos() {
    Observation o =
        Observation.fromBundle(
                org.detente.stix.StixJson.mapper()
                    .createArrayNode()
                    .add(
                        org.detente.stix.StixJson.newObject()
                            .put("type", "observed-data")
                            .put("spec_version", "2.1")
                            .put("id", od(7))
                            .put("created", "2026-01-01T00:00:00.000Z")
                            .put("modified", "2026-01-01T00:00:00.000Z")
                            .put("first_observed", "2026-01-01T00:00:00Z")
                            .put("last_observed", "2026-01-01T00:00:01Z")
                            .put("number_observed", 1)
                            .set(
                                "object_refs",
                                org.detente.stix.StixJson.mapper()
                                    .createArrayNode()
                                    .add("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4")))
                    .add(
                        org.detente.stix.StixJson.newObject()
                            .put("type", "ipv4-addr")
                            .put("id", "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4")
                            .put("value", "198.51.100.3")))
            .get(0);
    List<StixObject> e = Evidence.of(o, IDENTITY, now.get());
    assertValid(e);
    assertThat(e).hasSize(2);
    assertThat(e.get(0).toJson())
        .contains("\"object_refs\":[\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\"]")
        .contains("\"first_observed\":\"2026-01-01T00:00:00Z\"");
  }
}
