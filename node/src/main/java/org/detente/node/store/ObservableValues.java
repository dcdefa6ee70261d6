package org.detente.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detente.stix.IpBlock;
import org.detente.stix.StixObject;

/**
 * Extracts and normalises the observable values an object mentions, for the index behind {@link
 * Store#mentions}.
 *
 * <p>Normal forms: IP addresses canonical ({@link IpBlock}); a CIDR block as its network address
 * and prefix (a /32 or /128 block is the single address); domain names lower case without a
 * trailing dot; URLs as given (stripped of surrounding blanks); e-mail addresses with the domain
 * part in lower case; hashes in lower case when hexadecimal, keyed by the upper-case algorithm
 * name.
 */
final class ObservableValues {
  /** The most index rows one object may produce; the rest are dropped. */
  static final int MAX_PER_OBJECT = 10_000;

  private final PatternObservables patterns;

  ObservableValues(PatternObservables patterns) {
    this.patterns = patterns;
  }

  /** The index rows of one object: from an SCO's value or hashes, or an indicator's pattern. */
  List<Observable> of(StixObject o) {
    Set<Observable> out = new LinkedHashSet<>();
    switch (o.type()) {
      case "ipv4-addr" -> o.string("value").flatMap(ObservableValues::ipv4).ifPresent(out::add);
      case "ipv6-addr" -> o.string("value").flatMap(ObservableValues::ipv6).ifPresent(out::add);
      case "domain-name" -> o.string("value").flatMap(ObservableValues::domain).ifPresent(out::add);
      case "url" -> o.string("value").flatMap(ObservableValues::url).ifPresent(out::add);
      case "email-addr" -> o.string("value").flatMap(ObservableValues::email).ifPresent(out::add);
      case "file" -> {
        JsonNode hashes = o.property("hashes");
        if (hashes != null && hashes.isObject()) {
          for (Map.Entry<String, JsonNode> e : hashes.properties()) {
            if (e.getValue().isTextual()) {
              hash(e.getKey(), e.getValue().textValue()).ifPresent(out::add);
            }
          }
        }
      }
      case "indicator" -> {
        if (o.string("pattern_type").filter("stix"::equals).isPresent()) {
          o.string("pattern").ifPresent(p -> out.addAll(patterns.observables(p)));
        }
      }
      default -> {}
    }
    List<Observable> list = new ArrayList<>(out);
    return list.size() > MAX_PER_OBJECT ? list.subList(0, MAX_PER_OBJECT) : list;
  }

  static Optional<Observable> ipv4(String text) {
    return IpBlock.parseV4(text.strip()).map(b -> block(b, "ipv4"));
  }

  static Optional<Observable> ipv6(String text) {
    return IpBlock.parseV6(text.strip()).map(b -> block(b, "ipv6"));
  }

  private static Observable block(IpBlock b, String family) {
    if (b.single()) {
      return Observable.exact(family, b.text());
    }
    return new Observable(family + "-cidr", b.text(), b.loHex(), b.hiHex());
  }

  static Optional<Observable> domain(String text) {
    return normalDomain(text).map(d -> Observable.exact("domain", d));
  }

  private static Optional<String> normalDomain(String text) {
    String d = text.strip().toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      return Optional.empty();
    }
    return Optional.of(d);
  }

  static Optional<Observable> url(String text) {
    String u = text.strip();
    return u.isEmpty() ? Optional.empty() : Optional.of(Observable.exact("url", u));
  }

  static Optional<Observable> email(String text) {
    return normalEmail(text).map(e -> Observable.exact("email", e));
  }

  private static Optional<String> normalEmail(String text) {
    String e = text.strip();
    int at = e.lastIndexOf('@');
    if (at <= 0 || at == e.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(e.substring(0, at + 1) + e.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  static Optional<Observable> hash(String algorithm, String value) {
    String a = algorithm.strip().toUpperCase(Locale.ROOT);
    String v = value.strip();
    if (a.isEmpty() || v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Observable.exact("hash:" + a, isHex(v) ? v.toLowerCase(Locale.ROOT) : v));
  }

  private static boolean isHex(String v) {
    return v.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }

  /**
   * What a lookup of {@code value} searches: the normal forms it may have under any kind, and, when
   * it is a single IP address, the address as hex to find the CIDR blocks containing it.
   *
   * @param values exact values to look for
   * @param rangeKind {@code ipv4-cidr} or {@code ipv6-cidr}, or null
   * @param hex the address as fixed-width hex, or null
   */
  record Lookup(List<String> values, String rangeKind, String hex) {}

  static Lookup lookup(String value) {
    Set<String> values = new LinkedHashSet<>();
    String s = value.strip();
    values.add(s);
    values.add(s.toLowerCase(Locale.ROOT));
    normalDomain(s).ifPresent(values::add);
    normalEmail(s).ifPresent(values::add);
    Optional<IpBlock> ip = IpBlock.parse(s.strip());
    String rangeKind = null;
    String hex = null;
    if (ip.isPresent()) {
      IpBlock b = ip.get();
      values.add(b.text());
      if (b.single()) {
        rangeKind = b.v6() ? "ipv6-cidr" : "ipv4-cidr";
        hex = b.loHex();
      }
    }
    return new Lookup(List.copyOf(values), rangeKind, hex);
  }
}
