package org.detente.pattern;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.detente.pattern.PatternExpression.And;
import org.detente.pattern.PatternExpression.FollowedBy;
import org.detente.pattern.PatternExpression.Or;
import org.detente.pattern.PatternExpression.Qualified;

/**
 * The reference evaluator of STIX 2.1 Patterning (specification section 9): decides whether a
 * pattern matches a set of observations and names the observations of one satisfying binding.
 *
 * <p><b>Semantics.</b> A <i>binding</i> of a pattern is a set of observations that satisfies it. An
 * observation expression {@code [ ... ]} is bound to one observation on whose SCOs its comparison
 * expression holds (comparison semantics: see {@code ComparisonEvaluator}). Each observation has
 * the time span [first_observed, last_observed]; a binding's span runs from the earliest
 * first_observed to the latest last_observed of its observations. Choices where section 9 leaves
 * room:
 *
 * <ul>
 *   <li>{@code A AND B}, {@code A FOLLOWEDBY B} and the repetitions of {@code REPEATS} are bound to
 *       pairwise <i>different</i> observations (the operators join observation expressions that
 *       operate on different observed-data instances); {@code A OR B} is bound like either operand.
 *   <li>{@code A FOLLOWEDBY B}: the span of A's binding ends no later than the span of B's begins
 *       (last_observed of every A observation &lt;= first_observed of every B observation; equal
 *       instants are allowed).
 *   <li>{@code WITHIN n SECONDS}: the binding's span (latest last_observed minus earliest
 *       first_observed) is at most n seconds, inclusive, compared exactly with decimal seconds.
 *   <li>{@code REPEATS n TIMES}: n bindings of the operand on pairwise different observations;
 *       {@code number_observed} is not counted (an observed-data object is one observation however
 *       many times it says the data was seen).
 *   <li>{@code START s STOP e}: every observation of the binding has first_observed &gt;= s and
 *       last_observed &lt; e (start inclusive, stop exclusive).
 * </ul>
 *
 * <p><b>Algorithm and complexity.</b> Bindings are never enumerated in full. Each sub-expression
 * yields a pruned list of bindings: every single-observation binding is kept, and among bindings of
 * several observations only the {@value #ALTERNATIVES} with the earliest span end are kept for each
 * span start (a binding with the same start and an earlier end is at least as good for every
 * enclosing operator and qualifier, apart from the different-observations rule). So a
 * sub-expression yields at most N + {@value #ALTERNATIVES}·T bindings, N observations and T
 * distinct first_observed instants. {@code FOLLOWEDBY} chains are evaluated left to right by
 * dynamic programming: for each prefix start, the prefix bindings with the earliest end, extended
 * by the operand bindings that start at or after that end taken in order of end, stopping after
 * {@value #ALTERNATIVES}. {@code AND} folds its operands pairwise; {@code REPEATS n} takes, for
 * each start, the operand binding with that start and greedily the n-1 disjoint bindings with the
 * earliest ends. With P pattern nodes and bindings of at most P·n observations, the cost is
 * O(P·(N+T)²·P·n) in the worst case, polynomial; a FOLLOWEDBY chain of k single observation
 * expressions over N observations costs O(k·N²) comparisons of spans.
 *
 * <p><b>Soundness and completeness.</b> Every reported binding satisfies the pattern. The evaluator
 * is complete (finds a binding whenever one exists) for patterns where the different-observations
 * rule never forces a choice among bindings with equal span start: observation expressions, OR,
 * FOLLOWEDBY chains, WITHIN, START/STOP, REPEATS of a single observation expression, and AND of
 * observation expressions that match different observations. Elsewhere it may miss a binding that
 * needs a pruned alternative (deciding such patterns exactly is NP-hard in general: REPEATS over a
 * three-way AND packs triples).
 */
public final class PatternEvaluator {
  /** Multi-observation bindings kept per span start. */
  static final int ALTERNATIVES = 4;

  private final List<Observation> observations;
  private final ComparisonEvaluator comparisons = new ComparisonEvaluator();
  private final Map<Integer, ComparisonEvaluator.Scope> scopes = new HashMap<>();

  private PatternEvaluator(List<Observation> observations) {
    this.observations = observations;
  }

  /**
   * Matches a pattern against observations.
   *
   * @param pattern a parsed pattern ({@link StixPatterns#parse})
   * @param observations the observations, in any order
   * @return whether it matched, and if so the observed-data ids of one satisfying binding
   * @throws NullPointerException when an argument or an element is null
   */
  public static Evaluation evaluate(PatternExpression pattern, List<Observation> observations) {
    Objects.requireNonNull(pattern, "pattern");
    List<Observation> obs = List.copyOf(observations);
    PatternEvaluator e = new PatternEvaluator(obs);
    List<Binding> bindings = e.bindings(pattern);
    if (bindings.isEmpty()) {
      return Evaluation.noMatch();
    }
    Binding best = bindings.stream().min(Binding.ORDER).orElseThrow();
    Integer[] order = Arrays.stream(best.members()).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.<Integer, Instant>comparing(i -> obs.get(i).firstObserved())
            .thenComparing(i -> i));
    List<String> ids = Arrays.stream(order).map(i -> obs.get(i).id()).toList();
    return new Evaluation(true, ids);
  }

  /**
   * A set of observations (sorted indexes) and its span.
   *
   * @param members indexes into the observation list, ascending, no repeats
   */
  record Binding(int[] members, Instant start, Instant end) {
    static final Comparator<Binding> ORDER =
        Comparator.comparing(Binding::end)
            .thenComparing(Binding::start)
            .thenComparingInt(b -> b.members.length)
            .thenComparing(Binding::members, Arrays::compare);

    boolean disjoint(Binding o) {
      int i = 0;
      int j = 0;
      while (i < members.length && j < o.members.length) {
        if (members[i] == o.members[j]) {
          return false;
        }
        if (members[i] < o.members[j]) {
          i++;
        } else {
          j++;
        }
      }
      return true;
    }

    Binding union(Binding o) {
      int[] all = new int[members.length + o.members.length];
      System.arraycopy(members, 0, all, 0, members.length);
      System.arraycopy(o.members, 0, all, members.length, o.members.length);
      Arrays.sort(all);
      return new Binding(
          all, start.isBefore(o.start) ? start : o.start, end.isAfter(o.end) ? end : o.end);
    }
  }

  private List<Binding> bindings(PatternExpression p) {
    return switch (p) {
      case PatternExpression.Observation o -> leaf(o.comparison());
      case Or or -> {
        List<Binding> all = new ArrayList<>();
        or.operands().forEach(x -> all.addAll(bindings(x)));
        yield prune(all);
      }
      case And and -> {
        List<Binding> acc = bindings(and.operands().get(0));
        for (int k = 1; k < and.operands().size() && !acc.isEmpty(); k++) {
          List<Binding> next = bindings(and.operands().get(k));
          List<Binding> combined = new ArrayList<>();
          for (Binding a : acc) {
            for (Binding b : next) {
              if (a.disjoint(b)) {
                combined.add(a.union(b));
              }
            }
          }
          acc = prune(combined);
        }
        yield acc;
      }
      case FollowedBy f -> followedBy(f);
      case Qualified q -> qualified(q);
    };
  }

  private List<Binding> leaf(ComparisonExpression c) {
    List<Binding> out = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation o = observations.get(i);
      ComparisonEvaluator.Scope scope =
          scopes.computeIfAbsent(i, k -> ComparisonEvaluator.Scope.of(o));
      if (comparisons.holds(c, scope)) {
        out.add(new Binding(new int[] {i}, o.firstObserved(), o.lastObserved()));
      }
    }
    return out;
  }

  /**
   * Left to right over the operands; the state is the pruned list of prefix bindings, extended by
   * operand bindings in order of end so the earliest-ending extensions are found first.
   */
  private List<Binding> followedBy(FollowedBy f) {
    List<Binding> acc = prune(bindings(f.operands().get(0)));
    for (int k = 1; k < f.operands().size() && !acc.isEmpty(); k++) {
      List<Binding> next = new ArrayList<>(bindings(f.operands().get(k)));
      next.sort(Binding.ORDER);
      List<Binding> extended = new ArrayList<>();
      for (Binding a : acc) {
        int found = 0;
        for (Binding b : next) {
          if (!b.start().isBefore(a.end()) && a.disjoint(b)) {
            extended.add(a.union(b));
            if (++found == ALTERNATIVES) {
              break;
            }
          }
        }
      }
      acc = prune(extended);
    }
    return acc;
  }

  private List<Binding> qualified(Qualified q) {
    List<Binding> inner = bindings(q.expression());
    return switch (q.qualifier()) {
      case Qualifier.Within w -> {
        BigDecimal limit = w.seconds();
        yield inner.stream()
            .filter(b -> seconds(b.start(), b.end()).compareTo(limit) <= 0)
            .toList();
      }
      case Qualifier.StartStop s ->
          inner.stream()
              .filter(b -> !b.start().isBefore(s.start()) && b.end().isBefore(s.stop()))
              .toList();
      case Qualifier.Repeats r -> repeats(inner, r.times());
    };
  }

  private static BigDecimal seconds(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
  }

  /**
   * For each start: the binding with that start and earliest end, then the earliest-ending disjoint
   * others.
   */
  private static List<Binding> repeats(List<Binding> inner, int times) {
    if (inner.size() < times) {
      return List.of();
    }
    List<Binding> byEnd = new ArrayList<>(inner);
    byEnd.sort(Binding.ORDER);
    List<Binding> out = new ArrayList<>();
    TreeMap<Instant, Binding> firstPerStart = new TreeMap<>();
    for (Binding b : byEnd) {
      firstPerStart.putIfAbsent(b.start(), b);
    }
    for (Binding seed : firstPerStart.values()) {
      Binding acc = seed;
      int count = 1;
      for (Binding b : byEnd) {
        if (count == times) {
          break;
        }
        if (b != seed && !b.start().isBefore(seed.start()) && acc.disjoint(b)) {
          acc = acc.union(b);
          count++;
        }
      }
      if (count == times) {
        out.add(acc);
      }
    }
    return prune(out);
  }

  /**
   * Keeps every single-observation binding and, for each span start, the {@value #ALTERNATIVES}
   * first multi-observation bindings in {@link Binding#ORDER}, dropping repeated member sets.
   */
  private static List<Binding> prune(List<Binding> bindings) {
    List<Binding> sorted = new ArrayList<>(bindings);
    sorted.sort(Binding.ORDER);
    List<Binding> out = new ArrayList<>();
    Map<Instant, Integer> kept = new HashMap<>();
    java.util.Set<List<Integer>> seen = new java.util.HashSet<>();
    for (Binding b : sorted) {
      List<Integer> key = Arrays.stream(b.members()).boxed().toList();
      if (!seen.add(key)) {
        continue;
      }
      if (b.members().length == 1) {
        out.add(b);
        continue;
      }
      int n = kept.merge(b.start(), 1, Integer::sum);
      if (n <= ALTERNATIVES) {
        out.add(b);
      }
    }
    return out;
  }
}
