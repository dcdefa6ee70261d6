package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.detente.stix.CanonicalJson;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private static final String SHA = "ab".repeat(32);

  /** The entry's JSON built as a tree, to be canonicalised by the general RFC 8785 code. */
  private static ObjectNode tree(AuditEntry e) {
    ObjectNode n = StixJson.newObject();
    n.put("sequence", e.sequence());
    n.put("time", e.time().toString().replace("Z", "") + "Z");
    n.put("direction", e.direction());
    n.put("party", e.party());
    if (e.agreement().isPresent()) {
      n.put("agreement", e.agreement().get());
    } else {
      n.putNull("agreement");
    }
    n.put("object_id", e.objectId());
    if (e.objectVersion().isPresent()) {
      n.put("object_version", e.objectVersion().get());
    } else {
      n.putNull("object_version");
    }
    n.put("sha256", e.sha256());
    n.put("previous", e.previous());
    return n;
  }

  @Test
  void canonicalText_isTheRfc8785FormOfTheEntry() {
    for (String party :
        new String[] {"taxii:a\"b\\c", "tab\there\nnewline\u0001\u001f", "ünïcødé ☃ 𝄞", "/"}) {
      for (Optional<String> agreement :
          java.util.List.of(Optional.<String>empty(), Optional.of("v2"))) {
        AuditEntry e =
            AuditEntry.seal(
                42,
                new AuditRecord(
                    AuditRecord.Direction.OUT,
                    party,
                    agreement,
                    "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                    Optional.empty(),
                    SHA,
                    Instant.parse("2026-03-04T05:06:07.123456Z")),
                AuditEntry.GENESIS);
        ObjectNode n = tree(e);
        n.put("time", "2026-03-04T05:06:07.123456Z");
        assertThat(e.canonicalText()).isEqualTo(CanonicalJson.toString(n));
        assertThat(e.hash())
            .isEqualTo(sha256Hex(CanonicalJson.canonicalize(n)))
            .isEqualTo(e.computedHash());
      }
    }
  }

  @Test
  void canonicalText_timeAlwaysHasSixFractionDigits() {
    AuditEntry e =
        AuditEntry.seal(
            1,
            new AuditRecord(
                AuditRecord.Direction.IN,
                "import",
                Optional.empty(),
                "x--1",
                Optional.of("2024-01-01T00:00:00Z"),
                SHA,
                Instant.parse("2026-01-01T00:00:00Z")),
            AuditEntry.GENESIS);
    assertThat(e.canonicalText())
        .isEqualTo(
            "{\"agreement\":null,\"direction\":\"in\",\"object_id\":\"x--1\","
                + "\"object_version\":\"2024-01-01T00:00:00Z\",\"party\":\"import\","
                + "\"previous\":\""
                + AuditEntry.GENESIS
                + "\",\"sequence\":1,\"sha256\":\""
                + SHA
                + "\",\"time\":\"2026-01-01T00:00:00.000000Z\"}");
    assertThat(e.hash()).isEqualTo(sha256Hex(e.canonicalText().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void contentHash_isIndependentOfPropertyOrderAndSpacing() {
    StixObject a =
        StixObject.parse(
            "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"2020-01-01T00:00:00.000Z\",\"name\":\"n\"}");
    StixObject b =
        StixObject.parse(
            "{ \"name\" : \"n\", \"modified\":\"2020-01-01T00:00:00.000Z\",\"created\":\"2020-01-01T00:00:00.000Z\","
                + "\"id\":\"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"spec_version\":\"2.1\",\"type\":\"identity\"}");
    assertThat(AuditRecord.contentHash(a)).isEqualTo(AuditRecord.contentHash(b)).hasSize(64);
  }

  @Test
  void sha256Hex_acceptsExactlySixtyFourLowerCaseHexDigits() {
    String digits = "0123456789abcdef".repeat(4);
    assertThat(AuditRecord.isSha256Hex(digits)).isTrue();
    assertThat(AuditRecord.isSha256Hex(digits.substring(1))).isFalse();
    assertThat(AuditRecord.isSha256Hex(digits + "0")).isFalse();
    // each neighbour of the two accepted ranges, upper case, and characters far above ASCII
    for (char bad :
        new char[] {'/', ':', '`', 'g', 'A', 'F', ' ', '\u0000', '\u0100', '\u0130', '\uff10'}) {
      for (int at : new int[] {0, 31, 63}) {
        String s = digits.substring(0, at) + bad + digits.substring(at + 1);
        assertThat(AuditRecord.isSha256Hex(s)).as("%s at %d", (int) bad, at).isFalse();
      }
    }
  }

  @Test
  void record_badValues_areRefusedNamingThem() {
    assertThatThrownBy(
            () ->
                new AuditRecord(
                    AuditRecord.Direction.IN,
                    "",
                    Optional.empty(),
                    "x--1",
                    Optional.empty(),
                    SHA,
                    Instant.EPOCH))
        .hasMessageContaining("party must be 1 to 256 characters, got 0");
    assertThatThrownBy(
            () ->
                new AuditRecord(
                    AuditRecord.Direction.IN,
                    "p",
                    Optional.empty(),
                    "x--1",
                    Optional.empty(),
                    "ABC",
                    Instant.EPOCH))
        .hasMessageContaining("sha256 must be 64 lower-case hex digits, got 'ABC'");
    assertThatThrownBy(() -> AuditRecord.Direction.ofWire("up"))
        .hasMessageContaining("direction must be in or out, got 'up'");
  }

  /** SHA-256 as lower-case hex, computed here independently of the code under test. */
  private static String sha256Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
