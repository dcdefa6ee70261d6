package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a manifest (TAXII 2.1 section 5.3.1): one stored version of an object.
 *
 * @param id the object's id
 * @param dateAdded {@code date_added}: when this version was added to the collection
 * @param version {@code modified}, else {@code created}; for an object with neither (an SCO), its
 *     {@code date_added}
 * @param mediaType {@code media_type}, for example {@link MediaTypes#STIX_21}
 */
public record ManifestRecord(String id, Instant dateAdded, String version, String mediaType) {
  public ManifestRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("id", id);
    o.put("date_added", TaxiiJson.timestamp(dateAdded));
    o.put("version", version);
    o.put("media_type", mediaType);
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a manifest record
   */
  public static ManifestRecord fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("manifest-record", json);
    return new ManifestRecord(
        f.string("id"), f.timestamp("date_added"), f.string("version"), f.string("media_type"));
  }
}
