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
 * expression holds (see <b>Comparisons</b> below). Each observation has the time span
 * [first_observed, last_observed]; a binding's span runs from the earliest first_observed to the
 * latest last_observed of its observations. Choices where section 9 leaves room:
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
 * each operand binding as the earliest member, greedily the n-1 disjoint bindings with the earliest
 * ends, and variants leaving out one of the first companions. With P pattern nodes, B &lt;= 5N
 * bindings per node and at most N observations per binding, a node costs O(B²·N) and the whole
 * evaluation O(P·N³), plus one evaluation of each observation expression per observation; a
 * FOLLOWEDBY chain of k observation expressions over N observations costs O(k²·N²).
 *
 * <p><b>Soundness and completeness.</b> Every reported binding satisfies the pattern. The evaluator
 * is complete (finds a binding whenever one exists) for patterns built from observation
 * expressions, OR, FOLLOWEDBY, WITHIN and START/STOP in any nesting, with AND of two observation
 * expressions and REPEATS of one observation expression allowed anywhere among them; {@code
 * BruteForceCrossCheckTest} checks this against an exhaustive search on 4,000 random patterns over
 * up to 6 observations. Where AND or REPEATS combine bindings of several observations, it may miss
 * a binding that needs a pruned alternative (under 1% of the random cases that have a binding);
 * deciding those exactly is NP-hard in general (REPEATS over a three-way AND packs triples).
 *
 * <p><b>Comparisons</b> (sections 9.3, 9.4), choices where the specification leaves room:
 *
 * <ul>
 *   <li>The comparisons joined by {@code AND} inside one pair of brackets hold on the same SCO;
 *       those joined by {@code OR} may hold on different SCOs of the one observation. Candidate
 *       SCOs are those of the observation ({@link Observation#objects()}) whose type is the path's
 *       object type.
 *   <li>A path step {@code [*]} or a {@code *_refs} list gives several values; the comparison holds
 *       when one of them satisfies it, so {@code x[*] NOT = 'a'} holds when some element is not
 *       {@code 'a'}. {@code [n]} out of range or negative gives no value; a property step on a list
 *       gives no value. A string held by {@code *_ref} (or an element of {@code *_refs}) is
 *       replaced by the SCO of the observation with that id when steps follow; an id the
 *       observation does not hold gives no value.
 *   <li>A missing property, a JSON type that does not fit the constant (a string against a number,
 *       a number against a string, and so on), an invalid regular expression, an unparseable
 *       address, or a regular expression over its budget make the comparison false whether or not
 *       it is negated.
 *   <li>Strings compare exactly, by Unicode code point: no case folding, no Unicode normalisation.
 *       {@code =} on an address property is string equality ({@code '198.51.100.1'} is not {@code
 *       '198.51.100.1/32'}); ISSUBSET and ISSUPERSET compare networks.
 *   <li>Integer and float constants compare numerically with any JSON number, exactly (decimal).
 *       Booleans support {@code =} and {@code !=}. A timestamp constant compares as an instant with
 *       a string property holding a valid STIX timestamp.
 *   <li>A binary constant compares (unsigned, byte by byte) with properties named {@code *_bin}
 *       (base64) or {@code *_hex} (hexadecimal) only. {@code MATCHES} on such a property runs over
 *       the decoded bytes, one character U+0000 to U+00FF per byte.
 *   <li>{@code IN} is {@code =} against any member; {@code NOT IN} holds when the value is
 *       comparable with some member and equals none. {@code LIKE} matches the whole value, {@code
 *       %} any run and {@code _} one code point, with no escape character.
 *   <li>{@code MATCHES} uses {@link java.util.regex.Pattern} with no flags and finds the expression
 *       anywhere in the value (anchors as written). Java's syntax is close to PCRE but not equal
 *       (no possessive-group differences are emulated, no PCRE-only verbs). A match may read at
 *       most {@value ComparisonEvaluator#REGEX_BUDGET} characters (counted by a CharSequence
 *       wrapper around the value); past that, or on a stack overflow inside the engine, the
 *       comparison is false, negated or not.
 *   <li>ISSUBSET/ISSUPERSET parse both sides as an IPv4 or IPv6 address with an optional prefix
 *       length (bits after the prefix ignored); addresses of different families never compare.
 * </ul>
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
          Frontier combined = new Frontier();
          for (Binding a : acc) {
            for (Binding b : next) {
              if (a.disjoint(b)) {
                combined.add(a.union(b));
              }
            }
          }
          acc = combined.bindings();
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
      Frontier extended = new Frontier();
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
      acc = extended.bindings();
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
   * For each operand binding as the earliest member: it and the earliest-ending disjoint bindings
   * that start no earlier, n in all; then, to offer enclosing operators alternatives with other
   * observations, the same with each of the first {@value #ALTERNATIVES} companions left out in
   * turn. O(ALTERNATIVES·B²) unions for B operand bindings.
   */
  private static List<Binding> repeats(List<Binding> inner, int times) {
    if (inner.size() < times) {
      return List.of();
    }
    List<Binding> byEnd = new ArrayList<>(inner);
    byEnd.sort(Binding.ORDER);
    Frontier out = new Frontier();
    for (Binding seed : byEnd) {
      List<Binding> companions = companions(seed, byEnd, times, null);
      if (companions == null) {
        continue;
      }
      out.add(union(seed, companions));
      for (int skip = 0; skip < Math.min(ALTERNATIVES, companions.size()); skip++) {
        List<Binding> other = companions(seed, byEnd, times, companions.get(skip));
        if (other != null) {
          out.add(union(seed, other));
        }
      }
    }
    return out.bindings();
  }

  /** The n-1 earliest-ending bindings disjoint from each other and the seed, or null. */
  private static List<Binding> companions(
      Binding seed, List<Binding> byEnd, int times, Binding excluded) {
    List<Binding> chosen = new ArrayList<>();
    Binding acc = seed;
    for (Binding b : byEnd) {
      if (chosen.size() == times - 1) {
        break;
      }
      if (b != seed && b != excluded && !b.start().isBefore(seed.start()) && acc.disjoint(b)) {
        acc = acc.union(b);
        chosen.add(b);
      }
    }
    return chosen.size() == times - 1 ? chosen : null;
  }

  private static Binding union(Binding seed, List<Binding> others) {
    Binding acc = seed;
    for (Binding b : others) {
      acc = acc.union(b);
    }
    return acc;
  }

  private static List<Binding> prune(List<Binding> bindings) {
    Frontier f = new Frontier();
    bindings.forEach(f::add);
    return f.bindings();
  }

  /**
   * Bindings collected with pruning as they come: every single-observation binding, and for each
   * span start the {@value #ALTERNATIVES} first multi-observation bindings in {@link
   * Binding#ORDER}; a repeated member set is kept once. Memory is O(N + T) whatever is added.
   */
  static final class Frontier {
    private final Map<Integer, Binding> singles = new HashMap<>();
    private final Map<Instant, List<Binding>> multi = new HashMap<>();

    void add(Binding b) {
      if (b.members().length == 1) {
        singles.putIfAbsent(b.members()[0], b);
        return;
      }
      List<Binding> best = multi.computeIfAbsent(b.start(), k -> new ArrayList<>(ALTERNATIVES + 1));
      for (Binding kept : best) {
        if (Arrays.equals(kept.members(), b.members())) {
          return;
        }
      }
      int at = 0;
      while (at < best.size() && Binding.ORDER.compare(best.get(at), b) <= 0) {
        at++;
      }
      if (at < ALTERNATIVES) {
        best.add(at, b);
        if (best.size() > ALTERNATIVES) {
          best.remove(ALTERNATIVES);
        }
      }
    }

    List<Binding> bindings() {
      List<Binding> out = new ArrayList<>(singles.values());
      multi.values().forEach(out::addAll);
      out.sort(Binding.ORDER);
      return out;
    }
  }
}
