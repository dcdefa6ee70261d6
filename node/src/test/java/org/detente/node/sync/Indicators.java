package org.detente.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * Deterministic indicators for client tests: indicator {@code i} always has the same id, pattern
 * and timestamps; version {@code v} (0 for the first) is modified {@code v} days after creation.
 */
final class Indicators {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private Indicators() {}

  static String id(long i) {
    long hi = mix(i * 2 + 1);
    long lo = mix(i * 2 + 2);
    return "indicator--"
        + new UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }

  static String created(long i) {
    return StixTimestamp.formatMillis(BASE.plusMillis(i));
  }

  static String modified(long i, int version) {
    return StixTimestamp.formatMillis(BASE.plusMillis(i).plus(Duration.ofDays(version)));
  }

  static StixObject indicator(long i, int version) {
    return StixObject.parse(json(i, version));
  }

  static String json(long i, int version) {
    String created = created(i);
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id(i)
        + "\",\"created\":\""
        + created
        + "\",\"modified\":\""
        + modified(i, version)
        + "\",\"name\":\"test indicator "
        + i
        + " version "
        + version
        + "\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[ipv4-addr:value = '10."
        + ((i >> 16) & 0xff)
        + "."
        + ((i >> 8) & 0xff)
        + "."
        + (i & 0xff)
        + "']\",\"pattern_type\":\"stix\",\"valid_from\":\""
        + created
        + "\"}";
  }

  /** SplitMix64: a fixed, well-spread function of {@code x}. */
  private static long mix(long x) {
    long z = x * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
