package org.detente.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.detente.pattern.ComparisonExpression.Comparison;
import org.detente.stix.IpBlock;

/**
 * How the compiled matcher indexes a comparison expression: the index entries ({@link Spec}) under
 * which a value may satisfy it, and whether a hit on them is already exact.
 */
final class IndexPlan {
  private IndexPlan() {}

  enum Kind {
    /** the value equals the key (exact) */
    EXACT,
    /** the value is an address or network inside the key network (exact) */
    NETWORK,
    /** the value ends with the key (exact) */
    SUFFIX,
    /** the value contains the key (a prefilter: candidates are checked) */
    LITERAL
  }

  /** One index entry for a comparison: type and path say where, kind and key what. */
  record Spec(String type, ObjectPath path, Kind kind, String key, IpBlock network) {
    boolean exact() {
      return kind != Kind.LITERAL;
    }
  }

  /**
   * The entries under which {@code e} may hold, or null when it cannot be indexed (it may hold on
   * values no entry finds: negation, ordering, EXISTS, a regular expression without a required
   * literal). An empty list means it never holds.
   */
  static List<Spec> anchors(ComparisonExpression e) {
    return switch (e) {
      case Comparison c -> specs(c);
      case ComparisonExpression.Exists x -> null;
      case ComparisonExpression.Or o -> {
        List<Spec> all = new ArrayList<>();
        for (ComparisonExpression x : o.operands()) {
          List<Spec> s = anchors(x);
          if (s == null) {
            yield null;
          }
          all.addAll(s);
        }
        yield all;
      }
      case ComparisonExpression.And a -> {
        List<Spec> best = null;
        int bestRank = Integer.MAX_VALUE;
        for (ComparisonExpression x : a.operands()) {
          List<Spec> s = anchors(x);
          if (s != null) {
            int rank =
                s.stream().mapToInt(p -> p.kind().ordinal()).max().orElse(-1) * 1000 + s.size();
            if (rank < bestRank) {
              best = s;
              bestRank = rank;
            }
          }
        }
        yield best;
      }
    };
  }

  /**
   * The entries of an expression whose hits are exact: comparisons (and ORs of them) that need no
   * further check. Null when some part needs one.
   */
  static List<Spec> exactAnchors(ComparisonExpression e) {
    return switch (e) {
      case Comparison c -> {
        List<Spec> s = specs(c);
        yield s != null && s.stream().allMatch(Spec::exact) ? s : null;
      }
      case ComparisonExpression.Or o -> {
        List<Spec> all = new ArrayList<>();
        for (ComparisonExpression x : o.operands()) {
          List<Spec> s = exactAnchors(x);
          if (s == null) {
            yield null;
          }
          all.addAll(s);
        }
        yield all;
      }
      case ComparisonExpression.And a -> null;
      case ComparisonExpression.Exists x -> null;
    };
  }

  private static List<Spec> specs(Comparison c) {
    if (c.negated()) {
      return null;
    }
    String type = c.path().objectType();
    ObjectPath path = c.path();
    return switch (c.op()) {
      case EQ ->
          c.value() instanceof Constant.StringConstant s
              ? List.of(new Spec(type, path, Kind.EXACT, s.value(), null))
              : null;
      case IN -> {
        List<Spec> out = new ArrayList<>();
        for (Constant k : ((Constant.ListConstant) c.value()).values()) {
          if (!(k instanceof Constant.StringConstant s)) {
            yield null;
          }
          out.add(new Spec(type, path, Kind.EXACT, s.value(), null));
        }
        yield out;
      }
      case ISSUBSET -> {
        Optional<IpBlock> b = IpBlock.parse(((Constant.StringConstant) c.value()).value());
        yield b.map(block -> List.of(new Spec(type, path, Kind.NETWORK, null, block)))
            .orElse(List.of());
      }
      case LIKE -> like(type, path, ((Constant.StringConstant) c.value()).value());
      case MATCHES -> {
        String regex = ((Constant.StringConstant) c.value()).value();
        String last =
            path.steps().get(path.steps().size() - 1) instanceof PathStep.Property p
                ? p.name()
                : "";
        if (last.endsWith("_bin") || last.endsWith("_hex")) {
          yield null;
        }
        try {
          Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
          yield List.of();
        }
        String literal = requiredLiteral(regex);
        yield literal == null ? null : List.of(new Spec(type, path, Kind.LITERAL, literal, null));
      }
      default -> null;
    };
  }

  private static List<Spec> like(String type, ObjectPath path, String p) {
    boolean wild = p.indexOf('%') >= 0 || p.indexOf('_') >= 0;
    if (!wild) {
      return List.of(new Spec(type, path, Kind.EXACT, p, null));
    }
    String rest = p.substring(1);
    if (p.startsWith("%") && !rest.isEmpty() && rest.indexOf('%') < 0 && rest.indexOf('_') < 0) {
      return List.of(new Spec(type, path, Kind.SUFFIX, rest, null));
    }
    String longest = "";
    for (String piece : p.split("[%_]")) {
      if (piece.length() > longest.length()) {
        longest = piece;
      }
    }
    return longest.length() >= 3
        ? List.of(new Spec(type, path, Kind.LITERAL, longest, null))
        : null;
  }

  /**
   * A literal every match of {@code regex} contains, at least 3 characters long, or null. Only the
   * top level is read: any {@code |} there, or an inline flag, gives null; groups, classes,
   * anchors, dots and escapes other than escaped punctuation end a run; a quantifier removes the
   * character before it from the run.
   */
  static String requiredLiteral(String regex) {
    if (regex.contains("(?") || regex.contains("\\Q")) {
      return null;
    }
    String best = null;
    StringBuilder run = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 >= regex.length()) {
          return null;
        }
        char n = regex.charAt(++i);
        if (depth == 0 && !Character.isLetterOrDigit(n)) {
          if (quantified(regex, i + 1)) {
            best = longer(best, run);
            run.setLength(0);
          } else {
            run.append(n);
          }
        } else {
          best = longer(best, run);
          run.setLength(0);
        }
        continue;
      }
      if (c == '[') {
        best = longer(best, run);
        run.setLength(0);
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
          j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
          j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
          if (regex.charAt(j) == '\\') {
            j++;
          }
          j++;
        }
        i = j;
        continue;
      }
      if (c == '(') {
        depth++;
        best = longer(best, run);
        run.setLength(0);
        continue;
      }
      if (c == ')') {
        depth--;
        continue;
      }
      if (c == '|') {
        if (depth == 0) {
          return null;
        }
        continue;
      }
      if (depth > 0) {
        continue;
      }
      if (".^$*+?{}".indexOf(c) >= 0) {
        if ((c == '*' || c == '?' || c == '{') && run.length() > 0) {
          run.setLength(run.length() - 1);
        }
        best = longer(best, run);
        run.setLength(0);
        if (c == '{') {
          while (i < regex.length() && regex.charAt(i) != '}') {
            i++;
          }
        }
        continue;
      }
      if (quantified(regex, i + 1)) {
        best = longer(best, run);
        run.setLength(0);
        if (regex.charAt(i + 1) == '+') {
          run.append(c);
        }
        continue;
      }
      run.append(c);
    }
    best = longer(best, run);
    return best != null && best.length() >= 3 ? best : null;
  }

  private static boolean quantified(String regex, int next) {
    return next < regex.length() && "*?{+".indexOf(regex.charAt(next)) >= 0;
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > (best == null ? 0 : best.length()) ? run.toString() : best;
  }
}
