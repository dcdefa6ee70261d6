package org.detente.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration used for STIX content.
 *
 * <p>Numbers are read exactly (integers as {@code BigInteger} when they overflow a long, decimals
 * as {@code BigDecimal}) so that a value is written back as it was received; duplicate member names
 * are rejected (STIX content is I-JSON, RFC 7493); parser-level limits bound nesting and string
 * length before any tree is built.
 */
public final class StixJson {
  /** Parser-level nesting bound; the per-object bound of {@link ReadLimits} is checked first. */
  static final int PARSER_MAX_DEPTH = 1_000;

  private static final JsonMapper MAPPER = newMapper();

  private StixJson() {}

  private static JsonMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(PARSER_MAX_DEPTH)
                    .maxStringLength(64 * 1024 * 1024)
                    .maxNumberLength(1_000)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return JsonMapper.builder(factory)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
        .build();
  }

  /** The shared mapper; thread-safe, never reconfigured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty object node from the exact-number node factory. */
  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /** Serialises a tree compactly. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a tree compactly to UTF-8 bytes. */
  public static byte[] writeBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
