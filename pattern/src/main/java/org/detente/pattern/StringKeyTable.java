package org.detente.pattern;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntPredicate;

/**
 * A multimap from strings to int targets for the compiled matcher, with no object per entry.
 *
 * <p>Layout: keys live in one byte arena as records {@code [target: 4 bytes][header varint][key
 * bytes]}, where the header is {@code length << 2 | encoding}: 0 one byte per char (all chars below
 * 256), 1 lowercase hexadecimal packed two digits per byte (hashes), 2 two bytes per char. An
 * open-addressing table of ints (linear probing, load at most 3/4) holds, per entry, 5 bits of the
 * key's hash and the record's offset (so the arena holds at most 128 MiB), letting most probes of
 * absent keys skip the arena. The hash is the caller's (forward or backward over the chars), so the
 * same table serves exact values and suffixes. Duplicate keys are separate entries.
 *
 * <p>Concurrency: one writer at a time (the caller's lock); readers never lock. The writer fills
 * the arena record, then publishes the table int with a release store; a reader loads it with an
 * acquire load and only then reads the arena field, so it sees the record. Growing the table or the
 * arena builds a new array and publishes it through a volatile field; readers on the old array keep
 * a consistent, older view.
 */
final class StringKeyTable {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  static final int MAX_ARENA = 1 << 27;
  private static final int FP_SHIFT = 27;
  private static final int OFFSET_MASK = (1 << FP_SHIFT) - 1;

  private final boolean backward;
  private volatile int[] slots = new int[16];
  private volatile byte[] arena = new byte[64];
  private int arenaUsed = 1; // offset 0 is never a record, so a slot of 0 is empty
  private int entries;

  /**
   * @param backward whether callers hash keys with {@link #backwardHash} (suffix tables) rather
   *     than {@link #forwardHash}
   */
  StringKeyTable(boolean backward) {
    this.backward = backward;
  }

  int entries() {
    return entries;
  }

  long bytes() {
    return 16L + 4L * slots.length + arena.length;
  }

  /** The forward hash of {@code s[from, to)}. */
  static int forwardHash(CharSequence s, int from, int to) {
    int h = 0x811C9DC5;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * 0x01000193;
    }
    return mix(h);
  }

  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** Adds an entry; the caller holds the writer lock. */
  void add(String key, int hash, int target) {
    if ((entries + 1) * 4L > slots.length * 3L) {
      rehash(slots.length * 2, t -> true);
    }
    int offset = append(key, target);
    insert(slots, hash, offset, true);
    entries++;
  }

  /** Drops the entries whose target fails {@code keep}; the caller holds the writer lock. */
  void retain(IntPredicate keep) {
    rehash(slots.length, keep);
  }

  private void insert(int[] table, int hash, int offset, boolean release) {
    int mask = table.length - 1;
    int i = hash & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    int v = ((hash >>> FP_SHIFT) << FP_SHIFT) | offset;
    if (release) {
      INTS.setRelease(table, i, v);
    } else {
      table[i] = v;
    }
  }

  private void rehash(int capacity, IntPredicate keep) {
    int[] old = slots;
    byte[] a = arena;
    int[] next = new int[capacity];
    byte[] compacted = new byte[Math.max(64, arena.length)];
    int used = 1;
    int kept = 0;
    for (int v : old) {
      if (v == 0) {
        continue;
      }
      int off = v & OFFSET_MASK;
      int target = readInt(a, off);
      if (!keep.test(target)) {
        continue;
      }
      int len = recordLength(a, off);
      System.arraycopy(a, off, compacted, used, len);
      insert(next, hashOfRecord(a, off), used, false);
      used += len;
      kept++;
    }
    arena = compacted;
    arenaUsed = used;
    entries = kept;
    slots = next;
  }

  private int hashOfRecord(byte[] a, int off) {
    String key = keyAt(a, off);
    return backward ? backwardHash(key, 0, key.length()) : forwardHash(key, 0, key.length());
  }

  /** The backward hash of {@code s[from, to)}: suffixes of one string hash incrementally. */
  static int backwardHash(CharSequence s, int from, int to) {
    int h = 0;
    for (int i = to - 1; i >= from; i--) {
      h = h * 31 + s.charAt(i) + 1;
    }
    return mix(h);
  }

  private int append(String key, int target) {
    int len = key.length();
    int enc = encoding(key);
    int payload = enc == 0 ? len : enc == 1 ? len / 2 : len * 2;
    int need = 4 + 5 + payload;
    if (arenaUsed + need > MAX_ARENA) {
      throw new IllegalStateException(
          "string table full: " + arenaUsed + " bytes of keys, limit " + MAX_ARENA);
    }
    byte[] a = arena;
    if (arenaUsed + need > a.length) {
      a = java.util.Arrays.copyOf(a, Math.min(MAX_ARENA, Math.max(a.length * 2, arenaUsed + need)));
    }
    int off = arenaUsed;
    int p = off;
    a[p++] = (byte) (target >>> 24);
    a[p++] = (byte) (target >>> 16);
    a[p++] = (byte) (target >>> 8);
    a[p++] = (byte) target;
    int header = len << 2 | enc;
    while ((header & ~0x7F) != 0) {
      a[p++] = (byte) ((header & 0x7F) | 0x80);
      header >>>= 7;
    }
    a[p++] = (byte) header;
    switch (enc) {
      case 0 -> {
        for (int i = 0; i < len; i++) {
          a[p++] = (byte) key.charAt(i);
        }
      }
      case 1 -> {
        for (int i = 0; i < len; i += 2) {
          a[p++] =
              (byte)
                  (Character.digit(key.charAt(i), 16) << 4
                      | Character.digit(key.charAt(i + 1), 16));
        }
      }
      default -> {
        for (int i = 0; i < len; i++) {
          a[p++] = (byte) (key.charAt(i) >>> 8);
          a[p++] = (byte) key.charAt(i);
        }
      }
    }
    arenaUsed = p;
    arena = a;
    return off;
  }

  private static int encoding(String key) {
    int len = key.length();
    boolean hex = len >= 2 && len % 2 == 0;
    boolean narrow = true;
    for (int i = 0; i < len; i++) {
      char c = key.charAt(i);
      if (c > 0xFF) {
        narrow = false;
      }
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        hex = false;
      }
    }
    return hex ? 1 : narrow ? 0 : 2;
  }

  private static int readInt(byte[] a, int off) {
    return (a[off] & 0xFF) << 24
        | (a[off + 1] & 0xFF) << 16
        | (a[off + 2] & 0xFF) << 8
        | (a[off + 3] & 0xFF);
  }

  private static int recordLength(byte[] a, int off) {
    int p = off + 4;
    int header = 0;
    int shift = 0;
    byte b;
    do {
      b = a[p++];
      header |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    int len = header >>> 2;
    int enc = header & 3;
    int payload = enc == 0 ? len : enc == 1 ? len / 2 : len * 2;
    return p - off + payload;
  }

  private static String keyAt(byte[] a, int off) {
    int p = off + 4;
    int header = 0;
    int shift = 0;
    byte b;
    do {
      b = a[p++];
      header |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    int len = header >>> 2;
    int enc = header & 3;
    StringBuilder s = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      s.append(charAt(a, p, enc, i));
    }
    return s.toString();
  }

  private static char charAt(byte[] a, int p, int enc, int i) {
    return switch (enc) {
      case 0 -> (char) (a[p + i] & 0xFF);
      case 1 -> {
        int nibble = (i & 1) == 0 ? (a[p + i / 2] >>> 4) & 0xF : a[p + i / 2] & 0xF;
        yield (char) (nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
      }
      default -> (char) ((a[p + 2 * i] & 0xFF) << 8 | (a[p + 2 * i + 1] & 0xFF));
    };
  }

  /** Receives the target of every entry equal to a looked-up key. */
  interface TargetSink {
    void accept(int target);
  }

  /** Calls {@code sink} with the target of every entry whose key equals {@code s[from, to)}. */
  void lookup(String s, int from, int to, int hash, TargetSink sink) {
    int[] table = slots;
    int mask = table.length - 1;
    int fp = hash >>> FP_SHIFT;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int v = (int) INTS.getAcquire(table, i);
      if (v == 0) {
        return;
      }
      if ((v >>> FP_SHIFT) == fp) {
        byte[] a = arena;
        int off = v & OFFSET_MASK;
        if (equalsKey(a, off, s, from, to)) {
          sink.accept(readInt(a, off));
        }
      }
    }
  }

  private static boolean equalsKey(byte[] a, int off, String s, int from, int to) {
    int p = off + 4;
    int header = 0;
    int shift = 0;
    byte b;
    do {
      b = a[p++];
      header |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    int len = header >>> 2;
    if (len != to - from) {
      return false;
    }
    int enc = header & 3;
    if (enc == 0) {
      for (int i = 0; i < len; i++) {
        if ((a[p + i] & 0xFF) != s.charAt(from + i)) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < len; i++) {
      if (charAt(a, p, enc, i) != s.charAt(from + i)) {
        return false;
      }
    }
    return true;
  }
}
