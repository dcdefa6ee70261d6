package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Deterministic identifiers of STIX Cyber-observable Objects (STIX 2.1 section 2.9).
 *
 * <p>The UUID part is a UUIDv5 (RFC 4122 section 4.3, SHA-1) in the namespace {@value
 * #NAMESPACE_TEXT} over the RFC 8785 canonical JSON of an object holding those of the type's "ID
 * Contributing Properties" that are present. Two producers that observe the same thing therefore
 * name it the same, whatever order they write properties in.
 *
 * <p>Rules applied where the specification leaves room:
 *
 * <ul>
 *   <li>A property whose value is JSON {@code null} counts as absent (STIX has no null values).
 *   <li>{@code hashes}: only one hash contributes. It is the first of MD5, SHA-1, SHA-256, SHA-512
 *       present (keys compared exactly, as the hash-algorithm vocabulary spells them), which is the
 *       specification's order of preference. When none of these is present the specification gives
 *       no rule; this implementation takes the key that sorts first by UTF-16 code units, so that
 *       the choice does not depend on the order the producer wrote the dictionary in. A {@code
 *       hashes} value that is not a non-empty object is used as it is.
 *   <li>References ({@code from_ref}, {@code src_ref}, {@code parent_directory_ref}, ...)
 *       contribute the referenced identifier as written: two producers agree only if the referenced
 *       objects have deterministic identifiers too.
 *   <li>{@code process} has no ID Contributing Properties, nor has any type this class does not
 *       know (custom SCOs): no deterministic identifier, a UUIDv4 is used.
 * </ul>
 */
public final class ScoIds {
  static final String NAMESPACE_TEXT = "00abedb4-aa42-466c-9c01-fed23315a9b7";

  /** The UUIDv5 namespace that STIX 2.1 reserves for SCO identifiers. */
  public static final UUID NAMESPACE = UUID.fromString(NAMESPACE_TEXT);

  private static final List<String> HASH_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

  /** ID Contributing Properties of the 18 SCO types of STIX 2.1 (section 6), in spec order. */
  private static final Map<String, List<String>> CONTRIBUTING =
      Map.ofEntries(
          Map.entry("artifact", List.of("hashes", "payload_bin")),
          Map.entry("autonomous-system", List.of("number")),
          Map.entry("directory", List.of("path")),
          Map.entry("domain-name", List.of("value")),
          Map.entry("email-addr", List.of("value")),
          Map.entry("email-message", List.of("from_ref", "subject", "body")),
          Map.entry("file", List.of("hashes", "name", "extensions", "parent_directory_ref")),
          Map.entry("ipv4-addr", List.of("value")),
          Map.entry("ipv6-addr", List.of("value")),
          Map.entry("mac-addr", List.of("value")),
          Map.entry("mutex", List.of("name")),
          Map.entry(
              "network-traffic",
              List.of(
                  "start",
                  "end",
                  "src_ref",
                  "dst_ref",
                  "src_port",
                  "dst_port",
                  "protocols",
                  "extensions")),
          Map.entry("process", List.of()),
          Map.entry("software", List.of("name", "cpe", "swid", "vendor", "version")),
          Map.entry("url", List.of("value")),
          Map.entry("user-account", List.of("account_type", "user_id", "account_login")),
          Map.entry("windows-registry-key", List.of("key", "values")),
          Map.entry("x509-certificate", List.of("hashes", "serial_number")));

  private ScoIds() {}

  /**
   * The ID Contributing Properties of a type, in the order the specification lists them; empty for
   * {@code process} and for types that are not one of the 18 SCO types of STIX 2.1.
   */
  public static List<String> idContributingProperties(String type) {
    return CONTRIBUTING.getOrDefault(type, List.of());
  }

  /**
   * True when the type is an SCO type with ID Contributing Properties (all but {@code process}).
   */
  public static boolean hasIdContributingProperties(String type) {
    return !idContributingProperties(type).isEmpty();
  }

  /**
   * The deterministic identifier of an SCO, {@code type--UUIDv5}.
   *
   * @return the identifier, or empty when the type has no ID Contributing Properties or none of
   *     them is present (the object then takes a UUIDv4 identifier)
   * @throws IllegalArgumentException when {@code sco} is not a JSON object with a string {@code
   *     type}, or when a contributing value has no canonical JSON form (see {@link CanonicalJson})
   */
  public static Optional<String> deterministicId(JsonNode sco) {
    String type = typeOf(sco);
    ObjectNode name = StixJson.newObject();
    for (String property : idContributingProperties(type)) {
      JsonNode v = sco.get(property);
      if (v == null || v.isNull()) {
        continue;
      }
      name.set(property, property.equals("hashes") ? contributingHash(v) : v);
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(type + "--" + uuidV5(NAMESPACE, CanonicalJson.canonicalize(name)));
  }

  /**
   * A copy of an SCO being created, with {@code id} set: the deterministic identifier when there is
   * one, else a random UUIDv4 identifier, as section 2.9 requires. Any {@code id} already present
   * is replaced. In the copy {@code type} and {@code id} come first, then the other properties in
   * their original order.
   *
   * @throws IllegalArgumentException as {@link #deterministicId}
   */
  public static ObjectNode withDeterministicId(ObjectNode sco) {
    String type = typeOf(sco);
    String id = deterministicId(sco).orElseGet(() -> type + "--" + UUID.randomUUID());
    ObjectNode out = StixJson.newObject();
    out.put("type", type);
    out.put("id", id);
    for (Map.Entry<String, JsonNode> e : sco.properties()) {
      if (!e.getKey().equals("type") && !e.getKey().equals("id")) {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }

  /**
   * A name-based UUID, version 5 (RFC 4122 section 4.3): SHA-1 over the namespace's 16 bytes
   * followed by the name, truncated to 128 bits, with the version and variant bits set.
   */
  public static UUID uuidV5(UUID namespace, byte[] name) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    byte[] h = sha1.digest(name);
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  /**
   * The hashes that contribute to an SCO's identifier (STIX 2.1 section 2.9): of a {@code hashes}
   * dictionary, only MD5, else SHA-1, else SHA-256, else SHA-512, else the algorithm whose name
   * sorts first. A value that is not a non-empty object is returned as it is.
   */
  public static JsonNode contributingHash(JsonNode hashes) {
    if (!hashes.isObject() || hashes.isEmpty()) {
      return hashes;
    }
    String chosen = null;
    for (String algorithm : HASH_PREFERENCE) {
      if (hashes.has(algorithm)) {
        chosen = algorithm;
        break;
      }
    }
    if (chosen == null) {
      for (Map.Entry<String, JsonNode> e : hashes.properties()) {
        if (chosen == null || e.getKey().compareTo(chosen) < 0) {
          chosen = e.getKey();
        }
      }
    }
    ObjectNode one = StixJson.newObject();
    one.set(chosen, hashes.get(chosen));
    return one;
  }

  private static String typeOf(JsonNode sco) {
    Objects.requireNonNull(sco, "sco");
    if (!sco.isObject()) {
      throw new IllegalArgumentException(
          "an SCO must be a JSON object, found " + StixObject.kind(sco));
    }
    JsonNode type = sco.get("type");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException(
          "an SCO needs a string 'type', found " + StixObject.kind(type));
    }
    return type.textValue();
  }
}
