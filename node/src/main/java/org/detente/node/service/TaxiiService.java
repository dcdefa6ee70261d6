package org.detente.node.service;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.detente.node.identity.EnvelopeSignatureException;
import org.detente.node.identity.EnvelopeSignatures;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.EgressPolicy;
import org.detente.node.policy.IngressPolicy;
import org.detente.node.policy.Partners;
import org.detente.node.policy.Recipient;
import org.detente.node.store.AddOutcome;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Cursor;
import org.detente.node.store.ManifestEntry;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.PreparedBatch;
import org.detente.node.store.Store;
import org.detente.node.store.StoredObject;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.SyncStore;
import org.detente.node.store.UnknownCollectionException;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.ApiRoot;
import org.detente.node.taxii.Collection;
import org.detente.node.taxii.Collections;
import org.detente.node.taxii.Discovery;
import org.detente.node.taxii.Envelope;
import org.detente.node.taxii.Manifest;
import org.detente.node.taxii.ManifestRecord;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.Status;
import org.detente.node.taxii.StatusDetail;
import org.detente.node.taxii.TaxiiJson;
import org.detente.node.taxii.Versions;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;

/**
 * The TAXII 2.1 operations of a node, one method per endpoint, in the node's terms: no HTTP here.
 * Each method checks the account's rights, calls the store once (an add also writes its status),
 * and returns a TAXII resource or throws a {@link RequestException}.
 *
 * <p>Visibility. An account sees a collection when it may read or write it; a collection it does
 * not see, in an API root that does not serve it, or that does not exist, gives the same {@link
 * RequestException.NotFound}, whose message depends only on the ids asked for. Seeing a collection
 * without the right for the operation gives {@link RequestException.Forbidden}. Deleting an object
 * needs the write right. The account of a registered partner reads only the collections its sharing
 * agreement offers, whatever its rights say: it sees those of its rights that are offered, and
 * those it may write to (its inbox), which it may not read unless they are offered too. A
 * collection outside the agreement would read as empty anyway, and listing it would tell the
 * partner its id and title.
 *
 * <p>Egress. Every read by a requester goes through {@link #objects}, {@link #object}, {@link
 * #manifest} and {@link #versions}. When the account is the one a registered partner reads with
 * ({@link Partners#forAccount}), each store page passes through the node's one egress decision
 * ({@link EgressPolicy#decide}): a withheld object is absent from every endpoint, released ones may
 * be redacted. Store pages are read until {@code limit} objects are released or the collection
 * ends, and one more released object decides {@code more}; {@code next} and the {@code
 * X-TAXII-Date-Added-First}/{@code -Last} headers come from released objects only, so neither a
 * count, a header, {@code more} nor a cursor betrays a withheld object. The manifest and versions
 * of a partner are made from the objects (the decision needs their content). Cost for a partner:
 * one registry read, then per store page one query plus the end lookups of the policy; the number
 * of store pages grows with the share of withheld objects (a page of 1,000 released among 90%
 * withheld reads about 10 store pages). Accounts that are not a partner's are the node's own
 * (analysts, tools): they read unfiltered, within their collection rights; every read costs them
 * the registry read and one query.
 *
 * <p>Audit. Objects served by {@link #objects} and {@link #object} are recorded in the audit record
 * as having left before the page is returned, for the partner under its agreement version when the
 * account is a partner's, else for {@code taxii:ACCOUNT} ({@link #auditParty}), with the hash of
 * each object as served (after redaction); a failure to record fails the request. The manifest and
 * versions endpoints are not recorded: they carry no content, so there is no content hash to record
 * and nothing a partner's record of receipt could match (what they reveal is governed by the egress
 * decision, not by the audit record). Objects added are recorded as having entered from the account
 * in the same transaction that stores them, so a success in a status always has its audit entry.
 *
 * <p>Choices where TAXII 2.1 leaves room:
 *
 * <ul>
 *   <li>{@code limit} above the configured page-size cap is lowered to the cap (the specification
 *       lets a server return fewer objects than asked for); without {@code limit}, the default page
 *       size applies.
 *   <li>{@code next} is an opaque token bound to its query ({@link PageTokens}); it is accepted on
 *       the objects, object, manifest and versions endpoints, and written only in envelopes (the
 *       manifest and versions resources have no {@code next}; page them with {@code added_after}).
 *   <li>The object and versions endpoints answer 404 when the first page is empty: the object does
 *       not exist, or none of its versions matches the filters.
 *   <li>Adding is synchronous: when the status is returned, every object has been stored or
 *       refused, the status is {@code complete} and {@code pendings} is always empty. A success
 *       means the object is committed; an object already stored with the same content is a success
 *       with a message saying so. Refused objects (invalid, or conflicting with a stored version)
 *       are failures with the reason and change nothing.
 *   <li>A status can be read by the account that made the request, for the configured retention
 *       after the request; it is stored in the database, so it survives a restart.
 *   <li>An object without {@code modified} and {@code created} (an SCO) reports its {@code
 *       date_added} as its version in manifests, versions and statuses; a refused one reports an
 *       empty version.
 * </ul>
 */
public final class TaxiiService {
  /**
   * An API root.
   *
   * @param path its path segment ({@code api1} is served at {@code /api1/})
   * @param title its title
   * @param description its description
   * @param collections the ids of the collections it serves; empty for every collection of the
   *     store
   */
  public record Root(
      String path, String title, Optional<String> description, Set<String> collections) {
    public Root {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      collections = Set.copyOf(collections);
      if (!path.matches("[A-Za-z0-9._~-]{1,64}") || path.equals("taxii2")) {
        throw new IllegalArgumentException(
            "API root path must be 1 to 64 of A-Z a-z 0-9 . _ ~ - and not taxii2, got '"
                + path
                + "'");
      }
    }

    boolean serves(String collectionId) {
      return collections.isEmpty() || collections.contains(collectionId);
    }
  }

  /**
   * What the service needs to know.
   *
   * @param title the discovery title
   * @param description the discovery description
   * @param contact the discovery contact
   * @param roots the API roots, at least one, distinct paths
   * @param defaultRoot the path of the default API root, if any
   * @param maxContentLength the largest request body, in bytes
   * @param maxObjectsPerEnvelope the most objects one add may carry
   * @param defaultPageSize the page size when a request gives no limit
   * @param maxPageSize the largest page served
   * @param statusRetention how long a status resource stays readable
   */
  public record Settings(
      String title,
      Optional<String> description,
      Optional<String> contact,
      List<Root> roots,
      Optional<String> defaultRoot,
      long maxContentLength,
      int maxObjectsPerEnvelope,
      int defaultPageSize,
      int maxPageSize,
      Duration statusRetention) {
    /**
     * @throws IllegalArgumentException when a value is out of range or the roots are inconsistent
     */
    public Settings {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(contact, "contact");
      roots = List.copyOf(roots);
      Objects.requireNonNull(defaultRoot, "defaultRoot");
      Objects.requireNonNull(statusRetention, "statusRetention");
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("at least one API root is needed");
      }
      if (roots.stream().map(Root::path).distinct().count() != roots.size()) {
        throw new IllegalArgumentException("API root paths must be distinct");
      }
      if (defaultRoot.isPresent()
          && roots.stream().noneMatch(r -> r.path().equals(defaultRoot.get()))) {
        throw new IllegalArgumentException(
            "default API root '" + defaultRoot.get() + "' is not configured");
      }
      range("max_content_length", maxContentLength, 1_024, 1L << 31);
      range("max_objects_per_envelope", maxObjectsPerEnvelope, 1, 100_000);
      range("max_page_size", maxPageSize, 1, PageRequest.MAX_LIMIT);
      range("default_page_size", defaultPageSize, 1, maxPageSize);
      if (statusRetention.isNegative() || statusRetention.isZero()) {
        throw new IllegalArgumentException(
            "status retention must be positive, got " + statusRetention);
      }
    }

    private static void range(String name, long v, long lo, long hi) {
      if (v < lo || v > hi) {
        throw new IllegalArgumentException(name + " must be " + lo + " to " + hi + ", got " + v);
      }
    }

    /** One API root {@code api} serving every collection, with default limits. */
    public static Settings defaults() {
      return new Settings(
          "Détente node",
          Optional.empty(),
          Optional.empty(),
          List.of(new Root("api", "Détente", Optional.empty(), Set.of())),
          Optional.of("api"),
          10L * 1024 * 1024,
          10_000,
          1_000,
          10_000,
          Duration.ofHours(24));
    }
  }

  private final Store store;
  private final Settings settings;
  private final ObjectRules rules;
  private final Clock clock;
  private final PageTokens tokens = new PageTokens();
  private final Partners partners;
  private final EgressPolicy egress;
  private final Optional<Signing> signing;
  private final IngressPolicy ingress;
  private final PartnerAudit partnerAudit;

  /**
   * The node's key, with which it signs the envelopes it serves ({@link EnvelopeSignatures}).
   *
   * @param identityId the node's identity id, which names the key
   */
  public record Signing(PrivateKey key, String identityId) {
    public Signing {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(identityId, "identityId");
    }
  }

  /** A service that signs no envelope. */
  public TaxiiService(Store store, Settings settings, ObjectRules rules, Clock clock) {
    this(store, settings, rules, clock, Optional.empty());
  }

  /** A service that signs every envelope it serves when {@code signing} is present. */
  public TaxiiService(
      Store store, Settings settings, ObjectRules rules, Clock clock, Optional<Signing> signing) {
    this.signing = Objects.requireNonNull(signing, "signing");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.partners = new Partners(store.partners());
    this.egress = new EgressPolicy(store);
    this.ingress = new IngressPolicy(signing.map(Signing::identityId));
    this.partnerAudit = new PartnerAudit(store, signing, clock);
  }

  public Settings settings() {
    return settings;
  }

  /** The audit exchange with partners (signed heads and exports), served next to TAXII. */
  public PartnerAudit partnerAudit() {
    return partnerAudit;
  }

  /** The discovery resource, with API root URLs under {@code baseUrl} (no trailing slash). */
  public Discovery discovery(String baseUrl) {
    return new Discovery(
        settings.title(),
        settings.description(),
        settings.contact(),
        settings.defaultRoot().map(d -> baseUrl + "/" + d + "/"),
        settings.roots().stream().map(r -> baseUrl + "/" + r.path() + "/").toList());
  }

  /**
   * @throws RequestException.NotFound when there is no such API root
   */
  public ApiRoot apiRoot(String root) {
    Root r = root(root);
    return new ApiRoot(
        r.title(), r.description(), List.of(MediaTypes.TAXII_21), settings.maxContentLength());
  }

  /**
   * The collections of an API root that the account sees.
   *
   * @throws RequestException.NotFound when there is no such API root
   */
  public Collections collections(Account account, String root) {
    Root r = root(root);
    Rights rights = rights(account);
    List<Collection> out = new ArrayList<>();
    for (CollectionInfo c : store.collections()) {
      if (r.serves(c.id()) && rights.sees(c.id())) {
        out.add(resource(rights, c));
      }
    }
    return new Collections(out);
  }

  /**
   * @throws RequestException.NotFound when the account does not see such a collection
   */
  public Collection collection(Account account, String root, String collectionId) {
    Rights rights = rights(account);
    return resource(rights, visible(rights, root, collectionId));
  }

  private static Collection resource(Rights rights, CollectionInfo c) {
    return new Collection(
        c.id(),
        c.title(),
        c.description(),
        Optional.empty(),
        rights.canRead(c.id()),
        rights.canWrite(c.id()),
        c.mediaTypes());
  }

  /**
   * One page of the objects of a collection.
   *
   * @throws RequestException.NotFound when the account does not see the collection
   * @throws RequestException.Forbidden when it may not read it
   * @throws RequestException.Invalid when {@code next} is not a token of this query
   */
  public Listing<ObjectsPage> objects(
      Account account, String root, String collectionId, ObjectQuery query) {
    Rights rights = readable(account, root, collectionId);
    return objectPage(rights, collectionId, query.filter(), query, "objects|" + collectionId);
  }

  /**
   * One page of the versions of one object, as objects.
   *
   * @throws RequestException.NotFound when the account does not see the collection, or no version
   *     of the object matches on the first page
   */
  public Listing<ObjectsPage> object(
      Account account, String root, String collectionId, String objectId, ObjectQuery query) {
    Rights rights = readable(account, root, collectionId);
    ObjectFilter f =
        new ObjectFilter(
            List.of(objectId),
            List.of(),
            query.filter().versions(),
            query.filter().specVersions(),
            query.filter().addedAfter());
    Listing<ObjectsPage> l =
        objectPage(rights, collectionId, f, query, "object|" + collectionId + "|" + objectId);
    if (l.body().objects().isEmpty() && query.next().isEmpty()) {
      throw noObject(collectionId, objectId);
    }
    return l;
  }

  private Listing<ObjectsPage> objectPage(
      Rights rights, String collectionId, ObjectFilter filter, ObjectQuery query, String what) {
    Account account = rights.account();
    String key = what + "|" + describe(filter);
    PageRequest request = page(query, key);
    Optional<Recipient> partner = rights.partner();
    Page<StoredObject> p =
        partner.isPresent()
            ? released(partner.get(), collectionId, filter, request)
            : inCollection(() -> store.objects(collectionId, filter, request));
    if (!p.items().isEmpty()) {
      store
          .audit()
          .append(
              Exporter.left(
                  p.items(),
                  partner.map(Recipient::partner).orElseGet(() -> auditParty(account)),
                  partner.flatMap(r -> r.agreement()).map(a -> Long.toString(a.version())),
                  clock));
    }
    return new Listing<>(
        new ObjectsPage(p.items(), p.more(), p.next().map(c -> tokens.encode(c, key))),
        p.firstDateAdded(),
        p.lastDateAdded());
  }

  /**
   * One page of the manifest of a collection.
   *
   * @throws RequestException.NotFound when the account does not see the collection
   * @throws RequestException.Forbidden when it may not read it
   */
  public Listing<Manifest> manifest(
      Account account, String root, String collectionId, ObjectQuery query) {
    Optional<Recipient> partner = readable(account, root, collectionId).partner();
    String key = "manifest|" + collectionId + "|" + describe(query.filter());
    PageRequest request = page(query, key);
    Page<ManifestEntry> p =
        partner.isPresent()
            ? entries(released(partner.get(), collectionId, query.filter(), request))
            : inCollection(() -> store.manifest(collectionId, query.filter(), request));
    List<ManifestRecord> records =
        p.items().stream()
            .map(e -> new ManifestRecord(e.id(), e.dateAdded(), version(e), e.mediaType()))
            .toList();
    return new Listing<>(new Manifest(p.more(), records), p.firstDateAdded(), p.lastDateAdded());
  }

  /**
   * One page of the versions of an object.
   *
   * @throws RequestException.NotFound when the account does not see the collection, or the object
   *     has no matching version on the first page
   */
  public Listing<Versions> versions(
      Account account, String root, String collectionId, String objectId, ObjectQuery query) {
    Optional<Recipient> partner = readable(account, root, collectionId).partner();
    String key = "versions|" + collectionId + "|" + objectId + "|" + describe(query.filter());
    PageRequest request = page(query, key);
    ObjectFilter all =
        new ObjectFilter(
            List.of(objectId),
            List.of(),
            VersionMatch.ALL,
            query.filter().specVersions(),
            query.filter().addedAfter());
    Page<ManifestEntry> p =
        partner.isPresent()
            ? entries(released(partner.get(), collectionId, all, request))
            : inCollection(() -> store.versions(collectionId, objectId, query.filter(), request));
    if (p.items().isEmpty() && query.next().isEmpty()) {
      throw noObject(collectionId, objectId);
    }
    List<String> versions = p.items().stream().map(TaxiiService::version).toList();
    return new Listing<>(new Versions(p.more(), versions), p.firstDateAdded(), p.lastDateAdded());
  }

  /**
   * Adds the objects of an envelope: validates each, stores the valid ones in one transaction, and
   * records the status.
   *
   * <p>For an account a partner writes with, a refused write to a collection is recorded ({@link
   * SyncStore#reject}), and each object must also pass the {@link IngressPolicy} (no impersonation
   * of this node or of another partner): an object refused by it or by the STIX rules is a failure
   * of the status with the reason, recorded, and the other objects of the envelope are stored.
   *
   * @throws RequestException.NotFound when the account does not see the collection
   * @throws RequestException.Forbidden when it may not write it
   * @throws RequestException.TooLarge when the envelope holds more objects than allowed
   */
  public Status add(Account account, String root, String collectionId, Envelope envelope) {
    Rights rights = rights(account);
    Optional<Recipient> partner = rights.partner();
    try {
      visible(rights, root, collectionId);
      if (!rights.canWrite(collectionId)) {
        throw new RequestException.Forbidden(
            "account '" + account.name() + "' may not write to collection '" + collectionId + "'");
      }
    } catch (RequestException refused) {
      partner.ifPresent(
          p ->
              refuseFrom(
                  p,
                  "envelope for collection '"
                      + collectionId
                      + "' refused, nothing of it stored: "
                      + refused.getMessage()));
      throw refused;
    }
    List<StixObject> objects = envelope.objects();
    if (objects.size() > settings.maxObjectsPerEnvelope()) {
      throw new RequestException.TooLarge(
          "the envelope holds "
              + objects.size()
              + " objects; at most "
              + settings.maxObjectsPerEnvelope()
              + " are accepted per request");
    }
    Instant received = clock.instant();
    List<StixObject> valid = new ArrayList<>(objects.size());
    List<StatusDetail> failures = new ArrayList<>();
    for (StixObject o : objects) {
      List<StixError> errors = rules.check(o);
      Optional<String> refusal =
          errors.isEmpty()
              ? partner.flatMap(p -> ingress.refusal(p, o))
              : Optional.of(Importer.reason(errors));
      if (refusal.isEmpty()) {
        valid.add(o);
      } else {
        failures.add(new StatusDetail(o.id(), o.version().orElse(""), refusal));
      }
    }
    if (partner.isPresent() && !valid.isEmpty()) {
      Map<String, Set<String>> creators =
          inCollection(
              () -> store.creators(collectionId, valid.stream().map(StixObject::id).toList()));
      ingress.refuseVersionsOfOthers(
          partner.get(),
          valid,
          creators,
          (o, reason) ->
              failures.add(new StatusDetail(o.id(), o.version().orElse(""), Optional.of(reason))));
    }
    List<StatusDetail> successes = new ArrayList<>(valid.size());
    if (!valid.isEmpty()) {
      for (AddOutcome out :
          inCollection(() -> addAudited(account, partner, collectionId, valid, received))) {
        switch (out) {
          case AddOutcome.Added a ->
              successes.add(new StatusDetail(a.id(), version(a.version(), a.dateAdded()), none()));
          case AddOutcome.Unchanged u ->
              successes.add(
                  new StatusDetail(
                      u.id(),
                      version(u.version(), u.dateAdded()),
                      Optional.of("already stored with the same content; unchanged")));
          case AddOutcome.Rejected r ->
              failures.add(
                  new StatusDetail(r.id(), r.version().orElse(""), Optional.of(r.reason())));
        }
      }
    }
    if (partner.isPresent()) {
      store
          .sync()
          .rejectAll(
              partner.get().partner(),
              SyncStore.Direction.PULL,
              received,
              failures.stream().map(f -> f.id() + " refused: " + f.message().orElse("")).toList());
    }
    Status status = Status.complete(UUID.randomUUID().toString(), received, successes, failures);
    store
        .statuses()
        .putStatus(
            status.id(),
            account.name(),
            received.plus(settings.statusRetention()),
            TaxiiJson.write(status.toJson()),
            received);
    return status;
  }

  /** Records something a partner wrote that was refused. */
  private void refuseFrom(Recipient partner, String reason) {
    store.sync().reject(partner.partner(), SyncStore.Direction.PULL, clock.instant(), reason);
  }

  /** The party of the audit entries of what an account adds or reads: {@code taxii:NAME}. */
  public static String auditParty(Account account) {
    return "taxii:" + account.name();
  }

  /**
   * Stores objects and records those stored or found unchanged as having entered from the account,
   * in one transaction.
   */
  private List<AddOutcome> addAudited(
      Account account,
      Optional<Recipient> partner,
      String collectionId,
      List<StixObject> objects,
      Instant received) {
    // serialised and hashed (for the store and the audit record alike) before the writer lock
    PreparedBatch prepared = store.prepare(objects);
    try (Store.BulkAdd bulk = store.bulkAdd(collectionId)) {
      List<AddOutcome> outcomes = bulk.add(prepared);
      // what a partner's account adds (its pushes) is recorded for the partner, under our
      // agreement with it, so that both sides' records name the same parties
      String party = partner.map(Recipient::partner).orElseGet(() -> auditParty(account));
      Optional<String> agreement =
          partner.flatMap(Recipient::agreement).map(a -> Long.toString(a.version()));
      bulk.audit(prepared.entered(outcomes, party, agreement, received));
      bulk.commit();
      return outcomes;
    }
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  /**
   * Deletes the selected versions of an object.
   *
   * @throws RequestException.NotFound when the account does not see the collection, or nothing
   *     matched
   * @throws RequestException.Forbidden when it may not write it
   */
  public void delete(
      Account account,
      String root,
      String collectionId,
      String objectId,
      VersionMatch versions,
      List<String> specVersions) {
    Rights rights = rights(account);
    visible(rights, root, collectionId);
    if (!rights.canWrite(collectionId)) {
      throw new RequestException.Forbidden(
          "account '" + account.name() + "' may not delete from collection '" + collectionId + "'");
    }
    int n = inCollection(() -> store.delete(collectionId, objectId, versions, specVersions));
    if (n == 0) {
      throw noObject(collectionId, objectId);
    }
  }

  /**
   * A status resource made for this account.
   *
   * @throws RequestException.NotFound when there is no such status for this account, or it expired
   */
  public Status status(Account account, String root, String statusId) {
    root(root);
    String json =
        store
            .statuses()
            .status(statusId, account.name(), clock.instant())
            .orElseThrow(() -> new RequestException.NotFound("no status '" + statusId + "'"));
    return Status.fromJson(TaxiiJson.parse(json));
  }

  // ------------------------------------------------------------------ signatures

  /**
   * The signature of an envelope served, for the {@value EnvelopeSignatures#HEADER} header: over
   * the nonce the requester sent when it has the form of one (so that the requester can tell this
   * answer from a replayed one), else over a fresh nonce. Empty when the node signs nothing.
   */
  public Optional<String> signature(Optional<String> requestNonce, byte[] envelope) {
    return signing.map(
        s ->
            EnvelopeSignatures.sign(
                s.key(),
                s.identityId(),
                clock.instant(),
                requestNonce
                    .filter(EnvelopeSignatures::isNonce)
                    .orElseGet(EnvelopeSignatures::newNonce),
                envelope));
  }

  /**
   * Checks the signature of an envelope posted by {@code account}, before it is read. An account a
   * partner writes with must sign every envelope with the key registered for it: the signature must
   * verify, be made within {@link EnvelopeSignatures#WINDOW} of this node's clock, and carry a
   * nonce this node has not seen from that partner (nonces are kept for twice the window, in the
   * database, so a restart does not open the door to a replay). Other accounts are the node's own:
   * their envelopes are not checked. A refusal is recorded ({@link SyncStore#reject}).
   *
   * @param header the {@value EnvelopeSignatures#HEADER} header, null when absent
   * @throws RequestException.Forbidden when the partner's envelope is refused
   */
  public void checkSignature(Account account, String header, byte[] envelope) {
    Optional<StoredPartner> partner = partners.entryForAccount(account.name());
    if (partner.isEmpty()) {
      return;
    }
    StoredPartner p = partner.get();
    Instant now = clock.instant();
    String refused;
    try {
      EnvelopeSignatures.Signed s =
          EnvelopeSignatures.verify(
              NodeKeys.readPublicKey(p.publicKey()), p.identityId(), header, envelope);
      Duration skew = Duration.between(s.signed(), now).abs();
      if (skew.compareTo(EnvelopeSignatures.WINDOW) > 0) {
        refused =
            "the envelope was signed at "
                + s.signed()
                + ", "
                + skew.toSeconds()
                + " s from this node's clock; at most "
                + EnvelopeSignatures.WINDOW.toSeconds()
                + " s are accepted";
      } else if (!store
          .sync()
          .firstUse(
              p.identityId(),
              s.nonce(),
              now.plus(EnvelopeSignatures.WINDOW.multipliedBy(2)),
              now)) {
        refused = "the envelope's nonce was seen before: a replayed envelope";
      } else {
        return;
      }
    } catch (EnvelopeSignatureException e) {
      refused = e.getMessage();
    }
    store.sync().reject(p.name(), SyncStore.Direction.PULL, now, "envelope refused: " + refused);
    throw new RequestException.Forbidden(
        "envelope refused: " + refused + "; nothing of it was stored");
  }

  // ------------------------------------------------------------------ egress

  /** One page of what a partner may receive ({@link EgressPolicy#page}). */
  private Page<StoredObject> released(
      Recipient partner, String collectionId, ObjectFilter filter, PageRequest request) {
    return inCollection(() -> egress.page(partner, collectionId, filter, request));
  }

  private static Page<ManifestEntry> entries(Page<StoredObject> p) {
    return new Page<>(
        p.items().stream()
            .map(o -> new ManifestEntry(o.id(), o.dateAdded(), o.version(), o.specVersion()))
            .toList(),
        p.more(),
        p.firstDateAdded(),
        p.lastDateAdded());
  }

  // ------------------------------------------------------------------ helpers

  private Root root(String path) {
    for (Root r : settings.roots()) {
      if (r.path().equals(path)) {
        return r;
      }
    }
    throw new RequestException.NotFound("no API root '" + path + "'");
  }

  /**
   * What an account may do with the collections, from its rights and, for a registered partner's
   * account, its agreement (see Visibility in the class documentation).
   *
   * @param partner the partner the account belongs to, if any (one registry read)
   */
  private record Rights(Account account, Optional<Recipient> partner) {
    boolean canRead(String collectionId) {
      return account.canRead().contains(collectionId)
          && partner.map(p -> offered(p, collectionId)).orElse(true);
    }

    boolean canWrite(String collectionId) {
      return account.canWrite().contains(collectionId);
    }

    boolean sees(String collectionId) {
      return canRead(collectionId) || canWrite(collectionId);
    }

    private static boolean offered(Recipient p, String collectionId) {
      return p.agreement().map(a -> a.collections().contains(collectionId)).orElse(false);
    }
  }

  private Rights rights(Account account) {
    return new Rights(account, partners.forAccount(account.name()));
  }

  private CollectionInfo visible(Rights rights, String root, String collectionId) {
    Root r = root(root);
    if (r.serves(collectionId) && rights.sees(collectionId)) {
      Optional<CollectionInfo> c = store.collection(collectionId);
      if (c.isPresent()) {
        return c.get();
      }
    }
    throw noCollection(root, collectionId);
  }

  /** The account's rights, once it is known to see and read the collection. */
  private Rights readable(Account account, String root, String collectionId) {
    Root r = root(root);
    Rights rights = rights(account);
    if (!r.serves(collectionId) || !rights.sees(collectionId)) {
      throw noCollection(root, collectionId);
    }
    if (!rights.canRead(collectionId)) {
      throw new RequestException.Forbidden(
          "account '" + account.name() + "' may not read collection '" + collectionId + "'");
    }
    return rights;
  }

  private static RequestException.NotFound noCollection(String root, String collectionId) {
    return new RequestException.NotFound(
        "no collection '" + collectionId + "' in API root '" + root + "'");
  }

  private static RequestException.NotFound noObject(String collectionId, String objectId) {
    return new RequestException.NotFound(
        "no object '" + objectId + "' matching the filters in collection '" + collectionId + "'");
  }

  /** Runs a store call, turning a collection deleted meanwhile into a 404. */
  private static <T> T inCollection(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (UnknownCollectionException e) {
      throw new RequestException.NotFound("no collection '" + e.collectionId() + "'");
    }
  }

  private PageRequest page(ObjectQuery q, String key) {
    int limit = Math.min(q.limit().orElse(settings.defaultPageSize()), settings.maxPageSize());
    Optional<Cursor> next = q.next().map(t -> tokens.decode(t, key));
    return new PageRequest(limit, next);
  }

  private static String describe(ObjectFilter f) {
    return f.ids()
        + "|"
        + f.types()
        + "|"
        + f.versions()
        + "|"
        + f.specVersions()
        + "|"
        + f.addedAfter().map(TaxiiJson::timestamp).orElse("");
  }

  private static String version(ManifestEntry e) {
    return version(e.version(), e.dateAdded());
  }

  private static String version(Optional<String> version, Instant dateAdded) {
    return version.orElseGet(() -> TaxiiJson.timestamp(dateAdded));
  }
}
