package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Store} implementation must have; one subclass per database. */
abstract class StoreContract {
  static final String C = "collection-a";

  Store store;

  /** Opens (or re-opens) the store on this test's database. */
  abstract Store open();

  /** Rows in the Flyway history table of this test's database. */
  abstract int appliedMigrations() throws Exception;

  @BeforeEach
  void setUp() {
    store = open();
    for (CollectionInfo c : store.collections()) {
      store.deleteCollection(c.id());
    }
    store.putCollection(CollectionInfo.of(C, "A"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  // ------------------------------------------------------------------ helpers

  static String newId(String type) {
    return type + "--" + UUID.randomUUID();
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static StixObject indicator(String id, String modified, String pattern) {
    return indicator(id, modified, pattern, "2.1", "n");
  }

  static StixObject indicator(
      String id, String modified, String pattern, String specVersion, String name) {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":"
            + json(specVersion)
            + ",\"id\":"
            + json(id)
            + ",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
            + json(modified)
            + ",\"name\":"
            + json(name)
            + ",\"pattern\":"
            + json(pattern)
            + ",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}");
  }

  static StixObject malware(String id, String modified) {
    return StixObject.parse(
        "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":"
            + json(id)
            + ",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
            + json(modified)
            + ",\"name\":\"m\",\"is_family\":false}");
  }

  static StixObject sco(String type, String value) {
    return StixObject.parse(
        "{\"type\":"
            + json(type)
            + ",\"id\":"
            + json(newId(type))
            + ",\"value\":"
            + json(value)
            + "}");
  }

  static StixObject file(String algorithm, String hash) {
    return StixObject.parse(
        "{\"type\":\"file\",\"spec_version\":\"2.1\",\"id\":"
            + json(newId("file"))
            + ",\"hashes\":{"
            + json(algorithm)
            + ":"
            + json(hash)
            + "}}");
  }

  static String ts(int day) {
    return "2024-02-%02dT00:00:00.000Z".formatted(day);
  }

  List<StoredObject> all(ObjectFilter filter) {
    List<StoredObject> out = new ArrayList<>();
    PageRequest req = PageRequest.first(1000);
    while (true) {
      Page<StoredObject> p = store.objects(C, filter, req);
      out.addAll(p.items());
      if (!p.more()) {
        return out;
      }
      req = PageRequest.after(1000, p.next().orElseThrow());
    }
  }

  static List<String> versionsOf(List<StoredObject> objects) {
    return objects.stream().map(o -> o.version().orElse("-")).toList();
  }

  static Instant added(AddOutcome o) {
    assertThat(o).isInstanceOf(AddOutcome.Added.class);
    return ((AddOutcome.Added) o).dateAdded();
  }

  long statements() {
    return ((JdbcStore) store).statements();
  }

  // ------------------------------------------------------------------ add

  @Test
  void add_newObjects_addedWithStrictlyIncreasingDateAdded() {
    List<StixObject> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(indicator(newId("indicator"), ts(1), "[ipv4-addr:value = '10.0.0." + i + "']"));
    }
    List<AddOutcome> out = store.add(C, batch);

    assertThat(out).hasSize(50).allMatch(o -> o instanceof AddOutcome.Added);
    for (int i = 1; i < out.size(); i++) {
      assertThat(added(out.get(i))).isAfter(added(out.get(i - 1)));
      assertThat(added(out.get(i)).getNano() % 1_000).isZero();
    }
    List<AddOutcome> next = store.add(C, List.of(malware(newId("malware"), ts(1))));
    assertThat(added(next.get(0))).isAfter(added(out.get(49)));
    assertThat(all(ObjectFilter.all())).hasSize(51);
  }

  @Test
  void add_sameVersionAgain_unchangedWithOriginalDateAdded() {
    String id = newId("indicator");
    StixObject o = indicator(id, ts(1), "[domain-name:value = 'a.example']");
    Instant first = added(store.add(C, List.of(o)).get(0));
    // same content, members in another order
    ObjectNode tree = o.json();
    tree.remove("name");
    tree.put("name", "n");
    StixObject reordered = StixObject.adopt(tree);
    assertThat(reordered.toJson()).isNotEqualTo(o.toJson());

    List<AddOutcome> again = store.add(C, List.of(o, reordered));

    assertThat(again)
        .containsExactly(
            new AddOutcome.Unchanged(id, Optional.of(ts(1)), first),
            new AddOutcome.Unchanged(id, Optional.of(ts(1)), first));
    assertThat(all(ObjectFilter.all().withVersions(VersionMatch.ALL))).hasSize(1);
  }

  @Test
  void add_sameVersionDifferentContent_rejectedAndStoredContentKept() {
    String id = newId("indicator");
    StixObject o = indicator(id, ts(1), "[domain-name:value = 'a.example']");
    store.add(C, List.of(o));
    // same instant written with another precision: same version, different content
    StixObject other =
        indicator(id, "2024-02-01T00:00:00Z", "[domain-name:value = 'a.example']", "2.1", "x");

    List<AddOutcome> out = store.add(C, List.of(other));

    assertThat(out).singleElement().isInstanceOf(AddOutcome.Rejected.class);
    assertThat(((AddOutcome.Rejected) out.get(0)).reason())
        .contains("conflict", id, "different content");
    assertThat(all(ObjectFilter.all()))
        .singleElement()
        .extracting(StoredObject::object)
        .isEqualTo(o);
  }

  @Test
  void add_conflictInsideOneBatch_secondRejected() {
    String id = newId("indicator");
    StixObject a = indicator(id, ts(1), "[url:value = 'http://a/']", "2.1", "a");
    StixObject b = indicator(id, ts(1), "[url:value = 'http://a/']", "2.1", "b");

    List<AddOutcome> out = store.add(C, List.of(a, b, a));

    assertThat(out.get(0)).isInstanceOf(AddOutcome.Added.class);
    assertThat(out.get(1)).isInstanceOf(AddOutcome.Rejected.class);
    assertThat(out.get(2))
        .isEqualTo(new AddOutcome.Unchanged(id, Optional.of(ts(1)), added(out.get(0))));
  }

  @Test
  void add_scoWithoutVersion_oneStoredVersionOnly() {
    StixObject ip = sco("ipv4-addr", "192.0.2.1");
    StixObject changed = StixObject.copyOf(ip.json().put("value", "192.0.2.2"));

    List<AddOutcome> out = store.add(C, List.of(ip, ip, changed));

    assertThat(out.get(0)).isInstanceOf(AddOutcome.Added.class);
    assertThat(out.get(0).version()).isEmpty();
    assertThat(out.get(1)).isInstanceOf(AddOutcome.Unchanged.class);
    assertThat(out.get(2)).isInstanceOf(AddOutcome.Rejected.class);
    List<StoredObject> stored = all(ObjectFilter.all().withVersions(VersionMatch.ALL));
    assertThat(stored)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.version()).isEmpty();
              assertThat(s.specVersion()).isEqualTo("2.1");
              assertThat(s.object()).isEqualTo(ip);
            });
  }

  @Test
  void add_versionNotATimestamp_rejectedOthersAdded() {
    StixObject bad = malware(newId("malware"), "yesterday");
    StixObject good = malware(newId("malware"), ts(2));

    List<AddOutcome> out = store.add(C, List.of(bad, good));

    assertThat(out.get(0)).isInstanceOf(AddOutcome.Rejected.class);
    assertThat(((AddOutcome.Rejected) out.get(0)).reason()).contains("yesterday");
    assertThat(out.get(1)).isInstanceOf(AddOutcome.Added.class);
  }

  @Test
  void add_unknownCollection_throws() {
    assertThatThrownBy(() -> store.add("nope", List.of(malware(newId("malware"), ts(1)))))
        .isInstanceOf(UnknownCollectionException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> store.objects("nope", ObjectFilter.all(), PageRequest.first(10)))
        .isInstanceOf(UnknownCollectionException.class);
  }

  @Test
  void add_databaseFailsMidBatch_wholeBatchRolledBack() {
    String kept = newId("malware");
    store.add(C, List.of(malware(kept, ts(1))));
    long before = all(ObjectFilter.all()).size();
    List<StixObject> batch = new ArrayList<>();
    batch.add(malware(kept, ts(2))); // new version: would flip is_last of the first one
    batch.add(indicator(newId("indicator"), ts(1), "[ipv4-addr:value = '198.51.100.7']"));
    // type of 2 characters breaks the table's CHECK constraint when the rows are written
    batch.add(
        StixObject.parse("{\"type\":\"xy\",\"id\":\"xy--1\",\"created\":" + json(ts(1)) + "}"));

    assertThatThrownBy(() -> store.add(C, batch)).isInstanceOf(StoreException.class);

    assertThat(all(ObjectFilter.all())).hasSize((int) before);
    assertThat(versionsOf(all(ObjectFilter.all().withIds(kept)))).containsExactly(ts(1));
    assertThat(all(ObjectFilter.all().withIds(kept).withVersions(VersionMatch.FIRST))).hasSize(1);
    assertThat(store.mentions("198.51.100.7")).isEmpty();
    List<AddOutcome> retry = store.add(C, batch.subList(0, 2));
    assertThat(retry).allMatch(o -> o instanceof AddOutcome.Added);
  }

  @Test
  void bulkAdd_commitMakesBatchesVisibleCloseRollsBackTheRest() {
    String a = newId("malware");
    String b = newId("malware");
    String c = newId("malware");
    try (Store.BulkAdd bulk = store.bulkAdd(C)) {
      assertThat(bulk.add(List.of(malware(a, ts(1))))).allMatch(o -> o instanceof AddOutcome.Added);
      // a second batch of the same load sees the first one: the same version is unchanged
      assertThat(bulk.add(List.of(malware(a, ts(1)), malware(b, ts(1)))))
          .extracting(o -> o.getClass().getSimpleName())
          .containsExactly("Unchanged", "Added");
      bulk.commit();
      assertThat(bulk.add(List.of(malware(c, ts(1))))).allMatch(o -> o instanceof AddOutcome.Added);
      // closed without a commit: c is rolled back
    }
    assertThat(all(ObjectFilter.all().withIds(a, b, c)))
        .extracting(StoredObject::id)
        .containsExactlyInAnyOrder(a, b);
    // the writer was released: a plain add goes through
    assertThat(store.add(C, List.of(malware(c, ts(1)))))
        .allMatch(o -> o instanceof AddOutcome.Added);
  }

  @Test
  void bulkAdd_failureRollsBackUncommittedAndCloses() {
    String a = newId("malware");
    String b = newId("malware");
    Store.BulkAdd bulk = store.bulkAdd(C);
    try {
      bulk.add(List.of(malware(a, ts(1))));
      bulk.commit();
      bulk.add(List.of(malware(b, ts(1))));
      StixObject broken =
          StixObject.parse("{\"type\":\"xy\",\"id\":\"xy--1\",\"created\":" + json(ts(1)) + "}");
      assertThatThrownBy(() -> bulk.add(List.of(broken))).isInstanceOf(StoreException.class);
      assertThatThrownBy(bulk::commit).isInstanceOf(IllegalStateException.class);
    } finally {
      bulk.close();
    }
    assertThat(all(ObjectFilter.all().withIds(a, b)))
        .extracting(StoredObject::id)
        .containsExactly(a);
  }

  @Test
  void bulkAdd_batchPreparedOnAnotherThread_isStoredAndIndexedLikeAPlainAdd() throws Exception {
    String a = newId("indicator");
    String b = newId("indicator");
    List<StixObject> objects =
        List.of(
            indicator(a, ts(1), "[ipv4-addr:value = '203.0.113.77']"),
            indicator(b, ts(1), "[domain-name:value = 'prepared.example']"),
            indicator(b, ts(2), "[domain-name:value = 'prepared.example']"),
            StixObject.parse(
                "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\""
                    + newId("malware")
                    + "\",\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"not a time\","
                    + "\"name\":\"m\",\"is_family\":false}"));
    java.util.concurrent.FutureTask<PreparedBatch> preparing =
        new java.util.concurrent.FutureTask<>(() -> store.prepare(objects));
    Thread.ofPlatform().start(preparing);
    PreparedBatch prepared = preparing.get();
    assertThat(prepared.size()).isEqualTo(4);

    List<AddOutcome> outcomes;
    try (Store.BulkAdd bulk = store.bulkAdd(C)) {
      outcomes = bulk.add(prepared);
      bulk.commit();
    }

    assertThat(outcomes)
        .extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Added", "Added", "Added", "Rejected");
    assertThat(((AddOutcome.Rejected) outcomes.get(3)).reason()).contains("not a time");
    assertThat(all(ObjectFilter.all().withIds(b).withVersions(VersionMatch.LAST)))
        .extracting(StoredObject::version)
        .containsExactly(Optional.of(ts(2)));
    assertThat(store.mentions("203.0.113.77")).extracting(Mention::objectId).containsExactly(a);
    assertThat(store.mentions("prepared.example")).extracting(Mention::objectId).containsOnly(b);
    // the same objects again, through the plain path: every stored version is unchanged
    assertThat(store.add(C, objects.subList(0, 3)))
        .allMatch(o -> o instanceof AddOutcome.Unchanged);
  }

  @Test
  void bulkAdd_unknownCollectionFailsOnFirstAdd() {
    try (Store.BulkAdd bulk = store.bulkAdd("nope")) {
      assertThatThrownBy(() -> bulk.add(List.of(malware(newId("malware"), ts(1)))))
          .isInstanceOf(UnknownCollectionException.class);
    }
    assertThat(store.add(C, List.of(malware(newId("malware"), ts(1)))))
        .allMatch(o -> o instanceof AddOutcome.Added);
  }

  @Test
  void add_twoStoresOnOneDatabase_eachSeesTheOthersVersions() {
    // Two Store instances stand for two processes sharing the database: each keeps its own
    // in-memory filter of known ids, which must never hide a version the other one wrote.
    try (Store other = open()) {
      for (int i = 0; i < 5; i++) {
        String id = newId("malware");
        Store first = i % 2 == 0 ? store : other;
        Store second = i % 2 == 0 ? other : store;
        assertThat(first.add(C, List.of(malware(id, ts(1)))))
            .allMatch(o -> o instanceof AddOutcome.Added);
        assertThat(second.add(C, List.of(malware(id, ts(1)), malware(id, ts(2)))))
            .extracting(o -> o.getClass().getSimpleName())
            .containsExactly("Unchanged", "Added");
        assertThat(first.add(C, List.of(malware(id, ts(2)))))
            .allMatch(o -> o instanceof AddOutcome.Unchanged);
        assertThat(all(ObjectFilter.all().withIds(id).withVersions(VersionMatch.ALL))).hasSize(2);
      }
    }
  }

  // ------------------------------------------------------------------ versions and filters

  @Test
  void add_severalVersionsOfANewIdInOneBatch_firstAndLastByVersion() {
    String id = newId("indicator");
    String p = "[ipv4-addr:value = '203.0.113.10']";
    // out of order, one of them twice, all in one batch, nothing stored before
    List<AddOutcome> out =
        store.add(
            C,
            List.of(
                indicator(id, ts(2), p),
                indicator(id, ts(1), p),
                indicator(id, ts(2), p),
                indicator(id, ts(3), p)));

    assertThat(out)
        .extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Added", "Added", "Unchanged", "Added");
    ObjectFilter f = ObjectFilter.all().withIds(id);
    assertThat(versionsOf(all(f.withVersions(VersionMatch.LAST)))).containsExactly(ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(1));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.ALL))))
        .containsExactly(ts(2), ts(1), ts(3));
  }

  @Test
  void objects_versionMatch_firstLastAllAndTimestamps() {
    String id = newId("indicator");
    String p = "[ipv4-addr:value = '203.0.113.9']";
    // versions arrive out of order: 2, 1, 3
    store.add(C, List.of(indicator(id, ts(2), p)));
    store.add(C, List.of(indicator(id, ts(1), p)));
    store.add(C, List.of(indicator(id, ts(3), p)));
    ObjectFilter f = ObjectFilter.all().withIds(id);

    assertThat(versionsOf(all(f))).containsExactly(ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.LAST)))).containsExactly(ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(1));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.ALL))))
        .containsExactly(ts(2), ts(1), ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.parse("first,last")))))
        .containsExactly(ts(1), ts(3));
    // a timestamp written with another precision selects the same version
    assertThat(versionsOf(all(f.withVersions(VersionMatch.at("2024-02-02T00:00:00Z")))))
        .containsExactly(ts(2));
    assertThat(
            versionsOf(all(f.withVersions(VersionMatch.parse("2024-02-02T00:00:00.0000Z,first")))))
        .containsExactly(ts(2), ts(1));
    assertThat(all(f.withVersions(VersionMatch.at("2024-02-09T00:00:00Z")))).isEmpty();
  }

  @Test
  void objects_idTypeAndVersionFilters_combine() {
    String i1 = newId("indicator");
    String i2 = newId("indicator");
    String m1 = newId("malware");
    store.add(
        C,
        List.of(
            indicator(i1, ts(1), "[url:value = 'http://x/']"),
            indicator(i2, ts(1), "[url:value = 'http://y/']"),
            malware(m1, ts(1)),
            indicator(i1, ts(2), "[url:value = 'http://x/']"),
            malware(m1, ts(2))));

    assertThat(all(ObjectFilter.all())).extracting(StoredObject::id).containsExactly(i2, i1, m1);
    assertThat(all(ObjectFilter.all().withTypes("malware")))
        .extracting(StoredObject::id)
        .containsExactly(m1);
    assertThat(all(ObjectFilter.all().withTypes("indicator", "malware"))).hasSize(3);
    assertThat(all(ObjectFilter.all().withIds(i1, m1)))
        .extracting(StoredObject::id)
        .containsExactly(i1, m1);
    assertThat(all(ObjectFilter.all().withIds(i1, m1).withTypes("indicator")))
        .extracting(o -> o.id() + "@" + o.version().orElseThrow())
        .containsExactly(i1 + "@" + ts(2));
    assertThat(all(ObjectFilter.all().withTypes("indicator").withVersions(VersionMatch.FIRST)))
        .extracting(o -> o.id() + "@" + o.version().orElseThrow())
        .containsExactly(i1 + "@" + ts(1), i2 + "@" + ts(1));
    assertThat(
            all(
                ObjectFilter.all()
                    .withIds(m1)
                    .withTypes("malware")
                    .withVersions(VersionMatch.ALL)
                    .withSpecVersions("2.1")))
        .hasSize(2);
    assertThat(all(ObjectFilter.all().withIds(i2).withTypes("malware"))).isEmpty();
    assertThat(all(ObjectFilter.all().withTypes("tool"))).isEmpty();
  }

  @Test
  void objects_specVersion_defaultIsLatestPerObjectAndListFilters() {
    String id = newId("indicator");
    String p = "[url:value = 'http://z/']";
    StixObject v20 = indicator(id, ts(1), p, "2.0", "old");
    StixObject v21 = indicator(id, ts(2), p, "2.1", "new");
    StixObject ip = sco("ipv4-addr", "192.0.2.44"); // no spec_version: a 2.1 SCO
    store.add(C, List.of(v20, v21, ip));
    ObjectFilter allVersions = ObjectFilter.all().withVersions(VersionMatch.ALL);

    // default: of the selected versions of each object, only the latest spec version
    assertThat(versionsOf(all(allVersions.withIds(id)))).containsExactly(ts(2));
    assertThat(versionsOf(all(allVersions.withIds(id).withVersions(VersionMatch.FIRST))))
        .containsExactly(ts(1));
    assertThat(versionsOf(all(allVersions.withIds(id).withSpecVersions("2.0"))))
        .containsExactly(ts(1));
    assertThat(versionsOf(all(allVersions.withIds(id).withSpecVersions("2.0", "2.1"))))
        .containsExactly(ts(1), ts(2));
    assertThat(all(allVersions.withSpecVersions("2.1")))
        .extracting(StoredObject::id)
        .containsExactly(id, ip.id());
    assertThat(all(allVersions.withSpecVersions("2.0")))
        .singleElement()
        .satisfies(o -> assertThat(o.mediaType()).isEqualTo("application/stix+json;version=2.0"));
  }

  @Test
  void objects_addedAfter_isExclusive() {
    List<AddOutcome> out =
        store.add(
            C,
            List.of(
                malware(newId("malware"), ts(1)),
                malware(newId("malware"), ts(1)),
                malware(newId("malware"), ts(1))));
    Instant second = added(out.get(1));

    List<StoredObject> after = all(ObjectFilter.all().withAddedAfter(second));
    assertThat(after).extracting(StoredObject::id).containsExactly(out.get(2).id());
    assertThat(all(ObjectFilter.all().withAddedAfter(second.minusNanos(1))))
        .extracting(StoredObject::id)
        .containsExactly(out.get(1).id(), out.get(2).id());
    assertThat(all(ObjectFilter.all().withAddedAfter(second.plusNanos(999))))
        .extracting(StoredObject::id)
        .containsExactly(out.get(2).id());
  }

  @Test
  void objects_pageWalk_seesEveryObjectOnceInOrder() {
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      List<StixObject> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = newId("malware");
        ids.add(id);
        batch.add(malware(id, ts(1)));
      }
      store.add(C, batch);
    }
    List<String> seen = new ArrayList<>();
    PageRequest req = PageRequest.first(7);
    int pages = 0;
    Instant previousLast = Instant.MIN;
    while (true) {
      Page<StoredObject> p = store.objects(C, ObjectFilter.all(), req);
      pages++;
      assertThat(p.firstDateAdded()).contains(p.items().get(0).dateAdded());
      assertThat(p.lastDateAdded()).contains(p.items().get(p.items().size() - 1).dateAdded());
      assertThat(p.firstDateAdded().orElseThrow()).isAfter(previousLast);
      previousLast = p.lastDateAdded().orElseThrow();
      p.items().forEach(o -> seen.add(o.id()));
      if (!p.more()) {
        assertThat(p.next()).isEmpty();
        break;
      }
      // the cursor survives a round trip through its text form
      req = PageRequest.after(7, Cursor.decode(p.next().orElseThrow().encode()));
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyElementsOf(ids);
    Page<StoredObject> exact = store.objects(C, ObjectFilter.all(), PageRequest.first(25));
    assertThat(exact.more()).isFalse();
    assertThat(exact.items()).hasSize(25);
    Page<StoredObject> empty =
        store.objects(C, ObjectFilter.all().withAddedAfter(previousLast), PageRequest.first(5));
    assertThat(empty.items()).isEmpty();
    assertThat(empty.firstDateAdded()).isEmpty();
  }

  @Test
  void manifest_metadataOnly_sameSelectionAsObjects() {
    String id = newId("indicator");
    StixObject ip = sco("ipv4-addr", "192.0.2.9");
    List<AddOutcome> out =
        store.add(
            C,
            List.of(
                indicator(id, ts(1), "[ipv4-addr:value = '192.0.2.9']"),
                indicator(id, ts(2), "[ipv4-addr:value = '192.0.2.9']"),
                ip));

    Page<ManifestEntry> m = store.manifest(C, ObjectFilter.all(), PageRequest.first(10));

    assertThat(m.items())
        .containsExactly(
            new ManifestEntry(id, added(out.get(1)), Optional.of(ts(2)), "2.1"),
            new ManifestEntry(ip.id(), added(out.get(2)), Optional.empty(), "2.1"));
    assertThat(m.items().get(0).mediaType()).isEqualTo(CollectionInfo.STIX_21);
    Page<ManifestEntry> firstOnly =
        store.manifest(
            C, ObjectFilter.all().withVersions(VersionMatch.FIRST), PageRequest.first(1));
    assertThat(firstOnly.items())
        .extracting(ManifestEntry::version)
        .containsExactly(Optional.of(ts(1)));
    assertThat(firstOnly.more()).isTrue();
  }

  @Test
  void versions_allVersionsOfOneId_pagedByDateAdded() {
    String id = newId("malware");
    String other = newId("malware");
    for (int d : new int[] {5, 3, 9, 1}) {
      store.add(C, List.of(malware(id, ts(d)), malware(other, ts(d))));
    }
    List<String> seen = new ArrayList<>();
    PageRequest req = PageRequest.first(3);
    while (true) {
      Page<ManifestEntry> p = store.versions(C, id, ObjectFilter.all(), req);
      p.items()
          .forEach(
              e -> {
                assertThat(e.id()).isEqualTo(id);
                seen.add(e.version().orElseThrow());
              });
      if (!p.more()) {
        break;
      }
      req = PageRequest.after(3, p.next().orElseThrow());
    }
    assertThat(seen).containsExactly(ts(5), ts(3), ts(9), ts(1));
    assertThat(store.versions(C, "malware--none", ObjectFilter.all(), PageRequest.first(3)).items())
        .isEmpty();
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void add_concurrentWritersAndPager_pagerSeesEveryObjectExactlyOnce() throws Exception {
    int writers = 4;
    int batches = 40;
    int perBatch = 10;
    Set<String> written = Collections.synchronizedSet(new HashSet<>());
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batches; b++) {
                    List<StixObject> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                      String id = newId("malware");
                      batch.add(malware(id, ts(1)));
                      written.add(id);
                    }
                    store.add(C, batch);
                  }
                  return null;
                }));
      }
      Future<Integer> pager =
          pool.submit(
              () -> {
                start.await();
                Optional<Cursor> cursor = Optional.empty();
                int pages = 0;
                while (true) {
                  boolean finished = done.get();
                  Page<ManifestEntry> p =
                      store.manifest(C, ObjectFilter.all(), new PageRequest(7, cursor));
                  pages++;
                  p.items().forEach(e -> seen.add(e.id()));
                  if (!p.items().isEmpty()) {
                    cursor = Optional.of(new Cursor(p.lastDateAdded().orElseThrow()));
                  }
                  if (!p.more() && finished) {
                    return pages;
                  }
                }
              });
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
      done.set(true);
      assertThat(pager.get(120, TimeUnit.SECONDS)).isGreaterThan(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).hasSize(writers * batches * perBatch);
    List<String> seenList = new ArrayList<>(seen);
    assertThat(seenList).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seenList)).isEqualTo(written);
  }

  // ------------------------------------------------------------------ deletes

  @Test
  void delete_wholeObject_allVersionsGone() {
    String id = newId("malware");
    String other = newId("malware");
    store.add(C, List.of(malware(id, ts(1)), malware(id, ts(2)), malware(other, ts(1))));

    assertThat(store.delete(C, id)).isEqualTo(2);

    assertThat(all(ObjectFilter.all().withVersions(VersionMatch.ALL)))
        .extracting(StoredObject::id)
        .containsExactly(other);
    assertThat(store.delete(C, id)).isZero();
  }

  @Test
  void delete_lastVersion_previousBecomesLast() {
    String id = newId("malware");
    store.add(C, List.of(malware(id, ts(1)), malware(id, ts(2)), malware(id, ts(3))));

    assertThat(store.delete(C, id, VersionMatch.LAST, List.of())).isEqualTo(1);

    ObjectFilter f = ObjectFilter.all().withIds(id);
    assertThat(versionsOf(all(f))).containsExactly(ts(2));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(1));
    assertThat(store.delete(C, id, VersionMatch.FIRST, List.of())).isEqualTo(1);
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(2));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.LAST)))).containsExactly(ts(2));
    // a version added later lands after the remaining one
    store.add(C, List.of(malware(id, ts(3))));
    assertThat(versionsOf(all(f))).containsExactly(ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(2));
  }

  @Test
  void delete_byTimestampAndSpecVersion_onlySelectedVersions() {
    String id = newId("indicator");
    String p = "[domain-name:value = 'd.example']";
    store.add(
        C,
        List.of(
            indicator(id, ts(1), p, "2.0", "a"),
            indicator(id, ts(2), p, "2.1", "b"),
            indicator(id, ts(3), p, "2.1", "c")));

    assertThat(store.delete(C, id, VersionMatch.at("2024-02-02T00:00:00Z"), List.of()))
        .isEqualTo(1);
    assertThat(store.delete(C, id, VersionMatch.ALL, List.of("2.0"))).isEqualTo(1);

    ObjectFilter f = ObjectFilter.all().withIds(id);
    assertThat(versionsOf(all(f.withVersions(VersionMatch.ALL)))).containsExactly(ts(3));
    assertThat(versionsOf(all(f.withVersions(VersionMatch.FIRST)))).containsExactly(ts(3));
    assertThat(store.delete(C, id, VersionMatch.ALL, List.of("2.0"))).isZero();
  }

  // ------------------------------------------------------------------ collections

  @Test
  void collections_createUpdateGetListDelete() {
    CollectionInfo b =
        new CollectionInfo(
            "collection-b",
            "B",
            Optional.of("second"),
            List.of(CollectionInfo.STIX_21, "application/stix+json;version=2.0"));
    store.putCollection(b);

    assertThat(store.collection("collection-b")).contains(b);
    assertThat(store.collections())
        .extracting(CollectionInfo::id)
        .containsExactly(C, "collection-b");
    CollectionInfo renamed = CollectionInfo.of("collection-b", "B renamed");
    store.putCollection(renamed);
    assertThat(store.collection("collection-b")).contains(renamed);

    store.add("collection-b", List.of(sco("domain-name", "b.example")));
    assertThat(store.deleteCollection("collection-b")).isTrue();
    assertThat(store.collection("collection-b")).isEmpty();
    assertThat(store.deleteCollection("collection-b")).isFalse();
    assertThat(store.mentions("b.example")).isEmpty();
    assertThat(store.collections()).extracting(CollectionInfo::id).containsExactly(C);
  }

  @Test
  void collections_sameObjectInTwoCollections_independent() {
    store.putCollection(CollectionInfo.of("collection-b", "B"));
    StixObject m = malware(newId("malware"), ts(1));
    store.add(C, List.of(m));
    store.add("collection-b", List.of(m));

    assertThat(store.delete(C, m.id())).isEqualTo(1);

    assertThat(all(ObjectFilter.all())).isEmpty();
    assertThat(store.objects("collection-b", ObjectFilter.all(), PageRequest.first(5)).items())
        .hasSize(1);
  }

  // ------------------------------------------------------------------ observable index

  static StixObject createdBy(String id, String modified, String creator) {
    return StixObject.parse(
        "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":"
            + json(id)
            + (creator == null ? "" : ",\"created_by_ref\":" + json(creator))
            + ",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":"
            + json(modified)
            + ",\"name\":\"m\",\"is_family\":false}");
  }

  @Test
  void creators_perIdOverItsVersions_inThatCollectionOnly() {
    String x = "identity--00000000-0000-4000-8000-00000000000a";
    String y = "identity--00000000-0000-4000-8000-00000000000b";
    String two = newId("malware");
    String anonymous = newId("malware");
    String elsewhere = newId("malware");
    store.putCollection(CollectionInfo.of("other", "Other"));
    store.add(
        C,
        List.of(
            createdBy(two, "2024-01-01T00:00:00.000Z", x),
            createdBy(two, "2024-02-01T00:00:00.000Z", y),
            createdBy(two, "2024-03-01T00:00:00.000Z", null),
            createdBy(anonymous, "2024-01-01T00:00:00.000Z", null)));
    store.add("other", List.of(createdBy(elsewhere, "2024-01-01T00:00:00.000Z", x)));
    long before = store.statements();

    Map<String, Set<String>> creators =
        store.creators(C, List.of(two, anonymous, elsewhere, newId("malware")));

    assertThat(store.statements() - before).isEqualTo(1);
    assertThat(creators).containsOnlyKeys(two);
    assertThat(creators.get(two)).containsExactlyInAnyOrder(x, y);
    assertThat(store.creators("other", List.of(two, elsewhere)))
        .containsExactly(Map.entry(elsewhere, Set.of(x)));
    assertThat(store.creators("no-such-collection", List.of(two))).isEmpty();
    assertThat(store.creators(C, List.of())).isEmpty();
  }

  @Test
  void mentions_scosAndIndicatorPatterns_normalisedValues() {
    StixObject ip = sco("ipv4-addr", "192.0.2.10");
    StixObject dom = sco("domain-name", "Evil.Example.");
    StixObject mail = sco("email-addr", "bob@Mail.EXAMPLE");
    StixObject url = sco("url", "http://evil.example/x?y=1");
    StixObject v6 = sco("ipv6-addr", "2001:DB8:0:0:0:0:0:1");
    String sha = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
    StixObject f = file("SHA-256", sha);
    StixObject ind =
        indicator(
            newId("indicator"),
            ts(1),
            "[domain-name:value IN ('other.example', 'EVIL.example')] AND"
                + " [file:hashes.'SHA-256' = '"
                + sha
                + "'] OR [email-addr:value = 'bob@mail.example']"
                + " OR [url:value = 'http://evil.example/x?y=1']");
    StixObject negated = indicator(newId("indicator"), ts(1), "[ipv4-addr:value != '192.0.2.10']");
    StixObject notStix =
        StixObject.copyOf(
            indicator(newId("indicator"), ts(1), "[ipv4-addr:value = '192.0.2.10']")
                .json()
                .put("pattern_type", "sigma"));
    store.add(C, List.of(ip, dom, mail, url, v6, f, ind, negated, notStix));

    assertThat(store.mentions("192.0.2.10")).containsExactly(new Mention(C, ip.id(), "ipv4-addr"));
    assertThat(store.mentions("evil.example."))
        .extracting(Mention::objectId)
        .containsExactlyInAnyOrder(dom.id(), ind.id());
    assertThat(store.mentions("bob@mail.example"))
        .extracting(Mention::objectId)
        .containsExactlyInAnyOrder(mail.id(), ind.id());
    assertThat(store.mentions("http://evil.example/x?y=1"))
        .extracting(Mention::objectId)
        .containsExactlyInAnyOrder(url.id(), ind.id());
    assertThat(store.mentions("2001:db8::1"))
        .extracting(Mention::objectId)
        .containsExactly(v6.id());
    assertThat(store.mentions(sha.toLowerCase()))
        .extracting(Mention::type)
        .containsExactlyInAnyOrder("file", "indicator");
    assertThat(store.mentions(sha)).hasSize(2);
    assertThat(store.mentions("nothing.example")).isEmpty();
  }

  @Test
  void mentions_ipInsideIndicatorCidr_v4AndV6() {
    StixObject v4 =
        indicator(newId("indicator"), ts(1), "[ipv4-addr:value ISSUBSET '10.1.2.3/16']");
    StixObject v6 =
        indicator(newId("indicator"), ts(1), "[ipv6-addr:value ISSUBSET '2001:DB8:ABCD::/48']");
    StixObject exact = indicator(newId("indicator"), ts(1), "[ipv4-addr:value = '10.1.0.0/32']");
    store.add(C, List.of(v4, v6, exact));

    assertThat(store.mentions("10.1.255.255"))
        .extracting(Mention::objectId)
        .containsExactly(v4.id());
    assertThat(store.mentions("10.1.0.0"))
        .extracting(Mention::objectId)
        .containsExactlyInAnyOrder(v4.id(), exact.id());
    assertThat(store.mentions("10.2.0.0")).isEmpty();
    assertThat(store.mentions("10.1.0.0/16"))
        .extracting(Mention::objectId)
        .containsExactly(v4.id());
    assertThat(store.mentions("2001:db8:abcd:ffff::1"))
        .extracting(Mention::objectId)
        .containsExactly(v6.id());
    assertThat(store.mentions("2001:0db8:abcd:0000:0000:0000:0000:0000"))
        .extracting(Mention::objectId)
        .containsExactly(v6.id());
    assertThat(store.mentions("2001:db8:abce::1")).isEmpty();
  }

  @Test
  void mentions_afterDelete_objectLeavesIndex() {
    String id = newId("indicator");
    store.add(
        C,
        List.of(
            indicator(id, ts(1), "[ipv4-addr:value = '198.51.100.1']"),
            indicator(id, ts(2), "[ipv4-addr:value = '198.51.100.2']")));
    assertThat(store.mentions("198.51.100.1")).hasSize(1);

    store.delete(C, id, VersionMatch.FIRST, List.of());
    assertThat(store.mentions("198.51.100.1")).isEmpty();
    assertThat(store.mentions("198.51.100.2")).hasSize(1);
    store.delete(C, id);
    assertThat(store.mentions("198.51.100.2")).isEmpty();
  }

  // ------------------------------------------------------------------ cost and durability

  @Test
  void objects_statementsPerPage_constantForAnyPageSize() {
    List<StixObject> batch = new ArrayList<>();
    for (int i = 0; i < 2_100; i++) {
      batch.add(indicator(newId("indicator"), ts(1), "[ipv4-addr:value = '10.9.0.1']"));
    }
    store.add(C, batch);
    for (int size : new int[] {1, 10, 1000}) {
      long before = statements();
      Page<StoredObject> p = store.objects(C, ObjectFilter.all(), PageRequest.first(size));
      assertThat(p.items()).hasSize(size);
      assertThat(p.more()).isTrue();
      assertThat(statements() - before).as("statements for a page of %d", size).isEqualTo(1);

      before = statements();
      Page<ManifestEntry> m =
          store.manifest(
              C,
              ObjectFilter.all()
                  .withTypes("indicator")
                  .withVersions(VersionMatch.parse("first,last")),
              PageRequest.after(size, p.next().orElseThrow()));
      assertThat(m.items()).hasSize(size);
      assertThat(statements() - before).as("statements for a manifest of %d", size).isEqualTo(1);
    }
  }

  @Test
  void open_again_keepsEverythingAndAppliesNoMigrationTwice() throws Exception {
    String id = newId("indicator");
    store.add(
        C,
        List.of(
            indicator(id, ts(1), "[ipv4-addr:value = '192.0.2.200']"),
            indicator(id, ts(2), "[ipv4-addr:value = '192.0.2.200']")));
    List<StoredObject> before = all(ObjectFilter.all().withVersions(VersionMatch.ALL));
    int migrations = appliedMigrations();
    store.close();

    store = open();
    store.close();
    store = open();

    assertThat(appliedMigrations()).isEqualTo(migrations).isPositive();
    assertThat(all(ObjectFilter.all().withVersions(VersionMatch.ALL))).isEqualTo(before);
    assertThat(versionsOf(all(ObjectFilter.all().withIds(id)))).containsExactly(ts(2));
    assertThat(store.mentions("192.0.2.200")).hasSize(1);
    Instant lastBefore = before.get(before.size() - 1).dateAdded();
    assertThat(added(store.add(C, List.of(malware(newId("malware"), ts(1)))).get(0)))
        .isAfter(lastBefore);
  }

  // ------------------------------------------------------------------ accounts and statuses

  @Test
  void accounts_putReadDelete_keepRightsAndKeys() {
    AccountStore a = store.accounts();
    a.deleteAccount("alice");
    a.putAccount(
        new StoredAccount("alice", Optional.of("hash1"), Set.of("c1", "c2"), Set.of("c2"), 0));
    assertThat(a.addKey("alice", "k".repeat(64))).isTrue();
    assertThat(a.addKey("nobody", "j".repeat(64))).isFalse();
    StoredAccount read = a.account("alice").orElseThrow();
    assertThat(read.passwordHash()).contains("hash1");
    assertThat(read.canRead()).containsExactlyInAnyOrder("c1", "c2");
    assertThat(read.canWrite()).containsExactly("c2");
    assertThat(read.apiKeys()).isEqualTo(1);
    assertThat(a.accountByKey("k".repeat(64))).map(StoredAccount::name).contains("alice");
    assertThat(a.accountByKey("j".repeat(64))).isEmpty();
    a.putAccount(new StoredAccount("alice", Optional.empty(), Set.of(), Set.of("c3"), 0));
    read = a.account("alice").orElseThrow();
    assertThat(read.passwordHash()).isEmpty();
    assertThat(read.canRead()).isEmpty();
    assertThat(read.canWrite()).containsExactly("c3");
    assertThat(read.apiKeys()).isEqualTo(1);
    assertThat(a.accounts()).extracting(StoredAccount::name).contains("alice");
    assertThat(a.deleteAccount("alice")).isTrue();
    assertThat(a.deleteAccount("alice")).isFalse();
    assertThat(a.account("alice")).isEmpty();
    assertThat(a.accountByKey("k".repeat(64))).isEmpty();
  }

  @Test
  void statuses_readableByOwnerUntilExpiry() {
    StatusStore s = store.statuses();
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    s.putStatus("s1", "alice", now.plusSeconds(60), "{\"id\":\"s1\"}", now);
    assertThat(s.status("s1", "alice", now)).contains("{\"id\":\"s1\"}");
    assertThat(s.status("s1", "bob", now)).isEmpty();
    assertThat(s.status("s1", "alice", now.plusSeconds(61))).isEmpty();
    s.putStatus("s2", "alice", now.plusSeconds(200), "{}", now.plusSeconds(100));
    assertThat(s.status("s1", "alice", now)).as("expired statuses are deleted").isEmpty();
  }
}
