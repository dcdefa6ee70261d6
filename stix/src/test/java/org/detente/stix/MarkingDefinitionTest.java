package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkingDefinitionTest {

  @Test
  void of_statementExampleOfSection7213() {
    StixObject md =
        StixObject.parse(
            """
            {
              "type": "marking-definition",
              "spec_version": "2.1",
              "id": "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd",
              "created": "2016-08-01T00:00:00.000Z",
              "definition_type": "statement",
              "definition": {
                "statement": "Copyright 2019, Example Corp"
              }
            }
            """);

    assertThat(MarkingDefinition.of(md))
        .isEqualTo(
            new MarkingDefinition.Statement(
                "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd",
                "Copyright 2019, Example Corp"));
  }

  @Test
  void of_extensionBasedDefinition_listsExtensionIds() {
    StixObject md =
        StixObject.parse(
            """
            {
              "type": "marking-definition",
              "spec_version": "2.1",
              "id": "marking-definition--1c3a3b3b-5b0e-4a0a-9f5e-111111111111",
              "created": "2022-11-28T00:00:00.000Z",
              "name": "PAP:GREEN",
              "extensions": {
                "extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b": {
                  "extension_type": "property-extension",
                  "pap": "green"
                },
                "x-other-ext": {"k": 1}
              }
            }
            """);

    assertThat(MarkingDefinition.of(md))
        .isEqualTo(
            new MarkingDefinition.Extension(
                "marking-definition--1c3a3b3b-5b0e-4a0a-9f5e-111111111111",
                "PAP:GREEN",
                List.of("extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b")));
  }

  @Test
  void of_tlp2ContentUnderForeignId_isNotReadAsTlp() {
    var copy = Tlp.markingDefinition(Tlp.CLEAR, true).json();
    copy.put("id", "marking-definition--2b2b2b2b-0000-4000-8000-000000000000");

    MarkingDefinition d = MarkingDefinition.of(StixObject.adopt(copy));

    assertThat(d).isInstanceOf(MarkingDefinition.Extension.class);
  }

  @Test
  void of_tlp1ContentUnderForeignIdOrUnknownType_other() {
    var fakeTlp = Tlp.markingDefinition(Tlp.GREEN, false).json();
    fakeTlp.put("id", "marking-definition--3c3c3c3c-0000-4000-8000-000000000000");
    StixObject unknownType =
        StixObject.parse(
            "{\"type\":\"marking-definition\",\"id\":\"marking-definition--x\","
                + "\"definition_type\":\"x-acme\",\"definition\":{\"level\":3}}");

    assertThat(MarkingDefinition.of(StixObject.adopt(fakeTlp)))
        .isEqualTo(
            new MarkingDefinition.Other(
                "marking-definition--3c3c3c3c-0000-4000-8000-000000000000", "tlp"));
    assertThat(MarkingDefinition.of(unknownType))
        .isEqualTo(new MarkingDefinition.Other("marking-definition--x", "x-acme"));
  }

  @Test
  void of_notAMarkingDefinition_rejected() {
    StixObject indicator =
        StixObject.parse("{\"type\":\"indicator\",\"id\":\"indicator--1\",\"name\":\"n\"}");

    assertThatThrownBy(() -> MarkingDefinition.of(indicator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("indicator--1");
  }
}
