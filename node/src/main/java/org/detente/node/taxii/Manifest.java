package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifest resource (TAXII 2.1 section 5.3.1): one page of object metadata.
 *
 * <p>TAXII 2.1 gives the manifest no {@code next} property; a client pages it with {@code
 * added_after} set to the {@code X-TAXII-Date-Added-Last} header of the previous page (or the last
 * record's {@code date_added}); this server's pages are keyed by {@code date_added}, so that walk
 * never skips or repeats a record.
 *
 * @param more whether more records follow this page
 * @param objects the records; written only when not empty
 */
public record Manifest(boolean more, List<ManifestRecord> objects) {
  public Manifest {
    objects = List.copyOf(objects);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("more", more);
    if (!objects.isEmpty()) {
      ArrayNode a = o.putArray("objects");
      objects.forEach(r -> a.add(r.toJson()));
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a manifest resource
   */
  public static Manifest fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("manifest", json);
    List<ManifestRecord> out = new ArrayList<>();
    for (JsonNode r : f.objects("objects", false)) {
      out.add(ManifestRecord.fromJson(r));
    }
    return new Manifest(f.bool("more", false), out);
  }
}
