package org.detente.pattern;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An indicator whose pattern an observation completed.
 *
 * @param indicatorId the indicator's id as given to {@link IndicatorMatcher#add}
 * @param observationIds the observed-data ids of the satisfying binding, by first_observed then
 *     arrival; the observation that completed it is always among them
 * @param firstObserved the earliest first_observed of the binding
 * @param lastObserved the latest last_observed of the binding
 */
public record MatchHit(
    String indicatorId, List<String> observationIds, Instant firstObserved, Instant lastObserved) {
  public MatchHit {
    Objects.requireNonNull(indicatorId, "indicatorId");
    Objects.requireNonNull(firstObserved, "firstObserved");
    Objects.requireNonNull(lastObserved, "lastObserved");
    observationIds = List.copyOf(observationIds);
    if (observationIds.isEmpty()) {
      throw new IllegalArgumentException("a hit names at least one observation");
    }
    if (lastObserved.isBefore(firstObserved)) {
      throw new IllegalArgumentException(
          "lastObserved " + lastObserved + " is before firstObserved " + firstObserved);
    }
  }
}
