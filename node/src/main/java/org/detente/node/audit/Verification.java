package org.detente.node.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditLog#verify()} found.
 *
 * @param entries the entries read in sequence order up to the first break (all when intact)
 * @param head the hash of the last entry read ({@code 64 zeros} when none)
 * @param firstBreak the first broken link, or empty when the chain is intact
 */
public record Verification(long entries, String head, Optional<Break> firstBreak) {
  public Verification {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(firstBreak, "firstBreak");
  }

  /** Whether the chain is intact. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }

  /**
   * A broken link.
   *
   * @param sequence the sequence number at which the chain breaks
   * @param what what differs, with the values
   */
  public record Break(long sequence, String what) {
    public Break {
      Objects.requireNonNull(what, "what");
    }
  }
}
