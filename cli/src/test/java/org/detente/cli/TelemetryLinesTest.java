package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TelemetryLinesTest {
  @Test
  void lineBreak_findsTheFirstAtEveryOffsetAndLength() {
    Random r = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // bytes near '\n' and with the high bit set, where a word-at-a-time test could slip
        int kind = r.nextInt(5);
        b[i] = (byte) (kind == 0 ? '\n' : kind == 1 ? 0x0B : kind == 2 ? 0x8A : r.nextInt(256));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(TelemetryLines.lineBreak(b, from, to)).isEqualTo(expected);
    }
  }

  @Test
  void read_givesEachLineWithItsNumberWithoutLineEndsOrBlankLines() throws Exception {
    String text = "{\"a\":1}\r\n\n   \n{\"bb\":22, \"long\":\"0123456789abcdef\"}\n{\"c\":3}";
    List<String> lines = new ArrayList<>();
    TelemetryLines.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new TelemetryLines.Sink() {
          @Override
          public void line(byte[] buffer, int offset, int length, long lineNumber) {
            lines.add(
                lineNumber + ":" + new String(buffer, offset, length, StandardCharsets.UTF_8));
          }

          @Override
          public void tooLong(long lineNumber, long length) {
            lines.add(lineNumber + ": too long " + length);
          }
        });

    assertThat(lines)
        .containsExactly(
            "1:{\"a\":1}", "4:{\"bb\":22, \"long\":\"0123456789abcdef\"}", "5:{\"c\":3}");
  }
}
