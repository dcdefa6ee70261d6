package org.detente.node.sync;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.TaxiiJson;

/** Builds the URLs of TAXII 2.1 requests: path segments and query parameters, percent-encoded. */
final class Urls {
  private Urls() {}

  /**
   * An API root or discovery URL with a trailing slash, so that relative paths resolve under it.
   *
   * @throws IllegalArgumentException when it is not an absolute http or https URL, or carries a
   *     query, fragment or user info
   */
  static URI base(URI uri) {
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("TAXII URL must be absolute http or https: " + uri);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("TAXII URL must not have a query or fragment: " + uri);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "TAXII URL must not hold credentials; use TaxiiCredentials: "
              + uri.getScheme()
              + "://"
              + uri.getHost());
    }
    String s = uri.toString();
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  /**
   * The URL of one of Détente's own endpoints ({@code path}, absolute from the server's root, such
   * as {@code /detente/v1/audit/head/}) on the server of a registered TAXII URL: the server's root
   * is the parent of the URL's last path segment ({@code https://h/api/} and {@code
   * https://h/taxii2/} give {@code https://h/}).
   *
   * @throws IllegalArgumentException as {@link #base}
   */
  static URI detente(URI taxiiUrl, String path) {
    URI base = base(taxiiUrl);
    URI root = "/".equals(base.getRawPath()) ? base : base.resolve("..");
    return root.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** {@code base} followed by the segments, each percent-encoded and ending with a slash. */
  static URI path(URI base, String... segments) {
    StringBuilder sb = new StringBuilder(base.toString());
    for (String s : segments) {
      encode(s, false, sb);
      sb.append('/');
    }
    return URI.create(sb.toString());
  }

  /** A URL with the query parameters of {@code params} (name, value pairs; none when empty). */
  static URI query(URI uri, List<String> params) {
    if (params.isEmpty()) {
      return uri;
    }
    StringBuilder sb = new StringBuilder(uri.toString()).append('?');
    for (int i = 0; i < params.size(); i += 2) {
      if (i > 0) {
        sb.append('&');
      }
      encode(params.get(i), false, sb);
      sb.append('=');
      encode(params.get(i + 1), true, sb);
    }
    return URI.create(sb.toString());
  }

  /** Whether to send {@code match[version]}. */
  enum Versions {
    /** Never: the endpoint has no such parameter. */
    NEVER,
    /** When it is not {@code last}, the default of the TAXII queries. */
    UNLESS_LAST,
    /** Always: the endpoint's default is not one to rely on (delete). */
    ALWAYS
  }

  /**
   * The query parameters of a filter: {@code match[id]}, {@code match[type]}, {@code
   * match[version]} (as {@code versions} says), {@code match[spec_version]}, {@code added_after};
   * then {@code limit} when positive and {@code next} when given. When {@code addedAfter} is given
   * it replaces the filter's.
   */
  static List<String> params(
      ObjectFilter filter,
      boolean withIdsAndTypes,
      Versions versions,
      int limit,
      Optional<String> next,
      Optional<Instant> addedAfter) {
    List<String> p = new ArrayList<>();
    Optional<Instant> after = addedAfter.or(filter::addedAfter);
    after.ifPresent(a -> add(p, "added_after", TaxiiJson.timestamp(a)));
    if (withIdsAndTypes) {
      list(p, "match[id]", filter.ids());
      list(p, "match[type]", filter.types());
    }
    if (versions == Versions.ALWAYS
        || (versions == Versions.UNLESS_LAST && !filter.versions().equals(VersionMatch.LAST))) {
      add(p, "match[version]", filter.versions().toString());
    }
    list(p, "match[spec_version]", filter.specVersions());
    if (limit > 0) {
      add(p, "limit", Integer.toString(limit));
    }
    next.ifPresent(n -> add(p, "next", n));
    return p;
  }

  private static void list(List<String> p, String name, List<String> values) {
    if (!values.isEmpty()) {
      add(p, name, String.join(",", values));
    }
  }

  private static void add(List<String> p, String name, String value) {
    p.add(name);
    p.add(value);
  }

  private static final String HEX = "0123456789ABCDEF";

  /**
   * Percent-encodes all but the RFC 3986 unreserved characters, and in query values also the comma
   * (the separator of TAXII lists) and the colon (in timestamps), which a query may hold as they
   * are.
   */
  private static void encode(String s, boolean queryValue, StringBuilder sb) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || (queryValue && (c == ',' || c == ':'))) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
  }
}
