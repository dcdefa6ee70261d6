package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Checks STIX 2.1 objects against the specification (OASIS Standard, June 2021): required and
 * applicable common properties, the property table of each of the 42 object types and of the 12
 * predefined extensions, data types and formats, references to allowed types, closed enumerations,
 * the rules between properties (for example {@code valid_until} after {@code valid_from}), granular
 * marking selectors, extensions, and the naming rules for custom objects and properties.
 *
 * <p>Every error of an object is reported, not only the first; an empty list means the object is
 * valid. Validation never throws on bad input: any JSON value, including one that is not an object,
 * yields errors instead.
 *
 * <p>The validator looks at one object at a time: references are checked for their form and the
 * type they name, not resolved. Instances are immutable and thread-safe.
 *
 * <p>Choices where the specification leaves room or contradicts itself:
 *
 * <ul>
 *   <li>Where the 2021 standard and later errata drafts differ, the standard wins: grouping {@code
 *       name} is optional, malware {@code is_family} is required, sighting {@code summary} is a
 *       boolean.
 *   <li>Hash algorithm names are checked against the hash vocabulary, as each {@code hashes}
 *       property says (section 2.7 says SHOULD; its own example uses a custom key).
 *   <li>Hex values are lower case only (section 2.8), although the File example uses upper case.
 *   <li>{@code created} and {@code modified} need at least millisecond precision; a leap second is
 *       rejected ({@link StixTimestamp}).
 *   <li>Identifiers: RFC 4122 UUIDs of version 1 to 5 with the RFC 4122 variant, either case.
 *   <li>SCOs may carry the versioning properties ({@code created_by_ref}, {@code created}, {@code
 *       modified}, {@code revoked}), as section 3.6 describes versioned SCOs; other common
 *       properties not applicable to SCOs are rejected.
 *   <li>Custom objects without a {@code new-sco}/{@code new-sro} extension need the SDO common
 *       properties; objects of custom types are accepted wherever references allow a family.
 *   <li>Format checks the specification implies but does not word as MUST (IP addresses, URLs,
 *       domain names, e-mail addresses) are skipped for SCOs with {@code defanged: true}.
 * </ul>
 *
 * <p>Rules not checked: those that need more than one object (versioning history, uniqueness of
 * identifiers, whether references resolve), {@code pattern} syntax (the node's {@code ObjectRules}
 * adds it, since patterns live in another module), conditional naming rules whose condition cannot
 * be seen in the object (the {@code _ref}/{@code _bin}/{@code _hex} suffixes of custom properties,
 * the {@code x_} prefixes), rules about content that cannot be checked mechanically (MIME bodies,
 * registry value names, the WGS 84 datum, IANA character set names), and the contents of
 * observed-data's deprecated {@code objects} dictionary beyond its shape.
 */
public final class StixValidator {
  /** The object id used in errors when the object has no string {@code id}. */
  public static final String NO_ID = "(no id)";

  private static final StixValidator STANDARD = new StixValidator();

  private StixValidator() {}

  /** The validator for STIX 2.1 as published; shared, thread-safe and reusable. */
  public static StixValidator standard() {
    return STANDARD;
  }

  /**
   * Validates one JSON value as a STIX object.
   *
   * @param json any JSON value; values that are not objects are reported as errors
   * @return every error found, in a stable order; empty when the object is valid
   * @throws NullPointerException when {@code json} is null
   */
  public List<StixError> validate(JsonNode json) {
    Objects.requireNonNull(json, "json");
    if (!(json instanceof ObjectNode obj)) {
      return List.of(
          new StixError(
              NO_ID,
              "",
              "json-object",
              "a STIX object is a JSON object, found " + ObjectInspection.describe(json)));
    }
    JsonNode id = obj.get("id");
    ObjectInspection inspection =
        new ObjectInspection(obj, id != null && id.isTextual() ? id.textValue() : NO_ID);
    inspection.inspect();
    return List.copyOf(inspection.errors());
  }

  /**
   * Validates a parsed STIX object with the same rules as {@link #validate(JsonNode)}.
   *
   * @return every error found; empty when the object is valid
   * @throws NullPointerException when {@code object} is null
   */
  public List<StixError> validate(StixObject object) {
    Objects.requireNonNull(object, "object");
    return validate(object.tree());
  }
}
