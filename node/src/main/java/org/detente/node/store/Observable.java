package org.detente.node.store;

import java.util.Objects;

/**
 * One row of the observable index: a normalised value an object mentions.
 *
 * @param kind {@code ipv4}, {@code ipv6}, {@code ipv4-cidr}, {@code ipv6-cidr}, {@code domain},
 *     {@code url}, {@code email} or {@code hash:ALGORITHM}
 * @param value the normalised value
 * @param valueHash {@link KeyHash} of the value, the key of the value index; computed with the row,
 *     on the thread that prepares an object, so that the store's single writer does not have to;
 *     the four-value constructor computes it
 * @param lo for a CIDR block, the first address as fixed-width lower-case hex (8 digits for IPv4,
 *     32 for IPv6); null otherwise
 * @param hi for a CIDR block, the last address in the same form; null otherwise
 */
record Observable(String kind, String value, long valueHash, String lo, String hi) {
  Observable {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if ((lo == null) != (hi == null)) {
      throw new IllegalArgumentException("lo and hi go together: " + lo + ", " + hi);
    }
    assert valueHash == KeyHash.of(value) : "valueHash of " + value;
  }

  /** The row of {@code value}, its hash computed here. */
  Observable(String kind, String value, String lo, String hi) {
    this(kind, value, KeyHash.of(Objects.requireNonNull(value, "value")), lo, hi);
  }

  static Observable exact(String kind, String value) {
    return new Observable(kind, value, null, null);
  }
}
