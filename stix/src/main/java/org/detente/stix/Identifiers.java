package org.detente.stix;

import java.util.UUID;

/**
 * STIX 2.1 identifiers (section 2.9): {@code object-type--UUID}.
 *
 * <p>The rules are the validator's ({@code Syntax.identifierType}): the type part is a valid type
 * name, the UUID is an RFC 4122 UUID of version 1 to 5 with the RFC 4122 variant, in either letter
 * case (RFC 4122 section 3 reads hexadecimal digits case-insensitively).
 */
public final class Identifiers {
  private Identifiers() {}

  /** True when {@code id} is {@code expectedType--UUID}. */
  public static boolean isValid(String id, String expectedType) {
    return id != null && expectedType != null && expectedType.equals(Syntax.identifierType(id));
  }

  /** True when {@code id} has the form {@code some-type--UUID} for a valid type name. */
  public static boolean isWellFormed(String id) {
    return id != null && Syntax.identifierType(id) != null;
  }

  /** The type prefix of a well-formed identifier, or null. */
  public static String typeOf(String id) {
    return id == null ? null : Syntax.identifierType(id);
  }

  /** A new identifier with a random (version 4) UUID. */
  public static String random(String type) {
    return type + "--" + UUID.randomUUID();
  }
}
