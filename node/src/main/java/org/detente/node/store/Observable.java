package org.detente.node.store;

import java.util.Objects;

/**
 * One row of the observable index: a normalised value an object mentions.
 *
 * @param kind {@code ipv4}, {@code ipv6}, {@code ipv4-cidr}, {@code ipv6-cidr}, {@code domain},
 *     {@code url}, {@code email} or {@code hash:ALGORITHM}
 * @param value the normalised value
 * @param lo for a CIDR block, the first address as fixed-width lower-case hex (8 digits for IPv4,
 *     32 for IPv6); null otherwise
 * @param hi for a CIDR block, the last address in the same form; null otherwise
 */
record Observable(String kind, String value, String lo, String hi) {
  Observable {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if ((lo == null) != (hi == null)) {
      throw new IllegalArgumentException("lo and hi go together: " + lo + ", " + hi);
    }
  }

  static Observable exact(String kind, String value) {
    return new Observable(kind, value, null, null);
  }
}
