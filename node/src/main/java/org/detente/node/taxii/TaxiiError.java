package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The error resource (TAXII 2.1 section 3.6.1), the body of every error response.
 *
 * @param title a short human-readable summary
 * @param description what went wrong, naming the offending value
 * @param errorId {@code error_id}: an identifier of this occurrence, for the server's log
 * @param errorCode {@code error_code}: a stable code for the kind of error
 * @param httpStatus {@code http_status}: the HTTP status code, as a string
 * @param externalDetails {@code external_details}: a URL with more details
 * @param details {@code details}: further name-value pairs
 */
public record TaxiiError(
    String title,
    Optional<String> description,
    Optional<String> errorId,
    Optional<String> errorCode,
    Optional<String> httpStatus,
    Optional<String> externalDetails,
    Map<String, String> details) {
  public TaxiiError {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(errorId, "errorId");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(externalDetails, "externalDetails");
    details = Map.copyOf(details);
  }

  /** An error with a title, a description, a code and an HTTP status. */
  public static TaxiiError of(int httpStatus, String code, String title, String description) {
    return new TaxiiError(
        title,
        Optional.of(description),
        Optional.empty(),
        Optional.of(code),
        Optional.of(Integer.toString(httpStatus)),
        Optional.empty(),
        Map.of());
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("title", title);
    description.ifPresent(d -> o.put("description", d));
    errorId.ifPresent(d -> o.put("error_id", d));
    errorCode.ifPresent(d -> o.put("error_code", d));
    httpStatus.ifPresent(d -> o.put("http_status", d));
    externalDetails.ifPresent(d -> o.put("external_details", d));
    if (!details.isEmpty()) {
      ObjectNode d = o.putObject("details");
      new java.util.TreeMap<>(details).forEach(d::put);
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not an error resource
   */
  public static TaxiiError fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("error", json);
    return new TaxiiError(
        f.string("title"),
        f.optionalString("description"),
        f.optionalString("error_id"),
        f.optionalString("error_code"),
        f.optionalString("http_status"),
        f.optionalString("external_details"),
        f.stringMap("details"));
  }
}
