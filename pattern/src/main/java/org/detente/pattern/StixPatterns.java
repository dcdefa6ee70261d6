package org.detente.pattern;

/**
 * Entry point to STIX 2.1 Patterning (specification section 9).
 *
 * <p>Choices where the specification leaves room or where its prose and its ANTLR grammar differ:
 *
 * <ul>
 *   <li>Precedence, loosest first: {@code FOLLOWEDBY}, {@code OR}, {@code AND}, then qualifiers,
 *       which apply to the observation expression (or parenthesised group) just before them. All
 *       three operators are left-associative; chains are kept as one n-ary node.
 *   <li>Qualifiers chain ({@code REPEATS 5 TIMES WITHIN 180 SECONDS}), but one kind appears at most
 *       once per chain; a repeat needs parentheses ({@code ([a] WITHIN 5 SECONDS) WITHIN 9
 *       SECONDS}).
 *   <li>{@code WITHIN} takes a positive integer or decimal, as the 2.1 grammar does; {@code
 *       REPEATS} a positive integer up to 2^31-1; {@code START}/{@code STOP} take {@code t'...'}
 *       timestamps and START must be strictly before STOP.
 *   <li>Keywords are upper case only, {@code true}/{@code false} lower case only. {@code ==} and
 *       {@code <>} are read as {@code =} and {@code !=} (the grammar allows them); {@code /* *\/}
 *       and {@code //} comments are skipped as in the grammar.
 *   <li>Object types follow the STIX type-name rule: 3 to 250 lowercase ASCII letters, digits and
 *       hyphens, starting with a letter (the grammar alone would allow upper case and {@code _}).
 *       Unquoted property names are {@code [A-Za-z_][A-Za-z0-9_]*}; anything else is quoted.
 *   <li>All comparisons joined by {@code AND} inside one observation expression use one object
 *       type; {@code OR} may mix types.
 *   <li>Timestamps are checked as STIX timestamps ({@code org.detente.stix.StixTimestamp}): a real
 *       calendar date, {@code T}, {@code Z}; a leap second {@code :60} is rejected. Integers are
 *       64-bit; a list index is a 32-bit integer and may be negative, as the grammar allows.
 *   <li>Bounds: at most {@value PatternParser#MAX_LENGTH} characters and {@value
 *       PatternParser#MAX_DEPTH} nested parentheses.
 * </ul>
 */
public final class StixPatterns {
  private StixPatterns() {}

  /** The longest pattern text {@link #parse} accepts, in characters. */
  public static final int MAX_LENGTH = PatternParser.MAX_LENGTH;

  /** The deepest nesting of parentheses {@link #parse} accepts. */
  public static final int MAX_DEPTH = PatternParser.MAX_DEPTH;

  /**
   * Parses a STIX 2.1 pattern. The result's {@code toString()} is canonical pattern text that
   * parses back to an equal tree.
   *
   * @param text the pattern, as in an indicator's {@code pattern} property
   * @return the root of the syntax tree
   * @throws PatternSyntaxException when {@code text} is not a valid pattern, is longer than {@link
   *     #MAX_LENGTH} characters or nests parentheses deeper than {@link #MAX_DEPTH}
   * @throws NullPointerException when {@code text} is null
   */
  public static PatternExpression parse(String text) {
    return PatternParser.parse(text);
  }
}
