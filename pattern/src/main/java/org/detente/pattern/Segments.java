package org.detente.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Large primitive tables split into segments of 512 KiB, so that the garbage-first collector never
 * treats them as humongous objects (an object of half a region or more gets whole regions of its
 * own, and the tail of the last one is lost: about 1 MiB per table with 2 MiB regions).
 */
final class Segments {
  private Segments() {}

  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** An int table of {@code capacity} elements. */
  record Ints(int[][] segments, int capacity) {
    static final int BITS = 17;

    static Ints of(int capacity) {
      int n = (capacity + (1 << BITS) - 1) >>> BITS;
      int[][] s = new int[n][];
      for (int k = 0; k < n; k++) {
        s[k] = new int[Math.min(1 << BITS, capacity - (k << BITS))];
      }
      return new Ints(s, capacity);
    }

    int get(int i) {
      return segments[i >>> BITS][i & ((1 << BITS) - 1)];
    }

    int getAcquire(int i) {
      return (int) INTS.getAcquire(segments[i >>> BITS], i & ((1 << BITS) - 1));
    }

    void set(int i, int v) {
      segments[i >>> BITS][i & ((1 << BITS) - 1)] = v;
    }

    void setRelease(int i, int v) {
      INTS.setRelease(segments[i >>> BITS], i & ((1 << BITS) - 1), v);
    }

    int next(int i) {
      return i + 1 == capacity ? 0 : i + 1;
    }

    long bytes() {
      return 16L * (segments.length + 1) + 4L * capacity;
    }
  }

  /** A long table of {@code capacity} elements. */
  record Longs(long[][] segments, int capacity) {
    static final int BITS = 16;

    static Longs of(int capacity) {
      int n = (capacity + (1 << BITS) - 1) >>> BITS;
      long[][] s = new long[n][];
      for (int k = 0; k < n; k++) {
        s[k] = new long[Math.min(1 << BITS, capacity - (k << BITS))];
      }
      return new Longs(s, capacity);
    }

    long get(int i) {
      return segments[i >>> BITS][i & ((1 << BITS) - 1)];
    }

    long getAcquire(int i) {
      return (long) LONGS.getAcquire(segments[i >>> BITS], i & ((1 << BITS) - 1));
    }

    void set(int i, long v) {
      segments[i >>> BITS][i & ((1 << BITS) - 1)] = v;
    }

    void setRelease(int i, long v) {
      LONGS.setRelease(segments[i >>> BITS], i & ((1 << BITS) - 1), v);
    }

    int next(int i) {
      return i + 1 == capacity ? 0 : i + 1;
    }

    long bytes() {
      return 16L * (segments.length + 1) + 8L * capacity;
    }
  }

  /**
   * A blocked Bloom filter in front of a hash table: two bits in one long per key, about 11 bits
   * per entry at the table's load, so that most probes for absent keys (nearly all probes of a
   * telemetry stream) are answered from a small array that stays in the CPU cache instead of the
   * table. No false negatives: bits are only set. Written by the table's writer before the entry,
   * read without synchronisation (an entry published later may be missed, as a concurrent add may).
   */
  record Filter(Longs words) {
    static Filter forCapacity(int capacity) {
      return new Filter(Longs.of(Math.max(1, capacity / 6)));
    }

    private static int second(int hash) {
      return StringKeyTable.mix(hash ^ 0x5BD1E995);
    }

    void add(int hash) {
      int g = second(hash);
      int i = StringKeyTable.home(g, words.capacity());
      words.set(i, words.get(i) | (1L << g) | (1L << (g >>> 6)));
    }

    boolean mightContain(int hash) {
      int g = second(hash);
      long bits = (1L << g) | (1L << (g >>> 6));
      return (words.get(StringKeyTable.home(g, words.capacity())) & bits) == bits;
    }

    long bytes() {
      return words.bytes();
    }
  }
}
