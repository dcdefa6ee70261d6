package org.detente.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntPredicate;

/**
 * A multimap from 32-bit keys (IPv4 addresses and networks) to int targets: one long per entry,
 * {@code key << 32 | (target + 1)}, in an open-addressing table with linear probing and load at
 * most 3/4. Concurrency as in {@link StringKeyTable}: one writer under the caller's lock, readers
 * with acquire loads, growth through a volatile field.
 */
final class IntKeyTable {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private volatile long[] slots = new long[16];
  private int entries;

  int entries() {
    return entries;
  }

  long bytes() {
    return 16L + 8L * slots.length;
  }

  private static int hash(int key) {
    return StringKeyTable.mix(key * 0x9E3779B9);
  }

  void add(int key, int target) {
    if ((entries + 1) * 4L > slots.length * 3L) {
      rehash(slots.length * 2, t -> true);
    }
    insert(slots, ((long) key << 32) | ((target + 1) & 0xFFFFFFFFL), true);
    entries++;
  }

  void retain(IntPredicate keep) {
    rehash(slots.length, keep);
  }

  private void rehash(int capacity, IntPredicate keep) {
    long[] next = new long[capacity];
    int kept = 0;
    for (long v : slots) {
      if (v != 0 && keep.test((int) v - 1)) {
        insert(next, v, false);
        kept++;
      }
    }
    entries = kept;
    slots = next;
  }

  private static void insert(long[] table, long v, boolean release) {
    int mask = table.length - 1;
    int i = hash((int) (v >>> 32)) & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    if (release) {
      LONGS.setRelease(table, i, v);
    } else {
      table[i] = v;
    }
  }

  void lookup(int key, StringKeyTable.TargetSink sink) {
    long[] table = slots;
    int mask = table.length - 1;
    for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
      long v = (long) LONGS.getAcquire(table, i);
      if (v == 0) {
        return;
      }
      if ((int) (v >>> 32) == key) {
        sink.accept((int) v - 1);
      }
    }
  }
}
