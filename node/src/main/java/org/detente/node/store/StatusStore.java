package org.detente.node.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The TAXII status resources of add requests, kept in the store's database until they expire.
 * Obtain it with {@link Store#statuses()}. Thread-safe.
 */
public interface StatusStore {
  /**
   * Stores a status resource (its JSON text) for its owner until {@code expires}, replacing one
   * with the same id, and deletes the statuses that expired before {@code now}.
   *
   * @throws StoreException when the database fails
   */
  void putStatus(String id, String owner, Instant expires, String json, Instant now);

  /**
   * The JSON text of a status that belongs to {@code owner} and has not expired at {@code now}.
   *
   * @throws StoreException when the database fails
   */
  Optional<String> status(String id, String owner, Instant now);
}
