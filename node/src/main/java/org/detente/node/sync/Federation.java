package org.detente.node.sync;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.detente.node.audit.AuditFormatException;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.Reconciliation;
import org.detente.node.audit.SignedHead;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.EnvelopeSignatureException;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.EgressPolicy;
import org.detente.node.policy.IngressPolicy;
import org.detente.node.policy.Partners;
import org.detente.node.policy.Recipient;
import org.detente.node.policy.SharingAgreement;
import org.detente.node.service.Exporter;
import org.detente.node.service.Importer;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.PartnerAudit;
import org.detente.node.store.AddOutcome;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Cursor;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.PreparedBatch;
import org.detente.node.store.Store;
import org.detente.node.store.StoredObject;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.SyncStore;
import org.detente.node.store.SyncStore.Direction;
import org.detente.node.store.UnknownCollectionException;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.Discovery;
import org.detente.node.taxii.Status;
import org.detente.node.taxii.StatusDetail;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;

/**
 * Federation with partners over TAXII 2.1: pulls from their collections and pushes to their inbox
 * collections, along the routes of each partner's agreement ({@link SharingAgreement#pull()} and
 * {@link SharingAgreement#push()}).
 *
 * <p>Pull. Every version ({@code match[version]=all}) added to the partner's collection after the
 * route's checkpoint is read page by page; each page must carry the partner's signature over the
 * nonce of its request (else the route stops, the refusal is recorded and nothing of the page is
 * kept). Each object must pass {@link ObjectRules} and is stored only in the local collection the
 * route names: the partner writes there and nowhere else. A page is stored in one transaction; only
 * after it commits does the checkpoint move to the page's {@code X-TAXII-Date-Added-Last}. A crash
 * between the two re-reads the page next time, and the store reports its versions unchanged: the
 * pull is idempotent. New versions and revocations (a version with {@code revoked}) are versions
 * like any other and travel.
 *
 * <p>Push. What goes is decided by {@link EgressPolicy#page} for the partner, never otherwise: each
 * released page (ordered by local {@code date_added}, after the route's checkpoint) is posted,
 * signed, to the partner's collection, and the status polled until complete. The checkpoint moves
 * to the page's last {@code date_added} only once the partner's status is complete: a success is
 * stored there, a failure is refused by it (recorded, not sent again). A page still pending is sent
 * again next time; the partner's store treats a version it holds as unchanged, so nothing is
 * duplicated. Withheld objects are never sent; a later agreement that releases them does not go
 * back before the checkpoint.
 *
 * <p>Faults. A request that may succeed later ({@link TaxiiException#retryable()}: no answer, 5xx,
 * 408, 429) is retried from the checkpoint with exponential backoff ({@link Options}); after the
 * last attempt the route stops for this round with a problem in the report, and resumes from its
 * checkpoint next round. Anything else stops the route at once.
 *
 * <p>Ingress. What a partner sends must also pass the {@link IngressPolicy}: an object that claims
 * to be made by this node or by another partner ({@code created_by_ref}), or that is a version of
 * their identity objects, is refused and recorded like an invalid one, and the rest of the page
 * goes on.
 *
 * <p>Audit heads. Every round ends with the exchange of signed chain heads: this node signs its
 * head (after the round's routes, so that it covers what they moved), posts it to the partner's
 * {@value PartnerAudit#HEAD_PATH} endpoint, and keeps the head the partner signs back as a receipt,
 * once it is signed as the partner's identity with its registered key and agrees with the receipts
 * kept before ({@link AuditLog#keepReceipt}); the partner does the same with ours. One round by
 * either side thus leaves both holding a receipt of the other's record. The exchange is retried
 * like any request; when it fails, or the partner's head is refused (recorded, direction {@code
 * AUDIT}), it is a problem of the round, which goes on; the next round tries again. A round happens
 * with every partner whose agreement has a route, and with every partner for whose server this node
 * holds a credential (heads only, then); not when the partner's API root cannot be read.
 *
 * <p>Where Détente's own endpoints are: at the root of the partner's server, which is the parent of
 * the last path segment of its registered TAXII URL (an API root {@code https://host/api/} or the
 * discovery URL {@code https://host/taxii2/} both give {@code https://host/}; a server behind a
 * proxy under {@code https://host/cert/} gives {@code https://host/cert/}).
 *
 * <p>Thread-safety: one round at a time per instance.
 */
public final class Federation {
  private static final System.Logger LOG = System.getLogger(Federation.class.getName());

  /**
   * Settings of federation.
   *
   * @param pageSize objects per page pulled or pushed, 1 to {@value PageRequest#MAX_LIMIT}
   * @param attempts how many times a failing request is tried before the route stops, at least 1
   * @param firstBackoff the pause after the first failure; it doubles after each further one
   * @param longestBackoff the longest pause
   * @param requestTimeout how long one request to a partner may take, body included; a request that
   *     takes longer counts as a failure that may be retried
   * @param sslContext the trust for partners' HTTPS servers, empty for the JDK's default
   */
  public record Options(
      int pageSize,
      int attempts,
      Duration firstBackoff,
      Duration longestBackoff,
      Duration requestTimeout,
      Optional<SSLContext> sslContext) {
    public Options {
      if (pageSize < 1 || pageSize > PageRequest.MAX_LIMIT) {
        throw new IllegalArgumentException(
            "page size must be 1 to " + PageRequest.MAX_LIMIT + ", got " + pageSize);
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
      Objects.requireNonNull(firstBackoff, "firstBackoff");
      Objects.requireNonNull(longestBackoff, "longestBackoff");
      Objects.requireNonNull(sslContext, "sslContext");
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
      }
      if (firstBackoff.isNegative() || longestBackoff.compareTo(firstBackoff) < 0) {
        throw new IllegalArgumentException(
            "backoff must be 0 <= first <= longest, got " + firstBackoff + ", " + longestBackoff);
      }
    }

    /** 1,000 objects a page, 6 attempts, backoff from 250 ms doubling to 8 s, 60 s a request. */
    public static Options defaults() {
      return new Options(
          1_000,
          6,
          Duration.ofMillis(250),
          Duration.ofSeconds(8),
          Duration.ofSeconds(60),
          Optional.empty());
    }
  }

  private final Store store;
  private final Partners partners;
  private final EgressPolicy egress;
  private final ObjectRules rules;
  private final PrivateKey key;
  private final String identityId;
  private final CredentialSeal seal;
  private final Options options;
  private final Clock clock;
  private final IngressPolicy ingress;

  /**
   * @param key the node's private key, with which pushed envelopes are signed
   * @param identityId the node's identity id
   * @param seal opens the credentials for partners' servers
   */
  public Federation(
      Store store,
      PrivateKey key,
      String identityId,
      CredentialSeal seal,
      Options options,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.key = Objects.requireNonNull(key, "key");
    this.identityId = Objects.requireNonNull(identityId, "identityId");
    this.seal = Objects.requireNonNull(seal, "seal");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.partners = new Partners(store.partners());
    this.egress = new EgressPolicy(store);
    this.rules = ObjectRules.standard();
    this.ingress = new IngressPolicy(Optional.of(identityId));
  }

  /** One round with every partner whose agreement has a route, by name. */
  public List<SyncReport> syncAll() {
    List<SyncReport> out = new ArrayList<>();
    for (StoredPartner p : partners.list()) {
      out.add(sync(p.name()));
    }
    return out;
  }

  /**
   * One round with one partner: every pull route, then every push route, then the exchange of
   * signed audit heads.
   *
   * @throws IllegalArgumentException when there is no such partner
   */
  public SyncReport sync(String partner) {
    StoredPartner p = registered(partner);
    Recipient r = partners.forPartner(partner).orElseThrow();
    Tally t = new Tally();
    Optional<SharingAgreement> a = r.agreement();
    boolean routes = a.isPresent() && !(a.get().pull().isEmpty() && a.get().push().isEmpty());
    if (!routes && p.remoteSecret().isEmpty()) {
      return t.report(partner);
    }
    try (TaxiiClient client = client(p)) {
      if (routes) {
        URI root;
        try {
          root = retrying(t, () -> apiRoot(client, URI.create(p.taxiiUrl())));
        } catch (RouteStopped e) {
          t.problems.add(partner + ": " + e.getMessage());
          return t.report(partner);
        }
        for (Map.Entry<String, String> route : a.get().pull().entrySet()) {
          try {
            pull(
                p,
                r,
                Optional.of(Long.toString(a.get().version())),
                client,
                root,
                route.getKey(),
                route.getValue(),
                t);
          } catch (RouteStopped e) {
            t.problems.add(
                "pull " + route.getKey() + " -> " + route.getValue() + ": " + e.getMessage());
          }
        }
        for (Map.Entry<String, String> route : a.get().push().entrySet()) {
          try {
            push(r, client, root, route.getKey(), route.getValue(), t);
          } catch (RouteStopped e) {
            t.problems.add(
                "push " + route.getKey() + " -> " + route.getValue() + ": " + e.getMessage());
          }
        }
      }
      try {
        t.theirHead = Optional.of(exchangeHeads(p, client, t));
      } catch (RouteStopped e) {
        t.problems.add("audit heads: " + e.getMessage());
      }
    }
    t.problems.forEach(m -> LOG.log(Level.WARNING, "sync with {0}: {1}", partner, m));
    return t.report(partner);
  }

  private StoredPartner registered(String partner) {
    return partners.list().stream()
        .filter(x -> x.name().equals(partner))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no partner named '" + partner + "'"));
  }

  /**
   * Posts our signed head to the partner and keeps the one it returns as a receipt.
   *
   * @throws RouteStopped when the partner cannot be reached after the attempts, refuses ours, or
   *     returns a head that is refused (recorded)
   */
  private SignedHead exchangeHeads(StoredPartner p, TaxiiClient client, Tally t) {
    AuditLog log = new AuditLog(store, clock);
    byte[] ours = log.signHead(identityId, key).toString().getBytes(StandardCharsets.UTF_8);
    URI url = Urls.detente(URI.create(p.taxiiUrl()), PartnerAudit.HEAD_PATH);
    byte[] answer = retrying(t, () -> client.postJson(url, ours));
    try {
      SignedHead theirs = SignedHead.parse(new String(answer, StandardCharsets.UTF_8));
      log.keepReceipt(p.name(), theirs, p.identityId(), NodeKeys.readPublicKey(p.publicKey()));
      return theirs;
    } catch (AuditFormatException | SecurityException e) {
      refuseAudit(p, "signed head refused, not kept: " + e.getMessage());
      throw new RouteStopped("the partner's signed head is refused: " + e.getMessage());
    }
  }

  private void refuseAudit(StoredPartner p, String reason) {
    store.sync().reject(p.name(), Direction.AUDIT, clock.instant(), reason);
  }

  /**
   * Reconciles our audit entries for a partner with the partner's entries for us, read from its
   * {@value PartnerAudit#EXPORT_PATH} endpoint as a stream (with this node's credential for the
   * partner's server): the export must be signed with the partner's registered key, and is then
   * compared and its head kept as a receipt, as {@link AuditLog#reconcile} does with a file. One
   * attempt: the caller (an operator) decides whether to try again.
   *
   * @throws IllegalArgumentException when there is no such partner
   * @throws TaxiiException when the partner cannot be reached, refuses, or the transfer breaks off
   * @throws AuditFormatException when the export is malformed or incomplete (recorded)
   * @throws SecurityException when its signatures do not verify with the partner's key, or its head
   *     contradicts a receipt kept before (recorded)
   */
  public Reconciliation reconcile(String partner) {
    StoredPartner p = registered(partner);
    PublicKey theirKey = NodeKeys.readPublicKey(p.publicKey());
    URI url = Urls.detente(URI.create(p.taxiiUrl()), PartnerAudit.EXPORT_PATH);
    AuditLog log = new AuditLog(store, clock);
    try (TaxiiClient client = client(p)) {
      return client.stream(
          url, PartnerAudit.EXPORT_MEDIA_TYPE, in -> log.reconcile(p.name(), in, theirKey));
    } catch (AuditFormatException | SecurityException e) {
      refuseAudit(p, "audit export refused: " + e.getMessage());
      throw e;
    }
  }

  private void pull(
      StoredPartner p,
      Recipient sender,
      Optional<String> agreement,
      TaxiiClient client,
      URI root,
      String remote,
      String local,
      Tally t) {
    SyncStore sync = store.sync();
    if (store.collection(local).isEmpty()) {
      store.putCollection(CollectionInfo.of(local, "From partner " + p.name()));
    }
    int failures = 0;
    while (true) {
      Optional<Instant> from = sync.checkpoint(p.name(), Direction.PULL, remote, local);
      ObjectFilter filter = ObjectFilter.all().withVersions(VersionMatch.ALL);
      if (from.isPresent()) {
        filter = filter.withAddedAfter(from.get());
      }
      TaxiiPages<StixObject> walk = client.objects(root, remote, filter, options.pageSize());
      // the next page is fetched (and its signature checked) while this one is stored
      try (ReadAhead<TaxiiPage<StixObject>> pages =
          new ReadAhead<>(walk, "detente-pull-" + p.name())) {
        while (pages.hasNext()) {
          TaxiiPage<StixObject> page = pages.next();
          ingest(sender, agreement, local, page.items(), t);
          if (page.dateAddedLast().isPresent()) {
            sync.advance(p.name(), Direction.PULL, remote, local, page.dateAddedLast().get());
          }
          failures = 0;
        }
        return;
      } catch (TaxiiException e) {
        if (e.getCause() instanceof EnvelopeSignatureException bad) {
          sync.reject(p.name(), Direction.PULL, clock.instant(), bad.getMessage());
          throw new RouteStopped("page refused: " + bad.getMessage());
        }
        failures = failed(e, failures, t);
      }
    }
  }

  /** Stores one pulled page in one transaction, after the ingress rules. */
  private void ingest(
      Recipient from, Optional<String> agreement, String local, List<StixObject> objects, Tally t) {
    String partner = from.partner();
    List<StixObject> valid = new ArrayList<>(objects.size());
    List<String> refused = new ArrayList<>();
    Instant now = clock.instant();
    for (StixObject o : objects) {
      List<StixError> errors = rules.check(o);
      Optional<String> refusal =
          errors.isEmpty() ? ingress.refusal(from, o) : Optional.of(Importer.reason(errors));
      if (refusal.isEmpty()) {
        valid.add(o);
      } else {
        refused.add(o.id() + " refused: " + refusal.get());
      }
    }
    if (!valid.isEmpty()) {
      ingress.refuseVersionsOfOthers(
          from,
          valid,
          store.creators(local, valid.stream().map(StixObject::id).toList()),
          (o, reason) -> refused.add(o.id() + " refused: " + reason));
    }
    t.pulledRefused += refused.size();
    store.sync().rejectAll(partner, Direction.PULL, now, refused);
    if (valid.isEmpty()) {
      return;
    }
    List<AddOutcome> outcomes;
    PreparedBatch prepared = store.prepare(valid);
    try (Store.BulkAdd bulk = store.bulkAdd(local)) {
      outcomes = bulk.add(prepared);
      bulk.audit(prepared.entered(outcomes, partner, agreement, now));
      bulk.commit();
    }
    for (AddOutcome out : outcomes) {
      switch (out) {
        case AddOutcome.Added a -> t.pulledAdded++;
        case AddOutcome.Unchanged u -> t.pulledUnchanged++;
        case AddOutcome.Rejected r -> {
          t.pulledRefused++;
          store.sync().reject(partner, Direction.PULL, now, r.id() + " refused: " + r.reason());
        }
      }
    }
  }

  private void push(
      Recipient r, TaxiiClient client, URI root, String local, String remote, Tally t) {
    SyncStore sync = store.sync();
    // the page after the one being posted, read (and decided by the egress policy) meanwhile
    CompletableFuture<Page<StoredObject>> ahead = null;
    while (true) {
      Optional<Instant> from = sync.checkpoint(r.partner(), Direction.PUSH, local, remote);
      Page<StoredObject> page = ahead == null ? released(r, local, from) : joinAhead(ahead);
      ahead = null;
      if (page.items().isEmpty()) {
        return;
      }
      if (page.more()) {
        Optional<Instant> after = page.lastDateAdded();
        ahead =
            CompletableFuture.supplyAsync(
                () -> released(r, local, after),
                task -> Thread.ofPlatform().daemon().name("detente-push-ahead").start(task));
      }
      List<StixObject> objects = page.items().stream().map(StoredObject::object).toList();
      Status status = retrying(t, () -> client.add(root, remote, objects));
      if (status.status() == Status.State.PENDING) {
        throw new RouteStopped(
            "the partner's status "
                + status.id()
                + " is still pending ("
                + status.pendingCount()
                + " of "
                + status.totalCount()
                + "); the page goes again next round");
      }
      t.pushed += status.successCount();
      t.pushRefused += status.failureCount();
      Instant now = clock.instant();
      for (StatusDetail f : status.failures()) {
        sync.reject(
            r.partner(),
            Direction.PUSH,
            now,
            f.id() + " " + f.version() + " refused by the partner: " + f.message().orElse(""));
      }
      store
          .audit()
          .append(
              Exporter.left(
                  page.items(),
                  r.partner(),
                  r.agreement().map(x -> Long.toString(x.version())),
                  clock));
      sync.advance(r.partner(), Direction.PUSH, local, remote, page.lastDateAdded().orElseThrow());
      if (!page.more()) {
        return;
      }
    }
  }

  /** The page the egress policy releases to the partner after {@code from}. */
  private Page<StoredObject> released(Recipient r, String local, Optional<Instant> from) {
    ObjectFilter all = ObjectFilter.all().withVersions(VersionMatch.ALL);
    try {
      return egress.page(r, local, all, new PageRequest(options.pageSize(), from.map(Cursor::new)));
    } catch (UnknownCollectionException e) {
      throw new RouteStopped("this node has no collection '" + local + "'");
    }
  }

  private static Page<StoredObject> joinAhead(CompletableFuture<Page<StoredObject>> ahead) {
    try {
      return ahead.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private <T> T retrying(Tally t, Supplier<T> request) {
    int failures = 0;
    while (true) {
      try {
        return request.get();
      } catch (TaxiiException e) {
        failures = failed(e, failures, t);
      }
    }
  }

  /** Waits before the next attempt, or stops the route when no attempt is left. */
  private int failed(TaxiiException e, int failures, Tally t) {
    int n = failures + 1;
    if (!e.retryable()) {
      throw new RouteStopped(e.getMessage());
    }
    if (n >= options.attempts()) {
      throw new RouteStopped(n + " attempts failed, the last: " + e.getMessage());
    }
    long pause =
        Math.min(
            options.longestBackoff().toMillis(),
            options.firstBackoff().toMillis() << Math.min(n - 1, 20));
    LOG.log(Level.INFO, "attempt {0} failed, next in {1} ms: {2}", n, pause, e.getMessage());
    try {
      Thread.sleep(pause);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new RouteStopped("interrupted while waiting to retry");
    }
    return n;
  }

  private TaxiiClient client(StoredPartner p) {
    TaxiiClient.Builder b =
        TaxiiClient.builder()
            .requestTimeout(options.requestTimeout())
            .signWith(key, identityId)
            .verifyWith(NodeKeys.readPublicKey(p.publicKey()), p.identityId());
    options.sslContext().ifPresent(b::sslContext);
    Optional<char[]> secret = partners.remoteSecret(p.name(), seal);
    if (secret.isPresent()) {
      char[] s = secret.get();
      try {
        b.credentials(
            p.remoteUser().isPresent()
                ? TaxiiCredentials.basic(p.remoteUser().get(), new String(s))
                : TaxiiCredentials.bearer(new String(s)));
      } finally {
        Arrays.fill(s, '\0');
      }
    }
    return b.build();
  }

  /** The API root: the URL itself, or, for a discovery URL, its default (else first) API root. */
  private static URI apiRoot(TaxiiClient client, URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    if (!path.endsWith("/taxii2/") && !path.endsWith("/taxii2")) {
      return url;
    }
    Discovery d = client.discovery(url);
    String root =
        d.defaultApiRoot()
            .or(() -> d.apiRoots().stream().findFirst())
            .orElseThrow(
                () -> new RouteStopped("the partner's discovery at " + url + " lists no API root"));
    return url.resolve(root);
  }

  /** Counts of one round. */
  private static final class Tally {
    long pulledAdded;
    long pulledUnchanged;
    long pulledRefused;
    long pushed;
    long pushRefused;
    Optional<SignedHead> theirHead = Optional.empty();
    final List<String> problems = new ArrayList<>();

    SyncReport report(String partner) {
      return new SyncReport(
          partner,
          pulledAdded,
          pulledUnchanged,
          pulledRefused,
          pushed,
          pushRefused,
          theirHead,
          problems);
    }
  }

  /** A route stops for this round; it resumes from its checkpoint next round. */
  private static final class RouteStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RouteStopped(String message) {
      super(message, null, false, false);
    }
  }
}
