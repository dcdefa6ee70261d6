package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.detente.pattern.ComparisonExpression.Comparison;
import org.detente.pattern.Constant.BinaryConstant;
import org.detente.pattern.PatternExpression.Observation;
import org.detente.pattern.PatternExpression.Qualified;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StixPatternsTest {

  static Stream<String> specExamples() throws IOException {
    try (InputStream in = StixPatternsTest.class.getResourceAsStream("spec-examples.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      return lines.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("specExamples")
  void parse_specificationExample_parsesAndRoundTrips(String text) {
    PatternExpression ast = StixPatterns.parse(text);

    String printed = ast.toString();
    assertThat(StixPatterns.parse(printed)).isEqualTo(ast);
    assertThat(StixPatterns.parse(printed).toString()).isEqualTo(printed);
  }

  @Test
  void specExamples_atLeastFiftyListed() throws IOException {
    assertThat(specExamples().count()).isGreaterThanOrEqualTo(50);
  }

  @Test
  void parse_precedence_andBindsTighterThanOrThanFollowedBy() {
    PatternExpression e =
        StixPatterns.parse("[a-a:x = 1] OR [b-b:x = 1] AND [c-c:x = 1] FOLLOWEDBY [d-d:x = 1]");

    assertThat(e).isInstanceOf(PatternExpression.FollowedBy.class);
    PatternExpression.FollowedBy f = (PatternExpression.FollowedBy) e;
    assertThat(f.operands()).hasSize(2);
    PatternExpression.Or or = (PatternExpression.Or) f.operands().get(0);
    assertThat(or.operands().get(1)).isInstanceOf(PatternExpression.And.class);
    assertThat(e.toString())
        .isEqualTo("[a-a:x = 1] OR [b-b:x = 1] AND [c-c:x = 1] FOLLOWEDBY [d-d:x = 1]");
  }

  @Test
  void parse_qualifierAfterAnd_qualifiesOnlyTheLastObservation() {
    PatternExpression e = StixPatterns.parse("[file:x = 1] AND [file:y = 2] WITHIN 5 SECONDS");

    PatternExpression.And and = (PatternExpression.And) e;
    assertThat(and.operands().get(0)).isInstanceOf(Observation.class);
    assertThat(and.operands().get(1))
        .isEqualTo(
            new Qualified(
                StixPatterns.parse("[file:y = 2]"), new Qualifier.Within(BigDecimal.valueOf(5))));
  }

  @Test
  void parse_qualifierChain_nestsFirstInnermost() {
    Qualified q = (Qualified) StixPatterns.parse("[file:x = 1] REPEATS 5 TIMES WITHIN 180 SECONDS");

    assertThat(q.qualifier()).isEqualTo(new Qualifier.Within(BigDecimal.valueOf(180)));
    assertThat(((Qualified) q.expression()).qualifier()).isEqualTo(new Qualifier.Repeats(5));
  }

  @Test
  void parse_repeatedQualifierInParentheses_printsParentheses() {
    String text = "([file:x = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS";

    PatternExpression e = StixPatterns.parse(text);

    assertThat(e.toString()).isEqualTo(text);
  }

  @Test
  void parse_comparisonAndBindsTighterThanOr() {
    Observation o = (Observation) StixPatterns.parse("[file:a = 1 OR file:b = 2 AND file:c = 3]");

    ComparisonExpression.Or or = (ComparisonExpression.Or) o.comparison();
    assertThat(or.operands().get(1)).isInstanceOf(ComparisonExpression.And.class);
  }

  @Test
  void parse_parenthesisedChain_staysNested() {
    String text = "[(file:a = 1 AND file:b = 2) AND file:c = 3]";

    Observation o = (Observation) StixPatterns.parse(text);

    ComparisonExpression.And and = (ComparisonExpression.And) o.comparison();
    assertThat(and.operands()).hasSize(2);
    assertThat(o.toString()).isEqualTo(text);
  }

  @Test
  void parse_objectPath_stepsForKeysIndexesAndReferences() {
    Comparison c = comparison("[email-message:to_refs[*].value = 'a@example.com']");
    Comparison d = comparison("[file:hashes.'SHA-256' = 'ab']");
    Comparison e = comparison("[file:extensions.'windows-pebinary-ext'.sections[2].entropy > 7.0]");

    assertThat(c.path().objectType()).isEqualTo("email-message");
    assertThat(c.path().steps())
        .containsExactly(
            new PathStep.Property("to_refs"),
            new PathStep.AnyIndex(),
            new PathStep.Property("value"));
    assertThat(d.path().steps())
        .containsExactly(new PathStep.Property("hashes"), new PathStep.Property("SHA-256"));
    assertThat(e.path().steps().get(3)).isEqualTo(new PathStep.Index(2));
    assertThat(e.value()).isEqualTo(new Constant.FloatConstant(new BigDecimal("7.0")));
  }

  @Test
  void parse_constants_decodedToValues() {
    assertThat(comparison("[file:name = 'it\\'s a \\\\ b']").value())
        .isEqualTo(new Constant.StringConstant("it's a \\ b"));
    assertThat(comparison("[file:size = -42]").value()).isEqualTo(new Constant.IntConstant(-42));
    assertThat(comparison("[file:size = +42]").value()).isEqualTo(new Constant.IntConstant(42));
    assertThat(comparison("[file:x = 9223372036854775807]").value())
        .isEqualTo(new Constant.IntConstant(Long.MAX_VALUE));
    assertThat(comparison("[file:x = -.5]").value())
        .isEqualTo(new Constant.FloatConstant(new BigDecimal("-0.5")));
    assertThat(comparison("[file:x = true]").value()).isEqualTo(new Constant.BoolConstant(true));
    assertThat(comparison("[file:x = h'FFd8']").value())
        .isEqualTo(
            new BinaryConstant(new byte[] {(byte) 0xff, (byte) 0xd8}, BinaryConstant.Encoding.HEX));
    assertThat(comparison("[file:x = b'AQI=']").value())
        .isEqualTo(new BinaryConstant(new byte[] {1, 2}, BinaryConstant.Encoding.BASE64));
    assertThat(comparison("[file:x = t'2016-06-01T01:30:00.123Z']").value())
        .isEqualTo(
            new Constant.TimestampConstant(
                Instant.parse("2016-06-01T01:30:00.123Z"), "2016-06-01T01:30:00.123Z"));
    assertThat(comparison("[file:x IN ()]").value())
        .isEqualTo(new Constant.ListConstant(List.of()));
  }

  @Test
  void parse_negatedOperatorAndSynonyms_canonicalText() {
    assertThat(StixPatterns.parse("[file:name NOT IN('a','b')]").toString())
        .isEqualTo("[file:name NOT IN ('a', 'b')]");
    assertThat(StixPatterns.parse("[file:size == 3]").toString()).isEqualTo("[file:size = 3]");
    assertThat(StixPatterns.parse("[file:size <> 3]").toString()).isEqualTo("[file:size != 3]");
    assertThat(comparison("[file:name NOT LIKE 'a%']").negated()).isTrue();
  }

  @Test
  void parse_startStop_instants() {
    Qualified q =
        (Qualified)
            StixPatterns.parse(
                "[file:name = 'a'] START t'2016-06-01T01:30:00.1Z' STOP t'2016-06-01T02:00:00Z'");

    assertThat(q.qualifier())
        .isEqualTo(
            new Qualifier.StartStop(
                Instant.parse("2016-06-01T01:30:00.100Z"), Instant.parse("2016-06-01T02:00:00Z")));
    assertThat(q.toString())
        .isEqualTo(
            "[file:name = 'a'] START t'2016-06-01T01:30:00.1Z' STOP t'2016-06-01T02:00:00Z'");
  }

  @Test
  void parse_whitespaceAndComments_skipped() {
    PatternExpression e =
        StixPatterns.parse(" /* c */ [ file:size\t=\n1 ]\u00a0// trailing\n AND [file:size = 2]");

    assertThat(e.toString()).isEqualTo("[file:size = 1] AND [file:size = 2]");
  }

  @Test
  void recordConstructors_rejectInvalidTrees() {
    ObjectPath path = new ObjectPath("file", List.of(new PathStep.Property("name")));
    assertThatThrownBy(
            () -> new Comparison(path, Operator.LIKE, false, new Constant.IntConstant(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectPath("File", List.of(new PathStep.Property("a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectPath("file", List.of(new PathStep.AnyIndex())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Qualifier.Repeats(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Qualifier.Within(BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    Instant t = Instant.parse("2020-01-01T00:00:00Z");
    assertThatThrownBy(() -> new Qualifier.StartStop(t, t))
        .isInstanceOf(IllegalArgumentException.class);
    Comparison a = new Comparison(path, Operator.EQ, false, new Constant.IntConstant(1));
    Comparison b =
        new Comparison(
            new ObjectPath("process", List.of(new PathStep.Property("name"))),
            Operator.EQ,
            false,
            new Constant.IntConstant(1));
    assertThatThrownBy(() -> new ComparisonExpression.And(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PatternExpression.Or(List.of(new Observation(a))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printedTree_builtInCode_parsesBackEqual() {
    ObjectPath path =
        new ObjectPath(
            "x-custom",
            List.of(
                new PathStep.Property("weird key"),
                new PathStep.Index(-1),
                new PathStep.Property("ok_name")));
    Comparison c =
        new Comparison(path, Operator.MATCHES, true, new Constant.StringConstant("a'b\\c"));
    PatternExpression nested =
        new Qualified(
            new Qualified(new Observation(c), new Qualifier.Within(new BigDecimal("2.50"))),
            new Qualifier.Within(BigDecimal.ONE));
    PatternExpression tree =
        new PatternExpression.And(
            List.of(
                new PatternExpression.And(List.of(new Observation(c), new Observation(c))),
                new PatternExpression.FollowedBy(List.of(nested, new Observation(c)))));

    assertThat(StixPatterns.parse(tree.toString())).isEqualTo(tree);
  }

  private static Comparison comparison(String text) {
    return (Comparison) ((Observation) StixPatterns.parse(text)).comparison();
  }
}
