package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the next page starts: the {@code date_added} of the last object of the previous page.
 * Objects added strictly after it follow.
 *
 * @param after the last {@code date_added} already seen
 */
public record Cursor(Instant after) {
  public Cursor {
    Objects.requireNonNull(after, "after");
  }

  /** An opaque text form, for example for a TAXII {@code next} parameter. */
  public String encode() {
    return Long.toString(Micros.of(after));
  }

  /**
   * Reads the form written by {@link #encode()}.
   *
   * @throws IllegalArgumentException when {@code text} is not such a form
   */
  public static Cursor decode(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty() || text.length() > 20 || !text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a page cursor: '" + text + "'");
    }
    return new Cursor(Micros.toInstant(Long.parseLong(text)));
  }
}
