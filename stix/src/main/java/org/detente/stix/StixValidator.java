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
