package org.detente.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.detente.stix.CanonicalJson;
import org.detente.stix.Identifiers;
import org.detente.stix.StixJson;

/**
 * Detached Ed25519 signatures over TAXII envelopes exchanged between nodes.
 *
 * <p>Transport. The signature travels in the HTTP header {@value #HEADER} of the message whose body
 * is the envelope: the response to a GET of objects (served pages), or the POST of an add (pushes).
 * Its value is {@code v1; signer=IDENTITY-ID; signed=TIMESTAMP; nonce=NONCE; sig=BASE64}: the
 * signer's STIX identity id (the key id: a partner is registered with its identity and its public
 * key), when it was signed (RFC 3339, UTC, milliseconds), a nonce (16 to 64 characters of
 * base64url) and the Ed25519 signature (standard base64 of 64 bytes).
 *
 * <p>What is signed: the RFC 8785 canonical JSON ({@link CanonicalJson}) of the object {@code
 * {"detente_envelope_signature": 1, "signer": ..., "signed": ..., "nonce": ..., "envelope": BODY}}
 * where {@code BODY} is the envelope as JSON. Signing the canonical form, not the bytes, lets
 * either side re-serialise the envelope; binding signer, time and nonce into the signed text makes
 * each of them tamper-evident.
 *
 * <p>Replay protection. A served page is signed over the nonce the client sent in {@value
 * #NONCE_HEADER} (a fresh random value per request): the client accepts only a page signed over its
 * own nonce, so an old page replayed to it fails. A pushed envelope carries a nonce chosen by the
 * pusher: the receiver accepts it only when {@code signed} is within {@link #WINDOW} of its own
 * clock and it has not seen the signer's nonce before (it keeps nonces for the window; see {@code
 * SyncStore#firstUse}).
 */
public final class EnvelopeSignatures {
  /** The header that carries the signature. */
  public static final String HEADER = "X-Detente-Signature";

  /** The request header in which a client sends the nonce a served page must be signed over. */
  public static final String NONCE_HEADER = "X-Detente-Nonce";

  /** How far a pushed envelope's signing time may be from the receiver's clock. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private static final int MAX_HEADER = 512;
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private EnvelopeSignatures() {}

  /** What a verified signature says. */
  public record Signed(String signer, Instant signed, String nonce) {
    public Signed {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(signed, "signed");
      Objects.requireNonNull(nonce, "nonce");
    }
  }

  /** A fresh random nonce: 16 bytes in base64url without padding. */
  public static String newNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether {@code nonce} has the form of a nonce (a client's, before the server signs it). */
  public static boolean isNonce(String nonce) {
    return nonce != null && NONCE.matcher(nonce).matches();
  }

  /**
   * The {@value #HEADER} value for an envelope.
   *
   * @param envelope the envelope's JSON, as sent
   * @throws IllegalArgumentException when the envelope is not JSON, the signer is not an identity
   *     id or the nonce is malformed
   */
  public static String sign(
      PrivateKey key, String signer, Instant signed, String nonce, byte[] envelope) {
    if (!Identifiers.isValid(signer, "identity")) {
      throw new IllegalArgumentException("the signer must be an identity id, got '" + signer + "'");
    }
    if (!isNonce(nonce)) {
      throw new IllegalArgumentException("a nonce is 16 to 64 characters of base64url");
    }
    Instant at = signed.truncatedTo(ChronoUnit.MILLIS);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message(signer, at, nonce, envelope));
      return "v1; signer="
          + signer
          + "; signed="
          + at
          + "; nonce="
          + nonce
          + "; sig="
          + Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a {@value #HEADER} value against an envelope and the signer's registered key.
   *
   * @param header the header value, null when absent
   * @param signer the identity id the signature must name
   * @return what the signature says
   * @throws EnvelopeSignatureException when the header is absent or malformed, names another
   *     signer, or the signature does not verify
   */
  public static Signed verify(PublicKey key, String signer, String header, byte[] envelope) {
    if (header == null) {
      throw new EnvelopeSignatureException("the envelope carries no " + HEADER + " header");
    }
    if (header.length() > MAX_HEADER) {
      throw new EnvelopeSignatureException(
          HEADER + " is " + header.length() + " characters; at most " + MAX_HEADER);
    }
    Map<String, String> f = fields(header);
    String who = f.get("signer");
    if (!signer.equals(who)) {
      throw new EnvelopeSignatureException(
          "the envelope is signed by '" + who + "', expected " + signer);
    }
    String nonce = f.get("nonce");
    if (!isNonce(nonce)) {
      throw new EnvelopeSignatureException(HEADER + " has a malformed nonce");
    }
    Instant at;
    try {
      at = Instant.parse(f.get("signed"));
    } catch (DateTimeException e) {
      throw new EnvelopeSignatureException(HEADER + " has a malformed signed time", e);
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(f.get("sig"));
    } catch (IllegalArgumentException e) {
      throw new EnvelopeSignatureException(HEADER + " has a signature that is not base64", e);
    }
    byte[] message;
    try {
      message = message(who, at, nonce, envelope);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeSignatureException("the envelope is not canonical JSON: " + e.getMessage());
    }
    boolean ok;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      ok = sig.length == 64 && s.verify(sig);
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw new EnvelopeSignatureException(
          "the envelope signature of " + who + " does not verify against its registered key");
    }
    return new Signed(who, at, nonce);
  }

  private static Map<String, String> fields(String header) {
    String[] parts = header.split(";");
    if (parts.length != 5 || !parts[0].strip().equals("v1")) {
      throw new EnvelopeSignatureException(
          HEADER + " must be 'v1; signer=..; signed=..; nonce=..; sig=..'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    String[] names = {"signer", "signed", "nonce", "sig"};
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).equals(names[i - 1])) {
        throw new EnvelopeSignatureException(
            HEADER + " field " + i + " must be " + names[i - 1] + "=...");
      }
      out.put(names[i - 1], p.substring(eq + 1));
    }
    return out;
  }

  private static byte[] message(String signer, Instant signed, String nonce, byte[] envelope) {
    JsonNode body;
    try {
      body = StixJson.mapper().readTree(envelope);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the envelope is not JSON: " + e.getMessage(), e);
    }
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the envelope is not a JSON object");
    }
    ObjectNode m = StixJson.mapper().createObjectNode();
    m.put("detente_envelope_signature", 1);
    m.put("signer", signer);
    m.put("signed", signed.toString());
    m.put("nonce", nonce);
    m.set("envelope", body);
    return CanonicalJson.canonicalize(m);
  }
}
