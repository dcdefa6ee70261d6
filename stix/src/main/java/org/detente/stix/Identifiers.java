package org.detente.stix;

import java.util.UUID;

/**
 * STIX 2.1 identifiers (section 2.9): {@code object-type--UUID}, the UUID in the RFC 4122 text form
 * with lower-case hexadecimal digits.
 *
 * <p>Choice: the specification requires an RFC 4122 UUID; this class accepts any variant-1 UUID
 * (versions 1 to 8), lower-case only, so that deterministic (v5) and random (v4) ids both pass and
 * upper-case forms, which compare unequal as strings, are rejected.
 */
public final class Identifiers {
  private Identifiers() {}

  /** True when {@code id} is {@code expectedType--UUID}. */
  public static boolean isValid(String id, String expectedType) {
    if (id == null || expectedType == null) {
      return false;
    }
    int n = expectedType.length();
    return id.length() == n + 2 + 36
        && id.startsWith(expectedType)
        && id.charAt(n) == '-'
        && id.charAt(n + 1) == '-'
        && isUuid(id, n + 2);
  }

  /** True when {@code id} has the form {@code some-type--UUID} for any type. */
  public static boolean isWellFormed(String id) {
    if (id == null || id.length() < 38) {
      return false;
    }
    int sep = id.length() - 38;
    return sep > 0 && id.charAt(sep) == '-' && id.charAt(sep + 1) == '-' && isUuid(id, sep + 2);
  }

  /** The type prefix of a well-formed identifier, or null. */
  public static String typeOf(String id) {
    return isWellFormed(id) ? id.substring(0, id.length() - 38) : null;
  }

  /** A new identifier with a random (version 4) UUID. */
  public static String random(String type) {
    return type + "--" + UUID.randomUUID();
  }

  /** True when the 36 characters at {@code from} are an RFC 4122 UUID in lower case. */
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
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    char version = s.charAt(from + 14);
    char variant = s.charAt(from + 19);
    return version >= '1' && version <= '8' && "89ab".indexOf(variant) >= 0;
  }
}
