package org.detente.node.sync;

import java.net.URI;

/**
 * The server answered 2xx with a body TAXII 2.1 does not allow: malformed JSON, a required property
 * missing or of the wrong type, a body larger than the client's limit, or a media type other than
 * the one asked for. The message names the request and what was wrong.
 */
public final class TaxiiResponseException extends TaxiiException {
  private static final long serialVersionUID = 1L;

  TaxiiResponseException(String method, URI uri, String problem, Throwable cause) {
    super(method + " " + uri + ": bad response: " + problem, uri, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
