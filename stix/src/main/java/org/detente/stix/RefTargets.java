package org.detente.stix;

import java.util.Set;

/**
 * The object types an identifier property may point to (specification section 3.3: some embedded
 * relationships are restricted to a subset of object types).
 *
 * <p>Types the specification does not define (custom objects, or objects created through an
 * extension definition) have no known family; targets given by family accept them when {@code
 * custom} is set, because such an object may well be an SDO or an SCO.
 */
sealed interface RefTargets {

  /** True when an identifier of type {@code type} is an allowed target. */
  boolean accepts(String type);

  /** Words for error messages, for example {@code identity} or {@code an SDO or SCO}. */
  String describe();

  /** Exactly these specification types. */
  record Types(Set<String> names) implements RefTargets {
    public Types {
      names = Set.copyOf(names);
    }

    @Override
    public boolean accepts(String type) {
      return names.contains(type);
    }

    @Override
    public String describe() {
      return String.join(" or ", names.stream().sorted().toList());
    }
  }

  /** Any type of the given families, and custom types when {@code custom} is true. */
  record Families(Set<StixKind> kinds, boolean custom, String describe) implements RefTargets {
    public Families {
      kinds = Set.copyOf(kinds);
    }

    @Override
    public boolean accepts(String type) {
      StixKind kind = StixKind.of(type);
      return kind == StixKind.CUSTOM ? custom && !"bundle".equals(type) : kinds.contains(kind);
    }
  }

  static RefTargets types(String... names) {
    return new Types(Set.of(names));
  }

  /** Any STIX object: every type except {@code bundle}, which is not a STIX object. */
  RefTargets ANY_OBJECT =
      new Families(
          Set.of(StixKind.SDO, StixKind.SRO, StixKind.SCO, StixKind.META), true, "a STIX object");

  RefTargets SDO = new Families(Set.of(StixKind.SDO), true, "an SDO");

  RefTargets SCO = new Families(Set.of(StixKind.SCO), true, "an SCO");

  RefTargets SDO_OR_SCO = new Families(Set.of(StixKind.SDO, StixKind.SCO), true, "an SDO or SCO");

  RefTargets SCO_OR_SRO = new Families(Set.of(StixKind.SCO, StixKind.SRO), true, "an SCO or SRO");
}
