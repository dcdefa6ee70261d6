package org.detente.node.audit;

import java.time.DateTimeException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditStore;

/**
 * Checks entries handed over in sequence order, one at a time, and stops the scan at the first
 * broken link ({@link Stop}); then {@link #result} compares the end of the chain with the head row
 * read before and after the scan and with the heads the node signed.
 *
 * <p>The head row is read before the scan and again after it: entries appended meanwhile are
 * checked like the others and must be covered by the second reading (an append commits its entries
 * and the head row together), so a verify running beside appends does not report them as forged.
 */
final class ChainCheck implements Consumer<AuditEntry> {
  /** Unwinds a scan at the first break. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  private final AuditStore.Head before;
  private final Map<Long, SignedHead> signed;
  private long count;
  private String last = AuditEntry.GENESIS;
  private String hashAtBefore = AuditEntry.GENESIS;
  private Verification.Break broken;

  ChainCheck(AuditStore.Head before, Map<Long, SignedHead> signed) {
    this.before = before;
    this.signed = signed;
  }

  @Override
  public void accept(AuditEntry e) {
    String what = problem(e);
    if (what != null) {
      broken = new Verification.Break(e.sequence(), what);
      throw new Stop();
    }
    count++;
    last = e.hash();
    if (count == before.sequence()) {
      hashAtBefore = last;
    }
  }

  private String problem(AuditEntry e) {
    if (e.sequence() != count + 1) {
      return "sequence "
          + e.sequence()
          + " follows "
          + count
          + " (an entry was deleted, inserted or moved)";
    }
    if (!e.previous().equals(last)) {
      return "previous hash "
          + e.previous()
          + " differs from the hash of entry "
          + count
          + ", "
          + last;
    }
    if (!e.direction().equals("in") && !e.direction().equals("out")) {
      return "direction '" + e.direction() + "' is neither in nor out";
    }
    String computed;
    try {
      computed = e.computedHash();
    } catch (IllegalArgumentException | DateTimeException unhashable) {
      // a value no sealed entry can have, such as a time outside years 0000-9999
      return "the entry's fields cannot be hashed: "
          + unhashable.getMessage()
          + " (a field was changed)";
    }
    if (!computed.equals(e.hash())) {
      return "stored hash "
          + e.hash()
          + " differs from the hash of the entry's fields, "
          + computed
          + " (a field was changed)";
    }
    SignedHead h = signed.get(e.sequence());
    if (h != null && !h.head().equals(e.hash())) {
      return "the head signed at sequence "
          + h.sequence()
          + " ("
          + h.time()
          + ") is "
          + h.head()
          + ", the chain now has "
          + e.hash();
    }
    return null;
  }

  /**
   * What the scan found, given the head row read after it; {@code hashOf} gives the stored hash of
   * an entry, for a break found after the scan.
   */
  Verification result(AuditStore.Head after, java.util.function.LongFunction<String> hashOf) {
    if (broken != null) {
      return new Verification(count, last, Optional.of(broken));
    }
    String problem = null;
    long at = 0;
    if (count < before.sequence()) {
      at = count + 1;
      problem = headSays(before) + " (entries deleted at the end)";
    } else if (!hashAtBefore.equals(before.hash())) {
      at = Math.max(1, before.sequence());
      problem =
          "the head row says entry "
              + before.sequence()
              + " is hashed "
              + before.hash()
              + ", the chain has "
              + hashAtBefore;
    } else if (count > after.sequence()) {
      at = after.sequence() + 1;
      problem = headSays(after) + " (entries appended without moving the head row)";
    } else {
      for (SignedHead h : signed.values()) {
        if (h.sequence() > count) {
          at = count + 1;
          problem =
              "the head signed at "
                  + h.time()
                  + " covers "
                  + h.sequence()
                  + " entries, the chain has only "
                  + count;
        }
      }
    }
    if (problem == null) {
      return new Verification(count, last, Optional.empty());
    }
    long intact = Math.min(count, at - 1);
    return new Verification(
        intact,
        intact == count ? last : hashOf.apply(intact),
        Optional.of(new Verification.Break(at, problem)));
  }

  private String headSays(AuditStore.Head head) {
    return "the head row says "
        + head.sequence()
        + " entries ending in "
        + head.hash()
        + ", the chain has "
        + count
        + " ending in "
        + last;
  }
}
