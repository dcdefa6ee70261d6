package org.detente.pattern;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inside of an observation expression's brackets: comparisons joined by {@code AND} and {@code
 * OR} (AND binds tighter) with parentheses. {@code NOT} is not a boolean operator here: the grammar
 * puts it before a comparison operator ({@code file:name NOT = 'x'}), so it is the {@code negated}
 * flag of a {@link Comparison}.
 *
 * <p>{@link And} and {@link Or} are n-ary: an unparenthesised chain {@code a AND b AND c} is one
 * node; a parenthesised operand stays a nested node, so printing and parsing again gives an equal
 * tree. {@link #toString()} gives canonical pattern text.
 */
public sealed interface ComparisonExpression {

  /** The object types the comparisons of this expression refer to, sorted. */
  default Set<String> objectTypes() {
    Set<String> types = new TreeSet<>();
    collectTypes(this, types);
    return types;
  }

  private static void collectTypes(ComparisonExpression e, Set<String> into) {
    switch (e) {
      case Comparison c -> into.add(c.path().objectType());
      case Exists x -> into.add(x.path().objectType());
      case And a -> a.operands().forEach(o -> collectTypes(o, into));
      case Or o -> o.operands().forEach(p -> collectTypes(p, into));
    }
  }

  /**
   * Comparisons that must all hold. All comparisons inside an AND refer to one object type, since
   * they are evaluated against one SCO.
   */
  record And(List<ComparisonExpression> operands) implements ComparisonExpression {
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("AND needs 2 or more operands, got " + operands.size());
      }
      Set<String> types = new TreeSet<>();
      operands.forEach(o -> types.addAll(o.objectTypes()));
      if (types.size() != 1) {
        throw new IllegalArgumentException(
            "comparisons joined by AND must use one object type, got " + types);
      }
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < operands.size(); i++) {
        ComparisonExpression o = operands.get(i);
        if (i > 0) {
          b.append(" AND ");
        }
        boolean paren = o instanceof And || o instanceof Or;
        b.append(paren ? "(" + o + ")" : o.toString());
      }
      return b.toString();
    }
  }

  /** Comparisons of which at least one must hold; they may refer to different object types. */
  record Or(List<ComparisonExpression> operands) implements ComparisonExpression {
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("OR needs 2 or more operands, got " + operands.size());
      }
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < operands.size(); i++) {
        ComparisonExpression o = operands.get(i);
        if (i > 0) {
          b.append(" OR ");
        }
        b.append(o instanceof Or ? "(" + o + ")" : o.toString());
      }
      return b.toString();
    }
  }

  /**
   * {@code path [NOT] op value}. The value's kind is checked against the operator as the grammar
   * does: {@code =}/{@code !=} take any non-list constant, ordering operators any but booleans,
   * {@code IN} a list, and {@code LIKE}, {@code MATCHES}, {@code ISSUBSET}, {@code ISSUPERSET} a
   * string.
   */
  record Comparison(ObjectPath path, Operator op, boolean negated, Constant value)
      implements ComparisonExpression {
    public Comparison {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
      String problem = valueProblem(op, value);
      if (problem != null) {
        throw new IllegalArgumentException(op + " takes " + problem + ", got " + value);
      }
    }

    /** What {@code op} needs when {@code value} does not fit it, else null. */
    static String valueProblem(Operator op, Constant value) {
      if (op == Operator.IN) {
        return value instanceof Constant.ListConstant ? null : "a parenthesised list";
      }
      if (op.takesStringOnly()) {
        return value instanceof Constant.StringConstant ? null : "a string";
      }
      if (value instanceof Constant.ListConstant) {
        return "a single constant, not a list";
      }
      if (op.isOrdering() && value instanceof Constant.BoolConstant) {
        return "an orderable constant, not a boolean";
      }
      return null;
    }

    @Override
    public String toString() {
      return path + (negated ? " NOT " : " ") + op.text() + " " + value;
    }
  }

  /** {@code EXISTS path}: the property is present. */
  record Exists(ObjectPath path) implements ComparisonExpression {
    public Exists {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
      return "EXISTS " + path;
    }
  }
}
