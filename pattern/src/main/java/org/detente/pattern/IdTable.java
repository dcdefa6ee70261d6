package org.detente.pattern;

/**
 * Indicator UUIDs (two longs, held in the matcher's slot arrays) to slots: an open-addressing table
 * of {@code slot + 1} ints with linear probing and backward-shift deletion. Used by the writer
 * only.
 */
final class IdTable {
  /** Where the UUID of a slot is read. */
  interface Uuids {
    long hi(int slot);

    long lo(int slot);
  }

  private final Uuids uuids;

  IdTable(Uuids uuids) {
    this.uuids = uuids;
  }

  private int[] table = new int[16];
  private int size;

  long hiOf(int slot) {
    return uuids.hi(slot);
  }

  long loOf(int slot) {
    return uuids.lo(slot);
  }

  private static int hash(long hi, long lo) {
    return StringKeyTable.mix((int) (hi ^ (hi >>> 32) ^ lo * 31 ^ (lo >>> 32)));
  }

  int find(long hi, long lo) {
    int mask = table.length - 1;
    for (int i = hash(hi, lo) & mask; table[i] != 0; i = (i + 1) & mask) {
      int slot = table[i] - 1;
      if (uuids.hi(slot) == hi && uuids.lo(slot) == lo) {
        return slot;
      }
    }
    return -1;
  }

  void put(long hi, long lo, int slot) {
    if ((size + 1) * 2 > table.length) {
      int[] old = table;
      table = new int[old.length * 2];
      for (int v : old) {
        if (v != 0) {
          insert(hash(uuids.hi(v - 1), uuids.lo(v - 1)), v);
        }
      }
    }
    insert(hash(hi, lo), slot + 1);
    size++;
  }

  private void insert(int h, int v) {
    int mask = table.length - 1;
    int i = h & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = v;
  }

  void remove(long hi, long lo) {
    int mask = table.length - 1;
    int i = hash(hi, lo) & mask;
    while (table[i] != 0) {
      int slot = table[i] - 1;
      if (uuids.hi(slot) == hi && uuids.lo(slot) == lo) {
        break;
      }
      i = (i + 1) & mask;
    }
    if (table[i] == 0) {
      return;
    }
    table[i] = 0;
    size--;
    for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int v = table[j];
      int home = hash(uuids.hi(v - 1), uuids.lo(v - 1)) & mask;
      // Move v back into the hole when its home is not between the hole and j (cyclically).
      boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!between) {
        table[i] = v;
        table[j] = 0;
        i = j;
      }
    }
  }
}
