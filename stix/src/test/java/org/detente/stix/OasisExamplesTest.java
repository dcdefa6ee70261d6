package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The STIX 2.1 examples published by OASIS (see {@code oasis-examples/README.md}) validate without
 * errors, object by object.
 */
class OasisExamplesTest {
  private static final List<String> FILES =
      List.of("interop-objectmarking-test.json", "malicious-email-indicator-with-attachment.json");

  static Stream<String> files() {
    return FILES.stream();
  }

  /** The STIX objects of a file: the objects of a bundle, or the file's single object. */
  static List<JsonNode> objects(String file) {
    try (InputStream in = OasisExamplesTest.class.getResourceAsStream("/oasis-examples/" + file)) {
      assertThat(in).as(file).isNotNull();
      JsonNode root = StixJson.mapper().readTree(in);
      List<JsonNode> objects = new ArrayList<>();
      if ("bundle".equals(root.path("type").asText())) {
        root.path("objects").forEach(objects::add);
      } else {
        objects.add(root);
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void validate_everyObjectOfOasisExample_hasNoErrors(String file) {
    List<JsonNode> objects = objects(file);
    assertThat(objects).isNotEmpty();
    for (JsonNode object : objects) {
      assertThat(object.path("spec_version").asText()).isEqualTo("2.1");
      assertThat(StixValidator.standard().validate(object))
          .as(object.path("id").asText())
          .isEmpty();
    }
  }

  @Test
  void examples_checkedFilesAndObjects_areAllThatWereTaken() {
    assertThat(files().mapToInt(f -> objects(f).size()).sum()).isEqualTo(7);
  }
}
