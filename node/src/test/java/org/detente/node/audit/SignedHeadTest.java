package org.detente.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.detente.node.store.AuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedHeadTest {
  @TempDir Path tmp;

  @Test
  void keyFiles_roundTripAndVerify() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path priv = Files.writeString(tmp.resolve("k.pem"), KeyFiles.pem(keys.getPrivate()));
    Path pub = Files.writeString(tmp.resolve("k.pub"), KeyFiles.pem(keys.getPublic()));
    assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    SignedHead h =
        SignedHead.sign(
            "identity--a",
            7,
            "ab".repeat(32),
            Instant.parse("2026-01-02T03:04:05Z"),
            KeyFiles.readPrivate(priv));
    assertThat(h.time()).isEqualTo("2026-01-02T03:04:05.000000Z");
    assertThat(h.verify(KeyFiles.readPublic(pub))).isTrue();
    assertThat(h.verify(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))
        .isFalse();
  }

  @Test
  void keyFiles_badFilesAreRefusedNamingTheProblem() throws Exception {
    Path big = Files.write(tmp.resolve("big.pem"), new byte[KeyFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> KeyFiles.readPrivate(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a key file is at most 16384");
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path pub = Files.writeString(tmp.resolve("k.pub"), KeyFiles.pem(keys.getPublic()));
    assertThatThrownBy(() -> KeyFiles.readPrivate(pub))
        .hasMessageContaining("holds no '-----BEGIN PRIVATE KEY-----' block");
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path rsaKey = Files.writeString(tmp.resolve("rsa.pem"), KeyFiles.pem(rsa.getPrivate()));
    assertThatThrownBy(() -> KeyFiles.readPrivate(rsaKey))
        .hasMessageContaining("holds no PKCS#8 Ed25519 private key");
    assertThatThrownBy(() -> KeyFiles.readPublic(tmp.resolve("missing.pub")))
        .hasMessageContaining("cannot read key file");
  }

  @Test
  void parse_badTextIsRefusedNamingTheProblem() {
    assertThatThrownBy(() -> SignedHead.parse("x".repeat(5_000)))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("at most 4096 characters, got 5000");
    assertThatThrownBy(() -> SignedHead.parse("{"))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> SignedHead.parse("{\"type\":\"other\"}"))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("type is not \"detente-audit-head\"");
    String good =
        "{\"type\":\"detente-audit-head\",\"node\":\"n\",\"sequence\":1,\"head\":\""
            + AuditEntry.GENESIS
            + "\",\"time\":\"t\",\"signature\":\"s\"}";
    assertThat(SignedHead.parse(good).sequence()).isEqualTo(1);
    assertThatThrownBy(() -> SignedHead.parse(good.replace("\"sequence\":1", "\"sequence\":1.5")))
        .hasMessageContaining("sequence must be an integer");
    assertThatThrownBy(() -> SignedHead.parse(good.replace(AuditEntry.GENESIS, "XYZ")))
        .hasMessageContaining("head must be 64 lower-case hex digits, got 'XYZ'");
    assertThatThrownBy(() -> SignedHead.parse(good.replace("\"node\":\"n\",", "")))
        .hasMessageContaining("'node' must be a string");
  }
}
