package org.detente.node.http;

import java.util.Locale;
import org.detente.node.taxii.MediaTypes;

/**
 * Content negotiation of TAXII 2.1 (section 1.6.8).
 *
 * <p>Every response of this server is {@code application/taxii+json;version=2.1}. A request is
 * served when its {@code Accept} header admits that type: {@code application/taxii+json} with
 * {@code version=2.1} or without a version (which means the latest version the server speaks), or
 * the wildcards {@code application/*} and {@code *}{@code /*}, each with a non-zero {@code q}.
 * Otherwise the answer is 406. A request without an {@code Accept} header is served (HTTP: no
 * header means any type), although TAXII clients must send one. Type, subtype and parameter names
 * compare case-insensitively; whitespace around {@code ;} and {@code =} is allowed.
 *
 * <p>A POST body must be declared {@code application/taxii+json}, with {@code version=2.1} or no
 * version; anything else, or no {@code Content-Type}, is answered 415.
 */
final class Negotiation {
  private Negotiation() {}

  /**
   * @throws HttpProblem 406 when the header does not admit the TAXII 2.1 media type
   */
  static void checkAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return;
    }
    for (String range : accept.split(",")) {
      MediaRange m = MediaRange.parse(range);
      if (m != null && m.q > 0 && m.admitsTaxii21()) {
        return;
      }
    }
    throw new HttpProblem(
        406,
        "not-acceptable",
        "Not Acceptable",
        "this server answers only in "
            + MediaTypes.TAXII_21
            + "; the Accept header '"
            + shorten(accept)
            + "' does not admit it");
  }

  /**
   * For Détente's own endpoints, which answer in {@code mediaType} (a type without parameters): the
   * {@code Accept} header must admit it ({@code mediaType}, its type with {@code *}, or {@code
   * *}{@code /*}, with a non-zero {@code q}), or be absent.
   *
   * @throws HttpProblem 406 when it does not
   */
  static void checkAccept(String accept, String mediaType) {
    if (accept == null || accept.isBlank()) {
      return;
    }
    String[] ts = mediaType.split("/");
    for (String range : accept.split(",")) {
      MediaRange m = MediaRange.parse(range);
      if (m != null && m.q > 0 && m.admits(ts[0], ts[1])) {
        return;
      }
    }
    throw new HttpProblem(
        406,
        "not-acceptable",
        "Not Acceptable",
        "this endpoint answers only in "
            + mediaType
            + "; the Accept header '"
            + shorten(accept)
            + "' does not admit it");
  }

  /**
   * For Détente's own endpoints: the body must be declared {@code mediaType} (parameters such as
   * {@code charset} aside).
   *
   * @throws HttpProblem 415 when it is not
   */
  static void checkContentType(String contentType, String mediaType) {
    MediaRange m = contentType == null ? null : MediaRange.parse(contentType);
    if (m == null || !(m.type + "/" + m.subtype).equals(mediaType)) {
      throw new HttpProblem(
          415,
          "unsupported-media-type",
          "Unsupported Media Type",
          "the body must be "
              + mediaType
              + ", got Content-Type '"
              + (contentType == null ? "(none)" : shorten(contentType))
              + "'");
    }
  }

  /**
   * @throws HttpProblem 415 when the body is not declared as TAXII 2.1
   */
  static void checkContentType(String contentType) {
    MediaRange m = contentType == null ? null : MediaRange.parse(contentType);
    if (m == null
        || !m.type.equals("application")
        || !m.subtype.equals("taxii+json")
        || !(m.version == null || m.version.equals("2.1"))) {
      throw new HttpProblem(
          415,
          "unsupported-media-type",
          "Unsupported Media Type",
          "the body must be "
              + MediaTypes.TAXII_21
              + ", got Content-Type '"
              + (contentType == null ? "(none)" : shorten(contentType))
              + "'");
    }
  }

  static String shorten(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
  }

  private static final class MediaRange {
    String type;
    String subtype;
    String version;
    double q = 1;

    static MediaRange parse(String text) {
      String[] parts = text.split(";");
      String[] ts = parts[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
      if (ts.length != 2 || ts[0].isEmpty() || ts[1].isEmpty()) {
        return null;
      }
      MediaRange m = new MediaRange();
      m.type = ts[0];
      m.subtype = ts[1];
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq < 0) {
          return null;
        }
        String name = parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = parts[i].substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        switch (name) {
          case "version" -> m.version = value;
          case "q" -> {
            try {
              m.q = Double.parseDouble(value);
            } catch (NumberFormatException e) {
              return null;
            }
          }
          default -> {
            // other parameters (charset, ...) do not change what is acceptable
          }
        }
      }
      return m;
    }

    boolean admits(String t, String s) {
      return (type.equals("*") && subtype.equals("*"))
          || (type.equals(t) && (subtype.equals("*") || subtype.equals(s)));
    }

    boolean admitsTaxii21() {
      if (type.equals("*") && subtype.equals("*")) {
        return true;
      }
      if (!type.equals("application")) {
        return false;
      }
      if (subtype.equals("*")) {
        return true;
      }
      return subtype.equals("taxii+json") && (version == null || version.equals("2.1"));
    }
  }
}
