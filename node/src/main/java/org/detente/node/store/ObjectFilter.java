package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TAXII 2.1 filters of an object, manifest or versions query. An empty list means no filter on
 * that field; values within one list are alternatives; fields combine with AND.
 *
 * @param ids {@code match[id]}: object ids
 * @param types {@code match[type]}: object types
 * @param versions {@code match[version]}, {@link VersionMatch#LAST} by default
 * @param specVersions {@code match[spec_version]}; when empty, only the versions with the highest
 *     spec_version among the selected versions of each object are returned. An object without
 *     {@code spec_version} counts as 2.1 (a STIX 2.1 SCO)
 * @param addedAfter {@code added_after}: only objects added strictly after this instant
 */
public record ObjectFilter(
    List<String> ids,
    List<String> types,
    VersionMatch versions,
    List<String> specVersions,
    Optional<Instant> addedAfter) {
  /** The most values one list filter may hold. */
  public static final int MAX_VALUES = 1_000;

  /**
   * @throws IllegalArgumentException when a list holds more than {@value #MAX_VALUES} values
   */
  public ObjectFilter {
    ids = List.copyOf(ids);
    types = List.copyOf(types);
    VersionMatch.requireNonNull(versions);
    specVersions = List.copyOf(specVersions);
    Objects.requireNonNull(addedAfter, "addedAfter");
    check("match[id]", ids);
    check("match[type]", types);
    check("match[spec_version]", specVersions);
  }

  private static void check(String name, List<String> values) {
    if (values.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          name + " may hold at most " + MAX_VALUES + " values, got " + values.size());
    }
  }

  /** No filter: the last version of every object, latest spec version. */
  public static ObjectFilter all() {
    return new ObjectFilter(List.of(), List.of(), VersionMatch.LAST, List.of(), Optional.empty());
  }

  public ObjectFilter withIds(String... values) {
    return new ObjectFilter(List.of(values), types, versions, specVersions, addedAfter);
  }

  public ObjectFilter withTypes(String... values) {
    return new ObjectFilter(ids, List.of(values), versions, specVersions, addedAfter);
  }

  public ObjectFilter withVersions(VersionMatch value) {
    return new ObjectFilter(ids, types, value, specVersions, addedAfter);
  }

  public ObjectFilter withSpecVersions(String... values) {
    return new ObjectFilter(ids, types, versions, List.of(values), addedAfter);
  }

  public ObjectFilter withAddedAfter(Instant value) {
    return new ObjectFilter(ids, types, versions, specVersions, Optional.of(value));
  }
}
