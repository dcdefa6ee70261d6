package org.detente.node.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.detente.stix.Markings;
import org.detente.stix.Tlp;

/**
 * What a node may send one partner: a versioned document, written in TOML, that {@link
 * EgressPolicy} enforces on every path out of the node. Every key is at the top level:
 *
 * <pre>{@code
 * agreement_version = 3                  # required, a positive integer; raise it on every change
 * collections = ["intel"]                # required: the collections offered
 * types = ["indicator", "malware", "relationship", "sighting"]   # default: every type
 * max_tlp = "amber"                      # required: clear, green, amber, amber+strict or red
 * unmarked = "green"                     # the level of an object without a TLP marking; default red
 * red_objects = ["indicator--..."]       # objects released to this partner even at TLP:RED
 * markings = ["marking-definition--..."] # other markings (statements, ...) the partner may receive
 * strip = ["created_by_ref", "external_references", "x_*"]   # top-level properties removed
 * relationships = true                   # default false
 * sightings = "anonymised"               # full, anonymised, count or none (default)
 * reveal_partners = false                # default false
 * pull = { intel = "from-b" }            # federation: the partner's collection -> the local one
 * push = { intel = "inbox" }             # federation: a local offered collection -> its inbox
 * }</pre>
 *
 * <p>Federation. {@code pull} maps each collection of the partner's server that this node pulls
 * from to the local collection its objects land in: the partner writes there and nowhere else.
 * {@code push} maps each local collection pushed to the partner's collection it is posted into; a
 * pushed collection must be offered ({@code collections}), and what goes is decided by {@link
 * EgressPolicy} as for every other path.
 *
 * <p>TLP. Levels are ordered CLEAR < GREEN < AMBER < AMBER+STRICT < RED; TLP 1.0 markings count as
 * their 2.0 level (WHITE as CLEAR). An object or granular marking at a level above {@code max_tlp}
 * is not released, except to a partner whose agreement lists the object in {@code red_objects}: for
 * such an object every TLP level is allowed (the agreement names the partner for that object). RED
 * never leaves otherwise, even when {@code max_tlp = "red"}: {@code max_tlp = "red"} is refused, so
 * that RED is always released object by object.
 *
 * <p>Other markings. A marking-definition id that is neither one of the nine official TLP ids nor
 * listed in {@code markings} is not recognised, and what it marks is withheld (deny by default).
 * Statement markings are such markings: the node cannot tell a statement it agreed to pass on from
 * any other, so each must be listed by id.
 *
 * <p>Errors. A file that is not TOML, a missing or unknown key, or a bad value is refused with a
 * message naming the line and the key. Limits: the text is at most {@value #MAX_BYTES} bytes and
 * each list at most {@value #MAX_LIST} values, checked before the values are read.
 *
 * @param version the agreement version
 * @param collections the ids of the collections offered
 * @param types the object types offered; empty for every type
 * @param maxTlp the highest TLP level released (never RED)
 * @param unmarked the level assumed for an object without an object-level TLP marking
 * @param redObjects ids of objects released to this partner at any TLP level
 * @param markings non-TLP marking-definition ids the partner may receive
 * @param strip top-level property names removed from every object; a name ending in {@code *}
 *     removes every property that starts with the part before it
 * @param relationships whether relationships are released (when both ends are)
 * @param sightings in what form sightings are released
 * @param revealPartners whether objects may reveal other partners of this node
 * @param pull the partner's collections pulled, each to the local collection it lands in
 * @param push the local collections pushed, each to the partner's collection it is posted into
 */
public record SharingAgreement(
    long version,
    Set<String> collections,
    Set<String> types,
    Tlp maxTlp,
    Tlp unmarked,
    Set<String> redObjects,
    Set<String> markings,
    List<String> strip,
    boolean relationships,
    SightingForm sightings,
    boolean revealPartners,
    Map<String, String> pull,
    Map<String, String> push) {

  /** The largest agreement text read, in bytes. */
  public static final int MAX_BYTES = 1 << 20;

  /** The most values one list may hold. */
  public static final int MAX_LIST = 100_000;

  private static final Pattern STIX_ID =
      Pattern.compile(
          "[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,249}");
  private static final Pattern PROPERTY = Pattern.compile("[a-z0-9_]{1,250}\\*?");

  private static final List<String> KEYS =
      List.of(
          "agreement_version",
          "collections",
          "types",
          "max_tlp",
          "unmarked",
          "red_objects",
          "markings",
          "strip",
          "relationships",
          "sightings",
          "reveal_partners",
          "pull",
          "push");

  /** How sightings are released. */
  public enum SightingForm {
    /** Every property, subject to the other rules. */
    FULL("full"),
    /** Without {@code where_sighted_refs} and {@code observed_data_refs}: who saw it and what. */
    ANONYMISED("anonymised"),
    /**
     * Only {@code type}, {@code spec_version}, {@code id}, {@code created}, {@code modified},
     * {@code sighting_of_ref}, {@code count} and the object's markings: that the partner's object
     * was seen, and how often, without when, where, by whom or in what.
     */
    COUNT("count"),
    /** Sightings are withheld. */
    NONE("none");

    private final String word;

    SightingForm(String word) {
      this.word = word;
    }

    /** The word used in agreement files. */
    public String word() {
      return word;
    }
  }

  /**
   * @throws IllegalArgumentException when a value is out of range
   */
  public SharingAgreement {
    collections = Set.copyOf(collections);
    types = Set.copyOf(types);
    Objects.requireNonNull(maxTlp, "maxTlp");
    Objects.requireNonNull(unmarked, "unmarked");
    redObjects = Set.copyOf(redObjects);
    markings = Set.copyOf(markings);
    strip = List.copyOf(strip);
    Objects.requireNonNull(sightings, "sightings");
    pull = Map.copyOf(pull);
    push = Map.copyOf(push);
    for (String local : push.keySet()) {
      if (!collections.contains(local)) {
        throw new IllegalArgumentException(
            "push names collection '" + local + "', which is not in collections");
      }
    }
    if (version < 1) {
      throw new IllegalArgumentException("agreement_version must be >= 1, got " + version);
    }
    if (collections.isEmpty()) {
      throw new IllegalArgumentException("collections must name at least one collection");
    }
    if (maxTlp == Tlp.RED) {
      throw new IllegalArgumentException(
          "max_tlp may not be red: TLP:RED objects are released one by one, through red_objects");
    }
    for (String s : strip) {
      if (Markings.UNREMOVABLE.contains(s) || s.equals("*")) {
        throw new IllegalArgumentException("strip may not name '" + s + "'");
      }
    }
  }

  /** Whether this agreement's strip list removes the top-level property {@code name}. */
  boolean strips(String name) {
    for (String s : strip) {
      if (s.endsWith("*") ? name.startsWith(s.substring(0, s.length() - 1)) : name.equals(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads an agreement from its TOML text.
   *
   * @throws AgreementException naming the line and the key when the text is not a valid agreement
   */
  public static SharingAgreement parse(String toml) {
    Objects.requireNonNull(toml, "toml");
    if (toml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new AgreementException(0, "", "the agreement is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new AgreementException(line, "", "not valid TOML: " + e.getOriginalMessage());
    }
    Reader r = new Reader(toml, root == null ? new TomlMapper().createObjectNode() : root);
    for (Map.Entry<String, JsonNode> e : r.root.properties()) {
      if (!KEYS.contains(e.getKey())) {
        throw r.error(e.getKey(), "unknown key; the keys are " + String.join(", ", KEYS));
      }
    }
    long version = r.integer("agreement_version");
    Set<String> collections = r.strings("collections", true, null, "a collection id");
    Set<String> types = r.strings("types", false, TYPE, "a STIX type");
    Tlp maxTlp = r.tlp("max_tlp", Optional.empty());
    Tlp unmarked = r.tlp("unmarked", Optional.of(Tlp.RED));
    Set<String> red = r.strings("red_objects", false, STIX_ID, "a STIX id");
    Set<String> markings = r.strings("markings", false, STIX_ID, "a marking-definition id");
    for (String m : markings) {
      if (!m.startsWith("marking-definition--")) {
        throw r.error("markings", "'" + m + "' is not a marking-definition id");
      }
    }
    Set<String> strip = r.strings("strip", false, PROPERTY, "a property name");
    boolean relationships = r.bool("relationships");
    SightingForm sightings = r.sightings();
    boolean reveal = r.bool("reveal_partners");
    Map<String, String> pull = r.routes("pull");
    Map<String, String> push = r.routes("push");
    try {
      return new SharingAgreement(
          version,
          collections,
          types,
          maxTlp,
          unmarked,
          red,
          markings,
          new ArrayList<>(strip),
          relationships,
          sightings,
          reveal,
          pull,
          push);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().split(" ", 2)[0];
      throw r.error(KEYS.contains(key) ? key : "", e.getMessage());
    }
  }

  /** Reads typed values out of the parsed tree, knowing the line of each top-level key. */
  private static final class Reader {
    private final String text;
    private final JsonNode root;

    Reader(String text, JsonNode root) {
      this.text = text;
      this.root = root;
    }

    AgreementException error(String key, String message) {
      return new AgreementException(line(key), key, message);
    }

    /** The line of {@code key = ...} at the top level, 0 when it is absent. */
    private int line(String key) {
      if (key.isEmpty()) {
        return 0;
      }
      Pattern p = Pattern.compile("^\\s*(\"?)" + Pattern.quote(key) + "\\1\\s*=");
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].trim().startsWith("[")) {
          break;
        }
        if (p.matcher(lines[i]).find()) {
          return i + 1;
        }
      }
      return 0;
    }

    long integer(String key) {
      JsonNode n = root.get(key);
      if (n == null) {
        throw error(key, "is required");
      }
      if (!n.isIntegralNumber() || !n.canConvertToLong()) {
        throw error(key, "must be a positive integer, got " + n);
      }
      return n.longValue();
    }

    boolean bool(String key) {
      JsonNode n = root.get(key);
      if (n == null) {
        return false;
      }
      if (!n.isBoolean()) {
        throw error(key, "must be true or false, got " + n);
      }
      return n.booleanValue();
    }

    Tlp tlp(String key, Optional<Tlp> absent) {
      JsonNode n = root.get(key);
      if (n == null) {
        return absent.orElseThrow(() -> error(key, "is required"));
      }
      if (!n.isTextual() || Tlp.ofTlp2Name(n.textValue()).isEmpty()) {
        throw error(key, "must be one of clear, green, amber, amber+strict, red; got " + n);
      }
      return Tlp.ofTlp2Name(n.textValue()).orElseThrow();
    }

    SightingForm sightings() {
      JsonNode n = root.get("sightings");
      if (n == null) {
        return SightingForm.NONE;
      }
      for (SightingForm f : SightingForm.values()) {
        if (n.isTextual() && f.word.equals(n.textValue())) {
          return f;
        }
      }
      throw error("sightings", "must be one of full, anonymised, count, none; got " + n);
    }

    /** A table of collection id to collection id, empty when absent. */
    Map<String, String> routes(String key) {
      JsonNode n = root.get(key);
      if (n == null) {
        return Map.of();
      }
      if (!n.isObject()) {
        throw error(key, "must be a table of collection = \"collection\", got " + n.getNodeType());
      }
      if (n.size() > MAX_LIST) {
        throw error(key, "holds " + n.size() + " entries; at most " + MAX_LIST + " are allowed");
      }
      Map<String, String> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        JsonNode v = e.getValue();
        if (e.getKey().isEmpty() || !v.isTextual() || v.textValue().isEmpty()) {
          throw error(
              key, "entry '" + e.getKey() + "' must map to a non-empty collection id, got " + v);
        }
        out.put(e.getKey(), v.textValue());
      }
      return out;
    }

    Set<String> strings(String key, boolean required, Pattern shape, String what) {
      JsonNode n = root.get(key);
      if (n == null) {
        if (required) {
          throw error(key, "is required");
        }
        return Set.of();
      }
      if (!n.isArray()) {
        throw error(key, "must be a list of strings, got " + n.getNodeType());
      }
      if (n.size() > MAX_LIST) {
        throw error(key, "holds " + n.size() + " values; at most " + MAX_LIST + " are allowed");
      }
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode v = n.get(i);
        if (!v.isTextual() || v.textValue().isEmpty()) {
          throw error(key, "value " + (i + 1) + " must be a non-empty string, got " + v);
        }
        if (shape != null && !shape.matcher(v.textValue()).matches()) {
          throw error(key, "value " + (i + 1) + " '" + v.textValue() + "' is not " + what);
        }
        out.add(v.textValue());
      }
      return out;
    }
  }
}
