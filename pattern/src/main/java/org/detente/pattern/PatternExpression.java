package org.detente.pattern;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A STIX 2.1 pattern: observation expressions joined by {@code AND}, {@code OR} and {@code
 * FOLLOWEDBY} (binding in that order, tightest first), each optionally qualified.
 *
 * <p>{@link And}, {@link Or} and {@link FollowedBy} are n-ary: an unparenthesised chain is one
 * node, a parenthesised operand stays nested. Qualifiers bind tighter than every operator: {@code
 * [a] AND [b] WITHIN 5 SECONDS} qualifies only {@code [b]}; a chain of qualifiers nests, first
 * innermost. {@link #toString()} gives canonical pattern text that parses back to an equal tree.
 */
public sealed interface PatternExpression {

  /** {@code [ comparison expression ]}: matched against one SCO of an observation. */
  record Observation(ComparisonExpression comparison) implements PatternExpression {
    public Observation {
      Objects.requireNonNull(comparison, "comparison");
    }

    @Override
    public String toString() {
      return "[" + comparison + "]";
    }
  }

  /** Observation expressions that must all match, in any order. */
  record And(List<PatternExpression> operands) implements PatternExpression {
    public And {
      operands = checked(operands, "AND");
    }

    @Override
    public String toString() {
      return join(
          operands, " AND ", o -> o instanceof And || o instanceof Or || o instanceof FollowedBy);
    }
  }

  /** Observation expressions of which at least one must match. */
  record Or(List<PatternExpression> operands) implements PatternExpression {
    public Or {
      operands = checked(operands, "OR");
    }

    @Override
    public String toString() {
      return join(operands, " OR ", o -> o instanceof Or || o instanceof FollowedBy);
    }
  }

  /** Observation expressions that must match in this order in time. */
  record FollowedBy(List<PatternExpression> operands) implements PatternExpression {
    public FollowedBy {
      operands = checked(operands, "FOLLOWEDBY");
    }

    @Override
    public String toString() {
      return join(operands, " FOLLOWEDBY ", o -> o instanceof FollowedBy);
    }
  }

  /** An expression restricted by a qualifier. */
  record Qualified(PatternExpression expression, Qualifier qualifier) implements PatternExpression {
    public Qualified {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(qualifier, "qualifier");
    }

    @Override
    public String toString() {
      boolean bare =
          expression instanceof Observation
              || (expression instanceof Qualified q && !chainKinds(q).contains(kind(qualifier)));
      return (bare ? expression.toString() : "(" + expression + ")") + " " + qualifier;
    }

    /** The qualifier kinds written after the same unparenthesised operand as this one's. */
    static Set<Class<? extends Qualifier>> chainKinds(Qualified q) {
      Set<Class<? extends Qualifier>> kinds;
      if (q.expression() instanceof Qualified inner
          && !chainKinds(inner).contains(kind(q.qualifier()))) {
        kinds = chainKinds(inner);
      } else {
        kinds = new java.util.HashSet<>();
      }
      kinds.add(kind(q.qualifier()));
      return kinds;
    }

    static Class<? extends Qualifier> kind(Qualifier q) {
      return switch (q) {
        case Qualifier.Within w -> Qualifier.Within.class;
        case Qualifier.Repeats r -> Qualifier.Repeats.class;
        case Qualifier.StartStop s -> Qualifier.StartStop.class;
      };
    }
  }

  private static List<PatternExpression> checked(List<PatternExpression> operands, String op) {
    List<PatternExpression> copy = List.copyOf(operands);
    if (copy.size() < 2) {
      throw new IllegalArgumentException(op + " needs 2 or more operands, got " + copy.size());
    }
    return copy;
  }

  private static String join(
      List<PatternExpression> operands,
      String separator,
      java.util.function.Predicate<PatternExpression> needsParens) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < operands.size(); i++) {
      PatternExpression o = operands.get(i);
      if (i > 0) {
        b.append(separator);
      }
      b.append(needsParens.test(o) ? "(" + o + ")" : o.toString());
    }
    return b.toString();
  }
}
