package org.detente.node.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.detente.stix.StixTimestamp;

/**
 * Which versions of each object a query or delete selects (TAXII 2.1 {@code match[version]}): any
 * combination of the first version, the last version, all versions and versions with exact
 * timestamps. A version is selected when any of the selectors selects it.
 *
 * <p>Timestamps are compared as instants ({@link StixTimestamp#sortKey}), so {@code
 * 2020-01-01T00:00:00Z} selects a version written {@code 2020-01-01T00:00:00.000Z}. Objects without
 * a version (SCOs) have exactly one stored version, which is both first and last; an exact
 * timestamp never selects them.
 *
 * @param first select the earliest version
 * @param last select the latest version
 * @param all select every version
 * @param timestamps select the versions with these timestamps (STIX timestamps)
 */
public record VersionMatch(boolean first, boolean last, boolean all, List<String> timestamps) {
  /** The most timestamps one selector may name. */
  public static final int MAX_TIMESTAMPS = 1_000;

  /** The latest version only: the TAXII default. */
  public static final VersionMatch LAST = new VersionMatch(false, true, false, List.of());

  /** The earliest version only. */
  public static final VersionMatch FIRST = new VersionMatch(true, false, false, List.of());

  /** Every version. */
  public static final VersionMatch ALL = new VersionMatch(false, false, true, List.of());

  /**
   * @throws IllegalArgumentException when nothing is selected, a timestamp is not a STIX timestamp,
   *     or more than {@value #MAX_TIMESTAMPS} timestamps are given
   */
  public VersionMatch {
    timestamps = List.copyOf(timestamps);
    if (!first && !last && !all && timestamps.isEmpty()) {
      throw new IllegalArgumentException("a version match must select something");
    }
    if (timestamps.size() > MAX_TIMESTAMPS) {
      throw new IllegalArgumentException(
          "at most " + MAX_TIMESTAMPS + " version timestamps, got " + timestamps.size());
    }
    for (String t : timestamps) {
      if (!StixTimestamp.isValid(t)) {
        throw new IllegalArgumentException("not a STIX timestamp in version match: '" + t + "'");
      }
    }
  }

  /** Versions with exactly these timestamps. */
  public static VersionMatch at(String... timestamps) {
    return new VersionMatch(false, false, false, List.of(timestamps));
  }

  /**
   * Reads the TAXII form: comma-separated {@code first}, {@code last}, {@code all} and timestamps.
   *
   * @throws IllegalArgumentException when a value is none of these
   */
  public static VersionMatch parse(String commaSeparated) {
    boolean first = false;
    boolean last = false;
    boolean all = false;
    List<String> ts = new ArrayList<>();
    for (String raw : commaSeparated.split(",", -1)) {
      String v = raw.strip();
      switch (v) {
        case "first" -> first = true;
        case "last" -> last = true;
        case "all" -> all = true;
        default -> {
          if (!StixTimestamp.isValid(v)) {
            throw new IllegalArgumentException(
                "match[version] value must be first, last, all or a STIX timestamp: '" + v + "'");
          }
          ts.add(v);
        }
      }
    }
    return new VersionMatch(first, last, all, ts);
  }

  /** True when at most one version of each object can be selected. */
  boolean atMostOnePerObject() {
    if (all) {
      return false;
    }
    int n = (first ? 1 : 0) + (last ? 1 : 0) + timestamps.size();
    return n <= 1;
  }

  /** The sort keys of the timestamps, as stored in the version_key column. */
  List<String> sortKeys() {
    return timestamps.stream().map(StixTimestamp::sortKey).distinct().toList();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (first) {
      parts.add("first");
    }
    if (last) {
      parts.add("last");
    }
    if (all) {
      parts.add("all");
    }
    parts.addAll(timestamps);
    return String.join(",", parts);
  }

  static VersionMatch requireNonNull(VersionMatch m) {
    return Objects.requireNonNull(m, "versions");
  }
}
