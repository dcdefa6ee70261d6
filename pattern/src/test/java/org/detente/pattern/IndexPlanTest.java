package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IndexPlanTest {
  @Test
  void requiredLiteral_examples() {
    assertThat(IndexPlan.requiredLiteral("evil\\.com/[xy]")).isEqualTo("evil.com/");
    assertThat(IndexPlan.requiredLiteral("^https?://bad")).isEqualTo("://bad");
    assertThat(IndexPlan.requiredLiteral("abc|def")).isNull();
    assertThat(IndexPlan.requiredLiteral("(?i)evil")).isNull();
    assertThat(IndexPlan.requiredLiteral("ab")).isNull();
    assertThat(IndexPlan.requiredLiteral("abcd*")).isEqualTo("abc");
    assertThat(IndexPlan.requiredLiteral("x(abc|def)yz")).isNull();
    assertThat(IndexPlan.requiredLiteral("(abc)?defg")).isEqualTo("defg");
    assertThat(IndexPlan.requiredLiteral("\\d+malware\\w")).isEqualTo("malware");
    assertThat(IndexPlan.requiredLiteral("a{2}bcd")).isEqualTo("bcd");
  }

  /** Every string the expression finds a match in contains the literal. */
  @Test
  void requiredLiteral_randomExpressions_isInEveryMatch() {
    Random r = new Random(11);
    String[] pieces = {
      "a", "b", "c", "ab", ".", "*", "+", "?", "|", "(", ")", "[ab]", "\\.", "{2}", "^", "$", "abc",
      "bca"
    };
    int checked = 0;
    for (int c = 0; c < 5_000; c++) {
      StringBuilder re = new StringBuilder();
      for (int k = 1 + r.nextInt(8); k > 0; k--) {
        re.append(pieces[r.nextInt(pieces.length)]);
      }
      Pattern p;
      try {
        p = Pattern.compile(re.toString());
      } catch (java.util.regex.PatternSyntaxException e) {
        continue;
      }
      String literal = IndexPlan.requiredLiteral(re.toString());
      if (literal == null) {
        continue;
      }
      for (int s = 0; s < 200; s++) {
        StringBuilder text = new StringBuilder();
        for (int k = r.nextInt(14); k > 0; k--) {
          text.append("abc.".charAt(r.nextInt(4)));
        }
        if (p.matcher(text).find()) {
          checked++;
          assertThat(text.toString()).as("%s with literal %s", re, literal).contains(literal);
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void exactAnchors_onlyForExactlyIndexableExpressions() {
    assertThat(IndexPlan.exactAnchors(leaf("[ipv4-addr:value = '1.2.3.4']"))).hasSize(1);
    assertThat(IndexPlan.exactAnchors(leaf("[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]")))
        .hasSize(2);
    assertThat(IndexPlan.exactAnchors(leaf("[domain-name:value LIKE '%.evil.com']"))).hasSize(1);
    assertThat(
            IndexPlan.exactAnchors(
                leaf("[ipv4-addr:value ISSUBSET '10.0.0.0/8' OR url:value = 'x']")))
        .hasSize(2);
    assertThat(IndexPlan.exactAnchors(leaf("[domain-name:value LIKE '%evil%']"))).isNull();
    assertThat(IndexPlan.exactAnchors(leaf("[ipv4-addr:value != '1.2.3.4']"))).isNull();
    assertThat(IndexPlan.exactAnchors(leaf("[file:name = 'a' AND file:size > 3]"))).isNull();
    assertThat(IndexPlan.anchors(leaf("[file:name = 'a' AND file:size > 3]"))).hasSize(1);
    assertThat(IndexPlan.anchors(leaf("[file:name = 'a' OR file:size > 3]"))).isNull();
    assertThat(IndexPlan.anchors(leaf("[ipv4-addr:value IN ()]"))).isEmpty();
  }

  static ComparisonExpression leaf(String pattern) {
    return ((PatternExpression.Observation) StixPatterns.parse(pattern)).comparison();
  }
}
