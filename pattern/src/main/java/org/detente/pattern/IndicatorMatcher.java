package org.detente.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Matches a stream of observations against many STIX indicators at once (the compiled matcher of
 * the telemetry path).
 *
 * <p><b>Streaming semantics.</b> For each observation, in arrival order, {@link #match} reports
 * every indicator that has a binding (as defined by {@link PatternEvaluator}) among the
 * observations seen so far that <i>includes this observation</i>: an indicator {@code [a]} fires on
 * every observation matching {@code a}; {@code [a] AND [b]} fires on the observation that completes
 * a pair and again on each later one that forms a new pair; {@code [a] REPEATS 3 TIMES} fires on
 * the third matching observation and each later one. The differential test checks exactly this
 * against {@link PatternEvaluator} on every prefix of generated streams.
 *
 * <p><b>Validity.</b> An observation counts for an indicator when its span overlaps the indicator's
 * validity: {@code first_observed < valid_until} (when set) and {@code last_observed >=
 * valid_from}. Observations outside are invisible to that indicator, also as partners of later
 * ones. Overlap is chosen because an observed-data object says the activity was seen throughout its
 * span: when part of it falls while the indicator was valid, it was seen while valid. Expiry
 * therefore needs no action: once events are past valid_until the indicator stops firing; {@link
 * #remove} frees it.
 *
 * <p><b>Bounded state.</b> Patterns that bind several observations keep, per indicator, the recent
 * observations that satisfied one of their observation expressions. An entry is dropped when it can
 * no longer be part of a binding with a future observation: when the whole pattern is under {@code
 * WITHIN w}, once its first_observed is more than {@code w + lateness} before the latest
 * first_observed seen; otherwise once its last_observed is more than {@link Options#horizon()}
 * before it; and, whatever the pattern, the oldest entries beyond {@link Options#maxBuffered()} per
 * indicator. Observations arriving more than {@code lateness} out of order may thus miss partners.
 *
 * <p>Thread safety: {@link #add} and {@link #remove} may be called from any threads while one
 * thread calls {@link #match}; {@code match} itself must not be called concurrently (one matcher
 * per stream partition).
 */
public interface IndicatorMatcher {

  /**
   * Knobs of the windowed correlator.
   *
   * @param lateness how far out of time order observations may arrive and still find partners
   * @param horizon how long an observation is kept for patterns without an outer WITHIN
   * @param maxBuffered the most observations kept per indicator
   */
  record Options(Duration lateness, Duration horizon, int maxBuffered) {
    public Options {
      Objects.requireNonNull(lateness, "lateness");
      Objects.requireNonNull(horizon, "horizon");
      if (lateness.isNegative()) {
        throw new IllegalArgumentException("lateness must not be negative: " + lateness);
      }
      if (horizon.isNegative() || horizon.isZero()) {
        throw new IllegalArgumentException("horizon must be positive: " + horizon);
      }
      if (maxBuffered < 1) {
        throw new IllegalArgumentException("maxBuffered must be at least 1: " + maxBuffered);
      }
    }

    /** Five minutes of lateness, a 24-hour horizon, 1,024 observations per indicator. */
    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), Duration.ofHours(24), 1024);
    }
  }

  /** A matcher with {@link Options#defaults()}. */
  static IndicatorMatcher create() {
    return create(Options.defaults());
  }

  /** A matcher with the given options. */
  static IndicatorMatcher create(Options options) {
    return new CompiledMatcher(options);
  }

  /**
   * Adds an indicator, or replaces the one with the same id (its correlation state is dropped).
   *
   * @param indicatorId the indicator's id
   * @param pattern its STIX pattern
   * @param validFrom its valid_from
   * @param validUntil its valid_until, or null when it has none
   * @throws PatternSyntaxException when {@code pattern} is not a valid pattern
   * @throws IllegalArgumentException when {@code validUntil} is not after {@code validFrom}
   */
  void add(String indicatorId, String pattern, Instant validFrom, Instant validUntil);

  /**
   * Removes an indicator (revocation); it fires no more once this returns.
   *
   * @return whether it was present
   */
  boolean remove(String indicatorId);

  /** The number of indicators present. */
  int size();

  /**
   * Matches one observation; calls {@code hits} for every indicator it completes, at most once per
   * indicator.
   */
  void match(Observation observation, Consumer<MatchHit> hits);
}
