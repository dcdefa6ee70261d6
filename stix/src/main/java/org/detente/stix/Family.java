package org.detente.stix;

import java.util.List;

/**
 * The families of STIX objects that share a set of common properties, with the use each family
 * makes of every common property (specification section 3.2, summary table, and the property tables
 * of each object).
 *
 * <p>One deliberate departure from the summary table: SCOs may carry the four versioning properties
 * ({@code created_by_ref}, {@code created}, {@code modified}, {@code revoked}), because section 3.6
 * describes producers that version SCOs. Every other "N/A" cell is enforced.
 */
enum Family {
  SDO,
  SRO,
  SCO,
  LANGUAGE_CONTENT,
  MARKING_DEFINITION,
  EXTENSION_DEFINITION;

  /** How a family uses one common property. */
  enum Use {
    REQUIRED,
    OPTIONAL,
    NOT_APPLICABLE
  }

  /** The common property names of section 3.2, in table order. */
  static final List<String> COMMON =
      List.of(
          "type",
          "spec_version",
          "id",
          "created_by_ref",
          "created",
          "modified",
          "revoked",
          "labels",
          "confidence",
          "lang",
          "external_references",
          "object_marking_refs",
          "granular_markings",
          "defanged",
          "extensions");

  /** How this family uses common property {@code name}; null when it is not a common property. */
  Use use(String name) {
    Use r = Use.REQUIRED;
    Use o = Use.OPTIONAL;
    Use n = Use.NOT_APPLICABLE;
    return switch (name) {
      case "type", "id" -> r;
      case "spec_version" -> this == SCO ? o : r;
      case "created_by_ref" ->
          switch (this) {
            case EXTENSION_DEFINITION -> r;
            default -> o;
          };
      case "created" -> this == SCO ? o : r;
      case "modified" ->
          switch (this) {
            case SCO -> o;
            case MARKING_DEFINITION -> n;
            default -> r;
          };
      case "revoked" -> this == MARKING_DEFINITION ? n : o;
      case "labels" -> this == MARKING_DEFINITION || this == SCO ? n : o;
      case "confidence" ->
          switch (this) {
            case SDO, SRO, LANGUAGE_CONTENT -> o;
            default -> n;
          };
      case "lang" -> this == SDO || this == SRO ? o : n;
      case "external_references" -> this == SCO ? n : o;
      case "object_marking_refs", "granular_markings" -> o;
      case "defanged" -> this == SCO ? o : n;
      case "extensions" -> this == EXTENSION_DEFINITION ? n : o;
      default -> null;
    };
  }
}
