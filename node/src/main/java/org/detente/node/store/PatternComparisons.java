package org.detente.node.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A small lexer over STIX pattern text that finds the comparisons the index needs: {@code PATH =
 * 'v'}, {@code PATH IN ('v1', 'v2')} and {@code PATH ISSUBSET 'cidr'} for the paths {@code
 * ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value}, {@code
 * email-addr:value} and {@code file:hashes.ALGO}.
 *
 * <p>It is not a parser: it does not check the pattern's grammar, and it reads each comparison on
 * its own, ignoring the boolean and observation operators around it. Negated comparisons ({@code
 * NOT =}, {@code !=}) mention nothing. Cost is linear in the pattern length; the pattern is not
 * length-limited here because the validator bounds object sizes first.
 */
final class PatternComparisons implements PatternObservables {
  private enum Kind {
    PATH,
    WORD,
    STRING,
    OTHER_LITERAL,
    PUNCT
  }

  private record Token(Kind kind, String text) {}

  @Override
  public List<Observable> observables(String pattern) {
    List<Token> tokens = lex(pattern);
    Set<Observable> out = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind != Kind.PATH) {
        continue;
      }
      int j = i + 1;
      boolean negated = false;
      if (j < tokens.size() && isWord(tokens.get(j), "NOT")) {
        negated = true;
        j++;
      }
      if (j >= tokens.size()) {
        break;
      }
      Token op = tokens.get(j);
      List<String> values = new ArrayList<>();
      if (isPunct(op, "=") || isWord(op, "ISSUBSET")) {
        if (j + 1 < tokens.size() && tokens.get(j + 1).kind == Kind.STRING) {
          values.add(tokens.get(j + 1).text);
        }
      } else if (isWord(op, "IN")) {
        int k = j + 1;
        if (k < tokens.size() && isPunct(tokens.get(k), "(")) {
          k++;
          while (k < tokens.size() && !isPunct(tokens.get(k), ")")) {
            if (tokens.get(k).kind == Kind.STRING) {
              values.add(tokens.get(k).text);
            }
            k++;
          }
        }
      }
      if (negated) {
        continue;
      }
      for (String v : values) {
        normalise(t.text, v).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  private static Optional<Observable> normalise(String path, String value) {
    return switch (path) {
      case "ipv4-addr:value" -> ObservableValues.ipv4(value);
      case "ipv6-addr:value" -> ObservableValues.ipv6(value);
      case "domain-name:value" -> ObservableValues.domain(value);
      case "url:value" -> ObservableValues.url(value);
      case "email-addr:value" -> ObservableValues.email(value);
      default -> {
        if (path.startsWith("file:hashes.") && path.length() > "file:hashes.".length()) {
          yield ObservableValues.hash(path.substring("file:hashes.".length()), value);
        }
        yield Optional.empty();
      }
    };
  }

  private static boolean isWord(Token t, String word) {
    return t.kind == Kind.WORD && t.text.equals(word);
  }

  private static boolean isPunct(Token t, String p) {
    return t.kind == Kind.PUNCT && t.text.equals(p);
  }

  /** Splits pattern text into tokens; unknown characters are skipped. */
  private static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        i = readString(s, i, sb);
        out.add(new Token(Kind.STRING, sb.toString()));
      } else if (c == '!' && i + 1 < n && s.charAt(i + 1) == '=') {
        out.add(new Token(Kind.PUNCT, "!="));
        i += 2;
      } else if (c == '<' || c == '>') {
        boolean eq = i + 1 < n && s.charAt(i + 1) == '=';
        out.add(new Token(Kind.PUNCT, eq ? c + "=" : String.valueOf(c)));
        i += eq ? 2 : 1;
      } else if ("[]()=,".indexOf(c) >= 0) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      } else if (isNameChar(c)) {
        i = readName(s, i, out);
      } else {
        i++;
      }
    }
    return out;
  }

  /** Reads a quoted string starting at {@code i}; returns the index after its closing quote. */
  private static int readString(String s, int i, StringBuilder sb) {
    int n = s.length();
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n) {
        sb.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        return i + 1;
      } else {
        sb.append(c);
        i++;
      }
    }
    return n;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.'
        || c == ':'
        || c == '+';
  }

  /**
   * Reads a word, number, typed literal ({@code t'...'}, {@code h'...'}, {@code b'...'}) or object
   * path. In a path, {@code .'quoted key'} is read as the unquoted key and {@code [n]} or {@code
   * [*]} list steps are kept.
   */
  private static int readName(String s, int i, List<Token> out) {
    int n = s.length();
    int start = i;
    if (i + 1 < n && s.charAt(i + 1) == '\'' && "thbTHB".indexOf(s.charAt(i)) >= 0) {
      i = readString(s, i + 1, new StringBuilder());
      out.add(new Token(Kind.OTHER_LITERAL, s.substring(start, i)));
      return i;
    }
    StringBuilder sb = new StringBuilder();
    while (i < n) {
      char c = s.charAt(i);
      if (isNameChar(c)) {
        sb.append(c);
        i++;
      } else if (c == '\'' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '.') {
        i = readString(s, i, sb);
      } else if (c == '[' && sb.indexOf(":") >= 0 && listStep(s, i) > i) {
        int end = listStep(s, i);
        sb.append(s, i, end);
        i = end;
      } else {
        break;
      }
    }
    String text = sb.toString();
    if (text.indexOf(':') > 0) {
      out.add(new Token(Kind.PATH, text));
    } else if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
      out.add(new Token(Kind.WORD, text.toUpperCase(Locale.ROOT)));
    } else {
      out.add(new Token(Kind.OTHER_LITERAL, text));
    }
    return i;
  }

  /** The index after {@code [*]} or {@code [digits]} at {@code i}, or {@code i} when none. */
  private static int listStep(String s, int i) {
    int n = s.length();
    int j = i + 1;
    if (j < n && s.charAt(j) == '*') {
      j++;
    } else {
      while (j < n && Character.isDigit(s.charAt(j))) {
        j++;
      }
      if (j == i + 1) {
        return i;
      }
    }
    return j < n && s.charAt(j) == ']' ? j + 1 : i;
  }
}
