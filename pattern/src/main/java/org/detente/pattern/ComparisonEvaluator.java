package org.detente.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.detente.pattern.ComparisonExpression.Comparison;
import org.detente.pattern.ComparisonExpression.Exists;
import org.detente.pattern.Constant.BinaryConstant;
import org.detente.pattern.Constant.BoolConstant;
import org.detente.pattern.Constant.FloatConstant;
import org.detente.pattern.Constant.IntConstant;
import org.detente.pattern.Constant.ListConstant;
import org.detente.pattern.Constant.StringConstant;
import org.detente.pattern.Constant.TimestampConstant;
import org.detente.stix.IpBlock;
import org.detente.stix.StixTimestamp;

/**
 * Evaluates the inside of one observation expression against the SCOs of one observation (STIX 2.1
 * sections 9.3 to 9.5).
 *
 * <p>Design: a comparison yields the set of SCOs (indexes into the observation's object list) of
 * its object type on which it holds; {@code AND} intersects these sets and {@code OR} unites them,
 * so the comparisons joined by {@code AND} hold on one SCO. A comparison holds on an SCO when some
 * value its path reaches (a {@code [*]} step or a reference list gives several) satisfies it. Each
 * value gives a three-valued result: true, false, or undefined when the value's JSON type does not
 * fit the constant (or a regular expression is invalid or exceeds its budget); {@code NOT} swaps
 * true and false and leaves undefined alone, and only true counts. So a missing property, a type
 * mismatch and a regex over budget never satisfy a comparison, negated or not.
 *
 * <p>Binary properties are recognised by name: {@code *_bin} holds base64 and {@code *_hex}
 * hexadecimal (the two binary encodings of STIX 2.1 section 2). A binary constant compares with
 * their decoded bytes (unsigned, lexicographic) and with no other property; {@code MATCHES} on them
 * runs the regular expression over the decoded bytes, each byte one character U+0000 to U+00FF, so
 * {@code '\\xd4\\xc3'} finds those bytes.
 *
 * <p>Regular expressions run through {@link java.util.regex} on a {@link CharSequence} that counts
 * {@code charAt} calls and aborts past {@link #REGEX_BUDGET}; compiled patterns are cached per
 * evaluator. Not thread-safe: one instance per evaluation.
 */
final class ComparisonEvaluator {
  /** The most {@code charAt} calls one regular expression match may make on one value. */
  static final long REGEX_BUDGET = 2_000_000;

  private enum Result {
    TRUE,
    FALSE,
    UNDEFINED;

    static Result of(boolean b) {
      return b ? TRUE : FALSE;
    }
  }

  /** One observation prepared for path resolution: its SCO trees and an index by id. */
  record Scope(List<JsonNode> trees, Map<String, JsonNode> byId) {
    static Scope of(Observation o) {
      List<JsonNode> trees = new ArrayList<>();
      Map<String, JsonNode> byId = new HashMap<>();
      o.objects()
          .forEach(
              s -> {
                JsonNode t = s.json();
                trees.add(t);
                byId.putIfAbsent(s.id(), t);
              });
      return new Scope(trees, byId);
    }
  }

  private final Map<String, Optional<Pattern>> regexes = new HashMap<>();

  /** Whether {@code e} holds on at least one SCO of the scope. */
  boolean holds(ComparisonExpression e, Scope scope) {
    return !matching(e, scope).isEmpty();
  }

  private BitSet matching(ComparisonExpression e, Scope scope) {
    return switch (e) {
      case Comparison c -> forEachCandidate(c.path(), scope, v -> satisfies(c, v));
      case Exists x -> forEachCandidate(x.path(), scope, v -> true);
      case ComparisonExpression.And a -> {
        BitSet acc = matching(a.operands().get(0), scope);
        for (int i = 1; i < a.operands().size() && !acc.isEmpty(); i++) {
          acc.and(matching(a.operands().get(i), scope));
        }
        yield acc;
      }
      case ComparisonExpression.Or o -> {
        BitSet acc = new BitSet();
        o.operands().forEach(p -> acc.or(matching(p, scope)));
        yield acc;
      }
    };
  }

  private interface ValueTest {
    boolean test(PathValue v);
  }

  /** A value reached by a path, with the name of the property that held it. */
  record PathValue(JsonNode node, String property) {}

  private static BitSet forEachCandidate(ObjectPath path, Scope scope, ValueTest test) {
    BitSet out = new BitSet();
    for (int i = 0; i < scope.trees().size(); i++) {
      JsonNode sco = scope.trees().get(i);
      JsonNode type = sco.get("type");
      if (type == null || !type.asText().equals(path.objectType())) {
        continue;
      }
      List<PathValue> values = new ArrayList<>();
      resolve(sco, null, path.steps(), 0, scope, values);
      for (PathValue v : values) {
        if (test.test(v)) {
          out.set(i);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Walks {@code steps} from {@code node}. A string held by a {@code *_ref} property, or by an
   * element of a {@code *_refs} list, is replaced by the SCO it names when steps remain; an id not
   * in the observation ends the walk with no value.
   */
  static void resolve(
      JsonNode node,
      String property,
      List<PathStep> steps,
      int i,
      Scope scope,
      List<PathValue> out) {
    if (i == steps.size()) {
      out.add(new PathValue(node, property));
      return;
    }
    if (node.isTextual()
        && property != null
        && (property.endsWith("_ref") || property.endsWith("_refs"))) {
      JsonNode target = scope.byId().get(node.asText());
      if (target != null) {
        resolve(target, null, steps, i, scope, out);
      }
      return;
    }
    switch (steps.get(i)) {
      case PathStep.Property p -> {
        JsonNode child = node.isObject() ? node.get(p.name()) : null;
        if (child != null && !child.isNull()) {
          resolve(child, p.name(), steps, i + 1, scope, out);
        }
      }
      case PathStep.Index x -> {
        if (node.isArray() && x.index() >= 0 && x.index() < node.size()) {
          resolve(node.get(x.index()), property, steps, i + 1, scope, out);
        }
      }
      case PathStep.AnyIndex any -> {
        if (node.isArray()) {
          for (JsonNode element : node) {
            resolve(element, property, steps, i + 1, scope, out);
          }
        }
      }
    }
  }

  private boolean satisfies(Comparison c, PathValue v) {
    Result r = apply(c.op(), c.value(), v);
    if (c.negated() && r != Result.UNDEFINED) {
      r = r == Result.TRUE ? Result.FALSE : Result.TRUE;
    }
    return r == Result.TRUE;
  }

  private Result apply(Operator op, Constant k, PathValue v) {
    JsonNode n = v.node();
    return switch (op) {
      case EQ, NEQ, LT, LE, GT, GE -> {
        Integer cmp = compare(n, v.property(), k);
        if (cmp == null) {
          yield Result.UNDEFINED;
        }
        yield Result.of(
            switch (op) {
              case EQ -> cmp == 0;
              case NEQ -> cmp != 0;
              case LT -> cmp < 0;
              case LE -> cmp <= 0;
              case GT -> cmp > 0;
              default -> cmp >= 0;
            });
      }
      case IN -> {
        Result r = Result.UNDEFINED;
        if (((ListConstant) k).values().isEmpty()) {
          r = Result.FALSE;
        }
        for (Constant member : ((ListConstant) k).values()) {
          Integer cmp = compare(n, v.property(), member);
          if (cmp != null && cmp == 0) {
            yield Result.TRUE;
          }
          if (cmp != null) {
            r = Result.FALSE;
          }
        }
        yield r;
      }
      case LIKE ->
          n.isTextual()
              ? Result.of(like(n.asText(), ((StringConstant) k).value()))
              : Result.UNDEFINED;
      case MATCHES -> {
        if (!n.isTextual()) {
          yield Result.UNDEFINED;
        }
        String text = n.asText();
        if (isBinary(v.property())) {
          byte[] bytes = binary(text, v.property());
          if (bytes == null) {
            yield Result.UNDEFINED;
          }
          text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        yield matches(text, ((StringConstant) k).value());
      }
      case ISSUBSET, ISSUPERSET -> {
        if (!n.isTextual()) {
          yield Result.UNDEFINED;
        }
        Optional<IpBlock> value = IpBlock.parse(n.asText());
        Optional<IpBlock> constant = IpBlock.parse(((StringConstant) k).value());
        if (value.isEmpty() || constant.isEmpty() || !value.get().sameFamily(constant.get())) {
          yield Result.UNDEFINED;
        }
        yield Result.of(
            op == Operator.ISSUBSET
                ? constant.get().contains(value.get())
                : value.get().contains(constant.get()));
      }
    };
  }

  /**
   * The sign of (value - constant), or null when the JSON value's type does not fit the constant.
   */
  static Integer compare(JsonNode n, String property, Constant k) {
    return switch (k) {
      case StringConstant s -> n.isTextual() ? compareCodePoints(n.asText(), s.value()) : null;
      case IntConstant i ->
          n.isNumber()
              ? Integer.signum(n.decimalValue().compareTo(BigDecimal.valueOf(i.value())))
              : null;
      case FloatConstant f ->
          n.isNumber() ? Integer.signum(n.decimalValue().compareTo(f.value())) : null;
      case BoolConstant b -> n.isBoolean() ? Boolean.compare(n.asBoolean(), b.value()) : null;
      case TimestampConstant t -> {
        Optional<Instant> at = n.isTextual() ? StixTimestamp.parse(n.asText()) : Optional.empty();
        yield at.map(a -> Integer.signum(a.compareTo(t.instant()))).orElse(null);
      }
      case BinaryConstant b -> {
        byte[] bytes = n.isTextual() ? binary(n.asText(), property) : null;
        yield bytes == null ? null : Integer.signum(Arrays.compareUnsigned(bytes, b.bytes()));
      }
      case ListConstant l -> null;
    };
  }

  private static boolean isBinary(String property) {
    return property != null && (property.endsWith("_bin") || property.endsWith("_hex"));
  }

  /** The bytes of a binary-typed property: {@code *_bin} is base64, {@code *_hex} hexadecimal. */
  private static byte[] binary(String text, String property) {
    try {
      if (property != null && property.endsWith("_bin")) {
        return Base64.getDecoder().decode(text);
      }
      if (property != null && property.endsWith("_hex") && text.length() % 2 == 0) {
        return HexFormat.of().parseHex(text);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.signum((a.length() - i) - (b.length() - j));
  }

  /**
   * SQL {@code LIKE} over code points: {@code %} any run, {@code _} one code point, the whole value
   * must match; there is no escape character. Linear backtracking over the last {@code %}: O(n*m).
   */
  static boolean like(String value, String pattern) {
    int[] s = value.codePoints().toArray();
    int[] p = pattern.codePoints().toArray();
    int i = 0;
    int j = 0;
    int star = -1;
    int mark = 0;
    while (i < s.length) {
      if (j < p.length && (p[j] == '_' || (p[j] != '%' && p[j] == s[i]))) {
        i++;
        j++;
      } else if (j < p.length && p[j] == '%') {
        star = j++;
        mark = i;
      } else if (star >= 0) {
        j = star + 1;
        i = ++mark;
      } else {
        return false;
      }
    }
    while (j < p.length && p[j] == '%') {
      j++;
    }
    return j == p.length;
  }

  private Result matches(String value, String regex) {
    Optional<Pattern> compiled =
        regexes.computeIfAbsent(
            regex,
            r -> {
              try {
                return Optional.of(Pattern.compile(r));
              } catch (PatternSyntaxException e) {
                return Optional.empty();
              }
            });
    if (compiled.isEmpty()) {
      return Result.UNDEFINED;
    }
    try {
      Matcher m = compiled.get().matcher(new BudgetedText(value, REGEX_BUDGET));
      return Result.of(m.find());
    } catch (BudgetedText.Exhausted | StackOverflowError e) {
      return Result.UNDEFINED;
    }
  }

  /** A string whose {@code charAt} stops working after a number of calls. */
  static final class BudgetedText implements CharSequence {
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted(long budget) {
        super(
            "regular expression exceeded its budget of " + budget + " character reads",
            null,
            false,
            false);
      }
    }

    private final String text;
    private final long budget;
    private long remaining;

    BudgetedText(String text, long budget) {
      this.text = text;
      this.budget = budget;
      this.remaining = budget;
    }

    @Override
    public char charAt(int index) {
      if (--remaining < 0) {
        throw new Exhausted(budget);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
