package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.detente.stix.StixJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternCommandTest {
  @TempDir Path tmp;

  static final String OBSERVATIONS =
      "[{\"type\":\"observed-data\",\"spec_version\":\"2.1\","
          + "\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\","
          + "\"created\":\"2016-04-06T19:58:16.000Z\",\"modified\":\"2016-04-06T19:58:16.000Z\","
          + "\"first_observed\":\"2015-12-21T19:00:00Z\",\"last_observed\":\"2015-12-21T19:00:00Z\","
          + "\"number_observed\":1,"
          + "\"object_refs\":[\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\"]},"
          + "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\","
          + "\"value\":\"198.51.100.3\"}]";

  @Test
  void validate_validPatternExitsZero() {
    CliRun r = CliRun.of("pattern", "validate", "[ipv4-addr:value = '198.51.100.3']");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("valid: ");
  }

  @Test
  void validate_invalidPatternGivesOffsetAndCaret() {
    CliRun r = CliRun.of("pattern", "validate", "[ipv4-addr:value = ]");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("invalid pattern: at offset 19: expected")
        .contains("  [ipv4-addr:value = ]\n" + " ".repeat(21) + "^");
  }

  @Test
  void match_printsTheSatisfyingObservedData() throws IOException {
    Path f = tmp.resolve("obs.json");
    Files.writeString(
        f,
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":"
            + OBSERVATIONS
            + "}");
    CliRun hit =
        CliRun.of("pattern", "match", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", f.toString());
    assertThat(hit.exitCode()).as(hit.err()).isZero();
    assertThat(hit.out())
        .isEqualTo("match\n  observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\n");
    CliRun miss = CliRun.of("pattern", "match", "[ipv4-addr:value = '10.0.0.1']", f.toString());
    assertThat(miss.exitCode()).isEqualTo(1);
    assertThat(miss.out()).isEqualTo("no match (1 observed-data)\n");
  }

  @Test
  void match_badFileOrPatternIsAClearError() throws IOException {
    CliRun missing =
        CliRun.of(
            "pattern",
            "match",
            "[ipv4-addr:value = '1.2.3.4']",
            tmp.resolve("missing.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    Path f = tmp.resolve("broken.json");
    Files.writeString(
        f,
        "[{\"type\":\"observed-data\",\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\"}]");
    CliRun broken = CliRun.of("pattern", "match", "[ipv4-addr:value = '1.2.3.4']", f.toString());
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err()).contains("first_observed");
    CliRun invalid = CliRun.of("pattern", "match", "[x:y = ", f.toString());
    assertThat(invalid.out()).contains("invalid pattern: at offset 1");
    assertThat(invalid.exitCode()).isEqualTo(1);
  }

  @Test
  void check_answersEveryLineInOrder() throws IOException {
    Path f = tmp.resolve("in.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add(
        "{\"pattern\":\"[ipv4-addr:value = '198.51.100.3']\",\"observations\":"
            + OBSERVATIONS
            + "}");
    lines.add(
        "{\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\",\"observations\":" + OBSERVATIONS + "}");
    lines.add("{\"pattern\":\"[domain-name:value = 'a.example']\"}");
    lines.add("{\"pattern\":\"[domain-name:value = \"}");
    lines.add("this is not JSON");
    lines.add("{\"observations\":[]}");
    lines.add(
        "{\"pattern\":\"[ipv4-addr:value = '1.2.3.4']\",\"observations\":[{\"type\":\"observed-data\"}]}");
    lines.add("");
    lines.add(
        "{\"pattern\":\"[file:name MATCHES '^(a+)+$']\",\"observations\":" + OBSERVATIONS + "}");
    Files.write(f, lines, StandardCharsets.UTF_8);
    CliRun r = CliRun.of("pattern", "check", "--jsonl", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    List<JsonNode> out = new ArrayList<>();
    for (String l : r.out().split("\n")) {
      out.add(StixJson.mapper().readTree(l));
    }
    assertThat(out).hasSize(lines.size());
    assertThat(out.get(0).toString()).isEqualTo("{\"valid\":true,\"match\":true}");
    assertThat(out.get(1).toString()).isEqualTo("{\"valid\":true,\"match\":false}");
    assertThat(out.get(2).toString()).isEqualTo("{\"valid\":true,\"match\":false}");
    assertThat(out.get(3).get("valid").booleanValue()).isFalse();
    assertThat(out.get(3).get("error").asText()).startsWith("at offset 21: expected a constant");
    assertThat(out.get(4).get("error").asText()).startsWith("line 5: malformed JSON");
    assertThat(out.get(5).get("error").asText()).contains("string 'pattern'");
    assertThat(out.get(6).get("valid").booleanValue()).isTrue();
    assertThat(out.get(6).get("error").asText()).startsWith("observations: ");
    assertThat(out.get(7).get("error").asText()).startsWith("line 8: expected an object");
    assertThat(out.get(8).toString()).isEqualTo("{\"valid\":true,\"match\":false}");
  }

  @Test
  void check_allValidExitsZero() throws IOException {
    Path f = tmp.resolve("in.jsonl");
    Files.writeString(f, "{\"pattern\":\"[ipv4-addr:value = '198.51.100.3']\"}\n");
    CliRun r = CliRun.of("pattern", "check", "--jsonl", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("{\"valid\":true,\"match\":false}\n");
  }
}
