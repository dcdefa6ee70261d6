package org.detente.node.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store keeps about a collection. Access rights are not a store concern.
 *
 * @param id the collection's identifier (TAXII uses a UUID; any non-blank text up to 250 characters
 *     is accepted here)
 * @param title a human-readable title
 * @param description an optional longer description
 * @param mediaTypes the media types of the objects the collection holds, never empty
 */
public record CollectionInfo(
    String id, String title, Optional<String> description, List<String> mediaTypes) {
  /** The media type of STIX 2.1 content, the default of every collection. */
  public static final String STIX_21 = "application/stix+json;version=2.1";

  /**
   * @throws IllegalArgumentException when the id is blank or longer than 250 characters, or the
   *     media type list is empty or holds a blank entry
   */
  public CollectionInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    mediaTypes = List.copyOf(mediaTypes);
    if (id.isBlank() || id.length() > 250) {
      throw new IllegalArgumentException(
          "collection id must be 1 to 250 characters, not blank; got " + id.length() + ": " + id);
    }
    if (mediaTypes.isEmpty()) {
      throw new IllegalArgumentException("collection " + id + ": media type list is empty");
    }
    for (String m : mediaTypes) {
      if (m.isBlank() || m.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("collection " + id + ": invalid media type '" + m + "'");
      }
    }
  }

  /** A collection with no description holding STIX 2.1 content. */
  public static CollectionInfo of(String id, String title) {
    return new CollectionInfo(id, title, Optional.empty(), List.of(STIX_21));
  }
}
