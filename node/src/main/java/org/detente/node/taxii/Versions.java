package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The versions resource (TAXII 2.1 section 5.7.1): one page of the versions of one object, oldest
 * added first. Like the manifest, it has no {@code next}: page it with {@code added_after} set to
 * the {@code X-TAXII-Date-Added-Last} header of the previous page.
 *
 * @param more whether more versions follow this page
 * @param versions the versions ({@code modified}, else {@code created}, else the {@code date_added}
 *     of an object with neither); written only when not empty
 */
public record Versions(boolean more, List<String> versions) {
  public Versions {
    versions = List.copyOf(versions);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("more", more);
    if (!versions.isEmpty()) {
      o.set("versions", TaxiiJson.strings(versions));
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a versions resource
   */
  public static Versions fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("versions", json);
    return new Versions(f.bool("more", false), f.strings("versions", false));
  }
}
