package org.detente.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import org.junit.jupiter.api.Test;

class ObjectRulesTest {
  static StixObject indicator(String patternType, String pattern) {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
            + "\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
            + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\","
            + "\"pattern\":"
            + org.detente.stix.StixJson.write(
                com.fasterxml.jackson.databind.node.TextNode.valueOf(pattern))
            + ",\"pattern_type\":\""
            + patternType
            + "\",\"valid_from\":\"2016-01-01T00:00:00Z\"}");
  }

  @Test
  void check_invalidStixPattern_rejectedWithOffset() {
    List<StixError> errors =
        ObjectRules.standard().check(indicator("stix", "[ipv4-addr:value = '198.51.100.1'"));
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.property()).isEqualTo("pattern");
              assertThat(e.rule()).isEqualTo("pattern-syntax");
              assertThat(e.message()).contains("offset 33").contains("expected ']'");
            });
  }

  @Test
  void check_validStixPatternAndOtherPatternTypes_noError() {
    assertThat(ObjectRules.standard().check(indicator("stix", "[url:value = 'http://x.example/']")))
        .isEmpty();
    assertThat(ObjectRules.standard().check(indicator("snort", "alert tcp any any -> any 80 (")))
        .isEmpty();
  }

  @Test
  void check_everyOfficialExampleIndicatorPattern_parses() throws IOException {
    Path dir = Path.of("..", "stix", "src", "test", "resources", "oasis-examples");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertThat(files).isNotEmpty();
    List<String> problems = new ArrayList<>();
    int[] indicators = {0};
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        StixReader.withDefaultLimits()
            .read(
                in,
                item -> {
                  if (item instanceof StixReader.Parsed p
                      && p.object().type().equals("indicator")) {
                    indicators[0]++;
                    ObjectRules.standard()
                        .check(p.object())
                        .forEach(e -> problems.add(f + ": " + e));
                  }
                });
      }
    }
    assertThat(indicators[0]).isGreaterThanOrEqualTo(3);
    assertThat(problems).isEmpty();
  }
}
