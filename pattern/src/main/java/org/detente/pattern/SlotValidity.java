package org.detente.pattern;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validity windows of the compiled matcher's slots, kept small: valid_from as 48-bit epoch
 * milliseconds (an int and a char per slot; the nanoseconds below a millisecond, rare in STIX
 * timestamps, in a side map), valid_until only for the slots that have one (a bit per slot and a
 * side table of epoch nanoseconds), and a dead bit per slot (removed or replaced).
 *
 * <p>Exact for valid_from between the years -2490 and 6430 and valid_until between 1685 and 2255;
 * beyond, values saturate. One writer under the matcher's lock; the matching thread reads arrays
 * through volatile directories after the index entry that named the slot (see {@link
 * CompiledMatcher}).
 */
final class SlotValidity {
  static final int CHUNK_BITS = 14;
  static final int CHUNK = 1 << CHUNK_BITS;
  private static final long MAX48 = (1L << 47) - 1;

  private volatile int[][] fromHigh = new int[0][];
  private volatile char[][] fromLow = new char[0][];
  private volatile long[][] dead = new long[0][];
  private volatile long[][] hasUntil = new long[0][];
  private final ConcurrentHashMap<Integer, Integer> fromSubMillis = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Long> untilNanos = new ConcurrentHashMap<>();

  /** Sets the window of a new or reused slot (new slots are allocated in order). */
  void set(int slot, Instant from, Instant until) {
    int chunk = slot >>> CHUNK_BITS;
    if (chunk == fromHigh.length) {
      fromHigh = Arrays.copyOf(fromHigh, chunk + 1);
      fromHigh[chunk] = new int[CHUNK];
      fromLow = Arrays.copyOf(fromLow, chunk + 1);
      fromLow[chunk] = new char[CHUNK];
      dead = Arrays.copyOf(dead, chunk + 1);
      dead[chunk] = new long[CHUNK / 64];
      hasUntil = Arrays.copyOf(hasUntil, chunk + 1);
      hasUntil[chunk] = new long[CHUNK / 64];
    }
    int at = slot & (CHUNK - 1);
    dead[chunk][at >>> 6] &= ~(1L << at);
    hasUntil[chunk][at >>> 6] &= ~(1L << at);
    fromSubMillis.remove(slot);
    untilNanos.remove(slot);
    long ms = Math.max(-MAX48, Math.min(MAX48, from.toEpochMilli()));
    fromHigh[chunk][at] = (int) (ms >> 16);
    fromLow[chunk][at] = (char) ms;
    int sub = from.getNano() % 1_000_000;
    if (sub != 0) {
      fromSubMillis.put(slot, sub);
    }
    if (until != null) {
      untilNanos.put(slot, CompiledMatcher.nanos(until));
      hasUntil[chunk][at >>> 6] |= 1L << at;
    }
  }

  void kill(int slot) {
    dead[slot >>> CHUNK_BITS][(slot & (CHUNK - 1)) >>> 6] |= 1L << slot;
    fromSubMillis.remove(slot);
    untilNanos.remove(slot);
  }

  boolean dead(int slot) {
    return (dead[slot >>> CHUNK_BITS][(slot & (CHUNK - 1)) >>> 6] & (1L << slot)) != 0;
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
    int chunk = slot >>> CHUNK_BITS;
    int at = slot & (CHUNK - 1);
    long bit = 1L << at;
    if ((dead[chunk][at >>> 6] & bit) != 0) {
      return false;
    }
    long fromMs = (long) fromHigh[chunk][at] << 16 | fromLow[chunk][at];
    if (lastMs < fromMs || (lastMs == fromMs && lastSub < fromSubMillis.getOrDefault(slot, 0))) {
      return false;
    }
    if ((hasUntil[chunk][at >>> 6] & bit) != 0) {
      Long until = untilNanos.get(slot);
      return until != null && firstNanos < until;
    }
    return true;
  }

  long bytes() {
    return (long) fromHigh.length * CHUNK * (4 + 2) + (long) dead.length * CHUNK / 4;
  }
}
