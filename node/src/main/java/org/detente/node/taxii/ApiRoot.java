package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The API root resource (TAXII 2.1 section 4.2.1).
 *
 * @param title a human-readable name
 * @param description a longer description
 * @param versions the TAXII versions served, as media types ({@link MediaTypes#TAXII_21})
 * @param maxContentLength {@code max_content_length}: the largest request body accepted, in bytes
 */
public record ApiRoot(
    String title, Optional<String> description, List<String> versions, long maxContentLength) {
  /**
   * @throws IllegalArgumentException when no version is listed or the length is not positive
   */
  public ApiRoot {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("api root '" + title + "': versions must not be empty");
    }
    if (maxContentLength < 1) {
      throw new IllegalArgumentException(
          "api root '" + title + "': max_content_length must be positive, got " + maxContentLength);
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("title", title);
    description.ifPresent(d -> o.put("description", d));
    o.set("versions", TaxiiJson.strings(versions));
    o.put("max_content_length", maxContentLength);
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not an API root resource
   */
  public static ApiRoot fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("api-root", json);
    try {
      return new ApiRoot(
          f.string("title"),
          f.optionalString("description"),
          f.strings("versions", true),
          f.integer("max_content_length"));
    } catch (IllegalArgumentException e) {
      throw e instanceof TaxiiFormatException t ? t : new TaxiiFormatException(e.getMessage(), e);
    }
  }
}
