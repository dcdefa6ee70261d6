package org.detente.stix;

/**
 * Thrown when no part of an object may leave under the markings a recipient is allowed: an
 * object-level marking is not allowed, its markings cannot be read with certainty, or a marking
 * that is not allowed covers a property the object cannot exist without.
 */
public final class ObjectWithheldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String objectId;

  public ObjectWithheldException(String objectId, String reason) {
    super(objectId + " is withheld: " + reason);
    this.objectId = objectId;
  }

  /** The id of the withheld object. */
  public String objectId() {
    return objectId;
  }
}
