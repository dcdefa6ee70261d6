package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.detente.node.identity.EnvelopeSignatureException;
import org.detente.node.identity.EnvelopeSignatures;
import org.detente.node.identity.NodeKeys;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.SyncStore;
import org.detente.node.taxii.MediaTypes;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

/**
 * Federation between two real nodes on loopback, A and B, each with its own store and keys: B pulls
 * A's {@code intel} into {@code from-a}, A pushes its {@code intel} to B's {@code inbox}. Run
 * against each store.
 */
abstract class FederationContract extends TwoNodes {
  private static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
  static final String BASE_AGREEMENT =
      "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\nunmarked = \"green\"\n";

  /** Forgets every checkpoint of {@code node} (as if it crashed before writing them). */
  void forgetCheckpoints(FederatedNode node) throws Exception {
    sql(node, "DELETE FROM sync_checkpoint");
  }

  /** How many object versions the exactly-once tests move (PostgreSQL: 10,000 by default). */
  int volume() {
    return Integer.getInteger("sync.objects", 10_000);
  }

  /** B pulls A's intel into from-a; A pushes its intel into B's inbox. */
  void partners() {
    a.register(b, b.publicKeyPem(), BASE_AGREEMENT + "push = { intel = \"inbox\" }\n", keyOfAOnB);
    b.register(a, a.publicKeyPem(), BASE_AGREEMENT + "pull = { intel = \"from-a\" }\n", keyOfBOnA);
  }

  /**
   * {@code n} versions into A's intel: 70% first versions, 20% second versions, 10% revocations,
   * plus 50 TLP:RED indicators that no agreement releases. Returns the released versions.
   */
  private List<String> fill(int n) {
    int first = n * 7 / 10;
    int second = n * 2 / 10;
    int revoked = n - first - second;
    List<StixObject> objects = new ArrayList<>(n + 50);
    List<String> released = new ArrayList<>(n);
    for (int i = 0; i < first; i++) {
      objects.add(Indicators.indicator(i, 0));
    }
    for (int i = 0; i < second; i++) {
      objects.add(Indicators.indicator(i, 1));
    }
    for (int i = second; i < second + revoked; i++) {
      objects.add(revoked(i));
    }
    for (int i = 0; i < 50; i++) {
      objects.add(
          StixObject.parse(
              Indicators.json(1_000_000 + i, 0)
                  .replace(
                      "\"pattern_type\"",
                      "\"object_marking_refs\":[\"" + RED + "\"],\"pattern_type\"")));
    }
    a.add("intel", objects);
    for (StixObject o : objects.subList(0, n)) {
      released.add(o.id() + "|" + o.version().orElseThrow());
    }
    return released;
  }

  /** How many audit entries {@code node} holds for {@code party} in {@code direction}. */
  private static long audited(FederatedNode node, String party, String direction) {
    long[] n = {0};
    node.store
        .audit()
        .scanParty(
            party,
            e -> {
              if (e.direction().equals(direction)) {
                n[0]++;
              }
            });
    return n[0];
  }

  private static StixObject revoked(long i) {
    return revoked(i, 1);
  }

  private static StixObject revoked(long i, int version) {
    return StixObject.parse(
        Indicators.json(i, version)
            .replace("\"pattern_type\"", "\"revoked\":true,\"pattern_type\""));
  }

  @Test
  void pull_versionsAndRevocations_arriveExactlyOnce() throws Exception {
    partners();
    List<String> released = fill(volume());
    Federation fb = b.federation(FederatedNode.options(1_000, 3));

    SyncReport r = fb.sync("a");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pulledAdded()).isEqualTo(volume());
    List<String> got = b.versions("from-a");
    assertThat(got).hasSize(volume()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(got)).isEqualTo(new HashSet<>(released));
    String revokedId = Indicators.id(volume() * 2 / 10);
    StixObject last =
        b.store
            .objects(
                "from-a",
                ObjectFilter.all().withIds(revokedId),
                org.detente.node.store.PageRequest.first(10))
            .items()
            .get(0)
            .object();
    assertThat(last.property("revoked").booleanValue()).isTrue();

    assertThat(audited(b, "a", "in")).isEqualTo(volume());
    assertThat(audited(a, "b", "out")).isEqualTo(volume());

    SyncReport again = fb.sync("a");
    assertThat(again.pulledAdded() + again.pulledUnchanged()).isZero();

    forgetCheckpoints(b);
    SyncReport replayed = fb.sync("a");
    assertThat(replayed.pulledAdded()).isZero();
    assertThat(replayed.pulledUnchanged()).isEqualTo(volume());
    assertThat(b.versions("from-a")).hasSize(volume());

    a.add("intel", List.of(Indicators.indicator(0, 2), revoked(1, 2)));
    SyncReport more = fb.sync("a");
    assertThat(more.pulledAdded()).isEqualTo(2);
    assertThat(b.versions("from-a")).hasSize(volume() + 2);
  }

  @Test
  void push_releasedOnly_exactlyOnce() {
    partners();
    List<String> released = fill(volume());
    Federation fa = a.federation(FederatedNode.options(1_000, 3));

    SyncReport r = fa.sync("b");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pushed()).isEqualTo(volume());
    assertThat(r.pushRefused()).isZero();
    List<String> got = b.versions("inbox");
    assertThat(got).hasSize(volume()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(got)).isEqualTo(new HashSet<>(released));

    assertThat(audited(a, "b", "out")).isEqualTo(volume());
    assertThat(audited(b, "a", "in")).isEqualTo(volume());
    assertThat(fa.sync("b").pushed()).isZero();
    a.add("intel", List.of(Indicators.indicator(5, 3)));
    assertThat(fa.sync("b").pushed()).isEqualTo(1);
    assertThat(b.versions("inbox")).hasSize(volume() + 1);
  }

  @Test
  void pull_partnerDownAndBack_resumesFromCheckpoint() throws Exception {
    partners();
    int n = Math.min(volume(), 5_000);
    List<String> released = fill(n);
    a.stop();
    SyncReport down = b.federation(FederatedNode.options(100, 2)).sync("a");
    assertThat(down.problems())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("attempts failed"))
        .anySatisfy(p -> assertThat(p).startsWith("audit heads: "));
    assertThat(b.store.sync().checkpoint("a", SyncStore.Direction.PULL, "intel", "from-a"))
        .isEmpty();
    a.restart();

    AtomicReference<SyncReport> report = new AtomicReference<>();
    Thread t =
        Thread.ofVirtual()
            .start(() -> report.set(b.federation(FederatedNode.options(100, 40)).sync("a")));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (b.versions("from-a").size() < n / 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    a.stop();
    Thread.sleep(300);
    a.restart();
    t.join(60_000);

    assertThat(report.get().problems()).isEmpty();
    assertThat(down.pulledAdded() + report.get().pulledAdded()).isEqualTo(n);
    List<String> got = b.versions("from-a");
    assertThat(got).hasSize(n).doesNotHaveDuplicates();
    assertThat(new HashSet<>(got)).isEqualTo(new HashSet<>(released));
  }

  @Test
  void push_partnerDown_nothingLostWhenBack() {
    partners();
    List<String> released = fill(2_000);
    b.stop();
    SyncReport down = a.federation(FederatedNode.options(500, 2)).sync("b");
    assertThat(down.problems())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("attempts failed"))
        .anySatisfy(p -> assertThat(p).startsWith("audit heads: "));
    assertThat(down.pushed()).isZero();
    b.restart();

    SyncReport back = a.federation(FederatedNode.options(500, 2)).sync("b");

    assertThat(back.problems()).isEmpty();
    assertThat(back.pushed()).isEqualTo(2_000);
    assertThat(new HashSet<>(b.versions("inbox"))).isEqualTo(new HashSet<>(released));
  }

  @Test
  void pull_signatureByAnotherKey_refusedRecordedNothingStored() throws Exception {
    String stranger =
        NodeKeys.publicKeyPem(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    b.register(a, stranger, BASE_AGREEMENT + "pull = { intel = \"from-a\" }\n", keyOfBOnA);
    a.register(b, b.publicKeyPem(), BASE_AGREEMENT, keyOfAOnB);
    fill(100);

    SyncReport r = b.federation(FederatedNode.options(50, 2)).sync("a");

    assertThat(r.pulledAdded()).isZero();
    // the page, and then A's signed head: both signed with A's key, not the one B registered
    assertThat(r.problems())
        .hasSize(2)
        .allSatisfy(p -> assertThat(p).contains("does not verify"))
        .anySatisfy(p -> assertThat(p).startsWith("audit heads: "));
    assertThat(r.theirHead()).isEmpty();
    assertThat(b.versions("from-a")).isEmpty();
    assertThat(b.store.sync().checkpoint("a", SyncStore.Direction.PULL, "intel", "from-a"))
        .isEmpty();
    assertThat(b.store.sync().rejections("a", 10))
        .hasSize(2)
        .allSatisfy(x -> assertThat(x.reason()).contains("does not verify"))
        .extracting(SyncStore.Rejection::direction)
        .containsExactly(SyncStore.Direction.PULL, SyncStore.Direction.AUDIT);
    assertThat(b.store.audit().receipts("a")).isEmpty();
  }

  @Test
  void pull_invalidObject_refusedRecordedRestStored() {
    partners();
    String bad = Indicators.json(7, 0).replace("[ipv4-addr:value = ", "[ipv4-addr:value ?? ");
    a.add(
        "intel",
        List.of(Indicators.indicator(1, 0), StixObject.parse(bad), Indicators.indicator(2, 0)));

    SyncReport r = b.federation(FederatedNode.options(50, 2)).sync("a");

    assertThat(r.pulledAdded()).isEqualTo(2);
    assertThat(r.pulledRefused()).isEqualTo(1);
    assertThat(b.versions("from-a")).hasSize(2);
    assertThat(b.store.sync().rejections("a", 10))
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).startsWith(Indicators.id(7) + " refused"));
  }

  @Test
  void post_replayedStaleUnsignedOrForged_refusedAndRecorded() throws Exception {
    partners();
    byte[] envelope =
        ("{\"objects\":[" + Indicators.json(1, 0) + "]}").getBytes(StandardCharsets.UTF_8);
    String nonce = EnvelopeSignatures.newNonce();
    String sig =
        EnvelopeSignatures.sign(a.privateKey(), a.identityId, Instant.now(), nonce, envelope);
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThat(post(http, envelope, sig).statusCode()).isEqualTo(202);
      HttpResponse<String> replay = post(http, envelope, sig);
      assertThat(replay.statusCode()).isEqualTo(403);
      assertThat(replay.body()).contains("replayed");

      String stale =
          EnvelopeSignatures.sign(
              a.privateKey(),
              a.identityId,
              Instant.now().minusSeconds(600),
              EnvelopeSignatures.newNonce(),
              envelope);
      assertThat(post(http, envelope, stale).body()).contains("600 s from this node's clock");
      assertThat(post(http, envelope, null).body()).contains("carries no X-Detente-Signature");
      String forged =
          EnvelopeSignatures.sign(
              KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(),
              a.identityId,
              Instant.now(),
              EnvelopeSignatures.newNonce(),
              envelope);
      assertThat(post(http, envelope, forged).statusCode()).isEqualTo(403);
    }
    assertThat(b.versions("inbox")).hasSize(1);
    assertThat(b.store.sync().rejections("a", 10)).hasSize(4);
  }

  private HttpResponse<String> post(HttpClient http, byte[] envelope, String sig) throws Exception {
    return post(http, "inbox", envelope, sig);
  }

  private HttpResponse<String> post(HttpClient http, String collection, byte[] envelope, String sig)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(b.apiRoot() + "collections/" + collection + "/objects/"))
            .header("Authorization", "Bearer " + keyOfAOnB)
            .header("Accept", MediaTypes.TAXII_21)
            .header("Content-Type", MediaTypes.TAXII_21)
            .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
    if (sig != null) {
      r.header(EnvelopeSignatures.HEADER, sig);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void objects_replayedPage_refusedByClient() throws Exception {
    partners();
    fill(10);
    HttpResponse<byte[]> captured;
    try (HttpClient http = HttpClient.newHttpClient()) {
      captured =
          http.send(
              HttpRequest.newBuilder(URI.create(a.apiRoot() + "collections/intel/objects/"))
                  .header("Authorization", "Bearer " + keyOfBOnA)
                  .header("Accept", MediaTypes.TAXII_21)
                  .header(EnvelopeSignatures.NONCE_HEADER, EnvelopeSignatures.newNonce())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    }
    String sig = captured.headers().firstValue(EnvelopeSignatures.HEADER).orElseThrow();
    HttpServer replayer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    replayer.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", MediaTypes.TAXII_21);
          ex.getResponseHeaders().add(EnvelopeSignatures.HEADER, sig);
          ex.sendResponseHeaders(200, captured.body().length);
          ex.getResponseBody().write(captured.body());
          ex.close();
        });
    replayer.start();
    try (TaxiiClient client =
        TaxiiClient.builder()
            .verifyWith(NodeKeys.readPublicKey(a.publicKeyPem()), a.identityId)
            .build()) {
      URI root = URI.create("http://127.0.0.1:" + replayer.getAddress().getPort() + "/api/");
      assertThatThrownBy(() -> client.objects(root, "intel", ObjectFilter.all(), 0).next())
          .isInstanceOf(TaxiiResponseException.class)
          .hasCauseInstanceOf(EnvelopeSignatureException.class)
          .hasMessageContaining("another request's nonce");
    } finally {
      replayer.stop(0);
    }
  }

  @Test
  void push_missingLocalCollection_stopsThatRouteOnly() {
    a.register(
        b,
        b.publicKeyPem(),
        "agreement_version = 1\ncollections = [\"intel\", \"gone\"]\nmax_tlp = \"amber\"\n"
            + "unmarked = \"green\"\npush = { gone = \"inbox\", intel = \"inbox\" }\n",
        keyOfAOnB);
    b.register(a, a.publicKeyPem(), BASE_AGREEMENT, keyOfBOnA);
    fill(10);

    SyncReport r = a.federation(FederatedNode.options(50, 2)).sync("b");

    assertThat(r.problems()).singleElement().asString().contains("no collection 'gone'");
    assertThat(r.pushed()).isEqualTo(10);
  }

  @Test
  void pull_pullerKilledMidSync_nothingLostOrDuplicated() throws Exception {
    partners();
    int n = Math.min(volume(), 5_000);
    List<String> released = fill(n);
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    b.federation(FederatedNode.options(100, 3)).sync("a");
                  } catch (RuntimeException killed) {
                    // the store closed under the round: what a crash looks like from inside
                  }
                });
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (b.versions("from-a").size() < n / 4 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    killAndRestart(b);
    t.join(30_000);
    int before = b.versions("from-a").size();
    assertThat(before).as("killed mid-sync").isBetween(n / 4, n - 1);

    SyncReport r = b.federation(FederatedNode.options(100, 3)).sync("a");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pulledAdded()).isEqualTo(n - before);
    List<String> got = b.versions("from-a");
    assertThat(got).hasSize(n).doesNotHaveDuplicates();
    assertThat(new HashSet<>(got)).isEqualTo(new HashSet<>(released));
  }

  // ------------------------------------------------------------------ what a partner may write

  /** A's signed POST of {@code objects} to B's {@code collection}, as A's account on B. */
  private HttpResponse<String> pushAsA(String collection, List<String> objects) throws Exception {
    byte[] envelope =
        ("{\"objects\":[" + String.join(",", objects) + "]}").getBytes(StandardCharsets.UTF_8);
    String sig =
        EnvelopeSignatures.sign(
            a.privateKey(), a.identityId, Instant.now(), EnvelopeSignatures.newNonce(), envelope);
    try (HttpClient http = HttpClient.newHttpClient()) {
      return post(http, collection, envelope, sig);
    }
  }

  /** How {@link FederatedNode#versions} lists version {@code v} of indicator {@code i}. */
  private static String version(long i, int v) {
    return Indicators.id(i) + "|" + Indicators.modified(i, v);
  }

  private static String createdBy(long i, String identity) {
    return createdBy(i, 0, identity);
  }

  private static String createdBy(long i, int version, String identity) {
    return Indicators.json(i, version)
        .replace("\"name\":", "\"created_by_ref\":\"" + identity + "\",\"name\":");
  }

  /** Registers on B a third partner, C, whose identity A may not speak for. */
  private String thirdPartnerOfB() throws Exception {
    String identity = "identity--" + java.util.UUID.randomUUID();
    new org.detente.node.policy.Partners(b.store.partners())
        .add(
            new org.detente.node.store.StoredPartner(
                "c",
                identity,
                NodeKeys.publicKeyPem(
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()),
                "http://127.0.0.1:1/api/",
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty()));
    return identity;
  }

  @Test
  void post_partnerImpersonatesUsOrAnotherPartner_refusedRecordedRestStored() throws Exception {
    partners();
    String c = thirdPartnerOfB();
    String identityOfB =
        "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\""
            + b.identityId
            + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2030-01-01T00:00:00.000Z\","
            + "\"name\":\"B, renamed by A\",\"identity_class\":\"organization\"}";

    HttpResponse<String> r =
        pushAsA(
            "inbox",
            List.of(
                Indicators.json(1, 0),
                createdBy(2, b.identityId),
                createdBy(3, c),
                identityOfB,
                createdBy(4, a.identityId)));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(r.body())
        .contains("\"success_count\":2")
        .contains("\"failure_count\":3")
        .contains("created_by_ref names this node's identity")
        .contains("the identity of another partner of this node")
        .contains("a version of this node's identity object");
    assertThat(new HashSet<>(b.versions("inbox")))
        .containsExactlyInAnyOrder(version(1, 0), version(4, 0));
    assertThat(b.store.sync().rejections("a", 10))
        .extracting(SyncStore.Rejection::reason)
        .satisfiesExactly(
            x -> assertThat(x).startsWith(Indicators.id(2) + " refused: created_by_ref"),
            x -> assertThat(x).startsWith(Indicators.id(3) + " refused: created_by_ref names " + c),
            x -> assertThat(x).startsWith(b.identityId + " refused: it is a version"));
  }

  @Test
  void post_partnerToACollectionItMayNotWrite_refusedAndRecorded() throws Exception {
    partners();

    HttpResponse<String> readOnly = pushAsA("intel", List.of(Indicators.json(1, 0)));
    HttpResponse<String> unseen = pushAsA("nowhere", List.of(Indicators.json(2, 0)));

    assertThat(readOnly.statusCode()).isEqualTo(403);
    assertThat(readOnly.body()).contains("account 'peer-a' may not write to collection 'intel'");
    assertThat(unseen.statusCode()).isEqualTo(404);
    assertThat(b.versions("intel")).isEmpty();
    assertThat(b.store.sync().rejections("a", 10))
        .extracting(SyncStore.Rejection::reason)
        .satisfiesExactly(
            x ->
                assertThat(x)
                    .startsWith("envelope for collection 'intel' refused, nothing of it stored")
                    .contains("may not write"),
            x -> assertThat(x).startsWith("envelope for collection 'nowhere' refused"));
  }

  @Test
  void pull_partnerImpersonatesUs_refusedRecordedRestStored() {
    partners();
    a.add(
        "intel",
        List.of(
            Indicators.indicator(1, 0),
            StixObject.parse(createdBy(2, b.identityId)),
            Indicators.indicator(3, 0)));

    SyncReport r = b.federation(FederatedNode.options(50, 2)).sync("a");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pulledAdded()).isEqualTo(2);
    assertThat(r.pulledRefused()).isEqualTo(1);
    assertThat(b.versions("from-a")).hasSize(2).noneMatch(v -> v.startsWith(Indicators.id(2)));
    assertThat(b.store.sync().rejections("a", 10))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.reason())
                    .startsWith(Indicators.id(2) + " refused: created_by_ref names this node's"));
  }

  @Test
  void post_partnerVersionsAnObjectOthersCreated_refusedRecordedItsOwnStored() throws Exception {
    partners();
    String c = thirdPartnerOfB();
    // in B's inbox: objects B and C created (written on B), and one A created (pushed by A)
    b.add(
        "inbox",
        List.of(StixObject.parse(createdBy(5, b.identityId)), StixObject.parse(createdBy(6, c))));
    assertThat(pushAsA("inbox", List.of(createdBy(7, a.identityId))).statusCode()).isEqualTo(202);

    HttpResponse<String> r =
        pushAsA(
            "inbox",
            List.of(
                Indicators.json(5, 1), // B's object, created_by_ref left out
                createdBy(6, 1, a.identityId), // C's object, A naming itself
                createdBy(7, 1, a.identityId))); // A's own object

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(r.body())
        .contains("\"success_count\":1")
        .contains("\"failure_count\":2")
        .contains("a new version of an object created by this node (" + b.identityId + ")")
        .contains("created by another partner of this node (" + c + ")");
    assertThat(new HashSet<>(b.versions("inbox")))
        .containsExactlyInAnyOrder(version(5, 0), version(6, 0), version(7, 0), version(7, 1));
    assertThat(b.store.sync().rejections("a", 10))
        .extracting(SyncStore.Rejection::reason)
        .satisfiesExactlyInAnyOrder(
            x -> assertThat(x).startsWith(Indicators.id(5) + " refused: it is a new version"),
            x -> assertThat(x).startsWith(Indicators.id(6) + " refused: it is a new version"));
  }

  @Test
  void pull_partnerVersionsAnObjectWeCreated_refusedRecordedRestStored() {
    partners();
    // an object B created, in the collection B pulls A's objects into
    b.store.putCollection(CollectionInfo.of("from-a", "From partner a"));
    b.add("from-a", List.of(StixObject.parse(createdBy(2, b.identityId))));
    a.add("intel", List.of(Indicators.indicator(1, 0), Indicators.indicator(2, 1)));

    SyncReport r = b.federation(FederatedNode.options(50, 2)).sync("a");

    assertThat(r.problems()).isEmpty();
    assertThat(r.pulledAdded()).isEqualTo(1);
    assertThat(r.pulledRefused()).isEqualTo(1);
    assertThat(new HashSet<>(b.versions("from-a")))
        .containsExactlyInAnyOrder(version(1, 0), version(2, 0));
    assertThat(b.store.sync().rejections("a", 10))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.reason())
                    .startsWith(
                        Indicators.id(2)
                            + " refused: it is a new version of an object created by this node"));
  }
}
