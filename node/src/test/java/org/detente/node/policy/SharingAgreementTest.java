package org.detente.node.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.detente.stix.Tlp;
import org.junit.jupiter.api.Test;

class SharingAgreementTest {
  private static final String FULL =
      """
      # agreement with partner B
      agreement_version = 3
      collections = ["intel", "feeds"]
      types = ["indicator", "sighting"]
      max_tlp = "amber+strict"
      unmarked = "green"
      red_objects = ["indicator--00000000-0000-4000-8000-000000000001"]
      markings = ["marking-definition--00000000-0000-4000-8000-000000000002"]
      strip = ["created_by_ref", "x_*"]
      relationships = true
      sightings = "count"
      reveal_partners = true
      """;

  @Test
  void parse_everyKey_read() {
    SharingAgreement a = SharingAgreement.parse(FULL);
    assertThat(a.version()).isEqualTo(3);
    assertThat(a.collections()).containsExactlyInAnyOrder("intel", "feeds");
    assertThat(a.types()).containsExactlyInAnyOrder("indicator", "sighting");
    assertThat(a.maxTlp()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(a.unmarked()).isEqualTo(Tlp.GREEN);
    assertThat(a.redObjects()).containsExactly("indicator--00000000-0000-4000-8000-000000000001");
    assertThat(a.markings())
        .containsExactly("marking-definition--00000000-0000-4000-8000-000000000002");
    assertThat(a.strips("created_by_ref")).isTrue();
    assertThat(a.strips("x_score")).isTrue();
    assertThat(a.strips("description")).isFalse();
    assertThat(a.relationships()).isTrue();
    assertThat(a.sightings()).isEqualTo(SharingAgreement.SightingForm.COUNT);
    assertThat(a.revealPartners()).isTrue();
  }

  @Test
  void parse_readmeExample_valid() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    int at = readme.indexOf("```toml\nagreement_version");
    assertThat(at).as("the README shows an agreement").isPositive();
    String toml = readme.substring(at + "```toml\n".length(), readme.indexOf("```", at + 7));
    SharingAgreement a = SharingAgreement.parse(toml);
    assertThat(a.version()).isEqualTo(3);
    assertThat(a.sightings()).isEqualTo(SharingAgreement.SightingForm.ANONYMISED);
  }

  @Test
  void parse_minimal_defaultsDenyWhatIsNotSaid() {
    SharingAgreement a =
        SharingAgreement.parse(
            "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n");
    assertThat(a.types()).isEmpty();
    assertThat(a.unmarked()).isEqualTo(Tlp.RED);
    assertThat(a.redObjects()).isEmpty();
    assertThat(a.markings()).isEmpty();
    assertThat(a.strip()).isEmpty();
    assertThat(a.relationships()).isFalse();
    assertThat(a.sightings()).isEqualTo(SharingAgreement.SightingForm.NONE);
    assertThat(a.revealPartners()).isFalse();
  }

  private static void refused(String toml, int line, String key, String message) {
    assertThatThrownBy(() -> SharingAgreement.parse(toml))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              AgreementException a = (AgreementException) e;
              assertThat(a.line()).isEqualTo(line);
              assertThat(a.key()).isEqualTo(key);
              if (line > 0) {
                assertThat(a.getMessage()).startsWith("line " + line + ": ");
              }
            });
  }

  @Test
  void parse_badValue_refusedNamingLineAndKey() {
    refused(FULL.replace("\"amber+strict\"", "\"orange\""), 5, "max_tlp", "got \"orange\"");
    refused(FULL.replace("\"count\"", "\"some\""), 11, "sightings", "full, anonymised, count");
    refused(FULL.replace("relationships = true", "relationships = 1"), 10, "relationships", "true");
    refused(
        FULL.replace("indicator--00000000-0000-4000-8000-000000000001", "nope"),
        7,
        "red_objects",
        "'nope' is not a STIX id");
    refused(
        FULL.replace("marking-definition--00000000", "indicator--00000000"),
        8,
        "markings",
        "not a marking-definition id");
    refused(FULL.replace("\"x_*\"", "\"id\""), 9, "strip", "may not name 'id'");
    refused(
        FULL.replace("agreement_version = 3", "agreement_version = 0"),
        2,
        "agreement_version",
        ">= 1");
    refused(
        FULL.replace("max_tlp = \"amber+strict\"", "max_tlp = \"red\""),
        5,
        "max_tlp",
        "red_objects");
    refused(
        FULL.replace("collections = [\"intel\", \"feeds\"]", "collections = []"),
        3,
        "collections",
        "at least one");
    refused(FULL + "colour = \"blue\"\n", 13, "colour", "unknown key");
  }

  @Test
  void parse_missingKey_refusedNamingIt() {
    refused(FULL.replace("max_tlp = \"amber+strict\"\n", ""), 0, "max_tlp", "is required");
    refused(FULL.replace("agreement_version = 3\n", ""), 0, "agreement_version", "is required");
  }

  @Test
  void parse_notToml_refusedNamingTheLine() {
    assertThatThrownBy(() -> SharingAgreement.parse("agreement_version = 1\nmax_tlp = = \"x\"\n"))
        .isInstanceOf(AgreementException.class)
        .hasMessageStartingWith("line 2: not valid TOML");
  }

  @Test
  void parse_tooLarge_refusedBeforeParsing() {
    String big = "# " + "x".repeat(SharingAgreement.MAX_BYTES) + "\n";
    assertThatThrownBy(() -> SharingAgreement.parse(big))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("larger than " + SharingAgreement.MAX_BYTES);
  }

  @Test
  void constructor_redAsMaximum_refused() {
    assertThatThrownBy(
            () ->
                new SharingAgreement(
                    1,
                    Set.of("c"),
                    Set.of(),
                    Tlp.RED,
                    Tlp.RED,
                    Set.of(),
                    Set.of(),
                    java.util.List.of(),
                    false,
                    SharingAgreement.SightingForm.NONE,
                    false,
                    java.util.Map.of(),
                    java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_tlp may not be red");
  }

  @Test
  void parse_federationRoutes_read() {
    SharingAgreement a =
        SharingAgreement.parse(
            "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n"
                + "pull = { intel = \"from-b\" }\npush = { intel = \"inbox\" }\n");
    assertThat(a.pull()).containsExactly(java.util.Map.entry("intel", "from-b"));
    assertThat(a.push()).containsExactly(java.util.Map.entry("intel", "inbox"));
  }

  @Test
  void parse_pushOfCollectionNotOffered_refusedWithLine() {
    assertThatThrownBy(
            () ->
                SharingAgreement.parse(
                    "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n"
                        + "push = { secret = \"inbox\" }\n"))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining("'secret'");
  }

  @Test
  void parse_routeToNonString_refused() {
    assertThatThrownBy(
            () ->
                SharingAgreement.parse(
                    "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n"
                        + "pull = { intel = 3 }\n"))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("pull");
  }
}
