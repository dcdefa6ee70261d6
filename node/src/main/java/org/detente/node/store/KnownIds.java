package org.detente.node.store;

/**
 * A Bloom filter of the id hashes ({@link KeyHash}) stored in one collection, so that a write can
 * skip looking up the stored versions of ids that are certainly new: the common case of a bulk
 * import, where the lookup costs about a tenth of the writer's time.
 *
 * <p>Safety: the filter is trusted only while the collection's {@code last_added} in the database
 * equals the value this process saw when it last wrote (see {@link #validFor}). Every add, by any
 * process or connection, moves {@code last_added}; so when someone else has written, the filter is
 * rebuilt from the database before use. Deletes leave hashes behind and rolled-back writes may too;
 * both only cause false positives, which cost a lookup and never a wrong answer.
 *
 * <p>About 10 bits per id (1 % false positives), doubling its capacity by a rebuild when full.
 * Methods are synchronized: writers of one collection are serialised by the database, which gives
 * Java no memory ordering.
 */
final class KnownIds {
  private static final int HASHES = 7;
  private static final int BITS_PER_ID = 10;

  private final long capacity;
  private final long[] bits;
  private final long mask;
  private long count;
  private long lastAdded;

  /** The smallest filter: 2 MiB, room for about 1.6 million ids. */
  private static final long MIN_BITS = 1L << 24;

  /** The largest filter: 256 MiB; past its capacity it stays in use with more false positives. */
  private static final long MAX_BITS = 1L << 31;

  /**
   * @param expected how many ids the filter should hold before it counts as full
   * @param lastAdded the collection's {@code last_added} the filter reflects
   */
  KnownIds(long expected, long lastAdded) {
    long wanted = Long.highestOneBit(Math.max(1, expected) * BITS_PER_ID) << 1;
    long size = Math.min(MAX_BITS, Math.max(MIN_BITS, wanted));
    this.bits = new long[(int) (size >>> 6)];
    this.mask = size - 1;
    this.capacity = size == MAX_BITS ? Long.MAX_VALUE : size / BITS_PER_ID;
    this.lastAdded = lastAdded;
  }

  /** True when the filter reflects the collection whose {@code last_added} is this value. */
  synchronized boolean validFor(long collectionLastAdded) {
    return lastAdded == collectionLastAdded;
  }

  /** False when this id hash is certainly not stored. */
  synchronized boolean mightContain(long hash) {
    long h2 = Long.rotateLeft(hash, 31) * 0x9e3779b97f4a7c15L | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (hash + i * h2) & mask;
      if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Records an id hash. */
  synchronized void add(long hash) {
    long h2 = Long.rotateLeft(hash, 31) * 0x9e3779b97f4a7c15L | 1;
    for (int i = 0; i < HASHES; i++) {
      long bit = (hash + i * h2) & mask;
      bits[(int) (bit >>> 6)] |= 1L << bit;
    }
    count++;
  }

  /** Notes the collection's {@code last_added} after this process's write. */
  synchronized void wrote(long collectionLastAdded) {
    lastAdded = collectionLastAdded;
  }

  /** True when more ids were added than the filter was sized for. */
  synchronized boolean full() {
    return count > capacity;
  }

  synchronized long count() {
    return count;
  }
}
