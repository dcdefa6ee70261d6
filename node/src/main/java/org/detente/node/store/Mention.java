package org.detente.node.store;

import java.util.Objects;

/**
 * An object that mentions an observable value: an SCO holding it, or an indicator whose STIX
 * pattern compares against it (or, for an IP address, against a CIDR block containing it).
 *
 * @param collectionId the collection holding the object
 * @param objectId the object's id
 * @param type the object's type
 */
public record Mention(String collectionId, String objectId, String type) {
  public Mention {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(type, "type");
  }
}
