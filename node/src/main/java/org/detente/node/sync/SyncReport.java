package org.detente.node.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.audit.SignedHead;

/**
 * What one round of federation with a partner did.
 *
 * @param partner the partner's name
 * @param pulledAdded object versions pulled and newly stored
 * @param pulledUnchanged object versions pulled that were already stored (a re-pull)
 * @param pulledRefused object versions pulled and refused (invalid, or conflicting with a stored
 *     version), each recorded
 * @param pushed object versions pushed and acknowledged by the partner (stored or already there)
 * @param pushRefused object versions pushed that the partner refused, each recorded
 * @param theirHead the partner's signed audit head received at the end of the round and kept as a
 *     receipt; empty when the exchange did not happen or failed (then a problem says why)
 * @param problems what stopped a route before its end (the partner down after every retry, a bad
 *     signature, ...), and a failed exchange of audit heads; the route resumes from its checkpoint
 *     next time, and the heads are exchanged again next round
 */
public record SyncReport(
    String partner,
    long pulledAdded,
    long pulledUnchanged,
    long pulledRefused,
    long pushed,
    long pushRefused,
    Optional<SignedHead> theirHead,
    List<String> problems) {
  public SyncReport {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(theirHead, "theirHead");
    problems = List.copyOf(problems);
  }

  /** Whether every route ran to its end. */
  public boolean complete() {
    return problems.isEmpty();
  }
}
