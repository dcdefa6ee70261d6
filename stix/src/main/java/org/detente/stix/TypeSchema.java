package org.detente.stix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The property table of a type, and the rules between its properties that a single property's type
 * cannot express. Used for objects, predefined extensions and embedded types alike; common
 * properties are not listed here (see {@link Family}).
 */
final class TypeSchema {
  private final String name;
  private final Map<String, Prop> props;
  private final List<Prop> required;
  private final List<Constraint> constraints;

  private TypeSchema(String name, List<Prop> props, List<Constraint> constraints) {
    Map<String, Prop> byName = new LinkedHashMap<>();
    List<Prop> req = new ArrayList<>();
    for (Prop p : props) {
      if (byName.put(p.name(), p) != null) {
        throw new IllegalArgumentException("duplicate property " + p.name() + " in " + name);
      }
      if (p.required()) {
        req.add(p);
      }
    }
    this.name = name;
    this.props = Collections.unmodifiableMap(byName);
    this.required = List.copyOf(req);
    this.constraints = List.copyOf(constraints);
  }

  static TypeSchema of(String name, List<Prop> props, Constraint... constraints) {
    return new TypeSchema(name, props, List.of(constraints));
  }

  String name() {
    return name;
  }

  /** The property named {@code name}, or null when the type does not define it. */
  Prop prop(String name) {
    return props.get(name);
  }

  Map<String, Prop> props() {
    return props;
  }

  List<Prop> required() {
    return required;
  }

  List<Constraint> constraints() {
    return constraints;
  }

  @Override
  public String toString() {
    return "TypeSchema[" + name + "]";
  }
}
