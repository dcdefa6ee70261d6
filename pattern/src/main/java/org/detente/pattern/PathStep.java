package org.detente.pattern;

import java.util.Objects;
import java.util.regex.Pattern;

/** One step of an {@link ObjectPath} after the object type. */
public sealed interface PathStep {

  /**
   * A property name or dictionary key. Written bare when it is an identifier ({@code
   * [A-Za-z_][A-Za-z0-9_]*}), otherwise as a quoted string ({@code hashes.'SHA-256'}).
   */
  record Property(String name) implements PathStep {
    private static final Pattern BARE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Property {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return BARE.matcher(name).matches() ? name : Constant.StringConstant.quote(name);
    }
  }

  /**
   * A list index {@code [n]}. The pattern grammar allows a negative index; what it selects is left
   * to the evaluator.
   */
  record Index(int index) implements PathStep {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** {@code [*]}: any member of a list. */
  record AnyIndex() implements PathStep {
    @Override
    public String toString() {
      return "[*]";
    }
  }
}
