package org.detente.node.sync;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Walks an iterator on a thread of its own, one element ahead of the consumer, so that fetching the
 * next page from a partner overlaps with storing the current one (each side of a sync otherwise
 * waits for the other: the partner's database and signing, then ours).
 *
 * <p>Elements arrive in the source's order. A failure of the source ({@code hasNext} or {@code
 * next} throwing) is handed over in its place and thrown by {@link #next()} or {@link #hasNext()}
 * once the elements before it are consumed, so a consumer sees the same sequence of elements and
 * failures as it would walking the source itself; nothing after a failure is fetched. At most two
 * elements are held: one waiting, one being fetched.
 *
 * <p>{@link #close()} stops the walk: the thread ends after the fetch in progress. Used by one
 * consumer thread.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
  private static final Object END = new Object();

  /** A failure of the source, in the place of the element it could not fetch. */
  private record Failure(Throwable error) {}

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1);
  private final Thread thread;
  private volatile boolean closed;
  private Object peeked;

  ReadAhead(Iterator<T> source, String threadName) {
    this.thread = Thread.ofPlatform().daemon().name(threadName).start(() -> walk(source));
  }

  private void walk(Iterator<T> source) {
    try {
      while (!closed && source.hasNext()) {
        if (!hand(source.next())) {
          return;
        }
      }
      hand(END);
    } catch (RuntimeException | Error e) {
      hand(new Failure(e));
    }
  }

  /** Waits for room; false when the consumer closed the walk meanwhile. */
  private boolean hand(Object o) {
    try {
      while (!closed) {
        if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private Object peek() {
    if (peeked == null) {
      if (closed) {
        throw new IllegalStateException("the read-ahead walk is closed");
      }
      try {
        peeked = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the next element", e);
      }
    }
    return peeked;
  }

  @Override
  public boolean hasNext() {
    Object o = peek();
    if (o instanceof Failure f) {
      throw rethrow(f.error());
    }
    return o != END;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no element after the last one");
    }
    T t = (T) peeked;
    peeked = null;
    return t;
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    throw (Error) t;
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
    thread.interrupt();
  }
}
