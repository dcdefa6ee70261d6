package org.detente.node.identity;

/** An envelope whose signature is absent, malformed, by another signer, or does not verify. */
public final class EnvelopeSignatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EnvelopeSignatureException(String message) {
    super(message);
  }

  public EnvelopeSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
