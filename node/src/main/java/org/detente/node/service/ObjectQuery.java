package org.detente.node.service;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.detente.node.store.ObjectFilter;

/**
 * The parameters of a TAXII read: the filters, the page size the client asked for, and the {@code
 * next} token of the previous page.
 *
 * @param filter match[...] and added_after
 * @param limit {@code limit}, when given; at least 1
 * @param next {@code next}, when given
 */
public record ObjectQuery(ObjectFilter filter, OptionalInt limit, Optional<String> next) {
  /**
   * @throws IllegalArgumentException when the limit is below 1
   */
  public ObjectQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(next, "next");
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit.getAsInt());
    }
  }

  /** Every object, last versions, the default page size. */
  public static ObjectQuery all() {
    return new ObjectQuery(ObjectFilter.all(), OptionalInt.empty(), Optional.empty());
  }
}
