package org.detente.node.sync;

import java.net.URI;
import java.util.Objects;

/**
 * A TAXII request made by {@link TaxiiClient} failed. Every failure is one of three kinds, so that
 * a caller can tell what to do next:
 *
 * <ul>
 *   <li>{@link TaxiiHttpException}: the server answered with a status other than 2xx (its TAXII
 *       error resource, when it sent one, is carried);
 *   <li>{@link TaxiiResponseException}: the server answered 2xx with something that is not what
 *       TAXII 2.1 prescribes (malformed JSON, a property of the wrong type, a body over the limit,
 *       a wrong media type);
 *   <li>{@link TaxiiConnectionException}: no answer: the connection failed or the request timed
 *       out.
 * </ul>
 *
 * <p>Messages name the method and URL of the request; they never contain credentials.
 */
public abstract sealed class TaxiiException extends RuntimeException
    permits TaxiiHttpException, TaxiiResponseException, TaxiiConnectionException {
  private static final long serialVersionUID = 1L;

  private final transient URI uri;

  TaxiiException(String message, URI uri, Throwable cause) {
    super(message, cause);
    this.uri = Objects.requireNonNull(uri, "uri");
  }

  /** The URL of the request that failed (without credentials: the client never puts any there). */
  public URI uri() {
    return uri;
  }

  /**
   * True when the same request may succeed later unchanged: no answer, a 5xx status, 408 or 429. A
   * bad response or another 4xx status will not go away by retrying.
   */
  public abstract boolean retryable();
}
