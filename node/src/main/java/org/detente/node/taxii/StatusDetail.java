package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One object of an add request in a status resource (TAXII 2.1 {@code status-details}, section
 * 4.3.1).
 *
 * @param id the object's id
 * @param version the object's version ({@code modified}, else {@code created}; for an object with
 *     neither, the {@code date_added} it was stored with, or an empty string when it was not
 *     stored)
 * @param message why the object failed, or a note on a success
 */
public record StatusDetail(String id, String version, Optional<String> message) {
  public StatusDetail {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(message, "message");
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("id", id);
    o.put("version", version);
    message.ifPresent(m -> o.put("message", m));
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a status-details entry
   */
  public static StatusDetail fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("status-details", json);
    return new StatusDetail(f.string("id"), f.string("version"), f.optionalString("message"));
  }
}
