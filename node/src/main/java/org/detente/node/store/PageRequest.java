package org.detente.node.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One page to fetch: at most {@code limit} objects after the cursor, if any.
 *
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param next the cursor returned with the previous page, or empty for the first page
 */
public record PageRequest(int limit, Optional<Cursor> next) {
  /** The largest page the store hands out. */
  public static final int MAX_LIMIT = 10_000;

  /**
   * @throws IllegalArgumentException when {@code limit} is outside 1 to {@value #MAX_LIMIT}
   */
  public PageRequest {
    Objects.requireNonNull(next, "next");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("page limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first page of {@code limit} objects. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  /** The page of {@code limit} objects after {@code cursor}. */
  public static PageRequest after(int limit, Cursor cursor) {
    return new PageRequest(limit, Optional.of(cursor));
  }
}
