package org.detente.node.sync;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The body of a streamed answer that fails when nothing arrives for too long: a transfer may take
 * as long as it needs while bytes flow, but a server that stalls in the middle cannot hold the
 * reader. A watchdog (one virtual thread per stream, ended by {@link #close}) closes the underlying
 * stream once {@code idle} has passed since the last byte read; the JDK's body stream then wakes a
 * blocked read with an {@link IOException}, which this stream reports as the stall it is.
 *
 * <p>One reader thread; {@link #close} from any thread.
 */
final class IdleTimeoutStream extends FilterInputStream {
  private final long idleNanos;
  private final Thread watchdog;
  private volatile long lastRead = System.nanoTime();
  private volatile boolean closed;
  private volatile boolean stalled;

  IdleTimeoutStream(InputStream in, Duration idle) {
    super(in);
    this.idleNanos = idle.toNanos();
    this.watchdog = Thread.ofVirtual().name("detente-stream-watchdog").start(this::watch);
  }

  private void watch() {
    try {
      while (!closed) {
        long left = lastRead + idleNanos - System.nanoTime();
        if (left <= 0) {
          stalled = true;
          in.close();
          return;
        }
        Thread.sleep(Duration.ofNanos(left));
      }
    } catch (InterruptedException | IOException e) {
      // closed meanwhile, or the close failed: the read ends on its own either way
    }
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      lastRead = System.nanoTime();
      return b;
    } catch (IOException e) {
      throw stalledOr(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      lastRead = System.nanoTime();
      return n;
    } catch (IOException e) {
      throw stalledOr(e);
    }
  }

  private IOException stalledOr(IOException e) {
    return stalled ? new IOException("no data arrived for " + idleNanos / 1_000_000 + " ms", e) : e;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    watchdog.interrupt();
    super.close();
  }
}
