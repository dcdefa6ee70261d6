package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternSyntaxErrorsTest {

  static Stream<Arguments> invalidPatterns() {
    return Stream.of(
        // structure
        bad("", 0, "'[' or '('"),
        bad("   ", 3, "'[' or '('"),
        bad("file:size = 1280", 0, "'[' or '('"),
        bad("[file:size = 1280", 17, "']' to close the observation expression opened at offset 0"),
        bad("[file:size = 1280]]", 18, "AND, OR, FOLLOWEDBY"),
        bad("[file:size = 1280] [file:size = 1]", 19, "AND, OR, FOLLOWEDBY"),
        bad("[]", 1, "an object path, EXISTS or '('"),
        bad("[file:size = 1 AND]", 18, "an object path, EXISTS or '('"),
        bad("[file:size = 1 OR ]", 18, "an object path, EXISTS or '('"),
        bad("[file:size = 1] AND", 19, "'[' or '('"),
        bad("[file:size = 1] OR", 18, "'[' or '('"),
        bad("[file:size = 1] FOLLOWEDBY", 26, "'[' or '('"),
        bad("([file:size = 1]", 16, "')' to close the parenthesis opened at offset 0"),
        bad("([file:size = 1]))", 17, "AND, OR, FOLLOWEDBY"),
        bad("[(file:size = 1]", 15, "')' to close the parenthesis opened at offset 1"),
        bad("[file:size = 1 AND file:size = 2", 32, "']' to close"),
        bad("[file:size = 1] and [file:size = 2]", 16, "AND, OR, FOLLOWEDBY"),
        bad("[file:size = 1] ANDY [file:size = 2]", 16, "AND, OR, FOLLOWEDBY"),
        bad("[file:size = 1 and file:size = 2]", 15, "']' to close"),
        bad("[file:size = 1] FOLLOWED BY [file:size = 2]", 16, "AND, OR, FOLLOWEDBY"),
        bad("()", 1, "'[' or '('"),
        bad("[file:size = 1] /* open", 16, "'*/' to close the comment"),
        bad("NOT [file:size = 1]", 0, "'[' or '('"),
        // object paths
        bad("[file.size = 1280]", 5, "':' after the object type file"),
        bad("[file size = 1]", 5, "':' after the object type file"),
        bad("[File:size = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[x_whatever:detected = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[fi:size = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[1file:size = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[-file:size = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[" + "a".repeat(251) + ":size = 1]", 1, "an object type of 3 to 250 lowercase"),
        bad("[file: = 1]", 6, "a property name or quoted key after ':'"),
        bad("[file:size. = 1]", 11, "a property name or quoted key after '.'"),
        bad("[file:1size = 1]", 6, "a property name or quoted key after ':'"),
        bad("[file:hashes.SHA-256 = 'ab']", 16, "a property name with '-' must be quoted"),
        bad("[file:extensions.windows-pebinary-ext.x = 1]", 24, "must be quoted"),
        bad("[file:hashes.'SHA-256 = 'ab']", 25, "a comparison operator"),
        bad("[file:a[] = 1]", 8, "a list index (an integer) or '*'"),
        bad("[file:a[x] = 1]", 8, "a list index"),
        bad("[file:a[1.5] = 1]", 8, "a list index"),
        bad("[file:a[1 = 1]", 10, "']' to close the list index opened at offset 7"),
        bad("[file:a[99999999999] = 1]", 8, "a list index within the 32-bit integer range"),
        bad("[file : size = 1]", 5, "':' after the object type file"),
        bad("[EXISTS]", 7, "an object path, EXISTS or '('"),
        bad("[EXISTS file]", 12, "':' after the object type file"),
        bad("[NOT file:size = 1]", 1, "an object type of 3 to 250 lowercase"),
        // operators
        bad("[file:size 1]", 11, "a comparison operator"),
        bad("[file:size]", 10, "a comparison operator"),
        bad("[file:size =? 1]", 12, "a constant"),
        bad("[file:size ! 1]", 11, "a comparison operator"),
        bad("[file:size NOT 1]", 15, "a comparison operator after NOT"),
        bad("[file:size NOT NOT = 1]", 15, "a comparison operator after NOT"),
        bad("[file:size like 'a%']", 11, "a comparison operator"),
        bad("[file:size === 1]", 13, "a constant"),
        bad("[file:size => 1]", 12, "a constant"),
        bad("[file:size BETWEEN 1 AND 2]", 11, "a comparison operator"),
        bad("[file:size NOT EXISTS]", 15, "a comparison operator after NOT"),
        // constants and their fit with the operator
        bad("[file:size = ]", 13, "a constant"),
        bad("[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]", 19, "a constant"),
        bad("[file:name MATCHES /.*\\.dll/]", 19, "a constant"),
        bad("[file:name = \"foo\"]", 13, "a constant"),
        bad("[file:name = 'foo]", 18, "a closing quote for the string opened at offset 13"),
        bad("[file:name = 'a\\nb']", 15, "the only escapes in a pattern string"),
        bad("[file:name = 'a\\\"b']", 15, "the only escapes in a pattern string"),
        bad("[file:name = 'a\\']", 18, "a closing quote for the string opened at offset 13"),
        bad("[file:size = 01]", 13, "an integer without leading zeros"),
        bad("[file:size = 1.]", 15, "a digit after the decimal point"),
        bad("[file:size = 1e5]", 13, "no exponent"),
        bad("[file:size = 1.5.2]", 13, "no exponent"),
        bad("[file:size = 9223372036854775808]", 13, "an integer between"),
        bad("[file:size = --1]", 13, "a constant"),
        bad("[file:x = TRUE]", 10, "a constant"),
        bad("[file:x = True]", 10, "a constant"),
        bad("[file:x = t'2457-73-22T32:81:84.1Z']", 10, "a STIX timestamp"),
        bad("[file:x = t'2016-02-30T00:00:00Z']", 10, "a STIX timestamp"),
        bad("[file:x = t'2016-06-01 00:00:00Z']", 10, "a STIX timestamp"),
        bad("[file:x = t'2016-06-01T00:00:00+01:00']", 10, "a STIX timestamp"),
        bad("[file:x = t'2016-06-01T00:00:00']", 10, "a STIX timestamp"),
        bad("[file:x = t'2016-06-01T00:00:00Z]", 33, "a closing quote for the timestamp"),
        bad("[file:x = h'fff']", 10, "an even number of hexadecimal digits"),
        bad("[file:x = h'zz']", 10, "an even number of hexadecimal digits"),
        bad("[artifact:payload_bin = b'====']", 24, "padded base64"),
        bad("[artifact:payload_bin = b'abc']", 24, "padded base64"),
        bad("[artifact:payload_bin = b'']", 24, "padded base64"),
        bad("[artifact:payload_bin = b'ab=c']", 24, "padded base64"),
        bad("[file:name LIKE 5]", 16, "a string after LIKE"),
        bad("[file:name MATCHES h'ab']", 19, "a string after MATCHES"),
        bad("[ipv4-addr:value ISSUBSET true]", 26, "a string after ISSUBSET"),
        bad("[ipv4-addr:value ISSUPERSET 1.0]", 28, "a string after ISSUPERSET"),
        bad("[network-traffic:dst_ref.value ISSUBSET ]", 40, "a constant"),
        bad("[file:x > true]", 10, "an orderable constant, not a boolean"),
        bad("[file:name IN 'a']", 14, "'(' to start the list after IN"),
        bad("[file:name IN ('a' 'b')]", 19, "',' or ')' to close the list opened at offset 14"),
        bad("[file:name IN ('a',)]", 19, "a constant"),
        bad("[file:name IN ('a', ('b'))]", 20, "a constant"),
        bad("[file:name IN ('a'", 18, "',' or ')' to close the list"),
        bad("[file:name = ('a')]", 13, "a constant"),
        // comparison AND on one object type
        bad("[file:name = 'a' AND process:name = 'b']", 21, "a comparison on object type file"),
        bad(
            "[(file:name = 'a' OR process:name = 'b') AND file:size = 1]",
            45,
            "several object types"),
        bad(
            "[file:name = 'a' AND (file:size = 1 OR process:pid = 2)]",
            21,
            "a comparison on object type file"),
        // qualifiers
        bad("[file:size = 1] WITHIN ]", 23, "a positive number of seconds after WITHIN"),
        bad("[file:size = 1] WITHIN 5 HOURS", 25, "SECONDS after the WITHIN duration"),
        bad("[file:size = 1] WITHIN 5", 24, "SECONDS after the WITHIN duration"),
        bad("[file:size = 1] WITHIN -5 SECONDS", 23, "a positive number of seconds"),
        bad("[file:size = 1] WITHIN 0 SECONDS", 23, "a positive number of seconds"),
        bad("[file:size = 1] WITHIN 0.0 SECONDS", 23, "a positive number of seconds"),
        bad("[file:size = 1] WITHIN five SECONDS", 23, "a positive number of seconds"),
        bad("[file:size = 1] within 5 seconds", 16, "AND, OR, FOLLOWEDBY"),
        bad("[file:size = 1] REPEATS 0 TIMES", 24, "a positive integer"),
        bad("[file:size = 1] REPEATS -2 TIMES", 24, "a positive integer after REPEATS"),
        bad("[file:size = 1] REPEATS 2.5 TIMES", 24, "a positive integer after REPEATS"),
        bad("[file:size = 1] REPEATS 2", 25, "TIMES after the REPEATS count"),
        bad("[file:size = 1] REPEATS 3000000000 TIMES", 24, "a positive integer of at most"),
        bad(
            "[file:size = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS",
            33,
            "a second WITHIN needs parentheses"),
        bad("[file:size = 1] REPEATS 2 TIMES REPEATS 3 TIMES", 32, "a second REPEATS"),
        bad(
            "[file:size = 1] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'"
                + " START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
            75,
            "a second START"),
        bad(
            "[file:size = 1] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'",
            22,
            "a timestamp t'...' after START"),
        bad("[file:size = 1] START t'2016-06-01T00:00:00Z'", 45, "STOP after the START timestamp"),
        bad(
            "[file:size = 1] START t'2016-06-01T00:00:00Z' STOP 5",
            51,
            "a timestamp t'...' after STOP"),
        bad(
            "[file:size = 1] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'",
            51,
            "a STOP timestamp later than the START timestamp 2016-07-01T00:00:00Z"),
        bad(
            "[file:size = 1] START t'2016-07-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
            51,
            "a STOP timestamp later"),
        bad("[file:size = 1] STOP t'2016-07-01T00:00:00Z'", 16, "AND, OR, FOLLOWEDBY"),
        bad("WITHIN 5 SECONDS", 0, "'[' or '('"),
        bad("[file:size = 1] AND WITHIN 5 SECONDS", 20, "'[' or '('"));
  }

  private static Arguments bad(String text, int offset, String expected) {
    return Arguments.of(text, offset, expected);
  }

  @ParameterizedTest
  @MethodSource("invalidPatterns")
  void parse_invalidPattern_throwsAtOffsetWithExpectation(
      String text, int offset, String expected) {
    PatternSyntaxException e =
        catchThrowableOfType(PatternSyntaxException.class, () -> StixPatterns.parse(text));

    assertThat(e).as("no exception for %s", text).isNotNull();
    assertThat(e.expected()).contains(expected);
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    assertThat(e.getMessage()).startsWith("at offset " + offset + ": expected ");
  }
}
