package org.detente.node.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.detente.stix.StixJson;
import org.detente.stix.StixTimestamp;

/**
 * Reading and writing TAXII 2.1 resources as JSON, with the mapper of STIX content (exact numbers,
 * duplicate member names rejected, bounded nesting).
 *
 * <p>Every resource record has {@code toJson()} and a static {@code fromJson(JsonNode)}; {@code
 * fromJson} rejects a missing required property or a property of the wrong type with a {@link
 * TaxiiFormatException} naming the resource and the property. Unknown properties are ignored, as
 * TAXII 2.1 requires of clients (section 1.6.4, custom properties).
 *
 * <p>Timestamps are written in UTC with exactly six fractional digits (microseconds, the precision
 * of the store's {@code date_added}), so that a {@code date_added} read back as {@code added_after}
 * selects exactly the objects added after it.
 */
public final class TaxiiJson {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private TaxiiJson() {}

  /**
   * Parses a JSON text.
   *
   * @throws TaxiiFormatException when the text is not one well-formed JSON value
   */
  public static JsonNode parse(byte[] json) {
    try {
      JsonNode n = StixJson.mapper().readTree(json);
      if (n == null || n.isMissingNode()) {
        throw new TaxiiFormatException("the body is empty; expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new TaxiiFormatException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new TaxiiFormatException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /** {@link #parse(byte[])} of a string. */
  public static JsonNode parse(String json) {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Compact JSON text of a resource tree. */
  public static String write(JsonNode node) {
    return StixJson.write(node);
  }

  /** A timestamp as TAXII writes it: UTC, six fractional digits. */
  public static String timestamp(Instant instant) {
    return MICROS.format(instant);
  }

  /**
   * Reads a TAXII timestamp (a STIX timestamp: RFC 3339 in UTC with {@code Z}).
   *
   * @throws TaxiiFormatException when {@code text} is not one
   */
  public static Instant parseTimestamp(String what, String text) {
    return StixTimestamp.parse(text)
        .orElseThrow(
            () ->
                new TaxiiFormatException(
                    what
                        + " must be a timestamp like 2021-03-01T12:00:00.000Z, got '"
                        + text
                        + "'"));
  }

  static ObjectNode object() {
    return StixJson.newObject();
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = StixJson.mapper().createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /** Typed access to the members of one resource, with errors naming it. */
  static final class Fields {
    private final String resource;
    private final ObjectNode node;

    private Fields(String resource, ObjectNode node) {
      this.resource = resource;
      this.node = node;
    }

    static Fields of(String resource, JsonNode node) {
      if (!(node instanceof ObjectNode o)) {
        throw new TaxiiFormatException(resource + ": expected a JSON object, found " + kind(node));
      }
      return new Fields(resource, o);
    }

    private TaxiiFormatException wrong(String name, String expected, JsonNode v) {
      return new TaxiiFormatException(
          resource + ": property '" + name + "' must be " + expected + ", found " + kind(v));
    }

    private JsonNode required(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        throw new TaxiiFormatException(resource + ": required property '" + name + "' is missing");
      }
      return v;
    }

    String string(String name) {
      JsonNode v = required(name);
      if (!v.isTextual()) {
        throw wrong(name, "a string", v);
      }
      return v.textValue();
    }

    Optional<String> optionalString(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return Optional.empty();
      }
      if (!v.isTextual()) {
        throw wrong(name, "a string", v);
      }
      return Optional.of(v.textValue());
    }

    boolean bool(String name, boolean absent) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return absent;
      }
      if (!v.isBoolean()) {
        throw wrong(name, "true or false", v);
      }
      return v.booleanValue();
    }

    boolean bool(String name) {
      JsonNode v = required(name);
      if (!v.isBoolean()) {
        throw wrong(name, "true or false", v);
      }
      return v.booleanValue();
    }

    long integer(String name) {
      JsonNode v = required(name);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
        throw wrong(name, "a non-negative integer", v);
      }
      return v.longValue();
    }

    Instant timestamp(String name) {
      return parseTimestamp(resource + ": property '" + name + "'", string(name));
    }

    Optional<Instant> optionalTimestamp(String name) {
      return optionalString(name)
          .map(t -> parseTimestamp(resource + ": property '" + name + "'", t));
    }

    private List<JsonNode> list(String name, boolean isRequired) {
      JsonNode v = isRequired ? required(name) : node.get(name);
      if (v == null || v.isNull()) {
        return List.of();
      }
      if (!v.isArray()) {
        throw wrong(name, "a list", v);
      }
      List<JsonNode> out = new ArrayList<>(v.size());
      v.forEach(out::add);
      return out;
    }

    List<String> strings(String name, boolean isRequired) {
      List<String> out = new ArrayList<>();
      List<JsonNode> items = list(name, isRequired);
      for (int i = 0; i < items.size(); i++) {
        JsonNode e = items.get(i);
        if (!e.isTextual()) {
          throw new TaxiiFormatException(
              resource + ": '" + name + "'[" + i + "] must be a string, found " + kind(e));
        }
        out.add(e.textValue());
      }
      return out;
    }

    List<JsonNode> objects(String name, boolean isRequired) {
      List<JsonNode> items = list(name, isRequired);
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).isObject()) {
          throw new TaxiiFormatException(
              resource
                  + ": '"
                  + name
                  + "'["
                  + i
                  + "] must be a JSON object, found "
                  + kind(items.get(i)));
        }
      }
      return items;
    }

    /** A member that is a JSON object of string values, or empty. */
    java.util.Map<String, String> stringMap(String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        return java.util.Map.of();
      }
      if (!v.isObject()) {
        throw wrong(name, "a dictionary", v);
      }
      java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
      for (var e : v.properties()) {
        out.put(
            e.getKey(),
            e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
      }
      return out;
    }
  }

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a JSON object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY, MISSING, POJO ->
          "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
