package org.detente.stix;

import java.util.Objects;

/**
 * One reason why a STIX object is rejected.
 *
 * @param objectId the object's {@code id}, or a placeholder when it has none: {@link
 *     StixValidator#NO_ID} from the validator, {@code "(object #n)"} from a bundle reader
 * @param property the property at fault as a path ({@code valid_until}, {@code
 *     granular_markings[0].selectors[1]}), or empty when the fault is the object as a whole
 * @param rule a short stable name of the rule broken, for example {@code required} or {@code
 *     indicator-valid-until-after-valid-from}
 * @param message what is wrong, in words, with the offending value where it helps
 */
public record StixError(String objectId, String property, String rule, String message) {
  public StixError {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  /** One line: {@code id: property: message [rule]}. */
  @Override
  public String toString() {
    return objectId
        + ": "
        + (property.isEmpty() ? "" : property + ": ")
        + message
        + " ["
        + rule
        + "]";
  }
}
