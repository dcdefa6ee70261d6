package org.detente.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;
import org.detente.pattern.IndicatorMatcher;
import org.detente.pattern.Observation;

/**
 * Loading time and memory of the compiled matcher, plus a plain single-thread throughput run.
 * Memory is the heap in use after a full collection with the inputs (ids, patterns, events) held,
 * before and after loading the indicators: the difference is what the matcher holds.
 *
 * <p>{@code scripts/bench matcher [--indicators N] [--events N] [--seconds S] [--hit-rate R]}
 */
public final class MatcherLoad {
  private MatcherLoad() {}

  public static void main(String[] args) throws Exception {
    int n = 1_000_000;
    int eventCount = 4096;
    int seconds = 20;
    double hitRate = 0.01;
    for (int i = 0; i < args.length; i += 2) {
      String v = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--indicators" -> n = Integer.parseInt(v);
        case "--events" -> eventCount = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--hit-rate" -> hitRate = Double.parseDouble(v);
        default -> {
          System.err.println(
              "usage: MatcherLoad [--indicators N] [--events N] [--seconds S] [--hit-rate R]");
          System.exit(2);
        }
      }
    }
    MatcherCorpus corpus = new MatcherCorpus(42);
    List<MatcherCorpus.Indicator> all = corpus.indicators(n);
    Observation[] events = corpus.events(eventCount, hitRate).toArray(Observation[]::new);
    long before = usedAfterGc();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    IndicatorMatcher matcher = IndicatorMatcher.create();
    for (MatcherCorpus.Indicator i : all) {
      matcher.add(i.id(), i.pattern(), i.validFrom(), null);
    }
    long loadNanos = System.nanoTime() - t0;
    long loadCpu = threads.getCurrentThreadCpuTime() - cpu0;
    long after = usedAfterGc();
    Reference.reachabilityFence(all);
    Reference.reachabilityFence(corpus);
    System.out.printf(
        Locale.ROOT,
        "loaded %,d indicators in %.2f s (%.2f s of CPU, %,.0f/s); heap held by the matcher %,d"
            + " bytes = %.1f bytes per indicator%n",
        matcher.size(),
        loadNanos / 1e9,
        loadCpu / 1e9,
        matcher.size() / (loadNanos / 1e9),
        after - before,
        (after - before) / (double) matcher.size());
    long[] hits = new long[1];
    long matched = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    int warm = Math.min(events.length, 200_000);
    for (int i = 0; i < warm; i++) {
      matcher.match(events[i % events.length], h -> hits[0]++);
    }
    hits[0] = 0;
    start = System.nanoTime();
    long matchCpu0 = threads.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      for (int i = 0; i < events.length; i++) {
        matcher.match(events[i], h -> hits[0]++);
      }
      matched += events.length;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpuSecs = (threads.getCurrentThreadCpuTime() - matchCpu0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "matched %,d events in %.1f s: %,.0f events/s on one thread, %,.0f events per CPU second"
            + " of that thread, %,d hits (%.2f per event)%n",
        matched,
        secs,
        matched / secs,
        matched / cpuSecs,
        hits[0],
        hits[0] / (double) matched);
    System.out.println(
        ManagementFactory.getRuntimeMXBean().getVmName()
            + " "
            + Runtime.version()
            + ", load average at the end "
            + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
