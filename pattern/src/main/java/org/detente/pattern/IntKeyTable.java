package org.detente.pattern;

import java.util.function.IntPredicate;

/**
 * A multimap from 32-bit keys (IPv4 addresses and networks) to int targets: one long per entry,
 * {@code key << 32 | (target + 1)}, in an open-addressing table with linear probing and load 0.53
 * to 0.8 (growing by half), behind a {@link Segments.Filter}. Concurrency as in {@link
 * StringKeyTable}: one writer under the caller's lock, readers with acquire loads, growth through
 * volatile fields.
 */
final class IntKeyTable {

  private volatile Segments.Longs slots = Segments.Longs.of(16);
  private volatile Segments.Filter filter = Segments.Filter.forCapacity(16);
  private int entries;

  int entries() {
    return entries;
  }

  long bytes() {
    return slots.bytes() + filter.bytes();
  }

  private static int hash(int key) {
    return StringKeyTable.mix(key * 0x9E3779B9);
  }

  void add(int key, int target) {
    if ((entries + 1) * 5L > slots.capacity() * 4L) {
      rehash(slots.capacity() + slots.capacity() / 2, t -> true);
    }
    filter.add(hash(key));
    insert(slots, ((long) key << 32) | ((target + 1) & 0xFFFFFFFFL), true);
    entries++;
  }

  void retain(IntPredicate keep) {
    rehash(slots.capacity(), keep);
  }

  private void rehash(int capacity, IntPredicate keep) {
    Segments.Longs old = slots;
    Segments.Longs next = Segments.Longs.of(capacity);
    Segments.Filter nextFilter = Segments.Filter.forCapacity(capacity);
    int kept = 0;
    for (int k = 0; k < old.capacity(); k++) {
      long v = old.get(k);
      if (v != 0 && keep.test((int) v - 1)) {
        nextFilter.add(hash((int) (v >>> 32)));
        insert(next, v, false);
        kept++;
      }
    }
    entries = kept;
    filter = nextFilter;
    slots = next;
  }

  private static void insert(Segments.Longs table, long v, boolean release) {
    int i = StringKeyTable.home(hash((int) (v >>> 32)), table.capacity());
    while (table.get(i) != 0) {
      i = table.next(i);
    }
    if (release) {
      table.setRelease(i, v);
    } else {
      table.set(i, v);
    }
  }

  void lookup(int key, StringKeyTable.TargetSink sink) {
    if (!filter.mightContain(hash(key))) {
      return;
    }
    Segments.Longs table = slots;
    for (int i = StringKeyTable.home(hash(key), table.capacity()); ; i = table.next(i)) {
      long v = table.getAcquire(i);
      if (v == 0) {
        return;
      }
      if ((int) (v >>> 32) == key) {
        sink.accept((int) v - 1);
      }
    }
  }
}
