package org.detente.node.audit;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditLog#reconcile} found: the differences between our entries for a partner and the
 * partner's entries for us, whose export was signed by the partner's key.
 *
 * @param party the partner, as our entries name it
 * @param theirHead the partner's signed chain head, from its export (signature verified)
 * @param ours our entries for the partner
 * @param theirs the partner's entries in its export
 * @param differences every difference, by object id, version and direction
 */
public record Reconciliation(
    String party, SignedHead theirHead, long ours, long theirs, List<Difference> differences) {
  public Reconciliation {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(theirHead, "theirHead");
    differences = List.copyOf(differences);
  }

  /** Whether both records agree. */
  public boolean agree() {
    return differences.isEmpty();
  }
}
