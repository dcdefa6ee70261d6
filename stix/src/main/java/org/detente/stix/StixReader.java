package org.detente.stix;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads STIX objects from a stream one at a time, so that a bundle of any size needs memory for one
 * object only.
 *
 * <p>The input is one STIX object, a bundle ({@code {"type":"bundle","objects":[...]}}), or a JSON
 * array of objects. Each element is built into a tree by hand from parser tokens, so the limits of
 * {@link Limits} (size in bytes, nesting depth) are checked while reading, before the tree grows
 * past them: an element over a limit is skipped token by token and reported as {@link Rejected},
 * and reading goes on with the next element. Malformed JSON cannot be resynchronised: it is
 * reported as a {@link Rejected} item and reading stops ({@link Summary#complete()} is false).
 *
 * <p>The reader does not validate STIX rules beyond "an element is a JSON object with string {@code
 * type} and {@code id}"; that is {@code StixValidator}'s job.
 */
public final class StixReader {
  /**
   * Bounds applied to each element.
   *
   * @param maxObjectBytes the largest serialised size of one object, in bytes of input
   * @param maxDepth the deepest nesting of arrays and objects inside one object (the object itself
   *     is depth 1)
   */
  public record Limits(long maxObjectBytes, int maxDepth) {
    /** 10 MiB per object, nesting depth 64. */
    public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 64);

    public Limits {
      if (maxObjectBytes < 64) {
        throw new IllegalArgumentException("maxObjectBytes must be >= 64, got " + maxObjectBytes);
      }
      if (maxDepth < 2 || maxDepth > StixJson.PARSER_MAX_DEPTH - 2) {
        throw new IllegalArgumentException(
            "maxDepth must be in 2.." + (StixJson.PARSER_MAX_DEPTH - 2) + ", got " + maxDepth);
      }
    }
  }

  /** One element of the input, in order. */
  public sealed interface Item permits Parsed, Rejected {
    /** 0-based position of the element in the input. */
    long index();
  }

  /** An element read as a STIX object (not yet validated). */
  public record Parsed(long index, StixObject object) implements Item {}

  /** An element that could not be read; {@code error.objectId()} names it as well as possible. */
  public record Rejected(long index, StixError error) implements Item {}

  /**
   * What a whole read did.
   *
   * @param elements elements seen (parsed plus rejected)
   * @param rejected elements rejected by the reader
   * @param complete false when malformed JSON stopped the read before the end of the input
   * @param bundleId the bundle's id when the input was a bundle, else null
   */
  public record Summary(long elements, long rejected, boolean complete, String bundleId) {}

  private final Limits limits;

  private StixReader(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public static StixReader withLimits(Limits limits) {
    return new StixReader(limits);
  }

  public static StixReader withDefaultLimits() {
    return new StixReader(Limits.DEFAULT);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Reads every element of {@code in} and hands each to {@code sink}, in input order. The stream is
   * not closed.
   *
   * @throws IOException when reading the stream fails (not for malformed content)
   */
  public Summary read(InputStream in, Consumer<? super Item> sink) throws IOException {
    Run run = new Run(sink);
    try (JsonParser p = StixJson.mapper().getFactory().createParser(in)) {
      // Duplicate names are found per element below, so that one bad object does not end the read.
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      run.top(p);
    } catch (JsonProcessingException e) {
      run.malformed(e);
    }
    return new Summary(run.index, run.rejected, run.complete, run.bundleId);
  }

  /** Element reading state of one {@link #read} call. */
  private final class Run {
    private final Consumer<? super Item> sink;
    private final JsonNodeFactory nodes = StixJson.mapper().getNodeFactory();
    private long index;
    private long rejected;
    private boolean complete = true;
    private String bundleId;

    Run(Consumer<? super Item> sink) {
      this.sink = sink;
    }

    void top(JsonParser p) throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        reject(null, "", "malformed-json", "the input is empty");
        complete = false;
        return;
      }
      switch (t) {
        case START_ARRAY -> elements(p);
        case START_OBJECT -> topObject(p);
        default -> {
          reject(
              null,
              "",
              "json-type",
              "expected a STIX object, a bundle or an array of objects, found " + describe(t));
          complete = false;
          return;
        }
      }
      if (p.nextToken() != null) {
        reject(null, "", "malformed-json", "unexpected content after the end of the JSON value");
        complete = false;
      }
    }

    /** Reads elements of an array whose START_ARRAY is the current token, up to its END_ARRAY. */
    void elements(JsonParser p) throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        if (t == JsonToken.START_OBJECT) {
          element(p);
        } else {
          if (t.isStructStart()) {
            p.skipChildren();
          }
          reject(null, "", "json-type", "expected a JSON object, found " + describe(t));
        }
      }
    }

    /**
     * The top-level object: a bundle (its "objects" array streamed element by element) or a single
     * STIX object.
     */
    void topObject(JsonParser p) throws IOException {
      ObjectNode envelope = nodes.objectNode();
      Budget budget = new Budget(p);
      boolean streamedObjects = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        JsonNode typeNode = envelope.get("type");
        boolean bundleSoFar = typeNode == null || "bundle".equals(typeNode.asText());
        if ("objects".equals(name) && v == JsonToken.START_ARRAY && bundleSoFar) {
          if (streamedObjects) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "duplicate field 'objects'");
          }
          streamedObjects = true;
          elements(p);
          budget = new Budget(p);
          continue;
        }
        if (envelope.has(name)) {
          budget.duplicate = name;
          skipOverLimit(p, v, budget, envelope);
          return;
        }
        JsonNode value = value(p, v, budget, 2, envelope);
        if (value == null) {
          skipOverLimit(p, v, budget, envelope);
          return;
        }
        envelope.set(name, value);
      }
      if (t != JsonToken.END_OBJECT) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a field name");
      }
      if (streamedObjects) {
        JsonNode type = envelope.get("type");
        JsonNode id = envelope.get("id");
        bundleId = id != null && id.isTextual() ? id.textValue() : null;
        if (type == null || !"bundle".equals(type.asText())) {
          reject(
              bundleId,
              "type",
              "bundle-type",
              "a top-level object with an 'objects' list must have type 'bundle'");
        } else if (bundleId == null || !Identifiers.isValid(bundleId, "bundle")) {
          reject(
              bundleId,
              "id",
              "identifier",
              "a bundle id must be 'bundle--' followed by an RFC 4122 UUID, found "
                  + (id == null ? "nothing" : id.toString()));
        }
        return;
      }
      emit(envelope);
    }

    /** Reads one element whose START_OBJECT is the current token. */
    void element(JsonParser p) throws IOException {
      Budget budget = new Budget(p);
      ObjectNode obj = nodes.objectNode();
      if (!fields(p, obj, budget, 2, obj)) {
        skipOverLimit(p, JsonToken.START_OBJECT, budget, obj);
        return;
      }
      emit(obj);
    }

    void emit(ObjectNode obj) {
      JsonNode type = obj.get("type");
      JsonNode id = obj.get("id");
      String idText = id != null && id.isTextual() ? id.textValue() : null;
      if (type == null || !type.isTextual()) {
        reject(
            idText,
            "type",
            type == null ? "required" : "type",
            type == null
                ? "the required property 'type' is missing"
                : "'type' must be a string, found " + StixObject.kind(type));
        return;
      }
      if (id == null || !id.isTextual()) {
        reject(
            idText,
            "id",
            id == null ? "required" : "type",
            id == null
                ? "the required property 'id' is missing"
                : "'id' must be a string, found " + StixObject.kind(id));
        return;
      }
      sink.accept(new Parsed(index++, StixObject.adopt(obj)));
    }

    /**
     * Fills {@code target} with the fields of the object whose START_OBJECT was just read.
     *
     * @return false when a limit was exceeded (the parser is then inside the object)
     */
    boolean fields(JsonParser p, ObjectNode target, Budget budget, int depth, ObjectNode root)
        throws IOException {
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (target.has(name)) {
          budget.duplicate = name;
          return false;
        }
        JsonNode value = value(p, v, budget, depth + 1, root);
        if (value == null) {
          return false;
        }
        target.set(name, value);
      }
      if (t != JsonToken.END_OBJECT) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a field name");
      }
      return budget.ok(p);
    }

    /** Builds the value at the current token, or returns null when a limit was exceeded. */
    JsonNode value(JsonParser p, JsonToken t, Budget budget, int depth, ObjectNode root)
        throws IOException {
      if (!budget.ok(p)) {
        return null;
      }
      switch (t) {
        case START_OBJECT -> {
          if (depth > limits.maxDepth) {
            budget.tooDeep = true;
            return null;
          }
          ObjectNode o = nodes.objectNode();
          return fields(p, o, budget, depth, root) ? o : null;
        }
        case START_ARRAY -> {
          if (depth > limits.maxDepth) {
            budget.tooDeep = true;
            return null;
          }
          ArrayNode a = nodes.arrayNode();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) {
              throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
            }
            JsonNode item = value(p, e, budget, depth + 1, root);
            if (item == null) {
              return null;
            }
            a.add(item);
          }
          return budget.ok(p) ? a : null;
        }
        case VALUE_STRING -> {
          return nodes.textNode(p.getText());
        }
        case VALUE_NUMBER_INT -> {
          return switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> nodes.numberNode(p.getBigIntegerValue());
          };
        }
        case VALUE_NUMBER_FLOAT -> {
          return nodes.numberNode(p.getDecimalValue());
        }
        case VALUE_TRUE -> {
          return nodes.booleanNode(true);
        }
        case VALUE_FALSE -> {
          return nodes.booleanNode(false);
        }
        case VALUE_NULL -> {
          return nodes.nullNode();
        }
        default ->
            throw new com.fasterxml.jackson.core.JsonParseException(
                p, "unexpected token " + describe(t));
      }
    }

    /**
     * After a limit was exceeded somewhere inside an element, consumes the rest of the element
     * without building anything and reports it.
     */
    void skipOverLimit(JsonParser p, JsonToken startToken, Budget budget, ObjectNode partial)
        throws IOException {
      // Consume tokens until the END_OBJECT that closes the element: the parser's own context
      // depth tells where we are, whatever nesting the failure happened at.
      while (!(p.currentToken() == JsonToken.END_OBJECT
          && p.getParsingContext().getNestingDepth() == budget.elementDepth - 1)) {
        if (p.nextToken() == null) {
          throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
      }
      JsonNode id = partial.get("id");
      String idText = id != null && id.isTextual() ? id.textValue() : null;
      if (budget.duplicate != null) {
        reject(
            idText,
            budget.duplicate,
            "duplicate-property",
            "the property '" + budget.duplicate + "' appears more than once");
      } else if (budget.tooDeep) {
        reject(
            idText,
            "",
            "max-depth",
            "the object nests arrays and objects deeper than the limit of " + limits.maxDepth);
      } else {
        reject(
            idText,
            "",
            "max-size",
            "the object is larger than the limit of " + limits.maxObjectBytes + " bytes");
      }
    }

    void malformed(JsonProcessingException e) {
      complete = false;
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      String rule = e instanceof StreamConstraintsException ? "parser-limit" : "malformed-json";
      reject(null, "", rule, "malformed JSON" + where + ": " + e.getOriginalMessage());
    }

    void reject(String id, String property, String rule, String message) {
      String name = id != null ? id : "(object #" + index + ")";
      rejected++;
      sink.accept(new Rejected(index++, new StixError(name, property, rule, message)));
    }

    private long offset(JsonParser p) {
      JsonLocation l = p.currentLocation();
      long b = l.getByteOffset();
      return b >= 0 ? b : l.getCharOffset();
    }

    /** Size budget of one element, measured in input bytes from its first token. */
    private final class Budget {
      final long start;
      final int elementDepth;
      boolean tooDeep;
      String duplicate;

      Budget(JsonParser p) {
        this.start = offset(p);
        this.elementDepth = p.getParsingContext().getNestingDepth();
      }

      boolean ok(JsonParser p) {
        return offset(p) - start <= limits.maxObjectBytes;
      }
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
