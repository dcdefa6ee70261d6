package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.Collection;
import org.detente.node.taxii.ManifestRecord;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.Status;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against our server, on a loopback port, over a real store: every client method, and
 * the round trip of 100,000 objects with pagination, versions and deletes, with exact counts. Run
 * on SQLite and on PostgreSQL by the subclasses.
 */
abstract class TaxiiClientContract {
  static final String COLLECTION = "intel";
  static final String OTHER = "hidden";

  LoopbackNode node;
  TaxiiClient client;
  URI root;

  /** A new, empty store. */
  abstract Store open();

  /** How many objects the round trip sends. */
  int roundTripObjects() {
    return 100_000;
  }

  @BeforeEach
  void startNode() {
    node = LoopbackNode.start(open(), COLLECTION, OTHER);
    root = node.apiRoot();
    client = TaxiiClient.builder().credentials(node.writer()).build();
  }

  @AfterEach
  void stopNode() throws Exception {
    client.close();
    node.close();
    disposeStore();
  }

  /** Removes what {@link #open()} created, after the node is closed. */
  void disposeStore() throws Exception {}

  private List<StixObject> batch(int from, int to, int version) {
    return IntStream.range(from, to).mapToObj(i -> Indicators.indicator(i, version)).toList();
  }

  private Status addAll(int from, int to, int version, int envelope) {
    Status last = null;
    for (int i = from; i < to; i += envelope) {
      int end = Math.min(to, i + envelope);
      last = client.add(root, COLLECTION, batch(i, end, version));
      assertThat(last.status()).isEqualTo(Status.State.COMPLETE);
      assertThat(last.successCount()).as("status %s", last).isEqualTo(end - i);
      assertThat(last.failureCount()).isZero();
    }
    return last;
  }

  @Test
  void discovery_listsTheApiRoot() {
    var d = client.discovery(node.discovery());
    assertThat(d.title()).isNotBlank();
    assertThat(d.apiRoots()).contains(root.toString());
  }

  @Test
  void apiRoot_advertisesTaxii21AndItsMaxContentLength() {
    var a = client.apiRoot(root);
    assertThat(a.versions()).contains(MediaTypes.TAXII_21);
    assertThat(a.maxContentLength()).isPositive();
  }

  @Test
  void collections_showOnlyWhatTheAccountMaySee() {
    List<Collection> all = client.collections(root);
    assertThat(all).extracting(Collection::id).containsExactly(COLLECTION);
    Collection c = client.collection(root, COLLECTION);
    assertThat(c.canRead()).isTrue();
    assertThat(c.canWrite()).isTrue();
    assertThat(c.mediaTypes()).contains(MediaTypes.STIX_21);
  }

  @Test
  void collection_withoutReadRight_isNotFound() {
    assertThatThrownBy(() -> client.collection(root, OTHER))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.error()).isPresent();
            });
  }

  @Test
  void anyRequest_wrongPassword_isUnauthorized() {
    try (TaxiiClient bad =
        TaxiiClient.builder().credentials(node.writerWithWrongPassword()).build()) {
      assertThatThrownBy(() -> bad.collections(root))
          .isInstanceOfSatisfying(
              TaxiiHttpException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).doesNotContain(node.writerPassword());
              });
    }
  }

  @Test
  void add_readOnlyAccount_isForbidden() {
    try (TaxiiClient reader = TaxiiClient.builder().credentials(node.reader()).build()) {
      assertThatThrownBy(() -> reader.add(root, COLLECTION, batch(0, 1, 0)))
          .isInstanceOfSatisfying(
              TaxiiHttpException.class, e -> assertThat(e.status()).isEqualTo(403));
      assertThat(reader.objects(root, COLLECTION, ObjectFilter.all(), 10).items()).isEmpty();
    }
  }

  @Test
  void add_invalidObject_isFailedWithReasonAndTheOthersStored() {
    StixObject bad =
        StixObject.parse(
            Indicators.json(7, 0).replace("\"pattern_type\":\"stix\"", "\"pattern_type\":7"));
    Status s = client.add(root, COLLECTION, List.of(Indicators.indicator(1, 0), bad));
    assertThat(s.status()).isEqualTo(Status.State.COMPLETE);
    assertThat(s.successCount()).isEqualTo(1);
    assertThat(s.failureCount()).isEqualTo(1);
    assertThat(s.failures().get(0).id()).isEqualTo(Indicators.id(7));
    assertThat(s.failures().get(0).message()).hasValueSatisfying(m -> assertThat(m).isNotBlank());
    assertThat(client.status(root, s.id())).isEqualTo(s);
    assertThat(client.objects(root, COLLECTION, ObjectFilter.all(), 0).items())
        .extracting(StixObject::id)
        .containsExactly(Indicators.id(1));
  }

  @Test
  void status_unknownId_isNotFound() {
    assertThatThrownBy(() -> client.status(root, "2d086da7-4bdc-4f91-900e-d77486753710"))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void objectVersionsAndManifest_ofOneObject() {
    addAll(0, 3, 0, 3);
    addAll(0, 1, 1, 1);
    addAll(0, 1, 2, 1);
    String id = Indicators.id(0);
    List<String> versions =
        client.versions(root, COLLECTION, id, ObjectFilter.all(), 2).items().toList();
    assertThat(versions)
        .containsExactly(
            Indicators.modified(0, 0), Indicators.modified(0, 1), Indicators.modified(0, 2));
    assertThat(
            client
                .object(root, COLLECTION, id, ObjectFilter.all().withVersions(VersionMatch.ALL), 1)
                .items()
                .map(o -> o.modified().orElseThrow()))
        .containsExactlyElementsOf(versions);
    assertThat(client.object(root, COLLECTION, id, ObjectFilter.all(), 0).items())
        .singleElement()
        .satisfies(o -> assertThat(o.modified()).contains(Indicators.modified(0, 2)));
    List<ManifestRecord> manifest =
        client
            .manifest(root, COLLECTION, ObjectFilter.all().withVersions(VersionMatch.ALL), 2)
            .items()
            .toList();
    assertThat(manifest).hasSize(5);
    assertThat(manifest).extracting(ManifestRecord::mediaType).containsOnly(MediaTypes.STIX_21);
    assertThat(
            client
                .objects(
                    root,
                    COLLECTION,
                    ObjectFilter.all().withIds(Indicators.id(1), Indicators.id(2)),
                    0)
                .items()
                .map(StixObject::id))
        .containsExactlyInAnyOrder(Indicators.id(1), Indicators.id(2));
  }

  @Test
  void delete_selectedVersionsThenAll_andMissingObjectIsNotFound() {
    addAll(0, 1, 0, 1);
    addAll(0, 1, 1, 1);
    addAll(0, 1, 2, 1);
    String id = Indicators.id(0);
    client.delete(root, COLLECTION, id, VersionMatch.FIRST, List.of());
    assertThat(client.versions(root, COLLECTION, id, ObjectFilter.all(), 0).items())
        .containsExactly(Indicators.modified(0, 1), Indicators.modified(0, 2));
    client.delete(root, COLLECTION, id, VersionMatch.LAST, List.of());
    assertThat(client.versions(root, COLLECTION, id, ObjectFilter.all(), 0).items())
        .containsExactly(Indicators.modified(0, 1));
    client.delete(root, COLLECTION, id, VersionMatch.ALL, List.of());
    assertThatThrownBy(() -> client.delete(root, COLLECTION, id, VersionMatch.ALL, List.of()))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  /**
   * The acceptance round trip: {@link #roundTripObjects()} objects in envelopes of 1,000, a second
   * version of a tenth of them, a re-send that changes nothing, reads in pages of 1,000 (last
   * versions, all versions, manifest), a walk interrupted and resumed from its checkpoint, and
   * deletes of whole objects and of first versions; every count exact.
   */
  @Test
  void roundTrip_objectsVersionsPagesAndDeletes_exactCounts() {
    int n = roundTripObjects();
    int versioned = n / 10;
    int deletedWhole = n / 100;
    int deletedFirst = n / 100;
    addAll(0, n, 0, 1_000);
    addAll(0, versioned, 1, 1_000);
    addAll(0, 1_000, 0, 1_000); // a re-send: acknowledged, nothing stored twice

    ObjectFilter all = ObjectFilter.all().withVersions(VersionMatch.ALL);
    TaxiiPages<StixObject> last = client.objects(root, COLLECTION, ObjectFilter.all(), 1_000);
    Set<String> ids = new HashSet<>();
    last.items()
        .forEach(
            o -> {
              assertThat(ids.add(o.id())).as("id seen twice: %s", o.id()).isTrue();
              int i = Integer.parseInt(o.string("name").orElseThrow().split(" ")[2]);
              assertThat(o.modified()).contains(Indicators.modified(i, i < versioned ? 1 : 0));
            });
    assertThat(ids).hasSize(n);
    assertThat(last.pagesFetched()).isEqualTo(n / 1_000);
    assertThat(count(all)).isEqualTo(n + versioned);
    assertThat(manifest(all)).isEqualTo(n + versioned);

    for (int i = 0; i < deletedWhole; i++) {
      client.delete(root, COLLECTION, Indicators.id(i), VersionMatch.ALL, List.of());
    }
    for (int i = deletedWhole; i < deletedWhole + deletedFirst; i++) {
      client.delete(root, COLLECTION, Indicators.id(i), VersionMatch.FIRST, List.of());
    }
    long remainingVersions = (long) n + versioned - 2L * deletedWhole - deletedFirst;
    assertThat(count(ObjectFilter.all())).isEqualTo(n - deletedWhole);
    assertThat(count(all)).isEqualTo(remainingVersions);
    assertThat(manifest(all)).isEqualTo(remainingVersions);
    assertThat(client.versions(root, COLLECTION, Indicators.id(deletedWhole), all, 0).items())
        .containsExactly(Indicators.modified(deletedWhole, 1));
    assertThat(client.versions(root, COLLECTION, Indicators.id(versioned), all, 0).items())
        .containsExactly(Indicators.modified(versioned, 0));

    // interrupted after 37 pages, resumed from the checkpoint: every version exactly once
    TaxiiPages<ManifestRecord> first = client.manifest(root, COLLECTION, all, 1_000);
    Set<String> seen = new HashSet<>();
    for (int p = 0; p < 37; p++) {
      first.next().items().forEach(r -> assertThat(seen.add(r.id() + r.version())).isTrue());
    }
    Instant checkpoint = first.checkpoint().orElseThrow();
    TaxiiPages<ManifestRecord> rest =
        client.manifest(root, COLLECTION, all.withAddedAfter(checkpoint), 1_000);
    rest.items().forEach(r -> assertThat(seen.add(r.id() + r.version())).isTrue());
    assertThat(seen).hasSize((int) remainingVersions);
  }

  private long count(ObjectFilter filter) {
    return client.objects(root, COLLECTION, filter, 1_000).items().count();
  }

  private long manifest(ObjectFilter filter) {
    List<Instant> added = new ArrayList<>();
    client.manifest(root, COLLECTION, filter, 1_000).items().forEach(r -> added.add(r.dateAdded()));
    assertThat(added).isSorted().doesNotHaveDuplicates();
    return added.size();
  }
}
