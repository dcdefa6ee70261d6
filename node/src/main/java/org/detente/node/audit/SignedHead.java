package org.detente.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import org.detente.stix.CanonicalJson;
import org.detente.stix.StixJson;

/**
 * A node's statement, signed with its Ed25519 key, that its audit chain had {@code sequence}
 * entries ending in the entry hashed {@code head} at {@code time}: what a node hands its partners
 * as a receipt, and keeps to prove later that its chain was not rewritten.
 *
 * <p>As JSON (one object; member order free):
 *
 * <pre>{@code
 * {"type":"detente-audit-head","node":"identity--...","sequence":N,"head":"<64 hex>",
 *  "time":"YYYY-MM-DDTHH:MM:SS.ffffffZ","signature":"<base64>"}
 * }</pre>
 *
 * <p>{@code signature} is the Ed25519 signature (RFC 8032), in standard base64 with padding, of the
 * UTF-8 bytes of the RFC 8785 canonical JSON of the object without its {@code signature} member.
 *
 * @param node the signing node's identity (its STIX identity id)
 * @param sequence the number of entries in the chain
 * @param head the hash of the last entry ({@code 64 zeros} when empty)
 * @param time when it was signed
 * @param signature the signature, base64
 */
public record SignedHead(String node, long sequence, String head, String time, String signature) {
  /** The value of {@code type}. */
  public static final String TYPE = "detente-audit-head";

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** The longest JSON text {@link #parse} reads, in characters. */
  public static final int MAX_CHARS = 4_096;

  /**
   * @throws IllegalArgumentException when node is empty or longer than 256 characters, sequence is
   *     negative or head is not 64 lower-case hex digits
   */
  public SignedHead {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(signature, "signature");
    if (node.isEmpty() || node.length() > 256) {
      throw new IllegalArgumentException("node must be 1 to 256 characters, got " + node.length());
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
    }
    if (!HEX.matcher(head).matches()) {
      throw new IllegalArgumentException(
          "head must be 64 lower-case hex digits, got '" + head + "'");
    }
  }

  /** Signs a head. */
  public static SignedHead sign(
      String node, long sequence, String head, Instant time, PrivateKey key) {
    SignedHead unsigned = new SignedHead(node, sequence, head, TIME.format(time), "");
    return new SignedHead(
        node, sequence, head, unsigned.time, Signatures.sign(unsigned.signedBytes(), key));
  }

  /** Whether {@link #signature} is this content signed by the private key of {@code key}. */
  public boolean verify(PublicKey key) {
    return Signatures.verify(signedBytes(), signature, key);
  }

  /** The bytes the signature covers. */
  byte[] signedBytes() {
    ObjectNode n = toJson();
    n.remove("signature");
    return CanonicalJson.canonicalize(n);
  }

  /** This head as a JSON object. */
  public ObjectNode toJson() {
    ObjectNode n = StixJson.newObject();
    n.put("type", TYPE);
    n.put("node", node);
    n.put("sequence", sequence);
    n.put("head", head);
    n.put("time", time);
    n.put("signature", signature);
    return n;
  }

  /** This head as canonical JSON text. */
  @Override
  public String toString() {
    return CanonicalJson.toString(toJson());
  }

  /**
   * Reads a signed head from its JSON text; the signature is not checked (see {@link #verify}).
   *
   * @throws AuditFormatException when the text is longer than 4,096 characters, not JSON, or not a
   *     signed head
   */
  public static SignedHead parse(String json) {
    if (json.length() > MAX_CHARS) {
      throw new AuditFormatException(
          "a signed head is at most " + MAX_CHARS + " characters, got " + json.length());
    }
    JsonNode n;
    try {
      n = StixJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new AuditFormatException("a signed head is not JSON: " + e.getOriginalMessage(), e);
    }
    return of(n);
  }

  /** A signed head from a JSON object. */
  static SignedHead of(JsonNode n) {
    if (n == null || !n.isObject() || !TYPE.equals(n.path("type").asText(null))) {
      throw new AuditFormatException("not a signed head: type is not \"" + TYPE + "\"");
    }
    JsonNode seq = n.path("sequence");
    if (!seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
      throw new AuditFormatException("a signed head's sequence must be an integer, got " + seq);
    }
    try {
      return new SignedHead(
          text(n, "node"), seq.asLong(), text(n, "head"), text(n, "time"), text(n, "signature"));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("bad signed head: " + e.getMessage(), e);
    }
  }

  static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isTextual()) {
      throw new AuditFormatException("'" + name + "' must be a string");
    }
    return v.asText();
  }

  /** Ed25519 signing and verification over bytes, signatures in base64. */
  static final class Signatures {
    private Signatures() {}

    static String sign(byte[] content, PrivateKey key) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(content);
        return Base64.getEncoder().encodeToString(s.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot sign with this key (Ed25519 needed): " + e, e);
      }
    }

    static boolean verify(byte[] content, String signature, PublicKey key) {
      byte[] sig;
      try {
        sig = Base64.getDecoder().decode(signature);
      } catch (IllegalArgumentException e) {
        return false;
      }
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(content);
        return s.verify(sig);
      } catch (java.security.InvalidKeyException e) {
        throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm(), e);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
  }
}
