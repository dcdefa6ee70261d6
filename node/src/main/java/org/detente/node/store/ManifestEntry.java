package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of one stored version, without its content (a TAXII manifest record).
 *
 * @param id the object's id
 * @param dateAdded when this version was added to the collection
 * @param version {@code modified}, else {@code created}; empty for objects without a version
 * @param specVersion the object's spec_version, {@code 2.1} when it has none
 */
public record ManifestEntry(
    String id, Instant dateAdded, Optional<String> version, String specVersion) {
  public ManifestEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(specVersion, "specVersion");
  }

  /** {@code application/stix+json;version=} and the spec version. */
  public String mediaType() {
    return mediaTypeOf(specVersion);
  }

  static String mediaTypeOf(String specVersion) {
    return "application/stix+json;version=" + specVersion;
  }
}
