package org.detente.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeSignaturesTest {
  private static final String SIGNER = "identity--5b8c5c4e-2f7a-4c55-9d4e-0a6f0f3c2b11";
  private static final String OTHER = "identity--00000000-0000-4000-8000-000000000001";
  private static final Instant AT = Instant.parse("2026-11-24T00:00:00.123Z");

  private static KeyPair pair() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verify_reserialisedEnvelope_accepted() throws Exception {
    KeyPair k = pair();
    String nonce = EnvelopeSignatures.newNonce();
    String h =
        EnvelopeSignatures.sign(
            k.getPrivate(),
            SIGNER,
            AT,
            nonce,
            bytes("{\"more\":false,\"objects\":[{\"b\":1,\"a\":2}]}"));

    EnvelopeSignatures.Signed s =
        EnvelopeSignatures.verify(
            k.getPublic(),
            SIGNER,
            h,
            bytes("{ \"objects\" : [ {\"a\":2, \"b\":1.0} ], \"more\":false }"));

    assertThat(s).isEqualTo(new EnvelopeSignatures.Signed(SIGNER, AT, nonce));
  }

  @Test
  void verify_changedEnvelope_refused() throws Exception {
    KeyPair k = pair();
    String h =
        EnvelopeSignatures.sign(
            k.getPrivate(), SIGNER, AT, EnvelopeSignatures.newNonce(), bytes("{\"objects\":[1]}"));
    assertThatThrownBy(
            () -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, h, bytes("{\"objects\":[2]}")))
        .isInstanceOf(EnvelopeSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void verify_changedTimeOrNonce_refused() throws Exception {
    KeyPair k = pair();
    byte[] env = bytes("{\"objects\":[]}");
    String h = EnvelopeSignatures.sign(k.getPrivate(), SIGNER, AT, "AAAAAAAAAAAAAAAAAAAAAA", env);
    String laterTime = h.replace("00:00:00.123Z", "00:04:00.123Z");
    String otherNonce = h.replace("AAAAAAAAAAAAAAAAAAAAAA", "BAAAAAAAAAAAAAAAAAAAAA");
    for (String bad : new String[] {laterTime, otherNonce}) {
      assertThatThrownBy(() -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, bad, env))
          .isInstanceOf(EnvelopeSignatureException.class)
          .hasMessageContaining("does not verify");
    }
  }

  @Test
  void verify_otherSignerOrKey_refused() throws Exception {
    KeyPair k = pair();
    byte[] env = bytes("{\"objects\":[]}");
    String h =
        EnvelopeSignatures.sign(k.getPrivate(), SIGNER, AT, EnvelopeSignatures.newNonce(), env);
    assertThatThrownBy(() -> EnvelopeSignatures.verify(k.getPublic(), OTHER, h, env))
        .isInstanceOf(EnvelopeSignatureException.class)
        .hasMessageContaining("expected " + OTHER);
    assertThatThrownBy(() -> EnvelopeSignatures.verify(pair().getPublic(), SIGNER, h, env))
        .isInstanceOf(EnvelopeSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void verify_malformedHeaders_refusedWithReason() throws Exception {
    KeyPair k = pair();
    byte[] env = bytes("{\"objects\":[]}");
    assertThatThrownBy(() -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, null, env))
        .hasMessageContaining("carries no X-Detente-Signature");
    assertThatThrownBy(() -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, "v2; x", env))
        .hasMessageContaining("must be 'v1;");
    assertThatThrownBy(
            () -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, "v1;" + "x".repeat(600), env))
        .hasMessageContaining("at most 512");
    assertThatThrownBy(
            () ->
                EnvelopeSignatures.verify(
                    k.getPublic(),
                    SIGNER,
                    "v1; signer="
                        + SIGNER
                        + "; signed=yesterday; nonce=AAAAAAAAAAAAAAAAAAAAAA; sig=AA==",
                    env))
        .hasMessageContaining("malformed signed time");
    String h =
        EnvelopeSignatures.sign(k.getPrivate(), SIGNER, AT, EnvelopeSignatures.newNonce(), env);
    assertThatThrownBy(() -> EnvelopeSignatures.verify(k.getPublic(), SIGNER, h, bytes("[1]")))
        .hasMessageContaining("not canonical JSON");
  }
}
