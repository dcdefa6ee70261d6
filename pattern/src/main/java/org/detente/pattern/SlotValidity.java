package org.detente.pattern;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validity windows of the compiled matcher's slots, one long per slot (one cache line read per
 * hit): bit 63 dead (removed or replaced), bit 62 has a valid_until, bits 0 to 47 valid_from as
 * epoch milliseconds offset by 2^47. The nanoseconds below a millisecond of valid_from (rare in
 * STIX timestamps) and valid_until, only for the slots that have one, are in side maps.
 *
 * <p>Exact for valid_from between the years -2490 and 6430 and valid_until between 1685 and 2255;
 * beyond, values saturate. One writer under the matcher's lock; the matching thread reads the
 * arrays through a volatile directory after the index entry that named the slot (see {@link
 * CompiledMatcher}).
 */
final class SlotValidity {
  static final int CHUNK_BITS = 14;
  static final int CHUNK = 1 << CHUNK_BITS;
  private static final long MAX47 = (1L << 47) - 1;
  private static final long DEAD = 1L << 63;
  private static final long HAS_UNTIL = 1L << 62;
  private static final long FROM = (1L << 48) - 1;

  private volatile long[][] packed = new long[0][];
  private final ConcurrentHashMap<Integer, Integer> fromSubMillis = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Long> untilNanos = new ConcurrentHashMap<>();

  /** Sets the window of a new or reused slot (new slots are allocated in order). */
  void set(int slot, Instant from, Instant until) {
    int chunk = slot >>> CHUNK_BITS;
    if (chunk == packed.length) {
      long[][] grown = Arrays.copyOf(packed, chunk + 1);
      grown[chunk] = new long[CHUNK];
      packed = grown;
    }
    fromSubMillis.remove(slot);
    untilNanos.remove(slot);
    long ms = Math.max(-MAX47, Math.min(MAX47, from.toEpochMilli()));
    long v = (ms + (1L << 47)) & FROM;
    int sub = from.getNano() % 1_000_000;
    if (sub != 0) {
      fromSubMillis.put(slot, sub);
    }
    if (until != null) {
      untilNanos.put(slot, CompiledMatcher.nanos(until));
      v |= HAS_UNTIL;
    }
    packed[chunk][slot & (CHUNK - 1)] = v;
  }

  void kill(int slot) {
    packed[slot >>> CHUNK_BITS][slot & (CHUNK - 1)] |= DEAD;
    fromSubMillis.remove(slot);
    untilNanos.remove(slot);
  }

  boolean dead(int slot) {
    return (packed[slot >>> CHUNK_BITS][slot & (CHUNK - 1)] & DEAD) != 0;
  }

  /**
   * Whether a live slot's window overlaps an observation's span: {@code first < valid_until} and
   * {@code last >= valid_from}.
   *
   * @param lastMs epoch milliseconds of last_observed
   * @param lastSub its nanoseconds below the millisecond
   * @param firstNanos first_observed in saturated epoch nanoseconds
   */
  boolean covers(int slot, long lastMs, int lastSub, long firstNanos) {
    long v = packed[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
    if ((v & DEAD) != 0) {
      return false;
    }
    long fromMs = (v & FROM) - (1L << 47);
    if (lastMs < fromMs || (lastMs == fromMs && lastSub < fromSubMillis.getOrDefault(slot, 0))) {
      return false;
    }
    if ((v & HAS_UNTIL) != 0) {
      Long until = untilNanos.get(slot);
      return until != null && firstNanos < until;
    }
    return true;
  }
}
