package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
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
      int nl = -1;
      for (int i = scan; i < end; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
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
