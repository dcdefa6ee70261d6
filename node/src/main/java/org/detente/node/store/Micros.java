package org.detente.node.store;

import java.time.Instant;

/** Conversions between instants and the microseconds since the epoch stored as date_added. */
final class Micros {
  private Micros() {}

  /** Microseconds since the epoch, rounding down below a microsecond. */
  static long of(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
