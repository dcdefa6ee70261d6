package org.detente.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.detente.stix.StixTimestamp;

/**
 * Recursive-descent parser for STIX 2.1 Patterning, working on characters (no separate token
 * stream, because what a character run means depends on where it stands: {@code network-traffic} is
 * one object type, {@code -5} one integer).
 *
 * <p>Grammar (after the specification's ANTLR grammar, with its left recursion turned into loops):
 *
 * <pre>
 * pattern      := followedBy EOF
 * followedBy   := or ("FOLLOWEDBY" or)*
 * or           := and ("OR" and)*
 * and          := qualified ("AND" qualified)*
 * qualified    := primary (within | repeats | startStop)*     -- each kind at most once per chain
 * primary      := "[" compOr "]" | "(" followedBy ")"
 * compOr       := compAnd ("OR" compAnd)*
 * compAnd      := compPrimary ("AND" compPrimary)*            -- one object type throughout
 * compPrimary  := "(" compOr ")" | "EXISTS" path | path "NOT"? operator value
 * path         := objectType ":" (identifier | string) ("." (identifier | string) | "[" (int | "*") "]")*
 * </pre>
 *
 * <p>Invariants: {@code pos} only moves forward; every loop consumes input or exits; recursion
 * happens only through parentheses, counted in {@code depth} and capped at {@link #MAX_DEPTH}; the
 * input is capped at {@link #MAX_LENGTH} characters. So parsing is linear in time, bounded in
 * stack, and every failure is a {@link PatternSyntaxException}.
 */
final class PatternParser {
  static final int MAX_LENGTH = 100_000;
  static final int MAX_DEPTH = 100;

  private static final String OPERATORS =
      "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)";

  private final String s;
  private int pos;
  private int depth;

  private PatternParser(String s) {
    this.s = s;
  }

  static PatternExpression parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new PatternSyntaxException(
          MAX_LENGTH,
          "a pattern of at most " + MAX_LENGTH + " characters (this one has " + text.length() + ")",
          "more text");
    }
    PatternParser p = new PatternParser(text);
    p.skipSpace();
    PatternExpression e = p.followedBy();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error(p.pos, "AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end");
    }
    return e;
  }

  // ---- observation level

  /** Operands joined by one keyword, as one n-ary node; a single operand is returned as it is. */
  private <T> T chain(String keyword, Supplier<T> operand, Function<List<T>, T> join) {
    List<T> ops = new ArrayList<>();
    ops.add(operand.get());
    while (keyword(keyword)) {
      ops.add(operand.get());
    }
    return ops.size() == 1 ? ops.get(0) : join.apply(ops);
  }

  private PatternExpression followedBy() {
    return chain("FOLLOWEDBY", this::or, PatternExpression.FollowedBy::new);
  }

  private PatternExpression or() {
    return chain("OR", this::and, PatternExpression.Or::new);
  }

  private PatternExpression and() {
    return chain("AND", this::qualified, PatternExpression.And::new);
  }

  private PatternExpression qualified() {
    PatternExpression e = primary();
    Set<String> seen = new HashSet<>();
    while (true) {
      skipSpace();
      int at = pos;
      String w = word();
      Qualifier q;
      switch (w) {
        case "WITHIN" -> {
          pos += w.length();
          q = within();
        }
        case "REPEATS" -> {
          pos += w.length();
          q = repeats();
        }
        case "START" -> {
          pos += w.length();
          q = startStop();
        }
        default -> {
          return e;
        }
      }
      if (!seen.add(w)) {
        throw error(
            at,
            "AND, OR, FOLLOWEDBY or another qualifier kind (a second "
                + w
                + " needs parentheses around what it qualifies)");
      }
      e = new PatternExpression.Qualified(e, q);
    }
  }

  private PatternExpression primary() {
    skipSpace();
    int at = pos;
    if (peek() == '[') {
      pos++;
      ComparisonExpression c = compOr();
      skipSpace();
      if (peek() != ']') {
        throw error(pos, "']' to close the observation expression opened at offset " + at);
      }
      pos++;
      return new PatternExpression.Observation(c);
    }
    if (peek() == '(') {
      enter(at);
      PatternExpression e = followedBy();
      skipSpace();
      if (peek() != ')') {
        throw error(pos, "')' to close the parenthesis opened at offset " + at);
      }
      pos++;
      depth--;
      return e;
    }
    throw error(at, "'[' or '(' to start an observation expression");
  }

  private Qualifier within() {
    skipSpace();
    int at = pos;
    BigDecimal seconds;
    if (peek() == '-' || !startsNumber()) {
      throw error(at, "a positive number of seconds after WITHIN");
    }
    Constant n = number();
    seconds =
        switch (n) {
          case Constant.IntConstant i -> BigDecimal.valueOf(i.value());
          case Constant.FloatConstant f -> f.value();
          default -> throw new IllegalStateException("number() returned " + n);
        };
    if (seconds.signum() <= 0) {
      throw error(at, "a positive number of seconds after WITHIN");
    }
    if (!keyword("SECONDS")) {
      throw error(pos, "SECONDS after the WITHIN duration");
    }
    return new Qualifier.Within(seconds);
  }

  private Qualifier repeats() {
    skipSpace();
    int at = pos;
    if (peek() == '-' || !startsNumber() || !(number() instanceof Constant.IntConstant i)) {
      throw error(at, "a positive integer after REPEATS");
    }
    if (i.value() <= 0 || i.value() > Integer.MAX_VALUE) {
      throw error(at, "a positive integer of at most " + Integer.MAX_VALUE + " after REPEATS");
    }
    if (!keyword("TIMES")) {
      throw error(pos, "TIMES after the REPEATS count");
    }
    return new Qualifier.Repeats((int) i.value());
  }

  private Qualifier startStop() {
    skipSpace();
    if (!(peek() == 't' && peek(1) == '\'')) {
      throw error(pos, "a timestamp t'...' after START");
    }
    Constant.TimestampConstant start = timestamp();
    if (!keyword("STOP")) {
      throw error(pos, "STOP after the START timestamp");
    }
    skipSpace();
    int at = pos;
    if (!(peek() == 't' && peek(1) == '\'')) {
      throw error(pos, "a timestamp t'...' after STOP");
    }
    Constant.TimestampConstant stop = timestamp();
    if (!start.instant().isBefore(stop.instant())) {
      throw error(at, "a STOP timestamp later than the START timestamp " + start.text());
    }
    return new Qualifier.StartStop(start.instant(), stop.instant());
  }

  // ---- comparison level

  private ComparisonExpression compOr() {
    return chain("OR", this::compAnd, ComparisonExpression.Or::new);
  }

  private ComparisonExpression compAnd() {
    List<ComparisonExpression> ops = new ArrayList<>();
    skipSpace();
    ops.add(compPrimary());
    Set<String> types = ops.get(0).objectTypes();
    while (keyword("AND")) {
      skipSpace();
      int at = pos;
      ComparisonExpression next = compPrimary();
      if (types.size() > 1) {
        throw error(
            at,
            "no AND after comparisons on several object types "
                + types
                + " (comparisons joined by AND must all use one object type)");
      }
      Set<String> nextTypes = next.objectTypes();
      if (!nextTypes.equals(types)) {
        throw error(
            at,
            "a comparison on object type "
                + types.iterator().next()
                + " (comparisons joined by AND must all use one object type)");
      }
      ops.add(next);
    }
    return ops.size() == 1 ? ops.get(0) : new ComparisonExpression.And(ops);
  }

  private ComparisonExpression compPrimary() {
    skipSpace();
    int at = pos;
    if (peek() == '(') {
      enter(at);
      ComparisonExpression e = compOr();
      skipSpace();
      if (peek() != ')') {
        throw error(pos, "')' to close the parenthesis opened at offset " + at);
      }
      pos++;
      depth--;
      return e;
    }
    if (word().equals("EXISTS")) {
      pos += "EXISTS".length();
      skipSpace();
      return new ComparisonExpression.Exists(path());
    }
    ObjectPath path = path();
    skipSpace();
    boolean negated = false;
    if (word().equals("NOT")) {
      pos += 3;
      negated = true;
      skipSpace();
    }
    int opAt = pos;
    Operator op = operator();
    if (op == null) {
      throw error(opAt, negated ? "a comparison operator after NOT" : OPERATORS);
    }
    skipSpace();
    int valueAt = pos;
    Constant value = op == Operator.IN ? list() : constant();
    String problem = ComparisonExpression.Comparison.valueProblem(op, value);
    if (problem != null) {
      throw error(valueAt, problem + " after " + op.text());
    }
    return new ComparisonExpression.Comparison(path, op, negated, value);
  }

  private Operator operator() {
    char c = peek();
    char d = peek(1);
    switch (c) {
      case '=' -> {
        pos += d == '=' ? 2 : 1;
        return Operator.EQ;
      }
      case '!' -> {
        if (d == '=') {
          pos += 2;
          return Operator.NEQ;
        }
        return null;
      }
      case '<' -> {
        if (d == '>') {
          pos += 2;
          return Operator.NEQ;
        }
        pos += d == '=' ? 2 : 1;
        return d == '=' ? Operator.LE : Operator.LT;
      }
      case '>' -> {
        pos += d == '=' ? 2 : 1;
        return d == '=' ? Operator.GE : Operator.GT;
      }
      default -> {
        String w = word();
        Operator op =
            switch (w) {
              case "IN" -> Operator.IN;
              case "LIKE" -> Operator.LIKE;
              case "MATCHES" -> Operator.MATCHES;
              case "ISSUBSET" -> Operator.ISSUBSET;
              case "ISSUPERSET" -> Operator.ISSUPERSET;
              default -> null;
            };
        if (op != null) {
          pos += w.length();
        }
        return op;
      }
    }
  }

  private ObjectPath path() {
    int at = pos;
    int end = at;
    while (end < s.length() && isTypeChar(s.charAt(end))) {
      end++;
    }
    String type = s.substring(at, end);
    if (type.isEmpty()) {
      throw error(at, "an object path, EXISTS or '('");
    }
    if (!ObjectPath.OBJECT_TYPE.matcher(type).matches()) {
      throw error(
          at,
          "an object type of 3 to 250 lowercase letters, digits and hyphens, starting with a letter");
    }
    pos = end;
    if (peek() != ':') {
      throw error(pos, "':' after the object type " + type);
    }
    pos++;
    List<PathStep> steps = new ArrayList<>();
    steps.add(property("a property name or quoted key after ':'"));
    while (true) {
      char c = peek();
      if (c == '.') {
        pos++;
        steps.add(property("a property name or quoted key after '.'"));
      } else if (c == '[') {
        int open = pos;
        pos++;
        skipSpace();
        if (peek() == '*') {
          pos++;
          steps.add(new PathStep.AnyIndex());
        } else {
          int numAt = pos;
          if (!startsNumber() || !(number() instanceof Constant.IntConstant i)) {
            throw error(numAt, "a list index (an integer) or '*'");
          }
          if (i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
            throw error(numAt, "a list index within the 32-bit integer range");
          }
          steps.add(new PathStep.Index((int) i.value()));
        }
        skipSpace();
        if (peek() != ']') {
          throw error(pos, "']' to close the list index opened at offset " + open);
        }
        pos++;
      } else {
        return new ObjectPath(type, steps);
      }
    }
  }

  private PathStep property(String expected) {
    int at = pos;
    if (peek() == '\'') {
      return new PathStep.Property(string());
    }
    if (!isIdentStart(peek())) {
      throw error(at, expected);
    }
    int end = at + 1;
    while (end < s.length() && isIdentPart(s.charAt(end))) {
      end++;
    }
    if (end < s.length() && s.charAt(end) == '-') {
      throw error(
          end, "'.', '[' or an operator (a property name with '-' must be quoted, as 'a-b')");
    }
    pos = end;
    return new PathStep.Property(s.substring(at, end));
  }

  // ---- constants

  private Constant list() {
    int open = pos;
    if (peek() != '(') {
      throw error(pos, "'(' to start the list after IN");
    }
    pos++;
    List<Constant> values = new ArrayList<>();
    skipSpace();
    if (peek() == ')') {
      pos++;
      return new Constant.ListConstant(values);
    }
    while (true) {
      skipSpace();
      values.add(constant());
      skipSpace();
      char c = peek();
      pos++;
      if (c == ')') {
        return new Constant.ListConstant(values);
      }
      if (c != ',') {
        pos--;
        throw error(pos, "',' or ')' to close the list opened at offset " + open);
      }
    }
  }

  private Constant constant() {
    int at = pos;
    char c = peek();
    char d = peek(1);
    if (c == '\'') {
      return new Constant.StringConstant(string());
    }
    if (c == 't' && d == '\'') {
      return timestamp();
    }
    if (c == 'h' && d == '\'') {
      return hex();
    }
    if (c == 'b' && d == '\'') {
      return base64();
    }
    if (startsNumber()) {
      return number();
    }
    String w = word();
    if (w.equals("true") || w.equals("false")) {
      pos += w.length();
      return new Constant.BoolConstant(w.equals("true"));
    }
    throw error(
        at, "a constant (a string, number, true, false, t'timestamp', h'hex' or b'base64')");
  }

  /** Reads a quoted string at pos (which is at the opening quote) and returns its value. */
  private String string() {
    int open = pos;
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error(pos, "a closing quote for the string opened at offset " + open);
      }
      char c = s.charAt(pos);
      if (c == '\'') {
        pos++;
        return b.toString();
      }
      if (c == '\\') {
        char e = peek(1);
        if (e != '\'' && e != '\\') {
          throw error(pos, "\\' or \\\\ (the only escapes in a pattern string)");
        }
        b.append(e);
        pos += 2;
      } else {
        b.append(c);
        pos++;
      }
    }
  }

  /** The text between the quotes of a prefixed literal such as h'..', without escapes. */
  private String prefixedBody(String what) {
    int open = pos;
    pos += 2;
    int close = s.indexOf('\'', pos);
    if (close < 0) {
      throw error(s.length(), "a closing quote for the " + what + " opened at offset " + open);
    }
    String body = s.substring(pos, close);
    pos = close + 1;
    return body;
  }

  private Constant.TimestampConstant timestamp() {
    int at = pos;
    String body = prefixedBody("timestamp");
    Instant instant = StixTimestamp.parse(body).orElse(null);
    if (instant == null) {
      throw error(at, "a STIX timestamp t'YYYY-MM-DDTHH:mm:ss[.s+]Z' (UTC, a real date and time)");
    }
    return new Constant.TimestampConstant(instant, body);
  }

  private Constant hex() {
    int at = pos;
    String body = prefixedBody("hex constant");
    if (body.length() % 2 != 0 || !body.chars().allMatch(PatternParser::isHexDigit)) {
      throw error(at, "h'...' with an even number of hexadecimal digits");
    }
    return new Constant.BinaryConstant(
        HexFormat.of().parseHex(body), Constant.BinaryConstant.Encoding.HEX);
  }

  private Constant base64() {
    int at = pos;
    String body = prefixedBody("base64 constant");
    if (!isBase64(body)) {
      throw error(at, "b'...' with non-empty, padded base64 (A-Z, a-z, 0-9, +, /, then = or ==)");
    }
    return new Constant.BinaryConstant(
        Base64.getDecoder().decode(body), Constant.BinaryConstant.Encoding.BASE64);
  }

  private static boolean isBase64(String b) {
    int n = b.length();
    if (n == 0 || n % 4 != 0) {
      return false;
    }
    int pad = b.endsWith("==") ? 2 : b.endsWith("=") ? 1 : 0;
    for (int i = 0; i < n - pad; i++) {
      char c = b.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean startsNumber() {
    char c = peek();
    int i = (c == '+' || c == '-') ? 1 : 0;
    char first = peek(i);
    return isDigit(first) || (first == '.' && isDigit(peek(i + 1)));
  }

  /**
   * Reads {@code [+-]? ('0' | [1-9][0-9]*)} as an integer or {@code [+-]? [0-9]* '.' [0-9]+} as a
   * float; pos is at a character for which {@link #startsNumber()} holds.
   */
  private Constant number() {
    int at = pos;
    int i = pos;
    if (s.charAt(i) == '+' || s.charAt(i) == '-') {
      i++;
    }
    int digitsStart = i;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    int digitsEnd = i;
    boolean isFloat = false;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      if (i >= s.length() || !isDigit(s.charAt(i))) {
        throw error(i, "a digit after the decimal point");
      }
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      isFloat = true;
    }
    if (i < s.length() && (isIdentPart(s.charAt(i)) || s.charAt(i) == '.')) {
      throw error(at, "a number (digits with at most one decimal point, no exponent)");
    }
    String text = s.substring(at, i);
    if (isFloat) {
      pos = i;
      return new Constant.FloatConstant(
          new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
    }
    if (digitsEnd - digitsStart > 1 && s.charAt(digitsStart) == '0') {
      throw error(at, "an integer without leading zeros");
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error(at, "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
    }
    pos = i;
    return new Constant.IntConstant(value);
  }

  // ---- characters

  private boolean keyword(String kw) {
    skipSpace();
    if (word().equals(kw)) {
      pos += kw.length();
      return true;
    }
    return false;
  }

  /** The run of [A-Za-z0-9_] at pos, possibly empty; does not move. */
  private String word() {
    int end = pos;
    while (end < s.length() && isIdentPart(s.charAt(end))) {
      end++;
    }
    return s.substring(pos, end);
  }

  private void enter(int at) {
    if (++depth > MAX_DEPTH) {
      throw error(at, "at most " + MAX_DEPTH + " nested parentheses");
    }
    pos++;
  }

  private char peek() {
    return peek(0);
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (c == '/' && peek(1) == '*') {
        int close = s.indexOf("*/", pos + 2);
        if (close < 0) {
          throw error(pos, "'*/' to close the comment");
        }
        pos = close + 2;
      } else if (c == '/' && peek(1) == '/') {
        while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** The whitespace set of the specification's grammar. */
  private static boolean isSpace(char c) {
    return switch (c) {
      case ' ',
          '\t',
          '\r',
          '\n',
          '\u000B',
          '\u000C',
          '\u0085',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }

  private static boolean isTypeChar(char c) {
    return isIdentPart(c) || c == '-';
  }

  private PatternSyntaxException error(int at, String expected) {
    return new PatternSyntaxException(at, expected, found(at));
  }

  /** A short quoted excerpt of the input at {@code at}: a word, a quoted run, or one character. */
  private String found(int at) {
    if (at >= s.length()) {
      return "end of input";
    }
    int end = at;
    char c = s.charAt(at);
    if (isTypeChar(c) || c == '+' || c == '.') {
      while (end < s.length() && (isTypeChar(s.charAt(end)) || s.charAt(end) == '.')) {
        end++;
      }
      if (end == at) {
        end++;
      }
    } else if (c == '\'') {
      int close = s.indexOf('\'', at + 1);
      end = close < 0 ? s.length() : close + 1;
    } else {
      end = Character.isHighSurrogate(c) && at + 1 < s.length() ? at + 2 : at + 1;
    }
    String text = s.substring(at, end);
    if (text.length() > 40) {
      text = text.substring(0, 40) + "...";
    }
    return "'" + text + "'";
  }
}
