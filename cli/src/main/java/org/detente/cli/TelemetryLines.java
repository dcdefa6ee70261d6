package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.detente.pattern.telemetry.TelemetryAdapter;

/**
 * Splits a byte stream into lines without decoding them, for the telemetry adapters. A line ends at
 * {@code \n}; a {@code \r} before it is dropped. Blank lines are skipped. A line longer than {@link
 * TelemetryAdapter#MAX_RECORD_BYTES} is reported as too long and skipped without being held in
 * memory.
 */
final class TelemetryLines {
  /** Receives the lines of a stream. */
  interface Sink {
    void line(byte[] buffer, int offset, int length, long lineNumber);

    void tooLong(long lineNumber, long length);
  }

  private static final int BUFFER = 2 * TelemetryAdapter.MAX_RECORD_BYTES;

  private TelemetryLines() {}

  static void read(InputStream in, Sink sink) throws IOException {
    byte[] buf = new byte[BUFFER];
    int start = 0;
    int end = 0;
    int scan = 0;
    long lineNumber = 1;
    long skipped = -1; // bytes of an over-long line being skipped, or -1
    while (true) {
      int nl = lineBreak(buf, scan, end);
      if (nl >= 0) {
        if (skipped >= 0) {
          sink.tooLong(lineNumber, skipped + (nl - start));
          skipped = -1;
        } else {
          emit(buf, start, nl, lineNumber, sink);
        }
        lineNumber++;
        start = nl + 1;
        scan = start;
        continue;
      }
      scan = end;
      if (end - start > TelemetryAdapter.MAX_RECORD_BYTES) {
        skipped = (skipped < 0 ? 0 : skipped) + (end - start);
        start = end;
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        scan -= start;
        start = 0;
      }
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        if (skipped >= 0) {
          sink.tooLong(lineNumber, skipped + (end - start));
        } else if (end > start) {
          emit(buf, start, end, lineNumber, sink);
        }
        return;
      }
      end += n;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = '\n' * ONES;

  /**
   * The index of the first {@code \n} in {@code b[from, to)}, or -1; eight bytes at a time (a byte
   * of {@code w} is zero where the line break is; the lowest flagged byte is always a true zero).
   */
  static int lineBreak(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ NEWLINES;
      long zero = (w - ONES) & ~w & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void emit(byte[] buf, int from, int to, long lineNumber, Sink sink) {
    int e = to;
    if (e > from && buf[e - 1] == '\r') {
      e--;
    }
    for (int i = from; i < e; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t') {
        if (e - from > TelemetryAdapter.MAX_RECORD_BYTES) {
          sink.tooLong(lineNumber, e - from);
        } else {
          sink.line(buf, from, e - from, lineNumber);
        }
        return;
      }
    }
  }
}
