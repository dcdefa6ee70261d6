package org.detente.stix;

import java.util.Locale;
import java.util.Set;

/**
 * Character-level checks of the string forms STIX defines: names, identifiers, hex, base64,
 * language tags, addresses. Each is a hand-written scanner (no regular expressions) because
 * validation runs on every object a node receives.
 */
final class Syntax {
  private Syntax() {}

  /** Longest type, property and custom extension name (section 3.1). */
  static final int MAX_NAME = 250;

  /**
   * A type name: lowercase ASCII letters, digits and hyphens, starting with a letter, no two
   * hyphens in a row, 3 to 250 characters (sections 3.1 and 11.2).
   */
  static boolean isTypeName(String s) {
    int n = s.length();
    if (n < 3 || n > MAX_NAME || !isLower(s.charAt(0))) {
      return false;
    }
    char prev = 0;
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '-') {
        if (prev == '-') {
          return false;
        }
      } else if (!isLower(c) && !isDigit(c)) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  /**
   * A property name outside the specification's tables: lowercase ASCII letters, digits and
   * underscore, starting with a letter, 3 to 250 characters (sections 3.1 and 11.1).
   */
  static boolean isPropertyName(String s) {
    int n = s.length();
    if (n < 3 || n > MAX_NAME || !isLower(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!isLower(c) && !isDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** A dictionary key: ASCII letters, digits, hyphen and underscore, 1 to 250 (section 2.3). */
  static boolean isDictionaryKey(String s) {
    return isKey(s, 1);
  }

  /** A hashes key: as a dictionary key, but at least 3 characters (section 2.7). */
  static boolean isHashKey(String s) {
    return isKey(s, 3);
  }

  private static boolean isKey(String s, int min) {
    int n = s.length();
    if (n < min || n > MAX_NAME) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!isLower(c) && !isUpper(c) && !isDigit(c) && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * A custom (deprecated) SCO extension name: lowercase ASCII letters, digits and hyphens, ending
   * in {@code -ext}, 3 to 250 characters (section 11.3).
   */
  static boolean isCustomExtensionName(String s) {
    int n = s.length();
    return n >= 4 && n <= MAX_NAME && s.endsWith("-ext") && isLowerDigitsHyphens(s);
  }

  /**
   * The type part of an identifier {@code type--UUID} (section 2.9), or null when {@code s} is not
   * one: the type must be a valid type name and the UUID an RFC 4122 UUID.
   */
  static String identifierType(String s) {
    int n = s.length();
    int u = n - 36;
    if (u < 5 || s.charAt(u - 1) != '-' || s.charAt(u - 2) != '-' || !isUuid(s, u)) {
      return null;
    }
    String type = s.substring(0, u - 2);
    return isTypeName(type) ? type : null;
  }

  /**
   * True when {@code s} from {@code from} to its end is an RFC 4122 UUID: 8-4-4-4-12 hexadecimal
   * digits (either case, RFC 4122 section 3), version 1 to 5 and the RFC 4122 variant.
   */
  static boolean isUuid(String s, int from) {
    if (s.length() - from != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(from + i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!isHexDigit(c)) {
        return false;
      }
    }
    char version = s.charAt(from + 14);
    char variant = s.charAt(from + 19);
    return version >= '1'
        && version <= '5'
        && (variant == '8'
            || variant == '9'
            || variant == 'a'
            || variant == 'b'
            || variant == 'A'
            || variant == 'B');
  }

  /** Section 2.8: an even number of lowercase hexadecimal digits. */
  static boolean isHex(String s) {
    int n = s.length();
    if ((n & 1) != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!isDigit(c) && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** RFC 4648 base64 with the standard alphabet and padding. */
  static boolean isBase64(String s) {
    int n = s.length();
    if ((n & 3) != 0) {
      return false;
    }
    int pad = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '=') {
        if (i < n - 2) {
          return false;
        }
        pad++;
      } else if (pad > 0 || !isBase64Char(c)) {
        return false;
      }
    }
    return true;
  }

  /** A hash value in the form section 10.7 gives for a hash-algorithm-ov term. */
  static boolean isHashValue(String algorithm, String value) {
    return switch (algorithm) {
      case "MD5" -> isHexLength(value, 32);
      case "SHA-1" -> isHexLength(value, 40);
      case "SHA-256", "SHA3-256" -> isHexLength(value, 64);
      case "SHA-512", "SHA3-512" -> isHexLength(value, 128);
      case "SSDEEP" -> isSsdeep(value);
      case "TLSH" ->
          isHexLength(value, 70)
              || (value.length() == 72
                  && (value.charAt(0) == 'T' || value.charAt(0) == 't')
                  && value.charAt(1) == '1'
                  && isHexLength(value.substring(2), 70));
      default -> true;
    };
  }

  private static boolean isHexLength(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** ssdeep: {@code blocksize:hash:hash}, optionally followed by {@code ,"file name"}. */
  private static boolean isSsdeep(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i == n || s.charAt(i) != ':') {
      return false;
    }
    int colons = 0;
    for (i++; i < n; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        if (++colons > 1) {
          return false;
        }
      } else if (c == ',') {
        break;
      } else if (!isBase64Char(c)) {
        return false;
      }
    }
    if (colons != 1) {
      return false;
    }
    return i == n || (n - i >= 3 && s.charAt(i + 1) == '"' && s.charAt(n - 1) == '"');
  }

  private static final Set<String> IRREGULAR_TAGS =
      Set.of(
          "en-gb-oed",
          "i-ami",
          "i-bnn",
          "i-default",
          "i-enochian",
          "i-hak",
          "i-klingon",
          "i-lux",
          "i-mingo",
          "i-navajo",
          "i-pwn",
          "i-tao",
          "i-tay",
          "i-tsu",
          "sgn-be-fr",
          "sgn-be-nl",
          "sgn-ch-de");

  /** A well-formed RFC 5646 language tag. */
  static boolean isLanguageTag(String s) {
    if (s.isEmpty() || s.length() > 256) {
      return false;
    }
    String[] t = s.split("-", -1);
    for (String sub : t) {
      if (sub.isEmpty() || sub.length() > 8 || !isAlphanumeric(sub)) {
        return false;
      }
    }
    if (IRREGULAR_TAGS.contains(s.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (isX(t[0])) {
      return isPrivateUse(t, 0);
    }
    String language = t[0];
    if (language.length() < 2 || !isAlpha(language)) {
      return false;
    }
    int i = 1;
    if (language.length() <= 3) {
      for (int ext = 0; ext < 3 && i < t.length && t[i].length() == 3 && isAlpha(t[i]); ext++) {
        i++;
      }
    }
    if (i < t.length && t[i].length() == 4 && isAlpha(t[i])) {
      i++;
    }
    if (i < t.length
        && ((t[i].length() == 2 && isAlpha(t[i])) || (t[i].length() == 3 && isDigits(t[i])))) {
      i++;
    }
    while (i < t.length && isVariant(t[i])) {
      i++;
    }
    while (i < t.length && t[i].length() == 1 && !isX(t[i])) {
      int start = ++i;
      while (i < t.length && t[i].length() >= 2) {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    if (i < t.length && isX(t[i])) {
      return isPrivateUse(t, i);
    }
    return i == t.length;
  }

  private static boolean isPrivateUse(String[] t, int x) {
    return t.length > x + 1;
  }

  private static boolean isX(String sub) {
    return sub.length() == 1 && (sub.charAt(0) == 'x' || sub.charAt(0) == 'X');
  }

  private static boolean isVariant(String sub) {
    int n = sub.length();
    return n >= 5 || (n == 4 && isDigit(sub.charAt(0)));
  }

  /** A MAC-48 address: six lowercase two-digit hexadecimal octets separated by colons. */
  static boolean isMacAddress(String s) {
    if (s.length() != 17) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      char c = s.charAt(i);
      if (i % 3 == 2) {
        if (c != ':') {
          return false;
        }
      } else if (!isDigit(c) && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** An IPv4 address in dotted-quad form, optionally with a CIDR prefix length 0 to 32. */
  static boolean isIpv4Cidr(String s) {
    return IpBlock.parseV4(s).isPresent();
  }

  /** An IPv6 address (RFC 4291 text forms), optionally with a CIDR prefix length 0 to 128. */
  static boolean isIpv6Cidr(String s) {
    return IpBlock.parseV6(s).isPresent();
  }

  /** A relationship type: ASCII lowercase letters, digits and hyphens (section 5.1). */
  static boolean isRelationshipType(String s) {
    return !s.isEmpty() && isLowerDigitsHyphens(s);
  }

  /** True when every character is an ASCII lower-case letter, a digit or a hyphen. */
  private static boolean isLowerDigitsHyphens(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLower(c) && !isDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * A CPE 2.3 formatted string: {@code cpe:2.3:} then eleven more colon-separated components (a
   * backslash escapes a colon), the part being {@code a}, {@code o}, {@code h}, {@code *} or {@code
   * -}.
   */
  static boolean isCpe23(String s) {
    if (!s.startsWith("cpe:2.3:") || s.length() < 10) {
      return false;
    }
    char part = s.charAt(8);
    if ("aoh*-".indexOf(part) < 0 || s.charAt(9) != ':') {
      return false;
    }
    int components = 4;
    int n = s.length();
    for (int i = 10; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ':') {
        components++;
      } else if (c <= ' ') {
        return false;
      }
    }
    return components == 13;
  }

  /**
   * A domain name as RFC 1034 and RFC 5890 describe it: dot-separated labels of 1 to 63 characters,
   * letters (any script), digits, hyphens and underscores, no label starting or ending with a
   * hyphen, at most 253 characters, one optional trailing dot.
   */
  static boolean isDomainName(String s) {
    int n = s.endsWith(".") ? s.length() - 1 : s.length();
    if (n == 0 || n > 253) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || s.charAt(i) == '.') {
        int len = i - start;
        if (len == 0 || len > 63 || s.charAt(start) == '-' || s.charAt(i - 1) == '-') {
          return false;
        }
        start = i + 1;
      } else {
        char c = s.charAt(i);
        if (!Character.isLetterOrDigit(c) && c != '-' && c != '_') {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A URL in the sense of RFC 3986: a scheme, a colon, then characters a URI may contain. Non-ASCII
   * characters are tolerated (internationalised resource identifiers are common in threat data).
   */
  static boolean isUrl(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1 || !isAsciiLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** An addr-spec without a display name: something, an at sign, something; no angle brackets. */
  static boolean isEmailAddress(String s) {
    int at = s.lastIndexOf('@');
    return at > 0 && at < s.length() - 1 && s.indexOf('<') < 0 && s.indexOf('>') < 0;
  }

  /**
   * True when {@code s} contains an RFC 2047 encoded word: {@code =?charset?B?text?=} or {@code
   * =?charset?Q?text?=}.
   */
  static boolean hasEncodedWord(String s) {
    for (int i = s.indexOf("=?"); i >= 0; i = s.indexOf("=?", i + 2)) {
      int q = s.indexOf('?', i + 2);
      if (q > i + 2
          && q + 3 < s.length()
          && s.charAt(q + 2) == '?'
          && "BbQq".indexOf(s.charAt(q + 1)) >= 0) {
        int end = s.indexOf("?=", q + 3);
        if (end > q + 3 && s.substring(i + 2, q).indexOf(' ') < 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code CAPEC-} followed by digits (section 4.1). */
  static boolean isCapecId(String s) {
    return s.startsWith("CAPEC-") && s.length() > 6 && isDigits(s.substring(6));
  }

  /** A CVE identifier: {@code CVE-YYYY-NNNN} with four or more digits in the sequence part. */
  static boolean isCveId(String s) {
    return s.length() >= 13
        && s.startsWith("CVE-")
        && isDigits(s.substring(4, 8))
        && s.charAt(8) == '-'
        && isDigits(s.substring(9));
  }

  /** The hive of a registry key if it is one of the abbreviations section 6.17 forbids. */
  static String abbreviatedHive(String key) {
    int sep = key.indexOf('\\');
    String hive = (sep < 0 ? key : key.substring(0, sep)).toUpperCase(Locale.ROOT);
    return Vocabularies.ABBREVIATED_HIVES.contains(hive) ? hive : null;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isAsciiLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAsciiLetter(c) && !isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64Char(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '+' || c == '/';
  }

  static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAsciiLetter(char c) {
    return isLower(c) || isUpper(c);
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
