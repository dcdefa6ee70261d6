package org.detente.pattern.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Supplier;
import org.detente.pattern.Observation;
import org.detente.stix.ScoIds;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;

/**
 * Collects the SCOs of one telemetry record and makes the {@link Observation}. One per adapter; not
 * thread-safe.
 *
 * <p>SCO identifiers are those of {@link ScoIds} (UUIDv5 over the canonical JSON of the ID
 * Contributing Properties), computed here without building a tree: the canonical JSON is written
 * straight into a reused byte buffer and hashed with a reused digest. The identifiers of the types
 * named by one {@code value} (addresses, domain names, URLs, e-mail addresses) are also kept in a
 * small direct-mapped cache, since telemetry repeats the same addresses over and over. The adapter
 * tests check every SCO they produce against {@link ScoIds#deterministicId}. An SCO added twice to
 * one record (the same identifier) is kept once.
 *
 * <p>Most SCOs are not made at all: the observation is {@link Observation#deferred deferred}. An
 * SCO named by its {@code value} is kept as its type and value, a record's {@code network-traffic}
 * as a {@link Traffic} of the values it is made of, and the observed-data identifier as the line
 * number; the compiled matcher reads the values it indexes from those parts, and the trees and
 * identifiers are made, on whatever thread asks (with that thread's own buffers), only for the
 * evidence of a hit or a pattern that needs them. Two values of one type are the same SCO when the
 * values are equal (the identifier is a function of them), so duplicates are found without
 * identifiers; a value with a UTF-16 surrogate gets its identifier at once, so that a lone
 * surrogate (which has no STIX form) rejects the record when it is read, as before.
 *
 * <p>The observed-data identifier is a UUIDv5 in {@link #OBSERVATION_NAMESPACE} over the source
 * name and the line number ({@code conn.log:42}): reading the same file again gives the same
 * identifiers, so sightings built from them are reproducible.
 */
final class ObservationBuilder {
  /** Namespace of Détente's observed-data identifiers made from telemetry records. */
  static final UUID OBSERVATION_NAMESPACE = UUID.fromString("7b0d3ac2-4a51-5c5e-9a1e-6d2f0c6b8e41");

  /** Slots of the direct-mapped cache of value identifiers (a slot holds the latest value). */
  private static final int CACHE_SIZE = 1 << 14;

  private static final JsonNodeFactory NODES = StixJson.mapper().getNodeFactory();

  private final MessageDigest sha1 = sha1();
  private final byte[] scoNamespace = bytes(ScoIds.NAMESPACE);
  private final byte[] observationNamespace = bytes(OBSERVATION_NAMESPACE);
  private final String[] cachedTypes = new String[CACHE_SIZE];
  private final String[] cachedValues = new String[CACHE_SIZE];
  private final String[] cachedIds = new String[CACHE_SIZE];
  private final List<Observation.Part> parts = new ArrayList<>();
  private byte[] scratch = new byte[256];
  private final String source;

  /**
   * The builders that make the deferred parts' identifiers, one per thread: a part may be turned
   * into an object on another thread than its adapter's, or after the adapter has moved on.
   */
  private static final ThreadLocal<ObservationBuilder> IDS =
      ThreadLocal.withInitial(() -> new ObservationBuilder("ids"));

  /**
   * Whether {@code s} has a UTF-16 surrogate: a lone one has no STIX form, so a part holding such a
   * text is made at once (failing at once if it has one).
   */
  static boolean hasSurrogate(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** This thread's builder for identifiers of parts made later. */
  static ObservationBuilder ids() {
    return IDS.get();
  }

  ObservationBuilder(String source) {
    this.source = source;
  }

  void clear() {
    parts.clear();
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** A new SCO node with {@code type} first and a place for {@code id} second. */
  static ObjectNode sco(String type) {
    ObjectNode n = new ObjectNode(NODES, new java.util.LinkedHashMap<>(32));
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
    String type = sco.get("type").textValue();
    String id = idOf(type, sco);
    sco.put("id", id);
    return keep(type, id, sco);
  }

  /**
   * Adds an SCO made of {@code type} and the tree {@code tree} gives (built as {@link #sco} starts
   * it, its {@code id} still null) when the matcher, the evidence or anyone else first asks for it;
   * its identifier is computed when the object is asked for, or at once when {@code now} (to fail
   * now on a value that has no STIX form). {@code tree} must depend only on values that do not
   * change (it may run on another thread, after the next record).
   */
  void deferred(String type, Supplier<ObjectNode> tree, boolean now) {
    TreePart part = new TreePart(type, tree);
    if (now) {
      part.object();
    }
    for (Observation.Part p : parts) {
      if (p.type().equals(type) && p.object().id().equals(part.object().id())) {
        return;
      }
    }
    parts.add(part);
  }

  /** The identifier {@link #add} gives {@code sco}. */
  private String idOf(String type, ObjectNode sco) {
    String id = canonicalId(type, sco);
    if (id == null) {
      id = ScoIds.deterministicId(sco).orElseGet(() -> type + "--" + UUID.randomUUID());
    }
    return id;
  }

  /**
   * A part whose tree is built on first need (to read a property) and whose identifier is computed
   * when the object is asked for.
   */
  private static final class TreePart implements Observation.Part {
    private final String type;
    private Supplier<ObjectNode> make;
    private ObjectNode tree;
    private StixObject object;

    TreePart(String type, Supplier<ObjectNode> make) {
      this.type = type;
      this.make = make;
    }

    @Override
    public String type() {
      return type;
    }

    private synchronized ObjectNode tree() {
      if (tree == null) {
        tree = make.get();
        make = null;
      }
      return tree;
    }

    @Override
    public String text(String[] names) {
      if (names[0].equals("id")) {
        return Observation.Part.super.text(names);
      }
      JsonNode n = tree().get(names[0]);
      for (int i = 1; n != null && i < names.length; i++) {
        n = n.get(names[i]);
      }
      return n != null && n.isTextual() ? n.textValue() : null;
    }

    @Override
    public synchronized StixObject object() {
      if (object == null) {
        ObjectNode t = tree();
        t.put("id", IDS.get().idOf(type, t));
        object = StixObject.adopt(t);
      }
      return object;
    }
  }

  /** A part whose only ID Contributing Property is {@code value}: it has type, id and value. */
  private static final class ValuePart implements Observation.Part {
    private final String type;
    private final String value;
    private StixObject object;

    ValuePart(String type, String value) {
      this.type = type;
      this.value = value;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public String text(String[] names) {
      if (names.length == 1 && names[0].equals("value")) {
        return value;
      }
      if (names.length == 1 && names[0].equals("type")) {
        return type;
      }
      return Observation.Part.super.text(names);
    }

    @Override
    public synchronized StixObject object() {
      if (object == null) {
        ObjectNode n = new ObjectNode(NODES);
        n.put("type", type);
        n.put("id", IDS.get().valueId(type, value));
        n.put("value", value);
        object = StixObject.adopt(n);
      }
      return object;
    }
  }

  /**
   * The {@link ScoIds} identifier computed here without building a tree: the canonical JSON (RFC
   * 8785) of the ID Contributing Properties written straight into a byte buffer. Null when a value
   * is of a kind this writer leaves to {@link ScoIds} (a decimal number, a lone surrogate) or no
   * contributing property is present.
   */
  private String canonicalId(String type, ObjectNode sco) {
    List<String> names = ScoIds.idContributingProperties(type);
    int p = 0;
    boolean any = false;
    p = put(p, (byte) '{');
    for (String name : sortedNames(type, names)) {
      JsonNode v = sco.get(name);
      if (v == null || v.isNull()) {
        continue;
      }
      if (any) {
        p = put(p, (byte) ',');
      }
      any = true;
      p = string(p, name);
      p = put(p, (byte) ':');
      p = value(p, name.equals("hashes") ? ScoIds.contributingHash(v) : v, 0);
      if (p < 0) {
        return null;
      }
    }
    if (!any) {
      return null;
    }
    p = put(p, (byte) '}');
    return type + "--" + uuidV5(scoNamespace, scratch, p);
  }

  private final Map<String, List<String>> sortedNames = new HashMap<>();

  private List<String> sortedNames(String type, List<String> names) {
    return sortedNames.computeIfAbsent(type, t -> names.stream().sorted().toList());
  }

  /** Writes a canonical value; -1 for a value left to {@link ScoIds}. */
  private int value(int p, JsonNode v, int depth) {
    if (p < 0 || depth > TelemetryAdapter.MAX_DEPTH) {
      return -1;
    }
    switch (v.getNodeType()) {
      case STRING -> {
        return string(p, v.textValue());
      }
      case BOOLEAN -> {
        return ascii(p, v.booleanValue() ? "true" : "false");
      }
      case NUMBER -> {
        return v.canConvertToExactIntegral() && v.isIntegralNumber() && v.canConvertToLong()
            ? ascii(p, Long.toString(v.longValue()))
            : -1;
      }
      case ARRAY -> {
        p = put(p, (byte) '[');
        for (int i = 0; i < v.size(); i++) {
          if (i > 0) {
            p = put(p, (byte) ',');
          }
          p = value(p, v.get(i), depth + 1);
          if (p < 0) {
            return -1;
          }
        }
        return put(p, (byte) ']');
      }
      case OBJECT -> {
        List<String> keys = new ArrayList<>();
        v.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        p = put(p, (byte) '{');
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            p = put(p, (byte) ',');
          }
          p = string(p, keys.get(i));
          p = put(p, (byte) ':');
          p = value(p, v.get(keys.get(i)), depth + 1);
          if (p < 0) {
            return -1;
          }
        }
        return put(p, (byte) '}');
      }
      default -> {
        return -1;
      }
    }
  }

  private int put(int p, byte b) {
    if (p < 0) {
      return p;
    }
    if (p == scratch.length) {
      scratch = java.util.Arrays.copyOf(scratch, scratch.length * 2);
    }
    scratch[p] = b;
    return p + 1;
  }

  private int ascii(int p, String s) {
    for (int i = 0; i < s.length() && p >= 0; i++) {
      p = put(p, (byte) s.charAt(i));
    }
    return p;
  }

  /** A JSON string as RFC 8785 writes it, UTF-8 encoded; -1 on a lone surrogate. */
  private int string(int p, String s) {
    if (p < 0) {
      return p;
    }
    int n = s.length();
    if (scratch.length < p + 6 * n + 2) {
      scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, p + 6 * n + 2));
    }
    byte[] b = scratch;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        b[p++] = (byte) c;
      } else if (c == '"' || c == '\\') {
        b[p++] = '\\';
        b[p++] = (byte) c;
      } else if (c < 0x20) {
        b[p++] = '\\';
        switch (c) {
          case '\b' -> b[p++] = 'b';
          case '\t' -> b[p++] = 't';
          case '\n' -> b[p++] = 'n';
          case '\f' -> b[p++] = 'f';
          case '\r' -> b[p++] = 'r';
          default -> {
            b[p++] = 'u';
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = (byte) Character.forDigit(c >> 4, 16);
            b[p++] = (byte) Character.forDigit(c & 0xF, 16);
          }
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        return -1;
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[p++] = '"';
    return p;
  }

  /** An {@code ipv4-addr} or {@code ipv6-addr} (by the presence of a colon). */
  String ip(String value, String field) throws MalformedRecordException {
    String type = ipType(value, field);
    return valueId(type, value);
  }

  /** As {@link #ip}, returning the SCO's type; its identifier is computed only when needed. */
  String ipType(String value, String field) throws MalformedRecordException {
    if (!Addresses.isIp(value)) {
      throw new MalformedRecordException(field + " is not an IP address: " + quote(value));
    }
    String type = value.indexOf(':') >= 0 ? "ipv6-addr" : "ipv4-addr";
    value(type, value);
    return type;
  }

  void domain(String value) {
    value("domain-name", value);
  }

  /** As {@link #domain(String)}, returning the identifier. */
  String domainId(String value) {
    value("domain-name", value);
    return valueId("domain-name", value);
  }

  void url(String value) {
    value("url", value);
  }

  void email(String value) {
    value("email-addr", value);
  }

  /** As {@link #email}, returning the identifier. */
  String emailId(String value) {
    value("email-addr", value);
    return valueId("email-addr", value);
  }

  /** A {@code domain-name}, with {@code resolves_to_refs} when {@code resolves} is not null. */
  void domain(String name, ArrayNode resolves) {
    if (resolves == null) {
      domain(name);
      return;
    }
    ObjectNode d = sco("domain-name");
    d.put("value", name);
    d.set("resolves_to_refs", resolves);
    add(d);
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
    int slot = (type.hashCode() * 31 + value.hashCode()) & (CACHE_SIZE - 1);
    String key = cachedValues[slot];
    if (key != null && cachedTypes[slot].equals(type) && key.equals(value)) {
      return cachedIds[slot];
    }
    String id = type + "--" + canonicalId(type, value);
    cachedTypes[slot] = type;
    cachedValues[slot] = value;
    cachedIds[slot] = id;
    return id;
  }

  /** Adds a record's {@code network-traffic}, made on demand. */
  void traffic(Traffic t) {
    deferred("network-traffic", t, t.hasSurrogate());
  }

  /**
   * The {@code network-traffic} of a record, as the values it is made of: its tree and identifier
   * are made only when something asks for the object (evidence of a hit, a pattern on its
   * properties).
   *
   * @param end the end time, or null
   * @param srcType {@code ipv4-addr} or {@code ipv6-addr}, the type of {@code src}
   * @param protocols the {@code protocols}, in order
   * @param counts the byte and packet counts (source bytes, destination bytes, source packets,
   *     destination packets; each negative when absent), or null when the record has none
   * @param request method, target, version, Host, User-Agent and Referer of an HTTP request (as
   *     {@link #httpRequest} takes them), or null
   */
  record Traffic(
      Instant start,
      Instant end,
      String srcType,
      String src,
      String dstType,
      String dst,
      long srcPort,
      long dstPort,
      List<String> protocols,
      long[] counts,
      String[] request)
      implements Supplier<ObjectNode> {
    boolean hasSurrogate() {
      for (String p : protocols) {
        if (ObservationBuilder.hasSurrogate(p)) {
          return true;
        }
      }
      if (request != null) {
        for (String r : request) {
          if (ObservationBuilder.hasSurrogate(r)) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public ObjectNode get() {
      ObservationBuilder ids = ids();
      ObjectNode traffic = sco("network-traffic");
      traffic.put("start", RecordTime.format(start));
      if (end != null) {
        traffic.put("end", RecordTime.format(end));
      }
      traffic.put("src_ref", ids.valueId(srcType, src));
      traffic.put("dst_ref", ids.valueId(dstType, dst));
      if (srcPort >= 0) {
        traffic.put("src_port", srcPort);
      }
      if (dstPort >= 0) {
        traffic.put("dst_port", dstPort);
      }
      ArrayNode a = traffic.putArray("protocols");
      protocols.forEach(a::add);
      if (counts != null) {
        putCount(traffic, "src_byte_count", counts[0]);
        putCount(traffic, "dst_byte_count", counts[1]);
        putCount(traffic, "src_packets", counts[2]);
        putCount(traffic, "dst_packets", counts[3]);
      }
      if (request != null) {
        httpRequest(
            traffic, request[0], request[1], request[2], request[3], request[4], request[5]);
      }
      return traffic;
    }
  }

  /**
   * An SCO whose only ID Contributing Property is {@code value}, kept unless one with the same
   * identifier is there: for these types the identifier is a function of the type and the value.
   */
  private void value(String type, String value) {
    if (hasSurrogate(value)) {
      valueId(type, value); // a lone surrogate has no STIX form: fail now, not when asked for
    }
    for (Observation.Part p : parts) {
      if (p.type().equals(type)
          && (p instanceof ValuePart v
              ? v.value.equals(value)
              : p.object().id().equals(valueId(type, value)))) {
        return;
      }
    }
    parts.add(new ValuePart(type, value));
  }

  private String keep(String type, String id, ObjectNode sco) {
    String value = sco.path("value").textValue();
    for (Observation.Part p : parts) {
      if (p.type().equals(type)
          && (p instanceof ValuePart v && value != null
              ? v.value.equals(value)
              : p.object().id().equals(id))) {
        return id;
      }
    }
    parts.add(Observation.Part.of(StixObject.adopt(sco)));
    return id;
  }

  /** The observation of the record read from {@code line} of the source. */
  Observation build(long line, Instant first, Instant last) {
    String name = source;
    return Observation.deferred(
        () -> observationId(name, line), first, last.isBefore(first) ? first : last, 1, parts);
  }

  /** The identifier of the observation of {@code line} of {@code source}. */
  static String observationId(String source, long line) {
    ObservationBuilder b = IDS.get();
    byte[] prefix = (source + ":").getBytes(StandardCharsets.UTF_8);
    int need = prefix.length + 20;
    if (b.scratch.length < need) {
      b.scratch = java.util.Arrays.copyOf(b.scratch, Math.max(b.scratch.length * 2, need));
    }
    System.arraycopy(prefix, 0, b.scratch, 0, prefix.length);
    int p = b.ascii(prefix.length, Long.toString(line));
    return "observed-data--" + b.uuidV5(b.observationNamespace, b.scratch, p);
  }

  /** UUIDv5 over the canonical JSON {@code {"value":"..."}}. */
  private UUID canonicalId(String type, String value) {
    int p = ascii(0, "{\"value\":");
    p = string(p, value);
    p = put(p, (byte) '}');
    if (p < 0) {
      ObjectNode n = new ObjectNode(NODES);
      n.put("type", type);
      n.put("value", value);
      String id = ScoIds.deterministicId(n).orElseThrow();
      return UUID.fromString(id.substring(type.length() + 2));
    }
    return uuidV5(scoNamespace, scratch, p);
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
