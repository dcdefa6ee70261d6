package org.detente.stix;

import static org.detente.stix.Constraint.after;
import static org.detente.stix.Constraint.anyProperty;
import static org.detente.stix.Constraint.atLeastOne;
import static org.detente.stix.Constraint.notBefore;
import static org.detente.stix.Prop.opt;
import static org.detente.stix.Prop.req;
import static org.detente.stix.ValueKind.ANY;
import static org.detente.stix.ValueKind.BINARY;
import static org.detente.stix.ValueKind.BOOL;
import static org.detente.stix.ValueKind.EXTENSIONS;
import static org.detente.stix.ValueKind.FLOAT;
import static org.detente.stix.ValueKind.HASHES;
import static org.detente.stix.ValueKind.HEX;
import static org.detente.stix.ValueKind.INTEGER;
import static org.detente.stix.ValueKind.INT_OR_TEXT;
import static org.detente.stix.ValueKind.LANGUAGE_CONTENTS;
import static org.detente.stix.ValueKind.LANGUAGE_TAG;
import static org.detente.stix.ValueKind.NON_NEGATIVE;
import static org.detente.stix.ValueKind.OBSERVABLE_CONTAINER;
import static org.detente.stix.ValueKind.PROPERTY_NAME;
import static org.detente.stix.ValueKind.STRINGS;
import static org.detente.stix.ValueKind.TEXT;
import static org.detente.stix.ValueKind.TIMESTAMP;
import static org.detente.stix.ValueKind.TIMESTAMP_MILLIS;
import static org.detente.stix.ValueKind.dict;
import static org.detente.stix.ValueKind.embedded;
import static org.detente.stix.ValueKind.listOf;
import static org.detente.stix.ValueKind.openVocab;
import static org.detente.stix.ValueKind.range;
import static org.detente.stix.ValueKind.ref;
import static org.detente.stix.ValueKind.refs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The property tables of every STIX 2.1 object type, predefined extension and embedded type, as
 * data: one entry per table of the specification (OASIS Standard, June 2021; sections 2 to 7).
 * Rules that tie properties together are attached to the table as {@link Constraint}s; the few that
 * need code live in {@link SpecialRules}.
 *
 * <p>Where the specification contradicts itself, the choice made is noted next to the entry.
 */
final class StixSchemas {
  private StixSchemas() {}

  /** An object type: its family (which fixes the common properties) and its own table. */
  record ObjectSchema(String type, Family family, TypeSchema body) {}

  /** A predefined extension: the one SCO type it belongs to, and its table. */
  record ExtensionSchema(String name, String owner, TypeSchema body) {}

  // ---------------------------------------------------------------- embedded types (section 2)

  static final TypeSchema KILL_CHAIN_PHASE =
      TypeSchema.of(
          "kill-chain-phase", List.of(req("kill_chain_name", TEXT), req("phase_name", TEXT)));

  static final TypeSchema EXTERNAL_REFERENCE =
      TypeSchema.of(
          "external-reference",
          List.of(
              req("source_name", TEXT),
              opt("description", TEXT),
              opt("url", TEXT),
              opt("hashes", HASHES),
              opt("external_id", TEXT)),
          atLeastOne("external-reference-source", "description", "url", "external_id"));

  static final TypeSchema GRANULAR_MARKING =
      TypeSchema.of(
          "granular-marking",
          List.of(
              opt("lang", LANGUAGE_TAG),
              opt("marking_ref", ref("marking-definition")),
              req("selectors", STRINGS)),
          new Constraint.Special("granular-marking-lang-or-marking-ref", SpecialRules::langXorRef),
          new Constraint.Special("selector-unresolved", SpecialRules::selectors));

  private static final ValueKind KILL_CHAIN_PHASES = listOf(embedded(KILL_CHAIN_PHASE));

  /** The value kind of each common property of section 3.2. */
  static ValueKind commonKind(String name) {
    return switch (name) {
      case "type", "spec_version" -> TEXT;
      case "id" -> ref(RefTargets.ANY_OBJECT);
      case "created_by_ref" -> ref("identity");
      case "created", "modified" -> TIMESTAMP_MILLIS;
      case "revoked", "defanged" -> BOOL;
      case "labels" -> STRINGS;
      case "confidence" -> range(0, 100, "confidence-range");
      case "lang" -> LANGUAGE_TAG;
      case "external_references" -> listOf(embedded(EXTERNAL_REFERENCE));
      case "object_marking_refs" -> refs("marking-definition");
      case "granular_markings" -> listOf(embedded(GRANULAR_MARKING));
      case "extensions" -> EXTENSIONS;
      default -> throw new IllegalArgumentException("not a common property: " + name);
    };
  }

  // ---------------------------------------------------------------- SDOs (section 4)

  private static ObjectSchema sdo(String type, List<Prop> props, Constraint... constraints) {
    return new ObjectSchema(type, Family.SDO, TypeSchema.of(type, props, constraints));
  }

  private static Constraint lastSeen() {
    return notBefore("last-seen-before-first-seen", "first_seen", "last_seen");
  }

  private static final List<ObjectSchema> SDOS =
      List.of(
          sdo(
              "attack-pattern",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("aliases", STRINGS),
                  opt("kill_chain_phases", KILL_CHAIN_PHASES)),
              new Constraint.Special("capec-external-id", SpecialRules::capecIds)),
          sdo(
              "campaign",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("aliases", STRINGS),
                  opt("first_seen", TIMESTAMP),
                  opt("last_seen", TIMESTAMP),
                  opt("objective", TEXT)),
              lastSeen()),
          // "action" is RESERVED (section 3.8): it is rejected as a reserved property.
          sdo("course-of-action", List.of(req("name", TEXT), opt("description", TEXT))),
          // The June 2021 standard and the JSON schemas make name optional; the 2025 errata
          // draft marks it required. This follows the standard.
          sdo(
              "grouping",
              List.of(
                  opt("name", TEXT),
                  opt("description", TEXT),
                  req("context", openVocab("grouping-context-ov")),
                  req("object_refs", refs(RefTargets.ANY_OBJECT)))),
          sdo(
              "identity",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("roles", STRINGS),
                  opt("identity_class", openVocab("identity-class-ov")),
                  opt("sectors", listOf(openVocab("industry-sector-ov"))),
                  opt("contact_information", TEXT))),
          sdo("incident", List.of(req("name", TEXT), opt("description", TEXT))),
          sdo(
              "indicator",
              List.of(
                  opt("name", TEXT),
                  opt("description", TEXT),
                  opt("indicator_types", listOf(openVocab("indicator-type-ov"))),
                  req("pattern", TEXT),
                  req("pattern_type", openVocab("pattern-type-ov")),
                  opt("pattern_version", TEXT),
                  req("valid_from", TIMESTAMP),
                  opt("valid_until", TIMESTAMP),
                  opt("kill_chain_phases", KILL_CHAIN_PHASES)),
              after("indicator-valid-until-after-valid-from", "valid_from", "valid_until")),
          sdo(
              "infrastructure",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("infrastructure_types", listOf(openVocab("infrastructure-type-ov"))),
                  opt("aliases", STRINGS),
                  opt("kill_chain_phases", KILL_CHAIN_PHASES),
                  opt("first_seen", TIMESTAMP),
                  opt("last_seen", TIMESTAMP)),
              lastSeen()),
          sdo(
              "intrusion-set",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("aliases", STRINGS),
                  opt("first_seen", TIMESTAMP),
                  opt("last_seen", TIMESTAMP),
                  opt("goals", STRINGS),
                  opt("resource_level", openVocab("attack-resource-level-ov")),
                  opt("primary_motivation", openVocab("attack-motivation-ov")),
                  opt("secondary_motivations", listOf(openVocab("attack-motivation-ov")))),
              lastSeen()),
          sdo(
              "location",
              List.of(
                  opt("name", TEXT),
                  opt("description", TEXT),
                  opt("latitude", new ValueKind.Real(-90.0, 90.0, "latitude-range")),
                  opt("longitude", new ValueKind.Real(-180.0, 180.0, "longitude-range")),
                  opt("precision", FLOAT),
                  opt("region", openVocab("region-ov")),
                  opt("country", TEXT),
                  opt("administrative_area", TEXT),
                  opt("city", TEXT),
                  opt("street_address", TEXT),
                  opt("postal_code", TEXT)),
              new Constraint.Special("location-region-country-or-coordinates", SpecialRules::place),
              new Constraint.Requires("location-latitude-longitude-pair", "latitude", "longitude"),
              new Constraint.Requires("location-latitude-longitude-pair", "longitude", "latitude"),
              new Constraint.Requires(
                  "location-precision-requires-coordinates", "precision", "latitude"),
              new Constraint.Requires(
                  "location-precision-requires-coordinates", "precision", "longitude")),
          // is_family: required in the June 2021 standard and the JSON schemas (the 2025 errata
          // draft lists it as optional). This follows the standard.
          sdo(
              "malware",
              List.of(
                  opt("name", TEXT),
                  opt("description", TEXT),
                  opt("malware_types", listOf(openVocab("malware-type-ov"))),
                  req("is_family", BOOL),
                  opt("aliases", STRINGS),
                  opt("kill_chain_phases", KILL_CHAIN_PHASES),
                  opt("first_seen", TIMESTAMP),
                  opt("last_seen", TIMESTAMP),
                  opt("operating_system_refs", refs("software")),
                  opt(
                      "architecture_execution_envs",
                      listOf(openVocab("processor-architecture-ov"))),
                  opt("implementation_languages", listOf(openVocab("implementation-language-ov"))),
                  opt("capabilities", listOf(openVocab("malware-capabilities-ov"))),
                  opt("sample_refs", refs("file", "artifact"))),
              lastSeen(),
              new Constraint.Special("malware-family-name", SpecialRules::familyName)),
          sdo(
              "malware-analysis",
              List.of(
                  req("product", TEXT),
                  opt("version", TEXT),
                  opt("host_vm_ref", ref("software")),
                  opt("operating_system_ref", ref("software")),
                  opt("installed_software_refs", refs("software")),
                  opt("configuration_version", TEXT),
                  opt("modules", STRINGS),
                  opt("analysis_engine_version", TEXT),
                  opt("analysis_definition_version", TEXT),
                  opt("submitted", TIMESTAMP),
                  opt("analysis_started", TIMESTAMP),
                  opt("analysis_ended", TIMESTAMP),
                  opt("result_name", TEXT),
                  opt("result", openVocab("malware-result-ov")),
                  opt("analysis_sco_refs", refs(RefTargets.SCO)),
                  opt("sample_ref", ref("file", "network-traffic", "artifact"))),
              atLeastOne("malware-analysis-result-or-scos", "result", "analysis_sco_refs")),
          sdo(
              "note",
              List.of(
                  opt("abstract", TEXT),
                  req("content", TEXT),
                  opt("authors", STRINGS),
                  req("object_refs", refs(RefTargets.ANY_OBJECT)))),
          sdo(
              "observed-data",
              List.of(
                  req("first_observed", TIMESTAMP),
                  req("last_observed", TIMESTAMP),
                  req("number_observed", range(1, 999_999_999, "number-observed-range")),
                  opt("objects", OBSERVABLE_CONTAINER),
                  opt("object_refs", refs(RefTargets.SCO_OR_SRO))),
              notBefore("observed-data-last-before-first", "first_observed", "last_observed"),
              atLeastOne("observed-data-objects-or-object-refs", "objects", "object_refs"),
              new Constraint.NotBoth(
                  "observed-data-objects-or-object-refs", "objects", "object_refs"),
              new Constraint.Special("observed-data-sco-required", SpecialRules::observedSco)),
          sdo(
              "opinion",
              List.of(
                  opt("explanation", TEXT),
                  opt("authors", STRINGS),
                  req("opinion", new ValueKind.Closed("opinion-enum", Vocabularies.OPINION)),
                  req("object_refs", refs(RefTargets.ANY_OBJECT)))),
          sdo(
              "report",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("report_types", listOf(openVocab("report-type-ov"))),
                  req("published", TIMESTAMP),
                  req("object_refs", refs(RefTargets.ANY_OBJECT)))),
          sdo(
              "threat-actor",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("threat_actor_types", listOf(openVocab("threat-actor-type-ov"))),
                  opt("aliases", STRINGS),
                  opt("first_seen", TIMESTAMP),
                  opt("last_seen", TIMESTAMP),
                  opt("roles", listOf(openVocab("threat-actor-role-ov"))),
                  opt("goals", STRINGS),
                  opt("sophistication", openVocab("threat-actor-sophistication-ov")),
                  opt("resource_level", openVocab("attack-resource-level-ov")),
                  opt("primary_motivation", openVocab("attack-motivation-ov")),
                  opt("secondary_motivations", listOf(openVocab("attack-motivation-ov"))),
                  opt("personal_motivations", listOf(openVocab("attack-motivation-ov")))),
              lastSeen()),
          sdo(
              "tool",
              List.of(
                  req("name", TEXT),
                  opt("description", TEXT),
                  opt("tool_types", listOf(openVocab("tool-type-ov"))),
                  opt("aliases", STRINGS),
                  opt("kill_chain_phases", KILL_CHAIN_PHASES),
                  opt("tool_version", TEXT))),
          sdo(
              "vulnerability",
              List.of(req("name", TEXT), opt("description", TEXT)),
              new Constraint.Special("cve-external-id", SpecialRules::cveIds)));

  // ---------------------------------------------------------------- SROs (section 5)

  private static final List<ObjectSchema> SROS =
      List.of(
          new ObjectSchema(
              "relationship",
              Family.SRO,
              TypeSchema.of(
                  "relationship",
                  List.of(
                      req("relationship_type", TEXT),
                      opt("description", TEXT),
                      req("source_ref", ref(RefTargets.SDO_OR_SCO)),
                      req("target_ref", ref(RefTargets.SDO_OR_SCO)),
                      opt("start_time", TIMESTAMP),
                      opt("stop_time", TIMESTAMP)),
                  new Constraint.Special("relationship-type", SpecialRules::relationshipType),
                  after("relationship-stop-after-start", "start_time", "stop_time"))),
          new ObjectSchema(
              "sighting",
              Family.SRO,
              TypeSchema.of(
                  "sighting",
                  List.of(
                      opt("description", TEXT),
                      opt("first_seen", TIMESTAMP),
                      opt("last_seen", TIMESTAMP),
                      opt("count", range(0, 999_999_999, "sighting-count-range")),
                      req("sighting_of_ref", ref(RefTargets.SDO)),
                      opt("observed_data_refs", refs("observed-data")),
                      opt("where_sighted_refs", refs("identity", "location")),
                      // The 2025 errata draft types summary as a string by mistake; it is a
                      // boolean ("Default value is false").
                      opt("summary", BOOL)),
                  lastSeen())));

  // ---------------------------------------------------------------- SCOs (section 6)

  private static ObjectSchema sco(String type, List<Prop> props, Constraint... constraints) {
    return new ObjectSchema(type, Family.SCO, TypeSchema.of(type, props, constraints));
  }

  private static Constraint format(String rule, Constraint.Check check) {
    return new Constraint.Special(rule, check);
  }

  static final TypeSchema EMAIL_MIME_PART =
      TypeSchema.of(
          "email-mime-part-type",
          List.of(
              opt("body", TEXT),
              opt("body_raw_ref", ref("artifact", "file")),
              opt("content_type", TEXT),
              opt("content_disposition", TEXT)),
          atLeastOne("mime-part-body-or-body-raw-ref", "body", "body_raw_ref"));

  static final TypeSchema WINDOWS_REGISTRY_VALUE =
      TypeSchema.of(
          "windows-registry-value-type",
          List.of(
              opt("name", TEXT),
              opt("data", TEXT),
              opt(
                  "data_type",
                  new ValueKind.Closed(
                      "windows-registry-datatype-enum", Vocabularies.WINDOWS_REGISTRY_DATATYPE))),
          anyProperty("at-least-one-property"));

  static final TypeSchema X509_V3_EXTENSIONS =
      TypeSchema.of(
          "x509-v3-extensions-type",
          List.of(
              opt("basic_constraints", TEXT),
              opt("name_constraints", TEXT),
              opt("policy_constraints", TEXT),
              opt("key_usage", TEXT),
              opt("extended_key_usage", TEXT),
              opt("subject_key_identifier", TEXT),
              opt("authority_key_identifier", TEXT),
              opt("subject_alternative_name", TEXT),
              opt("issuer_alternative_name", TEXT),
              opt("subject_directory_attributes", TEXT),
              opt("crl_distribution_points", TEXT),
              opt("inhibit_any_policy", TEXT),
              opt("private_key_usage_period_not_before", TIMESTAMP),
              opt("private_key_usage_period_not_after", TIMESTAMP),
              opt("certificate_policies", TEXT),
              opt("policy_mappings", TEXT)),
          anyProperty("at-least-one-property"));

  private static final List<ObjectSchema> SCOS =
      List.of(
          sco(
              "artifact",
              List.of(
                  opt("mime_type", TEXT),
                  opt("payload_bin", BINARY),
                  opt("url", TEXT),
                  opt("hashes", HASHES),
                  opt(
                      "encryption_algorithm",
                      new ValueKind.Closed(
                          "encryption-algorithm-enum", Vocabularies.ENCRYPTION_ALGORITHM)),
                  opt("decryption_key", TEXT)),
              atLeastOne("artifact-payload-bin-or-url", "payload_bin", "url"),
              new Constraint.NotBoth("artifact-payload-bin-and-url", "payload_bin", "url"),
              new Constraint.Requires("artifact-url-requires-hashes", "url", "hashes"),
              new Constraint.Requires(
                  "artifact-decryption-key-requires-encryption-algorithm",
                  "decryption_key",
                  "encryption_algorithm"),
              format("url", SpecialRules.textFormat("url", Syntax::isUrl, "a URL (RFC 3986)"))),
          sco(
              "autonomous-system",
              List.of(req("number", INTEGER), opt("name", TEXT), opt("rir", TEXT))),
          sco(
              "directory",
              List.of(
                  req("path", TEXT),
                  opt("path_enc", TEXT),
                  opt("ctime", TIMESTAMP),
                  opt("mtime", TIMESTAMP),
                  opt("atime", TIMESTAMP),
                  opt("contains_refs", refs("file", "directory")))),
          sco(
              "domain-name",
              List.of(
                  req("value", TEXT),
                  opt("resolves_to_refs", refs("ipv4-addr", "ipv6-addr", "domain-name"))),
              format(
                  "domain-name",
                  SpecialRules.textFormat(
                      "value", Syntax::isDomainName, "a domain name (RFC 1034, RFC 5890)"))),
          sco(
              "email-addr",
              List.of(
                  req("value", TEXT),
                  opt("display_name", TEXT),
                  opt("belongs_to_ref", ref("user-account"))),
              format(
                  "email-address",
                  SpecialRules.textFormat(
                      "value",
                      Syntax::isEmailAddress,
                      "an addr-spec (RFC 5322) without a display name"))),
          sco(
              "email-message",
              List.of(
                  req("is_multipart", BOOL),
                  opt("date", TIMESTAMP),
                  opt("content_type", TEXT),
                  opt("from_ref", ref("email-addr")),
                  opt("sender_ref", ref("email-addr")),
                  opt("to_refs", refs("email-addr")),
                  opt("cc_refs", refs("email-addr")),
                  opt("bcc_refs", refs("email-addr")),
                  opt("message_id", TEXT),
                  opt("subject", TEXT),
                  opt("received_lines", STRINGS),
                  opt("additional_header_fields", dict(STRINGS)),
                  opt("body", TEXT),
                  opt("body_multipart", listOf(embedded(EMAIL_MIME_PART))),
                  opt("raw_email_ref", ref("artifact"))),
              new Constraint.ForbiddenWhen(
                  "email-message-body-with-multipart", "is_multipart", true, "body"),
              new Constraint.ForbiddenWhen(
                  "email-message-body-multipart-without-multipart",
                  "is_multipart",
                  false,
                  "body_multipart"),
              new Constraint.Special("email-header-encoded-word", SpecialRules::decodedHeaders)),
          sco(
              "file",
              List.of(
                  opt("hashes", HASHES),
                  opt("size", NON_NEGATIVE),
                  opt("name", TEXT),
                  opt("name_enc", TEXT),
                  opt("magic_number_hex", HEX),
                  opt("mime_type", TEXT),
                  opt("ctime", TIMESTAMP),
                  opt("mtime", TIMESTAMP),
                  opt("atime", TIMESTAMP),
                  opt("parent_directory_ref", ref("directory")),
                  opt("contains_refs", refs(RefTargets.SCO)),
                  opt("content_ref", ref("artifact"))),
              atLeastOne("file-hashes-or-name", "hashes", "name")),
          sco(
              "ipv4-addr",
              List.of(
                  req("value", TEXT),
                  opt("resolves_to_refs", refs("mac-addr")),
                  opt("belongs_to_refs", refs("autonomous-system"))),
              format(
                  "ipv4-address",
                  SpecialRules.textFormat(
                      "value", Syntax::isIpv4Cidr, "an IPv4 address or CIDR block"))),
          sco(
              "ipv6-addr",
              List.of(
                  req("value", TEXT),
                  opt("resolves_to_refs", refs("mac-addr")),
                  opt("belongs_to_refs", refs("autonomous-system"))),
              format(
                  "ipv6-address",
                  SpecialRules.textFormat(
                      "value", Syntax::isIpv6Cidr, "an IPv6 address or CIDR block"))),
          sco(
              "mac-addr",
              List.of(req("value", TEXT)),
              format(
                  "mac-address",
                  SpecialRules.textFormat(
                      "value",
                      Syntax::isMacAddress,
                      "a colon-delimited lowercase MAC-48 address with leading zeros"))),
          sco("mutex", List.of(req("name", TEXT))),
          sco(
              "network-traffic",
              List.of(
                  opt("start", TIMESTAMP),
                  opt("end", TIMESTAMP),
                  opt("is_active", BOOL),
                  opt("src_ref", ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name")),
                  opt("dst_ref", ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name")),
                  opt("src_port", range(0, 65535, "port-range")),
                  opt("dst_port", range(0, 65535, "port-range")),
                  req("protocols", STRINGS),
                  opt("src_byte_count", NON_NEGATIVE),
                  opt("dst_byte_count", NON_NEGATIVE),
                  opt("src_packets", NON_NEGATIVE),
                  opt("dst_packets", NON_NEGATIVE),
                  opt("ipfix", dict(INT_OR_TEXT)),
                  opt("src_payload_ref", ref("artifact")),
                  opt("dst_payload_ref", ref("artifact")),
                  opt("encapsulates_refs", refs("network-traffic")),
                  opt("encapsulated_by_ref", ref("network-traffic"))),
              atLeastOne("network-traffic-src-or-dst", "src_ref", "dst_ref"),
              notBefore("network-traffic-end-before-start", "start", "end"),
              new Constraint.ForbiddenWhen(
                  "network-traffic-active-with-end", "is_active", true, "end")),
          sco(
              "process",
              List.of(
                  opt("is_hidden", BOOL),
                  opt("pid", INTEGER),
                  opt("created_time", TIMESTAMP),
                  opt("cwd", TEXT),
                  opt("command_line", TEXT),
                  opt("environment_variables", dict(TEXT)),
                  opt("opened_connection_refs", refs("network-traffic")),
                  opt("creator_user_ref", ref("user-account")),
                  opt("image_ref", ref("file")),
                  opt("parent_ref", ref("process")),
                  opt("child_refs", refs("process"))),
              new Constraint.AnyProperty("at-least-one-property", Set.of(), true)),
          sco(
              "software",
              List.of(
                  req("name", TEXT),
                  opt("cpe", TEXT),
                  opt("swid", TEXT),
                  opt("languages", listOf(LANGUAGE_TAG)),
                  opt("vendor", TEXT),
                  opt("version", TEXT)),
              format(
                  "software-cpe",
                  SpecialRules.textFormat("cpe", Syntax::isCpe23, "a CPE 2.3 formatted string"))),
          sco(
              "url",
              List.of(req("value", TEXT)),
              format("url", SpecialRules.textFormat("value", Syntax::isUrl, "a URL (RFC 3986)"))),
          sco(
              "user-account",
              List.of(
                  opt("user_id", TEXT),
                  opt("credential", TEXT),
                  opt("account_login", TEXT),
                  opt("account_type", openVocab("account-type-ov")),
                  opt("display_name", TEXT),
                  opt("is_service_account", BOOL),
                  opt("is_privileged", BOOL),
                  opt("can_escalate_privs", BOOL),
                  opt("is_disabled", BOOL),
                  opt("account_created", TIMESTAMP),
                  opt("account_expires", TIMESTAMP),
                  opt("credential_last_changed", TIMESTAMP),
                  opt("account_first_login", TIMESTAMP),
                  opt("account_last_login", TIMESTAMP)),
              new Constraint.AnyProperty("at-least-one-property", Set.of(), true)),
          sco(
              "windows-registry-key",
              List.of(
                  opt("key", TEXT),
                  opt("values", listOf(embedded(WINDOWS_REGISTRY_VALUE))),
                  opt("modified_time", TIMESTAMP),
                  opt("creator_user_ref", ref("user-account")),
                  opt("number_of_subkeys", INTEGER)),
              anyProperty("at-least-one-property"),
              new Constraint.Special("registry-key-hive", SpecialRules::hive)),
          sco(
              "x509-certificate",
              List.of(
                  opt("is_self_signed", BOOL),
                  opt("hashes", HASHES),
                  opt("version", TEXT),
                  opt("serial_number", TEXT),
                  opt("signature_algorithm", TEXT),
                  opt("issuer", TEXT),
                  opt("validity_not_before", TIMESTAMP),
                  opt("validity_not_after", TIMESTAMP),
                  opt("subject", TEXT),
                  opt("subject_public_key_algorithm", TEXT),
                  opt("subject_public_key_modulus", TEXT),
                  opt("subject_public_key_exponent", INTEGER),
                  opt("x509_v3_extensions", embedded(X509_V3_EXTENSIONS))),
              anyProperty("at-least-one-property")));

  // ---------------------------------------------------------------- predefined extensions

  static final TypeSchema WINDOWS_PE_OPTIONAL_HEADER =
      TypeSchema.of(
          "windows-pe-optional-header-type",
          List.of(
              opt("magic_hex", HEX),
              opt("major_linker_version", INTEGER),
              opt("minor_linker_version", INTEGER),
              opt("size_of_code", NON_NEGATIVE),
              opt("size_of_initialized_data", NON_NEGATIVE),
              opt("size_of_uninitialized_data", NON_NEGATIVE),
              opt("address_of_entry_point", INTEGER),
              opt("base_of_code", INTEGER),
              opt("base_of_data", INTEGER),
              opt("image_base", INTEGER),
              opt("section_alignment", INTEGER),
              opt("file_alignment", INTEGER),
              opt("major_os_version", INTEGER),
              opt("minor_os_version", INTEGER),
              opt("major_image_version", INTEGER),
              opt("minor_image_version", INTEGER),
              opt("major_subsystem_version", INTEGER),
              opt("minor_subsystem_version", INTEGER),
              opt("win32_version_value_hex", HEX),
              opt("size_of_image", NON_NEGATIVE),
              opt("size_of_headers", NON_NEGATIVE),
              opt("checksum_hex", HEX),
              opt("subsystem_hex", HEX),
              opt("dll_characteristics_hex", HEX),
              opt("size_of_stack_reserve", NON_NEGATIVE),
              opt("size_of_stack_commit", NON_NEGATIVE),
              opt("size_of_heap_reserve", NON_NEGATIVE),
              opt("size_of_heap_commit", NON_NEGATIVE),
              opt("loader_flags_hex", HEX),
              opt("number_of_rva_and_sizes", INTEGER),
              opt("hashes", HASHES)),
          anyProperty("at-least-one-property"));

  static final TypeSchema WINDOWS_PE_SECTION =
      TypeSchema.of(
          "windows-pe-section-type",
          List.of(
              req("name", TEXT),
              opt("size", NON_NEGATIVE),
              opt("entropy", FLOAT),
              opt("hashes", HASHES)));

  private static ExtensionSchema ext(
      String name, String owner, List<Prop> props, Constraint... constraints) {
    return new ExtensionSchema(name, owner, TypeSchema.of(name, props, constraints));
  }

  private static final List<ExtensionSchema> EXTENSION_LIST =
      List.of(
          ext(
              "archive-ext",
              "file",
              List.of(req("contains_refs", refs("file", "directory")), opt("comment", TEXT))),
          ext(
              "ntfs-ext",
              "file",
              List.of(
                  opt("sid", TEXT),
                  opt(
                      "alternate_data_streams",
                      listOf(
                          embedded(
                              TypeSchema.of(
                                  "alternate-data-stream-type",
                                  List.of(
                                      req("name", TEXT),
                                      opt("hashes", HASHES),
                                      opt("size", NON_NEGATIVE))))))),
              anyProperty("at-least-one-property")),
          ext(
              "pdf-ext",
              "file",
              List.of(
                  opt("version", TEXT),
                  opt("is_optimized", BOOL),
                  opt("document_info_dict", dict(TEXT)),
                  opt("pdfid0", TEXT),
                  opt("pdfid1", TEXT)),
              anyProperty("at-least-one-property")),
          ext(
              "raster-image-ext",
              "file",
              List.of(
                  opt("image_height", INTEGER),
                  opt("image_width", INTEGER),
                  opt("bits_per_pixel", INTEGER),
                  opt("exif_tags", dict(INT_OR_TEXT))),
              anyProperty("at-least-one-property")),
          ext(
              "windows-pebinary-ext",
              "file",
              List.of(
                  req("pe_type", openVocab("windows-pebinary-type-ov")),
                  opt("imphash", TEXT),
                  opt("machine_hex", HEX),
                  opt("number_of_sections", NON_NEGATIVE),
                  opt("time_date_stamp", TIMESTAMP),
                  opt("pointer_to_symbol_table_hex", HEX),
                  opt("number_of_symbols", NON_NEGATIVE),
                  opt("size_of_optional_header", NON_NEGATIVE),
                  opt("characteristics_hex", HEX),
                  opt("file_header_hashes", HASHES),
                  opt("optional_header", embedded(WINDOWS_PE_OPTIONAL_HEADER)),
                  opt("sections", listOf(embedded(WINDOWS_PE_SECTION)))),
              new Constraint.AnyProperty("pebinary-beyond-pe-type", Set.of("pe_type"), false)),
          ext(
              "http-request-ext",
              "network-traffic",
              List.of(
                  req("request_method", TEXT),
                  req("request_value", TEXT),
                  opt("request_version", TEXT),
                  opt("request_header", dict(STRINGS)),
                  opt("message_body_length", INTEGER),
                  opt("message_body_data_ref", ref("artifact")))),
          ext(
              "icmp-ext",
              "network-traffic",
              List.of(req("icmp_type_hex", HEX), req("icmp_code_hex", HEX))),
          ext(
              "socket-ext",
              "network-traffic",
              List.of(
                  req(
                      "address_family",
                      new ValueKind.Closed(
                          "network-socket-address-family-enum",
                          Vocabularies.SOCKET_ADDRESS_FAMILY)),
                  opt("is_blocking", BOOL),
                  opt("is_listening", BOOL),
                  opt("options", dict(INTEGER)),
                  opt(
                      "socket_type",
                      new ValueKind.Closed("network-socket-type-enum", Vocabularies.SOCKET_TYPE)),
                  opt("socket_descriptor", NON_NEGATIVE),
                  opt("socket_handle", INTEGER))),
          ext(
              "tcp-ext",
              "network-traffic",
              List.of(opt("src_flags_hex", HEX), opt("dst_flags_hex", HEX)),
              anyProperty("at-least-one-property")),
          ext(
              "windows-process-ext",
              "process",
              List.of(
                  opt("aslr_enabled", BOOL),
                  opt("dep_enabled", BOOL),
                  opt("priority", TEXT),
                  opt("owner_sid", TEXT),
                  opt("window_title", TEXT),
                  opt("startup_info", dict(ANY)),
                  opt(
                      "integrity_level",
                      new ValueKind.Closed(
                          "windows-integrity-level-enum", Vocabularies.WINDOWS_INTEGRITY_LEVEL))),
              anyProperty("at-least-one-property")),
          ext(
              "windows-service-ext",
              "process",
              List.of(
                  opt("service_name", TEXT),
                  opt("descriptions", STRINGS),
                  opt("display_name", TEXT),
                  opt("group_name", TEXT),
                  opt(
                      "start_type",
                      new ValueKind.Closed(
                          "windows-service-start-type-enum",
                          Vocabularies.WINDOWS_SERVICE_START_TYPE)),
                  opt("service_dll_refs", refs("file")),
                  opt(
                      "service_type",
                      new ValueKind.Closed(
                          "windows-service-type-enum", Vocabularies.WINDOWS_SERVICE_TYPE)),
                  opt(
                      "service_status",
                      new ValueKind.Closed(
                          "windows-service-status-enum", Vocabularies.WINDOWS_SERVICE_STATUS))),
              anyProperty("at-least-one-property")),
          ext(
              "unix-account-ext",
              "user-account",
              List.of(
                  opt("gid", INTEGER),
                  opt("groups", STRINGS),
                  opt("home_dir", TEXT),
                  opt("shell", TEXT)),
              anyProperty("at-least-one-property")));

  // ---------------------------------------------------------------- meta objects (section 7)

  static final TypeSchema STATEMENT_MARKING =
      TypeSchema.of("statement", List.of(req("statement", TEXT)));

  static final TypeSchema TLP_MARKING = TypeSchema.of("tlp", List.of(req("tlp", TEXT)));

  private static final List<ObjectSchema> META =
      List.of(
          new ObjectSchema(
              "language-content",
              Family.LANGUAGE_CONTENT,
              TypeSchema.of(
                  "language-content",
                  List.of(
                      req("object_ref", ref(RefTargets.ANY_OBJECT)),
                      opt("object_modified", TIMESTAMP),
                      req("contents", LANGUAGE_CONTENTS)))),
          new ObjectSchema(
              "marking-definition",
              Family.MARKING_DEFINITION,
              TypeSchema.of(
                  "marking-definition",
                  List.of(
                      opt("name", TEXT),
                      opt("definition_type", openVocab("marking-definition-type")),
                      opt("definition", ANY)),
                  new Constraint.RequiredUnless(
                      "required-without-extensions", "definition_type", "extensions"),
                  new Constraint.RequiredUnless(
                      "required-without-extensions", "definition", "extensions"),
                  new Constraint.Special("marking-definition", SpecialRules::markingDefinition),
                  new Constraint.Special("marking-self-reference", SpecialRules::selfMarking))),
          new ObjectSchema(
              "extension-definition",
              Family.EXTENSION_DEFINITION,
              TypeSchema.of(
                  "extension-definition",
                  List.of(
                      req("name", TEXT),
                      opt("description", TEXT),
                      req("schema", TEXT),
                      req("version", TEXT),
                      req(
                          "extension_types",
                          listOf(
                              new ValueKind.Closed(
                                  "extension-type-enum", Vocabularies.EXTENSION_TYPE))),
                      opt("extension_properties", listOf(PROPERTY_NAME))),
                  new Constraint.Special(
                      "extension-properties-without-toplevel",
                      SpecialRules::extensionProperties))));

  // ---------------------------------------------------------------- lookup

  private static final Map<String, ObjectSchema> OBJECTS = index(ObjectSchema::type);

  private static final Map<String, ExtensionSchema> EXTENSIONS_BY_NAME =
      EXTENSION_LIST.stream()
          .collect(Collectors.toUnmodifiableMap(ExtensionSchema::name, Function.identity()));

  private static Map<String, ObjectSchema> index(Function<ObjectSchema, String> key) {
    List<ObjectSchema> all = new ArrayList<>();
    all.addAll(SDOS);
    all.addAll(SROS);
    all.addAll(SCOS);
    all.addAll(META);
    return all.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
  }

  /** The schema of a type defined by the specification, or null. */
  static ObjectSchema object(String type) {
    return OBJECTS.get(type);
  }

  /** The predefined extension of that name, or null. */
  static ExtensionSchema extension(String name) {
    return EXTENSIONS_BY_NAME.get(name);
  }

  /** Every object type the specification defines (42). */
  static Set<String> types() {
    return OBJECTS.keySet();
  }

  /** Every predefined extension name (12). */
  static Set<String> extensionNames() {
    return EXTENSIONS_BY_NAME.keySet();
  }
}
