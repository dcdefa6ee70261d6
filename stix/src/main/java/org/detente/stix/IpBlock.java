package org.detente.stix;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address or CIDR block, parsed without any name lookup: the value of {@code
 * ipv4-addr} and {@code ipv6-addr} objects and of patterns that compare against them.
 *
 * <p>Parsing is strict: no surrounding spaces, dotted decimal without leading signs for IPv4, RFC
 * 4291 text for IPv6 (with at most one {@code ::}, and a trailing dotted IPv4 part), an optional
 * {@code /n} prefix length. Host bits of a block are cleared, so a block is its network address and
 * prefix. {@link #text()} is canonical: dotted decimal for IPv4, RFC 5952 for IPv6 (lower case,
 * leading zeros dropped, the longest run of two or more zero groups compressed to {@code ::}, hex
 * only, no embedded dotted IPv4), and {@code /n} only for a block smaller than the whole address.
 *
 * @param network the network address, 4 or 16 bytes (never changed: the record hands out copies)
 * @param prefix the prefix length, 0 to 32 or 0 to 128
 */
public record IpBlock(byte[] network, int prefix) {
  /**
   * @throws IllegalArgumentException when the address is not 4 or 16 bytes or the prefix does not
   *     fit it
   */
  public IpBlock {
    Objects.requireNonNull(network, "network");
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + network.length);
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException(
          "prefix " + prefix + " does not fit a " + network.length * 8 + "-bit address");
    }
    network = network.clone();
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /** True for IPv6. */
  public boolean v6() {
    return network.length == 16;
  }

  /** True when the block is one address (/32 or /128). */
  public boolean single() {
    return prefix == network.length * 8;
  }

  /** The canonical text. */
  public String text() {
    String a = v6() ? formatV6(network) : formatV4(network);
    return single() ? a : a + "/" + prefix;
  }

  /** The lowest address as fixed-width lower-case hex (8 or 32 digits). */
  public String loHex() {
    return HexFormat.of().formatHex(network);
  }

  /** The highest address as fixed-width lower-case hex (8 or 32 digits). */
  public String hiHex() {
    byte[] hi = network.clone();
    for (int bit = prefix; bit < hi.length * 8; bit++) {
      hi[bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return HexFormat.of().formatHex(hi);
  }

  /** True when both are of the same family. */
  public boolean sameFamily(IpBlock other) {
    return network.length == other.network.length;
  }

  /** True when every address of {@code other} is in this block; false across families. */
  public boolean contains(IpBlock other) {
    if (!sameFamily(other) || other.prefix < prefix) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (other.network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpBlock b
        && prefix == b.prefix
        && java.util.Arrays.equals(network, b.network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text();
  }

  /** Parses {@code a.b.c.d} or {@code a.b.c.d/n}. */
  public static Optional<IpBlock> parseV4(String text) {
    return parse(text, false);
  }

  /** Parses an IPv6 address, optionally with {@code /n}. */
  public static Optional<IpBlock> parseV6(String text) {
    return parse(text, true);
  }

  /** Parses either family: IPv6 when the text holds a colon. */
  public static Optional<IpBlock> parse(String text) {
    return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
  }

  private static Optional<IpBlock> parse(String text, boolean v6) {
    String s = text;
    int slash = s.indexOf('/');
    int bits = v6 ? 128 : 32;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        return Optional.empty();
      }
      s = s.substring(0, slash);
    }
    byte[] addr = v6 ? bytesV6(s) : bytesV4(s);
    if (addr == null) {
      return Optional.empty();
    }
    for (int bit = prefix; bit < bits; bit++) {
      addr[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return Optional.of(new IpBlock(addr, prefix));
  }

  private static byte[] bytesV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  private static byte[] bytesV6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int total = h.length + t.length;
    if (dbl < 0 ? total != 8 : total > 7) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(t, 0, all, 8 - t.length, t.length);
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (all[i] >>> 8);
      b[2 * i + 1] = (byte) all[i];
    }
    return b;
  }

  /** Hex groups of one side of {@code ::}; a trailing dotted IPv4 counts as two groups. */
  private static int[] groups(String side) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int n = parts.length;
    boolean dotted = parts[n - 1].indexOf('.') >= 0;
    int[] out = new int[dotted ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String p = parts[i];
      if (dotted && i == n - 1) {
        byte[] v4 = bytesV4(p);
        if (v4 == null) {
          return null;
        }
        out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = (v << 4) | d;
      }
      out[i] = v;
    }
    return out;
  }

  private static String formatV4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  private static String formatV6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
