package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.StixObject;

/**
 * The envelope resource (TAXII 2.1 section 3.7.1): one page of objects, or the objects a client
 * adds.
 *
 * @param more whether more objects follow this page ({@code false} when absent)
 * @param next the value to pass as {@code next} for the following page
 * @param objects the objects; written only when not empty
 */
public record Envelope(boolean more, Optional<String> next, List<StixObject> objects) {
  public Envelope {
    Objects.requireNonNull(next, "next");
    objects = List.copyOf(objects);
  }

  /** An envelope holding objects to add. */
  public static Envelope of(List<StixObject> objects) {
    return new Envelope(false, Optional.empty(), objects);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("more", more);
    next.ifPresent(n -> o.put("next", n));
    if (!objects.isEmpty()) {
      ArrayNode a = o.putArray("objects");
      objects.forEach(x -> a.add(x.json()));
    }
    return o;
  }

  /**
   * Reads an envelope; each element of {@code objects} must be a JSON object with string {@code
   * type} and {@code id} (STIX rules are checked later, per object).
   *
   * @throws TaxiiFormatException when {@code json} is not an envelope
   */
  public static Envelope fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("envelope", json);
    List<JsonNode> items = f.objects("objects", false);
    List<StixObject> objects = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        objects.add(StixObject.adopt((ObjectNode) items.get(i)));
      } catch (IllegalArgumentException e) {
        throw new TaxiiFormatException("envelope: objects[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new Envelope(f.bool("more", false), f.optionalString("next"), objects);
  }
}
