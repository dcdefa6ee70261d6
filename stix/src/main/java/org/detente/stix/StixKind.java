package org.detente.stix;

import java.util.Set;

/** The families of STIX 2.1 objects (specification sections 4 to 7). */
public enum StixKind {
  /** STIX Domain Object. */
  SDO,
  /** STIX Relationship Object: relationship and sighting. */
  SRO,
  /** STIX Cyber-observable Object. */
  SCO,
  /** Meta objects: marking-definition, language-content, extension-definition. */
  META,
  /** A type the specification does not define (a custom object, or an invalid type). */
  CUSTOM;

  /** The 19 SDO types of STIX 2.1. */
  public static final Set<String> SDO_TYPES =
      Set.of(
          "attack-pattern",
          "campaign",
          "course-of-action",
          "grouping",
          "identity",
          "incident",
          "indicator",
          "infrastructure",
          "intrusion-set",
          "location",
          "malware",
          "malware-analysis",
          "note",
          "observed-data",
          "opinion",
          "report",
          "threat-actor",
          "tool",
          "vulnerability");

  /** The 2 SRO types of STIX 2.1. */
  public static final Set<String> SRO_TYPES = Set.of("relationship", "sighting");

  /** The 18 SCO types of STIX 2.1. */
  public static final Set<String> SCO_TYPES =
      Set.of(
          "artifact",
          "autonomous-system",
          "directory",
          "domain-name",
          "email-addr",
          "email-message",
          "file",
          "ipv4-addr",
          "ipv6-addr",
          "mac-addr",
          "mutex",
          "network-traffic",
          "process",
          "software",
          "url",
          "user-account",
          "windows-registry-key",
          "x509-certificate");

  /** The 3 meta object types of STIX 2.1. */
  public static final Set<String> META_TYPES =
      Set.of("marking-definition", "language-content", "extension-definition");

  /** The family of a type name. */
  public static StixKind of(String type) {
    if (SDO_TYPES.contains(type)) {
      return SDO;
    }
    if (SRO_TYPES.contains(type)) {
      return SRO;
    }
    if (SCO_TYPES.contains(type)) {
      return SCO;
    }
    if (META_TYPES.contains(type)) {
      return META;
    }
    return CUSTOM;
  }
}
