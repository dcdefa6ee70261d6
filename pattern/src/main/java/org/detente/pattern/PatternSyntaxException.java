package org.detente.pattern;

/**
 * The one exception {@link StixPatterns#parse} throws for text that is not a valid STIX 2.1
 * pattern: a syntax error, a constant that is out of range or malformed, a rule of the
 * specification broken, or an input past the parser's size and nesting limits.
 */
public final class PatternSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;
  private final String expected;
  private final String found;

  PatternSyntaxException(int offset, String expected, String found) {
    super("at offset " + offset + ": expected " + expected + ", found " + found);
    this.offset = offset;
    this.expected = expected;
    this.found = found;
  }

  /** The 0-based character offset into the input where the error was detected. */
  public int offset() {
    return offset;
  }

  /** What the parser expected at {@link #offset()}, in words. */
  public String expected() {
    return expected;
  }

  /** What was there instead: a quoted excerpt of the input, or {@code end of input}. */
  public String found() {
    return found;
  }
}
