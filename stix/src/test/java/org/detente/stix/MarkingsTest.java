package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkingsTest {
  private static final String GREEN = Tlp.GREEN.markingId();
  private static final String AMBER = Tlp.AMBER.markingId();
  private static final String RED = Tlp.RED.markingId();
  private static final String STATEMENT =
      "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd";

  /** The example object of STIX 2.1 section 7.2.3 (selector syntax). */
  private static final String VULNERABILITY =
      """
      {
        "id": "vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef",
        "spec_version": "2.1",
        "created": "2016-02-14T00:00:00.000Z",
        "modified": "2016-02-14T00:00:00.000Z",
        "type": "vulnerability",
        "name": "CVE-2014-0160",
        "description": "The (1) TLS...",
        "external_references": [
          {
            "source_name": "cve",
            "external_id": "CVE-2014-0160"
          }
        ],
        "labels": ["heartbleed", "has-logo"]
      }
      """;

  private static JsonNode tree(String json) {
    return StixObject.parse(json).json();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "description | \"The (1) TLS...\"",
        "external_references.[0].source_name | \"cve\"",
        "labels.[0] | \"heartbleed\"",
        "labels | [\"heartbleed\",\"has-logo\"]",
        "external_references | [{\"source_name\":\"cve\",\"external_id\":\"CVE-2014-0160\"}]",
      })
  void resolve_validSelectorsOfSection723(String selector, String expectedJson) {
    JsonNode object = tree(VULNERABILITY);

    assertThat(Markings.selectorResolves(object, selector)).isTrue();
    assertThat(Markings.resolve(object, selector).map(StixJson::write)).contains(expectedJson);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pattern", "external_references.[3]", "description.[0]", "labels.name"})
  void resolve_invalidSelectorsOfSection723_doNotResolve(String selector) {
    JsonNode object = tree(VULNERABILITY);

    assertThat(Markings.isValidSelector(selector)).isTrue();
    assertThat(Markings.selectorResolves(object, selector)).isFalse();
    assertThat(Markings.resolve(object, selector)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "labels..[0]",
        ".labels",
        "labels.",
        "labels[0]",
        "labels.[01]",
        "labels.[-1]",
        "labels.[+1]",
        "labels.[x]",
        "labels.[0",
        "labels.[]",
        "labels.[99999999999]",
        "a]b"
      })
  void isValidSelector_malformed_false(String selector) {
    assertThat(Markings.isValidSelector(selector)).isFalse();
    assertThat(Markings.selectorResolves(tree(VULNERABILITY), selector)).isFalse();
  }

  @Test
  void isValidSelector_wellFormed_true() {
    assertThat(Markings.isValidSelector("extensions.x-acme-ext.list.[10].Key-1_b")).isTrue();
    assertThat(Markings.isValidSelector("labels.[0]")).isTrue();
  }

  @Test
  void resolve_dictionaryKeysAndNestedLists() {
    JsonNode object =
        tree(
            "{\"type\":\"file\",\"id\":\"file--1\",\"extensions\":{\"ntfs-ext\":"
                + "{\"alternate_data_streams\":[{\"name\":\"a\"},{\"name\":\"b\",\"size\":3}]}}}");

    assertThat(
            Markings.resolve(object, "extensions.ntfs-ext.alternate_data_streams.[1].size")
                .map(JsonNode::intValue))
        .contains(3);
    assertThat(Markings.selectorResolves(object, "extensions.ntfs-ext.alternate_data_streams.[2]"))
        .isFalse();
  }

  /** The granular marking example of section 7.2.3, made a complete object. */
  private static StixObject section723Example() {
    return StixObject.parse(
        """
        {
          "type": "indicator",
          "id": "indicator--e2e1a340-4415-4ba8-9671-f7343fbf0836",
          "granular_markings": [
            {
              "marking_ref": "marking-definition--089a6ecb-cc15-43cc-9494-767639779123",
              "selectors": ["description", "labels"]
            }
          ],
          "object_marking_refs": ["marking-definition--79e2fa14-02c6-40d7-aa4b-ebf281dd78ef"],
          "description": "Some description",
          "name": "Some name",
          "labels": ["first", "second"]
        }
        """);
  }

  @Test
  void markingsOf_section723Example_objectMarkingForNameBothForDescriptionAndLabels() {
    StixObject o = section723Example();
    String objectLevel = "marking-definition--79e2fa14-02c6-40d7-aa4b-ebf281dd78ef";
    String granular = "marking-definition--089a6ecb-cc15-43cc-9494-767639779123";

    assertThat(Markings.markingsOf(o, "name")).containsExactly(objectLevel);
    assertThat(Markings.markingsOf(o, "description")).containsExactly(objectLevel, granular);
    assertThat(Markings.markingsOf(o, "labels")).containsExactly(objectLevel, granular);
    assertThat(Markings.markingsOf(o, "labels.[1]")).containsExactly(objectLevel, granular);
  }

  @Test
  void markingsOf_descendantMarkingDoesNotCoverAncestor() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"report\",\"id\":\"report--1\",\"external_references\":"
                + "[{\"source_name\":\"s\",\"url\":\"u\"}],\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"external_references.[0].url\"]}]}");

    assertThat(Markings.markingsOf(o, "external_references")).isEmpty();
    assertThat(Markings.markingsOf(o, "external_references.[0]")).isEmpty();
    assertThat(Markings.markingsOf(o, "external_references.[0].url")).containsExactly(RED);
    assertThat(Markings.markingsOf(o, "external_references.[0].source_name")).isEmpty();
  }

  @Test
  void markingsOf_malformedPath_rejected() {
    assertThatThrownBy(() -> Markings.markingsOf(section723Example(), "labels[0]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels[0]");
  }

  @Test
  void of_languageMarkingExampleOfSection723() {
    StixObject campaign =
        StixObject.parse(
            """
            {
              "type": "campaign",
              "spec_version": "2.1",
              "id": "campaign--12a111f0-b824-4baf-a224-83b80237a094",
              "lang": "en",
              "created": "2017-02-08T21:31:22.007Z",
              "modified": "2017-02-08T21:31:22.007Z",
              "name": "Bank Attack",
              "description": "Weitere Informationen über Banküberfall",
              "granular_markings": [
                {
                  "selectors": ["description"],
                  "lang": "de"
                }
              ]
            }
            """);

    Markings m = Markings.of(campaign);

    assertThat(m.granularMarkings())
        .containsExactly(new GranularMarking.Language("de", List.of("description")));
    assertThat(m.problems()).isEmpty();
    assertThat(Markings.markingsOf(campaign, "description")).isEmpty();
    assertThat(m.allMarkingRefs()).isEmpty();
  }

  @Test
  void of_malformedMarkings_reportedAsProblemsWithPaths() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"object_marking_refs\":[\""
                + GREEN
                + "\",7],\"granular_markings\":["
                + "{\"marking_ref\":\""
                + RED
                + "\",\"lang\":\"en\",\"selectors\":[\"name\"]},"
                + "{\"selectors\":[\"name\"]},"
                + "{\"marking_ref\":\""
                + AMBER
                + "\",\"selectors\":[]},"
                + "{\"marking_ref\":\""
                + AMBER
                + "\",\"selectors\":[\"name\",false]},"
                + "\"x\","
                + "{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"description\"]}]}");

    Markings m = Markings.of(o);

    assertThat(m.objectMarkingRefs()).containsExactly(GREEN);
    assertThat(m.granularMarkings())
        .containsExactly(new GranularMarking.Data(GREEN, List.of("description")));
    assertThat(m.problems())
        .extracting(StixError::property)
        .containsExactly(
            "object_marking_refs[1]",
            "granular_markings[0]",
            "granular_markings[1]",
            "granular_markings[2].selectors",
            "granular_markings[3].selectors[1]",
            "granular_markings[4]");
    assertThat(m.problems().get(0).message()).isEqualTo("expected a string, found a number");
    assertThat(m.problems()).allMatch(e -> e.objectId().equals("indicator--1"));
  }

  @Test
  void of_markingPropertiesNotLists_problems() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"object_marking_refs\":\""
                + GREEN
                + "\",\"granular_markings\":{}}");

    assertThat(Markings.of(o).problems())
        .extracting(StixError::property)
        .containsExactly("object_marking_refs", "granular_markings");
    assertThat(Markings.effectiveTlp(o).problems()).hasSize(2);
  }

  @Test
  void effectiveTlp_strictestObjectLevelTlpAcrossVersions() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"object_marking_refs\":[\""
                + Tlp.CLEAR.markingId()
                + "\",\""
                + Tlp.AMBER.tlp1MarkingId().orElseThrow()
                + "\",\""
                + GREEN
                + "\",\""
                + STATEMENT
                + "\"],\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"name\"]}],\"name\":\"n\"}");

    Markings.EffectiveTlp e = Markings.effectiveTlp(o);

    assertThat(e.tlp()).contains(Tlp.AMBER);
    assertThat(e.unknownRefs()).containsExactly(STATEMENT);
    assertThat(e.problems()).isEmpty();
  }

  @Test
  void effectiveTlp_noMarkings_empty() {
    StixObject o = StixObject.parse("{\"type\":\"indicator\",\"id\":\"indicator--1\"}");

    Markings.EffectiveTlp e = Markings.effectiveTlp(o);

    assertThat(e.tlp()).isEmpty();
    assertThat(e.unknownRefs()).isEmpty();
  }

  @Test
  void allMarkingRefs_objectLevelFirstWithoutRepeats() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"object_marking_refs\":[\""
                + GREEN
                + "\"],\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"name\"]},{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"name\"]}],\"name\":\"n\"}");

    assertThat(Markings.of(o).allMarkingRefs()).containsExactly(GREEN, RED);
  }

  // ---------------------------------------------------------------------------------- redact

  private static final Predicate<String> UP_TO_GREEN =
      ref -> Tlp.ofMarkingId(ref).map(t -> !t.isStricterThan(Tlp.GREEN)).orElse(false);

  private static StixObject rich() {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--1\","
            + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\","
            + "\"name\":\"n\",\"description\":\"secret\",\"labels\":[\"a\",\"b\",\"c\"],"
            + "\"external_references\":[{\"source_name\":\"s0\",\"url\":\"u0\"},"
            + "{\"source_name\":\"s1\",\"external_id\":\"e1\"}],"
            + "\"object_marking_refs\":[\""
            + GREEN
            + "\"],\"granular_markings\":["
            + "{\"marking_ref\":\""
            + AMBER
            + "\",\"selectors\":[\"description\",\"labels.[0]\"]},"
            + "{\"marking_ref\":\""
            + RED
            + "\",\"selectors\":[\"external_references.[0]\"]},"
            + "{\"marking_ref\":\""
            + Tlp.CLEAR.markingId()
            + "\",\"selectors\":[\"labels.[2]\",\"external_references.[1].external_id\","
            + "\"external_references.[0].url\"]},"
            + "{\"lang\":\"fr\",\"selectors\":[\"labels.[1]\",\"description\"]}]}");
  }

  @Test
  void redact_removesContentOfRejectedMarkingsAndRenumbersRemainingSelectors() {
    StixObject o = rich();
    String before = o.toJson();

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out))
        .isEqualTo(
            "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--1\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\","
                + "\"modified\":\"2020-01-01T00:00:00.000Z\",\"name\":\"n\","
                + "\"labels\":[\"b\",\"c\"],"
                + "\"external_references\":[{\"source_name\":\"s1\",\"external_id\":\"e1\"}],"
                + "\"object_marking_refs\":[\""
                + GREEN
                + "\"],\"granular_markings\":[{\"marking_ref\":\""
                + Tlp.CLEAR.markingId()
                + "\",\"selectors\":[\"labels.[1]\",\"external_references.[0].external_id\"]},"
                + "{\"lang\":\"fr\",\"selectors\":[\"labels.[0]\"]}]}");
    assertThat(o.toJson()).isEqualTo(before);
  }

  @Test
  void redact_redactedCopySelectorsDenoteTheSameContentAsBefore() {
    StixObject o = rich();

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(Markings.resolve(out, "labels.[1]").map(JsonNode::textValue)).contains("c");
    assertThat(Markings.resolve(o.json(), "labels.[2]").map(JsonNode::textValue)).contains("c");
    assertThat(Markings.resolve(out, "external_references.[0].external_id").map(JsonNode::asText))
        .contains("e1");
    Markings after = Markings.of(StixObject.adopt((ObjectNode) out));
    assertThat(after.problems()).isEmpty();
    assertThat(after.allMarkingRefs()).containsExactly(GREEN, Tlp.CLEAR.markingId());
    for (GranularMarking g : after.granularMarkings()) {
      assertThat(g.selectors()).allMatch(s -> Markings.selectorResolves(out, s));
    }
  }

  @Test
  void redact_severalElementsOfOneListRemoved_noSelectorShiftsWrongly() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"labels\":[\"a\",\"b\",\"c\",\"d\",\"e\"],"
                + "\"granular_markings\":["
                + "{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"labels.[3]\"]},"
                + "{\"marking_ref\":\""
                + AMBER
                + "\",\"selectors\":[\"labels.[1]\"]},"
                + "{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"labels.[4]\",\"labels.[0]\",\"labels.[2]\",\"labels.[3]\"]}]}");

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out.get("labels"))).isEqualTo("[\"a\",\"c\",\"e\"]");
    assertThat(StixJson.write(out.get("granular_markings")))
        .isEqualTo(
            "[{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"labels.[2]\",\"labels.[0]\",\"labels.[1]\"]}]");
  }

  @Test
  void redact_listEmptiedByRemoval_removedWithItsMarkings() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"content\":\"c\",\"labels\":[\"x\"],"
                + "\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"labels.[0]\"]},{\"lang\":\"en\",\"selectors\":[\"labels\"]}]}");

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out))
        .isEqualTo("{\"type\":\"note\",\"id\":\"note--1\",\"content\":\"c\"}");
  }

  @Test
  void redact_dictionaryKeyAndOverlappingSelectors() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"file\",\"id\":\"file--1\",\"name\":\"f\",\"extensions\":{"
                + "\"x-a\":{\"k\":1},\"x-b\":{\"k\":2,\"list\":[1,2]}},"
                + "\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"extensions.x-b\",\"extensions.x-b.list.[1]\"]},"
                + "{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"extensions.x-b.list\",\"extensions.x-a.k\"]}]}");

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out))
        .isEqualTo(
            "{\"type\":\"file\",\"id\":\"file--1\",\"name\":\"f\",\"extensions\":{\"x-a\":{\"k\":1}},"
                + "\"granular_markings\":[{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"extensions.x-a.k\"]}]}");
  }

  @Test
  void redact_everythingKept_sameContent() {
    StixObject o = rich();

    JsonNode out = Markings.redact(o, ref -> true);

    assertThat(CanonicalJson.toString(out)).isEqualTo(CanonicalJson.toString(o.json()));
  }

  @Test
  void redact_rejectedMarkingSelectsNothingPresent_entryDroppedNothingRemoved() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"content\":\"c\",\"granular_markings\":"
                + "[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"abstract\"]},{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"authors\"]}]}");

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out))
        .isEqualTo(
            "{\"type\":\"note\",\"id\":\"note--1\",\"content\":\"c\",\"granular_markings\":"
                + "[{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"authors\"]}]}");
  }

  @Test
  void redact_objectLevelMarkingRejected_withheld() {
    StixObject o = rich();

    assertThatThrownBy(() -> Markings.redact(o, Set.of(AMBER, RED)::contains))
        .isInstanceOf(ObjectWithheldException.class)
        .hasMessageContaining("indicator--1")
        .hasMessageContaining(GREEN)
        .extracting(e -> ((ObjectWithheldException) e).objectId())
        .isEqualTo("indicator--1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "type", "created", "granular_markings.[0]", "object_marking_refs"})
  void redact_rejectedMarkingOnUnremovableProperty_withheld(String selector) {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"created\":\"2020-01-01T00:00:00Z\","
                + "\"object_marking_refs\":[\""
                + GREEN
                + "\"],\"granular_markings\":[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\""
                + selector
                + "\"]}]}");

    assertThatThrownBy(() -> Markings.redact(o, UP_TO_GREEN))
        .isInstanceOf(ObjectWithheldException.class)
        .hasMessageContaining(selector);
  }

  @Test
  void redact_rejectedMarkingWithMalformedSelector_withheld() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"labels\":[\"a\"],\"granular_markings\":"
                + "[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"labels[0]\"]}]}");

    assertThatThrownBy(() -> Markings.redact(o, UP_TO_GREEN))
        .isInstanceOf(ObjectWithheldException.class)
        .hasMessageContaining("labels[0]");
  }

  @Test
  void redact_keptMarkingWithMalformedSelector_keptVerbatim() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"labels\":[\"a\",\"b\"],\"granular_markings\":"
                + "[{\"marking_ref\":\""
                + RED
                + "\",\"selectors\":[\"labels.[0]\"]},{\"marking_ref\":\""
                + GREEN
                + "\",\"selectors\":[\"labels[1]\",\"labels.[1]\"]}]}");

    JsonNode out = Markings.redact(o, UP_TO_GREEN);

    assertThat(StixJson.write(out.get("granular_markings")))
        .isEqualTo(
            "[{\"marking_ref\":\"" + GREEN + "\",\"selectors\":[\"labels[1]\",\"labels.[0]\"]}]");
  }

  @Test
  void redact_malformedMarkings_withheld() {
    StixObject o =
        StixObject.parse(
            "{\"type\":\"note\",\"id\":\"note--1\",\"content\":\"c\",\"granular_markings\":"
                + "[{\"marking_ref\":7,\"selectors\":[\"content\"]}]}");

    assertThatThrownBy(() -> Markings.redact(o, ref -> true))
        .isInstanceOf(ObjectWithheldException.class)
        .hasMessageContaining("granular_markings[0].marking_ref");
  }
}
