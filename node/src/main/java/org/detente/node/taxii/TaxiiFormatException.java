package org.detente.node.taxii;

/**
 * A JSON text is not the TAXII 2.1 resource it should be: malformed JSON, a missing required
 * property, or a property of the wrong type. The message names the resource and the property.
 */
public final class TaxiiFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TaxiiFormatException(String message) {
    super(message);
  }

  public TaxiiFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
