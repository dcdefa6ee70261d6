package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

/**
 * The compiled matcher against the reference evaluator on generated indicators and streams.
 *
 * <p>What is compared: for every prefix of a stream and every indicator, the matcher reports the
 * indicator on the prefix's last observation exactly when {@link PatternEvaluator} finds a binding
 * among the prefix's observations that the indicator's validity covers which includes that last
 * observation; a reported binding must itself contain such a binding. Streams are in time order and
 * short enough that no eviction applies, so the matcher's bounded state must not matter.
 */
class MatcherDifferentialTest {
  static final Instant T0 = Instant.parse("2021-06-01T00:00:00Z");
  static final String[] IPS = {"10.0.0.1", "10.0.0.2", "10.1.2.3", "192.168.7.9", "203.0.113.5"};
  static final String[] CIDRS = {"10.0.0.0/8", "10.0.0.0/30", "192.168.0.0/16", "203.0.113.5/32"};
  static final String[] DOMAINS = {
    "evil.com", "a.evil.com", "b.a.evil.com", "good.org", "evilx.com"
  };
  static final String[] URLS = {
    "http://evil.com/x", "http://evil.com/y?q=1", "https://good.org/", "http://a.evil.com/x"
  };
  static final String[] HASHES = {
    "aa".repeat(32), "ab".repeat(32), "AB".repeat(32), "0123456789abcdef".repeat(4)
  };
  static final String[] NAMES = {"a.exe", "b.dll", "c.txt"};

  static String pick(Random r, String[] from) {
    return from[r.nextInt(from.length)];
  }

  static String quote(String s) {
    return Constant.StringConstant.quote(s);
  }

  /** One comparison on one object type. */
  static String comparison(Random r, String type) {
    return switch (type) {
      case "ipv4-addr" ->
          switch (r.nextInt(6)) {
            case 0, 1 -> "ipv4-addr:value = " + quote(pick(r, IPS));
            case 2 -> "ipv4-addr:value ISSUBSET " + quote(pick(r, CIDRS));
            case 3 ->
                "ipv4-addr:value IN (" + quote(pick(r, IPS)) + ", " + quote(pick(r, IPS)) + ")";
            case 4 -> "ipv4-addr:value != " + quote(pick(r, IPS));
            default -> "ipv4-addr:value LIKE '10.%'";
          };
      case "domain-name" ->
          switch (r.nextInt(6)) {
            case 0, 1 -> "domain-name:value = " + quote(pick(r, DOMAINS));
            case 2 -> "domain-name:value LIKE '%.evil.com'";
            case 3 -> "domain-name:value LIKE '%evil%'";
            case 4 -> "domain-name:value MATCHES '^[ab]\\\\.'";
            default -> "domain-name:value NOT = " + quote(pick(r, DOMAINS));
          };
      case "url" ->
          switch (r.nextInt(4)) {
            case 0, 1 -> "url:value = " + quote(pick(r, URLS));
            case 2 -> "url:value LIKE 'http://evil.com/%'";
            default -> "url:value MATCHES 'evil\\\\.com/[xy]'";
          };
      case "file" ->
          switch (r.nextInt(5)) {
            case 0, 1 -> "file:hashes.'SHA-256' = " + quote(pick(r, HASHES));
            case 2 -> "file:name = " + quote(pick(r, NAMES));
            case 3 -> "file:size > " + r.nextInt(200);
            default -> "EXISTS file:hashes.MD5";
          };
      default ->
          switch (r.nextInt(3)) {
            case 0 -> "network-traffic:dst_ref.value = " + quote(pick(r, IPS));
            case 1 -> "network-traffic:dst_port = " + (r.nextBoolean() ? 443 : 80);
            default -> "network-traffic:dst_ref.value ISSUBSET " + quote(pick(r, CIDRS));
          };
    };
  }

  static final String[] TYPES = {"ipv4-addr", "domain-name", "url", "file", "network-traffic"};

  static String observationExpression(Random r) {
    String type = pick(r, TYPES);
    return switch (r.nextInt(6)) {
      case 0 -> "[" + comparison(r, type) + " AND " + comparison(r, type) + "]";
      case 1 -> "[" + comparison(r, type) + " OR " + comparison(r, pick(r, TYPES)) + "]";
      default -> "[" + comparison(r, type) + "]";
    };
  }

  static String pattern(Random r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      return observationExpression(r);
    }
    return switch (r.nextInt(7)) {
      case 0 -> "(" + pattern(r, depth - 1) + " AND " + pattern(r, depth - 1) + ")";
      case 1 -> "(" + pattern(r, depth - 1) + " OR " + pattern(r, depth - 1) + ")";
      case 2 -> "(" + pattern(r, depth - 1) + " FOLLOWEDBY " + pattern(r, depth - 1) + ")";
      case 3 -> "(" + pattern(r, depth - 1) + ") REPEATS " + (2 + r.nextInt(2)) + " TIMES";
      case 4 -> "(" + pattern(r, depth - 1) + ") WITHIN " + (1 + r.nextInt(8)) + " SECONDS";
      case 5 ->
          "("
              + pattern(r, depth - 1)
              + ") START t'"
              + T0.plusSeconds(r.nextInt(10))
              + "' STOP t'"
              + T0.plusSeconds(12 + r.nextInt(20))
              + "'";
      default -> observationExpression(r);
    };
  }

  static StixObject sco(Random r, String type, int n) {
    String id = type + "--" + n;
    String json =
        switch (type) {
          case "ipv4-addr" ->
              "{'type':'ipv4-addr','id':'" + id + "','value':'" + pick(r, IPS) + "'}";
          case "domain-name" ->
              "{'type':'domain-name','id':'" + id + "','value':'" + pick(r, DOMAINS) + "'}";
          case "url" -> "{'type':'url','id':'" + id + "','value':'" + pick(r, URLS) + "'}";
          case "file" ->
              "{'type':'file','id':'"
                  + id
                  + "','name':'"
                  + pick(r, NAMES)
                  + "','size':"
                  + r.nextInt(200)
                  + ",'hashes':{'SHA-256':'"
                  + pick(r, HASHES)
                  + (r.nextBoolean() ? "','MD5':'00'}}" : "'}}");
          default -> throw new IllegalArgumentException(type);
        };
    return Observations.sco(json);
  }

  static Observation event(Random r, int i, Instant at) {
    List<StixObject> scos = new ArrayList<>();
    int n = 1 + r.nextInt(2);
    for (int k = 0; k < n; k++) {
      String type = pick(r, TYPES);
      if (type.equals("network-traffic")) {
        StixObject ip = sco(r, "ipv4-addr", 100 + k);
        scos.add(ip);
        scos.add(
            Observations.sco(
                "{'type':'network-traffic','id':'network-traffic--"
                    + k
                    + "','dst_ref':'"
                    + ip.id()
                    + "','dst_port':"
                    + (r.nextBoolean() ? 443 : 80)
                    + "}"));
      } else {
        scos.add(sco(r, type, k));
      }
    }
    Instant last = r.nextInt(5) == 0 ? at.plusMillis(500L * r.nextInt(4)) : at;
    long count = r.nextInt(6) == 0 ? 2 : 1;
    return new Observation("observed-data--" + i, at, last, count, scos);
  }

  /** An indicator as the test tracks it; {@code since} is the first event its state covers. */
  record Indicator(String id, String pattern, Instant from, Instant until, int since) {
    boolean covers(Observation o) {
      return (until == null || o.firstObserved().isBefore(until))
          && !o.lastObserved().isBefore(from);
    }
  }

  static Indicator randomIndicator(Random r, String id, int since) {
    Instant from = r.nextInt(4) == 0 ? T0.plusSeconds(r.nextInt(15)) : T0.minusSeconds(60);
    Instant until = r.nextInt(4) == 0 ? from.plusSeconds(5 + r.nextInt(20)) : null;
    return new Indicator(id, pattern(r, 2), from, until, since);
  }

  @Test
  void match_generatedIndicatorsAndStreams_agreesWithReferenceOnEveryPrefix() {
    Random r = new Random(4242);
    int indicators = 0;
    int fired = 0;
    int compared = 0;
    long abandoned = 0;
    for (int stream = 0; stream < 40; stream++) {
      IndicatorMatcher m =
          IndicatorMatcher.create(
              new IndicatorMatcher.Options(Duration.ZERO, Duration.ofDays(1), 1_000));
      List<Indicator> all = new ArrayList<>();
      for (int k = 0; k < 100; k++) {
        String id =
            k % 10 == 0
                ? "indicator--other-" + stream + "-" + k
                : String.format("indicator--%08d-0000-4000-8000-%012d", stream, k);
        all.add(randomIndicator(r, id, 0));
        m.add(all.get(k).id(), all.get(k).pattern(), all.get(k).from(), all.get(k).until());
      }
      indicators += all.size();
      Map<String, PatternExpression> parsed = new HashMap<>();
      all.forEach(i -> parsed.put(i.id(), StixPatterns.parse(i.pattern())));
      Map<String, Indicator> removed = new HashMap<>();
      List<Observation> seen = new ArrayList<>();
      Instant at = T0;
      for (int e = 0; e < 24; e++) {
        if (stream % 2 == 1 && e > 0) {
          // Churn: revoke one, replace one (new pattern, fresh state), restore a revoked one.
          int k = r.nextInt(all.size());
          Indicator gone = all.get(k);
          if (!removed.containsKey(gone.id())) {
            assertThat(m.remove(gone.id())).isTrue();
            removed.put(gone.id(), gone);
          }
          k = r.nextInt(all.size());
          Indicator fresh = randomIndicator(r, all.get(k).id(), e);
          m.add(fresh.id(), fresh.pattern(), fresh.from(), fresh.until());
          all.set(k, fresh);
          parsed.put(fresh.id(), StixPatterns.parse(fresh.pattern()));
          removed.remove(fresh.id());
          if (!removed.isEmpty() && r.nextBoolean()) {
            Indicator back = removed.values().iterator().next();
            Indicator again =
                new Indicator(back.id(), back.pattern(), back.from(), back.until(), e);
            m.add(again.id(), again.pattern(), again.from(), again.until());
            all.set(all.indexOf(back), again);
            removed.remove(back.id());
          }
          assertThat(m.size()).isEqualTo(all.size() - removed.size());
        }
        at = at.plusMillis(500L * r.nextInt(4));
        Observation o = event(r, e, at);
        seen.add(o);
        Map<String, MatchHit> hits = new HashMap<>();
        m.match(
            o, h -> assertThat(hits.put(h.indicatorId(), h)).as("one hit per indicator").isNull());
        for (Indicator ind : all) {
          List<Observation> visible =
              seen.subList(ind.since(), seen.size()).stream().filter(ind::covers).toList();
          boolean expected =
              !removed.containsKey(ind.id())
                  && ind.covers(o)
                  && PatternEvaluator.evaluate(parsed.get(ind.id()), visible, visible.size() - 1)
                      .matched();
          compared++;
          assertThat(hits.containsKey(ind.id()))
              .as(
                  "stream %d event %d (abandoned %d) indicator %s over %s",
                  stream, e, ((CompiledMatcher) m).tooComplex(), ind, seen)
              .isEqualTo(expected);
          if (expected) {
            fired++;
            MatchHit h = hits.get(ind.id());
            assertThat(h.observationIds()).contains(o.id());
            List<Observation> bound =
                visible.stream().filter(v -> h.observationIds().contains(v.id())).toList();
            assertThat(bound).hasSize(h.observationIds().size());
            assertThat(
                    PatternEvaluator.evaluate(parsed.get(ind.id()), bound, bound.indexOf(o))
                        .matched())
                .as("reported binding of %s", ind)
                .isTrue();
            assertThat(h.firstObserved())
                .isEqualTo(
                    bound.stream()
                        .map(Observation::firstObserved)
                        .min(Instant::compareTo)
                        .orElseThrow());
          }
        }
      }
      abandoned += ((CompiledMatcher) m).tooComplex();
    }
    assertThat(abandoned).isZero();
    assertThat(indicators).isEqualTo(4000);
    assertThat(compared).isEqualTo(96_000);
    // Enough hits, and enough non-hits, for the comparison to mean something.
    assertThat(fired).isBetween(5_000, 60_000);
  }
}
