package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The discovery resource (TAXII 2.1 section 4.1.1), served at {@code /taxii2/}.
 *
 * @param title a human-readable name of the server
 * @param description a longer description
 * @param contact how to reach the server's operators
 * @param defaultApiRoot {@code default}: the URL of the default API root
 * @param apiRoots {@code api_roots}: the URLs of the API roots
 */
public record Discovery(
    String title,
    Optional<String> description,
    Optional<String> contact,
    Optional<String> defaultApiRoot,
    List<String> apiRoots) {
  public Discovery {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(defaultApiRoot, "defaultApiRoot");
    apiRoots = List.copyOf(apiRoots);
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("title", title);
    description.ifPresent(d -> o.put("description", d));
    contact.ifPresent(c -> o.put("contact", c));
    defaultApiRoot.ifPresent(d -> o.put("default", d));
    if (!apiRoots.isEmpty()) {
      o.set("api_roots", TaxiiJson.strings(apiRoots));
    }
    return o;
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a discovery resource
   */
  public static Discovery fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("discovery", json);
    return new Discovery(
        f.string("title"),
        f.optionalString("description"),
        f.optionalString("contact"),
        f.optionalString("default"),
        f.strings("api_roots", false));
  }
}
