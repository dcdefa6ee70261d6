package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random and mutated JSON never makes the validator throw: it answers with errors. Seeds are fixed
 * so that a failure can be replayed.
 */
class StixValidatorFuzzTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final StixValidator VALIDATOR = StixValidator.standard();

  /** Strings that sit on the edges of the formats the validator parses. */
  private static final String[] TRICKY =
      new String[] {
        "",
        "-",
        "--",
        ".",
        "[",
        "[0]",
        "a.[0]",
        "labels.[99999999999]",
        "x--00000000-0000-0000-0000-000000000000",
        "indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "file--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        "extension-definition--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
        "2016-04-06T20:03:00.000Z",
        "2016-02-30T25:61:61.Z",
        "9999-12-31T23:59:59.999999999999Z",
        "new-sco",
        "new-sdo",
        "property-extension",
        "toplevel-property-extension",
        "tlp",
        "statement",
        "::",
        ":::1",
        "1.2.3.4/",
        "cpe:2.3:",
        "x-",
        "x-acme-ext",
        "\u0000",
        "\uD800",
        "é",
        "a".repeat(300),
        "SHA-256",
        "HKLM\\",
        "aGVsbG8=",
        "===="
      };

  private static final String[] KEYS =
      new String[] {
        "type",
        "id",
        "spec_version",
        "created",
        "modified",
        "extensions",
        "granular_markings",
        "selectors",
        "marking_ref",
        "lang",
        "object_refs",
        "hashes",
        "MD5",
        "SHA-256",
        "value",
        "is_family",
        "name",
        "definition",
        "definition_type",
        "extension_type",
        "objects",
        "contents",
        "latitude",
        "longitude",
        "x_a",
        "Bad Key",
        "",
        "archive-ext",
        "tcp-ext"
      };

  private static JsonNode randomValue(Random r, int depth) {
    int pick = r.nextInt(depth > 3 ? 7 : 10);
    return switch (pick) {
      case 0 -> F.nullNode();
      case 1 -> F.booleanNode(r.nextBoolean());
      case 2 -> F.numberNode(r.nextInt(2001) - 1000);
      case 3 ->
          F.numberNode(
              switch (r.nextInt(4)) {
                case 0 -> BigInteger.ONE.shiftLeft(70 + r.nextInt(10)).negate();
                case 1 -> BigInteger.valueOf(Long.MAX_VALUE);
                default -> BigInteger.valueOf(r.nextLong());
              });
      case 4 -> F.numberNode(new BigDecimal(r.nextGaussian() * 1e6));
      case 5 -> F.textNode(TRICKY[r.nextInt(TRICKY.length)]);
      case 6 -> F.textNode(randomString(r));
      case 7, 8 -> randomObject(r, depth + 1);
      default -> {
        ArrayNode a = F.arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(randomValue(r, depth + 1));
        }
        yield a;
      }
    };
  }

  private static ObjectNode randomObject(Random r, int depth) {
    ObjectNode o = F.objectNode();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String key = r.nextBoolean() ? KEYS[r.nextInt(KEYS.length)] : randomString(r);
      o.set(key, randomValue(r, depth + 1));
    }
    return o;
  }

  private static String randomString(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append((char) (r.nextBoolean() ? 'a' + r.nextInt(26) : r.nextInt(0x3000)));
    }
    return b.toString();
  }

  /** Every container node of a tree, so that a mutation can pick one. */
  private static void containers(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (JsonNode child : node) {
        containers(child, out);
      }
    }
  }

  private static void mutate(ObjectNode root, Random r) {
    List<JsonNode> nodes = new ArrayList<>();
    containers(root, nodes);
    JsonNode target = nodes.get(r.nextInt(nodes.size()));
    if (target instanceof ObjectNode obj) {
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      if (!names.isEmpty() && r.nextInt(3) == 0) {
        obj.remove(names.get(r.nextInt(names.size())));
      } else {
        String key =
            names.isEmpty() || r.nextBoolean()
                ? KEYS[r.nextInt(KEYS.length)]
                : names.get(r.nextInt(names.size()));
        obj.set(key, randomValue(r, 2));
      }
    } else if (target instanceof ArrayNode arr) {
      if (!arr.isEmpty() && r.nextBoolean()) {
        arr.set(r.nextInt(arr.size()), randomValue(r, 2));
      } else if (!arr.isEmpty()) {
        arr.remove(r.nextInt(arr.size()));
      } else {
        arr.add(randomValue(r, 2));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void validate_randomJson_neverThrows(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 5_000; i++) {
      JsonNode value = randomValue(r, 0);
      if (value instanceof ObjectNode obj && r.nextBoolean()) {
        List<String> types = new ArrayList<>(StixSchemas.types());
        String type = types.get(r.nextInt(types.size()));
        obj.put("type", type);
        obj.put("id", type + "--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061");
        for (String prop : StixSchemas.object(type).body().props().keySet()) {
          if (r.nextInt(3) == 0) {
            obj.set(prop, randomValue(r, 1));
          }
        }
      }
      assertThatCode(() -> VALIDATOR.validate(value)).as("%s", value).doesNotThrowAnyException();
      if (!value.isObject()) {
        assertThat(VALIDATOR.validate(value)).isNotEmpty();
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void validate_mutatedValidObjects_neverThrowsAndIsDeterministic(long seed) {
    Random r = new Random(seed);
    List<String> types = new ArrayList<>(ValidObjects.BY_TYPE.keySet());
    for (int i = 0; i < 5_000; i++) {
      ObjectNode object =
          JsonEdits.parseObject(ValidObjects.of(types.get(r.nextInt(types.size()))));
      int edits = 1 + r.nextInt(3);
      for (int k = 0; k < edits; k++) {
        mutate(object, r);
      }
      List<StixError> first = VALIDATOR.validate(object);
      assertThat(VALIDATOR.validate(object)).as("%s", object).isEqualTo(first);
    }
  }

  @Test
  void validate_deeplyNestedCustomValue_neverThrows() {
    ObjectNode object = JsonEdits.parseObject(ValidObjects.of("indicator"));
    ObjectNode nested = object.putObject("x_deep");
    for (int i = 0; i < 500; i++) {
      nested = nested.putObject("x_deep");
    }
    assertThat(VALIDATOR.validate(object)).isEmpty();
  }
}
