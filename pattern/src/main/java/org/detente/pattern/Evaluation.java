package org.detente.pattern;

import java.util.List;

/**
 * The outcome of matching a pattern against observations.
 *
 * @param matched whether the pattern matched
 * @param observationIds when matched, the ids of the observed-data objects of one satisfying
 *     binding, ordered by first_observed then by their position in the input; empty otherwise
 */
public record Evaluation(boolean matched, List<String> observationIds) {
  public Evaluation {
    observationIds = List.copyOf(observationIds);
    if (matched == observationIds.isEmpty()) {
      throw new IllegalArgumentException(
          "a match names at least one observation and a non-match none, got matched="
              + matched
              + " with "
              + observationIds.size()
              + " ids");
    }
  }

  /** The outcome when nothing matched. */
  public static Evaluation noMatch() {
    return new Evaluation(false, List.of());
  }
}
