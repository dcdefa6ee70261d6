package org.detente.node.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.audit.AuditFormatException;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.SignedHead;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Partners;
import org.detente.node.store.Store;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.SyncStore;

/**
 * The audit record as partners reach it over the network: the exchange of signed chain heads and
 * the export of our entries for the partner asking. No HTTP here; the node's server serves these
 * operations outside its TAXII API roots, under {@code /detente/v1/audit/} (see {@code
 * org.detente.node.http.Endpoints}), and {@link org.detente.node.sync.Federation} calls them on its
 * partners.
 *
 * <p>Who may call. Only an account that a registered partner reads and writes with ({@code partners
 * add --account}): any other account, the node's own tools included, is refused ({@link
 * RequestException.Forbidden}), because the answers are made for one partner. The partner is the
 * one the account belongs to, never one named in the request, so a partner only ever sees entries
 * whose party is itself.
 *
 * <p>Head exchange ({@link #exchangeHeads}). The partner hands over its {@link SignedHead}; it must
 * be signed as the partner's registered identity with its registered Ed25519 key, and must not
 * contradict a receipt kept earlier for the same sequence number ({@link AuditLog#keepReceipt}).
 * Then it is kept as a receipt, and this node signs its own current head, keeps it (so that {@code
 * audit verify} checks the chain still holds it) and hands it back. A head that is malformed,
 * signed by another key or as another node, or contradicts a receipt is refused, recorded ({@link
 * SyncStore#reject}, direction {@code AUDIT}) and not kept.
 *
 * <p>Export ({@link #export}). Our entries whose party is the asking partner, in the export format
 * of {@link AuditLog} (JSON Lines with a signed head and a signed trailer), signed with this node's
 * key: what the partner's {@code detente audit reconcile} checks and compares with its own record.
 *
 * <p>A node without keys ({@code detente init} not run) signs nothing: both operations answer
 * {@link RequestException.NotFound}.
 *
 * <h2>Wire format</h2>
 *
 * <p>Both endpoints are at the root of the node's server, next to {@code /taxii2/} and outside
 * every TAXII API root (an API root may hold only collections and statuses; these are not TAXII
 * resources), under a versioned prefix, {@value #PATH}. They are authenticated as every TAXII
 * endpoint (HTTP Basic or a bearer API key, 401 with {@code WWW-Authenticate} without valid
 * credentials) and subject to the same request rate. Refusals are TAXII error resources ({@code
 * application/taxii+json;version=2.1}), as everywhere on the server.
 *
 * <pre>{@code
 * POST /detente/v1/audit/head/            exchange signed chain heads
 *   Content-Type: application/json        body: the caller's signed head (SignedHead's JSON),
 *   Accept: application/json              at most 4,096 bytes
 *   200 application/json                  body: this node's signed head, signed now
 *   400 malformed head (recorded)  403 not a partner's account, or head refused (recorded)
 *   404 this node has no keys  406 / 415 other media types  413 body over 4,096 bytes
 *
 * GET /detente/v1/audit/export/           this node's entries for the caller, signed
 *   Accept: application/x-ndjson
 *   200 application/x-ndjson              body: the export (JSON Lines, see AuditLog), streamed
 *   403 not a partner's account  404 this node has no keys  406 other media types
 * }</pre>
 *
 * <p>The export is streamed as it is read from the database: an export cut short (a failure after
 * the answer began) lacks its signed trailer line, and the reader refuses it as incomplete.
 *
 * <p>Thread-safe.
 */
public final class PartnerAudit {
  /** Where the audit endpoints are, from the root of the node's server. */
  public static final String PATH = "/detente/v1/audit";

  /** The head exchange endpoint, under {@link #PATH}. */
  public static final String HEAD_PATH = PATH + "/head/";

  /** The export endpoint, under {@link #PATH}. */
  public static final String EXPORT_PATH = PATH + "/export/";

  /** The media type of the signed heads exchanged, both ways. */
  public static final String HEAD_MEDIA_TYPE = "application/json";

  /** The media type of an export (JSON Lines). */
  public static final String EXPORT_MEDIA_TYPE = "application/x-ndjson";

  private final Store store;
  private final Optional<TaxiiService.Signing> signing;
  private final Clock clock;
  private final Partners partners;

  /**
   * @param signing this node's key and identity; empty for a node without keys
   */
  public PartnerAudit(Store store, Optional<TaxiiService.Signing> signing, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.signing = Objects.requireNonNull(signing, "signing");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.partners = new Partners(store.partners());
  }

  /**
   * Keeps the partner's signed head as a receipt and returns ours, signed now.
   *
   * @param body the partner's signed head, JSON in UTF-8 (at most {@value SignedHead#MAX_CHARS}
   *     characters)
   * @throws RequestException.Forbidden when the account is no partner's, or the head is not signed
   *     by the partner or contradicts a receipt (recorded)
   * @throws RequestException.Invalid when the body is not a signed head (recorded)
   * @throws RequestException.NotFound when this node has no keys
   */
  public SignedHead exchangeHeads(Account account, byte[] body) {
    StoredPartner p = partner(account);
    TaxiiService.Signing s = signing();
    AuditLog log = new AuditLog(store, clock);
    SignedHead theirs;
    try {
      theirs = SignedHead.parse(new String(body, StandardCharsets.UTF_8));
    } catch (AuditFormatException e) {
      String reason = "signed head refused: " + e.getMessage();
      refuse(p, reason);
      throw new RequestException.Invalid(reason);
    }
    try {
      log.keepReceipt(p.name(), theirs, p.identityId(), NodeKeys.readPublicKey(p.publicKey()));
    } catch (SecurityException e) {
      String reason = "signed head refused, not kept: " + e.getMessage();
      refuse(p, reason);
      throw new RequestException.Forbidden(reason);
    }
    return log.signHead(s.identityId(), s.key());
  }

  /** An export made for one partner, written when asked. */
  @FunctionalInterface
  public interface Export {
    /**
     * Writes the export; the stream is not closed.
     *
     * @return the number of entries written
     * @throws IOException when writing fails
     */
    long writeTo(OutputStream out) throws IOException;
  }

  /**
   * Our entries for the partner the account belongs to, signed, in the export format of {@link
   * AuditLog}. The checks are made here, before anything is written, so that a refusal can still be
   * answered as such; the export itself is read from the database as it is written.
   *
   * @throws RequestException.Forbidden when the account is no partner's
   * @throws RequestException.NotFound when this node has no keys
   */
  public Export export(Account account) {
    StoredPartner p = partner(account);
    TaxiiService.Signing s = signing();
    AuditLog log = new AuditLog(store, clock);
    return out -> log.export(p.name(), s.identityId(), s.key(), out);
  }

  /**
   * The partner that {@code account} belongs to.
   *
   * @throws RequestException.Forbidden when it belongs to none
   */
  private StoredPartner partner(Account account) {
    return partners
        .entryForAccount(account.name())
        .orElseThrow(
            () ->
                new RequestException.Forbidden(
                    "account '"
                        + account.name()
                        + "' is no registered partner's: the audit exchange serves partners"
                        + " only"));
  }

  /**
   * This node's key.
   *
   * @throws RequestException.NotFound when it has none
   */
  private TaxiiService.Signing signing() {
    return signing.orElseThrow(
        () ->
            new RequestException.NotFound(
                "this node has no identity and keys (detente init): it signs no audit heads or"
                    + " exports"));
  }

  private void refuse(StoredPartner p, String reason) {
    store.sync().reject(p.name(), SyncStore.Direction.AUDIT, clock.instant(), reason);
  }
}
