package org.detente.pattern.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.detente.pattern.Observation;
import org.detente.stix.ScoIds;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;

/**
 * Collects the SCOs of one telemetry record and makes the {@link Observation}. One per adapter; not
 * thread-safe.
 *
 * <p>SCO identifiers are those of {@link ScoIds} (UUIDv5 over the canonical JSON of the ID
 * Contributing Properties). For the types named by one {@code value} (addresses, domain names,
 * URLs) the canonical JSON {@code {"value":"..."}} is written here directly and the identifiers of
 * the most recent values are cached, since telemetry repeats the same addresses over and over; a
 * test checks that both paths give the same identifier. An SCO added twice to one record (the same
 * identifier) is kept once.
 *
 * <p>The observed-data identifier is a UUIDv5 in {@link #OBSERVATION_NAMESPACE} over the source
 * name and the line number ({@code conn.log:42}): reading the same file again gives the same
 * identifiers, so sightings built from them are reproducible.
 */
final class ObservationBuilder {
  /** Namespace of Détente's observed-data identifiers made from telemetry records. */
  static final UUID OBSERVATION_NAMESPACE = UUID.fromString("7b0d3ac2-4a51-5c5e-9a1e-6d2f0c6b8e41");

  private static final int CACHE_LIMIT = 1 << 16;
  private static final JsonNodeFactory NODES = StixJson.mapper().getNodeFactory();

  private final String source;
  private final MessageDigest sha1 = sha1();
  private final byte[] scoNamespace = bytes(ScoIds.NAMESPACE);
  private final byte[] observationNamespace = bytes(OBSERVATION_NAMESPACE);
  private final Map<String, Map<String, String>> valueIds = new HashMap<>();
  private final List<StixObject> objects = new ArrayList<>();
  private byte[] scratch = new byte[256];

  ObservationBuilder(String source) {
    this.source = source;
  }

  void clear() {
    objects.clear();
  }

  boolean isEmpty() {
    return objects.isEmpty();
  }

  /** A new SCO node with {@code type} first and a place for {@code id} second. */
  static ObjectNode sco(String type) {
    ObjectNode n = new ObjectNode(NODES);
    n.put("type", type);
    n.putNull("id");
    return n;
  }

  static ArrayNode array() {
    return new ArrayNode(NODES);
  }

  /**
   * Gives the SCO its identifier ({@link ScoIds}, a UUIDv4 when it has no ID Contributing Property)
   * and adds it unless one with that identifier is already there.
   */
  String add(ObjectNode sco) {
    String id =
        ScoIds.deterministicId(sco)
            .orElseGet(() -> sco.get("type").textValue() + "--" + UUID.randomUUID());
    sco.put("id", id);
    return keep(id, sco);
  }

  /** An {@code ipv4-addr} or {@code ipv6-addr} (by the presence of a colon). */
  String ip(String value, String field) throws MalformedRecordException {
    if (!Addresses.isIp(value)) {
      throw new MalformedRecordException(field + " is not an IP address: " + quote(value));
    }
    return value(value.indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr", value);
  }

  String domain(String value) {
    return value("domain-name", value);
  }

  String url(String value) {
    return value("url", value);
  }

  String email(String value) {
    return value("email-addr", value);
  }

  /** A {@code domain-name}, with {@code resolves_to_refs} when {@code resolves} is not null. */
  String domain(String name, ArrayNode resolves) {
    if (resolves == null) {
      return domain(name);
    }
    ObjectNode d = sco("domain-name");
    d.put("value", name);
    d.set("resolves_to_refs", resolves);
    return add(d);
  }

  /**
   * A {@code file} with the hashes present (hexadecimal, in lower case), name, size (when at least
   * 0) and MIME type; nothing when it has neither hashes nor a name (a file SCO needs one).
   */
  void file(String md5, String sha1, String sha256, String name, long size, String mimeType) {
    ObjectNode f = sco("file");
    ObjectNode hashes = null;
    String[][] all = {{"MD5", md5}, {"SHA-1", sha1}, {"SHA-256", sha256}};
    for (String[] h : all) {
      if (h[1] != null && !h[1].isEmpty()) {
        if (hashes == null) {
          hashes = f.putObject("hashes");
        }
        hashes.put(h[0], h[1].toLowerCase(Locale.ROOT));
      }
    }
    if (name != null && !name.isEmpty()) {
      f.put("name", name);
    }
    if (hashes == null && !f.has("name")) {
      return;
    }
    putCount(f, "size", size);
    if (mimeType != null && !mimeType.isEmpty()) {
      f.put("mime_type", mimeType);
    }
    add(f);
  }

  /**
   * Sets the {@code http-request-ext} extension of a {@code network-traffic}: method in lower case,
   * request target, version, and the {@code Host}, {@code User-Agent} and {@code Referer} headers
   * present (each a list of one string, as section 6.12.3.3 requires of {@code request_header}).
   */
  static void httpRequest(
      ObjectNode traffic,
      String method,
      String target,
      String version,
      String host,
      String userAgent,
      String referer) {
    ObjectNode ext = traffic.putObject("extensions").putObject("http-request-ext");
    ext.put("request_method", method.toLowerCase(Locale.ROOT));
    ext.put("request_value", target);
    if (version != null) {
      ext.put("request_version", version.toLowerCase(Locale.ROOT));
    }
    if (host != null || userAgent != null || referer != null) {
      ObjectNode headers = ext.putObject("request_header");
      if (host != null) {
        headers.putArray("Host").add(host);
      }
      if (userAgent != null) {
        headers.putArray("User-Agent").add(userAgent);
      }
      if (referer != null) {
        headers.putArray("Referer").add(referer);
      }
    }
  }

  /**
   * The URL of an HTTP request: the target when it is already absolute, else {@code
   * http://host[:port]target} with the port when it is not 80; null without a host.
   */
  static String httpUrl(String host, long port, String target) {
    if (target.startsWith("http://") || target.startsWith("https://")) {
      return target;
    }
    if (host == null || host.isEmpty()) {
      return null;
    }
    boolean withPort = port >= 0 && port != 80 && host.indexOf(':') < 0;
    return "http://" + host + (withPort ? ":" + port : "") + target;
  }

  /** The address of an SMTP path: angle brackets removed; null when it has no {@code @}. */
  static String mailbox(String s) {
    if (s == null) {
      return null;
    }
    String m = s.trim();
    if (m.startsWith("<") && m.endsWith(">")) {
      m = m.substring(1, m.length() - 1);
    }
    return m.indexOf('@') > 0 ? m : null;
  }

  /** Puts a count unless it is negative (absent). */
  static void putCount(ObjectNode n, String name, long v) {
    if (v >= 0) {
      n.put(name, v);
    }
  }

  /** The identifier of an SCO whose only ID Contributing Property is {@code value}. */
  String valueId(String type, String value) {
    Map<String, String> cache = valueIds.computeIfAbsent(type, t -> new HashMap<>());
    String id = cache.get(value);
    if (id == null) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      id = type + "--" + valueUuid(value);
      cache.put(value, id);
    }
    return id;
  }

  /** An SCO whose only ID Contributing Property is {@code value}. */
  private String value(String type, String value) {
    String id = valueId(type, value);
    for (StixObject o : objects) {
      if (o.id().equals(id)) {
        return id;
      }
    }
    ObjectNode n = new ObjectNode(NODES);
    n.put("type", type);
    n.put("id", id);
    n.put("value", value);
    objects.add(StixObject.adopt(n));
    return id;
  }

  private String keep(String id, ObjectNode sco) {
    for (StixObject o : objects) {
      if (o.id().equals(id)) {
        return id;
      }
    }
    objects.add(StixObject.adopt(sco));
    return id;
  }

  /** The observation of the record read from {@code line} of the source. */
  Observation build(long line, Instant first, Instant last) {
    byte[] name = (source + ":" + line).getBytes(StandardCharsets.UTF_8);
    UUID uuid = uuidV5(observationNamespace, name, name.length);
    return new Observation(
        "observed-data--" + uuid, first, last.isBefore(first) ? first : last, 1, objects);
  }

  /** UUIDv5 over the canonical JSON {@code {"value":"..."}} (RFC 8785 escaping). */
  private UUID valueUuid(String value) {
    byte[] prefix = {'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"'};
    int need = prefix.length + value.length() * 6 + 2;
    if (scratch.length < need) {
      scratch = new byte[need];
    }
    System.arraycopy(prefix, 0, scratch, 0, prefix.length);
    int p = prefix.length;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        return valueUuidSlow(value);
      }
      switch (c) {
        case '"', '\\' -> {
          scratch[p++] = '\\';
          scratch[p++] = (byte) c;
        }
        case '\b' -> p = escape(p, 'b');
        case '\t' -> p = escape(p, 't');
        case '\n' -> p = escape(p, 'n');
        case '\f' -> p = escape(p, 'f');
        case '\r' -> p = escape(p, 'r');
        default -> {
          if (c < 0x20) {
            String hex = String.format("\\u%04x", (int) c);
            for (int k = 0; k < hex.length(); k++) {
              scratch[p++] = (byte) hex.charAt(k);
            }
          } else {
            scratch[p++] = (byte) c;
          }
        }
      }
    }
    scratch[p++] = '"';
    scratch[p++] = '}';
    return uuidV5(scoNamespace, scratch, p);
  }

  private int escape(int p, char c) {
    scratch[p] = '\\';
    scratch[p + 1] = (byte) c;
    return p + 2;
  }

  private static UUID valueUuidSlow(String value) {
    ObjectNode n = new ObjectNode(NODES);
    n.put("type", "url");
    n.put("value", value);
    String id = ScoIds.deterministicId(n).orElseThrow();
    return UUID.fromString(id.substring("url--".length()));
  }

  private UUID uuidV5(byte[] namespace, byte[] name, int length) {
    sha1.reset();
    sha1.update(namespace);
    sha1.update(name, 0, length);
    byte[] h = sha1.digest();
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (h[i] & 0xff);
      lsb = (lsb << 8) | (h[8 + i] & 0xff);
    }
    msb = (msb & ~0xF000L) | 0x5000L;
    lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static byte[] bytes(UUID u) {
    byte[] b = new byte[16];
    long msb = u.getMostSignificantBits();
    long lsb = u.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (msb >>> (56 - 8 * i));
      b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    return b;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
  }

  /** A value for an error message: quoted, and cut at 80 characters. */
  static String quote(String s) {
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
  }
}
