package org.detente.stix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits of a JSON object addressed by the same paths the validator reports ({@code
 * external_references[0].source_name}, {@code extensions.archive-ext}), for building invalid cases
 * from valid objects.
 */
final class JsonEdits {
  private JsonEdits() {}

  /** One edit of an object, printable in test names. */
  sealed interface Edit {
    void applyTo(ObjectNode root);
  }

  /** Sets the value at {@code path} (the parent must exist) to the JSON text {@code json}. */
  record Set(String path, String json) implements Edit {
    @Override
    public void applyTo(ObjectNode root) {
      List<Object> steps = steps(path);
      JsonNode parent = walk(root, steps.subList(0, steps.size() - 1));
      Object last = steps.get(steps.size() - 1);
      JsonNode value = parse(json);
      if (last instanceof Integer i) {
        ArrayNode list = (ArrayNode) parent;
        if (i < list.size()) {
          list.set(i, value);
        } else {
          list.add(value);
        }
      } else {
        ((ObjectNode) parent).set((String) last, value);
      }
    }

    @Override
    public String toString() {
      return path + "=" + (json.length() > 40 ? json.substring(0, 37) + "..." : json);
    }
  }

  /** Removes the value at {@code path}. */
  record Remove(String path) implements Edit {
    @Override
    public void applyTo(ObjectNode root) {
      List<Object> steps = steps(path);
      JsonNode parent = walk(root, steps.subList(0, steps.size() - 1));
      Object last = steps.get(steps.size() - 1);
      if (last instanceof Integer i) {
        ((ArrayNode) parent).remove(i);
      } else {
        ((ObjectNode) parent).remove((String) last);
      }
    }

    @Override
    public String toString() {
      return "-" + path;
    }
  }

  static Edit set(String path, String json) {
    return new Set(path, json);
  }

  static Edit remove(String path) {
    return new Remove(path);
  }

  static ObjectNode parseObject(String json) {
    return (ObjectNode) parse(json);
  }

  static JsonNode parse(String json) {
    try {
      return StixJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in test: " + json, e);
    }
  }

  private static JsonNode walk(JsonNode root, List<Object> steps) {
    JsonNode cur = root;
    for (Object step : steps) {
      JsonNode next = step instanceof Integer i ? cur.get(i) : cur.get((String) step);
      if (next == null) {
        throw new IllegalArgumentException("no " + step + " in " + cur);
      }
      cur = next;
    }
    return cur;
  }

  /** {@code a.b[2].c} as the steps {@code "a", "b", 2, "c"}. */
  private static List<Object> steps(String path) {
    List<Object> steps = new ArrayList<>();
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        steps.add(name);
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        steps.add(Integer.parseInt(part.substring(bracket + 1, close)));
        bracket = part.indexOf('[', close);
      }
    }
    return steps;
  }
}
