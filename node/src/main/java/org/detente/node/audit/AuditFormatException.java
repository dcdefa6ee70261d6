package org.detente.node.audit;

/** A signed head, receipt or audit export that cannot be read: the message says what is wrong. */
public final class AuditFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditFormatException(String message) {
    super(message);
  }

  public AuditFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
