package org.detente.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log back into the database file on a background thread, so that the
 * writer does not pay for checkpoints inside its commits. After each commit it runs a {@code
 * PASSIVE} checkpoint, which never blocks readers or the writer; a writer checkpoints by itself
 * only when the log outgrows the connection's {@code wal_autocheckpoint} limit.
 */
final class SqliteCheckpoints implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SqliteCheckpoints.class.getName());

  private final DataSource ds;
  private final String description;
  private final Semaphore pending = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closed;

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
