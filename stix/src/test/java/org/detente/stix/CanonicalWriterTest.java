package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void bytes_areTheUtf8OfTheCanonicalText_forEveryPlaneOfUnicode() throws Exception {
    JsonNode n =
        tree(
            "{\"z\":\"caf\\u00e9 \\u20ac \\ud83d\\ude00\",\"a\":[1,{\"y\":null,\"b\":true}],"
                + "\"\\u00e9\":\"\\u0001\\n\\\"\\\\/\"}");
    String text =
        "{\"a\":[1,{\"b\":true,\"y\":null}],\"z\":\"café € 😀\",\"é\":\"\\u0001\\n\\\"\\\\/\"}";
    CanonicalWriter w = new CanonicalWriter().value(n);
    assertThat(w.text()).isEqualTo(text);
    assertThat(w.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sha256_isTheDigestOfTheBytes_andTheWriterIsReusable() throws Exception {
    CanonicalWriter w = CanonicalWriter.forThread();
    w.value(tree("{\"b\":2,\"a\":\"x\"}"));
    byte[] first = w.toByteArray();
    String hex = w.sha256Hex();
    assertThat(hex)
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first)));
    // a second value after reset is hashed alone, not after the first
    w.reset().value(tree("[true]"));
    assertThat(w.text()).isEqualTo("[true]");
    assertThat(w.sha256Hex())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest("[true]".getBytes(StandardCharsets.US_ASCII))));
    assertThat(CanonicalJson.sha256Hex(tree("{\"a\":\"x\",\"b\":2}"))).isEqualTo(hex);
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"a\":1}', true",
    "'{\"a\":[-9007199254740992,9007199254740992]}', true",
    "'{\"a\":9007199254740993}', false",
    "'{\"a\":1.5}', false",
    "'{\"a\":1.0}', false",
    "'{\"a\":123456789012345678901234567890}', false",
    "'{\"a\":\"1.5\"}', true"
  })
  void numbersExact_onlyWhenReReadingGivesTheSameTree(String json, boolean exact) throws Exception {
    CanonicalWriter w = CanonicalWriter.forThread().value(tree(json));
    assertThat(w.numbersExact()).isEqualTo(exact);
    if (exact) {
      assertThat(tree(w.text())).isEqualTo(tree(json));
    }
    assertThat(w.reset().numbersExact()).isTrue();
  }

  @Test
  void loneSurrogate_isRejectedNamingIt() {
    CanonicalWriter w = CanonicalWriter.forThread();
    assertThatThrownBy(() -> w.string("a\ud800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate U+D800 at index 1");
    assertThatThrownBy(() -> w.reset().string("\udc00"))
        .hasMessageContaining("lone surrogate U+DC00 at index 0");
    // a lone surrogate among ASCII, and a question mark that is a character of the string
    assertThatThrownBy(() -> w.reset().string("https://example.com/\ud800?q=1"))
        .hasMessageContaining("lone surrogate U+D800 at index 20");
    assertThat(w.reset().string("https://example.com/?q=\"a\"\n").text())
        .isEqualTo("\"https://example.com/?q=\\\"a\\\"\\n\"");
  }

  @Test
  void objectsWithTheSameNames_reuseTheOrder_andOtherNamesAreSortedAfresh() throws Exception {
    CanonicalWriter w = CanonicalWriter.forThread();
    String[] inputs = {
      "{\"type\":\"x\",\"id\":\"1\",\"b\":{\"z\":1,\"a\":2}}",
      "{\"type\":\"y\",\"id\":\"2\",\"b\":{\"z\":3,\"a\":4}}",
      "{\"type\":\"y\",\"id\":\"2\",\"b\":{\"a\":3,\"z\":4}}",
      "{\"id\":\"3\",\"type\":\"z\",\"c\":[{\"q\":1,\"p\":2},{\"p\":1,\"q\":2}]}",
      "{\"type\":\"w\",\"idx\":\"4\"}"
    };
    String[] expected = {
      "{\"b\":{\"a\":2,\"z\":1},\"id\":\"1\",\"type\":\"x\"}",
      "{\"b\":{\"a\":4,\"z\":3},\"id\":\"2\",\"type\":\"y\"}",
      "{\"b\":{\"a\":3,\"z\":4},\"id\":\"2\",\"type\":\"y\"}",
      "{\"c\":[{\"p\":2,\"q\":1},{\"p\":1,\"q\":2}],\"id\":\"3\",\"type\":\"z\"}",
      "{\"idx\":\"4\",\"type\":\"w\"}"
    };
    for (int i = 0; i < inputs.length; i++) {
      assertThat(w.reset().value(tree(inputs[i])).text()).isEqualTo(expected[i]);
    }
  }

  @Test
  void largeValue_growsTheBuffer_whichIsDroppedAtReset() throws Exception {
    String big = "x".repeat(3 << 20);
    CanonicalWriter w = CanonicalWriter.forThread().value(JSON.getNodeFactory().textNode(big));
    assertThat(w.length()).isEqualTo(big.length() + 2);
    assertThat(w.reset().length()).isZero();
    assertThat(w.value(tree("{}")).text()).isEqualTo("{}");
  }
}
