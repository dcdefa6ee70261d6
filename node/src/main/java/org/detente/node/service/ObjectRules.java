package org.detente.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.detente.pattern.PatternSyntaxException;
import org.detente.pattern.StixPatterns;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;
import org.detente.stix.StixValidator;

/**
 * Every rule an object must pass before a node keeps it: the STIX 2.1 object rules of {@link
 * StixValidator}, plus the rules that need the pattern language, which the {@code stix} module
 * cannot see: an indicator whose {@code pattern_type} is {@code stix} must carry a valid STIX
 * pattern (specification section 4.7, {@code pattern}). Patterns of other types (sigma, snort,
 * yara, ...) are not parsed.
 */
public final class ObjectRules {
  private static final ObjectRules STANDARD = new ObjectRules(StixValidator.standard());

  private final StixValidator validator;

  private ObjectRules(StixValidator validator) {
    this.validator = validator;
  }

  /** The rules of STIX 2.1; thread-safe. */
  public static ObjectRules standard() {
    return STANDARD;
  }

  /** Every broken rule of {@code object}, empty when it is valid. */
  public List<StixError> check(StixObject object) {
    List<StixError> errors = validator.validate(object);
    if (!"indicator".equals(object.type())) {
      return errors;
    }
    JsonNode type = object.property("pattern_type");
    JsonNode pattern = object.property("pattern");
    if (type == null
        || !type.isTextual()
        || !"stix".equals(type.textValue())
        || pattern == null
        || !pattern.isTextual()) {
      return errors;
    }
    try {
      StixPatterns.parse(pattern.textValue());
      return errors;
    } catch (PatternSyntaxException e) {
      List<StixError> all = new ArrayList<>(errors);
      all.add(new StixError(object.id(), "pattern", "pattern-syntax", e.getMessage()));
      return all;
    }
  }
}
