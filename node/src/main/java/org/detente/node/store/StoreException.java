package org.detente.node.store;

/** A store operation failed: the database refused it or could not be reached. Nothing was kept. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
