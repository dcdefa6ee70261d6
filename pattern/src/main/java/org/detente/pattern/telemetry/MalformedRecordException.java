package org.detente.pattern.telemetry;

/**
 * A telemetry record that cannot be mapped: not JSON, not a JSON object, a field of the wrong type
 * or out of range, or over a size limit. The message names the field and the value.
 */
public final class MalformedRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedRecordException(String message) {
    super(message, null, false, false);
  }
}
