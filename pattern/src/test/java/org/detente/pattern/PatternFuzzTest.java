package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Any input either parses (and then prints to text that parses back to an equal tree) or throws
 * {@link PatternSyntaxException}; nothing else escapes, whatever the input, its size or nesting.
 */
class PatternFuzzTest {
  private static final String[] PIECES = {
    "[",
    "]",
    "(",
    ")",
    " ",
    "AND",
    "OR",
    "NOT",
    "FOLLOWEDBY",
    "WITHIN",
    "SECONDS",
    "REPEATS",
    "TIMES",
    "START",
    "STOP",
    "EXISTS",
    "IN",
    "LIKE",
    "MATCHES",
    "ISSUBSET",
    "ISSUPERSET",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "<>",
    ":",
    ".",
    ",",
    "*",
    "'",
    "\\",
    "file",
    "process",
    "network-traffic",
    "size",
    "name",
    "hashes",
    "'SHA-256'",
    "_ref",
    "[*]",
    "[0]",
    "[-1]",
    "1",
    "-2",
    "+3",
    "0.5",
    ".7",
    "1.",
    "01",
    "99999999999999999999",
    "true",
    "false",
    "'a'",
    "'it\\'s'",
    "t'2016-06-01T00:00:00Z'",
    "t'2016-13-01T00:00:00Z'",
    "h'ff'",
    "h'f'",
    "b'AQI='",
    "b'='",
    "/*",
    "*/",
    "//",
    "\n",
    "\u00a0",
    "é",
    "\uD83D\uDE00",
    "\uD83D",
    "\0"
  };

  @Test
  void parse_randomPieces_onlyDocumentedException() {
    Random random = new Random(20240611L);
    for (int i = 0; i < 30_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(25);
      for (int j = 0; j < n; j++) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
      }
      check(b.toString());
    }
  }

  @Test
  void parse_randomCharacters_onlyDocumentedException() {
    Random random = new Random(7L);
    String alphabet = "[]()'\\:.,*=!<>-+_ 0123456789abcfhtzANDORTW/\n";
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] =
            random.nextInt(10) == 0
                ? (char) random.nextInt(0x3000)
                : alphabet.charAt(random.nextInt(alphabet.length()));
      }
      check(new String(chars));
    }
  }

  @Test
  void parse_mutatedSpecExamples_onlyDocumentedExceptionAndRoundTrip() throws IOException {
    List<String> examples = StixPatternsTest.specExamples().toList();
    Random random = new Random(42L);
    int parsed = 0;
    for (int i = 0; i < 40_000; i++) {
      StringBuilder b = new StringBuilder(examples.get(random.nextInt(examples.size())));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(4)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
          case 2 -> b.setCharAt(at, b.charAt(random.nextInt(b.length())));
          default -> {
            int end = Math.min(b.length(), at + random.nextInt(10));
            b.delete(at, end);
          }
        }
      }
      if (check(b.toString())) {
        parsed++;
      }
    }
    // The mutations must reach both outcomes, or the fuzzing proves little.
    assertThat(parsed).isBetween(1_000, 39_000);
  }

  @Test
  void parse_deepNesting_documentedException() {
    String deepObservations = "(".repeat(5_000) + "[file:size = 1]" + ")".repeat(5_000);
    String deepComparisons = "[" + "(".repeat(5_000) + "file:size = 1" + ")".repeat(5_000) + "]";

    PatternSyntaxException a =
        catchThrowableOfType(
            PatternSyntaxException.class, () -> StixPatterns.parse(deepObservations));
    PatternSyntaxException b =
        catchThrowableOfType(
            PatternSyntaxException.class, () -> StixPatterns.parse(deepComparisons));

    assertThat(a.offset()).isEqualTo(StixPatterns.MAX_DEPTH);
    assertThat(a.expected()).isEqualTo("at most 100 nested parentheses");
    assertThat(b.offset()).isEqualTo(StixPatterns.MAX_DEPTH + 1);
  }

  @Test
  void parse_nestingAtLimit_parses() {
    String text =
        "(".repeat(50)
            + "["
            + "(".repeat(50)
            + "file:size = 1"
            + ")".repeat(50)
            + "]"
            + ")".repeat(50);

    assertThat(StixPatterns.parse(text).toString()).isEqualTo("[file:size = 1]");
  }

  @Test
  void parse_tooLong_documentedException() {
    String text = "[file:name = '" + "a".repeat(StixPatterns.MAX_LENGTH) + "']";

    PatternSyntaxException e =
        catchThrowableOfType(PatternSyntaxException.class, () -> StixPatterns.parse(text));

    assertThat(e.offset()).isEqualTo(StixPatterns.MAX_LENGTH);
    assertThat(e.expected()).contains("at most 100000 characters (this one has 100016)");
  }

  @Test
  void parse_longFlatChainNearLimit_parsesAndPrints() {
    StringBuilder b = new StringBuilder("[file:size = 0");
    while (b.length() < StixPatterns.MAX_LENGTH - 40) {
      b.append(" OR file:size = 1");
    }
    b.append(']');
    StringBuilder obs = new StringBuilder("[file:size = 0]");
    while (obs.length() < StixPatterns.MAX_LENGTH - 40) {
      obs.append(" FOLLOWEDBY [file:size = 1]");
    }

    PatternExpression flat = StixPatterns.parse(b.toString());
    PatternExpression chain = StixPatterns.parse(obs.toString());

    assertThat(flat.toString()).isEqualTo(b.toString());
    assertThat(StixPatterns.parse(chain.toString())).isEqualTo(chain);
  }

  /** True when the text parsed. */
  private static boolean check(String text) {
    PatternExpression ast;
    try {
      ast = StixPatterns.parse(text);
    } catch (PatternSyntaxException e) {
      assertThat(e.offset()).as(text).isBetween(0, text.length());
      assertThat(e.getMessage()).startsWith("at offset " + e.offset() + ": expected ");
      return false;
    }
    String printed = ast.toString();
    assertThat(StixPatterns.parse(printed)).as(text).isEqualTo(ast);
    return true;
  }
}
