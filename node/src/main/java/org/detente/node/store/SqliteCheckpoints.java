package org.detente.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log back into the database file on a background thread, so that the
 * writer does not pay for checkpoints inside its commits. After each commit it runs a {@code
 * PASSIVE} checkpoint, which never blocks readers or the writer, at most one every {@value
 * #MIN_INTERVAL_NANOS} ns (each one copies pages and syncs the file, so a stream of small commits
 * shares one); a writer checkpoints by itself only when the log outgrows the connection's {@code
 * wal_autocheckpoint} limit.
 */
final class SqliteCheckpoints implements AutoCloseable {
  /** The shortest time between two checkpoints. */
  static final long MIN_INTERVAL_NANOS = 500_000_000L;

  private static final System.Logger LOG = System.getLogger(SqliteCheckpoints.class.getName());

  private final DataSource ds;
  private final String description;
  private final Semaphore pending = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closed;
  private long lastCheckpoint = System.nanoTime() - MIN_INTERVAL_NANOS;

  SqliteCheckpoints(DataSource ds, String description) {
    this.ds = ds;
    this.description = description;
    this.thread = Thread.ofPlatform().daemon().name("detente-sqlite-checkpoint").start(this::run);
  }

  /** Tells the checkpointer that a transaction committed. */
  void committed() {
    if (pending.availablePermits() == 0) {
      pending.release();
    }
  }

  private void run() {
    while (!closed) {
      try {
        if (!pending.tryAcquire(1, TimeUnit.SECONDS)) {
          continue;
        }
        pending.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      long wait = lastCheckpoint + MIN_INTERVAL_NANOS - System.nanoTime();
      if (wait > 0) {
        // many small commits (a TAXII server taking envelopes) share one checkpoint
        LockSupport.parkNanos(wait);
        if (closed) {
          return;
        }
      }
      lastCheckpoint = System.nanoTime();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (SQLException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.WARNING, "checkpoint failed on " + description, e);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
