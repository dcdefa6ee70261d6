package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code marking-definition} object says, in the forms STIX 2.1 section 7.2.1 defines plus
 * extension-based definitions (section 7.3), which is how TLP 2.0 and later marking schemes are
 * published.
 */
public sealed interface MarkingDefinition {
  /** The marking definition's {@code id}, as used in marking refs. */
  String id();

  /**
   * One of the nine official TLP marking definitions, recognised by its id.
   *
   * @param level the TLP 2.0 level (TLP 1.0 WHITE reads as CLEAR)
   */
  record TlpMarking(String id, Tlp level) implements MarkingDefinition {
    public TlpMarking {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(level, "level");
    }
  }

  /** A statement marking: {@code "definition_type": "statement"} with a text statement. */
  record Statement(String id, String statement) implements MarkingDefinition {
    public Statement {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(statement, "statement");
    }
  }

  /**
   * A marking defined through one or more extension definitions (for example ACS, IEP, PAP).
   *
   * @param name the definition's {@code name}, or empty when absent
   * @param extensionIds the {@code extension-definition--...} keys of its {@code extensions},
   *     sorted
   */
  record Extension(String id, String name, List<String> extensionIds) implements MarkingDefinition {
    public Extension {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      extensionIds = List.copyOf(extensionIds);
      if (extensionIds.isEmpty()) {
        throw new IllegalArgumentException("an extension-based marking names an extension");
      }
    }
  }

  /**
   * Anything else: an unknown {@code definition_type}, a TLP definition with an id other than the
   * official ones (which STIX 2.1 forbids), or a malformed definition.
   *
   * @param definitionType the {@code definition_type} value, or empty when absent
   */
  record Other(String id, String definitionType) implements MarkingDefinition {
    public Other {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(definitionType, "definitionType");
    }
  }

  /**
   * Reads a marking definition.
   *
   * @throws IllegalArgumentException when {@code md} is not of type {@code marking-definition}
   */
  static MarkingDefinition of(StixObject md) {
    Objects.requireNonNull(md, "md");
    if (!md.type().equals("marking-definition")) {
      throw new IllegalArgumentException(
          "expected a marking-definition, found " + md.type() + " " + md.id());
    }
    var tlp = Tlp.ofMarkingId(md.id());
    if (tlp.isPresent()) {
      return new TlpMarking(md.id(), tlp.get());
    }
    String definitionType = md.string("definition_type").orElse("");
    JsonNode definition = md.property("definition");
    if (definitionType.equals("statement")
        && definition != null
        && definition.path("statement").isTextual()) {
      return new Statement(md.id(), definition.get("statement").textValue());
    }
    JsonNode extensions = md.property("extensions");
    if (extensions != null && extensions.isObject()) {
      List<String> ids = new ArrayList<>();
      for (var e : extensions.properties()) {
        if (e.getKey().startsWith("extension-definition--")) {
          ids.add(e.getKey());
        }
      }
      if (!ids.isEmpty()) {
        ids.sort(null);
        return new Extension(md.id(), md.string("name").orElse(""), ids);
      }
    }
    return new Other(md.id(), definitionType);
  }
}
