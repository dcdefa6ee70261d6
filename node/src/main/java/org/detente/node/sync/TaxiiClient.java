package org.detente.node.sync;

import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.detente.node.identity.EnvelopeSignatureException;
import org.detente.node.identity.EnvelopeSignatures;
import org.detente.node.service.PartnerAudit;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.ApiRoot;
import org.detente.node.taxii.Collection;
import org.detente.node.taxii.Collections;
import org.detente.node.taxii.Discovery;
import org.detente.node.taxii.Envelope;
import org.detente.node.taxii.Manifest;
import org.detente.node.taxii.ManifestRecord;
import org.detente.node.taxii.Status;
import org.detente.node.taxii.Versions;
import org.detente.stix.StixObject;

/**
 * A TAXII 2.1 client: every endpoint of the specification, over the JDK HTTP client.
 *
 * <p>Each request carries {@code Accept: application/taxii+json;version=2.1} (and that {@code
 * Content-Type} on a POST) and the credentials given to the builder. Each has a deadline covering
 * the whole exchange, and a response body is read only up to a limit. Every answer other than 2xx
 * becomes a {@link TaxiiHttpException} carrying the status and the server's TAXII error resource;
 * an answer that is not the resource TAXII prescribes becomes a {@link TaxiiResponseException}; no
 * answer becomes a {@link TaxiiConnectionException}. Redirects are not followed, so that
 * credentials go only to the URL they were given for. Credentials are never logged; requests are
 * logged at {@code DEBUG} with method, URL, status and time.
 *
 * <p>Paged answers (objects, object, versions, manifest) are walked with {@link TaxiiPages}, one
 * request per page. Filters are an {@link ObjectFilter}: {@code match[id]}, {@code match[type]},
 * {@code match[version]} (on queries sent only when it is not the default {@code last}; on a delete
 * always), {@code match[spec_version]} and {@code added_after}. A page size of 0 sends no {@code
 * limit}, leaving the size to the server.
 *
 * <p>URLs: {@code apiRoot} is the absolute URL of an API root (as listed by {@link #discovery});
 * collection and object ids are percent-encoded into it.
 *
 * <p>Thread-safe; one client per server and credentials. Close it to release its connections.
 */
public final class TaxiiClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TaxiiClient.class.getName());
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

  private final HttpClient http;
  private final Exchange exchange;
  private final Duration statusWait;
  private final Optional<Party> signer;
  private final Optional<Party> verifier;

  /** A key and the identity id it belongs to. */
  private record Party(Key key, String identityId) {}

  private TaxiiClient(Builder b) {
    HttpClient.Builder hb =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      hb.sslContext(b.sslContext);
    }
    this.http = hb.build();
    this.exchange = new Exchange(http, b.credentials, b.requestTimeout, b.maxResponseBytes);
    this.statusWait = b.statusWait;
    this.signer = Optional.ofNullable(b.signer);
    this.verifier = Optional.ofNullable(b.verifier);
  }

  /** A builder with the defaults: no credentials, the JDK's default trust, limits as documented. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The discovery resource ({@code GET /taxii2/}).
   *
   * @param discoveryUrl the discovery URL, for example {@code https://host/taxii2/}
   * @throws TaxiiException when the request fails
   */
  public Discovery discovery(URI discoveryUrl) {
    return get(Urls.base(discoveryUrl), Discovery::fromJson);
  }

  /**
   * The API root resource ({@code GET <api-root>/}).
   *
   * @throws TaxiiException when the request fails
   */
  public ApiRoot apiRoot(URI apiRoot) {
    return get(Urls.base(apiRoot), ApiRoot::fromJson);
  }

  /**
   * The collections of an API root the credentials may see ({@code GET <api-root>/collections/}).
   *
   * @throws TaxiiException when the request fails
   */
  public List<Collection> collections(URI apiRoot) {
    return get(Urls.path(Urls.base(apiRoot), "collections"), Collections::fromJson).collections();
  }

  /**
   * One collection ({@code GET <api-root>/collections/<id>/}).
   *
   * @throws TaxiiHttpException with status 404 when the collection does not exist or may not be
   *     seen
   * @throws TaxiiException when the request fails
   */
  public Collection collection(URI apiRoot, String collectionId) {
    return get(collectionUrl(apiRoot, collectionId), Collection::fromJson);
  }

  /**
   * The objects of a collection matching a filter, page by page ({@code GET
   * <api-root>/collections/<id>/objects/}). No request is made until the first page is asked for.
   *
   * @param pageSize the {@code limit} of each request, or 0 for the server's default
   * @throws IllegalArgumentException when {@code pageSize} is negative
   */
  public TaxiiPages<StixObject> objects(
      URI apiRoot, String collectionId, ObjectFilter filter, int pageSize) {
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "objects");
    return envelopes(url, filter, true, pageSize);
  }

  /**
   * The versions of one object, page by page ({@code GET <api-root>/collections/<id>/objects/
   * <object-id>/}). Of the filter, only the version match, the spec versions and {@code
   * added_after} apply.
   *
   * @param pageSize the {@code limit} of each request, or 0 for the server's default
   * @throws IllegalArgumentException when {@code pageSize} is negative
   */
  public TaxiiPages<StixObject> object(
      URI apiRoot, String collectionId, String objectId, ObjectFilter filter, int pageSize) {
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "objects", objectId);
    return envelopes(url, filter, false, pageSize);
  }

  /**
   * The version timestamps of one object, page by page ({@code GET
   * <api-root>/collections/<id>/objects/<object-id>/versions/}). Of the filter, only the spec
   * versions and {@code added_after} apply.
   *
   * @param pageSize the {@code limit} of each request, or 0 for the server's default
   * @throws IllegalArgumentException when {@code pageSize} is negative
   */
  public TaxiiPages<String> versions(
      URI apiRoot, String collectionId, String objectId, ObjectFilter filter, int pageSize) {
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "objects", objectId, "versions");
    return pages(
        url,
        filter,
        false,
        Urls.Versions.NEVER,
        pageSize,
        false,
        answer -> {
          Versions v = answer.read(Versions::fromJson);
          return page(answer, v.versions(), v.more(), Optional.empty());
        });
  }

  /**
   * The manifest of a collection, page by page ({@code GET <api-root>/collections/<id>/manifest/}).
   *
   * @param pageSize the {@code limit} of each request, or 0 for the server's default
   * @throws IllegalArgumentException when {@code pageSize} is negative
   */
  public TaxiiPages<ManifestRecord> manifest(
      URI apiRoot, String collectionId, ObjectFilter filter, int pageSize) {
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "manifest");
    return pages(
        url,
        filter,
        true,
        Urls.Versions.UNLESS_LAST,
        pageSize,
        false,
        answer -> {
          Manifest m = answer.read(Manifest::fromJson);
          return page(answer, m.objects(), m.more(), Optional.empty());
        });
  }

  /**
   * Adds objects to a collection ({@code POST <api-root>/collections/<id>/objects/}) and, while the
   * returned status is {@code pending}, polls it ({@code GET <api-root>/status/<id>/}) with growing
   * pauses (50 ms doubling up to 2 s) until it is complete or the builder's status wait has passed.
   * The objects are sent exactly as they were received or built.
   *
   * @return the last status read: complete, or still pending when the wait ran out
   * @throws IllegalArgumentException when {@code objects} is empty
   * @throws TaxiiHttpException with status 413 when the envelope is larger than the server's {@code
   *     max_content_length}
   * @throws TaxiiConnectionException also when the thread is interrupted while polling
   * @throws TaxiiException when a request fails
   */
  public Status add(URI apiRoot, String collectionId, List<StixObject> objects) {
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("nothing to add to collection " + collectionId);
    }
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "objects");
    byte[] body = envelope(objects);
    Map<String, String> headers =
        signer
            .map(
                p ->
                    Map.of(
                        EnvelopeSignatures.HEADER,
                        EnvelopeSignatures.sign(
                            (PrivateKey) p.key(),
                            p.identityId(),
                            Instant.now(),
                            EnvelopeSignatures.newNonce(),
                            body)))
            .orElse(Map.of());
    Status status = exchange.post(url, body, headers).read(Status::fromJson);
    long deadline = System.nanoTime() + statusWait.toNanos();
    Duration pause = FIRST_POLL;
    while (status.status() == Status.State.PENDING) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        LOG.log(
            Level.DEBUG,
            "status {0} still pending ({1} of {2}) after {3} ms",
            status.id(),
            status.pendingCount(),
            status.totalCount(),
            statusWait.toMillis());
        return status;
      }
      sleep(Math.min(pause.toNanos(), left), Urls.path(Urls.base(apiRoot), "status", status.id()));
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
      status = status(apiRoot, status.id());
    }
    return status;
  }

  /**
   * A status resource ({@code GET <api-root>/status/<status-id>/}).
   *
   * @throws TaxiiHttpException with status 404 when the server no longer knows the status
   * @throws TaxiiException when the request fails
   */
  public Status status(URI apiRoot, String statusId) {
    return get(Urls.path(Urls.base(apiRoot), "status", statusId), Status::fromJson);
  }

  /**
   * Deletes versions of an object ({@code DELETE <api-root>/collections/<id>/objects/
   * <object-id>/}).
   *
   * @param versions which versions: {@code match[version]}, always sent, because servers differ on
   *     the default of a delete (ours deletes every version, the queries' default is {@code last})
   * @param specVersions {@code match[spec_version]}; empty for the server's default
   * @throws TaxiiHttpException with status 404 when the object or collection does not exist
   * @throws TaxiiException when the request fails
   */
  public void delete(
      URI apiRoot,
      String collectionId,
      String objectId,
      VersionMatch versions,
      List<String> specVersions) {
    ObjectFilter filter =
        ObjectFilter.all()
            .withVersions(versions)
            .withSpecVersions(specVersions.toArray(String[]::new));
    URI url = Urls.path(collectionUrl(apiRoot, collectionId), "objects", objectId);
    exchange.delete(
        Urls.query(
            url,
            Urls.params(
                filter, false, Urls.Versions.ALWAYS, 0, Optional.empty(), Optional.empty())));
  }

  // ------------------------------------------------------------------ Détente's own endpoints

  /**
   * Posts a JSON body to one of Détente's own endpoints and returns the JSON answer (the audit head
   * exchange, {@link org.detente.node.service.PartnerAudit}). Same credentials, deadline, limits
   * and failures as the TAXII requests.
   *
   * @throws TaxiiException when the request fails or the answer is not JSON
   */
  byte[] postJson(URI url, byte[] body) {
    return exchange
        .post(url, PartnerAudit.HEAD_MEDIA_TYPE, body)
        .bodyOf(PartnerAudit.HEAD_MEDIA_TYPE);
  }

  /**
   * Reads an answer of {@code mediaType} from one of Détente's own endpoints as a stream, whatever
   * its size (the audit export, {@link org.detente.node.service.PartnerAudit}): the deadline covers
   * the answer's headers, then the transfer fails only when no byte arrives for as long.
   *
   * @throws TaxiiException when the request fails, or the transfer breaks off or stalls
   */
  <T> T stream(URI url, String mediaType, Exchange.StreamReader<T> reader) {
    return exchange.stream(url, mediaType, reader);
  }

  /** Closes the HTTP client's connections; requests under way are cancelled. */
  @Override
  public void close() {
    http.close();
  }

  private <T> T get(URI url, Function<com.fasterxml.jackson.databind.JsonNode, T> reader) {
    return exchange.get(url).read(reader);
  }

  private static URI collectionUrl(URI apiRoot, String collectionId) {
    Objects.requireNonNull(collectionId, "collectionId");
    return Urls.path(Urls.base(apiRoot), "collections", collectionId);
  }

  private TaxiiPages<StixObject> envelopes(
      URI url, ObjectFilter filter, boolean idsAndTypes, int pageSize) {
    return pages(
        url,
        filter,
        idsAndTypes,
        Urls.Versions.UNLESS_LAST,
        pageSize,
        true,
        answer -> {
          Envelope e = answer.read(Envelope::fromJson);
          return page(answer, e.objects(), e.more(), e.next());
        });
  }

  /** Checks the signature of a served envelope, when the builder asked for it. */
  private void verify(Exchange.Answer answer, String nonce) {
    if (verifier.isEmpty()) {
      return;
    }
    Party p = verifier.get();
    try {
      EnvelopeSignatures.Signed s =
          EnvelopeSignatures.verify(
              (PublicKey) p.key(),
              p.identityId(),
              answer.headers().firstValue(EnvelopeSignatures.HEADER).orElse(null),
              answer.body());
      if (!s.nonce().equals(nonce)) {
        throw new EnvelopeSignatureException(
            "the envelope is signed over another request's nonce: a replayed answer");
      }
    } catch (EnvelopeSignatureException e) {
      throw answer.bad("signature: " + e.getMessage(), e);
    }
  }

  private <T> TaxiiPages<T> pages(
      URI url,
      ObjectFilter filter,
      boolean idsAndTypes,
      Urls.Versions versions,
      int pageSize,
      boolean signed,
      Function<Exchange.Answer, TaxiiPage<T>> reader) {
    Objects.requireNonNull(filter, "filter");
    if (pageSize < 0) {
      throw new IllegalArgumentException(
          "page size must be 0 (server default) or more: " + pageSize);
    }
    return new TaxiiPages<>(
        (next, addedAfter) -> {
          URI u =
              Urls.query(
                  url, Urls.params(filter, idsAndTypes, versions, pageSize, next, addedAfter));
          if (!signed || verifier.isEmpty()) {
            return reader.apply(exchange.get(u));
          }
          String nonce = EnvelopeSignatures.newNonce();
          Exchange.Answer a = exchange.get(u, Map.of(EnvelopeSignatures.NONCE_HEADER, nonce));
          verify(a, nonce);
          return reader.apply(a);
        },
        url,
        filter.addedAfter());
  }

  private static <T> TaxiiPage<T> page(
      Exchange.Answer answer, List<T> items, boolean more, Optional<String> next) {
    return new TaxiiPage<>(
        items,
        more,
        next,
        answer.timestampHeader("X-TAXII-Date-Added-First"),
        answer.timestampHeader("X-TAXII-Date-Added-Last"));
  }

  /** {@code {"objects":[...]}} with each object's JSON text as it is. */
  private static byte[] envelope(List<StixObject> objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(objects.size() * 1024);
    out.writeBytes("{\"objects\":[".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < objects.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(objects.get(i).toJson().getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static void sleep(long nanos, URI status) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaxiiConnectionException("GET", status, "interrupted while polling the status", e);
    }
  }

  /** Settings of a {@link TaxiiClient}; each setter rejects a bad value at once. */
  public static final class Builder {
    private TaxiiCredentials credentials = TaxiiCredentials.none();
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxResponseBytes = 64L * 1024 * 1024;
    private Duration statusWait = Duration.ofSeconds(60);
    private Party signer;
    private Party verifier;

    private Builder() {}

    /**
     * Signs every envelope this client posts with the node's key ({@link EnvelopeSignatures}).
     *
     * @param identityId the node's identity id, which names the key
     */
    public Builder signWith(PrivateKey key, String identityId) {
      this.signer =
          new Party(Objects.requireNonNull(key, "key"), Objects.requireNonNull(identityId, "id"));
      return this;
    }

    /**
     * Asks for a signed answer on every paged request (a fresh nonce in {@value
     * EnvelopeSignatures#NONCE_HEADER}) and accepts only answers signed by {@code identityId} with
     * {@code key} over that nonce; any other answer is a {@link TaxiiResponseException} caused by
     * an {@link EnvelopeSignatureException}. Envelopes (objects and object endpoints) are checked;
     * manifests and versions carry no objects and are not signed.
     */
    public Builder verifyWith(PublicKey key, String identityId) {
      this.verifier =
          new Party(Objects.requireNonNull(key, "key"), Objects.requireNonNull(identityId, "id"));
      return this;
    }

    /** How to authenticate; none by default. */
    public Builder credentials(TaxiiCredentials value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /** The TLS context (trust and client keys) for https URLs; the JDK default otherwise. */
    public Builder sslContext(SSLContext value) {
      this.sslContext = Objects.requireNonNull(value, "sslContext");
      return this;
    }

    /** How long to wait for a connection; 10 s by default. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive("connect timeout", value);
      return this;
    }

    /** How long one request may take, body included; 60 s by default. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive("request timeout", value);
      return this;
    }

    /** The largest response body read, in bytes: 1 KiB to 1 GiB, 64 MiB by default. */
    public Builder maxResponseBytes(long value) {
      if (value < 1024 || value > 1L << 30) {
        throw new IllegalArgumentException(
            "max response bytes must be 1024 to " + (1L << 30) + ": " + value);
      }
      this.maxResponseBytes = value;
      return this;
    }

    /** How long {@link TaxiiClient#add} polls a pending status; 60 s by default, 0 not to poll. */
    public Builder statusWait(Duration value) {
      Objects.requireNonNull(value, "status wait");
      if (value.isNegative()) {
        throw new IllegalArgumentException("status wait must not be negative: " + value);
      }
      this.statusWait = value;
      return this;
    }

    public TaxiiClient build() {
      return new TaxiiClient(this);
    }

    private static Duration positive(String what, Duration value) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + value);
      }
      return value;
    }
  }
}
