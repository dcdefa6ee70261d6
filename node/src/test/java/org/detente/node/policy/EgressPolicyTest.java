package org.detente.node.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredObject;
import org.detente.node.store.Stores;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worked examples of the egress decision; the generated test covers the combinations. */
class EgressPolicyTest {
  private static final String OTHER = "identity--00000000-0000-4000-8000-0000000000cc";
  private static final String ME = "identity--00000000-0000-4000-8000-0000000000aa";
  private static final String IND = "indicator--00000000-0000-4000-8000-000000000001";

  @TempDir Path dir;
  Store store;
  EgressPolicy policy;

  @BeforeEach
  void open() {
    store = Stores.open(new StoreConfig.Sqlite(dir));
    store.putCollection(CollectionInfo.of("intel", "Intel"));
    policy = new EgressPolicy(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Recipient to(String agreementBody) {
    return new Recipient(
        "b",
        "identity--00000000-0000-4000-8000-0000000000bb",
        Optional.of(
            SharingAgreement.parse(
                "agreement_version = 1\ncollections = [\"intel\"]\n" + agreementBody)),
        Set.of(OTHER));
  }

  private static String indicator(String id, String marking, String extra) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '203.0.113.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2024-01-01T00:00:00Z\",\"object_marking_refs\":[\""
        + marking
        + "\"]"
        + extra
        + "}";
  }

  private List<StoredObject> stored(String... json) {
    store.add("intel", java.util.Arrays.stream(json).map(StixObject::parse).toList());
    return store
        .objects(
            "intel", ObjectFilter.all().withVersions(VersionMatch.ALL), PageRequest.first(1_000))
        .items();
  }

  private static JsonNode json(Released r) {
    try {
      return StixJson.mapper().readTree(r.json());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void decide_tlp1CountsAsItsTlp2Level() {
    List<StoredObject> objects =
        stored(
            indicator(IND, Tlp.AMBER.tlp1MarkingId().orElseThrow(), ""),
            indicator(
                "indicator--00000000-0000-4000-8000-000000000002",
                Tlp.GREEN.tlp1MarkingId().orElseThrow(),
                ""));
    Decision d = policy.decide(to("max_tlp = \"green\"\n"), "intel", objects);
    assertThat(d.released())
        .extracting(r -> r.stored().id())
        .containsExactly("indicator--00000000-0000-4000-8000-000000000002");
    assertThat(d.withheld()).extracting(Withheld::id).containsExactly(IND);
    assertThat(d.withheld().get(0).reason()).contains("object-level marking");
  }

  @Test
  void decide_redOnlyForObjectsNamedInTheAgreement() {
    List<StoredObject> objects = stored(indicator(IND, Tlp.RED.markingId(), ""));
    assertThat(policy.decide(to("max_tlp = \"amber+strict\"\n"), "intel", objects).released())
        .isEmpty();
    assertThat(
            policy
                .decide(
                    to("max_tlp = \"clear\"\nred_objects = [\"" + IND + "\"]\n"), "intel", objects)
                .released())
        .hasSize(1);
  }

  @Test
  void decide_statementOnlyWhenListed_unknownNever() {
    String statement = "marking-definition--00000000-0000-4000-8000-0000000000f1";
    List<StoredObject> objects =
        stored(
            indicator(
                IND,
                Tlp.GREEN.markingId(),
                ",\"description\":\"d\",\"granular_markings\":[{\"marking_ref\":\""
                    + statement
                    + "\",\"selectors\":[\"description\"]}]"));
    Released plain = policy.decide(to("max_tlp = \"green\"\n"), "intel", objects).released().get(0);
    assertThat(plain.redacted()).isTrue();
    assertThat(json(plain).has("description")).isFalse();
    assertThat(json(plain).has("granular_markings")).isFalse();
    Released listed =
        policy
            .decide(
                to("max_tlp = \"green\"\nmarkings = [\"" + statement + "\"]\n"), "intel", objects)
            .released()
            .get(0);
    assertThat(listed.redacted()).isFalse();
    assertThat(listed.json()).isEqualTo(objects.get(0).json());
  }

  @Test
  void decide_sightingAsCount_onlyTheCountTravels() {
    String sighting =
        "{\"type\":\"sighting\",\"spec_version\":\"2.1\","
            + "\"id\":\"sighting--00000000-0000-4000-8000-000000000009\","
            + "\"created\":\"2024-01-02T00:00:00.000Z\",\"modified\":\"2024-01-02T00:00:00.000Z\","
            + "\"created_by_ref\":\""
            + ME
            + "\",\"sighting_of_ref\":\""
            + IND
            + "\",\"count\":7,\"first_seen\":\"2024-01-02T00:00:00Z\",\"where_sighted_refs\":[\""
            + ME
            + "\",\""
            + OTHER
            + "\"],\"description\":\"seen at the Paris office\",\"object_marking_refs\":[\""
            + Tlp.GREEN.markingId()
            + "\"]}";
    List<StoredObject> objects = stored(indicator(IND, Tlp.GREEN.markingId(), ""), sighting);
    Decision count =
        policy.decide(to("max_tlp = \"green\"\nsightings = \"count\"\n"), "intel", objects);
    assertThat(count.released()).hasSize(2);
    JsonNode s = json(count.released().get(1));
    assertThat(s.properties().stream().map(java.util.Map.Entry::getKey).toList())
        .containsExactlyInAnyOrder(
            "type",
            "spec_version",
            "id",
            "created",
            "modified",
            "sighting_of_ref",
            "count",
            "object_marking_refs");
    assertThat(s.get("count").intValue()).isEqualTo(7);

    Decision full =
        policy.decide(to("max_tlp = \"green\"\nsightings = \"full\"\n"), "intel", objects);
    JsonNode f = json(full.released().get(1));
    assertThat(f.get("where_sighted_refs").toString()).isEqualTo("[\"" + ME + "\"]");
    assertThat(f.get("description").textValue()).isEqualTo("seen at the Paris office");

    Decision anonymised =
        policy.decide(to("max_tlp = \"green\"\nsightings = \"anonymised\"\n"), "intel", objects);
    assertThat(json(anonymised.released().get(1)).has("where_sighted_refs")).isFalse();
  }

  @Test
  void decide_relationshipNeedsBothEndsReleased() {
    String rel =
        "{\"type\":\"relationship\",\"spec_version\":\"2.1\","
            + "\"id\":\"relationship--00000000-0000-4000-8000-000000000010\","
            + "\"created\":\"2024-01-02T00:00:00.000Z\",\"modified\":\"2024-01-02T00:00:00.000Z\","
            + "\"relationship_type\":\"related-to\",\"source_ref\":\""
            + IND
            + "\",\"target_ref\":\"indicator--00000000-0000-4000-8000-000000000002\","
            + "\"object_marking_refs\":[\""
            + Tlp.CLEAR.markingId()
            + "\"]}";
    List<StoredObject> objects =
        stored(
            indicator(IND, Tlp.GREEN.markingId(), ""),
            indicator("indicator--00000000-0000-4000-8000-000000000002", Tlp.AMBER.markingId(), ""),
            rel);
    Decision green =
        policy.decide(to("max_tlp = \"green\"\nrelationships = true\n"), "intel", objects);
    assertThat(green.released()).extracting(r -> r.stored().id()).containsExactly(IND);
    assertThat(green.withheld().get(1).reason())
        .isEqualTo(
            "target_ref indicator--00000000-0000-4000-8000-000000000002 is not released to the"
                + " partner");
    Decision amber =
        policy.decide(to("max_tlp = \"amber\"\nrelationships = true\n"), "intel", objects);
    assertThat(amber.released()).hasSize(3);
  }

  @Test
  void decide_otherPartnersIdentityAndRefs_hidden() {
    String identity =
        "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\""
            + OTHER
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Partner C\","
            + "\"object_marking_refs\":[\""
            + Tlp.CLEAR.markingId()
            + "\"]}";
    List<StoredObject> objects =
        stored(
            identity,
            indicator(IND, Tlp.CLEAR.markingId(), ",\"created_by_ref\":\"" + OTHER + "\""));
    Decision d = policy.decide(to("max_tlp = \"clear\"\n"), "intel", objects);
    assertThat(d.withheld()).extracting(Withheld::id).containsExactly(OTHER);
    assertThat(json(d.released().get(0)).has("created_by_ref")).isFalse();
    Decision revealed =
        policy.decide(to("max_tlp = \"clear\"\nreveal_partners = true\n"), "intel", objects);
    assertThat(revealed.released()).hasSize(2);
    assertThat(revealed.released().get(1).redacted()).isFalse();
  }

  @Test
  void decide_partnerRefsAtAnyDepth_removed() {
    String ext =
        ",\"extensions\":{\"extension-definition--00000000-0000-4000-8000-0000000000e1\":"
            + "{\"extension_type\":\"property-extension\",\"x_seen\":[{\"by_ref\":\""
            + OTHER
            + "\",\"n\":1},{\"by_ref\":\""
            + ME
            + "\",\"n\":2}],\"peer_refs\":[\""
            + OTHER
            + "\"]}}";
    List<StoredObject> objects = stored(indicator(IND, Tlp.CLEAR.markingId(), ext));
    Released r = policy.decide(to("max_tlp = \"clear\"\n"), "intel", objects).released().get(0);
    assertThat(r.json()).doesNotContain(OTHER).contains(ME);
    JsonNode e =
        json(r).get("extensions").get("extension-definition--00000000-0000-4000-8000-0000000000e1");
    assertThat(e.get("x_seen").get(0).has("by_ref")).isFalse();
    assertThat(e.has("peer_refs")).isFalse();
  }

  @Test
  void decide_noAgreement_nothingReleased() {
    List<StoredObject> objects = stored(indicator(IND, Tlp.CLEAR.markingId(), ""));
    Decision d =
        policy.decide(
            new Recipient(
                "b", "identity--00000000-0000-4000-8000-0000000000bb", Optional.empty(), Set.of()),
            "intel",
            objects);
    assertThat(d.released()).isEmpty();
    assertThat(d.withheld().get(0).reason()).contains("no sharing agreement");
  }
}
