package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.Difference;
import org.detente.node.audit.Reconciliation;
import org.detente.node.audit.SignedHead;
import org.detente.node.identity.NodeKeys;
import org.detente.node.service.PartnerAudit;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.AuditStore;
import org.detente.node.store.SyncStore;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

/**
 * Signed audit heads and audit exports exchanged between two real nodes on loopback, over the
 * endpoints of {@link PartnerAudit}: B pulls A's intel, and each round ends with the exchange of
 * heads; reconciliation fetches the other side's export. Run against each store.
 */
abstract class ReceiptsContract extends TwoNodes {
  private static final int OBJECTS = 20;

  /** B pulls A's intel into from-a; each registers the other with its real key. */
  private void partners() {
    a.register(b, b.publicKeyPem(), FederationContract.BASE_AGREEMENT, keyOfAOnB);
    b.register(
        a,
        a.publicKeyPem(),
        FederationContract.BASE_AGREEMENT + "pull = { intel = \"from-a\" }\n",
        keyOfBOnA);
    List<StixObject> objects = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      objects.add(Indicators.indicator(i, 0));
    }
    a.add("intel", objects);
  }

  private static SyncReport sync(FederatedNode from, String partner) {
    return from.federation(FederatedNode.options(8, 2)).sync(partner);
  }

  private static SignedHead only(List<SignedHead> receipts) {
    assertThat(receipts).hasSize(1);
    return receipts.get(0);
  }

  private static List<SignedHead> receipts(FederatedNode at, String of) {
    return new AuditLog(at.store, Clock.systemUTC()).receipts(of);
  }

  private static void holdsReceiptOfHead(FederatedNode at, FederatedNode of, SignedHead kept) {
    AuditStore.Head head = of.store.audit().head();
    assertThat(kept.node()).isEqualTo(of.identityId);
    assertThat(kept.verify(NodeKeys.readPublicKey(of.publicKeyPem()))).isTrue();
    assertThat(kept.sequence()).isEqualTo(head.sequence());
    assertThat(kept.head()).isEqualTo(head.hash());
    assertThat(new AuditLog(at.store, Clock.systemUTC()).verify().intact()).isTrue();
  }

  @Test
  void sync_eachSideKeepsAVerifyingReceiptOfTheOthersHead() {
    partners();

    SyncReport r = sync(b, "a");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pulledAdded()).isEqualTo(OBJECTS);
    SignedHead ofA = only(receipts(b, "a"));
    assertThat(r.theirHead()).contains(ofA);
    assertThat(ofA.sequence()).isEqualTo(OBJECTS);
    holdsReceiptOfHead(b, a, ofA);
    SignedHead ofB = only(receipts(a, "b"));
    assertThat(ofB.sequence()).isEqualTo(OBJECTS);
    holdsReceiptOfHead(a, b, ofB);

    // the next round covers what moved since: one more receipt each side
    a.add("intel", List.of(Indicators.indicator(0, 1)));
    assertThat(sync(b, "a").problems()).isEmpty();
    assertThat(receipts(b, "a")).hasSize(2).last().satisfies(h -> holdsReceiptOfHead(b, a, h));
    assertThat(receipts(a, "b")).hasSize(2).last().satisfies(h -> holdsReceiptOfHead(a, b, h));
  }

  @Test
  void reconcile_overTheNetwork_agreesOnThatPartnersEntriesOnly() throws Exception {
    partners();
    assertThat(sync(b, "a").problems()).isEmpty();
    // A's record also holds what went to somebody else: never in B's export
    StixObject elsewhere = Indicators.indicator(999, 0);
    a.store
        .audit()
        .append(List.of(AuditRecord.of(AuditRecord.Direction.OUT, "c", elsewhere, Instant.now())));

    Reconciliation atB = b.federation(FederatedNode.options(8, 2)).reconcile("a");
    Reconciliation atA = a.federation(FederatedNode.options(8, 2)).reconcile("b");

    for (Reconciliation r : List.of(atA, atB)) {
      assertThat(r.differences()).isEmpty();
      assertThat(r.ours()).isEqualTo(OBJECTS);
      assertThat(r.theirs()).isEqualTo(OBJECTS);
    }
    assertThat(atB.theirHead().node()).isEqualTo(a.identityId);
    assertThat(receipts(b, "a")).contains(atB.theirHead());
    HttpResponse<String> export = getExport(a, keyOfBOnA, PartnerAudit.EXPORT_MEDIA_TYPE);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElse(""))
        .startsWith(PartnerAudit.EXPORT_MEDIA_TYPE);
    List<String> lines = export.body().lines().toList();
    assertThat(lines).hasSize(OBJECTS + 1).noneMatch(l -> l.contains(elsewhere.id()));
    assertThat(lines.get(OBJECTS)).contains("\"party\":\"b\"").contains("\"entries\":" + OBJECTS);
  }

  @Test
  void reconcile_overTheNetwork_findsADroppedAuditEntry() throws Exception {
    partners();
    assertThat(sync(b, "a").problems()).isEmpty();
    List<AuditEntry> entries = new ArrayList<>();
    b.store.audit().scan(4, entries::add);
    String dropped = entries.get(0).objectId();
    sql(b, "DELETE FROM audit_entry WHERE seq = 5");

    Reconciliation atA = a.federation(FederatedNode.options(8, 2)).reconcile("b");
    Reconciliation atB = b.federation(FederatedNode.options(8, 2)).reconcile("a");

    assertThat(atA.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.objectId()).isEqualTo(dropped);
              assertThat(d.kind()).isEqualTo(Difference.Kind.OURS_ONLY);
              assertThat(d.direction()).isEqualTo(AuditRecord.Direction.OUT);
              assertThat(d.describe()).contains("sent but not received");
            });
    assertThat(atB.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.objectId()).isEqualTo(dropped);
              assertThat(d.kind()).isEqualTo(Difference.Kind.THEIRS_ONLY);
              assertThat(d.describe()).contains("sent by them but not received");
            });
  }

  @Test
  void exchangeHeads_notSignedByThePartner_refusedRecordedNotKept() throws Exception {
    partners();
    Instant now = Instant.now();
    String hash = "ab".repeat(32);
    var stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();

    HttpResponse<String> otherKey =
        postHead(a, keyOfBOnA, SignedHead.sign(b.identityId, 3, hash, now, stranger).toString());
    HttpResponse<String> otherNode =
        postHead(
            a, keyOfBOnA, SignedHead.sign(a.identityId, 3, hash, now, b.privateKey()).toString());
    HttpResponse<String> notAHead = postHead(a, keyOfBOnA, "{\"type\":\"bundle\"}");

    assertThat(otherKey.statusCode()).isEqualTo(403);
    assertThat(otherKey.body()).contains("does not verify with the partner's key");
    assertThat(otherNode.statusCode()).isEqualTo(403);
    assertThat(otherNode.body()).contains("is signed as node " + a.identityId);
    assertThat(notAHead.statusCode()).isEqualTo(400);
    assertThat(notAHead.body()).contains("not a signed head");
    assertThat(receipts(a, "b")).isEmpty();
    assertThat(a.store.sync().rejections("b", 10))
        .hasSize(3)
        .allSatisfy(x -> assertThat(x.direction()).isEqualTo(SyncStore.Direction.AUDIT))
        .allSatisfy(x -> assertThat(x.reason()).startsWith("signed head refused"));

    // a genuine head is kept and answered with A's; one that rewrites the same entry is refused
    SignedHead genuine = SignedHead.sign(b.identityId, 3, hash, now, b.privateKey());
    HttpResponse<String> ok = postHead(a, keyOfBOnA, genuine.toString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    SignedHead ofA = SignedHead.parse(ok.body());
    assertThat(ofA.verify(NodeKeys.readPublicKey(a.publicKeyPem()))).isTrue();
    assertThat(ofA.sequence()).isEqualTo(a.store.audit().head().sequence());
    HttpResponse<String> rewritten =
        postHead(
            a,
            keyOfBOnA,
            SignedHead.sign(b.identityId, 3, "cd".repeat(32), now, b.privateKey()).toString());
    assertThat(rewritten.statusCode()).isEqualTo(403);
    assertThat(rewritten.body()).contains("the partner's chain was rewritten");
    assertThat(receipts(a, "b")).containsExactly(genuine);
    assertThat(a.store.sync().rejections("b", 10)).hasSize(4);
  }

  @Test
  void auditEndpoints_partnersOnly_nonPartner403NoCredentials401() throws Exception {
    partners();
    String analyst = a.localAccount("analyst");
    String head =
        SignedHead.sign(b.identityId, 0, "0".repeat(64), Instant.now(), b.privateKey()).toString();

    HttpResponse<String> headByAnalyst = postHead(a, analyst, head);
    HttpResponse<String> exportByAnalyst = getExport(a, analyst, PartnerAudit.EXPORT_MEDIA_TYPE);
    HttpResponse<String> headAnonymous = postHead(a, null, head);
    HttpResponse<String> exportAnonymous = getExport(a, null, PartnerAudit.EXPORT_MEDIA_TYPE);

    assertThat(headByAnalyst.statusCode()).isEqualTo(403);
    assertThat(headByAnalyst.body()).contains("account 'analyst' is no registered partner's");
    assertThat(exportByAnalyst.statusCode()).isEqualTo(403);
    for (HttpResponse<String> r : List.of(headAnonymous, exportAnonymous)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }
    assertThat(receipts(a, "b")).isEmpty();
    assertThat(getExport(a, keyOfBOnA, "application/taxii+json").statusCode()).isEqualTo(406);
    assertThat(
            send(HttpRequest.newBuilder(a.base().resolve(PartnerAudit.HEAD_PATH.substring(1)))
                    .header("Authorization", "Bearer " + keyOfBOnA)
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(head)))
                .statusCode())
        .isEqualTo(415);
  }

  private static HttpResponse<String> postHead(FederatedNode at, String apiKey, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(at.base().resolve(PartnerAudit.HEAD_PATH.substring(1)))
            .header("Accept", PartnerAudit.HEAD_MEDIA_TYPE)
            .header("Content-Type", PartnerAudit.HEAD_MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      r.header("Authorization", "Bearer " + apiKey);
    }
    return send(r);
  }

  private static HttpResponse<String> getExport(FederatedNode at, String apiKey, String accept)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(at.base().resolve(PartnerAudit.EXPORT_PATH.substring(1)))
            .header("Accept", accept);
    if (apiKey != null) {
      r.header("Authorization", "Bearer " + apiKey);
    }
    return send(r);
  }

  private static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
