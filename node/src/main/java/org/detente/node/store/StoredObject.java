package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.StixObject;

/**
 * One stored version of an object, with its JSON text exactly as it was added.
 *
 * @param id the object's id
 * @param type the object's type
 * @param version {@code modified}, else {@code created}; empty for objects without a version
 * @param specVersion the object's spec_version, {@code 2.1} when it has none
 * @param dateAdded when this version was added to the collection (server-assigned)
 * @param json the compact JSON text of the object
 */
public record StoredObject(
    String id,
    String type,
    Optional<String> version,
    String specVersion,
    Instant dateAdded,
    String json) {
  public StoredObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(json, "json");
  }

  /** The object, parsed from {@link #json()} on each call. */
  public StixObject object() {
    return StixObject.parse(json);
  }

  /** {@code application/stix+json;version=} and the spec version. */
  public String mediaType() {
    return ManifestEntry.mediaTypeOf(specVersion);
  }
}
