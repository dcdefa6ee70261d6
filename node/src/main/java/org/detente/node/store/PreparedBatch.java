package org.detente.node.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
   * The audit record of the {@code i}-th object entering from {@code party}, with its content hash
   * ({@link AuditRecord#contentHash}); null for an object the store will reject.
   */
  public AuditRecord entering(int i, String party, Optional<String> agreement, Instant at) {
    PreparedObject p = objects.get(i);
    if (p.sha256().isEmpty()) {
      return null;
    }
    return new AuditRecord(
        AuditRecord.Direction.IN, party, agreement, p.id(), p.version(), p.sha256(), at);
  }

  /**
   * The audit records of what entered with this batch: one for every object the store added or
   * found unchanged ({@code outcomes} are those of adding this batch, in its order), none for those
   * it rejected.
   */
  public List<AuditRecord> entered(
      List<AddOutcome> outcomes, String party, Optional<String> agreement, Instant at) {
    List<AuditRecord> out = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      if (!(outcomes.get(i) instanceof AddOutcome.Rejected)) {
        out.add(entering(i, party, agreement, at));
      }
    }
    return out;
  }

  /** The number of objects in the batch. */
  public int size() {
    return objects.size();
  }
}
