package org.detente.node.policy;

/** A sharing agreement that cannot be read: the message names the line (when known) and the key. */
public final class AgreementException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String key;

  AgreementException(int line, String key, String message) {
    super(
        (line > 0 ? "line " + line + ": " : "")
            + (key.isEmpty() ? "" : "key '" + key + "': ")
            + message);
    this.line = line;
    this.key = key;
  }

  /** The 1-based line of the error, 0 when unknown. */
  public int line() {
    return line;
  }

  /** The key in error, empty when the error is not about one key. */
  public String key() {
    return key;
  }
}
