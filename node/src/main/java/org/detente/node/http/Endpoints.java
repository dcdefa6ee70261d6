package org.detente.node.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.audit.SignedHead;
import org.detente.node.identity.EnvelopeSignatures;
import org.detente.node.service.Account;
import org.detente.node.service.Accounts;
import org.detente.node.service.Credentials;
import org.detente.node.service.Listing;
import org.detente.node.service.ObjectsPage;
import org.detente.node.service.PartnerAudit;
import org.detente.node.service.RequestException;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.StoredObject;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.Envelope;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.Status;
import org.detente.node.taxii.TaxiiJson;
import org.detente.stix.StixJson;

/**
 * The handlers of the TAXII 2.1 endpoints, and of Détente's audit exchange with partners next to
 * them ({@link PartnerAudit}, under {@value PartnerAudit#PATH}). Each checks headers, parses
 * parameters and body, calls one service method and writes the resource; refusals are thrown and
 * mapped by {@link Errors}.
 */
final class Endpoints {
  static final String DATE_ADDED_FIRST = "X-TAXII-Date-Added-First";
  static final String DATE_ADDED_LAST = "X-TAXII-Date-Added-Last";

  private static final String ACCOUNT = "detente.account";
  private static final String COLLECTION = "/{root}/collections/{collection}";
  private static final String OBJECT = COLLECTION + "/objects/{object}";

  private final TaxiiService service;
  private final Accounts accounts;
  private final Optional<String> publicUrl;

  Endpoints(TaxiiService service, Accounts accounts, Optional<String> publicUrl) {
    this.service = Objects.requireNonNull(service, "service");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
  }

  void register(RoutesConfig routes) {
    routes.before(this::authenticate);
    read(routes, "/taxii2/", this::discovery);
    read(
        routes, "/{root}/", ctx -> json(ctx, 200, service.apiRoot(ctx.pathParam("root")).toJson()));
    read(routes, "/{root}/status/{status}/", this::status);
    read(routes, "/{root}/collections/", this::collections);
    read(routes, COLLECTION + "/", this::collection);
    read(routes, COLLECTION + "/objects/", this::objects);
    routes.post(COLLECTION + "/objects/", this::add);
    read(routes, OBJECT + "/", this::object);
    routes.delete(OBJECT + "/", this::delete);
    read(routes, OBJECT + "/versions/", this::versions);
    read(routes, COLLECTION + "/manifest/", this::manifest);
    routes.post(PartnerAudit.HEAD_PATH, this::auditHead);
    routes.get(PartnerAudit.EXPORT_PATH, this::auditExport);
  }

  /** A GET endpoint, also answering HEAD: the same status and headers, no body. */
  private static void read(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  // ------------------------------------------------------------------ authentication

  private void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new RequestException.NotAuthenticated(
          "credentials are required: HTTP Basic or a bearer API key");
    }
    Account account = accounts.authenticate(credentials(header));
    ctx.attribute(ACCOUNT, account);
    if (!ctx.path().startsWith(PartnerAudit.PATH + "/")) {
      Negotiation.checkAccept(ctx.header("Accept"));
    } // Détente's own endpoints check theirs
  }

  private static Credentials credentials(String header) {
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "basic" -> {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new RequestException.NotAuthenticated("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          throw new RequestException.NotAuthenticated("malformed Basic credentials");
        }
        return new Credentials.Password(decoded.substring(0, colon), decoded.substring(colon + 1));
      }
      case "bearer" -> {
        if (value.isEmpty()) {
          throw new RequestException.NotAuthenticated("empty bearer token");
        }
        return new Credentials.ApiKey(value);
      }
      default ->
          throw new RequestException.NotAuthenticated(
              "unsupported authorization scheme; use Basic or Bearer");
    }
  }

  private static Account account(Context ctx) {
    Account a = ctx.attribute(ACCOUNT);
    if (a == null) {
      throw new IllegalStateException("request reached a handler without an account");
    }
    return a;
  }

  // ------------------------------------------------------------------ endpoints

  private void discovery(Context ctx) {
    String base = publicUrl.orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    json(ctx, 200, service.discovery(base).toJson());
  }

  private void status(Context ctx) {
    Status s = service.status(account(ctx), ctx.pathParam("root"), ctx.pathParam("status"));
    json(ctx, 200, s.toJson());
  }

  private void collections(Context ctx) {
    json(ctx, 200, service.collections(account(ctx), ctx.pathParam("root")).toJson());
  }

  private void collection(Context ctx) {
    json(
        ctx,
        200,
        service
            .collection(account(ctx), ctx.pathParam("root"), ctx.pathParam("collection"))
            .toJson());
  }

  private void objects(Context ctx) {
    var q = Queries.of(ctx.queryParamMap(), Queries.OBJECTS).query();
    envelope(
        ctx, service.objects(account(ctx), ctx.pathParam("root"), ctx.pathParam("collection"), q));
  }

  private void object(Context ctx) {
    var q = Queries.of(ctx.queryParamMap(), Queries.OBJECT).query();
    envelope(
        ctx,
        service.object(
            account(ctx),
            ctx.pathParam("root"),
            ctx.pathParam("collection"),
            ctx.pathParam("object"),
            q));
  }

  private void manifest(Context ctx) {
    var q = Queries.of(ctx.queryParamMap(), Queries.OBJECTS).query();
    var l = service.manifest(account(ctx), ctx.pathParam("root"), ctx.pathParam("collection"), q);
    dateHeaders(ctx, l);
    json(ctx, 200, l.body().toJson());
  }

  private void versions(Context ctx) {
    var q = Queries.of(ctx.queryParamMap(), Queries.VERSIONS).query();
    var l =
        service.versions(
            account(ctx),
            ctx.pathParam("root"),
            ctx.pathParam("collection"),
            ctx.pathParam("object"),
            q);
    dateHeaders(ctx, l);
    json(ctx, 200, l.body().toJson());
  }

  private void add(Context ctx) throws IOException {
    Account account = account(ctx);
    Queries.of(ctx.queryParamMap(), java.util.Set.of());
    Negotiation.checkContentType(ctx.header("Content-Type"));
    byte[] body = body(ctx, service.settings().maxContentLength());
    service.checkSignature(account, ctx.header(EnvelopeSignatures.HEADER), body);
    Envelope envelope = Envelope.fromJson(TaxiiJson.parse(body));
    Status s = service.add(account, ctx.pathParam("root"), ctx.pathParam("collection"), envelope);
    json(ctx, 202, s.toJson());
  }

  private void delete(Context ctx) {
    Queries q = Queries.of(ctx.queryParamMap(), Queries.DELETE);
    VersionMatch versions = q.versions(VersionMatch.ALL);
    List<String> specVersions = q.specVersions();
    service.delete(
        account(ctx),
        ctx.pathParam("root"),
        ctx.pathParam("collection"),
        ctx.pathParam("object"),
        versions,
        specVersions);
    ctx.status(200);
    ctx.contentType(MediaTypes.TAXII_21);
  }

  // ------------------------------------------------------------------ Détente's audit exchange

  /** {@code POST /detente/v1/audit/head/}: see {@link PartnerAudit} for the wire format. */
  private void auditHead(Context ctx) throws IOException {
    Account account = account(ctx);
    Negotiation.checkAccept(ctx.header("Accept"), PartnerAudit.HEAD_MEDIA_TYPE);
    Negotiation.checkContentType(ctx.header("Content-Type"), PartnerAudit.HEAD_MEDIA_TYPE);
    byte[] body = body(ctx, SignedHead.MAX_CHARS);
    SignedHead ours = service.partnerAudit().exchangeHeads(account, body);
    ctx.status(200);
    ctx.contentType(PartnerAudit.HEAD_MEDIA_TYPE);
    ctx.result(ours.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /detente/v1/audit/export/}: see {@link PartnerAudit}. Refusals are answered before
   * the first byte; then the export is streamed as the database is read.
   */
  private void auditExport(Context ctx) throws IOException {
    Account account = account(ctx);
    Negotiation.checkAccept(ctx.header("Accept"), PartnerAudit.EXPORT_MEDIA_TYPE);
    PartnerAudit.Export export = service.partnerAudit().export(account);
    ctx.status(200);
    ctx.contentType(PartnerAudit.EXPORT_MEDIA_TYPE);
    export.writeTo(ctx.outputStream());
  }

  // ------------------------------------------------------------------ reading and writing

  /**
   * Reads the body, refusing one over {@code max} bytes before reading it when its length is
   * declared, and as soon as it passes {@code max} otherwise.
   */
  private static byte[] body(Context ctx, long max) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw tooLarge(declared + " bytes", max);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (b.length > max) {
        throw tooLarge("more than " + max + " bytes", max);
      }
      return b;
    }
  }

  private static HttpProblem tooLarge(String size, long max) {
    return new HttpProblem(
        413,
        "too-large",
        "Payload Too Large",
        "the body holds " + size + "; max_content_length is " + max + " bytes");
  }

  private void envelope(Context ctx, Listing<ObjectsPage> l) {
    dateHeaders(ctx, l);
    ObjectsPage page = l.body();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4_096 + page.objects().size() * 1_024);
    try (JsonGenerator g = StixJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeBooleanField("more", page.more());
      if (page.next().isPresent()) {
        g.writeStringField("next", page.next().get());
      }
      if (!page.objects().isEmpty()) {
        g.writeArrayFieldStart("objects");
        for (StoredObject o : page.objects()) {
          g.writeRawValue(o.json());
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] body = out.toByteArray();
    service
        .signature(Optional.ofNullable(ctx.header(EnvelopeSignatures.NONCE_HEADER)), body)
        .ifPresent(sig -> ctx.header(EnvelopeSignatures.HEADER, sig));
    ctx.status(200);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(body);
  }

  private static void dateHeaders(Context ctx, Listing<?> l) {
    l.firstAdded().ifPresent(t -> ctx.header(DATE_ADDED_FIRST, stamp(t)));
    l.lastAdded().ifPresent(t -> ctx.header(DATE_ADDED_LAST, stamp(t)));
  }

  private static String stamp(Instant t) {
    return TaxiiJson.timestamp(t);
  }

  private static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(StixJson.writeBytes(body));
  }
}
