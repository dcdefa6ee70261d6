package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query, ordered by {@code date_added} ascending.
 *
 * @param items the entries of the page
 * @param more true when entries follow this page; then {@link #next()} continues the walk
 * @param firstDateAdded the {@code date_added} of the first entry (for {@code
 *     X-TAXII-Date-Added-First}), empty when the page is empty
 * @param lastDateAdded the {@code date_added} of the last entry (for {@code
 *     X-TAXII-Date-Added-Last}), empty when the page is empty
 */
public record Page<T>(
    List<T> items,
    boolean more,
    Optional<Instant> firstDateAdded,
    Optional<Instant> lastDateAdded) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(firstDateAdded, "firstDateAdded");
    Objects.requireNonNull(lastDateAdded, "lastDateAdded");
    if (items.isEmpty() != firstDateAdded.isEmpty() || items.isEmpty() != lastDateAdded.isEmpty()) {
      throw new IllegalArgumentException(
          "first/last date_added must be present exactly when the page has entries ("
              + items.size()
              + ")");
    }
    if (more && items.isEmpty()) {
      throw new IllegalArgumentException("an empty page cannot have more entries after it");
    }
  }

  /** The cursor of the following page, present when {@link #more()} is true. */
  public Optional<Cursor> next() {
    return more ? lastDateAdded.map(Cursor::new) : Optional.empty();
  }
}
