package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One STIX object exactly as received: every property, custom properties and extensions included,
 * with numbers kept exact.
 *
 * <p>The tree is owned by this object. {@link #property} hands out nodes of that tree for reading
 * only; {@link #json()} returns a copy that callers may change. {@link #toJson()} is the compact
 * serialisation of the received value.
 *
 * <p>An object's version ({@link #version()}) is its {@code modified} timestamp, else its {@code
 * created} timestamp, else absent (SCOs and other unversioned objects). This follows TAXII 2.1
 * section 3.4.
 */
public final class StixObject {
  private final ObjectNode tree;
  private final String type;
  private final String id;
  private final String version;
  private volatile String json;

  private StixObject(ObjectNode tree) {
    this.tree = tree;
    this.type = text(tree, "type");
    this.id = text(tree, "id");
    String m = text(tree, "modified");
    this.version = m != null ? m : text(tree, "created");
  }

  /**
   * Wraps a tree, taking ownership of it: the caller must not change {@code tree} afterwards.
   *
   * @throws IllegalArgumentException when {@code type} or {@code id} is missing or not a string
   */
  public static StixObject adopt(ObjectNode tree) {
    Objects.requireNonNull(tree, "tree");
    StixObject o = new StixObject(tree);
    if (o.type == null) {
      throw new IllegalArgumentException("STIX object without a string 'type' property");
    }
    if (o.id == null) {
      throw new IllegalArgumentException("STIX object without a string 'id' property");
    }
    return o;
  }

  /** Wraps a copy of {@code tree}. */
  public static StixObject copyOf(ObjectNode tree) {
    return adopt(tree.deepCopy());
  }

  /**
   * Parses one object from its JSON text.
   *
   * @throws StixFormatException when the text is not one JSON object with string type and id
   */
  public static StixObject parse(String json) {
    JsonNode n;
    try {
      n = StixJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new StixFormatException("malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (!(n instanceof ObjectNode obj)) {
      throw new StixFormatException("expected a JSON object, found " + kind(n));
    }
    try {
      return adopt(obj);
    } catch (IllegalArgumentException e) {
      throw new StixFormatException(e.getMessage(), e);
    }
  }

  public String type() {
    return type;
  }

  public String id() {
    return id;
  }

  /** {@code spec_version}, or empty when absent (an SCO may omit it). */
  public Optional<String> specVersion() {
    return Optional.ofNullable(text(tree, "spec_version"));
  }

  public Optional<String> created() {
    return Optional.ofNullable(text(tree, "created"));
  }

  public Optional<String> modified() {
    return Optional.ofNullable(text(tree, "modified"));
  }

  /** {@code modified}, else {@code created}, else empty. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** True when {@code revoked} is {@code true}. */
  public boolean revoked() {
    JsonNode r = tree.get("revoked");
    return r != null && r.isBoolean() && r.booleanValue();
  }

  /** A top-level property for reading only, or {@code null} when absent. */
  public JsonNode property(String name) {
    return tree.get(name);
  }

  /** A top-level string property, or empty when absent or not a string. */
  public Optional<String> string(String name) {
    return Optional.ofNullable(text(tree, name));
  }

  /** A deep copy of the object's tree. */
  public ObjectNode json() {
    return tree.deepCopy();
  }

  /** The tree itself, for code in this module that only reads it. */
  ObjectNode tree() {
    return tree;
  }

  /** Compact JSON text of the object, computed once. */
  public String toJson() {
    String j = json;
    if (j == null) {
      j = StixJson.write(tree);
      json = j;
    }
    return j;
  }

  /** Compact JSON as UTF-8 bytes. */
  public byte[] toJsonBytes() {
    return StixJson.writeBytes(tree);
  }

  /** The kind of object by its type: SDO, SRO, SCO, meta or custom/unknown. */
  public StixKind kind() {
    return StixKind.of(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StixObject other && tree.equals(other.tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return type + " " + id + version().map(v -> " @" + v).orElse("");
  }

  private static String text(JsonNode tree, String name) {
    JsonNode n = tree.get(name);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case NUMBER -> "a number";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case BINARY, MISSING, POJO -> "an unsupported value";
    };
  }
}
