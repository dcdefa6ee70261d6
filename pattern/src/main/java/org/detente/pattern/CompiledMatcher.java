package org.detente.pattern;

import java.time.Instant;
import java.util.BitSet;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** The {@link IndicatorMatcher} implementation. */
final class CompiledMatcher implements IndicatorMatcher {

  /** One indicator: its compiled pattern and validity. */
  static final class Indicator {
    final String id;
    final BindingSearch.Compiled pattern;
    final Instant validFrom;
    final Instant validUntil;

    Indicator(String id, BindingSearch.Compiled pattern, Instant validFrom, Instant validUntil) {
      this.id = id;
      this.pattern = pattern;
      this.validFrom = validFrom;
      this.validUntil = validUntil;
    }

    boolean covers(Observation o) {
      return (validUntil == null || o.firstObserved().isBefore(validUntil))
          && !o.lastObserved().isBefore(validFrom);
    }
  }

  private final Object writeLock = new Object();
  private final ConcurrentHashMap<String, Indicator> byId = new ConcurrentHashMap<>();
  private final Queue<Indicator> forgotten = new ConcurrentLinkedQueue<>();
  private final Correlator correlator;
  private final ComparisonEvaluator comparisons = new ComparisonEvaluator();

  CompiledMatcher(Options options) {
    this.correlator = new Correlator(Objects.requireNonNull(options, "options"));
  }

  @Override
  public void add(String indicatorId, String pattern, Instant validFrom, Instant validUntil) {
    Objects.requireNonNull(indicatorId, "indicatorId");
    Objects.requireNonNull(validFrom, "validFrom");
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalArgumentException(
          "indicator "
              + indicatorId
              + ": valid_until "
              + validUntil
              + " is not after valid_from "
              + validFrom);
    }
    BindingSearch.Compiled compiled = BindingSearch.Compiled.of(StixPatterns.parse(pattern));
    synchronized (writeLock) {
      Indicator old =
          byId.put(indicatorId, new Indicator(indicatorId, compiled, validFrom, validUntil));
      if (old != null) {
        forgotten.add(old);
      }
    }
  }

  @Override
  public boolean remove(String indicatorId) {
    synchronized (writeLock) {
      Indicator old = byId.remove(indicatorId);
      if (old != null) {
        forgotten.add(old);
      }
      return old != null;
    }
  }

  @Override
  public int size() {
    return byId.size();
  }

  @Override
  public void match(Observation observation, Consumer<MatchHit> hits) {
    Objects.requireNonNull(observation, "observation");
    for (Indicator gone; (gone = forgotten.poll()) != null; ) {
      correlator.forget(gone);
    }
    correlator.advance(observation.firstObserved());
    ComparisonEvaluator.Scope scope = ComparisonEvaluator.Scope.of(observation);
    for (Indicator ind : byId.values()) {
      if (!ind.covers(observation)) {
        continue;
      }
      BitSet leaves = new BitSet();
      for (int l = 0; l < ind.pattern.leaves().size(); l++) {
        if (comparisons.holds(ind.pattern.leaves().get(l), scope)) {
          leaves.set(l);
        }
      }
      if (leaves.isEmpty()) {
        continue;
      }
      MatchHit hit =
          correlator.offer(
              ind,
              ind.id,
              ind.pattern,
              new Correlator.Entry(
                  observation.id(),
                  observation.firstObserved(),
                  observation.lastObserved(),
                  observation.numberObserved(),
                  leaves));
      if (hit != null) {
        hits.accept(hit);
      }
    }
  }
}
