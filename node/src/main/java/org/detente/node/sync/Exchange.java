package org.detente.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.TaxiiError;
import org.detente.node.taxii.TaxiiFormatException;
import org.detente.node.taxii.TaxiiJson;

/**
 * One HTTP exchange with a TAXII server: the request with the TAXII headers and credentials, a
 * deadline covering the whole exchange (headers and body), a body read into memory only up to a
 * limit, and every failure turned into a {@link TaxiiException}.
 *
 * <p>The deadline is enforced by waiting on the asynchronous exchange and cancelling it, because
 * the JDK client's request timeout stops at the response headers; a server that stalls in the
 * middle of a body would otherwise hold the caller forever.
 */
final class Exchange {
  private static final System.Logger LOG = System.getLogger(TaxiiClient.class.getName());
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final long maxBytes;

  Exchange(HttpClient http, TaxiiCredentials credentials, Duration timeout, long maxBytes) {
    this.http = http;
    this.authorization = credentials.authorization();
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** An answer with a 2xx status. */
  record Answer(String method, URI uri, HttpHeaders headers, byte[] body) {
    /**
     * The body read as a TAXII resource by {@code reader} (a record's {@code fromJson}), after
     * checking the media type.
     *
     * @throws TaxiiResponseException when the media type, the JSON or the resource is wrong
     */
    <T> T read(Function<JsonNode, T> reader) {
      String type = headers.firstValue("Content-Type").orElse("");
      if (!isTaxii(type)) {
        throw bad("Content-Type is '" + type + "', expected " + MediaTypes.TAXII_21, null);
      }
      try {
        return reader.apply(TaxiiJson.parse(body));
      } catch (TaxiiFormatException e) {
        throw bad(e.getMessage(), e);
      }
    }

    /**
     * The body, after checking that its media type is {@code mediaType} (parameters such as {@code
     * charset} aside).
     *
     * @throws TaxiiResponseException when the media type is another
     */
    byte[] bodyOf(String mediaType) {
      String type = headers.firstValue("Content-Type").orElse("");
      if (!sameType(type, mediaType)) {
        throw bad("Content-Type is '" + type + "', expected " + mediaType, null);
      }
      return body;
    }

    /** A header holding a TAXII timestamp, when present. */
    Optional<Instant> timestampHeader(String name) {
      Optional<String> v = headers.firstValue(name);
      try {
        return v.map(t -> TaxiiJson.parseTimestamp("header " + name, t));
      } catch (TaxiiFormatException e) {
        throw bad(e.getMessage(), e);
      }
    }

    TaxiiResponseException bad(String problem, Throwable cause) {
      return new TaxiiResponseException(method, uri, problem, cause);
    }
  }

  Answer get(URI uri) {
    return get(uri, Map.of());
  }

  /** A GET with more request headers (for example a nonce to be signed over). */
  Answer get(URI uri, Map<String, String> headers) {
    return send(
        request(
            "GET", uri, HttpRequest.BodyPublishers.noBody(), false, MediaTypes.TAXII_21, headers));
  }

  Answer delete(URI uri) {
    return send(
        request(
            "DELETE",
            uri,
            HttpRequest.BodyPublishers.noBody(),
            false,
            MediaTypes.TAXII_21,
            Map.of()));
  }

  Answer post(URI uri, byte[] body, Map<String, String> headers) {
    return send(
        request(
            "POST",
            uri,
            HttpRequest.BodyPublishers.ofByteArray(body),
            true,
            MediaTypes.TAXII_21,
            headers));
  }

  /**
   * A POST of a body that is not TAXII: {@code mediaType} is its {@code Content-Type} and the
   * {@code Accept} of the answer.
   */
  Answer post(URI uri, String mediaType, byte[] body) {
    return send(
        request(
            "POST", uri, HttpRequest.BodyPublishers.ofByteArray(body), true, mediaType, Map.of()));
  }

  private HttpRequest request(
      String method,
      URI uri,
      HttpRequest.BodyPublisher body,
      boolean hasBody,
      String mediaType,
      Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", mediaType)
            .method(method, body);
    if (hasBody) {
      b.header("Content-Type", mediaType);
    }
    authorization.ifPresent(a -> b.header("Authorization", a));
    headers.forEach(b::header);
    return b.build();
  }

  private Answer send(HttpRequest request) {
    String method = request.method();
    URI uri = request.uri();
    long start = System.nanoTime();
    HttpResponse<byte[]> response =
        await(method, uri, http.sendAsync(request, info -> new BoundedBody(info, maxBytes)));
    int status = response.statusCode();
    LOG.log(
        System.Logger.Level.DEBUG,
        "{0} {1}: {2}, {3} bytes in {4} ms",
        method,
        uri,
        status,
        response.body().length,
        (System.nanoTime() - start) / 1_000_000);
    if (status < 200 || status > 299) {
      throw error(method, uri, status, response.headers(), response.body());
    }
    return new Answer(method, uri, response.headers(), response.body());
  }

  /** Reads a streamed answer's body; an {@link IOException} is a broken or stalled transfer. */
  @FunctionalInterface
  interface StreamReader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * A GET whose answer, of media type {@code mediaType}, is handed to {@code reader} as a stream,
   * without a limit on its size and without holding it in memory: for answers that may be far
   * larger than {@link #maxBytes}. The deadline covers the request up to the answer's headers; then
   * the transfer may take as long as it needs, but fails when no byte arrives for as long as the
   * deadline ({@link IdleTimeoutStream}). A failure of {@code reader} other than an {@link
   * IOException} propagates as it is.
   *
   * @throws TaxiiException when the request fails, the answer is not 2xx or of another media type,
   *     or the transfer breaks off or stalls
   */
  <T> T stream(URI uri, String mediaType, StreamReader<T> reader) {
    HttpResponse<InputStream> response =
        await(
            "GET",
            uri,
            http.sendAsync(
                request(
                    "GET", uri, HttpRequest.BodyPublishers.noBody(), false, mediaType, Map.of()),
                HttpResponse.BodyHandlers.ofInputStream()));
    try (IdleTimeoutStream in = new IdleTimeoutStream(response.body(), timeout)) {
      int status = response.statusCode();
      if (status < 200 || status > 299) {
        throw error(
            "GET",
            uri,
            status,
            response.headers(),
            in.readNBytes((int) Math.min(maxBytes, 1 << 20)));
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!sameType(type, mediaType)) {
        throw new TaxiiResponseException(
            "GET", uri, "Content-Type is '" + type + "', expected " + mediaType, null);
      }
      return reader.read(in);
    } catch (IOException e) {
      throw new TaxiiConnectionException("GET", uri, "the answer broke off: " + e.getMessage(), e);
    }
  }

  /**
   * Waits for the answer (its headers, or all of it, as the body handler reads) until the deadline.
   */
  private <R> HttpResponse<R> await(
      String method, URI uri, CompletableFuture<HttpResponse<R>> future) {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TaxiiConnectionException(
          method, uri, "no complete answer within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TaxiiConnectionException(method, uri, "interrupted", e);
    } catch (CancellationException e) {
      throw new TaxiiConnectionException(method, uri, "cancelled", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof BodyTooLarge tooLarge) {
        throw new TaxiiResponseException(method, uri, tooLarge.getMessage(), null);
      }
      if (c instanceof HttpTimeoutException) {
        throw new TaxiiConnectionException(
            method, uri, "no answer within " + timeout.toMillis() + " ms", c);
      }
      throw new TaxiiConnectionException(
          method, uri, "connection failed: " + (c == null ? e : c), c == null ? e : c);
    }
  }

  private static TaxiiHttpException error(
      String method, URI uri, int status, HttpHeaders headers, byte[] body) {
    Optional<TaxiiError> error;
    try {
      error = Optional.of(TaxiiError.fromJson(TaxiiJson.parse(body)));
    } catch (TaxiiFormatException e) {
      error = Optional.empty(); // not a TAXII error resource: the status alone explains it
    }
    Optional<Duration> retryAfter =
        headers
            .firstValue("Retry-After")
            .filter(v -> !v.isEmpty() && v.length() <= 9 && v.chars().allMatch(Character::isDigit))
            .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    return new TaxiiHttpException(method, uri, status, error, retryAfter);
  }

  /** Whether a {@code Content-Type} names {@code mediaType}, whatever its parameters. */
  static boolean sameType(String contentType, String mediaType) {
    return contentType.split(";")[0].strip().equalsIgnoreCase(mediaType);
  }

  /** True for {@code application/taxii+json} with no version or version 2.1, in any case. */
  static boolean isTaxii(String contentType) {
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/taxii+json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("version=") && !p.substring(8).strip().equals("2.1")) {
        return false;
      }
    }
    return true;
  }

  /** The body was larger than the client reads. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(String message) {
      super(message);
    }
  }

  /** Collects a body into memory, failing as soon as it exceeds the limit. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long max;
    private final OptionalLong declared;
    private final ByteArrayOutputStream out;
    private Flow.Subscription subscription;

    BoundedBody(HttpResponse.ResponseInfo info, long max) {
      this.max = max;
      this.declared = info.headers().firstValueAsLong("Content-Length");
      // never trust a declared length for more than a first MiB of buffer
      this.out =
          new ByteArrayOutputStream((int) Math.min(Math.max(declared.orElse(8192), 0), 1 << 20));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared.isPresent() && declared.getAsLong() > max) {
        s.cancel();
        result.completeExceptionally(
            new BodyTooLarge(
                "Content-Length " + declared.getAsLong() + " is over the limit of " + max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        if (out.size() + (long) b.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(
              new BodyTooLarge("body is over the limit of " + max + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
