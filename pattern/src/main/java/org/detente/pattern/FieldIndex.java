package org.detente.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.detente.stix.IpBlock;
import org.detente.stix.StixObject;

/**
 * The index of one object path of one SCO type in the compiled matcher: which targets (atomic
 * indicators, or observation expressions of compound ones) a value reached by the path may satisfy.
 *
 * <ul>
 *   <li>{@code =} and {@code IN} on strings: exact values; canonical dotted-quad IPv4 texts as ints
 *       ({@link IntKeyTable}), the rest in a {@link StringKeyTable}. An event value that is a
 *       canonical IPv4 text can only equal a canonical constant, so it probes the int table only.
 *   <li>{@code ISSUBSET} with an IPv4 network: one int table per prefix length, probed with the
 *       value's address masked to each length present (at most 33 probes, usually a handful); IPv6
 *       networks in a list scanned per IPv6 value.
 *   <li>{@code LIKE '%literal'} (domains by suffix): a table of literals hashed backwards, so the
 *       suffixes of a value hash incrementally; probed only at the literal lengths present.
 *   <li>Other {@code LIKE} and {@code MATCHES}: a prefilter on a required literal of at least 3
 *       characters, indexed by one of its trigrams (the least used so far); every value trigram is
 *       probed and each candidate is then checked exactly by the caller.
 * </ul>
 */
final class FieldIndex {
  final ObjectPath path;

  /** The property names of a path of plain properties (no references to follow), else null. */
  private final String[] plain;

  final StringKeyTable exact = new StringKeyTable(false);
  final IntKeyTable ipv4 = new IntKeyTable();
  private final IntKeyTable[] cidr4 = new IntKeyTable[33];
  private volatile long cidr4Lengths;
  private final StringKeyTable cidr6 = new StringKeyTable(false);
  private volatile long[] cidr6Lengths = new long[3];
  final StringKeyTable suffix = new StringKeyTable(true);
  private volatile long[] suffixLengths = new long[5];
  final StringKeyTable trigrams = new StringKeyTable(false);
  private final Map<String, Integer> trigramUse = new HashMap<>();
  private volatile boolean hasExact;
  private volatile boolean hasIpv4;
  private volatile boolean hasSuffix;
  private volatile boolean hasTrigrams;

  FieldIndex(ObjectPath path) {
    this.path = path;
    String[] names = new String[path.steps().size()];
    boolean simple = true;
    for (int i = 0; i < names.length; i++) {
      if (path.steps().get(i) instanceof PathStep.Property p
          && (i == names.length - 1
              || !(p.name().endsWith("_ref") || p.name().endsWith("_refs")))) {
        names[i] = p.name();
      } else {
        simple = false;
      }
    }
    this.plain = simple ? names : null;
  }

  // ---- writing (caller holds the writer lock) ----

  void addExact(String value, int target) {
    long ip = parseIpv4(value);
    if (ip != NOT_PARSED && (ip >>> 40) != 0) {
      ipv4.add((int) ip, target);
      hasIpv4 = true;
    } else {
      exact.add(value, StringKeyTable.forwardHash(value, 0, value.length()), target);
      hasExact = true;
    }
  }

  void addNetwork(IpBlock block, int target) {
    if (block.v6()) {
      String key = network6(block.network(), block.prefix());
      cidr6.add(key, StringKeyTable.forwardHash(key, 0, key.length()), target);
      long[] lengths = cidr6Lengths.clone();
      lengths[block.prefix() >>> 6] |= 1L << block.prefix();
      cidr6Lengths = lengths;
      return;
    }
    byte[] n = block.network();
    int addr = (n[0] & 0xFF) << 24 | (n[1] & 0xFF) << 16 | (n[2] & 0xFF) << 8 | (n[3] & 0xFF);
    int len = block.prefix();
    if (cidr4[len] == null) {
      cidr4[len] = new IntKeyTable();
    }
    cidr4[len].add(addr, target);
    cidr4Lengths |= 1L << len;
  }

  void addSuffix(String literal, int target) {
    suffix.add(literal, StringKeyTable.backwardHash(literal, 0, literal.length()), target);
    long[] lengths = suffixLengths.clone();
    int bit = Math.min(literal.length(), 256);
    lengths[bit >>> 6] |= 1L << (bit & 63);
    suffixLengths = lengths;
    hasSuffix = true;
  }

  /** Indexes a required literal (3 characters or more) by its least used trigram. */
  void addLiteral(String literal, int target) {
    String best = null;
    int bestUse = Integer.MAX_VALUE;
    for (int i = 0; i + 3 <= literal.length(); i++) {
      String t = literal.substring(i, i + 3);
      int use = trigramUse.getOrDefault(t, 0);
      if (use < bestUse) {
        best = t;
        bestUse = use;
      }
    }
    trigramUse.merge(best, 1, Integer::sum);
    trigrams.add(best, StringKeyTable.forwardHash(best, 0, 3), target);
    hasTrigrams = true;
  }

  /** Drops the entries of dead targets. */
  void retain(IntPredicate keep) {
    exact.retain(keep);
    ipv4.retain(keep);
    for (IntKeyTable t : cidr4) {
      if (t != null) {
        t.retain(keep);
      }
    }
    cidr6.retain(keep);
    suffix.retain(keep);
    trigrams.retain(keep);
  }

  long bytes() {
    long b = exact.bytes() + ipv4.bytes() + suffix.bytes() + trigrams.bytes() + cidr6.bytes();
    for (IntKeyTable t : cidr4) {
      b += t == null ? 0 : t.bytes();
    }
    return b;
  }

  // ---- reading ----

  /** Whether the path is plain properties, read by {@link #plainText} without a scope. */
  boolean plain() {
    return plain != null;
  }

  /** For a plain path: the textual value it reaches, or null. */
  String plainText(Observation.Part sco) {
    return sco.text(plain);
  }

  /**
   * Calls {@code sink} with every textual value a path that is not plain reaches from {@code sco}.
   */
  void forEachValue(
      StixObject sco,
      Supplier<ComparisonEvaluator.Scope> scope,
      java.util.function.Consumer<String> sink) {
    List<ComparisonEvaluator.PathValue> values = new ArrayList<>();
    ComparisonEvaluator.resolve(sco.json(), null, path.steps(), 0, scope.get(), values);
    for (ComparisonEvaluator.PathValue v : values) {
      if (v.node().isTextual()) {
        sink.accept(v.node().textValue());
      }
    }
  }

  /** Calls {@code sink} with every target the value may satisfy. */
  void probe(String value, StringKeyTable.TargetSink sink) {
    long cidrs = cidr4Lengths;
    if (hasIpv4 || cidrs != 0) {
      long parsed = parseIpv4(value);
      if (parsed != NOT_PARSED) {
        int addr = (int) parsed;
        int prefix = (int) (parsed >>> 32) & 0xFF;
        boolean canonical = (parsed >>> 40) != 0;
        if (canonical && hasIpv4) {
          ipv4.lookup(addr, sink);
        }
        for (long ls = cidrs; ls != 0; ls &= ls - 1) {
          int len = Long.numberOfTrailingZeros(ls);
          if (len > prefix) {
            break;
          }
          int mask = len == 0 ? 0 : -1 << (32 - len);
          cidr4[len].lookup(addr & mask, sink);
        }
        if (canonical) {
          probeText(value, sink);
          return;
        }
      }
    }
    if (hasExact) {
      exact.lookup(
          value, 0, value.length(), StringKeyTable.forwardHash(value, 0, value.length()), sink);
    }
    long[] v6 = cidr6Lengths;
    if ((v6[0] | v6[1] | v6[2]) != 0 && value.indexOf(':') >= 0) {
      Optional<IpBlock> b = IpBlock.parseV6(value);
      if (b.isPresent()) {
        for (int len = 0; len <= b.get().prefix(); len++) {
          if ((v6[len >>> 6] & (1L << len)) != 0) {
            String key = network6(b.get().network(), len);
            cidr6.lookup(
                key, 0, key.length(), StringKeyTable.forwardHash(key, 0, key.length()), sink);
          }
        }
      }
    }
    probeText(value, sink);
  }

  /** Suffix and literal probes, which apply to every value. */
  private void probeText(String value, StringKeyTable.TargetSink sink) {
    if (hasSuffix) {
      long[] lengths = suffixLengths;
      int len = value.length();
      int h = 0;
      for (int l = 1; l <= len; l++) {
        h = h * 31 + value.charAt(len - l) + 1;
        int bit = Math.min(l, 256);
        if ((lengths[bit >>> 6] & (1L << (bit & 63))) != 0) {
          suffix.lookup(value, len - l, len, StringKeyTable.mix(h), sink);
        }
      }
    }
    if (hasTrigrams) {
      for (int i = 0; i + 3 <= value.length(); i++) {
        trigrams.lookup(value, i, i + 3, StringKeyTable.forwardHash(value, i, i + 3), sink);
      }
    }
  }

  static final long NOT_PARSED = -1L;

  /** The key of an IPv6 network: its length, a slash, the address masked to it in hexadecimal. */
  static String network6(byte[] address, int len) {
    StringBuilder b = new StringBuilder(36).append(len).append('/');
    for (int i = 0; i < 16; i++) {
      int bits = Math.max(0, Math.min(8, len - 8 * i));
      int v = address[i] & (0xFF00 >>> bits) & 0xFF;
      b.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xF, 16));
    }
    return b.toString();
  }

  /**
   * Parses IPv4 text exactly as {@link IpBlock#parseV4} accepts it ({@code a.b.c.d} with 1 to 3
   * digits per part up to 255, optionally {@code /n} with 1 to 3 digits up to 32). Returns {@code
   * canonical << 40 | prefix << 32 | address}, canonical when there are no leading zeros and no
   * prefix; or {@link #NOT_PARSED}.
   */
  static long parseIpv4(String s) {
    int len = s.length();
    int i = 0;
    int addr = 0;
    boolean canonical = true;
    for (int part = 0; part < 4; part++) {
      int start = i;
      int v = 0;
      while (i < len && i - start < 4) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        v = v * 10 + (c - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || v > 255) {
        return NOT_PARSED;
      }
      if (digits > 1 && s.charAt(start) == '0') {
        canonical = false;
      }
      addr = addr << 8 | v;
      if (part < 3) {
        if (i >= len || s.charAt(i) != '.') {
          return NOT_PARSED;
        }
        i++;
      }
    }
    int prefix = 32;
    if (i < len) {
      if (s.charAt(i) != '/') {
        return NOT_PARSED;
      }
      i++;
      int start = i;
      int v = 0;
      while (i < len && i - start < 4) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return NOT_PARSED;
        }
        v = v * 10 + (c - '0');
        i++;
      }
      if (i - start == 0 || i - start > 3 || i < len || v > 32) {
        return NOT_PARSED;
      }
      prefix = v;
      canonical = false;
    }
    return (canonical ? 1L << 40 : 0L) | (long) prefix << 32 | (addr & 0xFFFFFFFFL);
  }
}
