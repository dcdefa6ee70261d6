package org.detente.node.sync;

import java.net.URI;

/** No answer to a TAXII request: the connection failed, broke, or the request timed out. */
public final class TaxiiConnectionException extends TaxiiException {
  private static final long serialVersionUID = 1L;

  TaxiiConnectionException(String method, URI uri, String problem, Throwable cause) {
    super(method + " " + uri + ": " + problem, uri, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
