package org.detente.pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The reference evaluator of STIX 2.1 Patterning (specification section 9): decides whether a
 * pattern matches a set of observations and names the observations of one satisfying binding.
 *
 * <p><b>Semantics.</b> An observed-data object with {@code number_observed} k stands for k
 * observations with its span [first_observed, last_observed] (section 4.13: the data was observed k
 * times in that span; the OASIS matcher counts it the same way). A <i>binding</i> of a pattern
 * assigns observations to its observation expressions; an observation expression {@code [ ... ]} is
 * bound to one observation on whose SCOs its comparison expression holds (see <b>Comparisons</b>).
 * A binding's span runs from the earliest first_observed to the latest last_observed of its
 * observations. Choices where section 9 leaves room:
 *
 * <ul>
 *   <li>{@code A AND B}, {@code A FOLLOWEDBY B} and the n repetitions of {@code REPEATS n TIMES}
 *       are bound to different observations (section 9.5: observation operators join expressions
 *       that operate on different observations); an observed-data object with number_observed k may
 *       fill up to k of those places. {@code A OR B} is bound like either operand.
 *   <li>{@code A FOLLOWEDBY B}: A's binding ends strictly before B's begins (the latest
 *       last_observed of A is before the earliest first_observed of B); observations at the same
 *       instant are not one after the other.
 *   <li>{@code WITHIN n SECONDS}: the binding's span (latest last_observed minus earliest
 *       first_observed) is at most n seconds, inclusive, compared exactly.
 *   <li>{@code REPEATS n TIMES}: n bindings of the operand, on different observations as above.
 *   <li>{@code START s STOP e}: every observation of the binding has first_observed &gt;= s and
 *       last_observed &lt; e (start inclusive, stop exclusive).
 * </ul>
 *
 * <p><b>Algorithm and complexity.</b> {@link BindingSearch} decides exactly, with N observations
 * and T distinct first_observed instants:
 *
 * <ul>
 *   <li>OR, FOLLOWEDBY, WITHIN and START/STOP outside any AND or REPEATS keep one binding per span
 *       start (a Pareto front of spans), so a FOLLOWEDBY chain of k observation expressions costs
 *       O(k·N²), never exponential in k.
 *   <li>REPEATS n over an observation expression (or an OR, WITHIN, START/STOP of them) is greedy
 *       per span start, O(T·N).
 *   <li>AND of up to 12 such operands (observation expressions, or REPEATS of one) is an assignment
 *       problem decided by Hall's condition over the subsets of operands, O(T·N·2^k) for k
 *       operands, with the assignment found by augmenting paths.
 *   <li>Anything else under AND or REPEATS (FOLLOWEDBY, nested AND, REPEATS of a compound operand)
 *       keeps every inclusion-minimal binding, built level by level: exact but exponential in the
 *       worst case (REPEATS over AND packs sets, an NP-hard problem). The work is bounded; past
 *       {@value BindingSearch#DEFAULT_BUDGET} units the evaluation fails with {@link
 *       IllegalStateException} instead of guessing.
 * </ul>
 *
 * <p>Each observation expression is evaluated once per observation. {@code
 * BruteForceCrossCheckTest} checks exact agreement with an exhaustive search on thousands of random
 * patterns, with and without a required observation.
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
  private PatternEvaluator() {}

  /**
   * Matches a pattern against observations.
   *
   * @param pattern a parsed pattern ({@link StixPatterns#parse})
   * @param observations the observations, in any order
   * @return whether it matched, and if so the observed-data ids of one satisfying binding
   * @throws NullPointerException when an argument or an element is null
   * @throws IllegalStateException when deciding exactly needs more work than the bound above
   */
  public static Evaluation evaluate(PatternExpression pattern, List<Observation> observations) {
    return evaluate(pattern, observations, -1);
  }

  /**
   * Matches a pattern with a binding that contains observation {@code required} (an index into
   * {@code observations}), or any binding when it is -1. The streaming matcher fires on an event
   * exactly when this holds for the events seen so far with the event as {@code required}.
   */
  static Evaluation evaluate(
      PatternExpression pattern, List<Observation> observations, int required) {
    Objects.requireNonNull(pattern, "pattern");
    List<Observation> obs = List.copyOf(observations);
    BindingSearch.Compiled compiled = BindingSearch.Compiled.of(pattern);
    ComparisonEvaluator comparisons = new ComparisonEvaluator();
    List<ComparisonEvaluator.Scope> scopes = new ArrayList<>();
    obs.forEach(o -> scopes.add(ComparisonEvaluator.Scope.of(o)));
    BitSet[] hits = new BitSet[compiled.leaves().size()];
    for (int l = 0; l < hits.length; l++) {
      hits[l] = new BitSet();
      for (int i = 0; i < obs.size(); i++) {
        if (comparisons.holds(compiled.leaves().get(l), scopes.get(i))) {
          hits[l].set(i);
        }
      }
    }
    int[] members;
    try {
      members =
          BindingSearch.find(compiled, input(obs, hits), required, BindingSearch.DEFAULT_BUDGET);
    } catch (BindingSearch.TooComplex e) {
      throw new IllegalStateException(
          e.getMessage() + " (" + obs.size() + " observations, pattern " + pattern + ")");
    }
    return members == null ? Evaluation.noMatch() : new Evaluation(true, ids(obs, members));
  }

  static BindingSearch.Input input(List<Observation> obs, BitSet[] hits) {
    int n = obs.size();
    Instant[] first = new Instant[n];
    Instant[] last = new Instant[n];
    long[] count = new long[n];
    for (int i = 0; i < n; i++) {
      first[i] = obs.get(i).firstObserved();
      last[i] = obs.get(i).lastObserved();
      count[i] = obs.get(i).numberObserved();
    }
    return new BindingSearch.Input(first, last, count, hits);
  }

  /** The distinct ids of a binding's members, by first_observed then position. */
  static List<String> ids(List<Observation> obs, int[] members) {
    List<Integer> distinct = new ArrayList<>();
    for (int m : members) {
      if (distinct.isEmpty() || distinct.get(distinct.size() - 1) != m) {
        distinct.add(m);
      }
    }
    distinct.sort(
        Comparator.<Integer, Instant>comparing(i -> obs.get(i).firstObserved())
            .thenComparingInt(i -> i));
    return distinct.stream().map(i -> obs.get(i).id()).toList();
  }
}
