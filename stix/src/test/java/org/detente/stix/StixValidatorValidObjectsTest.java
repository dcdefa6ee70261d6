package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StixValidatorValidObjectsTest {
  private final StixValidator validator = StixValidator.standard();

  static Stream<String> types() {
    return ValidObjects.BY_TYPE.keySet().stream();
  }

  @Test
  void examples_coverEveryTypeOfTheSpecification() {
    assertThat(ValidObjects.BY_TYPE.keySet())
        .hasSize(42)
        .containsExactlyInAnyOrderElementsOf(StixSchemas.types());
    assertThat(StixSchemas.types())
        .containsAll(StixKind.SDO_TYPES)
        .containsAll(StixKind.SRO_TYPES)
        .containsAll(StixKind.SCO_TYPES)
        .containsAll(StixKind.META_TYPES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void validate_validObjectOfEachType_hasNoErrors(String type) {
    assertThat(validator.validate(JsonEdits.parse(ValidObjects.of(type)))).isEmpty();
  }

  private static final String UUID = "0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";
  private static final String EXT = ValidObjects.EXTENSION_DEFINITION_ID;

  /** Valid forms beyond the one-per-type examples: each names what it shows. */
  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of(
            "TLP:WHITE standard definition",
            """
            {"type": "marking-definition", "spec_version": "2.1",
             "id": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
             "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "name": "TLP:WHITE",
             "definition": {"tlp": "white"}}
            """),
        Arguments.of(
            "TLP:RED standard definition without its name",
            """
            {"type": "marking-definition", "spec_version": "2.1",
             "id": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
             "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
             "definition": {"tlp": "red"}}
            """),
        Arguments.of(
            "marking definition defined by an extension (TLP 2.0 style)",
            """
            {"type": "marking-definition", "spec_version": "2.1",
             "id": "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
             "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER",
             "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
               {"extension_type": "property-extension", "tlp_2_0": "amber"}}}
            """),
        Arguments.of(
            "custom object (section 11.2)",
            """
            {"type": "x-example-com-customobject", "spec_version": "2.1",
             "id": "x-example-com-customobject--4527e5de-8572-446a-a57a-706f15467461",
             "created": "2016-08-01T00:00:00.000Z", "modified": "2016-08-01T00:00:00.000Z",
             "some_custom_stuff": 14, "other_custom_stuff": "hello"}
            """),
        Arguments.of(
            "new SDO defined by an extension definition",
            """
            {"type": "my-favorite-sdo", "spec_version": "2.1",
             "id": "my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189",
             "created": "2014-02-20T09:16:08.989000Z", "modified": "2014-02-20T09:16:08.989000Z",
             "name": "This is the name of my favorite", "some_property_name1": "value1",
             "extensions": {"%s": {"extension_type": "new-sdo"}}}
            """
                .formatted(EXT)),
        Arguments.of(
            "new SCO defined by an extension definition (no created or modified)",
            """
            {"type": "my-favorite-sco", "spec_version": "2.1",
             "id": "my-favorite-sco--f9dbe89c-0030-4a9d-8b78-0dcd0a0de874",
             "name": "This is the name of my favorite SCO", "some_network_protocol_field": "value",
             "defanged": false, "extensions": {"%s": {"extension_type": "new-sco"}}}
            """
                .formatted(EXT)),
        Arguments.of(
            "top-level property extension",
            """
            {"type": "indicator", "spec_version": "2.1", "id": "indicator--%s",
             "created": "2014-02-20T09:16:08.989000Z", "modified": "2014-02-20T09:16:08.989000Z",
             "pattern": "[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']",
             "pattern_type": "stix", "valid_from": "2014-02-20T09:00:00.000000Z",
             "rank": 1, "toxicity": 2,
             "extensions": {"%s": {"extension_type": "toplevel-property-extension"}}}
            """
                .formatted(UUID, EXT)),
        Arguments.of(
            "custom SCO extension (section 11.3) and custom properties",
            """
            {"type": "file", "id": "file--%s", "name": "foo.dll", "x_acme_score": 10,
             "x_acme_scoring": {"impact": "high"},
             "extensions": {"x-example-com-foo-ext": {"foo_val": "foo", "bar_val": "bar"}}}
            """
                .formatted(UUID)),
        Arguments.of(
            "observed-data with the deprecated observable container",
            """
            {"type": "observed-data", "spec_version": "2.1", "id": "observed-data--%s",
             "created": "2016-04-06T19:58:16.000Z", "modified": "2016-04-06T19:58:16.000Z",
             "first_observed": "2015-12-21T19:00:00Z", "last_observed": "2015-12-21T19:00:00Z",
             "number_observed": 1,
             "objects": {"0": {"type": "ipv4-addr", "value": "198.51.100.2"},
                         "1": {"type": "network-traffic", "dst_ref": "0", "protocols": ["tcp"]}}}
            """
                .formatted(UUID)),
        Arguments.of(
            "defanged SCO values",
            """
            {"type": "url", "spec_version": "2.1", "id": "url--%s",
             "value": "hxxp://example[.]com/a b", "defanged": true}
            """
                .formatted(UUID)),
        Arguments.of(
            "versioned SCO (section 3.6)",
            """
            {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--%s",
             "value": "10.0.0.1", "created": "2020-01-01T00:00:00.000Z",
             "modified": "2020-01-02T00:00:00.000Z", "revoked": true}
            """
                .formatted(UUID)),
        Arguments.of(
            "granular language marking and revoked SDO",
            """
            {"type": "campaign", "spec_version": "2.1", "id": "campaign--%s", "lang": "en",
             "created": "2017-02-08T21:31:22.007Z", "modified": "2017-02-08T21:31:22.007Z",
             "name": "Bank Attack", "description": "Weitere Informationen", "revoked": true,
             "granular_markings": [{"selectors": ["description"], "lang": "de"}]}
            """
                .formatted(UUID)),
        Arguments.of(
            "relationship to a custom object and an SCO",
            """
            {"type": "relationship", "spec_version": "2.1", "id": "relationship--%s",
             "created": "2020-01-01T00:00:00.000Z", "modified": "2020-01-01T00:00:00.000Z",
             "relationship_type": "delivered-by",
             "source_ref": "x-acme-widget--%s", "target_ref": "url--%s"}
            """
                .formatted(UUID, UUID, UUID)),
        Arguments.of(
            "single-part email with body",
            """
            {"type": "email-message", "spec_version": "2.1", "id": "email-message--%s",
             "is_multipart": false, "body": "Hello", "subject": "Hi"}
            """
                .formatted(UUID)),
        Arguments.of(
            "malware instance without name",
            """
            {"type": "malware", "spec_version": "2.1", "id": "malware--%s",
             "created": "2020-01-16T18:52:24.277Z", "modified": "2020-01-16T18:52:24.277Z",
             "is_family": false, "sample_refs": ["file--%s"]}
            """
                .formatted(UUID, UUID)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void validate_validVariant_hasNoErrors(String what, String json) {
    assertThat(validator.validate(JsonEdits.parse(json))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void validate_stixObjectOfEachType_hasNoErrors(String type) {
    assertThat(validator.validate(StixObject.parse(ValidObjects.of(type)))).isEmpty();
  }
}
