package org.detente.stix;

import static org.detente.stix.ObjectInspection.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules of the specification that a property table cannot state as data: each method is the
 * body of a {@link Constraint.Special} attached to a table in {@link StixSchemas}.
 */
final class SpecialRules {
  private SpecialRules() {}

  /** The four TLP marking definitions of section 7.2.1.4, by id: the TLP level of each. */
  private static final Map<String, String> TLP_LEVELS =
      Map.of(
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white",
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green",
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber",
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red");

  private static final Instant TLP_CREATED = Instant.parse("2017-01-20T00:00:00Z");

  /** Section 7.2.3: one and only one of lang and marking_ref. */
  static void langXorRef(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    boolean lang = node.has("lang");
    boolean ref = node.has("marking_ref");
    if (lang && ref) {
      in.report(
          p.child("lang"), rule, "a granular marking has either lang or marking_ref, not both");
    } else if (!lang && !ref) {
      in.report(p, rule, "a granular marking needs one of lang or marking_ref");
    }
  }

  /**
   * Section 7.2.3: selectors follow the selector syntax and refer to properties or list items
   * present on the object that holds the granular marking.
   */
  static void selectors(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    JsonNode selectors = node.get("selectors");
    if (selectors == null || !selectors.isArray()) {
      return;
    }
    for (int i = 0; i < selectors.size(); i++) {
      JsonNode s = selectors.get(i);
      if (s.isTextual()) {
        String problem = resolve(in.root(), s.textValue());
        if (problem != null) {
          boolean syntax = problem.startsWith("syntax:");
          in.report(
              p.child("selectors").item(i),
              syntax ? "selector-syntax" : rule,
              quote(s.textValue()) + " " + problem.substring(problem.indexOf(':') + 1));
        }
      }
    }
  }

  /** Null when {@code selector} selects content of {@code root}, else why not. */
  private static String resolve(JsonNode root, String selector) {
    if (selector.isEmpty()) {
      return "syntax: is empty";
    }
    JsonNode cur = root;
    int start = 0;
    int n = selector.length();
    while (start <= n) {
      int dot = selector.indexOf('.', start);
      int end = dot < 0 ? n : dot;
      if (end == start) {
        return "syntax: has an empty component";
      }
      if (selector.charAt(start) == '[') {
        if (selector.charAt(end - 1) != ']' || end - start < 3) {
          return "syntax: has a malformed list index";
        }
        int index = 0;
        for (int k = start + 1; k < end - 1; k++) {
          char c = selector.charAt(k);
          if (c < '0' || c > '9' || index > 100_000_000) {
            return "syntax: has a malformed list index";
          }
          index = index * 10 + (c - '0');
        }
        if (!cur.isArray()) {
          return "unresolved: indexes something that is not a list";
        }
        if (index >= cur.size()) {
          return "unresolved: index " + index + " is past the end of a list of " + cur.size();
        }
        cur = cur.get(index);
      } else {
        String key = selector.substring(start, end);
        if (key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
          return "syntax: has a malformed component " + quote(key);
        }
        if (!cur.isObject()) {
          return "unresolved: names property " + quote(key) + " of something that is not an object";
        }
        JsonNode next = cur.get(key);
        if (next == null) {
          return "unresolved: property " + quote(key) + " is not present";
        }
        cur = next;
      }
      if (dot < 0) {
        return null;
      }
      start = dot + 1;
    }
    return "syntax: ends with '.'";
  }

  /** Section 4.1: a CAPEC reference has source_name capec and external_id CAPEC-[id]. */
  static void capecIds(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    externalIds(in, node, p, rule, "capec", "CAPEC-[id]", true);
  }

  /** Section 4.19: a CVE reference has source_name cve and external_id the exact CVE id. */
  static void cveIds(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    externalIds(in, node, p, rule, "cve", "CVE-YYYY-NNNN", false);
  }

  private static void externalIds(
      ObjectInspection in,
      ObjectNode node,
      PropertyPath p,
      String rule,
      String source,
      String form,
      boolean capec) {
    JsonNode refs = node.get("external_references");
    if (refs == null || !refs.isArray()) {
      return;
    }
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      JsonNode id = ref.get("external_id");
      if (source.equals(ref.path("source_name").asText(null)) && id != null && id.isTextual()) {
        String value = id.textValue();
        if (!(capec ? Syntax.isCapecId(value) : Syntax.isCveId(value))) {
          in.report(
              p.child("external_references").item(i).child("external_id"),
              rule,
              "a "
                  + source
                  + " external_id must have the form "
                  + form
                  + ", found "
                  + quote(value));
        }
      }
    }
  }

  /** Section 4.10: at least one of region, country, or latitude and longitude. */
  static void place(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    if (!node.has("region")
        && !node.has("country")
        && !(node.has("latitude") && node.has("longitude"))) {
      in.report(p, rule, "a location needs region, country, or latitude and longitude");
    }
  }

  /** Section 4.11: a malware family has a name. */
  static void familyName(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    if (node.path("is_family").asBoolean(false)
        && node.path("is_family").isBoolean()
        && !node.has("name")) {
      in.report(p.child("name"), rule, "name is required when is_family is true");
    }
  }

  /** Section 4.14: object_refs, when defined, contains at least one SCO reference. */
  static void observedSco(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    JsonNode refs = node.get("object_refs");
    if (refs == null || !refs.isArray() || refs.isEmpty()) {
      return;
    }
    for (JsonNode r : refs) {
      String type = r.isTextual() ? Syntax.identifierType(r.textValue()) : null;
      if (type == null) {
        return; // already reported as a malformed identifier
      }
      StixKind kind = StixKind.of(type);
      if (kind == StixKind.SCO || kind == StixKind.CUSTOM) {
        return;
      }
    }
    in.report(p.child("object_refs"), rule, "object_refs must contain at least one SCO reference");
  }

  /**
   * Section 6.6: header field values encoded as RFC 2047 encoded words are decoded before they are
   * put in the email message's properties.
   */
  static void decodedHeaders(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    for (String name : new String[] {"subject", "content_type", "message_id"}) {
      encodedWord(in, node.get(name), p.child(name), rule);
    }
    JsonNode lines = node.get("received_lines");
    if (lines != null && lines.isArray()) {
      for (int i = 0; i < lines.size(); i++) {
        encodedWord(in, lines.get(i), p.child("received_lines").item(i), rule);
      }
    }
    JsonNode fields = node.get("additional_header_fields");
    if (fields != null && fields.isObject()) {
      for (Map.Entry<String, JsonNode> e : fields.properties()) {
        JsonNode values = e.getValue();
        for (int i = 0; values.isArray() && i < values.size(); i++) {
          encodedWord(
              in,
              values.get(i),
              p.child("additional_header_fields").child(e.getKey()).item(i),
              rule);
        }
      }
    }
    JsonNode parts = node.get("body_multipart");
    if (parts != null && parts.isArray()) {
      for (int i = 0; i < parts.size(); i++) {
        for (String name : new String[] {"content_type", "content_disposition"}) {
          encodedWord(
              in, parts.get(i).get(name), p.child("body_multipart").item(i).child(name), rule);
        }
      }
    }
  }

  private static void encodedWord(ObjectInspection in, JsonNode v, PropertyPath p, String rule) {
    if (v != null && v.isTextual() && Syntax.hasEncodedWord(v.textValue())) {
      in.report(
          p,
          rule,
          "header values must be decoded (RFC 2047 encoded word in " + quote(v.textValue()) + ")");
    }
  }

  /** Section 5.1: relationship_type is ASCII a-z, 0-9 and hyphen. */
  static void relationshipType(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    JsonNode t = node.get("relationship_type");
    if (t != null && t.isTextual() && !Syntax.isRelationshipType(t.textValue())) {
      in.report(
          p.child("relationship_type"),
          rule,
          "relationship_type must be a-z, 0-9 and '-' only, found " + quote(t.textValue()));
    }
  }

  /**
   * A check that the string property {@code prop} has the form the specification gives it; not
   * applied to SCOs marked as defanged, whose values are deliberately altered.
   */
  static Constraint.Check textFormat(String prop, Predicate<String> valid, String description) {
    return (in, node, p, rule) -> {
      JsonNode v = node.get(prop);
      if (!in.defanged() && v != null && v.isTextual() && !valid.test(v.textValue())) {
        in.report(p.child(prop), rule, "not " + description + ": " + quote(v.textValue()));
      }
    };
  }

  /** Section 6.17: the hive is fully expanded (HKEY_LOCAL_MACHINE, not HKLM). */
  static void hive(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    JsonNode key = node.get("key");
    if (key != null && key.isTextual()) {
      String hive = Syntax.abbreviatedHive(key.textValue());
      if (hive != null) {
        in.report(
            p.child("key"),
            rule,
            "the hive must be fully expanded, not abbreviated as "
                + hive
                + ": "
                + quote(key.textValue()));
      }
    }
  }

  /**
   * Section 7.2.1: the definition matches its definition_type (statement or tlp), and TLP markings
   * are exactly the four standard marking definitions.
   */
  static void markingDefinition(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    JsonNode kind = node.get("definition_type");
    JsonNode definition = node.get("definition");
    PropertyPath dp = p.child("definition");
    if (definition != null && !(definition instanceof ObjectNode)) {
      in.typeError(dp, "a marking object", definition);
      definition = null;
    }
    String definitionType = kind != null && kind.isTextual() ? kind.textValue() : null;
    if ("statement".equals(definitionType) && definition instanceof ObjectNode d) {
      in.inspectEmbedded(StixSchemas.STATEMENT_MARKING, d, dp);
    } else if ("tlp".equals(definitionType) && definition instanceof ObjectNode d) {
      in.inspectEmbedded(StixSchemas.TLP_MARKING, d, dp);
    }
    String id = node.path("id").asText("");
    String level = TLP_LEVELS.get(id);
    if ("tlp".equals(definitionType) && level == null) {
      in.report(
          p.child("id"),
          "tlp-marking-definition",
          "only the four TLP marking definitions of section 7.2.1.4 may be used; "
              + quote(id)
              + " is not one of them");
    } else if (level != null) {
      standardTlp(in, node, p, level, definitionType, definition);
    }
  }

  private static void standardTlp(
      ObjectInspection in,
      ObjectNode node,
      PropertyPath p,
      String level,
      String definitionType,
      JsonNode definition) {
    String rule = "tlp-marking-definition";
    if (!"tlp".equals(definitionType)) {
      in.report(
          p.child("definition_type"),
          rule,
          "the id of TLP:" + level.toUpperCase(Locale.ROOT) + " must carry definition_type tlp");
      return;
    }
    JsonNode tlp = definition == null ? null : definition.get("tlp");
    if (tlp != null && tlp.isTextual() && !level.equals(tlp.textValue())) {
      in.report(
          p.child("definition").child("tlp"),
          rule,
          "this id is TLP " + level + ", found tlp " + quote(tlp.textValue()));
    }
    JsonNode created = node.get("created");
    Optional<Instant> at =
        created != null && created.isTextual()
            ? StixTimestamp.parse(created.textValue())
            : Optional.empty();
    if (at.isPresent() && !at.get().equals(TLP_CREATED)) {
      in.report(
          p.child("created"),
          rule,
          "the TLP marking definitions were created 2017-01-20T00:00:00.000Z, found "
              + quote(created.textValue()));
    }
    JsonNode name = node.get("name");
    String expected = "TLP:" + level.toUpperCase(Locale.ROOT);
    if (name != null && name.isTextual() && !expected.equals(name.textValue())) {
      in.report(
          p.child("name"),
          rule,
          "the name of this TLP marking is " + expected + ", found " + quote(name.textValue()));
    }
  }

  /** Section 3.2: a marking definition does not mark itself. */
  static void selfMarking(ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    String id = node.path("id").asText(null);
    if (id == null) {
      return;
    }
    JsonNode refs = node.get("object_marking_refs");
    if (refs != null && refs.isArray()) {
      for (int i = 0; i < refs.size(); i++) {
        if (id.equals(refs.get(i).asText(null))) {
          in.report(
              p.child("object_marking_refs").item(i),
              rule,
              "a marking definition must not mark itself");
        }
      }
    }
    JsonNode granular = node.get("granular_markings");
    if (granular != null && granular.isArray()) {
      for (int i = 0; i < granular.size(); i++) {
        if (id.equals(granular.get(i).path("marking_ref").asText(null))) {
          in.report(
              p.child("granular_markings").item(i).child("marking_ref"),
              rule,
              "a marking definition must not mark itself");
        }
      }
    }
  }

  /** Section 7.3.1: extension_properties only with a toplevel-property-extension. */
  static void extensionProperties(
      ObjectInspection in, ObjectNode node, PropertyPath p, String rule) {
    if (!node.has("extension_properties")) {
      return;
    }
    JsonNode types = node.get("extension_types");
    if (types != null && types.isArray()) {
      for (JsonNode t : types) {
        if ("toplevel-property-extension".equals(t.asText(null))) {
          return;
        }
      }
    }
    in.report(
        p.child("extension_properties"),
        rule,
        "extension_properties is only for extensions whose extension_types include"
            + " toplevel-property-extension");
  }
}
