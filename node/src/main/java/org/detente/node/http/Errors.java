package org.detente.node.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.detente.node.service.RequestException;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.TaxiiError;
import org.detente.node.taxii.TaxiiFormatException;
import org.detente.stix.StixJson;

/**
 * The one place where refusals become HTTP responses: each kind of {@link RequestException} and
 * {@link HttpProblem} maps to one status code and a TAXII error resource naming the problem. Any
 * other exception is a 500 with a fixed description and an {@code error_id}; its detail goes to the
 * log under that id and never to the client.
 */
final class Errors {
  private static final System.Logger LOG = System.getLogger(Errors.class.getName());

  /** The realm of the {@code WWW-Authenticate} challenges. */
  static final String REALM = "detente";

  private Errors() {}

  static void domain(RequestException e, Context ctx) {
    switch (e) {
      case RequestException.NotAuthenticated n -> {
        ctx.res().addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        ctx.res().addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
        send(ctx, 401, "unauthorized", "Unauthorized", n.getMessage());
      }
      case RequestException.Forbidden f -> send(ctx, 403, "forbidden", "Forbidden", f.getMessage());
      case RequestException.NotFound n -> send(ctx, 404, "not-found", "Not Found", n.getMessage());
      case RequestException.Invalid i ->
          send(ctx, 400, "bad-request", "Bad Request", i.getMessage());
      case RequestException.TooLarge t ->
          send(ctx, 413, "too-large", "Payload Too Large", t.getMessage());
      case RequestException.RateLimited r -> {
        ctx.header("Retry-After", Long.toString(Math.max(1, r.retryAfter().toSeconds())));
        send(ctx, 429, "too-many-requests", "Too Many Requests", r.getMessage());
      }
    }
  }

  static void http(HttpProblem p, Context ctx) {
    send(ctx, p.status, p.code, p.title, p.getMessage());
  }

  static void format(TaxiiFormatException e, Context ctx) {
    send(ctx, 400, "bad-request", "Bad Request", e.getMessage());
  }

  static void unexpected(Exception e, Context ctx) {
    String id = UUID.randomUUID().toString();
    LOG.log(
        System.Logger.Level.ERROR,
        "error " + id + " on " + ctx.method() + " " + ctx.path() + ": " + e,
        e);
    TaxiiError err =
        new TaxiiError(
            "Internal Server Error",
            Optional.of("the server failed to answer; the operator can find error_id in its log"),
            Optional.of(id),
            Optional.of("internal-error"),
            Optional.of("500"),
            Optional.empty(),
            Map.of());
    write(ctx, 500, err);
  }

  /** A 404 or 405 from the router itself: no endpoint there. */
  static void noEndpoint(Context ctx) {
    if (!MediaTypes.TAXII_21.equals(ctx.res().getContentType())) {
      int status = ctx.statusCode();
      send(
          ctx,
          status,
          status == 405 ? "method-not-allowed" : "not-found",
          status == 405 ? "Method Not Allowed" : "Not Found",
          "no TAXII endpoint for " + ctx.method() + " " + Negotiation.shorten(ctx.path()));
    }
  }

  static void send(Context ctx, int status, String code, String title, String description) {
    write(ctx, status, TaxiiError.of(status, code, title, description));
  }

  private static void write(Context ctx, int status, TaxiiError err) {
    ctx.status(status);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(StixJson.writeBytes(err.toJson()));
  }
}
