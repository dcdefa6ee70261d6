package org.detente.pattern;

/**
 * Indicator UUIDs (two longs, held in the matcher's slot arrays) to slots: an open-addressing table
 * of ints, 5 bits of the hash and {@code slot + 1}, with linear probing (load 0.57 to 0.85; the
 * hash bits spare most probes a look at the UUID) and backward-shift deletion. Used by the writer
 * only.
 */
final class IdTable {
  /** Where the UUID of a slot is read. */
  interface Uuids {
    long hi(int slot);

    long lo(int slot);
  }

  private static final int FP_SHIFT = 27;
  private final Uuids uuids;

  IdTable(Uuids uuids) {
    this.uuids = uuids;
  }

  private Segments.Ints table = Segments.Ints.of(16);
  private int size;

  long hiOf(int slot) {
    return uuids.hi(slot);
  }

  long loOf(int slot) {
    return uuids.lo(slot);
  }

  private int home(long hi, long lo) {
    return StringKeyTable.home(hash(hi, lo), table.capacity());
  }

  private int next(int i) {
    return table.next(i);
  }

  private static int hash(long hi, long lo) {
    return StringKeyTable.mix((int) (hi ^ (hi >>> 32) ^ lo * 31 ^ (lo >>> 32)));
  }

  /** The most slots the table can name. */
  static final int MAX_SLOTS = (1 << FP_SHIFT) - 2;

  private static int slotOf(int v) {
    return (v & ((1 << FP_SHIFT) - 1)) - 1;
  }

  private boolean is(int v, int h, long hi, long lo) {
    int slot = slotOf(v);
    return (v >>> FP_SHIFT) == (h >>> FP_SHIFT) && uuids.hi(slot) == hi && uuids.lo(slot) == lo;
  }

  int find(long hi, long lo) {
    int h = hash(hi, lo);
    for (int i = StringKeyTable.home(h, table.capacity()); table.get(i) != 0; i = next(i)) {
      if (is(table.get(i), h, hi, lo)) {
        return slotOf(table.get(i));
      }
    }
    return -1;
  }

  void put(long hi, long lo, int slot) {
    if (slot > MAX_SLOTS) {
      throw new IllegalStateException("matcher full: slot " + slot + " over " + MAX_SLOTS);
    }
    if ((size + 1) * 20L > table.capacity() * 17L) {
      Segments.Ints old = table;
      table = Segments.Ints.of(old.capacity() + old.capacity() / 2);
      for (int k = 0; k < old.capacity(); k++) {
        int v = old.get(k);
        if (v != 0) {
          insert(hash(uuids.hi(slotOf(v)), uuids.lo(slotOf(v))), v);
        }
      }
    }
    int h = hash(hi, lo);
    insert(h, (h >>> FP_SHIFT) << FP_SHIFT | (slot + 1));
    size++;
  }

  private void insert(int h, int v) {
    int i = StringKeyTable.home(h, table.capacity());
    while (table.get(i) != 0) {
      i = next(i);
    }
    table.set(i, v);
  }

  void remove(long hi, long lo) {
    int h = hash(hi, lo);
    int i = StringKeyTable.home(h, table.capacity());
    while (table.get(i) != 0 && !is(table.get(i), h, hi, lo)) {
      i = next(i);
    }
    if (table.get(i) == 0) {
      return;
    }
    table.set(i, 0);
    size--;
    for (int j = next(i); table.get(j) != 0; j = next(j)) {
      int v = table.get(j);
      int home = home(uuids.hi(slotOf(v)), uuids.lo(slotOf(v)));
      // Move v back into the hole when its home is not between the hole and j (cyclically).
      boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!between) {
        table.set(i, v);
        table.set(j, 0);
        i = j;
      }
    }
  }
}
