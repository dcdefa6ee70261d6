package org.detente.node.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.detente.node.service.ObjectQuery;
import org.detente.node.service.RequestException;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.TaxiiFormatException;
import org.detente.node.taxii.TaxiiJson;

/**
 * The URL parameters of TAXII 2.1 reads and deletes (section 3.5): {@code added_after}, {@code
 * limit}, {@code next} and the {@code match[...]} filters.
 *
 * <p>A {@code match[...]} field that TAXII 2.1 does not define, or a TAXII parameter that the
 * endpoint does not take, is refused with 400 naming it; other parameters are ignored, as HTTP
 * usually does. A filter's values are comma-separated; the same filter given twice adds its values.
 * {@code added_after}, {@code limit} and {@code next} may be given once each. Without {@code
 * match[version]}, reads select the last version and deletes every version.
 */
final class Queries {
  static final String ADDED_AFTER = "added_after";
  static final String LIMIT = "limit";
  static final String NEXT = "next";
  static final String ID = "match[id]";
  static final String TYPE = "match[type]";
  static final String VERSION = "match[version]";
  static final String SPEC_VERSION = "match[spec_version]";

  static final Set<String> OBJECTS =
      Set.of(ADDED_AFTER, LIMIT, NEXT, ID, TYPE, VERSION, SPEC_VERSION);
  static final Set<String> OBJECT = Set.of(ADDED_AFTER, LIMIT, NEXT, VERSION, SPEC_VERSION);
  static final Set<String> VERSIONS = Set.of(ADDED_AFTER, LIMIT, NEXT, SPEC_VERSION);
  static final Set<String> DELETE = Set.of(VERSION, SPEC_VERSION);

  private static final Set<String> TAXII = OBJECTS;
  private static final Pattern SPEC = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");

  private final Map<String, List<String>> params;

  private Queries(Map<String, List<String>> params) {
    this.params = params;
  }

  /**
   * Checks the parameters against those the endpoint takes.
   *
   * @throws RequestException.Invalid when a parameter is unknown or not taken here
   */
  static Queries of(Map<String, List<String>> params, Set<String> allowed) {
    for (String name : params.keySet()) {
      if (name.startsWith("match[") && !TAXII.contains(name)) {
        throw new RequestException.Invalid(
            "unknown filter '"
                + Negotiation.shorten(name)
                + "'; TAXII 2.1 defines match[id], match[type], match[version] and"
                + " match[spec_version]");
      }
      if (TAXII.contains(name) && !allowed.contains(name)) {
        throw new RequestException.Invalid("this endpoint does not take the parameter " + name);
      }
    }
    return new Queries(params);
  }

  /** The read parameters. */
  ObjectQuery query() {
    try {
      ObjectFilter f =
          new ObjectFilter(
              list(ID), list(TYPE), versions(VersionMatch.LAST), specVersions(), addedAfter());
      return new ObjectQuery(f, limit(), single(NEXT));
    } catch (IllegalArgumentException e) {
      throw new RequestException.Invalid(e.getMessage());
    }
  }

  /**
   * The version selection, {@code absent} when not given.
   *
   * @throws RequestException.Invalid when a value is not first, last, all or a timestamp
   */
  VersionMatch versions(VersionMatch absent) {
    List<String> v = list(VERSION);
    if (v.isEmpty()) {
      return absent;
    }
    try {
      return VersionMatch.parse(String.join(",", v));
    } catch (IllegalArgumentException e) {
      throw new RequestException.Invalid(e.getMessage());
    }
  }

  /** The spec versions asked for. */
  List<String> specVersions() {
    List<String> v = list(SPEC_VERSION);
    for (String s : v) {
      if (!SPEC.matcher(s).matches()) {
        throw new RequestException.Invalid(
            "match[spec_version] values are versions like 2.1, got '"
                + Negotiation.shorten(s)
                + "'");
      }
    }
    return v;
  }

  private Optional<Instant> addedAfter() {
    return single(ADDED_AFTER)
        .map(
            t -> {
              try {
                return TaxiiJson.parseTimestamp("added_after", t);
              } catch (TaxiiFormatException e) {
                throw new RequestException.Invalid(e.getMessage());
              }
            });
  }

  private OptionalInt limit() {
    Optional<String> v = single(LIMIT);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    String s = v.get();
    if (s.matches("[0-9]{1,9}") && Integer.parseInt(s) > 0) {
      return OptionalInt.of(Integer.parseInt(s));
    }
    throw new RequestException.Invalid(
        "limit must be a positive integer, got '" + Negotiation.shorten(s) + "'");
  }

  private Optional<String> single(String name) {
    List<String> v = params.getOrDefault(name, List.of());
    if (v.size() > 1) {
      throw new RequestException.Invalid(name + " may be given once, got " + v.size() + " values");
    }
    return v.stream().findFirst();
  }

  private List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String value : params.getOrDefault(name, List.of())) {
      for (String part : value.split(",", -1)) {
        String p = part.strip();
        if (p.isEmpty()) {
          throw new RequestException.Invalid(
              name + " holds an empty value: '" + Negotiation.shorten(value) + "'");
        }
        out.add(p);
      }
    }
    return out;
  }
}
