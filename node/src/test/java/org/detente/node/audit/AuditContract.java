package org.detente.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.AuditRecord.Direction;
import org.detente.node.store.AuditStore;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit record on a real database: every kind of tampering with stored entries is found by
 * {@link AuditLog#verify()}, appends from many threads form one chain, and reconciliation between
 * two nodes finds what differs. One subclass per database.
 */
abstract class AuditContract {
  static final String PARTNER = "partner-b";
  static final String US = "partner-a";

  Store store;
  Store other;
  AuditLog log;
  AuditLog otherLog;
  KeyPair ourKeys;
  KeyPair theirKeys;

  /** Opens the store under test, empty of audit entries. */
  abstract Store open();

  /** Opens a second, independent store: the partner's node. */
  abstract Store openOther();

  /** A plain JDBC connection to the database of {@link #open()}, for tampering. */
  abstract Connection raw() throws SQLException;

  @BeforeEach
  void setUp() throws Exception {
    store = open();
    other = openOther();
    log = new AuditLog(store, Clock.systemUTC());
    otherLog = new AuditLog(other, Clock.systemUTC());
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    ourKeys = g.generateKeyPair();
    theirKeys = g.generateKeyPair();
  }

  @AfterEach
  void tearDown() {
    store.close();
    other.close();
  }

  // ------------------------------------------------------------------ helpers

  static StixObject indicator(int i) {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
            + String.format("%08x", i)
            + "-0000-4000-8000-000000000000\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"n"
            + i
            + "\",\"pattern\":\"[ipv4-addr:value = '10.0.0."
            + (i % 250)
            + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}");
  }

  static AuditRecord record(int i, Direction d, String party) {
    StixObject o = indicator(i);
    return new AuditRecord(
        d,
        party,
        Optional.of("agreement-3"),
        o.id(),
        o.version(),
        AuditRecord.contentHash(o),
        Instant.parse("2026-01-01T00:00:00Z").plusMillis(i));
  }

  /** Appends {@code n} entries (numbered 1..n), alternating in and out. */
  void fill(int n) {
    List<AuditRecord> rs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rs.add(record(i, i % 2 == 0 ? Direction.OUT : Direction.IN, PARTNER));
    }
    store.audit().append(rs);
  }

  void sql(String... statements) throws SQLException {
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      for (String st : statements) {
        s.executeUpdate(st);
      }
    }
  }

  Verification.Break brokenAt(long sequence) {
    Verification v = log.verify();
    assertThat(v.intact()).as("verify after tampering").isFalse();
    assertThat(v.firstBreak().get().sequence()).isEqualTo(sequence);
    return v.firstBreak().get();
  }

  // ------------------------------------------------------------------ append and verify

  @Test
  void verify_intactChain_countsEntriesAndGivesHead() {
    fill(10);
    AuditStore.Head head = store.audit().head();
    Verification v = log.verify();
    assertThat(v.intact()).isTrue();
    assertThat(v.entries()).isEqualTo(10);
    assertThat(head.sequence()).isEqualTo(10);
    assertThat(v.head()).isEqualTo(head.hash());
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    assertThat(entries)
        .extracting(AuditEntry::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(entries.get(0).previous()).isEqualTo(AuditEntry.GENESIS);
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).previous()).isEqualTo(entries.get(i - 1).hash());
    }
  }

  @Test
  void verify_emptyChain_isIntact() {
    Verification v = log.verify();
    assertThat(v.intact()).isTrue();
    assertThat(v.entries()).isZero();
    assertThat(v.head()).isEqualTo(AuditEntry.GENESIS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "direction = 'out'",
        "direction = 'sideways'",
        "party = 'someone-else'",
        "agreement = 'agreement-4'",
        "agreement = NULL",
        "object_id = 'indicator--00000099-0000-4000-8000-000000000000'",
        "object_version = '2024-01-01T00:00:00.001Z'",
        "object_version = NULL",
        "sha256 = '0000000000000000000000000000000000000000000000000000000000000001'",
        "at = at + 1",
        "at = 9223372036854775807",
        "at = -9223372036854775807",
        "at = 253402300800000000",
        "hash = '0000000000000000000000000000000000000000000000000000000000000003'"
      })
  void verify_changedColumn_breaksAtThatEntry(String change) throws SQLException {
    fill(10);
    sql("UPDATE audit_entry SET " + change + " WHERE seq = 5");
    Verification.Break b = brokenAt(5);
    assertThat(b.what()).isNotBlank();
    assertThat(log.verify().entries()).isEqualTo(4);
  }

  @Test
  void verify_changedHashOfLastEntry_breaksAtIt() throws SQLException {
    fill(10);
    sql("UPDATE audit_entry SET hash = '" + "f".repeat(64) + "' WHERE seq = 10");
    assertThat(brokenAt(10).what()).contains("differs from the hash of the entry's fields");
  }

  @Test
  void verify_changedSequenceNumber_breaksAtIt() throws SQLException {
    fill(10);
    sql("UPDATE audit_entry SET seq = 100 WHERE seq = 5");
    assertThat(brokenAt(6).what()).contains("sequence 6 follows 4");
  }

  @Test
  void verify_deletedEntry_breaksAtTheGap() throws SQLException {
    fill(10);
    sql("DELETE FROM audit_entry WHERE seq = 4");
    assertThat(brokenAt(5).what()).contains("sequence 5 follows 3");
  }

  @Test
  void verify_deletedFirstEntry_breaksAtTheStart() throws SQLException {
    fill(10);
    sql("DELETE FROM audit_entry WHERE seq = 1");
    brokenAt(2);
  }

  @Test
  void verify_deletedLastEntries_areFoundByTheHeadRow() throws SQLException {
    fill(10);
    sql("DELETE FROM audit_entry WHERE seq >= 9");
    Verification.Break b = brokenAt(9);
    assertThat(b.what()).contains("head row says 10 entries");
  }

  @Test
  void verify_reorderedEntries_breakAtTheFirstMoved() throws SQLException {
    fill(10);
    sql(
        "UPDATE audit_entry SET seq = -1 WHERE seq = 4",
        "UPDATE audit_entry SET seq = 4 WHERE seq = 6",
        "UPDATE audit_entry SET seq = 6 WHERE seq = -1");
    // the old entry 6, now 4, was hashed after the old entry 5, not after entry 3
    assertThat(brokenAt(4).what()).contains("differs from the hash of the entry's fields");
  }

  @Test
  void verify_insertedEntryInTheMiddle_breaksAtIt() throws SQLException {
    fill(10);
    // make room at 5 by shifting 5..10 up (through negative numbers: unique checks are per row)
    sql(
        "UPDATE audit_entry SET seq = -(seq + 1) WHERE seq >= 5",
        "UPDATE audit_entry SET seq = -seq WHERE seq < 0");
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    AuditEntry fourth = entries.get(3);
    // a forged entry that links correctly to entry 4 and has a correct hash of its own
    AuditRecord forged = record(77, Direction.OUT, PARTNER);
    AuditEntry e = forge(5, "out", forged, fourth.timeMicros() + 1, fourth.hash());
    insert(e, e.computedHash());
    // the old entry 5, now 6, was hashed after the old entry 4, not after the forged one
    assertThat(brokenAt(6).what()).contains("differs from the hash of the entry's fields");
  }

  @Test
  void verify_forgedEntryAppendedWithoutMovingHead_isFound() throws SQLException {
    fill(10);
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(9, entries::add);
    AuditEntry last = entries.get(0);
    AuditRecord forged = record(77, Direction.IN, PARTNER);
    AuditEntry e = forge(11, "in", forged, last.timeMicros(), last.hash());
    insert(e, e.computedHash());
    assertThat(brokenAt(11).what()).contains("head row says 10 entries");
    assertThat(log.verify().entries()).isEqualTo(10);
    assertThat(log.verify().head()).isEqualTo(last.hash());
  }

  @Test
  void verify_tailRewrittenConsistently_isFoundBySignedHead() throws SQLException {
    fill(10);
    log.signHead("identity--a", ourKeys.getPrivate());
    // rewrite entries 9 and 10 and the head row so that the chain itself is consistent again
    sql("DELETE FROM audit_entry WHERE seq >= 9");
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(7, entries::add);
    String previous = entries.get(0).hash();
    for (int s = 9; s <= 10; s++) {
      AuditRecord r = record(100 + s, Direction.OUT, PARTNER);
      AuditEntry e = forge(s, "out", r, entries.get(0).timeMicros(), previous);
      previous = e.computedHash();
      insert(e, previous);
    }
    sql("UPDATE audit_head SET hash = '" + previous + "' WHERE id = 1");
    assertThat(brokenAt(10).what()).contains("the head signed at sequence 10");
  }

  /** An entry for {@code r} as somebody writing to the database directly would make it. */
  static AuditEntry forge(long seq, String direction, AuditRecord r, long micros, String previous) {
    return new AuditEntry(
        seq,
        direction,
        PARTNER,
        r.agreement(),
        r.objectId(),
        r.objectVersion(),
        r.sha256(),
        micros,
        previous,
        "");
  }

  private void insert(AuditEntry e, String hash) throws SQLException {
    try (Connection c = raw();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO audit_entry (seq, direction, party, agreement, object_id,"
                    + " object_version, sha256, at, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, e.sequence());
      ps.setString(2, e.direction());
      ps.setString(3, e.party());
      ps.setString(4, e.agreement().orElse(null));
      ps.setString(5, e.objectId());
      ps.setString(6, e.objectVersion().orElse(null));
      ps.setBytes(7, java.util.HexFormat.of().parseHex(e.sha256()));
      ps.setLong(8, e.timeMicros());
      ps.setBytes(9, java.util.HexFormat.of().parseHex(hash));
      ps.executeUpdate();
    }
  }

  @Test
  void append_fromManyThreads_formsOneChain() throws Exception {
    int threads = 6;
    int appends = 40;
    int perAppend = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int a = 0; a < appends; a++) {
                    List<AuditRecord> rs = new ArrayList<>();
                    for (int k = 0; k < perAppend; k++) {
                      rs.add(record(thread * 10_000 + a * 10 + k, Direction.OUT, "t" + thread));
                    }
                    store.audit().append(rs);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Verification v = log.verify();
    assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
    assertThat(v.entries()).isEqualTo((long) threads * appends * perAppend);
    // each append's entries are contiguous: one append is never interleaved with another
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    for (int i = 0; i < entries.size(); i += perAppend) {
      String party = entries.get(i).party();
      assertThat(entries.subList(i, i + perAppend)).allMatch(e -> e.party().equals(party));
    }
  }

  @Test
  void verify_whileOthersAppend_findsNoBreak() throws Exception {
    fill(100);
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread appender =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    store.audit().append(List.of(record(1_000 + i, Direction.OUT, "busy")));
                  }
                });
    try {
      for (int round = 0; round < 20; round++) {
        Verification v = log.verify();
        assertThat(v.intact()).as("round %d: %s", round, v.firstBreak()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(100);
      }
    } finally {
      stop.set(true);
      appender.join();
    }
    assertThat(log.verify().entries()).isEqualTo(store.audit().head().sequence());
  }

  @Test
  void bulkAudit_commitsWithTheObjectsAndRollsBackWithThem() {
    store.putCollection(CollectionInfo.of("c", "C"));
    StixObject kept = indicator(1);
    StixObject dropped = indicator(2);
    try (Store.BulkAdd bulk = store.bulkAdd("c")) {
      bulk.add(List.of(kept));
      bulk.audit(List.of(AuditRecord.of(Direction.IN, "import", kept, Instant.now())));
      bulk.commit();
      bulk.add(List.of(dropped));
      bulk.audit(List.of(AuditRecord.of(Direction.IN, "import", dropped, Instant.now())));
      // closed without commit: neither the object nor its entry is kept
    }
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    assertThat(entries).extracting(AuditEntry::objectId).containsExactly(kept.id());
    assertThat(store.audit().head().sequence()).isEqualTo(1);
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void bulkAudit_manyBatchesInOneTransaction_chainInOrderAndAllOrNothing() throws Exception {
    store.putCollection(CollectionInfo.of("c", "C"));
    int batches = 12;
    int perBatch = 40;
    // batches sealed before the next one comes are written inside the transaction; a transaction
    // closed without commit must take those with it
    try (Store.BulkAdd bulk = store.bulkAdd("c")) {
      for (int b = 0; b < batches; b++) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
          records.add(record(10_000 + b * perBatch + i, Direction.IN, "import"));
        }
        bulk.audit(records);
        Thread.sleep(5);
      }
    }
    assertThat(store.audit().head().sequence()).isZero();
    List<AuditEntry> none = new ArrayList<>();
    store.audit().scan(0, none::add);
    assertThat(none).isEmpty();

    List<String> expected = new ArrayList<>();
    try (Store.BulkAdd bulk = store.bulkAdd("c")) {
      for (int b = 0; b < batches; b++) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < perBatch; i++) {
          AuditRecord r = record(b * perBatch + i, Direction.IN, "import");
          records.add(r);
          expected.add(r.objectId());
        }
        bulk.audit(records);
        if (b % 3 == 0) {
          Thread.sleep(5);
        }
      }
      bulk.commit();
    }
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    assertThat(entries).extracting(AuditEntry::objectId).containsExactlyElementsOf(expected);
    assertThat(entries)
        .extracting(AuditEntry::sequence)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, batches * perBatch).boxed().toList());
    assertThat(store.audit().head().sequence()).isEqualTo(batches * perBatch);
    assertThat(store.audit().head().hash()).isEqualTo(entries.getLast().hash());
    Verification v = log.verify();
    assertThat(v.intact()).as("%s", v.firstBreak()).isTrue();
    assertThat(v.entries()).isEqualTo(batches * perBatch);
  }

  // ------------------------------------------------------------------ heads and receipts

  @Test
  void signedHead_verifiesWithOurKeyOnlyAndSurvivesJson() {
    fill(3);
    SignedHead h = log.signHead("identity--a", ourKeys.getPrivate());
    assertThat(h.sequence()).isEqualTo(3);
    assertThat(h.head()).isEqualTo(store.audit().head().hash());
    assertThat(h.verify(ourKeys.getPublic())).isTrue();
    assertThat(h.verify(theirKeys.getPublic())).isFalse();
    SignedHead parsed = SignedHead.parse(h.toString());
    assertThat(parsed).isEqualTo(h);
    assertThat(parsed.verify(ourKeys.getPublic())).isTrue();
    SignedHead altered = new SignedHead(h.node(), 2, h.head(), h.time(), h.signature());
    assertThat(altered.verify(ourKeys.getPublic())).isFalse();
  }

  @Test
  void keepReceipt_wrongKey_isRefusedAndNotKept() {
    SignedHead theirs = otherLog.signHead("identity--b", theirKeys.getPrivate());
    assertThatThrownBy(() -> log.keepReceipt(PARTNER, theirs, "identity--b", ourKeys.getPublic()))
        .isInstanceOf(SecurityException.class)
        .hasMessageContaining("does not verify");
    assertThat(log.receipts(PARTNER)).isEmpty();
    log.keepReceipt(PARTNER, theirs, "identity--b", theirKeys.getPublic());
    assertThat(log.receipts(PARTNER)).containsExactly(theirs);
  }

  @Test
  void keepReceipt_otherNodeOrRewrittenEntry_isRefusedAndTheFirstKept() {
    SignedHead theirs = otherLog.signHead("identity--b", theirKeys.getPrivate());
    assertThatThrownBy(() -> log.keepReceipt(PARTNER, theirs, "identity--c", theirKeys.getPublic()))
        .isInstanceOf(SecurityException.class)
        .hasMessageContaining("is signed as node identity--b, but the partner's identity is");
    log.keepReceipt(PARTNER, theirs, "identity--b", theirKeys.getPublic());
    SignedHead rewritten =
        SignedHead.sign(
            "identity--b",
            theirs.sequence(),
            "f".repeat(64),
            java.time.Instant.now(),
            theirKeys.getPrivate());
    assertThatThrownBy(
            () -> log.keepReceipt(PARTNER, rewritten, "identity--b", theirKeys.getPublic()))
        .isInstanceOf(SecurityException.class)
        .hasMessageContaining("the partner's chain was rewritten");
    log.keepReceipt(PARTNER, theirs, "identity--b", theirKeys.getPublic());
    assertThat(log.receipts(PARTNER)).containsExactly(theirs);
  }

  // ------------------------------------------------------------------ reconcile

  /** We send objects 1..n to the partner, who records receiving them from us. */
  void exchange(int n) {
    List<AuditRecord> ours = new ArrayList<>();
    List<AuditRecord> theirs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ours.add(record(i, Direction.OUT, PARTNER));
      theirs.add(record(i, Direction.IN, US));
    }
    // and the partner sends us object 1000
    ours.add(record(1000, Direction.IN, PARTNER));
    theirs.add(record(1000, Direction.OUT, US));
    store.audit().append(ours);
    other.audit().append(theirs);
  }

  byte[] theirExport() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    otherLog.export(US, "identity--b", theirKeys.getPrivate(), out);
    return out.toByteArray();
  }

  Reconciliation reconcile(byte[] export) throws Exception {
    return log.reconcile(PARTNER, new ByteArrayInputStream(export), theirKeys.getPublic());
  }

  @Test
  void reconcile_sameRecords_agreeAndKeepTheirHead() throws Exception {
    exchange(5);
    Reconciliation r = reconcile(theirExport());
    assertThat(r.differences()).isEmpty();
    assertThat(r.ours()).isEqualTo(6);
    assertThat(r.theirs()).isEqualTo(6);
    assertThat(r.theirHead().node()).isEqualTo("identity--b");
    assertThat(log.receipts(PARTNER)).containsExactly(r.theirHead());
  }

  @Test
  void reconcile_droppedObject_isSentButNotReceived() throws Exception {
    exchange(5);
    // the partner's record lacks object 3 (never arrived): rebuild it without that entry
    StixObject lost = indicator(3);
    other.close();
    other = openOther();
    otherLog = new AuditLog(other, Clock.systemUTC());
    resetOther();
    List<AuditRecord> theirs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      if (i != 3) {
        theirs.add(record(i, Direction.IN, US));
      }
    }
    other.audit().append(theirs);
    Reconciliation r = reconcile(theirExport());
    assertThat(r.differences()).hasSize(2);
    Difference lostDiff =
        r.differences().stream().filter(d -> d.objectId().equals(lost.id())).findFirst().get();
    assertThat(lostDiff.kind()).isEqualTo(Difference.Kind.OURS_ONLY);
    assertThat(lostDiff.direction()).isEqualTo(Direction.OUT);
    assertThat(lostDiff.describe()).contains("sent but not received");
    Difference unsent = r.differences().stream().filter(d -> d != lostDiff).findFirst().get();
    assertThat(unsent.objectId()).isEqualTo(indicator(1000).id());
    assertThat(unsent.describe()).contains("received but not sent");
  }

  /** Empties the partner's audit record (its store may be shared between tests). */
  abstract void resetOther() throws SQLException;

  @Test
  void reconcile_tamperedHash_isAMismatch() throws Exception {
    exchange(5);
    try (Connection c = raw();
        PreparedStatement ps =
            c.prepareStatement("UPDATE audit_entry SET sha256 = ? WHERE object_id = ?")) {
      ps.setBytes(1, java.util.HexFormat.of().parseHex("a".repeat(64)));
      ps.setString(2, indicator(2).id());
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    Reconciliation r = reconcile(theirExport());
    assertThat(r.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Difference.Kind.HASH_MISMATCH);
              assertThat(d.objectId()).isEqualTo(indicator(2).id());
              assertThat(d.ours()).contains("a".repeat(64));
              assertThat(d.theirs()).contains(record(2, Direction.IN, US).sha256());
            });
  }

  @Test
  void reconcile_theySentWhatWeNeverReceived_isReported() throws Exception {
    exchange(2);
    other.audit().append(List.of(record(2000, Direction.OUT, US)));
    Reconciliation r = reconcile(theirExport());
    assertThat(r.differences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(Difference.Kind.THEIRS_ONLY);
              assertThat(d.direction()).isEqualTo(Direction.IN);
              assertThat(d.describe()).contains("sent by them but not received");
            });
  }

  @Test
  void reconcile_wrongKey_isRefused() throws Exception {
    exchange(2);
    byte[] export = theirExport();
    assertThatThrownBy(
            () -> log.reconcile(PARTNER, new ByteArrayInputStream(export), ourKeys.getPublic()))
        .isInstanceOf(SecurityException.class)
        .hasMessageContaining("does not verify");
    assertThat(log.receipts(PARTNER)).isEmpty();
  }

  @Test
  void reconcile_alteredOrTruncatedExport_isRefused() throws Exception {
    exchange(3);
    String export = new String(theirExport(), StandardCharsets.UTF_8);
    String sha = record(2, Direction.IN, US).sha256();
    String altered = export.replace(sha, "b".repeat(64));
    assertThat(altered).isNotEqualTo(export);
    assertThatThrownBy(() -> reconcile(altered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("SHA-256");
    String[] lines = export.split("\n");
    String withoutTrailer = String.join("\n", List.of(lines).subList(0, lines.length - 1)) + "\n";
    assertThatThrownBy(() -> reconcile(withoutTrailer.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("without its trailer");
    String dropped = export.replace(lines[1] + "\n", "");
    assertThatThrownBy(() -> reconcile(dropped.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("declares 4 entries, the export holds 3");
    assertThatThrownBy(() -> reconcile("{\"direction\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AuditFormatException.class)
        .hasMessageContaining("line 1 is not JSON");
  }
}
