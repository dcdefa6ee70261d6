package org.detente.pattern;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An object path (STIX 2.1 section 9.3.2): an SCO type, a colon, then property names, quoted keys
 * and list indexes, for example {@code file:hashes.'SHA-256'} or {@code
 * email-message:to_refs[*].value}. References ({@code *_ref}, {@code *_refs}) are followed by the
 * steps after them; the path records them as ordinary properties.
 *
 * @param objectType the SCO type: 3 to 250 characters of lowercase ASCII letters, digits and
 *     hyphens, starting with a letter (STIX 2.1 section 3.1 type-name rule)
 * @param steps at least one step, the first a {@link PathStep.Property}
 */
public record ObjectPath(String objectType, List<PathStep> steps) {
  static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9-]{2,249}");

  public ObjectPath {
    Objects.requireNonNull(objectType, "objectType");
    steps = List.copyOf(steps);
    if (!OBJECT_TYPE.matcher(objectType).matches()) {
      throw new IllegalArgumentException("not an object type: '" + objectType + "'");
    }
    if (steps.isEmpty() || !(steps.get(0) instanceof PathStep.Property)) {
      throw new IllegalArgumentException(
          "an object path starts with a property after the type, got " + steps);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(objectType).append(':');
    for (int i = 0; i < steps.size(); i++) {
      PathStep step = steps.get(i);
      if (i > 0 && step instanceof PathStep.Property) {
        b.append('.');
      }
      b.append(step);
    }
    return b.toString();
  }
}
