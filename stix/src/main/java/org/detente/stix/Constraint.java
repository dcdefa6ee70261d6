package org.detente.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * A rule between properties of one object or embedded value, such as "at least one of hashes or
 * name" or "valid_until after valid_from". Each names the rule it reports when broken.
 */
sealed interface Constraint {

  String rule();

  /** At least one of {@code names} is present; reported on the object itself. */
  record AtLeastOne(String rule, List<String> names) implements Constraint {
    public AtLeastOne {
      names = List.copyOf(names);
    }
  }

  /** {@code first} and {@code second} are not both present; reported on {@code second}. */
  record NotBoth(String rule, String first, String second) implements Constraint {}

  /** When {@code trigger} is present, {@code needed} is present too; reported on {@code needed}. */
  record Requires(String rule, String trigger, String needed) implements Constraint {}

  /** {@code needed} is present unless {@code unless} is; reported on {@code needed}. */
  record RequiredUnless(String rule, String needed, String unless) implements Constraint {}

  /**
   * When both timestamps are present and valid, {@code later} is not before {@code earlier} (and
   * differs from it when {@code strict}); reported on {@code later}.
   */
  record NotBefore(String rule, String earlier, String later, boolean strict)
      implements Constraint {}

  /** When boolean {@code flag} equals {@code value}, {@code forbidden} is absent. */
  record ForbiddenWhen(String rule, String flag, boolean value, String forbidden)
      implements Constraint {}

  /**
   * At least one property of the type's own table other than {@code except} is present (common
   * properties do not count; {@code extensions} counts when {@code countExtensions}).
   */
  record AnyProperty(String rule, Set<String> except, boolean countExtensions)
      implements Constraint {
    public AnyProperty {
      except = Set.copyOf(except);
    }
  }

  /** A rule that needs code of its own. */
  record Special(String rule, Check check) implements Constraint {}

  /** The body of a {@link Special} rule. */
  @FunctionalInterface
  interface Check {
    /**
     * Checks {@code node}, found at {@code path}, reporting problems to {@code inspection} under
     * {@code rule} (or under rules of its own when one check covers several).
     */
    void apply(ObjectInspection inspection, ObjectNode node, PropertyPath path, String rule);
  }

  static Constraint atLeastOne(String rule, String... names) {
    return new AtLeastOne(rule, List.of(names));
  }

  static Constraint notBefore(String rule, String earlier, String later) {
    return new NotBefore(rule, earlier, later, false);
  }

  static Constraint after(String rule, String earlier, String later) {
    return new NotBefore(rule, earlier, later, true);
  }

  static Constraint anyProperty(String rule) {
    return new AnyProperty(rule, Set.of(), false);
  }
}
