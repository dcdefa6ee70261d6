package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The collections resource (TAXII 2.1 section 5.1.1): the collections of an API root the requester
 * may see. An empty list is written as a resource without {@code collections}.
 */
public record Collections(List<Collection> collections) {
  public Collections {
    collections = List.copyOf(collections);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    if (!collections.isEmpty()) {
      ArrayNode a = o.putArray("collections");
      collections.forEach(c -> a.add(c.toJson()));
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a collections resource
   */
  public static Collections fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("collections", json);
    List<Collection> out = new ArrayList<>();
    for (JsonNode c : f.objects("collections", false)) {
      out.add(Collection.fromJson(c));
    }
    return new Collections(out);
  }
}
