package org.detente.node.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store on SQLite or PostgreSQL through JDBC.
 *
 * <p>Design. One table row per stored version ({@code stix_object}), keyed by (collection key,
 * date_added) and unique on (collection key, id, version_key), where version_key is the version's
 * {@link StixTimestamp#sortKey} ({@code ""} for objects without a version). Each row carries
 * is_first/is_last marks, kept exact by every write and delete of that id inside the same
 * transaction, so that {@code first}/{@code last} queries are an index scan with a filter. The
 * observable index ({@code observable}) points at rows by the same (collection key, date_added) key
 * and is written and deleted with them.
 *
 * <p>date_added. Each collection row holds {@code last_added}, the last date_added handed out in
 * that collection (microseconds). A writing transaction first reads that row with a lock that lasts
 * until it commits: {@code SELECT ... FOR UPDATE} on PostgreSQL; on SQLite all writers of the
 * process take one Java lock and the transaction starts {@code BEGIN IMMEDIATE}. It then hands out
 * next = max(now, last + 1 µs) to each new version and stores the final value back before
 * committing. Two writers of one collection therefore take values and commit in the same order: a
 * writer cannot obtain date_added N+1 before the writer holding N has committed (PostgreSQL makes a
 * transaction visible before releasing its row locks), so a reader never sees N+1 committed while N
 * is still pending, and a pager that resumes strictly after the last date_added it saw never skips
 * or repeats a version. Writers of different collections do not wait for each other.
 *
 * <p>Reads run in auto-commit, each one statement with its own snapshot. A page fetches limit + 1
 * rows in one statement (a second one only when the page is empty, to tell an unknown collection
 * from an empty one); {@link #statements()} counts statements for the tests.
 *
 * <p>Import speed. A batch costs a fixed number of statements: one lookup of the stored versions of
 * its ids, then the new rows in one JDBC batch (SQLite) or two COPY streams (PostgreSQL), one
 * batched update of first/last marks, one counter update. PostgreSQL plans every execution ({@code
 * plan_cache_mode = force_custom_plan}) and is re-analysed as this store doubles the rows it added,
 * so that plans made while a table was empty do not outlive the import; SQLite's checkpoints run on
 * a background thread ({@link SqliteCheckpoints}).
 */
final class JdbcStore implements Store {
  private static final System.Logger LOG = System.getLogger(JdbcStore.class.getName());

  /** Ids per {@code IN} list when looking up the existing versions of a batch. */
  private static final int IN_CHUNK = 1_000;

  /** The most mentions one lookup returns. */
  static final int MAX_MENTIONS = 10_000;

  private static final String OBJECT_COLUMNS =
      "o.date_added, o.id, o.type, o.version, o.spec_version";

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final CountingDataSource ds;
  private final ReentrantLock writer;
  private final String description;
  private final ObservableValues observables = new ObservableValues(new PatternComparisons());
  private final AtomicLong addedSinceOpen = new AtomicLong();
  private final AtomicLong analyzeAt = new AtomicLong(10_000);
  private final java.util.concurrent.ConcurrentHashMap<Long, KnownIds> knownIds =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SqliteCheckpoints checkpoints;
  private final JdbcAccounts accounts = new JdbcAccounts(this);
  private final JdbcStatuses statuses = new JdbcStatuses(this);
  private final JdbcPartners partners = new JdbcPartners(this);
  private final JdbcSync sync = new JdbcSync(this);
  private final JdbcAudit audit = new JdbcAudit(this);

  private JdbcStore(
      Dialect dialect, HikariDataSource pool, ReentrantLock writer, String description) {
    this.dialect = dialect;
    this.pool = pool;
    this.ds = new CountingDataSource(pool);
    this.writer = writer;
    this.description = description;
    this.checkpoints = dialect == Dialect.SQLITE ? new SqliteCheckpoints(pool, description) : null;
  }

  static JdbcStore openSqlite(StoreConfig.Sqlite config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + config.dataDir() + ": " + e, e);
    }
    SQLiteConfig sc = new SQLiteConfig();
    sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sc.setBusyTimeout(30_000);
    sc.enforceForeignKeys(true);
    sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    sc.setCacheSize(-262_144);
    sc.setTempStore(SQLiteConfig.TempStore.MEMORY);
    sc.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 30));
    SQLiteDataSource sds = new SQLiteDataSource(sc);
    sds.setUrl("jdbc:sqlite:" + config.file().toAbsolutePath());
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(sds);
    hc.setPoolName("detente-sqlite");
    hc.setMaximumPoolSize(6);
    hc.setMinimumIdle(1);
    // Checkpoints run on a background thread (see SqliteCheckpoints); a writer checkpoints by
    // itself only when the write-ahead log outgrows 150,000 pages (about 600 MB). A bulk load
    // commits up to about 200 MB at a time, and the background checkpoint of one commit may still
    // run when the next one comes: a lower limit makes the writer stop to checkpoint (and sync)
    // itself, which measured 0.6 s of 21 s of a 1M-object import.
    hc.setConnectionInitSql("PRAGMA wal_autocheckpoint = 150000");
    String description = "SQLite " + config.file();
    return open(Dialect.SQLITE, hc, Optional.empty(), new ReentrantLock(), description);
  }

  static JdbcStore openPostgres(StoreConfig.Postgres config) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.jdbcUrl());
    config.user().ifPresent(hc::setUsername);
    config.password().ifPresent(hc::setPassword);
    config.schema().ifPresent(hc::setSchema);
    hc.setPoolName("detente-postgres");
    hc.setMaximumPoolSize(config.poolSize());
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    // Plans are made per execution: a table filled after a statement was first planned must not
    // keep a plan chosen for an empty table.
    hc.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
    String description = config.toString();
    return open(Dialect.POSTGRES, hc, config.schema(), null, description);
  }

  private static JdbcStore open(
      Dialect dialect,
      HikariConfig hc,
      Optional<String> schema,
      ReentrantLock writer,
      String description) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + description + ": " + rootMessage(e), e);
    }
    try {
      var fc =
          Flyway.configure(JdbcStore.class.getClassLoader())
              .dataSource(pool)
              .locations(dialect.migrations)
              .failOnMissingLocations(true);
      if (schema.isPresent()) {
        fc = fc.schemas(schema.get()).defaultSchema(schema.get()).createSchemas(true);
      }
      var result = fc.load().migrate();
      LOG.log(
          System.Logger.Level.INFO,
          "opened {0}: {1} migration(s) applied",
          description,
          result.migrationsExecuted);
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("cannot migrate " + description + ": " + e.getMessage(), e);
    }
    return new JdbcStore(dialect, pool, writer, description);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  @Override
  public long statements() {
    return ds.executed();
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public StatusStore statuses() {
    return statuses;
  }

  @Override
  public PartnerStore partners() {
    return partners;
  }

  @Override
  public SyncStore sync() {
    return sync;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.close();
    }
    pool.close();
  }

  @Override
  public String toString() {
    return "JdbcStore[" + description + "]";
  }

  // ---------------------------------------------------------------- collections

  @Override
  public void putCollection(CollectionInfo col) {
    Objects.requireNonNull(col, "collection");
    write(
        "put collection " + col.id(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO collection (id, title, description, media_types) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                      + " description = excluded.description, media_types = excluded.media_types")) {
            ps.setString(1, col.id());
            ps.setString(2, col.title());
            ps.setString(3, col.description().orElse(null));
            ps.setString(4, String.join("\n", col.mediaTypes()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<CollectionInfo> collection(String collectionId) {
    Objects.requireNonNull(collectionId, "collectionId");
    List<CollectionInfo> found =
        readCollections(
            "SELECT id, title, description, media_types FROM collection WHERE id = ?",
            collectionId);
    return found.stream().findFirst();
  }

  @Override
  public List<CollectionInfo> collections() {
    return readCollections(
        "SELECT id, title, description, media_types FROM collection ORDER BY id", null);
  }

  private List<CollectionInfo> readCollections(String sql, String id) {
    return read(
        "read collections",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
              ps.setString(1, id);
            }
            List<CollectionInfo> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new CollectionInfo(
                        rs.getString(1),
                        rs.getString(2),
                        Optional.ofNullable(rs.getString(3)),
                        Arrays.asList(rs.getString(4).split("\n"))));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean deleteCollection(String collectionId) {
    Objects.requireNonNull(collectionId, "collectionId");
    return write(
        "delete collection " + collectionId,
        c -> {
          Optional<long[]> key = lockCollection(c, collectionId);
          if (key.isEmpty()) {
            return false;
          }
          long ckey = key.get()[0];
          for (String sql :
              List.of(
                  "DELETE FROM observable WHERE ckey = ?",
                  "DELETE FROM stix_object WHERE ckey = ?",
                  "DELETE FROM collection WHERE ckey = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setLong(1, ckey);
              ps.executeUpdate();
            }
          }
          knownIds.remove(ckey);
          return true;
        });
  }

  /** The collection's key and last_added, locked until commit; empty when there is none. */
  private Optional<long[]> lockCollection(Connection c, String collectionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(dialect.lockCollection)) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)})
            : Optional.empty();
      }
    }
  }

  private long[] requireCollection(Connection c, String collectionId) throws SQLException {
    return lockCollection(c, collectionId)
        .orElseThrow(() -> new UnknownCollectionException(collectionId));
  }

  // ---------------------------------------------------------------- add

  /** One stored or about-to-be-stored version of an id during a batch. */
  private static final class Slot {
    final long dateAdded;
    final boolean isNew;
    boolean first;
    boolean last;

    /** The stored text, once loaded to compare; null for a version this batch adds. */
    String json;

    StixObject object;

    /** The version this batch adds, or null. */
    PreparedObject incoming;

    Slot(long dateAdded, boolean isNew, boolean first, boolean last) {
      this.dateAdded = dateAdded;
      this.isNew = isNew;
      this.first = first;
      this.last = last;
    }
  }

  @Override
  public PreparedBatch prepare(List<StixObject> objects) {
    List<PreparedObject> out = new ArrayList<>(objects.size());
    for (StixObject o : objects) {
      out.add(PreparedObject.of(o, observables));
    }
    return new PreparedBatch(out);
  }

  @Override
  public List<AddOutcome> add(String collectionId, List<StixObject> objects) {
    PreparedBatch prepared = prepare(objects); // before taking the writer lock
    try (BulkAdd bulk = bulkAdd(collectionId)) {
      List<AddOutcome> out = bulk.add(prepared);
      bulk.commit();
      return out;
    }
  }

  @Override
  public BulkAdd bulkAdd(String collectionId) {
    Objects.requireNonNull(collectionId, "collectionId");
    if (writer != null) {
      writer.lock();
    }
    try {
      Connection c = ds.getConnection();
      try {
        c.setAutoCommit(false);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      return new Bulk(collectionId, c);
    } catch (SQLException e) {
      if (writer != null) {
        writer.unlock();
      }
      throw new StoreException(
          "cannot start writing to collection "
              + collectionId
              + " on "
              + description
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** One open write transaction, under the single-writer lock where there is one. */
  private final class Bulk implements BulkAdd {
    private final String collectionId;
    private final Connection c;
    private boolean closed;
    private int uncommittedBatches;

    /**
     * The audit entries of this transaction are sealed one batch after another on a pool thread
     * while this one writes objects (hashing the chain is sequential, and costs as much as a good
     * part of writing). This is the last batch's sealing, null before the first {@link #audit} of
     * the transaction; the chain head moves to its last entry at commit.
     */
    private CompletableFuture<JdbcAudit.Sealed> sealing;

    /**
     * Sealed or sealing batches not written yet, oldest first. Each is written as soon as it is
     * sealed (checked at each {@link #audit}), and the rest at commit, so that the entries of a
     * large transaction do not wait in memory until its end.
     */
    private final ArrayDeque<CompletableFuture<JdbcAudit.Sealed>> unwritten = new ArrayDeque<>();

    Bulk(String collectionId, Connection c) {
      this.collectionId = collectionId;
      this.c = c;
    }

    @Override
    public List<AddOutcome> add(List<StixObject> objects) {
      return add(prepare(objects));
    }

    @Override
    public List<AddOutcome> add(PreparedBatch prepared) {
      requireOpen();
      List<PreparedObject> batch = prepared.objects;
      try {
        List<AddOutcome> out = addInTransaction(c, collectionId, batch);
        uncommittedBatches++;
        long added = out.stream().filter(o -> o instanceof AddOutcome.Added).count();
        if (dialect == Dialect.POSTGRES && added > 0) {
          refreshStatistics(added, c);
        }
        return out;
      } catch (SQLException e) {
        throw failed("add " + batch.size() + " object(s) to collection " + collectionId, e);
      } catch (RuntimeException e) {
        fail(e);
        throw e;
      }
    }

    @Override
    public void audit(List<AuditRecord> records) {
      requireOpen();
      if (records.isEmpty()) {
        return;
      }
      try {
        if (sealing == null) {
          AuditStore.Head head = audit.lockHead(c);
          sealing =
              CompletableFuture.completedFuture(
                  new JdbcAudit.Sealed(head, List.of(), new byte[0][]));
        }
        List<AuditRecord> batch = List.copyOf(records);
        sealing = sealing.thenApplyAsync(s -> JdbcAudit.seal(s.last(), batch, dialect));
        unwritten.add(sealing);
        writeSealed(false);
      } catch (SQLException e) {
        throw failed("writing audit entries", e);
      }
    }

    /** Writes the sealed batches at the front of {@link #unwritten}; all of them if {@code all}. */
    private void writeSealed(boolean all) throws SQLException {
      while (!unwritten.isEmpty() && (all || unwritten.peek().isDone())) {
        audit.write(c, joinSealing(unwritten.poll()));
      }
    }

    @Override
    public void commit() {
      requireOpen();
      try {
        if (sealing != null) {
          writeSealed(true);
          audit.moveHead(c, joinSealing(sealing).last());
          sealing = null;
        }
        c.commit();
      } catch (SQLException e) {
        fail(e);
        throw new StoreException(
            "commit to collection "
                + collectionId
                + " failed on "
                + description
                + ", nothing written since the last commit: "
                + e.getMessage(),
            e);
      }
      if (checkpoints != null) {
        checkpoints.committed();
      }
      uncommittedBatches = 0;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      sealing = null;
      unwritten.clear();
      try {
        c.rollback();
        c.setAutoCommit(true);
        c.close();
      } catch (SQLException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "closing a write transaction on " + description + " failed",
            e);
      } finally {
        if (writer != null) {
          writer.unlock();
        }
      }
    }

    private void fail(Exception cause) {
      rollback(c, cause);
      close();
    }

    /** Rolls back and closes after {@code e}, and the exception that says so. */
    private StoreException failed(String what, SQLException e) {
      fail(e);
      return new StoreException(
          what
              + " failed on "
              + description
              + "; "
              + uncommittedBatches
              + " uncommitted batch(es) rolled back: "
              + e.getMessage(),
          e);
    }

    private JdbcAudit.Sealed joinSealing(CompletableFuture<JdbcAudit.Sealed> f) {
      try {
        return f.join();
      } catch (CompletionException e) {
        fail(e);
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    private void requireOpen() {
      if (closed) {
        throw new IllegalStateException(
            "the bulk load into collection " + collectionId + " is closed");
      }
    }
  }

  /**
   * Refreshes PostgreSQL's planner statistics each time this store has doubled the rows it added
   * since opening (from 10,000 on), so that a bulk import into a new table does not leave the page
   * query planned for an empty table until autovacuum gets to it.
   */
  private void refreshStatistics(long added, Connection c) throws SQLException {
    long total = addedSinceOpen.addAndGet(added);
    long due = analyzeAt.get();
    if (total < due || !analyzeAt.compareAndSet(due, Math.max(due * 2, total * 2))) {
      return;
    }
    // Run inside the writing transaction: ANALYZE counts the transaction's own uncommitted rows,
    // so the next batch of a long bulk load is already planned for a filled table.
    try (Statement st = c.createStatement()) {
      st.execute("ANALYZE stix_object, observable");
    }
  }

  private List<AddOutcome> addInTransaction(
      Connection c, String collectionId, List<PreparedObject> batch) throws SQLException {
    long[] key = requireCollection(c, collectionId);
    long ckey = key[0];
    long last = key[1];
    KnownIds known = knownIds(c, ckey, last);
    Map<String, Map<String, Slot>> byId = existingVersions(c, ckey, batch, known);
    fetchBodiesOfCollisions(c, ckey, batch, byId);

    long now = Micros.of(Instant.now());
    List<AddOutcome> out = new ArrayList<>(batch.size());
    List<Slot> added = new ArrayList<>();
    Set<String> touched = new LinkedHashSet<>();
    // An id with no stored version and no other version in this batch (nearly every object of a
    // load) is its own first and last version, and needs no map of versions. A second version of
    // such an id in the same batch moves it to byId.
    Map<String, Slot> single = HashMap.newHashMap(batch.size());
    for (PreparedObject in : batch) {
      String id = in.id();
      if (in.rejection() != null) {
        out.add(new AddOutcome.Rejected(id, in.version(), in.rejection()));
        continue;
      }
      Map<String, Slot> versions = byId.get(id);
      if (versions == null) {
        Slot only = single.remove(id);
        if (only != null) {
          versions = new HashMap<>();
          versions.put(only.incoming.versionKey(), only);
          byId.put(id, versions);
          touched.add(id);
        }
      }
      Slot slot = versions == null ? null : versions.get(in.versionKey());
      if (slot != null) {
        if (sameContent(slot, in)) {
          out.add(new AddOutcome.Unchanged(id, in.version(), Micros.toInstant(slot.dateAdded)));
        } else {
          out.add(
              new AddOutcome.Rejected(
                  id,
                  in.version(),
                  "conflict: version "
                      + in.version().orElse("(unversioned)")
                      + " of "
                      + id
                      + " is already stored (date_added "
                      + Micros.toInstant(slot.dateAdded)
                      + ") with different content"));
        }
        continue;
      }
      long next = Math.max(now, last + 1);
      last = next;
      // a version alone is its own first and last; the flags of the others are set below
      boolean alone = versions == null;
      Slot s = new Slot(next, true, alone, alone);
      s.incoming = in;
      if (alone) {
        single.put(id, s);
      } else {
        versions.put(in.versionKey(), s);
        touched.add(id);
      }
      added.add(s);
      out.add(new AddOutcome.Added(id, in.version(), Micros.toInstant(next)));
    }
    if (added.isEmpty()) {
      return out;
    }
    List<Slot> flagChanges = new ArrayList<>();
    for (String id : touched) {
      Map<String, Slot> versions = byId.get(id);
      String min = null;
      String max = null;
      for (String k : versions.keySet()) {
        min = min == null || k.compareTo(min) < 0 ? k : min;
        max = max == null || k.compareTo(max) > 0 ? k : max;
      }
      for (Map.Entry<String, Slot> e : versions.entrySet()) {
        Slot s = e.getValue();
        boolean first = e.getKey().equals(min);
        boolean lastFlag = e.getKey().equals(max);
        if (!s.isNew && (s.first != first || s.last != lastFlag)) {
          flagChanges.add(s);
        }
        s.first = first;
        s.last = lastFlag;
      }
    }
    if (dialect == Dialect.POSTGRES) {
      copyRows(c, ckey, added);
    } else {
      insertRows(c, ckey, added);
    }
    updateFlags(c, ckey, flagChanges);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE collection SET last_added = ? WHERE ckey = ?")) {
      ps.setLong(1, last);
      ps.setLong(2, ckey);
      ps.executeUpdate();
    }
    for (Slot s : added) {
      known.add(s.incoming.idHash());
    }
    known.wrote(last);
    return out;
  }

  /**
   * The filter of ids stored in a collection, rebuilt from the database when this process did not
   * make the collection's latest write (or the filter is full).
   */
  private KnownIds knownIds(Connection c, long ckey, long lastAdded) throws SQLException {
    KnownIds k = knownIds.get(ckey);
    if (k != null && k.validFor(lastAdded) && !k.full()) {
      return k;
    }
    long stored = 0;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM stix_object WHERE ckey = ?")) {
      ps.setLong(1, ckey);
      try (ResultSet rs = ps.executeQuery()) {
        stored = rs.next() ? rs.getLong(1) : 0;
      }
    }
    KnownIds fresh = new KnownIds(Math.max(stored, k == null ? 0 : k.count()) * 2, lastAdded);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id_hash FROM stix_object WHERE ckey = ?")) {
      ps.setLong(1, ckey);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh.add(rs.getLong(1));
        }
      }
    }
    knownIds.put(ckey, fresh);
    return fresh;
  }

  /** The stored versions of the batch's ids: id -> version_key -> slot (without content). */
  private Map<String, Map<String, Slot>> existingVersions(
      Connection c, long ckey, List<PreparedObject> batch, KnownIds known) throws SQLException {
    Set<String> wanted = new HashSet<>();
    Set<Long> hashes = new HashSet<>();
    for (PreparedObject in : batch) {
      if (in.rejection() == null) {
        long h = in.idHash();
        if (known.mightContain(h)) {
          wanted.add(in.id());
          hashes.add(h);
        }
      }
    }
    List<Long> ids = List.copyOf(hashes);
    Map<String, Map<String, Slot>> byId = new HashMap<>();
    if (ids.isEmpty()) {
      return byId;
    }
    String sql =
        "SELECT id, version_key, date_added, is_first, is_last FROM stix_object"
            + " WHERE ckey = ? AND id_hash "
            + idHashIn();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, ckey);
      bindIdHashes(c, ps, 2, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          if (!wanted.contains(id)) {
            continue; // another id with the same hash
          }
          byId.computeIfAbsent(id, k -> new HashMap<>())
              .put(
                  rs.getString(2),
                  new Slot(rs.getLong(3), false, rs.getBoolean(4), rs.getBoolean(5)));
        }
      }
    }
    return byId;
  }

  /**
   * The test of {@code id_hash} against a list of hashes bound as one value ({@link
   * #bindIdHashes}): an array on PostgreSQL, a JSON array read by json_each on SQLite. One bind
   * instead of one per id, which costs a native call each on SQLite.
   */
  private String idHashIn() {
    return dialect == Dialect.POSTGRES ? "= ANY (?)" : "IN (SELECT value FROM json_each(?))";
  }

  /** Binds {@code hashes} at {@code index} for {@link #idHashIn}. */
  private void bindIdHashes(Connection c, PreparedStatement ps, int index, List<Long> hashes)
      throws SQLException {
    if (dialect == Dialect.POSTGRES) {
      ps.setArray(index, c.createArrayOf("bigint", hashes.toArray()));
    } else {
      StringBuilder json = new StringBuilder(hashes.size() * 21).append('[');
      for (int i = 0; i < hashes.size(); i++) {
        json.append(i == 0 ? "" : ",").append(hashes.get(i));
      }
      ps.setString(index, json.append(']').toString());
    }
  }

  @Override
  public Map<String, Set<String>> creators(String collectionId, Collection<String> ids) {
    Objects.requireNonNull(collectionId, "collectionId");
    Set<String> wanted = Set.copyOf(ids);
    if (wanted.isEmpty()) {
      return Map.of();
    }
    List<Long> hashes = wanted.stream().map(KeyHash::of).distinct().toList();
    String sql =
        "SELECT o.id, o.body FROM stix_object o JOIN collection c ON c.ckey = o.ckey"
            + " WHERE c.id = ? AND o.id_hash "
            + idHashIn();
    return read(
        "read the creators of " + wanted.size() + " object(s) of collection " + collectionId,
        c -> {
          Map<String, Set<String>> out = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, collectionId);
            bindIdHashes(c, ps, 2, hashes);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String id = rs.getString(1);
                if (wanted.contains(id)) {
                  StixObject.parse(rs.getString(2))
                      .string("created_by_ref")
                      .ifPresent(by -> out.computeIfAbsent(id, k -> new HashSet<>()).add(by));
                }
              }
            }
          }
          return out;
        });
  }

  /** Loads the stored content of the versions the batch sends again, to compare it. */
  private void fetchBodiesOfCollisions(
      Connection c, long ckey, List<PreparedObject> batch, Map<String, Map<String, Slot>> byId)
      throws SQLException {
    Map<Long, Slot> wanted = new LinkedHashMap<>();
    for (PreparedObject in : batch) {
      Map<String, Slot> versions = in.rejection() == null ? byId.get(in.id()) : null;
      Slot s = versions == null ? null : versions.get(in.versionKey());
      if (s != null) {
        wanted.put(s.dateAdded, s);
      }
    }
    List<Long> keys = new ArrayList<>(wanted.keySet());
    for (int from = 0; from < keys.size(); from += IN_CHUNK) {
      List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
      String sql =
          "SELECT date_added, body FROM stix_object WHERE ckey = ? AND date_added IN ("
              + marks(chunk.size())
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, ckey);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            wanted.get(rs.getLong(1)).json = rs.getString(2);
          }
        }
      }
    }
  }

  /** Equal as JSON values; the text is compared first as the cheap common case. */
  private static boolean sameContent(Slot stored, PreparedObject in) {
    String storedJson = stored.json != null ? stored.json : stored.incoming.json();
    if (storedJson.equals(in.json())) {
      return true;
    }
    if (stored.object == null) {
      stored.object = StixObject.parse(storedJson);
    }
    return stored.object.equals(in.parse());
  }

  /**
   * SQLite: writes the new rows with batched INSERTs. Each bound value is a call into the driver,
   * so the statements take as few per row as they can: the collection key is written into the
   * statement as a number (it is the same for every row), both version flags travel as one value,
   * and observable rows without a range go through a statement without the range columns.
   */
  private static void insertRows(Connection c, long ckey, List<Slot> added) throws SQLException {
    PreparedStatement point = null;
    PreparedStatement range = null;
    try (PreparedStatement obj =
        c.prepareStatement(
            "INSERT INTO stix_object (ckey, date_added, id, id_hash, version_key, version,"
                + " type, spec_version, is_first, is_last, body) VALUES ("
                + ckey
                + ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 & 1, ?8 >> 1, CAST(?9 AS TEXT))")) {
      for (Slot s : added) {
        PreparedObject in = s.incoming;
        obj.setLong(1, s.dateAdded);
        obj.setString(2, in.id());
        obj.setLong(3, in.idHash());
        obj.setString(4, in.versionKey());
        obj.setString(5, in.version().orElse(null));
        obj.setString(6, in.type());
        obj.setString(7, in.specVersion());
        obj.setInt(8, (s.first ? 1 : 0) | (s.last ? 2 : 0));
        // the UTF-8 bytes, taken by SQLite as text as they are (binding a String would encode it)
        obj.setBytes(9, in.body());
        obj.addBatch();
        for (Observable o : in.observables()) {
          PreparedStatement ps;
          if (o.lo() == null) {
            if (point == null) {
              point =
                  c.prepareStatement(
                      "INSERT INTO observable (ckey, date_added, kind, value, value_hash) VALUES ("
                          + ckey
                          + ", ?, ?, ?, ?)");
            }
            ps = point;
          } else {
            if (range == null) {
              range =
                  c.prepareStatement(
                      "INSERT INTO observable (ckey, date_added, kind, value, value_hash, lo, hi)"
                          + " VALUES ("
                          + ckey
                          + ", ?, ?, ?, ?, ?, ?)");
            }
            ps = range;
            ps.setString(5, o.lo());
            ps.setString(6, o.hi());
          }
          ps.setLong(1, s.dateAdded);
          ps.setString(2, o.kind());
          ps.setString(3, o.value());
          ps.setLong(4, o.valueHash());
          ps.addBatch();
        }
      }
      obj.executeBatch();
      if (point != null) {
        point.executeBatch();
      }
      if (range != null) {
        range.executeBatch();
      }
    } finally {
      closeAll(point, range);
    }
  }

  private static void closeAll(PreparedStatement... statements) throws SQLException {
    for (PreparedStatement ps : statements) {
      if (ps != null) {
        ps.close();
      }
    }
  }

  /** PostgreSQL: writes the new rows with COPY, several times faster than batched INSERTs. */
  private static void copyRows(Connection c, long ckey, List<Slot> added) throws SQLException {
    StringBuilder objects = new StringBuilder(added.size() * 900);
    StringBuilder obs = new StringBuilder(added.size() * 80);
    for (Slot s : added) {
      PreparedObject in = s.incoming;
      objects.append(ckey).append('\t').append(s.dateAdded).append('\t');
      copyText(objects, in.id()).append('\t');
      objects.append(in.idHash()).append('\t');
      copyText(objects, in.versionKey()).append('\t');
      copyText(objects, in.version().orElse(null)).append('\t');
      copyText(objects, in.type()).append('\t');
      copyText(objects, in.specVersion()).append('\t');
      objects.append(s.first ? 't' : 'f').append('\t').append(s.last ? 't' : 'f').append('\t');
      copyText(objects, in.json()).append('\n');
      for (Observable o : in.observables()) {
        obs.append(ckey).append('\t').append(s.dateAdded).append('\t');
        copyText(obs, o.kind()).append('\t');
        copyText(obs, o.value()).append('\t');
        obs.append(o.valueHash()).append('\t');
        copyText(obs, o.lo()).append('\t');
        copyText(obs, o.hi()).append('\n');
      }
    }
    try {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(
          "COPY stix_object (ckey, date_added, id, id_hash, version_key, version, type,"
              + " spec_version, is_first, is_last, body) FROM STDIN",
          new StringReader(objects.toString()));
      if (!obs.isEmpty()) {
        copy.copyIn(
            "COPY observable (ckey, date_added, kind, value, value_hash, lo, hi) FROM STDIN",
            new StringReader(obs.toString()));
      }
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }

  /** Appends a value in COPY text format: backslash escapes, {@code \N} for null. */
  static StringBuilder copyText(StringBuilder sb, String v) {
    if (v == null) {
      return sb.append("\\N");
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    return sb;
  }

  private static void updateFlags(Connection c, long ckey, List<Slot> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE stix_object SET is_first = ?, is_last = ? WHERE ckey = ? AND date_added = ?")) {
      for (Slot s : changes) {
        ps.setBoolean(1, s.first);
        ps.setBoolean(2, s.last);
        ps.setLong(3, ckey);
        ps.setLong(4, s.dateAdded);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ---------------------------------------------------------------- queries

  @Override
  public Page<StoredObject> objects(String collectionId, ObjectFilter filter, PageRequest page) {
    return page(
        collectionId,
        filter,
        page,
        OBJECT_COLUMNS + ", o.body",
        rs ->
            new StoredObject(
                rs.getString(2),
                rs.getString(3),
                Optional.ofNullable(rs.getString(4)),
                rs.getString(5),
                Micros.toInstant(rs.getLong(1)),
                rs.getString(6)));
  }

  @Override
  public Page<ManifestEntry> manifest(String collectionId, ObjectFilter filter, PageRequest page) {
    return page(collectionId, filter, page, OBJECT_COLUMNS, JdbcStore::manifestEntry);
  }

  @Override
  public Page<ManifestEntry> versions(
      String collectionId, String objectId, ObjectFilter filter, PageRequest page) {
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(filter, "filter");
    ObjectFilter f =
        new ObjectFilter(
            List.of(objectId),
            List.of(),
            VersionMatch.ALL,
            filter.specVersions(),
            filter.addedAfter());
    return page(collectionId, f, page, OBJECT_COLUMNS, JdbcStore::manifestEntry);
  }

  private static ManifestEntry manifestEntry(ResultSet rs) throws SQLException {
    return new ManifestEntry(
        rs.getString(2),
        Micros.toInstant(rs.getLong(1)),
        Optional.ofNullable(rs.getString(4)),
        rs.getString(5));
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Page<T> page(
      String collectionId,
      ObjectFilter filter,
      PageRequest page,
      String columns,
      RowReader<T> reader) {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
    long after = Long.MIN_VALUE;
    if (filter.addedAfter().isPresent()) {
      after = Micros.of(filter.addedAfter().get());
    }
    if (page.next().isPresent()) {
      after = Math.max(after, Micros.of(page.next().get().after()));
    }
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(columns);
    sql.append(" FROM stix_object o WHERE o.ckey = (SELECT ckey FROM collection WHERE id = ?)");
    params.add(collectionId);
    sql.append(" AND o.date_added > ?");
    params.add(after);
    if (!filter.ids().isEmpty()) {
      sql.append(" AND o.id_hash IN (").append(marks(filter.ids().size())).append(')');
      filter.ids().forEach(id -> params.add(KeyHash.of(id)));
      sql.append(" AND o.id IN (").append(marks(filter.ids().size())).append(')');
      params.addAll(filter.ids());
    }
    if (!filter.types().isEmpty()) {
      sql.append(" AND o.type IN (").append(marks(filter.types().size())).append(')');
      params.addAll(filter.types());
    }
    versionPredicate("o", filter.versions(), sql, params);
    if (!filter.specVersions().isEmpty()) {
      sql.append(" AND o.spec_version IN (")
          .append(marks(filter.specVersions().size()))
          .append(')');
      params.addAll(filter.specVersions());
    } else if (!filter.versions().atMostOnePerObject()) {
      // Default spec_version: among the selected versions of an object, keep those with the
      // highest spec_version.
      sql.append(
          " AND NOT EXISTS (SELECT 1 FROM stix_object o2 WHERE o2.ckey = o.ckey"
              + " AND o2.id_hash = o.id_hash AND o2.id = o.id"
              + " AND o2.spec_version > o.spec_version");
      versionPredicate("o2", filter.versions(), sql, params);
      sql.append(')');
    }
    sql.append(" ORDER BY o.date_added LIMIT ?");
    params.add(page.limit() + 1);
    return read(
        "query collection " + collectionId,
        c -> {
          List<T> items = new ArrayList<>(Math.min(page.limit(), 1_024));
          long first = 0;
          long lastSeen = 0;
          boolean more = false;
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (items.size() == page.limit()) {
                  more = true;
                  break;
                }
                long added = rs.getLong(1);
                if (items.isEmpty()) {
                  first = added;
                }
                lastSeen = added;
                items.add(reader.read(rs));
              }
            }
          }
          if (items.isEmpty()) {
            if (!collectionExists(c, collectionId)) {
              throw new UnknownCollectionException(collectionId);
            }
            return new Page<T>(List.of(), false, Optional.empty(), Optional.empty());
          }
          return new Page<>(
              items,
              more,
              Optional.of(Micros.toInstant(first)),
              Optional.of(Micros.toInstant(lastSeen)));
        });
  }

  /** Appends {@code AND (...)} selecting the versions of {@code m} on the table alias {@code a}. */
  private static void versionPredicate(
      String a, VersionMatch m, StringBuilder sql, List<Object> params) {
    if (m.all()) {
      return;
    }
    List<String> alternatives = new ArrayList<>();
    if (m.first()) {
      alternatives.add(a + ".is_first = TRUE");
    }
    if (m.last()) {
      alternatives.add(a + ".is_last = TRUE");
    }
    List<String> keys = m.sortKeys();
    if (!keys.isEmpty()) {
      alternatives.add(a + ".version_key IN (" + marks(keys.size()) + ")");
      params.addAll(keys);
    }
    sql.append(" AND (").append(String.join(" OR ", alternatives)).append(')');
  }

  private static boolean collectionExists(Connection c, String collectionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM collection WHERE id = ?")) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  // ---------------------------------------------------------------- delete

  @Override
  public int delete(String collectionId, String objectId) {
    return delete(collectionId, objectId, VersionMatch.ALL, List.of());
  }

  @Override
  public int delete(
      String collectionId, String objectId, VersionMatch versions, List<String> specVersions) {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(objectId, "objectId");
    VersionMatch.requireNonNull(versions);
    List<String> specs = List.copyOf(specVersions);
    return write(
        "delete " + objectId + " (" + versions + ") from collection " + collectionId,
        c -> {
          long ckey = requireCollection(c, collectionId)[0];
          long idHash = KeyHash.of(objectId);
          List<Object> params = new ArrayList<>(List.of(ckey, idHash, objectId));
          StringBuilder where = new StringBuilder("o.ckey = ? AND o.id_hash = ? AND o.id = ?");
          versionPredicate("o", versions, where, params);
          if (!specs.isEmpty()) {
            where.append(" AND o.spec_version IN (").append(marks(specs.size())).append(')');
            params.addAll(specs);
          }
          List<Object> obsParams = new ArrayList<>();
          obsParams.add(ckey);
          obsParams.addAll(params);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM observable WHERE ckey = ? AND date_added IN"
                      + " (SELECT o.date_added FROM stix_object o WHERE "
                      + where
                      + ")")) {
            bind(ps, obsParams);
            ps.executeUpdate();
          }
          int deleted;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM stix_object WHERE date_added IN"
                      + " (SELECT o.date_added FROM stix_object o WHERE "
                      + where
                      + ") AND ckey = ?")) {
            List<Object> p = new ArrayList<>(params);
            p.add(ckey);
            bind(ps, p);
            deleted = ps.executeUpdate();
          }
          if (deleted > 0) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE stix_object SET"
                        + " is_first = (version_key = (SELECT MIN(x.version_key) FROM stix_object x"
                        + " WHERE x.ckey = ? AND x.id_hash = ? AND x.id = ?)),"
                        + " is_last = (version_key = (SELECT MAX(x.version_key) FROM stix_object x"
                        + " WHERE x.ckey = ? AND x.id_hash = ? AND x.id = ?))"
                        + " WHERE ckey = ? AND id_hash = ? AND id = ?")) {
              bind(
                  ps,
                  List.of(ckey, idHash, objectId, ckey, idHash, objectId, ckey, idHash, objectId));
              ps.executeUpdate();
            }
          }
          return deleted;
        });
  }

  // ---------------------------------------------------------------- observable index

  @Override
  public List<Mention> mentions(String value) {
    Objects.requireNonNull(value, "value");
    ObservableValues.Lookup lookup = ObservableValues.lookup(value);
    List<Object> params = new ArrayList<>(lookup.values());
    StringBuilder sql =
        new StringBuilder(
            "SELECT DISTINCT c.id, o.id, o.type FROM observable x"
                + " JOIN stix_object o ON o.ckey = x.ckey AND o.date_added = x.date_added"
                + " JOIN collection c ON c.ckey = o.ckey WHERE (x.value_hash IN (");
    sql.append(marks(lookup.values().size())).append(") AND x.value IN (");
    sql.append(marks(lookup.values().size())).append("))");
    params.clear();
    lookup.values().forEach(v -> params.add(KeyHash.of(v)));
    params.addAll(lookup.values());
    if (lookup.rangeKind() != null) {
      sql.append(" OR (x.kind = ? AND x.lo IS NOT NULL AND x.lo <= ? AND x.hi >= ?)");
      params.addAll(List.of(lookup.rangeKind(), lookup.hex(), lookup.hex()));
    }
    sql.append(" ORDER BY c.id, o.id LIMIT ").append(MAX_MENTIONS);
    return read(
        "look up mentions of " + value,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            List<Mention> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Mention(rs.getString(1), rs.getString(2), rs.getString(3)));
              }
            }
            return out;
          }
        });
  }

  // ---------------------------------------------------------------- plumbing

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static String marks(int n) {
    return n == 1 ? "?" : "?" + ", ?".repeat(n - 1);
  }

  private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      switch (params.get(i)) {
        case String s -> ps.setString(i + 1, s);
        case Long l -> ps.setLong(i + 1, l);
        case Integer n -> ps.setInt(i + 1, n);
        default -> throw new IllegalStateException("unexpected parameter " + params.get(i));
      }
    }
  }

  <T> T read(String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed on " + description + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction, under the single-writer lock where there is one. */
  <T> T write(String what, Work<T> work) {
    if (writer != null) {
      writer.lock();
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        if (checkpoints != null) {
          checkpoints.committed();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(
          what + " failed on " + description + ", nothing written: " + e.getMessage(), e);
    } finally {
      if (writer != null) {
        writer.unlock();
      }
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
