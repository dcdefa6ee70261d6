package org.detente.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exact search for a binding of a pattern over observations whose observation-expression results
 * are already known; shared by {@link PatternEvaluator} and the streaming correlator of {@link
 * IndicatorMatcher}.
 *
 * <p>Design. A binding is a multiset of observation indexes: an observed-data object with {@code
 * number_observed} k stands for k observations with the same span, so it may fill up to k places of
 * one binding. A node is searched in one of two modes.
 *
 * <ul>
 *   <li><b>Span mode</b>, for nodes with no AND or REPEATS above them: what matters to every
 *       enclosing operator (OR, FOLLOWEDBY, WITHIN, START/STOP) is only the binding's span and
 *       whether it holds the required observation, so a binding whose span lies inside another's
 *       (and holds the required observation if the other does) makes the other useless. The mode
 *       keeps that Pareto front: at most one binding per distinct span start and flag, O(N). A
 *       FOLLOWEDBY chain of k operands then costs O(k·N²) and is never exponential; FOLLOWEDBY
 *       operands cannot share an observation because the left span must end strictly before the
 *       right one starts.
 *   <li><b>Set mode</b>, for the operands of AND and REPEATS, which must fit together within each
 *       observation's count: the search keeps every inclusion-minimal binding (a sub-multiset is
 *       better for every enclosing operator), which is exact but may be exponential (REPEATS n over
 *       multi-observation operands packs sets, NP-hard in general); REPEATS is built level by
 *       level, keeping the minimal unions of 1, 2, ... n operand bindings. The work is bounded by a
 *       budget; past it the search throws {@link TooComplex} rather than guess.
 * </ul>
 *
 * <p>Nodes whose bindings are single observations (observation expressions, OR, WITHIN and
 * START/STOP over them) are computed directly as the set of observations that satisfy them. In span
 * mode, REPEATS n over such a node is decided greedily (for each span start, the n earliest-ending
 * observation places), and an AND of up to {@value #MAX_FLAT} such nodes or REPEATS of them by
 * Hall's condition ({@code flat}), both polynomial.
 */
final class BindingSearch {
  /** Default bound on the work units (bindings built and compared) of one search. */
  static final long DEFAULT_BUDGET = 20_000_000;

  /** Thrown when a search needs more work than its budget. */
  static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex(long budget) {
      super(
          "pattern too complex to evaluate exactly: more than "
              + budget
              + " work units over these observations",
          null,
          false,
          false);
    }
  }

  /** A node of a compiled pattern; leaves are numbered observation expressions. */
  sealed interface Node {}

  record Leaf(int index) implements Node {}

  record AllOf(List<Node> operands) implements Node {}

  record AnyOf(List<Node> operands) implements Node {}

  record Sequence(List<Node> operands) implements Node {}

  /** WITHIN: {@code limit} null means longer than any span representable. */
  record Within(Node operand, Duration limit) implements Node {}

  record Repeats(Node operand, int times) implements Node {}

  record During(Node operand, Instant start, Instant stop) implements Node {}

  /**
   * A pattern compiled for search.
   *
   * @param root the node tree
   * @param leaves the comparison expression of each leaf, by leaf index
   * @param window the largest span a binding may have (the outermost WITHIN when the whole pattern
   *     is under one), or null when unbounded
   */
  record Compiled(Node root, List<ComparisonExpression> leaves, Duration window) {
    static Compiled of(PatternExpression p) {
      List<ComparisonExpression> leaves = new ArrayList<>();
      Node root = compile(p, leaves);
      Duration window = root instanceof Within w ? w.limit() : null;
      return new Compiled(root, List.copyOf(leaves), window);
    }

    private static Node compile(PatternExpression p, List<ComparisonExpression> leaves) {
      return switch (p) {
        case PatternExpression.Observation o -> {
          leaves.add(o.comparison());
          yield new Leaf(leaves.size() - 1);
        }
        case PatternExpression.And a ->
            new AllOf(a.operands().stream().map(x -> compile(x, leaves)).toList());
        case PatternExpression.Or o ->
            new AnyOf(o.operands().stream().map(x -> compile(x, leaves)).toList());
        case PatternExpression.FollowedBy f ->
            new Sequence(f.operands().stream().map(x -> compile(x, leaves)).toList());
        case PatternExpression.Qualified q -> {
          Node inner = compile(q.expression(), leaves);
          yield switch (q.qualifier()) {
            case Qualifier.Within w -> new Within(inner, duration(w.seconds()));
            case Qualifier.Repeats r -> new Repeats(inner, r.times());
            case Qualifier.StartStop s -> new During(inner, s.start(), s.stop());
          };
        }
      };
    }

    /** Whole nanoseconds: a span (always whole nanoseconds) is within x iff within floor(x). */
    private static Duration duration(BigDecimal seconds) {
      if (seconds.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
        return null; // longer than 10,000 years: every span fits
      }
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long nanos =
          seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValue();
      return Duration.ofSeconds(whole.longValueExact(), nanos);
    }
  }

  /**
   * The observations of a search.
   *
   * @param first first_observed of each observation
   * @param last last_observed of each
   * @param count number_observed of each, at least 1
   * @param leafHits for each leaf, the observations on which its comparison expression holds
   */
  record Input(Instant[] first, Instant[] last, long[] count, BitSet[] leafHits) {
    int size() {
      return first.length;
    }
  }

  /** A multiset of observation indexes (sorted, repeats allowed) and its span. */
  record Binding(int[] members, Instant start, Instant end) {}

  private static final Comparator<Binding> BEST =
      Comparator.comparing(Binding::end)
          .thenComparing(Binding::start, Comparator.reverseOrder())
          .thenComparingInt(b -> b.members.length)
          .thenComparing(Binding::members, Arrays::compare);

  private final Input in;
  private final int required;
  private final long budget;
  private long work;

  private BindingSearch(Input in, int required, long budget) {
    this.in = in;
    this.required = required;
    this.budget = budget;
  }

  /**
   * One binding of the pattern, or null when there is none.
   *
   * @param required an observation index the binding must contain, or -1
   * @return the members of the best binding (earliest end, then latest start, then fewest)
   * @throws TooComplex when the search exceeds {@code budget} work units
   */
  static int[] find(Compiled pattern, Input in, int required, long budget) {
    BindingSearch s = new BindingSearch(in, required, budget);
    Binding best = null;
    for (Binding b : s.span(pattern.root())) {
      if ((required < 0 || s.hasRequired(b)) && (best == null || BEST.compare(b, best) < 0)) {
        best = b;
      }
    }
    return best == null ? null : best.members();
  }

  private void charge(long units) {
    work += units;
    if (work > budget) {
      throw new TooComplex(budget);
    }
  }

  private boolean hasRequired(Binding b) {
    return required >= 0 && Arrays.binarySearch(b.members(), required) >= 0;
  }

  static boolean isSingle(Node n) {
    return switch (n) {
      case Leaf l -> true;
      case AnyOf a -> a.operands().stream().allMatch(BindingSearch::isSingle);
      case Within w -> isSingle(w.operand());
      case During d -> isSingle(d.operand());
      case Repeats r -> r.times() == 1 && isSingle(r.operand());
      case AllOf a -> false;
      case Sequence s -> false;
    };
  }

  /** For a single node: the observations that satisfy it alone. */
  private BitSet singles(Node n) {
    return switch (n) {
      case Leaf l -> (BitSet) in.leafHits()[l.index()].clone();
      case AnyOf a -> {
        BitSet all = new BitSet();
        a.operands().forEach(o -> all.or(singles(o)));
        yield all;
      }
      case Within w -> {
        BitSet s = singles(w.operand());
        s.stream().filter(i -> !fits(in.first()[i], in.last()[i], w.limit())).forEach(s::clear);
        yield s;
      }
      case During d -> {
        BitSet s = singles(d.operand());
        s.stream()
            .filter(i -> !inside(in.first()[i], in.last()[i], d.start(), d.stop()))
            .forEach(s::clear);
        yield s;
      }
      case Repeats r -> singles(r.operand());
      case AllOf a -> throw new IllegalArgumentException("AND is not single");
      case Sequence q -> throw new IllegalArgumentException("FOLLOWEDBY is not single");
    };
  }

  private static boolean fits(Instant start, Instant end, Duration limit) {
    return limit == null || Duration.between(start, end).compareTo(limit) <= 0;
  }

  private static boolean inside(Instant start, Instant end, Instant from, Instant stop) {
    return !start.isBefore(from) && end.isBefore(stop);
  }

  private List<Binding> singletons(BitSet s) {
    List<Binding> out = new ArrayList<>(s.cardinality());
    s.stream().forEach(i -> out.add(new Binding(new int[] {i}, in.first()[i], in.last()[i])));
    charge(out.size());
    return out;
  }

  // ---- span mode ----

  private List<Binding> span(Node n) {
    if (isSingle(n)) {
      return front(singletons(singles(n)));
    }
    return switch (n) {
      case AnyOf a -> {
        List<Binding> all = new ArrayList<>();
        a.operands().forEach(o -> all.addAll(span(o)));
        yield front(all);
      }
      case Sequence s -> {
        List<Binding> acc = span(s.operands().get(0));
        for (int k = 1; k < s.operands().size() && !acc.isEmpty(); k++) {
          acc = front(follow(acc, span(s.operands().get(k))));
        }
        yield acc;
      }
      case Within w ->
          span(w.operand()).stream().filter(b -> fits(b.start(), b.end(), w.limit())).toList();
      case During d ->
          span(d.operand()).stream()
              .filter(b -> inside(b.start(), b.end(), d.start(), d.stop()))
              .toList();
      case Repeats r ->
          isSingle(r.operand())
              ? front(repeatSingles(singles(r.operand()), r.times()))
              : front(sets(n));
      case AllOf a -> {
        List<Node> parts = new ArrayList<>();
        flatten(a, parts);
        yield parts.size() <= MAX_FLAT && parts.stream().allMatch(BindingSearch::isDemand)
            ? front(flat(parts))
            : front(sets(n));
      }
      case Leaf l -> throw new IllegalStateException("leaves are single");
    };
  }

  /** The most operands of an AND decided by Hall's condition over all subsets of operands. */
  static final int MAX_FLAT = 12;

  private static void flatten(Node n, List<Node> into) {
    if (n instanceof AllOf a) {
      a.operands().forEach(o -> flatten(o, into));
    } else {
      into.add(n);
    }
  }

  /** A single node, or REPEATS over one: a demand for places on single observations. */
  private static boolean isDemand(Node n) {
    return isSingle(n) || (n instanceof Repeats r && isSingle(r.operand()));
  }

  /**
   * AND of demands (operand j needs d_j places on observations of its set S_j, different places for
   * different operands, an observation giving up to its count): for each span start s, the earliest
   * end e such that the observations inside [s, e] can serve every demand. By Hall's theorem for
   * transportation, they can iff for every subset J of operands the places of the observations in
   * the union of S_j (j in J) are at least the sum of d_j; the check is incremental over
   * observations by end, O(T·N·2^k) for k operands. A witness comes from a max-flow over the chosen
   * window.
   */
  private List<Binding> flat(List<Node> parts) {
    int k = parts.size();
    BitSet[] sets = new BitSet[k];
    long[] demand = new long[k];
    for (int j = 0; j < k; j++) {
      Node p = parts.get(j);
      if (p instanceof Repeats r && !isSingle(p)) {
        sets[j] = singles(r.operand());
        demand[j] = r.times();
      } else {
        sets[j] = singles(p);
        demand[j] = 1;
      }
    }
    int full = 1 << k;
    long[] need = new long[full];
    for (int m = 1; m < full; m++) {
      int j = Integer.numberOfTrailingZeros(m);
      need[m] = need[m & (m - 1)] + demand[j];
    }
    BitSet universe = new BitSet();
    for (BitSet b : sets) {
      universe.or(b);
    }
    int[] mask = new int[in.size()];
    universe.stream()
        .forEach(
            i -> {
              for (int j = 0; j < k; j++) {
                if (sets[j].get(i)) {
                  mask[i] |= 1 << j;
                }
              }
            });
    Integer[] byEnd = universe.stream().boxed().toArray(Integer[]::new);
    Arrays.sort(
        byEnd, Comparator.<Integer, Instant>comparing(i -> in.last()[i]).thenComparingInt(i -> i));
    List<Instant> starts =
        universe.stream().mapToObj(i -> in.first()[i]).distinct().sorted().toList();
    boolean reqUsable = required >= 0 && universe.get(required);
    List<Binding> out = new ArrayList<>();
    long[] cap = new long[full];
    for (Instant s : starts) {
      charge((long) byEnd.length * full);
      Arrays.fill(cap, 0);
      boolean plainFound = false;
      boolean forcedFound = !reqUsable || in.first()[required].isBefore(s);
      boolean reqIn = false;
      for (int x = 0; x < byEnd.length && !(plainFound && forcedFound); x++) {
        int i = byEnd[x];
        if (in.first()[i].isBefore(s)) {
          continue;
        }
        reqIn |= i == required;
        for (int m = 1; m < full; m++) {
          if ((m & mask[i]) != 0) {
            cap[m] += in.count()[i];
          }
        }
        if (!plainFound && feasible(cap, need, 0, -1)) {
          plainFound = true;
          out.add(witness(sets, demand, s, in.last()[i], -1));
        }
        if (!forcedFound && reqIn) {
          for (int j = 0; j < k; j++) {
            if ((mask[required] & (1 << j)) != 0 && feasible(cap, need, mask[required], j)) {
              forcedFound = true;
              out.add(witness(sets, demand, s, in.last()[i], j));
              break;
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Hall's condition; with {@code forcedOperand} >= 0, after one place of the required observation
   * (member of the operands in {@code reqMask}) is given to that operand.
   */
  private static boolean feasible(long[] cap, long[] need, int reqMask, int forcedOperand) {
    for (int m = 1; m < cap.length; m++) {
      long c = cap[m] - (forcedOperand >= 0 && (m & reqMask) != 0 ? 1 : 0);
      long d = need[m] - (forcedOperand >= 0 && (m & (1 << forcedOperand)) != 0 ? 1 : 0);
      if (c < d) {
        return false;
      }
    }
    return true;
  }

  /** An assignment of places inside [start, end] by augmenting paths (Edmonds-Karp). */
  private Binding witness(BitSet[] sets, long[] demand, Instant start, Instant end, int forced) {
    int k = sets.length;
    List<Integer> avail = new ArrayList<>();
    BitSet universe = new BitSet();
    for (BitSet b : sets) {
      universe.or(b);
    }
    universe.stream()
        .filter(i -> !in.first()[i].isBefore(start) && !in.last()[i].isAfter(end))
        .forEach(avail::add);
    int m = avail.size();
    long[] left = demand.clone();
    long[] room = new long[m];
    long[][] flow = new long[k][m];
    for (int x = 0; x < m; x++) {
      room[x] = in.count()[avail.get(x)];
    }
    if (forced >= 0) {
      int x = avail.indexOf(required);
      left[forced]--;
      room[x]--;
      flow[forced][x]++;
    }
    charge((long) k * m);
    // Residual graph: operand j -> observation x (when x in S_j, unbounded), observation x ->
    // operand j (back edge, up to flow[j][x]), observation x -> sink (room[x]).
    while (true) {
      int j0 = -1;
      for (int j = 0; j < k; j++) {
        if (left[j] > 0) {
          j0 = j;
          break;
        }
      }
      if (j0 < 0) {
        break;
      }
      int[] prevOperand = new int[m];
      int[] prevObs = new int[k];
      Arrays.fill(prevOperand, -1);
      Arrays.fill(prevObs, -2);
      prevObs[j0] = -1;
      java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
      queue.add(j0);
      int reached = -1;
      while (!queue.isEmpty() && reached < 0) {
        int j = queue.poll();
        for (int x = 0; x < m && reached < 0; x++) {
          if (prevOperand[x] < 0 && sets[j].get(avail.get(x))) {
            prevOperand[x] = j;
            if (room[x] > 0) {
              reached = x;
            } else {
              for (int j2 = 0; j2 < k; j2++) {
                if (prevObs[j2] == -2 && flow[j2][x] > 0) {
                  prevObs[j2] = x;
                  queue.add(j2);
                }
              }
            }
          }
        }
      }
      if (reached < 0) {
        throw new IllegalStateException("Hall's condition held but no assignment was found");
      }
      long amount = Math.min(left[j0], room[reached]);
      for (int x = reached; x >= 0; ) {
        int j = prevOperand[x];
        int back = prevObs[j];
        if (back >= 0) {
          amount = Math.min(amount, flow[j][back]);
        }
        x = back;
      }
      for (int x = reached; x >= 0; ) {
        int j = prevOperand[x];
        flow[j][x] += amount;
        int back = prevObs[j];
        if (back >= 0) {
          flow[j][back] -= amount;
        }
        x = back;
      }
      room[reached] -= amount;
      left[j0] -= amount;
      charge(k + m);
    }
    long total = Arrays.stream(demand).sum();
    if (total > MAX_PLACES) {
      throw new TooComplex(MAX_PLACES);
    }
    int[] members = new int[(int) total];
    int filled = 0;
    Instant from = null;
    Instant to = null;
    for (int x = 0; x < m; x++) {
      long used = 0;
      for (int j = 0; j < k; j++) {
        used += flow[j][x];
      }
      int i = avail.get(x);
      for (long u = 0; u < used; u++) {
        members[filled++] = i;
      }
      if (used > 0) {
        from = from == null || in.first()[i].isBefore(from) ? in.first()[i] : from;
        to = to == null || in.last()[i].isAfter(to) ? in.last()[i] : to;
      }
    }
    Arrays.sort(members);
    return new Binding(members, from, to);
  }

  /** The most observation places one binding may name. */
  static final long MAX_PLACES = 1_000_000;

  /** Pairs a (from {@code left}) and b (from {@code right}) with a's end before b's start. */
  private List<Binding> follow(List<Binding> left, List<Binding> right) {
    List<Binding> out = new ArrayList<>();
    charge((long) left.size() * right.size());
    for (Binding a : left) {
      for (Binding b : right) {
        if (a.end().isBefore(b.start())) {
          out.add(new Binding(merge(a.members(), b.members()), a.start(), b.end()));
        }
      }
    }
    charge(out.size());
    return out;
  }

  /**
   * The Pareto front: drops every binding whose span contains another's span when the other holds
   * the required observation or this one does not.
   */
  private List<Binding> front(List<Binding> all) {
    List<Binding> withReq = new ArrayList<>();
    List<Binding> without = new ArrayList<>();
    for (Binding b : all) {
      (hasRequired(b) ? withReq : without).add(b);
    }
    List<Binding> f1 = sweep(withReq);
    List<Binding> f0 = sweep(without);
    charge((long) f0.size() * f1.size() + all.size());
    List<Binding> out = new ArrayList<>(f1);
    for (Binding b : f0) {
      boolean dominated = false;
      for (Binding k : f1) {
        if (!k.start().isBefore(b.start()) && !k.end().isAfter(b.end())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(b);
      }
    }
    return out;
  }

  private static List<Binding> sweep(List<Binding> group) {
    List<Binding> sorted = new ArrayList<>(group);
    sorted.sort(
        Comparator.comparing(Binding::start, Comparator.reverseOrder())
            .thenComparing(Binding::end)
            .thenComparingInt(b -> b.members().length)
            .thenComparing(Binding::members, Arrays::compare));
    List<Binding> out = new ArrayList<>();
    Instant bestEnd = null;
    for (Binding b : sorted) {
      if (bestEnd == null || b.end().isBefore(bestEnd)) {
        out.add(b);
        bestEnd = b.end();
      }
    }
    return out;
  }

  /**
   * REPEATS n over observations that each satisfy the operand alone: for each span start s, the n
   * places of the earliest-ending observations starting at or after s (an observation gives up to
   * its count of places); and the same with one place taken first by the required observation.
   */
  private List<Binding> repeatSingles(BitSet s, int times) {
    long total = 0;
    for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
      total += in.count()[i];
    }
    if (total < times) {
      return List.of();
    }
    Integer[] byEnd = s.stream().boxed().toArray(Integer[]::new);
    Arrays.sort(
        byEnd, Comparator.<Integer, Instant>comparing(i -> in.last()[i]).thenComparingInt(i -> i));
    List<Instant> starts = s.stream().mapToObj(i -> in.first()[i]).distinct().sorted().toList();
    List<Binding> out = new ArrayList<>();
    charge((long) starts.size() * byEnd.length);
    for (Instant start : starts) {
      Binding plain = greedy(byEnd, start, times, -1);
      if (plain != null) {
        out.add(plain);
      }
      if (required >= 0 && s.get(required) && !in.first()[required].isBefore(start)) {
        Binding forced = greedy(byEnd, start, times, required);
        if (forced != null) {
          out.add(forced);
        }
      }
    }
    return out;
  }

  private Binding greedy(Integer[] byEnd, Instant start, int times, int first) {
    int[] members = new int[times];
    int filled = 0;
    Instant from = null;
    Instant end = null;
    if (first >= 0) {
      members[filled++] = first;
      from = in.first()[first];
      end = in.last()[first];
    }
    for (int k = 0; k < byEnd.length && filled < times; k++) {
      int i = byEnd[k];
      if (in.first()[i].isBefore(start)) {
        continue;
      }
      long places = in.count()[i] - (i == first ? 1 : 0);
      for (long p = 0; p < places && filled < times; p++) {
        members[filled++] = i;
      }
      if (places > 0) {
        from = from == null || in.first()[i].isBefore(from) ? in.first()[i] : from;
        end = end == null || in.last()[i].isAfter(end) ? in.last()[i] : end;
      }
    }
    if (filled < times) {
      return null;
    }
    Arrays.sort(members);
    return new Binding(members, from, end);
  }

  // ---- set mode ----

  private List<Binding> sets(Node n) {
    if (isSingle(n)) {
      return singletons(singles(n));
    }
    return switch (n) {
      case AnyOf a -> {
        List<Binding> all = new ArrayList<>();
        a.operands().forEach(o -> all.addAll(sets(o)));
        yield minimal(all);
      }
      case Sequence s -> {
        List<Binding> acc = sets(s.operands().get(0));
        for (int k = 1; k < s.operands().size() && !acc.isEmpty(); k++) {
          acc = minimal(follow(acc, sets(s.operands().get(k))));
        }
        yield acc;
      }
      case Within w ->
          sets(w.operand()).stream().filter(b -> fits(b.start(), b.end(), w.limit())).toList();
      case During d ->
          sets(d.operand()).stream()
              .filter(b -> inside(b.start(), b.end(), d.start(), d.stop()))
              .toList();
      case AllOf a -> {
        List<Binding> acc = sets(a.operands().get(0));
        for (int k = 1; k < a.operands().size() && !acc.isEmpty(); k++) {
          List<Binding> next = sets(a.operands().get(k));
          List<Binding> combined = new ArrayList<>();
          charge((long) acc.size() * next.size());
          for (Binding x : acc) {
            for (Binding y : next) {
              Binding u = union(x, y);
              if (u != null) {
                combined.add(u);
              }
            }
          }
          acc = minimal(combined);
        }
        yield acc;
      }
      case Repeats r -> {
        // Level d holds the minimal unions of d + 1 operand bindings: a union containing another
        // of the same level is never needed, whatever is added to it later.
        List<Binding> operand = sets(r.operand());
        List<Binding> level = r.times() <= totalCount() ? operand : List.of();
        for (int d = 1; d < r.times() && !level.isEmpty(); d++) {
          List<Binding> next = new ArrayList<>();
          charge((long) level.size() * operand.size());
          for (Binding p : level) {
            for (Binding b : operand) {
              Binding u = union(p, b);
              if (u != null) {
                next.add(u);
              }
            }
          }
          level = minimal(next);
        }
        yield level;
      }
      case Leaf l -> throw new IllegalStateException("leaves are single");
    };
  }

  private long totalCount() {
    long t = 0;
    for (long c : in.count()) {
      t += c;
    }
    return t;
  }

  /** The multiset union when every observation stays within its count, else null. */
  private Binding union(Binding a, Binding b) {
    int[] m = merge(a.members(), b.members());
    int run = 1;
    for (int i = 1; i <= m.length; i++) {
      if (i < m.length && m[i] == m[i - 1]) {
        run++;
      } else {
        if (run > in.count()[m[i - 1]]) {
          return null;
        }
        run = 1;
      }
    }
    return new Binding(
        m,
        a.start().isBefore(b.start()) ? a.start() : b.start(),
        a.end().isAfter(b.end()) ? a.end() : b.end());
  }

  private static int[] merge(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < b.length) {
      out[k++] = b[j++];
    }
    return out;
  }

  /**
   * The inclusion-minimal bindings: drops repeats and every binding that contains another one as a
   * sub-multiset, unless it holds the required observation and the smaller one does not.
   */
  private List<Binding> minimal(List<Binding> all) {
    List<Binding> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.<Binding>comparingInt(b -> b.members().length)
            .thenComparing(Binding::members, Arrays::compare));
    List<Binding> kept = new ArrayList<>();
    Set<List<Integer>> seen = new HashSet<>();
    for (Binding b : sorted) {
      if (!seen.add(Arrays.stream(b.members()).boxed().toList())) {
        continue;
      }
      charge(kept.size() + 1);
      boolean reqB = hasRequired(b);
      boolean dominated = false;
      for (Binding k : kept) {
        if ((hasRequired(k) || !reqB) && subMultiset(k.members(), b.members())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        kept.add(b);
      }
    }
    return kept;
  }

  private static boolean subMultiset(int[] small, int[] big) {
    if (small.length > big.length) {
      return false;
    }
    int j = 0;
    for (int x : small) {
      while (j < big.length && big[j] < x) {
        j++;
      }
      if (j == big.length || big[j] != x) {
        return false;
      }
      j++;
    }
    return true;
  }
}
