package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The STIX 2.1 examples published by OASIS (see {@code oasis-examples/README.md}) validate without
 * errors, object by object.
 *
 * <p>Every example file is listed with the number of objects it holds, so that a file that is
 * dropped, emptied or left unlisted fails the test instead of being silently skipped.
 */
class OasisExamplesTest {
  /** A file under {@code oasis-examples/} and the number of STIX objects it holds. */
  record Example(String file, int objects) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static final String ROOT = "/oasis-examples/";

  private static final List<Example> EXAMPLES =
      List.of(
          new Example("indicator-for-c2-ip-address.json", 1),
          new Example("indicator-to-campaign-relationship.json", 3),
          new Example("interop-objectmarking-test.json", 1),
          new Example("malicious-email-indicator-with-attachment.json", 6),
          new Example("threat-reports/apt1.json", 76));

  /** Files and objects below which the suite is taken to have lost examples. */
  private static final int MIN_FILES = 5;

  private static final int MIN_OBJECTS = 87;

  static Stream<Example> examples() {
    return EXAMPLES.stream();
  }

  /** The STIX objects of a file: the objects of a bundle, or the file's single object. */
  static List<JsonNode> objects(String file) {
    try (InputStream in = OasisExamplesTest.class.getResourceAsStream(ROOT + file)) {
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
  @MethodSource("examples")
  void validate_everyObjectOfOasisExample_hasNoErrors(Example example) {
    List<JsonNode> objects = objects(example.file());
    assertThat(objects).as(example.file()).hasSize(example.objects());
    List<StixError> errors = new ArrayList<>();
    for (JsonNode object : objects) {
      assertThat(object.path("spec_version").asText())
          .as(object.path("id").asText())
          .isEqualTo("2.1");
      errors.addAll(StixValidator.standard().validate(object));
    }
    assertThat(errors).as(example.file()).isEmpty();
  }

  @Test
  void examples_checkedFilesAndObjects_reachTheMinimum() {
    List<JsonNode> all = EXAMPLES.stream().flatMap(e -> objects(e.file()).stream()).toList();
    TreeSet<String> types = new TreeSet<>();
    all.forEach(o -> types.add(o.path("type").asText()));
    System.out.printf(
        "OASIS examples checked: %d files, %d objects, %d types %s%n",
        EXAMPLES.size(), all.size(), types.size(), types);

    assertThat(EXAMPLES).hasSizeGreaterThanOrEqualTo(MIN_FILES);
    assertThat(all)
        .hasSize(EXAMPLES.stream().mapToInt(Example::objects).sum())
        .hasSizeGreaterThanOrEqualTo(MIN_OBJECTS);
  }

  @Test
  void examples_listedFiles_areAllJsonFilesOfTheFolder() throws IOException, URISyntaxException {
    URL url = OasisExamplesTest.class.getResource(ROOT);
    assertThat(url).isNotNull();
    Path root = Path.of(url.toURI());
    List<String> present;
    try (Stream<Path> walk = Files.walk(root)) {
      present =
          walk.filter(p -> p.toString().endsWith(".json"))
              .map(p -> root.relativize(p).toString().replace('\\', '/'))
              .toList();
    }
    assertThat(present)
        .containsExactlyInAnyOrderElementsOf(EXAMPLES.stream().map(Example::file).toList());
  }
}
