package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes RFC 8785 canonical JSON straight to UTF-8 bytes in a buffer that is reused from one value
 * to the next: the form {@link CanonicalJson} documents, without the intermediate text, for the
 * paths that only hash it (every object that enters or leaves the node is hashed once for the audit
 * record).
 *
 * <p>Besides whole JSON trees, it takes the pieces a caller assembles by hand ({@link #raw}, {@link
 * #string}, {@link #number}), so that a fixed-shape record such as an audit entry can be written in
 * canonical form without building a tree first. The caller is then responsible for writing members
 * in canonical (sorted) order.
 *
 * <p>Not thread-safe; {@link #forThread()} hands out one per thread. A buffer that grew past
 * {@value #KEEP_BYTES} bytes for one large value is dropped at the next {@link #reset()}, so a
 * single 10 MiB object does not pin 10 MiB per thread.
 */
public final class CanonicalWriter {
  private static final int KEEP_BYTES = 1 << 20;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<CanonicalWriter> PER_THREAD =
      ThreadLocal.withInitial(CanonicalWriter::new);

  private byte[] buf = new byte[1024];
  private int len;
  private boolean numbersExact = true;
  private final MessageDigest sha256;

  /** The members of the objects being written, one per nesting level, reused. */
  private Members[] levels = new Members[8];

  /** A writer with an empty buffer. */
  public CanonicalWriter() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** This thread's writer, reset. */
  public static CanonicalWriter forThread() {
    return PER_THREAD.get().reset();
  }

  /** Empties the buffer. */
  public CanonicalWriter reset() {
    if (buf.length > KEEP_BYTES) {
      buf = new byte[1024];
    }
    len = 0;
    numbersExact = true;
    return this;
  }

  /**
   * True when reading back the bytes written since the last reset gives the same Jackson tree:
   * every number written was an {@code int} or {@code long} node of magnitude at most 2^53. Other
   * numbers (fractions, big integers) are written as RFC 8785 prescribes, through an IEEE-754
   * double, which may change their value or their node type.
   */
  public boolean numbersExact() {
    return numbersExact;
  }

  /** The bytes written since the last reset, decoded as the UTF-8 text they are. */
  public String text() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /** How many bytes have been written since the last reset. */
  public int length() {
    return len;
  }

  /** A copy of the bytes written since the last reset. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** The SHA-256 of the bytes written since the last reset. */
  public byte[] sha256() {
    sha256.update(buf, 0, len);
    return sha256.digest();
  }

  /** The SHA-256 of the bytes written since the last reset, as 64 lower-case hex digits. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256());
  }

  /**
   * Appends ASCII text as it is, with no escaping: for the punctuation and member names of a
   * hand-assembled value.
   */
  public CanonicalWriter raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends one ASCII character. */
  public CanonicalWriter raw(char ascii) {
    ensure(1);
    buf[len++] = (byte) ascii;
    return this;
  }

  /** Appends an integer as JSON writes it (exact for every |v| &lt;= 2^53). */
  public CanonicalWriter number(long v) {
    return raw(Long.toString(v));
  }

  /**
   * Appends a JSON string, quoted and escaped as RFC 8785 prescribes, encoded as UTF-8.
   *
   * @throws IllegalArgumentException when the string holds a lone surrogate
   */
  public CanonicalWriter string(String s) {
    int n = s.length();
    // worst case: every char escaped as six bytes, plus the quotes
    ensure(6 * n + 2);
    byte[] b = buf;
    int p = len;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
          continue;
        }
        b[p++] = '\\';
        switch (c) {
          case '"' -> b[p++] = '"';
          case '\\' -> b[p++] = '\\';
          case '\b' -> b[p++] = 'b';
          case '\f' -> b[p++] = 'f';
          case '\n' -> b[p++] = 'n';
          case '\r' -> b[p++] = 'r';
          case '\t' -> b[p++] = 't';
          default -> {
            b[p++] = 'u';
            b[p++] = '0';
            b[p++] = '0';
            b[p++] = HEX[c >> 4];
            b[p++] = HEX[c & 0xf];
          }
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else {
        if (!Character.isHighSurrogate(c)
            || i + 1 >= n
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          len = p;
          throw CanonicalJson.loneSurrogate(c, i);
        }
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xf0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (cp & 0x3f));
      }
    }
    b[p++] = '"';
    len = p;
    return this;
  }

  /**
   * Appends a JSON string, or {@code null} when {@code s} is null.
   *
   * @throws IllegalArgumentException when the string holds a lone surrogate
   */
  public CanonicalWriter stringOrNull(String s) {
    return s == null ? raw("null") : string(s);
  }

  /**
   * Appends the canonical form of a JSON tree.
   *
   * @throws IllegalArgumentException for the values {@link CanonicalJson#canonicalize(JsonNode)}
   *     rejects
   */
  public CanonicalWriter value(JsonNode n) {
    write(n, 0);
    return this;
  }

  /**
   * Appends the canonical form of a STIX object, without copying its tree.
   *
   * @throws IllegalArgumentException for the values {@link CanonicalJson#canonicalize(JsonNode)}
   *     rejects
   */
  public CanonicalWriter value(StixObject o) {
    return value(o.tree());
  }

  private void write(JsonNode n, int depth) {
    if (depth > StixJson.PARSER_MAX_DEPTH) {
      throw new IllegalArgumentException(
          "JSON nested deeper than " + StixJson.PARSER_MAX_DEPTH + " levels");
    }
    switch (n.getNodeType()) {
      case OBJECT -> writeObject(n, depth);
      case ARRAY -> {
        raw('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            raw(',');
          }
          write(n.get(i), depth + 1);
        }
        raw(']');
      }
      case STRING -> string(n.textValue());
      case NUMBER -> {
        if (!(n.isInt() || n.isLong()) || Math.abs(n.longValue()) > (1L << 53)) {
          numbersExact = false;
        }
        raw(CanonicalJson.formatNumber(n));
      }
      case BOOLEAN -> raw(n.booleanValue() ? "true" : "false");
      case NULL -> raw("null");
      case BINARY, MISSING, POJO ->
          throw new IllegalArgumentException(
              "no canonical JSON form for a " + n.getNodeType() + " node");
    }
  }

  private void writeObject(JsonNode n, int depth) {
    Members m = members(depth, n.size());
    int k = 0;
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.names[k] = e.getKey();
      m.values[k] = e.getValue();
      k++;
    }
    m.order(k);
    raw('{');
    for (int i = 0; i < k; i++) {
      if (i > 0) {
        raw(',');
      }
      int at = m.order[i];
      string(m.names[at]);
      raw(':');
      write(m.values[at], depth + 1);
    }
    raw('}');
    Arrays.fill(m.values, 0, k, null);
  }

  private Members members(int depth, int count) {
    if (depth >= levels.length) {
      levels = Arrays.copyOf(levels, Math.max(depth + 1, levels.length * 2));
    }
    Members m = levels[depth];
    if (m == null || m.names.length < count) {
      m = new Members(Math.max(count, 16));
      levels[depth] = m;
    }
    return m;
  }

  /**
   * The members of the object being written at one nesting level, and the order they are written
   * in. Objects of one kind come with the same names in the same order (and Jackson hands out one
   * instance per distinct name), so the sort of the previous object at this level is reused when
   * the names are the same instances in the same order, which saves most of the sorting.
   */
  private static final class Members {
    final String[] names;
    final JsonNode[] values;
    final int[] order;
    private final String[] lastNames;
    private int lastCount = -1;

    Members(int capacity) {
      names = new String[capacity];
      values = new JsonNode[capacity];
      order = new int[capacity];
      lastNames = new String[capacity];
    }

    /** Fills {@link #order} for the first {@code k} names: by UTF-16 code units. */
    void order(int k) {
      if (k == lastCount) {
        int i = 0;
        while (i < k && names[i] == lastNames[i]) {
          i++;
        }
        if (i == k) {
          return;
        }
      }
      // insertion sort of the positions: objects have few members
      for (int i = 0; i < k; i++) {
        int j = i;
        String name = names[i];
        while (j > 0 && names[order[j - 1]].compareTo(name) > 0) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = i;
      }
      System.arraycopy(names, 0, lastNames, 0, k);
      lastCount = k;
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
    }
  }
}
