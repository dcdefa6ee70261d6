package org.detente.node.sync;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.detente.node.taxii.TaxiiError;

/**
 * The server answered with an HTTP status other than 2xx. When the body was a TAXII error resource
 * it is kept ({@link #error()}); {@link #title()} is its title, else a text naming the status.
 */
public final class TaxiiHttpException extends TaxiiException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient TaxiiError error;
  private final transient Duration retryAfter;

  TaxiiHttpException(
      String method,
      URI uri,
      int status,
      Optional<TaxiiError> error,
      Optional<Duration> retryAfter) {
    super(
        method
            + " "
            + uri
            + ": HTTP "
            + status
            + error
                .map(e -> ": " + e.title() + e.description().map(d -> " (" + d + ")").orElse(""))
                .orElse(" without a TAXII error resource"),
        uri,
        null);
    this.status = status;
    this.error = error.orElse(null);
    this.retryAfter = retryAfter.orElse(null);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The TAXII error resource of the body, when the body was one. */
  public Optional<TaxiiError> error() {
    return Optional.ofNullable(error);
  }

  /** The error resource's {@code title}, else {@code HTTP} and the status. */
  public String title() {
    return error == null ? "HTTP " + status : error.title();
  }

  /** The error resource's {@code description}, when it had one. */
  public Optional<String> description() {
    return error == null ? Optional.empty() : error.description();
  }

  /** The delay the server asked for in a {@code Retry-After} header (seconds form), if any. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return status >= 500 || status == 408 || status == 429;
  }
}
