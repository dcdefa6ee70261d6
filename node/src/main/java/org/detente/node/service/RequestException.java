package org.detente.node.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Why the node refuses a request, in the terms of its domain; the HTTP layer maps each kind to one
 * status code and a TAXII error resource, in one place. Messages name the offending value and never
 * carry secrets.
 */
public abstract sealed class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private RequestException(String message) {
    super(message);
  }

  /** No credentials, unknown credentials, or a revoked account. */
  public static final class NotAuthenticated extends RequestException {
    private static final long serialVersionUID = 1L;

    public NotAuthenticated(String message) {
      super(message);
    }
  }

  /** The account may see the resource but not do this to it. */
  public static final class Forbidden extends RequestException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message);
    }
  }

  /**
   * The resource does not exist, or the account may not see it: the two are told apart nowhere, so
   * the message depends only on what was asked for.
   */
  public static final class NotFound extends RequestException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }

  /** The request is malformed: a bad parameter, a bad cursor, a malformed envelope. */
  public static final class Invalid extends RequestException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  /** The request is larger than a limit allows (body size, objects per envelope). */
  public static final class TooLarge extends RequestException {
    private static final long serialVersionUID = 1L;

    public TooLarge(String message) {
      super(message);
    }
  }

  /** The account has made more requests than its rate allows; it may retry after a while. */
  public static final class RateLimited extends RequestException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimited(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long to wait before the next request is allowed. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
