package org.detente.node.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detente.stix.StixObject;

/**
 * The object store of a node: collections of STIX objects, every version of every object kept, with
 * the queries TAXII 2.1 needs and an index of the observable values objects mention.
 *
 * <p>Every version of an object is kept once: ({@code id}, version) is unique, where the version is
 * {@code modified}, else {@code created}, compared as instants. Objects without a version (SCOs)
 * have exactly one stored version. Each stored version gets a {@code date_added} from a strictly
 * increasing per-collection sequence (microseconds; the next value is the later of the clock and
 * the previous value plus one microsecond), assigned in commit order, so that walking a collection
 * by {@code added_after} or {@link Cursor} never skips or repeats a version, even while others
 * write.
 *
 * <p>Implementations are thread-safe. Obtain one with {@link Stores#open}; close it to release its
 * connections.
 */
public interface Store extends AutoCloseable {
  /**
   * Creates a collection or replaces the title, description and media types of an existing one.
   *
   * @throws StoreException when the database fails
   */
  void putCollection(CollectionInfo collection);

  /**
   * The collection with this id, or empty.
   *
   * @throws StoreException when the database fails
   */
  Optional<CollectionInfo> collection(String collectionId);

  /**
   * Every collection, ordered by id.
   *
   * @throws StoreException when the database fails
   */
  List<CollectionInfo> collections();

  /**
   * Deletes a collection with all its objects.
   *
   * @return false when there was no such collection
   * @throws StoreException when the database fails
   */
  boolean deleteCollection(String collectionId);

  /**
   * Adds objects to a collection in one transaction: either every outcome holds or, when the
   * database fails, nothing is written and the exception is thrown.
   *
   * <p>Per object, in order: a new version is {@link AddOutcome.Added}; a version already stored
   * with equal content (as JSON values) is {@link AddOutcome.Unchanged}; a version already stored
   * with different content, or an object whose version is not a STIX timestamp, is {@link
   * AddOutcome.Rejected} with the reason. Stored content is never overwritten.
   *
   * @return one outcome per object, in the order given
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails; then nothing of the batch is kept
   */
  List<AddOutcome> add(String collectionId, List<StixObject> objects);

  /**
   * Does the work of adding {@code objects} that needs no database, on the calling thread, for
   * {@link BulkAdd#add(PreparedBatch)}. An importer prepares on its reading thread so that its
   * writing thread only writes.
   */
  PreparedBatch prepare(List<StixObject> objects);

  /**
   * Starts a bulk load into a collection: batches added through it are written in one transaction
   * per {@link BulkAdd#commit()}, which makes a large import several times cheaper than one
   * transaction per {@link #add} call (each commit rewrites the index pages it touched).
   *
   * <p>The outcomes of {@link BulkAdd#add} are final only once {@link BulkAdd#commit()} returns;
   * closing without committing rolls the uncommitted batches back. While a bulk load is open, other
   * writers wait: all of them on SQLite (one writer per database), those of the same collection on
   * PostgreSQL. Commit often enough (for example every second) to keep those waits short. A bulk
   * load belongs to the thread that opened it.
   *
   * @throws UnknownCollectionException when the collection does not exist (on the first add)
   * @throws StoreException when the database fails
   */
  BulkAdd bulkAdd(String collectionId);

  /**
   * A bulk load opened by {@link #bulkAdd}; close it in a {@code finally} or try-with-resources.
   */
  interface BulkAdd extends AutoCloseable {
    /**
     * Adds objects as {@link Store#add} does, inside the open transaction.
     *
     * @throws UnknownCollectionException when the collection does not exist
     * @throws StoreException when the database fails; the uncommitted batches are rolled back and
     *     the bulk load is closed
     * @throws IllegalStateException when the bulk load is closed
     */
    List<AddOutcome> add(List<StixObject> objects);

    /**
     * Adds a batch made by {@link Store#prepare}, as {@link #add(List)} does.
     *
     * @throws UnknownCollectionException when the collection does not exist
     * @throws StoreException when the database fails; the uncommitted batches are rolled back and
     *     the bulk load is closed
     * @throws IllegalStateException when the bulk load is closed
     */
    List<AddOutcome> add(PreparedBatch batch);

    /**
     * Records objects in the audit record as part of this transaction: the entries are appended
     * when {@link #commit()} runs, in the same transaction as the objects, so that either both are
     * committed or neither. The chain head stays unlocked until then, so other appends do not wait
     * for the bulk load, only for its commit.
     *
     * @throws IllegalStateException when the bulk load is closed
     */
    void audit(List<AuditRecord> records);

    /**
     * Commits every batch added since the last commit, with the audit entries recorded since; the
     * bulk load stays open.
     *
     * @throws StoreException when the database fails; then nothing since the last commit is kept
     *     and the bulk load is closed
     * @throws IllegalStateException when the bulk load is closed
     */
    void commit();

    /** Rolls back what was not committed and lets other writers go on. */
    @Override
    void close();
  }

  /**
   * One page of the objects of a collection matching a filter, by {@code date_added} ascending.
   *
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails
   */
  Page<StoredObject> objects(String collectionId, ObjectFilter filter, PageRequest page);

  /**
   * Like {@link #objects} without the content: id, date_added, version and media type only.
   *
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails
   */
  Page<ManifestEntry> manifest(String collectionId, ObjectFilter filter, PageRequest page);

  /**
   * One page of the versions of one object, by {@code date_added} ascending. Only {@code
   * specVersions} and {@code addedAfter} of the filter apply; ids, types and versions are ignored.
   *
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails
   */
  Page<ManifestEntry> versions(
      String collectionId, String objectId, ObjectFilter filter, PageRequest page);

  /**
   * Deletes every version of an object.
   *
   * @return the number of versions deleted
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails
   */
  int delete(String collectionId, String objectId);

  /**
   * Deletes the selected versions of an object. When {@code specVersions} is empty, versions of
   * every spec version are deleted. The remaining versions keep correct first/last marks.
   *
   * @return the number of versions deleted
   * @throws UnknownCollectionException when the collection does not exist
   * @throws StoreException when the database fails
   */
  int delete(
      String collectionId, String objectId, VersionMatch versions, List<String> specVersions);

  /**
   * Who the stored versions of some objects of a collection say created them: for each of {@code
   * ids} that has a stored version with {@code created_by_ref}, the values of that property over
   * its versions. An id without stored versions, or whose versions name no creator, is absent; so
   * is every id when the collection does not exist. One statement. Reads no content out of the
   * node: the ingress rules use it to keep a partner from versioning objects others created.
   *
   * @throws StoreException when the database fails
   */
  Map<String, Set<String>> creators(String collectionId, Collection<String> ids);

  /**
   * The objects, in any collection, that mention an observable value: an IP address (v4 or v6, also
   * matching indicators whose CIDR block contains it), a CIDR block, a domain name, a URL, an
   * e-mail address or a file hash. The value is normalised as the index is (see the package
   * documentation).
   *
   * @throws StoreException when the database fails
   */
  List<Mention> mentions(String value);

  /** The accounts of the node's TAXII server, kept in this store's database. */
  AccountStore accounts();

  /** The TAXII status resources of add requests, kept in this store's database. */
  StatusStore statuses();

  /** The partners registry, kept in this store's database. */
  PartnerStore partners();

  /** Federation's checkpoints, envelope nonces and refusals, kept in this store's database. */
  SyncStore sync();

  /** The audit record of what entered and left the node, kept in this store's database. */
  AuditStore audit();

  /**
   * The SQL statements made through this store since it was opened (a batch counts once): a
   * diagnostic counter, with which tests check that a request costs a fixed number of statements.
   */
  long statements();

  /** Closes the store's connections. */
  @Override
  void close();
}
