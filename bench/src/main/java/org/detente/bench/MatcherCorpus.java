package org.detente.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.detente.pattern.Observation;
import org.detente.stix.StixObject;

/**
 * Indicators and decoded telemetry for the matcher benchmarks. The indicators are those of the
 * shared {@link IndicatorCorpus} (one fifth each: IPv4 address, IPv4 /24 network, domain name, URL,
 * SHA-256 hash). Events are observations of a connection: source and destination {@code ipv4-addr}
 * plus a {@code domain-name}, a {@code url} or a {@code file} with a SHA-256 hash; a chosen share
 * of the values are taken from the indicators (an address inside the network for a network), the
 * rest are random.
 */
public final class MatcherCorpus {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One indicator: id, pattern and valid_from. */
  public record Indicator(String id, String pattern, Instant validFrom) {}

  private final long seed;
  private final Random random;
  private final List<String> ips = new ArrayList<>();
  private final List<String> domains = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();
  private final List<String> hashes = new ArrayList<>();

  public MatcherCorpus(long seed) {
    this.seed = seed;
    this.random = new Random(seed + 1);
  }

  /** The first {@code n} indicators of the corpus; remembers their values for {@link #events}. */
  public List<Indicator> indicators(int n) throws IOException {
    IndicatorCorpus corpus = new IndicatorCorpus(seed);
    List<Indicator> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      JsonNode json = JSON.readTree(corpus.indicator(i));
      String pattern = json.get("pattern").asText();
      String value =
          pattern.substring(
              pattern.lastIndexOf('\'', pattern.length() - 3) + 1, pattern.length() - 2);
      switch (i % 5) {
        case 0 -> ips.add(value);
        case 1 -> ips.add(value.replace(".0/24", "." + random.nextInt(256)));
        case 2 -> domains.add(value);
        case 3 -> urls.add(value);
        default -> hashes.add(value);
      }
      out.add(
          new Indicator(
              json.get("id").asText(), pattern, Instant.parse(json.get("valid_from").asText())));
    }
    return out;
  }

  /**
   * {@code n} events, one second apart from 2026-01-01; a share {@code hitRate} of the values come
   * from the indicators.
   */
  public List<Observation> events(int n, double hitRate) {
    List<Observation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<StixObject> scos = new ArrayList<>(3);
      String src = pick(ips, hitRate, this::ipv4);
      String dst = pick(ips, hitRate, this::ipv4);
      scos.add(sco("ipv4-addr", "ipv4-addr--" + uuid(), "\"value\":\"" + src + "\""));
      scos.add(sco("ipv4-addr", "ipv4-addr--" + uuid(), "\"value\":\"" + dst + "\""));
      switch (i % 3) {
        case 0 -> {
          String d = pick(domains, hitRate, () -> word() + ".example.net");
          scos.add(sco("domain-name", "domain-name--" + uuid(), "\"value\":\"" + d + "\""));
        }
        case 1 -> {
          String u =
              pick(urls, hitRate, () -> "https://" + word() + ".example.org/" + word() + ".html");
          scos.add(sco("url", "url--" + uuid(), "\"value\":\"" + u + "\""));
        }
        default -> {
          String h = pick(hashes, hitRate, () -> hex(64));
          scos.add(sco("file", "file--" + uuid(), "\"hashes\":{\"SHA-256\":\"" + h + "\"}"));
        }
      }
      Instant at = T0.plusSeconds(i);
      out.add(new Observation("observed-data--" + uuid(), at, at, 1, scos));
    }
    return out;
  }

  private String pick(List<String> from, double rate, java.util.function.Supplier<String> other) {
    return !from.isEmpty() && random.nextDouble() < rate
        ? from.get(random.nextInt(from.size()))
        : other.get();
  }

  private static StixObject sco(String type, String id, String body) {
    return StixObject.parse(
        "{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\"," + body + "}");
  }

  private String ipv4() {
    int a = (random.nextInt(223) + 1) << 24 | random.nextInt(1 << 24);
    return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
  }

  private String word() {
    return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int k = 0; k < n; k++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
