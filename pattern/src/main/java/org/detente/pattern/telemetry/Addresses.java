package org.detente.pattern.telemetry;

/** Cheap syntax checks for the values telemetry puts in address and name SCOs. */
final class Addresses {
  private Addresses() {}

  /** A dotted-quad IPv4 address or a textual IPv6 address (RFC 4291 section 2.2, no zone). */
  static boolean isIp(String s) {
    return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s, 0, s.length());
  }

  static boolean isIpv4(String s, int from, int to) {
    int parts = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int v = 0;
      while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255 || (i - start > 1 && s.charAt(start) == '0')) {
        return false;
      }
      parts++;
      if (i < to) {
        if (s.charAt(i) != '.' || parts == 4) {
          return false;
        }
        i++;
        if (i == to) {
          return false;
        }
      }
    }
    return parts == 4;
  }

  private static boolean isIpv6(String s) {
    int n = s.length();
    if (n < 2 || n > 45) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    int i = 0;
    if (s.startsWith("::")) {
      compressed = true;
      i = 2;
      if (i == n) {
        return true;
      }
    } else if (s.charAt(0) == ':') {
      return false;
    }
    while (i < n) {
      int start = i;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        return isIpv4(s, start, n) && (compressed ? groups + 2 <= 7 : groups + 2 == 8);
      }
      int len = i - start;
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return false;
      }
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  /**
   * A host name as DNS carries it: labels of letters, digits, hyphens and underscores joined by
   * dots, at most 253 characters. A trailing dot is not accepted.
   */
  static boolean isDomainName(String s) {
    int n = s.length();
    if (n == 0 || n > 253 || s.charAt(0) == '.' || s.charAt(n - 1) == '.') {
      return false;
    }
    int label = 0;
    boolean letter = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (label == 0) {
          return false;
        }
        label = 0;
      } else if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || c == '-'
          || c == '_'
          || (c >= '0' && c <= '9')) {
        if (++label > 63) {
          return false;
        }
        letter |= !(c >= '0' && c <= '9');
      } else {
        return false;
      }
    }
    return letter && !isIp(s);
  }
}
