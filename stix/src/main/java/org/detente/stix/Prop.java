package org.detente.stix;

import java.util.Objects;

/** One row of a property table: name, value kind and whether the property is required. */
record Prop(String name, ValueKind kind, boolean required) {
  Prop {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  static Prop req(String name, ValueKind kind) {
    return new Prop(name, kind, true);
  }

  static Prop opt(String name, ValueKind kind) {
    return new Prop(name, kind, false);
  }
}
