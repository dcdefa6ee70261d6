package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.detente.stix.JsonEdits.remove;
import static org.detente.stix.JsonEdits.set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.detente.stix.JsonEdits.Edit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One invalid case per rule the validator implements: a valid object of one type (from {@link
 * ValidObjects}, or one of the extra bases below) with one mutation, and the rule and property path
 * the validator must report. Most cases must produce that error only.
 */
class StixValidatorRulesTest {
  private static final StixValidator VALIDATOR = StixValidator.standard();

  private static final String UUID = "0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
  private static final String EXT = ValidObjects.EXTENSION_DEFINITION_ID;
  private static final String TLP_GREEN =
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

  /** Bases besides the one-per-type examples. */
  private static final Map<String, String> EXTRA_BASES =
      Map.of(
          "tlp-green",
          """
          {"type": "marking-definition", "spec_version": "2.1",
           "id": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
           "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
           "name": "TLP:GREEN", "definition": {"tlp": "green"}}
          """,
          "custom",
          """
          {"type": "x-acme-widget", "spec_version": "2.1",
           "id": "x-acme-widget--%s",
           "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z",
           "widget_size": 3}
          """
              .formatted(UUID),
          "custom-sco",
          """
          {"type": "x-acme-device", "spec_version": "2.1", "id": "x-acme-device--%s",
           "serial": "AB-12", "extensions": {"%s": {"extension_type": "new-sco"}}}
          """
              .formatted(UUID, EXT),
          "extended-indicator",
          """
          {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s",
           "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z",
           "pattern": "[ipv4-addr:value = '198.51.100.1']", "pattern_type": "stix",
           "valid_from": "2020-01-01T00:00:00Z", "x_acme_rank": 5,
           "extensions": {"%s": {"extension_type": "property-extension", "toxicity": 8}}}
          """
              .formatted(UUID, EXT));

  /** A case: base object, edits, then the rule and path expected. */
  record Case(String base, List<Edit> edits, String rule, String path, boolean only) {
    ObjectNode object() {
      String json = EXTRA_BASES.containsKey(base) ? EXTRA_BASES.get(base) : ValidObjects.of(base);
      ObjectNode node = JsonEdits.parseObject(json);
      for (Edit e : edits) {
        e.applyTo(node);
      }
      return node;
    }

    @Override
    public String toString() {
      return base + " " + edits + " -> " + rule + " @ " + (path.isEmpty() ? "(object)" : path);
    }
  }

  private static Case bad(String base, String rule, String path, Edit... edits) {
    return new Case(base, List.of(edits), rule, path, true);
  }

  /** A case whose mutation also breaks other rules; only the expected one is asserted. */
  private static Case among(String base, String rule, String path, Edit... edits) {
    return new Case(base, List.of(edits), rule, path, false);
  }

  private static Edit str(String path, String value) {
    return set(path, "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }

  private static String id(String type) {
    return type + "--" + UUID;
  }

  private static String ids(String type) {
    return "[\"" + id(type) + "\"]";
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    // --- common properties: presence, spec_version, identifiers
    c.add(bad("indicator", "required", "spec_version", remove("spec_version")));
    c.add(bad("indicator", "spec-version", "spec_version", str("spec_version", "2.0")));
    c.add(bad("indicator", "type", "spec_version", set("spec_version", "2.1")));
    c.add(bad("campaign", "required", "id", remove("id")));
    c.add(bad("campaign", "identifier", "id", str("id", "campaign--not-a-uuid")));
    c.add(bad("campaign", "id-type", "id", str("id", id("malware"))));
    c.add(
        bad(
            "campaign",
            "identifier",
            "id",
            str("id", "campaign--0c7b5b88-8ff7-0a4d-aa9d-feb398cd0061")));
    c.add(
        bad(
            "campaign",
            "identifier",
            "id",
            str("id", "campaign--0c7b5b88-8ff7-4a4d-ca9d-feb398cd0061")));
    c.add(
        bad(
            "campaign",
            "identifier",
            "id",
            str("id", "campaign-0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061")));
    c.add(bad("campaign", "type", "id", set("id", "42")));
    c.add(bad("campaign", "required", "created", remove("created")));
    c.add(bad("campaign", "timestamp", "created", str("created", "2016-13-01T00:00:00.000Z")));
    c.add(bad("campaign", "timestamp", "created", str("created", "2016-04-06 20:03:00.000Z")));
    c.add(
        bad("campaign", "timestamp-precision", "created", str("created", "2016-04-06T20:03:00Z")));
    c.add(
        bad(
            "campaign",
            "timestamp-precision",
            "modified",
            str("modified", "2016-04-07T20:03:00.1Z")));
    c.add(
        bad(
            "campaign",
            "modified-before-created",
            "modified",
            str("modified", "2016-04-05T20:03:00.000Z")));
    c.add(bad("campaign", "required", "modified", remove("modified")));
    c.add(
        bad("campaign", "reference-type", "created_by_ref", str("created_by_ref", id("malware"))));
    c.add(bad("campaign", "identifier", "created_by_ref", str("created_by_ref", "identity-x")));
    c.add(bad("campaign", "type", "revoked", str("revoked", "yes")));
    c.add(
        bad(
            "campaign",
            "empty-list",
            "labels",
            set("labels", "[]"),
            set("granular_markings[0].selectors", "[\"description\"]")));
    c.add(bad("campaign", "type", "labels[0]", set("labels[0]", "1")));
    c.add(bad("campaign", "confidence-range", "confidence", set("confidence", "101")));
    c.add(bad("campaign", "confidence-range", "confidence", set("confidence", "-1")));
    c.add(bad("campaign", "type", "confidence", set("confidence", "50.5")));
    c.add(bad("campaign", "language-tag", "lang", str("lang", "en_US")));
    c.add(bad("campaign", "type", "lang", set("lang", "5")));
    // --- external references and hashes
    c.add(
        bad(
            "campaign",
            "required",
            "external_references[0].source_name",
            remove("external_references[0].source_name")));
    c.add(
        bad(
            "campaign",
            "external-reference-source",
            "external_references[0]",
            remove("external_references[0].url"),
            remove("external_references[0].hashes")));
    c.add(
        bad(
            "campaign",
            "hash-value",
            "external_references[0].hashes.SHA-256",
            str("external_references[0].hashes.SHA-256", "abc")));
    c.add(
        bad(
            "campaign",
            "hash-algorithm",
            "external_references[0].hashes.sha256",
            str("external_references[0].hashes.sha256", "a".repeat(64))));
    c.add(
        bad(
            "campaign",
            "hash-key",
            "external_references[0].hashes.ab",
            str("external_references[0].hashes.ab", "x")));
    c.add(
        bad(
            "campaign",
            "empty-dictionary",
            "external_references[0].hashes",
            set("external_references[0].hashes", "{}")));
    c.add(
        bad(
            "campaign",
            "type",
            "external_references[0].hashes.MD5",
            set("external_references[0].hashes.MD5", "5")));
    c.add(bad("campaign", "empty-list", "external_references", set("external_references", "[]")));
    c.add(
        bad("campaign", "type", "external_references[0]", str("external_references[0]", "capec")));
    // --- markings
    c.add(
        bad(
            "campaign",
            "reference-type",
            "object_marking_refs[0]",
            set("object_marking_refs", ids("identity"))));
    c.add(
        bad(
            "campaign",
            "identifier",
            "object_marking_refs[0]",
            set("object_marking_refs", "[\"tlp-green\"]")));
    c.add(
        bad(
            "campaign",
            "granular-marking-lang-or-marking-ref",
            "granular_markings[0].lang",
            str("granular_markings[0].lang", "en")));
    c.add(
        bad(
            "campaign",
            "granular-marking-lang-or-marking-ref",
            "granular_markings[0]",
            remove("granular_markings[0].marking_ref")));
    c.add(
        bad(
            "campaign",
            "empty-list",
            "granular_markings[0].selectors",
            set("granular_markings[0].selectors", "[]")));
    c.add(
        bad(
            "campaign",
            "required",
            "granular_markings[0].selectors",
            remove("granular_markings[0].selectors")));
    c.add(
        bad(
            "campaign",
            "selector-unresolved",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"pattern\"]")));
    c.add(
        bad(
            "campaign",
            "selector-unresolved",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"labels.[5]\"]")));
    c.add(
        bad(
            "campaign",
            "selector-unresolved",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"description.[0]\"]")));
    c.add(
        bad(
            "campaign",
            "selector-unresolved",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"labels.name\"]")));
    c.add(
        bad(
            "campaign",
            "selector-unresolved",
            "granular_markings[0].selectors[1]",
            set("granular_markings[0].selectors", "[\"description\", \"nope\"]")));
    c.add(
        bad(
            "campaign",
            "selector-syntax",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"labels..[0]\"]")));
    c.add(
        bad(
            "campaign",
            "selector-syntax",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"labels.[x]\"]")));
    c.add(
        bad(
            "campaign",
            "selector-syntax",
            "granular_markings[0].selectors[0]",
            set("granular_markings[0].selectors", "[\"labels[0]\"]")));
    c.add(
        bad(
            "campaign",
            "reference-type",
            "granular_markings[0].marking_ref",
            str("granular_markings[0].marking_ref", id("identity"))));
    c.add(
        bad(
            "campaign",
            "language-tag",
            "granular_markings[0].lang",
            remove("granular_markings[0].marking_ref"),
            str("granular_markings[0].lang", "not a language")));
    // --- common properties not used by a family
    c.add(bad("indicator", "not-applicable", "defanged", set("defanged", "true")));
    c.add(bad("ipv4-addr", "not-applicable", "labels", set("labels", "[\"x\"]")));
    c.add(
        bad(
            "ipv4-addr",
            "not-applicable",
            "external_references",
            set(
                "external_references",
                "[{\"source_name\": \"a\", \"url\": \"https://a.example\"}]")));
    c.add(bad("ipv4-addr", "not-applicable", "lang", str("lang", "en")));
    c.add(bad("marking-definition", "not-applicable", "confidence", set("confidence", "5")));
    c.add(
        bad(
            "marking-definition",
            "not-applicable",
            "modified",
            str("modified", "2016-04-07T20:03:00.000Z")));
    c.add(bad("marking-definition", "not-applicable", "revoked", set("revoked", "false")));
    c.add(bad("extension-definition", "not-applicable", "extensions", set("extensions", "{}")));
    c.add(bad("extension-definition", "not-applicable", "lang", str("lang", "en")));
    c.add(bad("language-content", "not-applicable", "lang", str("lang", "en")));
    // --- reserved and custom properties
    c.add(bad("indicator", "reserved-property", "severity", str("severity", "high")));
    c.add(bad("course-of-action", "reserved-property", "action", str("action", "block")));
    c.add(bad("file", "reserved-property", "username", str("username", "root")));
    c.add(bad("indicator", "custom-property-name", "X_Foo", str("X_Foo", "a")));
    c.add(bad("indicator", "custom-property-name", "ab", str("ab", "a")));
    c.add(bad("indicator", "custom-property-name", "1abc", str("1abc", "a")));
    c.add(bad("indicator", "custom-property-name", "x-foo", str("x-foo", "a")));
    c.add(
        bad(
            "indicator",
            "custom-property-name",
            "x" + "_".repeat(250),
            str("x" + "_".repeat(250), "a")));
    c.add(bad("indicator", "empty-list", "x_list", set("x_list", "[]")));
    c.add(
        bad(
            "file",
            "custom-property-name",
            "extensions.ntfs-ext.Owner",
            str("extensions.ntfs-ext.Owner", "x")));
    c.add(
        bad(
            "indicator",
            "custom-property-name",
            "kill_chain_phases[0].Extra",
            str("kill_chain_phases[0].Extra", "x")));
    c.add(bad("file", "encoding-without-property", "name_enc", remove("name")));
    c.add(
        bad(
            "indicator",
            "encoding-without-property",
            "x_comment_enc",
            str("x_comment_enc", "utf-8")));
    // --- extensions
    c.add(
        bad(
            "indicator",
            "extension-name",
            "extensions.foo-ext",
            set("extensions", "{\"foo-ext\": {\"color\": 1}}")));
    c.add(
        bad(
            "network-traffic",
            "extension-not-applicable",
            "extensions.archive-ext",
            set("extensions.archive-ext", "{\"contains_refs\": " + ids("file") + "}")));
    c.add(
        bad(
            "user-account",
            "extension-not-applicable",
            "extensions.windows-process-ext",
            set("extensions.windows-process-ext", "{\"dep_enabled\": true}")));
    c.add(
        bad(
            "extended-indicator",
            "required",
            "extensions." + EXT + ".extension_type",
            remove("extensions." + EXT + ".extension_type")));
    c.add(
        bad(
            "extended-indicator",
            "closed-vocabulary",
            "extensions." + EXT + ".extension_type",
            str("extensions." + EXT + ".extension_type", "sub-component")));
    c.add(
        bad(
            "extended-indicator",
            "type",
            "extensions." + EXT + ".extension_type",
            set("extensions." + EXT + ".extension_type", "1")));
    c.add(
        bad(
            "extended-indicator",
            "extension-shape",
            "extensions." + EXT,
            remove("extensions." + EXT + ".toxicity")));
    c.add(
        bad(
            "extended-indicator",
            "extension-shape",
            "extensions." + EXT,
            str("extensions." + EXT + ".extension_type", "toplevel-property-extension")));
    c.add(
        bad(
            "extended-indicator",
            "extension-shape",
            "extensions." + EXT,
            str("extensions." + EXT + ".extension_type", "new-sdo")));
    c.add(
        bad(
            "extended-indicator",
            "custom-property-name",
            "extensions." + EXT + ".Toxicity",
            str("extensions." + EXT + ".Toxicity", "x")));
    c.add(
        bad(
            "extended-indicator",
            "identifier",
            "extensions.extension-definition--1234",
            set(
                "extensions",
                "{\"extension-definition--1234\": {\"extension_type\": \"property-extension\", \"rank\": 1}}")));
    c.add(
        bad(
            "extended-indicator",
            "custom-property-name",
            "X_Acme_Rank",
            remove("x_acme_rank"),
            set("X_Acme_Rank", "5")));
    c.add(
        bad(
            "file",
            "extension-empty",
            "extensions.x-acme-ext",
            set("extensions.x-acme-ext", "{}")));
    c.add(
        bad(
            "file",
            "custom-property-name",
            "extensions.x-acme-ext.Bad",
            set("extensions.x-acme-ext", "{\"Bad\": 1}")));
    c.add(
        bad(
            "file",
            "extension-name",
            "extensions.x-acme",
            set("extensions.x-acme", "{\"color\": 1}")));
    c.add(bad("file", "type", "extensions.x-acme-ext", set("extensions.x-acme-ext", "\"x\"")));
    c.add(bad("file", "empty-dictionary", "extensions", set("extensions", "{}")));
    c.add(bad("file", "type", "extensions", set("extensions", "[]")));
    // --- custom objects
    c.add(
        among("custom", "custom-object-type", "type", str("type", "xy"), str("id", "xy--" + UUID)));
    c.add(
        among(
            "custom",
            "custom-object-type",
            "type",
            str("type", "x--acme"),
            str("id", "x--acme--" + UUID)));
    c.add(among("custom", "custom-object-type", "type", str("type", "X-Acme-Widget")));
    c.add(bad("custom", "id-type", "id", str("id", "x-acme-gadget--" + UUID)));
    c.add(bad("custom", "required", "created", remove("created")));
    c.add(bad("custom", "required", "spec_version", remove("spec_version")));
    c.add(bad("custom", "custom-property-name", "WidgetSize", set("WidgetSize", "3")));
    c.add(bad("custom", "not-applicable", "defanged", set("defanged", "false")));
    c.add(bad("custom-sco", "not-applicable", "labels", set("labels", "[\"x\"]")));
    c.add(bad("custom-sco", "custom-property-name", "Serial", set("Serial", "1")));
    c.add(
        bad("custom", "object-type", "type", str("type", "bundle"), str("id", "bundle--" + UUID)));
    // --- SDOs
    c.add(bad("attack-pattern", "required", "name", remove("name")));
    c.add(
        bad(
            "attack-pattern",
            "capec-external-id",
            "external_references[0].external_id",
            str("external_references[0].external_id", "163")));
    c.add(bad("attack-pattern", "type", "aliases", str("aliases", "phish")));
    c.add(
        bad(
            "campaign",
            "last-seen-before-first-seen",
            "last_seen",
            str("last_seen", "2015-01-01T00:00:00Z")));
    c.add(bad("course-of-action", "required", "name", remove("name")));
    c.add(bad("grouping", "required", "context", remove("context")));
    c.add(bad("grouping", "required", "object_refs", remove("object_refs")));
    c.add(bad("grouping", "empty-list", "object_refs", set("object_refs", "[]")));
    c.add(bad("grouping", "reference-type", "object_refs[0]", set("object_refs", ids("bundle"))));
    c.add(bad("identity", "required", "name", remove("name")));
    c.add(bad("identity", "type", "sectors", str("sectors", "technology")));
    c.add(bad("identity", "type", "identity_class", set("identity_class", "7")));
    c.add(bad("incident", "required", "name", remove("name")));
    c.add(bad("indicator", "required", "pattern", remove("pattern")));
    c.add(bad("indicator", "required", "pattern_type", remove("pattern_type")));
    c.add(bad("indicator", "required", "valid_from", remove("valid_from")));
    c.add(
        bad(
            "indicator",
            "indicator-valid-until-after-valid-from",
            "valid_until",
            str("valid_until", "2016-01-01T00:00:00Z")));
    c.add(
        bad(
            "indicator",
            "indicator-valid-until-after-valid-from",
            "valid_until",
            str("valid_until", "2015-06-01T00:00:00.000Z")));
    c.add(bad("indicator", "timestamp", "valid_from", str("valid_from", "yesterday")));
    c.add(
        bad(
            "indicator",
            "timestamp",
            "valid_until",
            str("valid_until", "2017-01-01T00:00:00+01:00")));
    c.add(bad("indicator", "empty-list", "indicator_types", set("indicator_types", "[]")));
    c.add(
        bad(
            "indicator",
            "required",
            "kill_chain_phases[0].phase_name",
            remove("kill_chain_phases[0].phase_name")));
    c.add(
        bad(
            "indicator",
            "type",
            "kill_chain_phases[0].kill_chain_name",
            set("kill_chain_phases[0].kill_chain_name", "3")));
    c.add(bad("indicator", "type", "kill_chain_phases", str("kill_chain_phases", "delivery")));
    c.add(bad("indicator", "type", "pattern", set("pattern", "42")));
    c.add(
        bad(
            "infrastructure",
            "last-seen-before-first-seen",
            "last_seen",
            str("last_seen", "2015-12-31T23:59:59.999Z")));
    c.add(
        bad(
            "intrusion-set",
            "type",
            "secondary_motivations[1]",
            set("secondary_motivations[1]", "3")));
    c.add(
        bad(
            "intrusion-set",
            "last-seen-before-first-seen",
            "last_seen",
            str("first_seen", "2017-01-01T00:00:00Z")));
    c.add(bad("location", "latitude-range", "latitude", set("latitude", "91")));
    c.add(bad("location", "longitude-range", "longitude", set("longitude", "-180.5")));
    c.add(bad("location", "type", "latitude", str("latitude", "48.8566")));
    c.add(
        bad(
            "location",
            "location-latitude-longitude-pair",
            "longitude",
            remove("longitude"),
            remove("precision")));
    c.add(
        bad(
            "location",
            "location-latitude-longitude-pair",
            "latitude",
            remove("latitude"),
            remove("precision")));
    c.add(
        among(
            "location",
            "location-precision-requires-coordinates",
            "latitude",
            remove("latitude"),
            remove("longitude")));
    c.add(
        bad(
            "location",
            "location-region-country-or-coordinates",
            "",
            remove("latitude"),
            remove("longitude"),
            remove("precision"),
            remove("region"),
            remove("country")));
    c.add(bad("malware", "required", "is_family", remove("is_family")));
    c.add(bad("malware", "type", "is_family", str("is_family", "true")));
    c.add(bad("malware", "malware-family-name", "name", remove("name")));
    c.add(bad("malware", "reference-type", "sample_refs[0]", set("sample_refs", ids("indicator"))));
    c.add(
        bad(
            "malware",
            "reference-type",
            "operating_system_refs[0]",
            set("operating_system_refs", ids("file"))));
    c.add(
        bad(
            "malware",
            "last-seen-before-first-seen",
            "last_seen",
            str("last_seen", "2014-01-01T00:00:00Z")));
    c.add(
        bad(
            "malware-analysis",
            "malware-analysis-result-or-scos",
            "",
            remove("result"),
            remove("analysis_sco_refs")));
    c.add(bad("malware-analysis", "required", "product", remove("product")));
    c.add(
        bad(
            "malware-analysis",
            "reference-type",
            "sample_ref",
            str("sample_ref", id("indicator"))));
    c.add(
        bad(
            "malware-analysis",
            "reference-type",
            "analysis_sco_refs[0]",
            set("analysis_sco_refs", ids("indicator"))));
    c.add(bad("malware-analysis", "reference-type", "host_vm_ref", str("host_vm_ref", id("file"))));
    c.add(
        bad(
            "malware-analysis",
            "reference-type",
            "installed_software_refs[0]",
            set("installed_software_refs", ids("process"))));
    c.add(bad("note", "required", "content", remove("content")));
    c.add(bad("note", "required", "object_refs", remove("object_refs")));
    c.add(
        bad(
            "observed-data",
            "number-observed-range",
            "number_observed",
            set("number_observed", "0")));
    c.add(
        bad(
            "observed-data",
            "number-observed-range",
            "number_observed",
            set("number_observed", "1000000000")));
    c.add(
        bad(
            "observed-data",
            "observed-data-last-before-first",
            "last_observed",
            str("last_observed", "2015-12-21T18:59:59Z")));
    c.add(bad("observed-data", "observed-data-objects-or-object-refs", "", remove("object_refs")));
    c.add(
        bad(
            "observed-data",
            "observed-data-objects-or-object-refs",
            "object_refs",
            set("objects", "{\"0\": {\"type\": \"ipv4-addr\", \"value\": \"10.0.0.1\"}}")));
    c.add(
        bad(
            "observed-data",
            "observed-data-sco-required",
            "object_refs",
            set("object_refs", ids("relationship"))));
    c.add(
        among(
            "observed-data",
            "reference-type",
            "object_refs[0]",
            set("object_refs", ids("indicator"))));
    c.add(
        bad(
            "observed-data",
            "type",
            "objects.0",
            remove("object_refs"),
            set("objects", "{\"0\": \"x\"}")));
    c.add(
        bad(
            "observed-data",
            "empty-dictionary",
            "objects",
            remove("object_refs"),
            set("objects", "{}")));
    c.add(
        bad(
            "observed-data",
            "required",
            "objects.0.type",
            remove("object_refs"),
            set("objects", "{\"0\": {\"value\": \"x\"}}")));
    c.add(bad("opinion", "closed-vocabulary", "opinion", str("opinion", "maybe")));
    c.add(bad("opinion", "required", "opinion", remove("opinion")));
    c.add(bad("report", "required", "published", remove("published")));
    c.add(bad("report", "empty-list", "object_refs", set("object_refs", "[]")));
    c.add(bad("threat-actor", "type", "roles", str("roles", "director")));
    c.add(bad("threat-actor", "required", "name", remove("name")));
    c.add(bad("tool", "type", "tool_types[0]", set("tool_types[0]", "5")));
    c.add(
        bad(
            "vulnerability",
            "cve-external-id",
            "external_references[0].external_id",
            str("external_references[0].external_id", "2016-1234")));
    c.add(bad("vulnerability", "required", "name", remove("name")));
    // --- SROs
    c.add(
        bad(
            "relationship",
            "relationship-type",
            "relationship_type",
            str("relationship_type", "Indicates")));
    c.add(
        bad(
            "relationship",
            "relationship-type",
            "relationship_type",
            str("relationship_type", "uses it")));
    c.add(bad("relationship", "required", "relationship_type", remove("relationship_type")));
    c.add(
        bad("relationship", "reference-type", "source_ref", str("source_ref", id("relationship"))));
    c.add(
        bad(
            "relationship",
            "reference-type",
            "target_ref",
            str("target_ref", id("marking-definition"))));
    c.add(
        bad(
            "relationship",
            "reference-type",
            "target_ref",
            str("target_ref", id("language-content"))));
    c.add(
        bad(
            "relationship",
            "relationship-stop-after-start",
            "stop_time",
            str("stop_time", "2016-01-01T00:00:00.000Z")));
    c.add(bad("relationship", "required", "source_ref", remove("source_ref")));
    c.add(bad("sighting", "sighting-count-range", "count", set("count", "1000000000")));
    c.add(bad("sighting", "sighting-count-range", "count", set("count", "-1")));
    c.add(
        bad(
            "sighting",
            "reference-type",
            "sighting_of_ref",
            str("sighting_of_ref", id("relationship"))));
    c.add(bad("sighting", "reference-type", "sighting_of_ref", str("sighting_of_ref", id("file"))));
    c.add(
        bad(
            "sighting",
            "reference-type",
            "observed_data_refs[0]",
            set("observed_data_refs", ids("indicator"))));
    c.add(
        bad(
            "sighting",
            "reference-type",
            "where_sighted_refs[1]",
            set("where_sighted_refs[1]", "\"" + id("malware") + "\"")));
    c.add(
        bad(
            "sighting",
            "last-seen-before-first-seen",
            "last_seen",
            str("last_seen", "2015-01-01T00:00:00Z")));
    c.add(bad("sighting", "type", "summary", str("summary", "no")));
    c.add(bad("sighting", "required", "sighting_of_ref", remove("sighting_of_ref")));
    // --- SCOs
    c.add(
        bad(
            "artifact",
            "artifact-payload-bin-and-url",
            "url",
            str("url", "https://example.com/a.zip")));
    c.add(bad("artifact", "artifact-payload-bin-or-url", "", remove("payload_bin")));
    c.add(
        bad(
            "artifact",
            "artifact-url-requires-hashes",
            "hashes",
            remove("payload_bin"),
            remove("hashes"),
            str("url", "https://example.com/a.zip")));
    c.add(
        bad(
            "artifact",
            "artifact-decryption-key-requires-encryption-algorithm",
            "encryption_algorithm",
            remove("encryption_algorithm")));
    c.add(
        bad(
            "artifact",
            "closed-vocabulary",
            "encryption_algorithm",
            str("encryption_algorithm", "AES-128")));
    c.add(bad("artifact", "binary", "payload_bin", str("payload_bin", "not base64!")));
    c.add(bad("artifact", "binary", "payload_bin", str("payload_bin", "aGVsbG8")));
    c.add(bad("artifact", "url", "url", remove("payload_bin"), str("url", "not a url")));
    c.add(bad("autonomous-system", "type", "number", str("number", "15139")));
    c.add(bad("autonomous-system", "integer-range", "number", set("number", "9007199254740992")));
    c.add(bad("autonomous-system", "required", "number", remove("number")));
    c.add(
        bad(
            "directory",
            "reference-type",
            "contains_refs[0]",
            set("contains_refs", ids("ipv4-addr"))));
    c.add(bad("directory", "required", "path", remove("path"), remove("path_enc")));
    c.add(among("directory", "encoding-without-property", "path_enc", remove("path")));
    c.add(bad("domain-name", "domain-name", "value", str("value", "exa mple.com")));
    c.add(bad("domain-name", "domain-name", "value", str("value", "-bad.example.com")));
    c.add(
        bad(
            "domain-name",
            "reference-type",
            "resolves_to_refs[0]",
            set("resolves_to_refs", ids("url"))));
    c.add(bad("email-addr", "email-address", "value", str("value", "John <john@example.com>")));
    c.add(
        bad(
            "email-addr",
            "reference-type",
            "belongs_to_ref",
            str("belongs_to_ref", id("identity"))));
    c.add(bad("email-message", "email-message-body-with-multipart", "body", str("body", "hello")));
    c.add(
        bad(
            "email-message",
            "email-message-body-multipart-without-multipart",
            "body_multipart",
            set("is_multipart", "false")));
    c.add(bad("email-message", "required", "is_multipart", remove("is_multipart")));
    c.add(
        bad(
            "email-message",
            "mime-part-body-or-body-raw-ref",
            "body_multipart[0]",
            remove("body_multipart[0].body")));
    c.add(
        bad(
            "email-message",
            "reference-type",
            "body_multipart[1].body_raw_ref",
            str("body_multipart[1].body_raw_ref", id("email-addr"))));
    c.add(
        bad(
            "email-message",
            "type",
            "additional_header_fields.Reply-To",
            str("additional_header_fields.Reply-To", "a@example.com")));
    c.add(
        bad(
            "email-message",
            "dictionary-key",
            "additional_header_fields.Bad Key",
            set("additional_header_fields.Bad Key", "[\"a\"]")));
    c.add(
        bad("email-message", "reference-type", "to_refs[0]", set("to_refs", ids("user-account"))));
    c.add(bad("email-message", "timestamp", "date", str("date", "2016-06-19")));
    c.add(
        bad(
            "email-message",
            "email-header-encoded-word",
            "subject",
            str("subject", "=?iso-8859-1?q?this=20is=20some=20text?=")));
    c.add(
        bad(
            "email-message",
            "email-header-encoded-word",
            "additional_header_fields.Reply-To[0]",
            str(
                "additional_header_fields.Reply-To[0]",
                "=?UTF-8?B?U3RldmU=?= <steve@example.com>")));

    c.add(
        bad(
            "file",
            "file-hashes-or-name",
            "",
            remove("hashes"),
            remove("name"),
            remove("name_enc")));
    c.add(bad("file", "non-negative", "size", set("size", "-1")));
    c.add(bad("file", "hex", "magic_number_hex", str("magic_number_hex", "504B0304")));
    c.add(bad("file", "hex", "magic_number_hex", str("magic_number_hex", "abc")));
    c.add(
        bad(
            "file",
            "hash-value",
            "hashes.MD5",
            str("hashes.MD5", "3773a88f65a5e780c8dff9cdc3a056")));
    c.add(bad("file", "hash-value", "hashes.SHA-256", str("hashes.SHA-256", "z".repeat(64))));
    c.add(bad("file", "hash-algorithm", "hashes.x_custom", str("hashes.x_custom", "abc")));
    c.add(
        bad(
            "file",
            "reference-type",
            "parent_directory_ref",
            str("parent_directory_ref", id("file"))));
    c.add(bad("file", "reference-type", "content_ref", str("content_ref", id("file"))));
    c.add(
        bad(
            "file",
            "required",
            "extensions.archive-ext.contains_refs",
            remove("extensions.archive-ext.contains_refs")));
    c.add(
        bad(
            "file",
            "reference-type",
            "extensions.archive-ext.contains_refs[0]",
            set("extensions.archive-ext.contains_refs", ids("ipv4-addr"))));
    c.add(
        bad(
            "file",
            "at-least-one-property",
            "extensions.ntfs-ext",
            set("extensions.ntfs-ext", "{}")));
    c.add(
        bad(
            "file",
            "required",
            "extensions.ntfs-ext.alternate_data_streams[0].name",
            remove("extensions.ntfs-ext.alternate_data_streams[0].name")));
    c.add(
        bad(
            "file",
            "at-least-one-property",
            "extensions.pdf-ext",
            set("extensions.pdf-ext", "{}")));
    c.add(
        bad(
            "file",
            "type",
            "extensions.pdf-ext.document_info_dict.Title",
            set("extensions.pdf-ext.document_info_dict.Title", "5")));
    c.add(
        bad(
            "file",
            "at-least-one-property",
            "extensions.raster-image-ext",
            set("extensions.raster-image-ext", "{}")));
    c.add(
        bad(
            "file",
            "type",
            "extensions.raster-image-ext.exif_tags.Make",
            set("extensions.raster-image-ext.exif_tags.Make", "true")));
    c.add(
        bad(
            "file",
            "pebinary-beyond-pe-type",
            "extensions.windows-pebinary-ext",
            set("extensions.windows-pebinary-ext", "{\"pe_type\": \"dll\"}")));
    c.add(
        bad(
            "file",
            "required",
            "extensions.windows-pebinary-ext.pe_type",
            remove("extensions.windows-pebinary-ext.pe_type")));
    c.add(
        bad(
            "file",
            "at-least-one-property",
            "extensions.windows-pebinary-ext.optional_header",
            set("extensions.windows-pebinary-ext.optional_header", "{}")));
    c.add(
        bad(
            "file",
            "required",
            "extensions.windows-pebinary-ext.sections[0].name",
            remove("extensions.windows-pebinary-ext.sections[0].name")));
    c.add(
        bad(
            "file",
            "non-negative",
            "extensions.windows-pebinary-ext.number_of_sections",
            set("extensions.windows-pebinary-ext.number_of_sections", "-4")));
    c.add(
        bad(
            "file",
            "timestamp",
            "extensions.windows-pebinary-ext.time_date_stamp",
            str("extensions.windows-pebinary-ext.time_date_stamp", "2016")));
    c.add(
        bad(
            "file",
            "hex",
            "extensions.windows-pebinary-ext.optional_header.magic_hex",
            str("extensions.windows-pebinary-ext.optional_header.magic_hex", "0x10b")));
    c.add(bad("ipv4-addr", "ipv4-address", "value", str("value", "300.1.1.1")));
    c.add(bad("ipv4-addr", "ipv4-address", "value", str("value", "1.2.3.4/33")));
    c.add(
        bad(
            "ipv4-addr",
            "reference-type",
            "resolves_to_refs[0]",
            set("resolves_to_refs", ids("ipv4-addr"))));
    c.add(
        bad(
            "ipv4-addr",
            "reference-type",
            "belongs_to_refs[0]",
            set("belongs_to_refs", ids("identity"))));
    c.add(bad("ipv6-addr", "ipv6-address", "value", str("value", "2001:db8::g")));
    c.add(bad("ipv6-addr", "ipv6-address", "value", str("value", "1::2::3")));
    c.add(bad("mac-addr", "mac-address", "value", str("value", "D2:FB:49:24:37:18")));
    c.add(bad("mac-addr", "mac-address", "value", str("value", "d2-fb-49-24-37-18")));
    c.add(bad("mutex", "required", "name", remove("name")));
    c.add(
        bad(
            "network-traffic",
            "network-traffic-src-or-dst",
            "",
            remove("src_ref"),
            remove("dst_ref")));
    c.add(
        bad(
            "network-traffic",
            "network-traffic-end-before-start",
            "end",
            str("end", "2015-12-31T00:00:00Z")));
    c.add(
        bad("network-traffic", "network-traffic-active-with-end", "end", set("is_active", "true")));
    c.add(bad("network-traffic", "port-range", "src_port", set("src_port", "70000")));
    c.add(bad("network-traffic", "port-range", "dst_port", set("dst_port", "-1")));
    c.add(bad("network-traffic", "required", "protocols", remove("protocols")));
    c.add(bad("network-traffic", "empty-list", "protocols", set("protocols", "[]")));
    c.add(bad("network-traffic", "reference-type", "src_ref", str("src_ref", id("url"))));
    c.add(bad("network-traffic", "non-negative", "src_byte_count", set("src_byte_count", "-5")));
    c.add(bad("network-traffic", "type", "ipfix.flowName", set("ipfix.flowName", "[1]")));
    c.add(
        bad(
            "network-traffic",
            "reference-type",
            "encapsulates_refs[0]",
            set("encapsulates_refs", ids("ipv4-addr"))));
    c.add(
        bad(
            "network-traffic",
            "required",
            "extensions.http-request-ext.request_method",
            remove("extensions.http-request-ext.request_method")));
    c.add(
        bad(
            "network-traffic",
            "type",
            "extensions.http-request-ext.request_header.Host",
            str("extensions.http-request-ext.request_header.Host", "x")));
    c.add(
        bad(
            "network-traffic",
            "hex",
            "extensions.icmp-ext.icmp_type_hex",
            str("extensions.icmp-ext.icmp_type_hex", "8")));
    c.add(
        bad(
            "network-traffic",
            "required",
            "extensions.icmp-ext.icmp_code_hex",
            remove("extensions.icmp-ext.icmp_code_hex")));
    c.add(
        bad(
            "network-traffic",
            "closed-vocabulary",
            "extensions.socket-ext.address_family",
            str("extensions.socket-ext.address_family", "AF_FOO")));
    c.add(
        bad(
            "network-traffic",
            "closed-vocabulary",
            "extensions.socket-ext.socket_type",
            str("extensions.socket-ext.socket_type", "SOCK_X")));
    c.add(
        bad(
            "network-traffic",
            "type",
            "extensions.socket-ext.options.SO_ACCEPTCONN",
            str("extensions.socket-ext.options.SO_ACCEPTCONN", "1")));
    c.add(
        bad(
            "network-traffic",
            "non-negative",
            "extensions.socket-ext.socket_descriptor",
            set("extensions.socket-ext.socket_descriptor", "-1")));
    c.add(
        bad(
            "network-traffic",
            "at-least-one-property",
            "extensions.tcp-ext",
            set("extensions.tcp-ext", "{}")));
    c.add(
        bad(
            "process",
            "at-least-one-property",
            "",
            remove("pid"),
            remove("created_time"),
            remove("command_line"),
            remove("environment_variables"),
            remove("image_ref"),
            remove("parent_ref"),
            remove("child_refs"),
            remove("extensions")));
    c.add(
        bad(
            "process",
            "type",
            "environment_variables.PATH",
            set("environment_variables.PATH", "1")));
    c.add(bad("process", "reference-type", "image_ref", str("image_ref", id("process"))));
    c.add(bad("process", "reference-type", "parent_ref", str("parent_ref", id("file"))));
    c.add(bad("process", "reference-type", "child_refs[0]", set("child_refs", ids("file"))));
    c.add(
        bad(
            "process",
            "closed-vocabulary",
            "extensions.windows-process-ext.integrity_level",
            str("extensions.windows-process-ext.integrity_level", "ultra")));
    c.add(
        bad(
            "process",
            "at-least-one-property",
            "extensions.windows-process-ext",
            set("extensions.windows-process-ext", "{}")));
    c.add(
        bad(
            "process",
            "closed-vocabulary",
            "extensions.windows-service-ext.start_type",
            str("extensions.windows-service-ext.start_type", "SERVICE_SOMETIMES")));
    c.add(
        bad(
            "process",
            "closed-vocabulary",
            "extensions.windows-service-ext.service_type",
            str("extensions.windows-service-ext.service_type", "SERVICE_USER")));
    c.add(
        bad(
            "process",
            "closed-vocabulary",
            "extensions.windows-service-ext.service_status",
            str("extensions.windows-service-ext.service_status", "RUNNING")));
    c.add(
        bad(
            "process",
            "reference-type",
            "extensions.windows-service-ext.service_dll_refs[0]",
            set("extensions.windows-service-ext.service_dll_refs", ids("process"))));
    c.add(
        bad(
            "process",
            "at-least-one-property",
            "extensions.windows-service-ext",
            set("extensions.windows-service-ext", "{}")));
    c.add(bad("software", "software-cpe", "cpe", str("cpe", "cpe:/a:microsoft:word:2000")));
    c.add(bad("software", "software-cpe", "cpe", str("cpe", "cpe:2.3:a:microsoft:word")));
    c.add(
        bad(
            "software",
            "language-tag",
            "languages[0]",
            set("languages[0]", "\"english language\"")));
    c.add(bad("software", "required", "name", remove("name")));
    c.add(bad("url", "url", "value", str("value", "not a url")));
    c.add(bad("url", "url", "value", str("value", "https://example.com/a b")));
    c.add(
        bad(
            "user-account",
            "at-least-one-property",
            "",
            remove("user_id"),
            remove("account_login"),
            remove("account_type"),
            remove("is_privileged"),
            remove("account_created"),
            remove("extensions")));
    c.add(bad("user-account", "type", "is_privileged", str("is_privileged", "yes")));
    c.add(bad("user-account", "timestamp", "account_created", str("account_created", "x")));
    c.add(
        bad(
            "user-account",
            "at-least-one-property",
            "extensions.unix-account-ext",
            set("extensions.unix-account-ext", "{}")));
    c.add(
        bad(
            "user-account",
            "type",
            "extensions.unix-account-ext.gid",
            str("extensions.unix-account-ext.gid", "1001")));
    c.add(
        bad("windows-registry-key", "registry-key-hive", "key", str("key", "HKLM\\Software\\Foo")));
    c.add(
        bad("windows-registry-key", "at-least-one-property", "values[0]", set("values[0]", "{}")));
    c.add(
        bad(
            "windows-registry-key",
            "closed-vocabulary",
            "values[0].data_type",
            str("values[0].data_type", "REG_FOO")));
    c.add(
        bad(
            "windows-registry-key",
            "reference-type",
            "creator_user_ref",
            str("creator_user_ref", id("identity"))));
    c.add(
        bad(
            "windows-registry-key",
            "at-least-one-property",
            "",
            remove("key"),
            remove("values"),
            remove("modified_time"),
            remove("number_of_subkeys"),
            remove("creator_user_ref")));
    c.add(
        bad(
            "x509-certificate",
            "at-least-one-property",
            "",
            remove("issuer"),
            remove("serial_number"),
            remove("validity_not_before"),
            remove("validity_not_after"),
            remove("subject"),
            remove("hashes"),
            remove("x509_v3_extensions")));
    c.add(
        bad(
            "x509-certificate",
            "at-least-one-property",
            "x509_v3_extensions",
            set("x509_v3_extensions", "{}")));
    c.add(
        bad(
            "x509-certificate",
            "type",
            "subject_public_key_exponent",
            str("subject_public_key_exponent", "65537")));
    c.add(
        bad(
            "x509-certificate",
            "timestamp",
            "validity_not_before",
            str("validity_not_before", "2016")));
    c.add(bad("x509-certificate", "hash-value", "hashes.SHA-256", str("hashes.SHA-256", "fe90")));
    // --- marking definitions
    c.add(
        bad(
            "marking-definition",
            "required-without-extensions",
            "definition_type",
            remove("definition_type")));
    c.add(
        bad(
            "marking-definition",
            "required-without-extensions",
            "definition",
            remove("definition")));
    c.add(bad("marking-definition", "required", "definition.statement", set("definition", "{}")));
    c.add(bad("marking-definition", "type", "definition", str("definition", "copyright")));
    c.add(
        bad(
            "marking-definition",
            "type",
            "definition.statement",
            set("definition.statement", "1")));
    c.add(bad("marking-definition", "required", "created", remove("created")));
    c.add(
        bad(
            "marking-definition",
            "reference-type",
            "created_by_ref",
            str("created_by_ref", id("tool"))));
    c.add(
        bad(
            "tlp-green",
            "marking-self-reference",
            "object_marking_refs[0]",
            set("object_marking_refs", "[\"" + TLP_GREEN + "\"]")));
    c.add(
        bad(
            "tlp-green",
            "marking-self-reference",
            "granular_markings[0].marking_ref",
            set(
                "granular_markings",
                "[{\"marking_ref\": \"" + TLP_GREEN + "\", \"selectors\": [\"name\"]}]")));
    c.add(
        bad(
            "marking-definition",
            "tlp-marking-definition",
            "id",
            str("definition_type", "tlp"),
            set("definition", "{\"tlp\": \"green\"}")));
    c.add(
        bad("tlp-green", "tlp-marking-definition", "definition.tlp", str("definition.tlp", "red")));
    c.add(
        bad(
            "tlp-green",
            "tlp-marking-definition",
            "created",
            str("created", "2017-01-21T00:00:00.000Z")));
    c.add(bad("tlp-green", "tlp-marking-definition", "name", str("name", "TLP:RED")));
    c.add(
        bad(
            "tlp-green",
            "tlp-marking-definition",
            "definition_type",
            str("definition_type", "statement"),
            set("definition", "{\"statement\": \"x\"}")));
    c.add(bad("tlp-green", "required", "definition.tlp", set("definition", "{}")));
    // --- language content
    c.add(bad("language-content", "empty-dictionary", "contents", set("contents", "{}")));
    c.add(
        bad(
            "language-content",
            "language-tag",
            "contents.en_GB",
            set("contents.en_GB", "{\"name\": \"x\"}")));
    c.add(bad("language-content", "type", "contents.de", str("contents.de", "x")));
    c.add(bad("language-content", "required", "object_ref", remove("object_ref")));
    c.add(bad("language-content", "reference-type", "object_ref", str("object_ref", id("bundle"))));
    c.add(bad("language-content", "timestamp", "object_modified", str("object_modified", "x")));
    c.add(
        bad(
            "language-content",
            "modified-before-created",
            "modified",
            str("modified", "2016-01-01T00:00:00.000Z")));
    // --- extension definitions
    c.add(bad("extension-definition", "required", "created_by_ref", remove("created_by_ref")));
    c.add(bad("extension-definition", "required", "schema", remove("schema")));
    c.add(bad("extension-definition", "required", "version", remove("version")));
    c.add(bad("extension-definition", "required", "name", remove("name")));
    c.add(
        bad(
            "extension-definition",
            "closed-vocabulary",
            "extension_types[0]",
            str("extension_types[0]", "new-thing")));
    c.add(
        bad(
            "extension-definition",
            "required",
            "extension_types",
            remove("extension_types"),
            remove("extension_properties")));
    c.add(
        bad(
            "extension-definition",
            "extension-properties-without-toplevel",
            "extension_properties",
            set("extension_types", "[\"property-extension\"]")));
    c.add(
        bad(
            "extension-definition",
            "custom-property-name",
            "extension_properties[0]",
            str("extension_properties[0]", "Rank")));
    return c.stream();
  }

  /** Values that are not a JSON object, or lack what every object needs. */
  static Stream<Object[]> raw() {
    return Stream.of(
        new Object[] {"[1, 2]", "json-object", ""},
        new Object[] {"\"indicator\"", "json-object", ""},
        new Object[] {"null", "json-object", ""},
        new Object[] {"{\"id\": \"indicator--" + UUID + "\"}", "required", "type"},
        new Object[] {"{\"type\": 5, \"id\": \"indicator--" + UUID + "\"}", "type", "type"},
        new Object[] {"{\"type\": \"indicator\"}", "required", "id"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate_mutatedObject_reportsRuleAtPath(Case c) {
    List<StixError> errors = VALIDATOR.validate(c.object());
    assertThat(errors)
        .extracting(StixError::rule, StixError::property)
        .contains(tuple(c.rule(), c.path()));
    if (c.only()) {
      assertThat(errors).hasSize(1);
    }
    String expectedId =
        c.object().path("id").isTextual() ? c.object().path("id").textValue() : StixValidator.NO_ID;
    assertThat(errors).allSatisfy(e -> assertThat(e.objectId()).isEqualTo(expectedId));
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
  }

  @ParameterizedTest(name = "{0} -> {1} @ {2}")
  @MethodSource("raw")
  void validate_malformedInput_reportsRuleAtPath(String json, String rule, String path) {
    List<StixError> errors = VALIDATOR.validate(JsonEdits.parse(json));
    assertThat(errors).extracting(StixError::rule, StixError::property).contains(tuple(rule, path));
  }

  @Test
  void validate_objectWithManyFaults_reportsEveryFault() {
    ObjectNode indicator = JsonEdits.parseObject(ValidObjects.of("indicator"));
    indicator.put("spec_version", "2.0");
    indicator.put("valid_until", "2015-01-01T00:00:00Z");
    indicator.put("confidence", 500);
    indicator.remove("pattern");
    indicator.put("Bad", 1);
    assertThat(VALIDATOR.validate(indicator))
        .extracting(StixError::rule, StixError::property)
        .containsExactlyInAnyOrder(
            tuple("spec-version", "spec_version"),
            tuple("indicator-valid-until-after-valid-from", "valid_until"),
            tuple("confidence-range", "confidence"),
            tuple("required", "pattern"),
            tuple("custom-property-name", "Bad"));
  }

  @Test
  void validate_errorWithoutId_namesNoId() {
    ObjectNode campaign = JsonEdits.parseObject(ValidObjects.of("campaign"));
    campaign.remove("id");
    assertThat(VALIDATOR.validate(campaign))
        .singleElement()
        .extracting(StixError::objectId)
        .isEqualTo("(no id)");
  }

  @Test
  void cases_coverManyRules() {
    Set<String> rules = new TreeSet<>(cases().map(Case::rule).toList());
    assertThat(cases().count()).isGreaterThanOrEqualTo(250);
    assertThat(rules).as("distinct rules: %s", rules).hasSizeGreaterThanOrEqualTo(75);
  }
}
