package org.detente.node.store;

/** The collection named by an operation does not exist in the store. */
public final class UnknownCollectionException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String collectionId;

  public UnknownCollectionException(String collectionId) {
    super("no collection with id '" + collectionId + "'");
    this.collectionId = collectionId;
  }

  /** The id that was asked for. */
  public String collectionId() {
    return collectionId;
  }
}
