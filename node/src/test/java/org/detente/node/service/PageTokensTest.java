package org.detente.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.detente.node.store.Cursor;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private final PageTokens tokens = new PageTokens();
  private final Cursor cursor = new Cursor(Instant.parse("2026-01-02T03:04:05.123456Z"));

  @Test
  void decode_ownToken_givesTheCursorBack() {
    String t = tokens.encode(cursor, "q");
    assertThat(t).hasSize(22).doesNotContain(cursor.encode());
    assertThat(tokens.decode(t, "q")).isEqualTo(cursor);
  }

  @Test
  void decode_otherQueryOtherServerOrAltered_isRefused() {
    String t = tokens.encode(cursor, "q");
    assertThatThrownBy(() -> tokens.decode(t, "q2"))
        .isInstanceOf(RequestException.Invalid.class)
        .hasMessageContaining("not a page token");
    assertThatThrownBy(() -> new PageTokens().decode(t, "q"))
        .isInstanceOf(RequestException.Invalid.class);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i) == 'A' ? 'B' : 'A';
      // also at the last position, where the two differ only in bits base64 leaves unused
      String altered = t.substring(0, i) + c + t.substring(i + 1);
      if (!altered.equals(t)) {
        assertThatThrownBy(() -> tokens.decode(altered, "q"))
            .as(altered)
            .isInstanceOf(RequestException.Invalid.class);
      }
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String lastBitsSet = t.substring(0, 21) + alphabet.charAt(alphabet.indexOf(t.charAt(21)) | 1);
    for (String bad : new String[] {"", "1700000000000000", "!".repeat(22), t + "A", lastBitsSet}) {
      assertThatThrownBy(() -> tokens.decode(bad, "q"))
          .isInstanceOf(RequestException.Invalid.class);
    }
  }
}
