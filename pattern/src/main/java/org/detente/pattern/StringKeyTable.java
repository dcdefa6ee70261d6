package org.detente.pattern;

import java.util.function.IntPredicate;

/**
 * A multimap from strings to int targets for the compiled matcher, with no object per entry.
 *
 * <p>Layout: keys live in a byte arena (chunks of up to 256 KiB, below G1's humongous size; a
 * record never straddles two) as records {@code [target: 4 bytes][header varint][key bytes]}, where
 * the header is {@code length << 2 | encoding}: 0 one byte per char (all chars below 256), 1
 * lowercase hexadecimal packed two digits per byte (hashes), 2 two bytes per char. An
 * open-addressing table of ints (linear probing, load 0.57 to 0.85: it grows by half, and a hash
 * maps to a position by multiplication, so any capacity works) holds, per entry, 5 bits of the
 * key's hash and the record's offset (so the arena holds at most 128 MiB), letting most probes of
 * absent keys skip the arena; a {@link Segments.Filter} in front answers most of them without
 * touching the table. The hash is the caller's (forward or backward over the chars), so the same
 * table serves exact values and suffixes. Duplicate keys are separate entries.
 *
 * <p>Concurrency: one writer at a time (the caller's lock); readers never lock. The writer fills
 * the arena record, then publishes the table int with a release store; a reader loads it with an
 * acquire load and only then reads the arena's chunk directory, so it sees the record. A rehash
 * (growth or dropping dead entries) builds a new table and arena and publishes both at once;
 * readers on the old ones keep a consistent, older view.
 */
final class StringKeyTable {
  static final int MAX_ARENA = 1 << 27;
  private static final int FP_SHIFT = 27;
  private static final int OFFSET_MASK = (1 << FP_SHIFT) - 1;

  private final boolean backward;
  private static final int CHUNK_BITS = 18;
  private static final int CHUNK = 1 << CHUNK_BITS;

  /**
   * A table and the arena its entries point into. A rehash builds a new generation and publishes it
   * whole; within one generation the arena only grows, so a reader that acquired an entry of its
   * table finds the record in the generation's current chunks.
   */
  private static final class Generation {
    final Segments.Ints slots;
    final Segments.Filter filter;
    volatile byte[][] chunks = {new byte[64]};

    Generation(int capacity) {
      this.slots = Segments.Ints.of(capacity);
      this.filter = Segments.Filter.forCapacity(capacity);
    }
  }

  private volatile Generation gen = new Generation(16);
  private int used = 1; // in the last chunk; offset 0 is never a record, so a slot of 0 is empty
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
    Generation g = gen;
    long b = g.slots.bytes() + g.filter.bytes();
    for (byte[] c : g.chunks) {
      b += 16 + c.length;
    }
    return b;
  }

  /** The position of {@code hash} in a table of {@code capacity}. */
  static int home(int hash, int capacity) {
    return (int) (((hash & 0xFFFFFFFFL) * capacity) >>> 32);
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
    Generation g = gen;
    if ((entries + 1) * 20L > g.slots.capacity() * 17L) {
      g = rehash(g.slots.capacity() + g.slots.capacity() / 2, t -> true);
    }
    int offset = append(g, key, target);
    g.filter.add(hash);
    insert(g.slots, hash, offset, true);
    entries++;
  }

  /** Drops the entries whose target fails {@code keep}; the caller holds the writer lock. */
  void retain(IntPredicate keep) {
    rehash(gen.slots.capacity(), keep);
  }

  private void insert(Segments.Ints table, int hash, int offset, boolean release) {
    int i = home(hash, table.capacity());
    while (table.get(i) != 0) {
      i = table.next(i);
    }
    int v = ((hash >>> FP_SHIFT) << FP_SHIFT) | offset;
    if (release) {
      table.setRelease(i, v);
    } else {
      table.set(i, v);
    }
  }

  private Generation rehash(int capacity, IntPredicate keep) {
    Segments.Ints old = gen.slots;
    byte[][] from = gen.chunks;
    Generation next = new Generation(capacity);
    used = 1;
    int kept = 0;
    for (int k = 0; k < old.capacity(); k++) {
      int v = old.get(k);
      if (v == 0) {
        continue;
      }
      byte[] c = from[(v & OFFSET_MASK) >>> CHUNK_BITS];
      int pos = v & (CHUNK - 1);
      int target = targetAt(c, pos);
      if (!keep.test(target)) {
        continue;
      }
      String key = keyAt(c, pos);
      int off = append(next, key, target);
      int h = hashOf(key);
      next.filter.add(h);
      insert(next.slots, h, off, false);
      kept++;
    }
    entries = kept;
    gen = next;
    return next;
  }

  private int hashOf(String key) {
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

  private int append(Generation g, String key, int target) {
    int len = key.length();
    int enc = encoding(key);
    int payload = payload(len, enc);
    int need = 5 + 5 + payload + 1;
    byte[][] dir = g.chunks;
    byte[] a = dir[dir.length - 1];
    if (used + need > a.length) {
      if (a.length < CHUNK && used + need <= CHUNK) {
        a = java.util.Arrays.copyOf(a, Math.min(CHUNK, Math.max(a.length * 2, used + need)));
        dir = dir.clone();
        dir[dir.length - 1] = a;
      } else {
        if ((long) (dir.length + 1) << CHUNK_BITS > MAX_ARENA) {
          throw new IllegalStateException(
              "string table full: "
                  + dir.length
                  + " chunks of keys, limit "
                  + (MAX_ARENA >> CHUNK_BITS));
        }
        a = new byte[Math.max(CHUNK, need)];
        dir = java.util.Arrays.copyOf(dir, dir.length + 1);
        dir[dir.length - 1] = a;
        used = 0;
      }
      g.chunks = dir;
    }
    int pos = used;
    int p = writeVarint(a, pos, len << 2 | enc);
    p = writeVarint(a, p, target);
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
      case 3 -> {
        for (int i = 0; i < len; i++) {
          int bit = 7 * i;
          a[p + (bit >>> 3)] |= (byte) (key.charAt(i) << (bit & 7));
          if ((bit & 7) > 1) {
            a[p + (bit >>> 3) + 1] |= (byte) (key.charAt(i) >>> (8 - (bit & 7)));
          }
        }
        p += payload;
      }
      default -> {
        for (int i = 0; i < len; i++) {
          a[p++] = (byte) (key.charAt(i) >>> 8);
          a[p++] = (byte) key.charAt(i);
        }
      }
    }
    used = p;
    return (dir.length - 1) << CHUNK_BITS | pos;
  }

  private static int payload(int len, int enc) {
    return switch (enc) {
      case 0 -> len;
      case 1 -> len / 2;
      case 3 -> (7 * len + 7) / 8;
      default -> len * 2;
    };
  }

  private static int writeVarint(byte[] a, int p, int v) {
    while ((v & ~0x7F) != 0) {
      a[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    a[p++] = (byte) v;
    return p;
  }

  private static int encoding(String key) {
    int len = key.length();
    boolean hex = len >= 2 && len % 2 == 0;
    boolean narrow = true;
    boolean ascii = true;
    for (int i = 0; i < len; i++) {
      char c = key.charAt(i);
      if (c > 0xFF) {
        narrow = false;
      }
      if (c > 0x7F) {
        ascii = false;
      }
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        hex = false;
      }
    }
    return hex ? 1 : ascii ? 3 : narrow ? 0 : 2;
  }

  /** Reads a varint at {@code p}: value in the low 32 bits, next position in the high 32. */
  private static long readVarint(byte[] a, int p) {
    int v = 0;
    int shift = 0;
    byte b;
    do {
      b = a[p++];
      v |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return (long) p << 32 | (v & 0xFFFFFFFFL);
  }

  private static int targetAt(byte[] a, int pos) {
    return (int) readVarint(a, (int) (readVarint(a, pos) >>> 32));
  }

  private static String keyAt(byte[] a, int pos) {
    long h = readVarint(a, pos);
    int header = (int) h;
    int p = (int) (readVarint(a, (int) (h >>> 32)) >>> 32);
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
      case 3 -> {
        int bit = 7 * i;
        int at = p + (bit >>> 3);
        int v = (a[at] & 0xFF) >>> (bit & 7);
        if ((bit & 7) > 1) {
          v |= (a[at + 1] & 0xFF) << (8 - (bit & 7));
        }
        yield (char) (v & 0x7F);
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
    Generation g = gen;
    if (!g.filter.mightContain(hash)) {
      return;
    }
    Segments.Ints table = g.slots;
    int fp = hash >>> FP_SHIFT;
    for (int i = home(hash, table.capacity()); ; i = table.next(i)) {
      int v = table.getAcquire(i);
      if (v == 0) {
        return;
      }
      if ((v >>> FP_SHIFT) == fp) {
        byte[] a = g.chunks[(v & OFFSET_MASK) >>> CHUNK_BITS];
        int pos = v & (CHUNK - 1);
        long h = readVarint(a, pos);
        int header = (int) h;
        if ((header >>> 2) == to - from) {
          long t = readVarint(a, (int) (h >>> 32));
          if (equalsKey(a, (int) (t >>> 32), header & 3, s, from, to)) {
            sink.accept((int) t);
          }
        }
      }
    }
  }

  private static boolean equalsKey(byte[] a, int p, int enc, String s, int from, int to) {
    int len = to - from;
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
