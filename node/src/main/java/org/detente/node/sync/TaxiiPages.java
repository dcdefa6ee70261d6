package org.detente.node.sync;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A walk over a paged TAXII answer, one request per page, fetched only when asked for: memory holds
 * one page at a time.
 *
 * <p>After a page with {@code more} true, the next request carries the page's {@code next} with the
 * original filters, as TAXII 2.1 prescribes; when the server gave no {@code next}, it carries
 * {@code added_after} set to the page's {@code X-TAXII-Date-Added-Last} instead. A server that
 * would make the walk loop or stall (more with an empty page, the same {@code next} twice, a {@code
 * X-TAXII-Date-Added-Last} that does not advance, more with neither {@code next} nor that header)
 * ends it with a {@link TaxiiResponseException} instead of being asked again.
 *
 * <p>{@link #checkpoint()} is the {@code date_added} of the last entry consumed so far: a walk
 * started again later with {@code added_after} set to it continues where this one stopped. A {@code
 * next} value is not a checkpoint, because a server may forget it.
 *
 * <p>Not thread-safe; a walk belongs to one thread.
 */
public final class TaxiiPages<T> implements Iterator<TaxiiPage<T>> {
  /** Fetches one page: the first when both are empty. */
  @FunctionalInterface
  interface Fetch<T> {
    TaxiiPage<T> page(Optional<String> next, Optional<Instant> addedAfter);
  }

  private final Fetch<T> fetch;
  private final URI url;
  private Optional<Instant> checkpoint;
  private TaxiiPage<T> last;
  private long pages;
  private long items;

  TaxiiPages(Fetch<T> fetch, URI url, Optional<Instant> addedAfter) {
    this.fetch = fetch;
    this.url = url;
    this.checkpoint = addedAfter;
  }

  @Override
  public boolean hasNext() {
    return last == null || last.more();
  }

  /**
   * Fetches the next page.
   *
   * @throws NoSuchElementException when the last page had {@code more} false
   * @throws TaxiiException when the request fails or the answer would make the walk loop
   */
  @Override
  public TaxiiPage<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException(url + ": no page after the last one");
    }
    TaxiiPage<T> page;
    if (last == null) {
      page = fetch.page(Optional.empty(), Optional.empty());
    } else if (last.next().isPresent()) {
      page = fetch.page(last.next(), Optional.empty());
      if (page.more() && page.next().equals(last.next())) {
        throw stalled("the server returned the same next '" + last.next().get() + "' twice");
      }
    } else {
      page = fetch.page(Optional.empty(), last.dateAddedLast());
    }
    if (page.more() && page.items().isEmpty()) {
      throw stalled("an empty page with more=true after " + pages + " pages");
    }
    if (page.more() && page.next().isEmpty() && page.dateAddedLast().isEmpty()) {
      throw stalled("more=true with neither next nor X-TAXII-Date-Added-Last");
    }
    if (last != null
        && last.next().isEmpty()
        && page.dateAddedLast().isPresent()
        && !page.dateAddedLast().get().isAfter(last.dateAddedLast().orElseThrow())) {
      throw stalled(
          "X-TAXII-Date-Added-Last "
              + page.dateAddedLast().get()
              + " does not advance past "
              + last.dateAddedLast().get());
    }
    last = page;
    pages++;
    items += page.items().size();
    if (page.dateAddedLast().isPresent()) {
      checkpoint = page.dateAddedLast();
    }
    return page;
  }

  private TaxiiResponseException stalled(String problem) {
    return new TaxiiResponseException("GET", url, "pagination stalls: " + problem, null);
  }

  /**
   * The {@code date_added} of the last entry of the pages fetched so far (from {@code
   * X-TAXII-Date-Added-Last}), else the {@code added_after} the walk started from; empty when
   * neither is known.
   */
  public Optional<Instant> checkpoint() {
    return checkpoint;
  }

  /** The {@code next} value of the last page fetched, if it had one. */
  public Optional<String> nextToken() {
    return last == null ? Optional.empty() : last.next();
  }

  /** How many pages were fetched. */
  public long pagesFetched() {
    return pages;
  }

  /** How many entries the fetched pages held. */
  public long itemsFetched() {
    return items;
  }

  /** The entries of every page, fetched lazily page by page. */
  public Stream<T> items() {
    Iterator<T> flat =
        new Iterator<>() {
          private Iterator<T> current = Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && TaxiiPages.this.hasNext()) {
              current = TaxiiPages.this.next().items().iterator();
            }
            return current.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException(url + ": no entry after the last one");
            }
            return current.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(flat, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
