package org.detente.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Traffic Light Protocol 2.0 levels, least strict first: {@code a.compareTo(b) > 0} means that
 * {@code a} restricts sharing more than {@code b}.
 *
 * <p>Each level knows its official STIX marking definitions: the TLP 2.0 definitions that OASIS
 * publishes as extension-based marking definitions (extension {@value #TLP2_EXTENSION_ID},
 * cti-stix-common-objects), and, for all levels but AMBER+STRICT, the TLP 1.0 definitions of STIX
 * 2.1 section 7.2.1.4. TLP 1.0 WHITE maps to CLEAR; the other 1.0 colours keep their names.
 */
public enum Tlp {
  CLEAR(
      "clear",
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
      "white",
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
  GREEN(
      "green",
      "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      "green",
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
  AMBER(
      "amber",
      "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
      "amber",
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
  AMBER_STRICT(
      "amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", null, null),
  RED(
      "red",
      "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
      "red",
      "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

  /** The extension definition under which OASIS publishes the TLP 2.0 marking definitions. */
  public static final String TLP2_EXTENSION_ID =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  private static final String TLP2_CREATED = "2022-10-01T00:00:00.000Z";
  private static final String TLP1_CREATED = "2017-01-20T00:00:00.000Z";

  private static final Map<String, Tlp> BY_ID =
      Stream.of(values())
          .flatMap(
              t ->
                  t.tlp1Id == null
                      ? Stream.of(Map.entry(t.tlp2Id, t))
                      : Stream.of(Map.entry(t.tlp2Id, t), Map.entry(t.tlp1Id, t)))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private static final Map<String, Tlp> BY_TLP2_NAME =
      Stream.of(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.tlp2Name, Function.identity()));

  private final String tlp2Name;
  private final String tlp2Id;
  private final String tlp1Name;
  private final String tlp1Id;

  Tlp(String tlp2Name, String tlp2Id, String tlp1Name, String tlp1Id) {
    this.tlp2Name = tlp2Name;
    this.tlp2Id = tlp2Id;
    this.tlp1Name = tlp1Name;
    this.tlp1Id = tlp1Id;
  }

  /** The TLP 2.0 label, for example {@code TLP:AMBER+STRICT}. */
  public String label() {
    return "TLP:" + tlp2Name.toUpperCase(Locale.ROOT);
  }

  /** The id of the official TLP 2.0 marking definition of this level. */
  public String markingId() {
    return tlp2Id;
  }

  /** The id of the STIX 2.1 TLP 1.0 marking definition; empty for AMBER+STRICT, which 1.0 lacks. */
  public Optional<String> tlp1MarkingId() {
    return Optional.ofNullable(tlp1Id);
  }

  /** True when this level restricts sharing more than {@code other}. */
  public boolean isStricterThan(Tlp other) {
    return compareTo(other) > 0;
  }

  /**
   * The level named by a TLP 2.0 value as written in the {@code tlp_2_0} extension property ({@code
   * clear}, {@code green}, {@code amber}, {@code amber+strict}, {@code red}).
   */
  public static Optional<Tlp> ofTlp2Name(String name) {
    return Optional.ofNullable(name == null ? null : BY_TLP2_NAME.get(name));
  }

  /**
   * The level of one of the nine official TLP marking-definition ids (five TLP 2.0, four TLP 1.0);
   * empty for any other id.
   */
  public static Optional<Tlp> ofMarkingId(String markingDefinitionId) {
    return Optional.ofNullable(markingDefinitionId == null ? null : BY_ID.get(markingDefinitionId));
  }

  /**
   * The official marking-definition object of a level, exactly as published: the TLP 2.0
   * extension-based definition when {@code v2}, else the TLP 1.0 definition of STIX 2.1 section
   * 7.2.1.4.
   *
   * @throws IllegalArgumentException for AMBER+STRICT with {@code v2} false: TLP 1.0 has no such
   *     level
   */
  public static StixObject markingDefinition(Tlp level, boolean v2) {
    Objects.requireNonNull(level, "level");
    ObjectNode md = StixJson.newObject();
    md.put("type", "marking-definition");
    md.put("spec_version", "2.1");
    if (v2) {
      md.put("id", level.tlp2Id);
      md.put("created", TLP2_CREATED);
      md.put("name", level.label());
      ObjectNode ext = md.putObject("extensions").putObject(TLP2_EXTENSION_ID);
      ext.put("extension_type", "property-extension");
      ext.put("tlp_2_0", level.tlp2Name);
    } else {
      if (level.tlp1Id == null) {
        throw new IllegalArgumentException(
            "TLP 1.0 has no marking definition for " + level.label() + "; use the TLP 2.0 one");
      }
      md.put("id", level.tlp1Id);
      md.put("created", TLP1_CREATED);
      md.put("definition_type", "tlp");
      md.put("name", "TLP:" + level.tlp1Name.toUpperCase(Locale.ROOT));
      md.putObject("definition").put("tlp", level.tlp1Name);
    }
    return StixObject.adopt(md);
  }

  /**
   * True when {@code md} is one of the nine official TLP marking definitions with exactly its
   * published content (compared in canonical JSON form). STIX 2.1 forbids any other TLP marking
   * definition instance.
   */
  public static boolean isOfficial(StixObject md) {
    Objects.requireNonNull(md, "md");
    Optional<Tlp> level = ofMarkingId(md.id());
    if (level.isEmpty()) {
      return false;
    }
    boolean v2 = md.id().equals(level.get().tlp2Id);
    return CanonicalJson.toString(md.tree())
        .equals(CanonicalJson.toString(markingDefinition(level.get(), v2).tree()));
  }
}
