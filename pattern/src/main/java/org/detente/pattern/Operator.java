package org.detente.pattern;

/** The comparison operators of STIX 2.1 Patterning (section 9.3), each with its pattern text. */
public enum Operator {
  EQ("="),
  NEQ("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  IN("IN"),
  LIKE("LIKE"),
  MATCHES("MATCHES"),
  ISSUBSET("ISSUBSET"),
  ISSUPERSET("ISSUPERSET");

  private final String text;

  Operator(String text) {
    this.text = text;
  }

  /** The operator as written in a pattern. */
  public String text() {
    return text;
  }

  /**
   * True for {@code <, <=, >, >=}, which take an orderable constant (not a boolean, not a list).
   */
  public boolean isOrdering() {
    return this == LT || this == LE || this == GT || this == GE;
  }

  /** True for the operators whose right side must be a string constant. */
  public boolean takesStringOnly() {
    return this == LIKE || this == MATCHES || this == ISSUBSET || this == ISSUPERSET;
  }

  @Override
  public String toString() {
    return text;
  }
}
