package org.detente.node.store;

import java.util.List;

/**
 * Objects made ready by {@link Store#prepare} for {@link Store.BulkAdd#add(PreparedBatch)}: the
 * work that needs no database (serialising, hashing ids, reading versions, extracting observable
 * values) is done on the thread that calls {@code prepare}, so that the one thread writing to the
 * database only writes. A prepared batch is immutable and may be handed between threads.
 */
public final class PreparedBatch {
  final List<PreparedObject> objects;

  PreparedBatch(List<PreparedObject> objects) {
    this.objects = List.copyOf(objects);
  }

  /**
   * The content hash of the {@code i}-th object, for its audit entry ({@link
   * AuditRecord#contentHash}); empty for an object the store will reject.
   */
  public String contentHash(int i) {
    return objects.get(i).sha256();
  }

  /** The number of objects in the batch. */
  public int size() {
    return objects.size();
  }
}
