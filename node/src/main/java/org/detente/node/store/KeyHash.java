package org.detente.node.store;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit keys for the store's random-access indexes: an object's id and an observable value are
 * indexed by this hash instead of their text, which makes the index entries four to eight times
 * smaller and bulk imports correspondingly cheaper (each insert into a random position dirties a
 * page; smaller entries mean fewer pages). Every lookup compares the text as well, so a collision
 * costs a little time and never a wrong answer.
 *
 * <p>The function is persisted in the database and must never change: FNV-1a over the UTF-8 bytes,
 * finished with the SplitMix64 mixer so that near-identical texts spread over the whole range.
 */
final class KeyHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private KeyHash() {}

  static long of(String text) {
    long h = FNV_OFFSET;
    int n = text.length();
    int i = 0;
    // ASCII characters are their own UTF-8 bytes: hash them without encoding the string.
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        break;
      }
      h ^= c;
      h *= FNV_PRIME;
    }
    if (i < n) {
      for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= FNV_PRIME;
      }
    }
    return mix(h);
  }

  private static long mix(long h) {
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }
}
