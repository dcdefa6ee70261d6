package org.detente.node.service;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per account: {@code perSecond} requests a second on average, bursts of up to
 * {@code burst}. Buckets are kept for accounts only (never for names a requester merely claims), so
 * memory is bounded by the number of accounts.
 */
final class RequestRate {
  private final double perSecond;
  private final double burst;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  RequestRate(double perSecond, int burst, LongSupplier nanos) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "request rate must be > 0 and burst >= 1, got " + perSecond + " and " + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanos = nanos;
  }

  /**
   * Takes one token of the account's bucket.
   *
   * @throws RequestException.RateLimited when the bucket is empty
   */
  void acquire(String account) {
    long now = nanos.getAsLong();
    Bucket b = buckets.computeIfAbsent(account, k -> new Bucket(burst, now));
    double wait;
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      wait = (1 - b.tokens) / perSecond;
    }
    Duration retry = Duration.ofSeconds((long) Math.ceil(wait));
    throw new RequestException.RateLimited(
        "account '"
            + account
            + "' is over its rate of "
            + perSecond
            + " requests per second (burst "
            + (int) burst
            + "); retry after "
            + retry.toSeconds()
            + " s",
        retry);
  }

  void forget(String account) {
    buckets.remove(account);
  }
}
