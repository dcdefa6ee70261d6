package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlpTest {

  private static final Map<String, Tlp> OFFICIAL_IDS =
      Map.of(
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Tlp.CLEAR,
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Tlp.GREEN,
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Tlp.AMBER,
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Tlp.AMBER_STRICT,
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Tlp.RED,
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED);

  @Test
  void ofMarkingId_nineOfficialIds() {
    OFFICIAL_IDS.forEach((id, level) -> assertThat(Tlp.ofMarkingId(id)).as(id).contains(level));
  }

  @Test
  void ofMarkingId_otherIds_empty() {
    assertThat(Tlp.ofMarkingId("marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd"))
        .isEmpty();
    assertThat(Tlp.ofMarkingId("marking-definition--94868C89-83C2-464B-929B-A1A8AA3C8487"))
        .isEmpty();
    assertThat(Tlp.ofMarkingId(null)).isEmpty();
  }

  @Test
  void compareTo_ordersByStrictness() {
    assertThat(Tlp.values())
        .containsExactly(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED);
    assertThat(Tlp.AMBER_STRICT.isStricterThan(Tlp.AMBER)).isTrue();
    assertThat(Tlp.AMBER.isStricterThan(Tlp.AMBER_STRICT)).isFalse();
    assertThat(Tlp.RED.compareTo(Tlp.CLEAR)).isPositive();
  }

  @Test
  void label_andTlp2Names() {
    assertThat(Tlp.AMBER_STRICT.label()).isEqualTo("TLP:AMBER+STRICT");
    assertThat(Tlp.CLEAR.label()).isEqualTo("TLP:CLEAR");
    assertThat(Tlp.ofTlp2Name("amber+strict")).contains(Tlp.AMBER_STRICT);
    assertThat(Tlp.ofTlp2Name("white")).isEmpty();
  }

  @Test
  void markingDefinition_tlp2_exactlyAsPublishedByOasis() throws Exception {
    // cti-stix-common-objects, extension-definition-specifications/tlp-2.0/examples.
    for (Tlp t : Tlp.values()) {
      String name = t.label();
      String value = name.substring(4).toLowerCase(Locale.ROOT);
      String published =
          "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
              + t.markingId()
              + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\""
              + name
              + "\",\"extensions\":{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
              + "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\""
              + value
              + "\"}}}";

      StixObject md = Tlp.markingDefinition(t, true);

      assertThat(md.toJson()).isEqualTo(published);
    }
  }

  @Test
  void markingDefinition_tlp1_exactlyAsInStix21Section7214() {
    String white =
        "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
            + "\"id\":\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\","
            + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
            + "\"name\":\"TLP:WHITE\",\"definition\":{\"tlp\":\"white\"}}";
    String red =
        "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
            + "\"id\":\"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed\","
            + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
            + "\"name\":\"TLP:RED\",\"definition\":{\"tlp\":\"red\"}}";

    assertThat(Tlp.markingDefinition(Tlp.CLEAR, false).toJson()).isEqualTo(white);
    assertThat(Tlp.markingDefinition(Tlp.RED, false).toJson()).isEqualTo(red);
    assertThat(Tlp.markingDefinition(Tlp.GREEN, false).string("name")).contains("TLP:GREEN");
    assertThat(Tlp.markingDefinition(Tlp.AMBER, false).property("definition").get("tlp").asText())
        .isEqualTo("amber");
  }

  @Test
  void markingDefinition_amberStrictTlp1_rejected() {
    assertThatThrownBy(() -> Tlp.markingDefinition(Tlp.AMBER_STRICT, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLP:AMBER+STRICT");
    assertThat(Tlp.AMBER_STRICT.tlp1MarkingId()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Tlp.class)
  void markingDefinition_roundTripsThroughIdAndContent(Tlp t) {
    for (boolean v2 : new boolean[] {true, false}) {
      if (!v2 && t == Tlp.AMBER_STRICT) {
        continue;
      }
      StixObject md = Tlp.markingDefinition(t, v2);

      assertThat(Tlp.ofMarkingId(md.id())).contains(t);
      assertThat(Tlp.isOfficial(md)).isTrue();
      assertThat(Tlp.isOfficial(StixObject.parse(md.toJson()))).isTrue();
      assertThat(MarkingDefinition.of(md)).isEqualTo(new MarkingDefinition.TlpMarking(md.id(), t));
      assertThat(md.id()).isEqualTo(v2 ? t.markingId() : t.tlp1MarkingId().orElseThrow());
    }
  }

  @Test
  void isOfficial_alteredOrForeignDefinition_false() {
    ObjectNode altered = Tlp.markingDefinition(Tlp.RED, true).json();
    altered.put("name", "TLP:GREEN");
    ObjectNode foreign = Tlp.markingDefinition(Tlp.RED, true).json();
    foreign.put("id", "marking-definition--00000000-0000-4000-8000-000000000000");

    assertThat(Tlp.isOfficial(StixObject.adopt(altered))).isFalse();
    assertThat(Tlp.isOfficial(StixObject.adopt(foreign))).isFalse();
  }
}
