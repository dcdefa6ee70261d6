package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The JSON Canonicalization Scheme of RFC 8785: the one byte sequence that signatures and
 * deterministic identifiers are computed over.
 *
 * <p>Design: the output is built in one pass over the tree, straight to UTF-8 bytes ({@link
 * CanonicalWriter}). Object members are sorted by the UTF-16 code units of their names ({@link
 * String#compareTo} compares exactly those), no whitespace is written, strings carry only the
 * escapes that ECMAScript's {@code JSON.stringify} writes, and every number is first converted to
 * an IEEE-754 double (exact {@code BigDecimal} and {@code BigInteger} values too, as RFC 8785
 * section 3.2.2.3 requires) and then written as ECMAScript's {@code Number.prototype.toString}
 * writes it.
 *
 * <p>The shortest digit string of a double is found exactly, without floating-point arithmetic: for
 * each length p = 1, 2, ... the two p-digit decimals that bracket the double's exact value are the
 * only p-digit candidates that can round back to it; the first length at which one of them does is
 * the shortest, and when both do the closer one (on a tie, the even one) is taken. Integers of
 * magnitude below 2^53 take a direct path, since their own digits are always the shortest.
 *
 * <p>Strings holding a lone surrogate cannot be written as UTF-8 and are rejected, as are numbers
 * whose double value is not finite (JSON has no NaN or Infinity; a decimal such as {@code 1e400}
 * overflows).
 */
public final class CanonicalJson {
  private static final double TWO_POW_53 = 9007199254740992.0;

  private CanonicalJson() {}

  /**
   * The canonical form of a JSON tree as UTF-8 bytes.
   *
   * @throws IllegalArgumentException when the tree holds a value with no canonical form: a lone
   *     surrogate in a string or name, a number that is not finite as a double, a binary or POJO
   *     node, a missing node, or nesting deeper than {@value StixJson#PARSER_MAX_DEPTH}
   */
  public static byte[] canonicalize(JsonNode n) {
    Objects.requireNonNull(n, "n");
    return CanonicalWriter.forThread().value(n).toByteArray();
  }

  /**
   * The canonical form of a STIX object as UTF-8 bytes, without copying its tree.
   *
   * @throws IllegalArgumentException for the same inputs as {@link #canonicalize(JsonNode)}
   */
  public static byte[] canonicalize(StixObject o) {
    return canonicalize(o.tree());
  }

  /**
   * The SHA-256 of a tree's canonical form, as 64 lower-case hex digits, computed without keeping
   * the canonical bytes.
   *
   * @throws IllegalArgumentException for the same inputs as {@link #canonicalize(JsonNode)}
   */
  public static String sha256Hex(JsonNode n) {
    Objects.requireNonNull(n, "n");
    return CanonicalWriter.forThread().value(n).sha256Hex();
  }

  /**
   * The SHA-256 of a STIX object's canonical form, as 64 lower-case hex digits, without copying its
   * tree.
   *
   * @throws IllegalArgumentException for the same inputs as {@link #canonicalize(JsonNode)}
   */
  public static String sha256Hex(StixObject o) {
    return sha256Hex(o.tree());
  }

  /**
   * The canonical form of a JSON tree as text.
   *
   * @throws IllegalArgumentException for the same inputs as {@link #canonicalize}
   */
  public static String toString(JsonNode n) {
    Objects.requireNonNull(n, "n");
    return CanonicalWriter.forThread().value(n).text();
  }

  static IllegalArgumentException loneSurrogate(char c, int index) {
    return new IllegalArgumentException(
        String.format("string holds a lone surrogate U+%04X at index %d", (int) c, index));
  }

  static String formatNumber(JsonNode n) {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      long v = n.longValue();
      if (v >= -(1L << 53) && v <= (1L << 53)) {
        return Long.toString(v);
      }
    }
    double d;
    if (n.isBigDecimal()) {
      d = Double.parseDouble(n.decimalValue().toString());
    } else if (n.isBigInteger()) {
      d = Double.parseDouble(n.bigIntegerValue().toString());
    } else {
      d = n.doubleValue();
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(
          "number " + n.asText() + " has no finite IEEE-754 double value");
    }
    return formatDouble(d);
  }

  /**
   * ECMAScript {@code Number.prototype.toString} of a finite double (ECMA-262 Number::toString,
   * radix 10), as RFC 8785 section 3.2.2.3 prescribes.
   *
   * @throws IllegalArgumentException when {@code d} is NaN or infinite
   */
  static String formatDouble(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("no JSON form for the double " + d);
    }
    if (d == 0) {
      return "0";
    }
    if (d < 0) {
      return "-" + formatDouble(-d);
    }
    if (d < TWO_POW_53 && d == Math.rint(d)) {
      return Long.toString((long) d);
    }
    BigDecimal shortest = shortestDecimal(d);
    String s = shortest.unscaledValue().toString();
    int k = s.length();
    int n = k - shortest.scale();
    return layout(s, k, n);
  }

  /**
   * The decimal with the fewest significant digits that rounds to {@code d} (d finite and
   * positive), the closest such decimal when there are two, the even one on a tie. Trailing zeros
   * are stripped.
   */
  private static BigDecimal shortestDecimal(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = roundsTo(down, d);
      boolean upOk = roundsTo(up, d);
      if (downOk && upOk && down.compareTo(up) != 0) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp < 0) {
          return down.stripTrailingZeros();
        } else if (cmp > 0) {
          return up.stripTrailingZeros();
        }
        BigInteger lastDown = down.stripTrailingZeros().unscaledValue();
        return lastDown.testBit(0) ? up.stripTrailingZeros() : down.stripTrailingZeros();
      } else if (downOk) {
        return down.stripTrailingZeros();
      } else if (upOk) {
        return up.stripTrailingZeros();
      }
    }
    // 17 significant digits always identify a double; reaching this line is a bug.
    throw new IllegalStateException("no decimal of at most 17 digits rounds to " + d);
  }

  private static boolean roundsTo(BigDecimal candidate, double d) {
    return Double.parseDouble(candidate.toString()) == d;
  }

  /**
   * Lays out digits {@code s} (k of them, no trailing zero) standing for s × 10^(n−k), following
   * steps 6 to 10 of ECMA-262 Number::toString.
   */
  private static String layout(String s, int k, int n) {
    StringBuilder b = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      b.append(s);
      b.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      b.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      b.append("0.").append("0".repeat(-n)).append(s);
    } else {
      int e = n - 1;
      b.append(s.charAt(0));
      if (k > 1) {
        b.append('.').append(s, 1, k);
      }
      b.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return b.toString();
  }
}
