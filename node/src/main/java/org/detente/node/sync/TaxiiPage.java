package org.detente.node.sync;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a paged TAXII answer (objects, manifest, versions) with the pagination data of its
 * body and headers.
 *
 * @param items the page's entries, in the server's order
 * @param more the {@code more} property: true when entries follow
 * @param next the {@code next} property, when the server gave one
 * @param dateAddedFirst the {@code X-TAXII-Date-Added-First} header, when present
 * @param dateAddedLast the {@code X-TAXII-Date-Added-Last} header, when present
 */
public record TaxiiPage<T>(
    List<T> items,
    boolean more,
    Optional<String> next,
    Optional<Instant> dateAddedFirst,
    Optional<Instant> dateAddedLast) {
  public TaxiiPage {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(dateAddedFirst, "dateAddedFirst");
    Objects.requireNonNull(dateAddedLast, "dateAddedLast");
  }
}
