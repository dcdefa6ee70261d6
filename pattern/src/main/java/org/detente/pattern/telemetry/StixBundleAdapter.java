package org.detente.pattern.telemetry;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.detente.pattern.Observation;

/**
 * Newline-delimited STIX: each line a bundle, a JSON array of objects, or a single object. Every
 * {@code observed-data} object of the line gives one observation with the SCOs of the same line
 * (see {@link Observation#fromBundle(JsonNode)}); a line without one gives none. Numbers are read
 * exactly, duplicate member names are rejected, as in {@code StixJson}.
 */
final class StixBundleAdapter implements TelemetryAdapter {
  /** Exact numbers as in {@link StixJson}, the adapters' depth and size limits. */
  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonRecord.FACTORY.copy())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  StixBundleAdapter(String sourceName) {
    // identifiers are the objects' own: the source name is not needed
  }

  @Override
  public void read(
      byte[] record, int offset, int length, long lineNumber, Consumer<Observation> sink)
      throws MalformedRecordException {
    if (length > MAX_RECORD_BYTES) {
      throw new MalformedRecordException(
          "record of " + length + " bytes is over the limit of " + MAX_RECORD_BYTES);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(record, offset, length);
    } catch (IOException e) {
      throw JsonRecord.malformed(e);
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedRecordException("empty record");
    }
    if (node.isObject() && !node.has("objects")) {
      ArrayNode one = MAPPER.createArrayNode();
      one.add(node);
      node = one;
    }
    List<Observation> observations;
    try {
      observations = Observation.fromBundle(node);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage());
    }
    observations.forEach(sink);
  }
}
