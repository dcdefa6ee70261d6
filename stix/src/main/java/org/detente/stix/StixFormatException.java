package org.detente.stix;

/** Thrown when input is not well-formed JSON of the shape STIX requires. */
public final class StixFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StixFormatException(String message) {
    super(message);
  }

  public StixFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
