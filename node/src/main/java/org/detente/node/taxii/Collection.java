package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection resource (TAXII 2.1 section 5.2.1), as seen by one requester: {@code can_read} and
 * {@code can_write} are that requester's rights.
 *
 * @param id the collection's identifier
 * @param title a human-readable name
 * @param description a longer description
 * @param alias a human-friendly alternative to the id, unique within the API root
 * @param canRead whether the requester may read objects
 * @param canWrite whether the requester may add objects
 * @param mediaTypes the media types of the objects held
 */
public record Collection(
    String id,
    String title,
    Optional<String> description,
    Optional<String> alias,
    boolean canRead,
    boolean canWrite,
    List<String> mediaTypes) {
  public Collection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(alias, "alias");
    mediaTypes = List.copyOf(mediaTypes);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("id", id);
    o.put("title", title);
    description.ifPresent(d -> o.put("description", d));
    alias.ifPresent(a -> o.put("alias", a));
    o.put("can_read", canRead);
    o.put("can_write", canWrite);
    if (!mediaTypes.isEmpty()) {
      o.set("media_types", TaxiiJson.strings(mediaTypes));
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a collection resource
   */
  public static Collection fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("collection", json);
    return new Collection(
        f.string("id"),
        f.string("title"),
        f.optionalString("description"),
        f.optionalString("alias"),
        f.bool("can_read"),
        f.bool("can_write"),
        f.strings("media_types", false));
  }
}
