package org.detente.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.detente.pattern.IndicatorMatcher;
import org.detente.pattern.Observation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Matcher core throughput: one thread matching decoded observations ({@link MatcherCorpus} events,
 * three SCOs each) against {@code indicators} atomic indicators of the shared corpus; one operation
 * is one observation.
 *
 * <p>Run: {@code scripts/bench jmh MatcherBench} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
public class MatcherBench {
  @Param({"1000000"})
  public int indicators;

  /** Share of event values taken from the indicators. */
  @Param({"0.01"})
  public double hitRate;

  /**
   * Distinct events cycled through (a power of 2). A stream matches each event right after decoding
   * it, while its objects are in the CPU cache: 4,096 events (about 4 MiB of JSON trees) stay
   * cached like that; 65,536 (about 64 MiB) make every event a cache miss, a pessimistic bound.
   */
  @Param({"4096", "65536"})
  public int events;

  private IndicatorMatcher matcher;
  private Observation[] pool;
  private int next;

  @Setup(Level.Trial)
  public void load() throws IOException {
    MatcherCorpus corpus = new MatcherCorpus(42);
    List<MatcherCorpus.Indicator> all = corpus.indicators(indicators);
    matcher = IndicatorMatcher.create();
    for (MatcherCorpus.Indicator i : all) {
      matcher.add(i.id(), i.pattern(), i.validFrom(), null);
    }
    pool = corpus.events(events, hitRate).toArray(Observation[]::new);
  }

  @Benchmark
  public void match(Blackhole hits) {
    Observation o = pool[next];
    next = (next + 1) & (pool.length - 1);
    matcher.match(o, hits::consume);
  }
}
