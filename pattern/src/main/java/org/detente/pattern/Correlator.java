package org.detente.pattern;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The windowed correlator of {@link IndicatorMatcher}: for each indicator whose pattern binds
 * several observations, the recent observations that satisfied at least one of its observation
 * expressions, and the exact {@link BindingSearch} over them requiring the newest one.
 *
 * <p>State lives in one map from an indicator key to its window, touched only by the matching
 * thread; eviction follows the rules documented on {@link IndicatorMatcher}. A search that exceeds
 * its budget reports nothing for that observation and is counted ({@link #tooComplex()}).
 */
final class Correlator {
  private static final System.Logger LOG = System.getLogger(Correlator.class.getName());

  /** The same bound as the reference evaluator's, so that both decide the same cases. */
  static final long SEARCH_BUDGET = BindingSearch.DEFAULT_BUDGET;

  private static final int SWEEP_EVERY = 1 << 16;

  /** One buffered observation: what the search needs. */
  record Entry(String id, Instant first, Instant last, long count, BitSet leaves) {}

  private static final class Window {
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
  }

  private final IndicatorMatcher.Options options;
  private final Map<Object, Window> windows = new HashMap<>();
  private Instant highWater = Instant.MIN;
  private long offers;
  private long tooComplex;

  Correlator(IndicatorMatcher.Options options) {
    this.options = options;
  }

  /** Observations whose search was abandoned over budget. */
  long tooComplex() {
    return tooComplex;
  }

  /** Drops the state of an indicator. */
  void forget(Object key) {
    windows.remove(key);
  }

  /**
   * Moves the high-water mark (latest first_observed seen: a later observation, in time order, ends
   * no earlier than that) and sweeps idle windows now and then.
   */
  void advance(Instant firstObserved) {
    if (firstObserved.isAfter(highWater)) {
      highWater = firstObserved;
    }
    if (++offers % SWEEP_EVERY == 0) {
      windows.values().removeIf(w -> evict(w, null) && w.entries.isEmpty());
    }
  }

  /**
   * Offers an observation that satisfied the observation expressions {@code leaves} of an
   * indicator's pattern.
   *
   * @return the satisfying binding including this observation, or null
   */
  MatchHit offer(Object key, String indicatorId, BindingSearch.Compiled pattern, Entry entry) {
    if (BindingSearch.isSingle(pattern.root())) {
      return search(indicatorId, pattern, List.of(entry));
    }
    Window w = windows.computeIfAbsent(key, k -> new Window());
    evict(w, pattern.window());
    w.entries.addLast(entry);
    while (w.entries.size() > options.maxBuffered()) {
      w.entries.removeFirst();
    }
    return search(indicatorId, pattern, new ArrayList<>(w.entries));
  }

  /** Drops entries that cannot bind with the newest or a future observation; true always. */
  private boolean evict(Window w, Duration window) {
    if (highWater == Instant.MIN) {
      return true;
    }
    Iterator<Entry> it = w.entries.iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      boolean stale =
          window != null
              ? e.first().isBefore(highWater.minus(window).minus(options.lateness()))
              : e.last().isBefore(highWater.minus(options.horizon()));
      if (stale) {
        it.remove();
      }
    }
    return true;
  }

  private MatchHit search(String indicatorId, BindingSearch.Compiled pattern, List<Entry> entries) {
    int n = entries.size();
    Instant[] first = new Instant[n];
    Instant[] last = new Instant[n];
    long[] count = new long[n];
    BitSet[] hits = new BitSet[pattern.leaves().size()];
    for (int l = 0; l < hits.length; l++) {
      hits[l] = new BitSet(n);
    }
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      first[i] = e.first();
      last[i] = e.last();
      count[i] = e.count();
      for (int l = e.leaves().nextSetBit(0); l >= 0; l = e.leaves().nextSetBit(l + 1)) {
        hits[l].set(i);
      }
    }
    int[] members;
    try {
      members =
          BindingSearch.find(
              pattern, new BindingSearch.Input(first, last, count, hits), n - 1, SEARCH_BUDGET);
    } catch (BindingSearch.TooComplex e) {
      if (tooComplex++ == 0) {
        LOG.log(Level.WARNING, "indicator {0}: {1}", indicatorId, e.getMessage());
      }
      return null;
    }
    if (members == null) {
      return null;
    }
    List<Integer> order = new ArrayList<>();
    Instant from = null;
    Instant to = null;
    for (int m : members) {
      if (order.isEmpty() || order.get(order.size() - 1) != m) {
        order.add(m);
      }
      from = from == null || first[m].isBefore(from) ? first[m] : from;
      to = to == null || last[m].isAfter(to) ? last[m] : to;
    }
    order.sort(
        (a, b) ->
            a.equals(b) ? 0 : first[a].equals(first[b]) ? a - b : first[a].compareTo(first[b]));
    return new MatchHit(
        indicatorId, order.stream().map(i -> entries.get(i).id()).toList(), from, to);
  }
}
