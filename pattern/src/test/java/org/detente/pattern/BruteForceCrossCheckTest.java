package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.detente.pattern.ComparisonExpression.Comparison;
import org.detente.pattern.PatternExpression.And;
import org.detente.pattern.PatternExpression.FollowedBy;
import org.detente.pattern.PatternExpression.Or;
import org.detente.pattern.PatternExpression.Qualified;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the evaluator against an exhaustive search over every subset of a few observation
 * instances (an observed-data object with number_observed k gives k instances) and every way to
 * split it among operands, written directly from the semantics in the {@link PatternEvaluator}
 * Javadoc. The evaluator must agree exactly, with and without a required observation, and every
 * binding it reports must be real.
 */
class BruteForceCrossCheckTest {
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final String[] NAMES = {"a", "b", "c"};

  /** Exhaustive semantics: is the set {@code mask} of observations a binding of {@code e}? */
  static final class Exhaustive {
    final List<Observation> obs;

    /** The observation index of each instance. */
    final int[] owner;

    final boolean[][] leafHolds;
    final Map<PatternExpression, Map<Integer, Boolean>> memo = new HashMap<>();
    final Map<PatternExpression, Integer> leafIndex = new HashMap<>();

    Exhaustive(PatternExpression p, List<Observation> obs) {
      this.obs = obs;
      owner =
          java.util.stream.IntStream.range(0, obs.size())
              .flatMap(
                  i ->
                      java.util.stream.IntStream.generate(() -> i)
                          .limit(obs.get(i).numberObserved()))
              .toArray();
      List<PatternExpression.Observation> leaves = new ArrayList<>();
      collect(p, leaves);
      leafHolds = new boolean[leaves.size()][obs.size()];
      ComparisonEvaluator ce = new ComparisonEvaluator();
      for (int l = 0; l < leaves.size(); l++) {
        leafIndex.put(leaves.get(l), l);
        for (int i = 0; i < obs.size(); i++) {
          leafHolds[l][i] =
              ce.holds(leaves.get(l).comparison(), ComparisonEvaluator.Scope.of(obs.get(i)));
        }
      }
    }

    static void collect(PatternExpression p, List<PatternExpression.Observation> into) {
      switch (p) {
        case PatternExpression.Observation o -> into.add(o);
        case And a -> a.operands().forEach(x -> collect(x, into));
        case Or o -> o.operands().forEach(x -> collect(x, into));
        case FollowedBy f -> f.operands().forEach(x -> collect(x, into));
        case Qualified q -> collect(q.expression(), into);
      }
    }

    /** Whether some binding holds an instance of observation {@code required} (-1: any). */
    boolean anyBinding(PatternExpression p, int required) {
      for (int mask = 1; mask < (1 << owner.length); mask++) {
        if ((required < 0 || (mask & instancesOf(required)) != 0) && is(p, mask)) {
          return true;
        }
      }
      return false;
    }

    int instancesOf(int observation) {
      int m = 0;
      for (int k = 0; k < owner.length; k++) {
        if (owner[k] == observation) {
          m |= 1 << k;
        }
      }
      return m;
    }

    /** Whether a binding uses exactly the observations in {@code observationMask}. */
    boolean bindingOver(PatternExpression p, int observationMask) {
      for (int mask = 1; mask < (1 << owner.length); mask++) {
        int over = 0;
        for (int k = 0; k < owner.length; k++) {
          if ((mask & (1 << k)) != 0) {
            over |= 1 << owner[k];
          }
        }
        if (over == observationMask && is(p, mask)) {
          return true;
        }
      }
      return false;
    }

    Instant start(int mask) {
      Instant s = Instant.MAX;
      for (int k = 0; k < owner.length; k++) {
        if ((mask & (1 << k)) != 0 && obs.get(owner[k]).firstObserved().isBefore(s)) {
          s = obs.get(owner[k]).firstObserved();
        }
      }
      return s;
    }

    Instant end(int mask) {
      Instant e = Instant.MIN;
      for (int k = 0; k < owner.length; k++) {
        if ((mask & (1 << k)) != 0 && obs.get(owner[k]).lastObserved().isAfter(e)) {
          e = obs.get(owner[k]).lastObserved();
        }
      }
      return e;
    }

    boolean is(PatternExpression p, int mask) {
      Map<Integer, Boolean> m = memo.computeIfAbsent(p, k -> new HashMap<>());
      Boolean known = m.get(mask);
      if (known != null) {
        return known;
      }
      boolean r =
          switch (p) {
            case PatternExpression.Observation o ->
                Integer.bitCount(mask) == 1
                    && leafHolds[leafIndex.get(o)][owner[Integer.numberOfTrailingZeros(mask)]];
            case Or o -> o.operands().stream().anyMatch(x -> is(x, mask));
            case And a -> split(a.operands(), 0, mask, null, false);
            case FollowedBy f -> split(f.operands(), 0, mask, null, true);
            case Qualified q ->
                switch (q.qualifier()) {
                  case Qualifier.Within w ->
                      is(q.expression(), mask)
                          && new BigDecimal(
                                      java.time.Duration.between(start(mask), end(mask)).toNanos())
                                  .movePointLeft(9)
                                  .compareTo(w.seconds())
                              <= 0;
                  case Qualifier.StartStop s ->
                      is(q.expression(), mask)
                          && !start(mask).isBefore(s.start())
                          && end(mask).isBefore(s.stop());
                  case Qualifier.Repeats rep ->
                      split(
                          java.util.Collections.nCopies(rep.times(), q.expression()),
                          0,
                          mask,
                          null,
                          false);
                };
          };
      m.put(mask, r);
      return r;
    }

    /** Can {@code rest} be split into non-empty parts, one per operand from {@code i} on? */
    boolean split(List<PatternExpression> ops, int i, int rest, Instant prevEnd, boolean ordered) {
      if (i == ops.size() - 1) {
        return rest != 0
            && (!ordered || prevEnd == null || start(rest).isAfter(prevEnd))
            && is(ops.get(i), rest);
      }
      for (int part = rest; part != 0; part = (part - 1) & rest) {
        if (part == rest) {
          continue;
        }
        if (ordered && prevEnd != null && !start(part).isAfter(prevEnd)) {
          continue;
        }
        if (is(ops.get(i), part) && split(ops, i + 1, rest & ~part, end(part), ordered)) {
          return true;
        }
      }
      return false;
    }
  }

  static PatternExpression randomPattern(Random r, int depth) {
    int kind = depth == 0 ? 0 : r.nextInt(10);
    return switch (kind) {
      case 0, 1 -> leaf(r);
      case 2 -> new Or(List.of(randomPattern(r, depth - 1), randomPattern(r, depth - 1)));
      case 3 -> {
        List<PatternExpression> ops = new ArrayList<>();
        int n = 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
          ops.add(randomPattern(r, depth - 1));
        }
        yield new FollowedBy(ops);
      }
      case 4 ->
          new Qualified(
              randomPattern(r, depth - 1),
              r.nextBoolean()
                  ? new Qualifier.Within(BigDecimal.valueOf(r.nextInt(12), 1).add(BigDecimal.ONE))
                  : new Qualifier.StartStop(
                      T0.plusSeconds(r.nextInt(4)), T0.plusSeconds(5 + r.nextInt(6))));
      case 5 -> new And(List.of(randomPattern(r, depth - 1), randomPattern(r, depth - 1)));
      case 6 -> new Qualified(randomPattern(r, depth - 1), new Qualifier.Repeats(2 + r.nextInt(2)));
      case 7 -> new And(List.of(leaf(r), leaf(r)));
      case 9 ->
          new And(
              List.of(
                  leaf(r),
                  new Qualified(leaf(r), new Qualifier.Repeats(1 + r.nextInt(3))),
                  r.nextBoolean() ? leaf(r) : new Or(List.of(leaf(r), leaf(r)))));
      default -> new Qualified(leaf(r), new Qualifier.Repeats(2 + r.nextInt(2)));
    };
  }

  static PatternExpression leaf(Random r) {
    String name = NAMES[r.nextInt(NAMES.length)];
    return new PatternExpression.Observation(
        new Comparison(
            new ObjectPath("file", List.of(new PathStep.Property("name"))),
            Operator.EQ,
            false,
            new Constant.StringConstant(name)));
  }

  static List<Observation> randomObservations(Random r) {
    int n = 1 + r.nextInt(5);
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant first = T0.plusSeconds(r.nextInt(10));
      Instant last = first.plusMillis(r.nextInt(3) == 0 ? 500L * r.nextInt(6) : 0);
      long count = r.nextInt(4) == 0 ? 2 : 1;
      List<org.detente.stix.StixObject> scos = new ArrayList<>();
      int files = 1 + r.nextInt(2);
      for (int f = 0; f < files; f++) {
        scos.add(
            Observations.sco(
                "{'type':'file','id':'file--" + f + "','name':'" + NAMES[r.nextInt(3)] + "'}"));
      }
      out.add(new Observation("observed-data--" + i, first, last, count, scos));
    }
    return out;
  }

  static String describe(List<Observation> obs) {
    StringBuilder b = new StringBuilder();
    for (Observation o : obs) {
      b.append(o.id().substring("observed-data--".length()))
          .append('@')
          .append(o.firstObserved().getEpochSecond() - T0.getEpochSecond())
          .append('-')
          .append(java.time.Duration.between(T0, o.lastObserved()).toMillis() / 1000.0)
          .append('x')
          .append(o.numberObserved());
      o.objects().forEach(f -> b.append(' ').append(f.string("name").orElse("?")));
      b.append("; ");
    }
    return b.toString();
  }

  static int mask(Evaluation e, List<Observation> obs) {
    int m = 0;
    for (String id : e.observationIds()) {
      for (int i = 0; i < obs.size(); i++) {
        if (obs.get(i).id().equals(id)) {
          m |= 1 << i;
        }
      }
    }
    return m;
  }

  @Test
  void evaluate_randomPatterns_agreesExactlyWithExhaustiveSearch() {
    Random r = new Random(20261123);
    int matched = 0;
    for (int c = 0; c < 4000; c++) {
      PatternExpression p = randomPattern(r, 3);
      List<Observation> obs = randomObservations(r);
      Exhaustive x = new Exhaustive(p, obs);
      Evaluation e = PatternEvaluator.evaluate(p, obs);
      assertThat(e.matched())
          .as("case %d: %s over %s", c, p, describe(obs))
          .isEqualTo(x.anyBinding(p, -1));
      if (e.matched()) {
        matched++;
        assertThat(x.bindingOver(p, mask(e, obs))).as("binding of case %d: %s", c, p).isTrue();
      }
    }
    assertThat(matched).isBetween(400, 3600);
  }

  @Test
  void evaluate_requiredObservation_agreesExactlyWithExhaustiveSearch() {
    Random r = new Random(7);
    int matched = 0;
    for (int c = 0; c < 3000; c++) {
      PatternExpression p = randomPattern(r, 3);
      List<Observation> obs = randomObservations(r);
      int required = r.nextInt(obs.size());
      Exhaustive x = new Exhaustive(p, obs);
      Evaluation e = PatternEvaluator.evaluate(p, obs, required);
      assertThat(e.matched())
          .as("case %d: %s over %s requiring %d", c, p, describe(obs), required)
          .isEqualTo(x.anyBinding(p, required));
      if (e.matched()) {
        matched++;
        assertThat(e.observationIds()).contains(obs.get(required).id());
        assertThat(x.bindingOver(p, mask(e, obs))).as("binding of case %d: %s", c, p).isTrue();
      }
    }
    assertThat(matched).isBetween(300, 2700);
  }
}
