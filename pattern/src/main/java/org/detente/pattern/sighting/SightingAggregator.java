package org.detente.pattern.sighting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.detente.stix.Identifiers;
import org.detente.stix.ScoIds;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * Turns indicator hits into STIX 2.1 sightings (section 5.2), one per indicator and time bucket, so
 * that an indicator firing a million times an hour gives 1 sighting with {@code count} 1,000,000,
 * not a million sightings.
 *
 * <p>A hit falls in the bucket that holds its {@code first_observed}: buckets are {@code bucket}
 * long and aligned on the Unix epoch (1 hour buckets start on the hour, UTC). Each sighting has:
 *
 * <ul>
 *   <li>{@code id}: {@code sighting--} a UUIDv5 in {@link #NAMESPACE} over {@code
 *       identity|indicator|bucket start} (STIX 2.1 section 2.9 allows any RFC 4122 UUID; this one
 *       is deterministic so that matching the same telemetry again names the same sightings, and a
 *       store receiving them keeps them as versions of one object);
 *   <li>{@code sighting_of_ref} the indicator, {@code where_sighted_refs} and {@code
 *       created_by_ref} our identity;
 *   <li>{@code count}: the hits in the bucket, capped at 999,999,999 (the largest value section 5.2
 *       allows);
 *   <li>{@code first_seen}/{@code last_seen}: the earliest {@code first_observed} and the latest
 *       {@code last_observed} of those hits;
 *   <li>{@code observed_data_refs}: the observed-data of the first {@code maxRefs} distinct
 *       observations, in hit order, as evidence; the rest are summarised by {@code count}. {@link
 *       #record} returns which observations became evidence, so the caller can publish them.
 * </ul>
 *
 * <p>Versioning: {@link #changed()} returns a new version of each sighting that received hits since
 * the previous call. {@code created} is the start of the sighting's bucket (a choice: STIX leaves
 * it to the producer), so that matching the same telemetry again, in this process or another, gives
 * versions of the same object (same {@code id} and {@code created}); {@code modified} is the
 * clock's time (not before {@code created}), and always later than the previous version's (by a
 * millisecond when the clock has not moved), as section 3.6 requires. Not thread-safe.
 */
public final class SightingAggregator {
  /** Namespace of the UUIDv5 of sighting identifiers. */
  public static final UUID NAMESPACE = UUID.fromString("c9f5a3be-3c1f-5b7e-8f2d-2b6e4f9d1a07");

  /** The largest {@code count} STIX 2.1 allows. */
  public static final long MAX_COUNT = 999_999_999L;

  private final String identity;
  private final Duration bucket;
  private final long bucketMillis;
  private final int maxRefs;
  private final Clock clock;
  private final Map<Key, Tally> tallies = new HashMap<>();
  private final Set<Tally> dirty = new LinkedHashSet<>();
  private long hits;

  private record Key(String indicator, long bucketStart) {}

  private static final class Tally {
    final String id;
    final String indicator;
    long count;
    Instant firstSeen;
    Instant lastSeen;
    final List<String> refs = new ArrayList<>();
    final Instant created;
    Instant modified;

    Tally(String id, String indicator, Instant created) {
      this.id = id;
      this.indicator = indicator;
      this.created = created;
    }
  }

  /**
   * @param identity the {@code identity--} that sights (our organisation)
   * @param bucket the length of a time bucket, at least one second
   * @param maxRefs how many observed-data a sighting references at most, 0 or more
   * @param clock gives {@code created} and {@code modified}
   * @throws IllegalArgumentException when {@code identity} is not an identity identifier, {@code
   *     bucket} is under one second or {@code maxRefs} negative
   */
  public SightingAggregator(String identity, Duration bucket, int maxRefs, Clock clock) {
    if (!Identifiers.isValid(identity, "identity")) {
      throw new IllegalArgumentException(
          "where_sighted_refs needs an identity--UUID identifier, got " + identity);
    }
    if (bucket.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("bucket must be at least 1 second, got " + bucket);
    }
    if (maxRefs < 0) {
      throw new IllegalArgumentException("maxRefs must be 0 or more, got " + maxRefs);
    }
    this.identity = identity;
    this.bucket = bucket;
    this.bucketMillis = bucket.toMillis();
    this.maxRefs = maxRefs;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts one hit.
   *
   * @param indicatorId the indicator that matched
   * @param observedDataIds the observed-data that satisfied it (one for an atomic pattern)
   * @param firstObserved the earliest {@code first_observed} of those observations
   * @param lastObserved the latest {@code last_observed}
   * @return the observed-data identifiers that the sighting references from now on (its evidence
   *     that the caller should publish with it), possibly none
   * @throws IllegalArgumentException when {@code lastObserved} is before {@code firstObserved}
   */
  public List<String> record(
      String indicatorId,
      List<String> observedDataIds,
      Instant firstObserved,
      Instant lastObserved) {
    if (lastObserved.isBefore(firstObserved)) {
      throw new IllegalArgumentException(
          "hit of "
              + indicatorId
              + ": last observed "
              + lastObserved
              + " is before first observed "
              + firstObserved);
    }
    long start = Math.floorDiv(firstObserved.toEpochMilli(), bucketMillis) * bucketMillis;
    Tally t =
        tallies.computeIfAbsent(
            new Key(indicatorId, start),
            k -> new Tally(sightingId(k), k.indicator(), Instant.ofEpochMilli(k.bucketStart())));
    hits++;
    if (t.count < MAX_COUNT) {
      t.count++;
    }
    if (t.firstSeen == null || firstObserved.isBefore(t.firstSeen)) {
      t.firstSeen = firstObserved;
    }
    if (t.lastSeen == null || lastObserved.isAfter(t.lastSeen)) {
      t.lastSeen = lastObserved;
    }
    dirty.add(t);
    List<String> added = List.of();
    for (String od : observedDataIds) {
      if (t.refs.size() >= maxRefs) {
        break;
      }
      if (!t.refs.contains(od)) {
        t.refs.add(od);
        if (added.isEmpty()) {
          added = new ArrayList<>(2);
        }
        added.add(od);
      }
    }
    return added;
  }

  /** Hits recorded so far. */
  public long hits() {
    return hits;
  }

  /** Sightings so far (one per indicator and bucket). */
  public int size() {
    return tallies.size();
  }

  public Duration bucket() {
    return bucket;
  }

  /**
   * A new version of every sighting that received hits since the previous call, ordered by
   * identifier; each is a valid STIX 2.1 sighting.
   */
  public List<StixObject> changed() {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<Tally> list = new ArrayList<>(dirty);
    dirty.clear();
    list.sort(Comparator.comparing(t -> t.id));
    List<StixObject> out = new ArrayList<>(list.size());
    for (Tally t : list) {
      Instant modified = now.isBefore(t.created) ? t.created : now;
      if (t.modified != null && !modified.isAfter(t.modified)) {
        modified = t.modified.plusMillis(1);
      }
      t.modified = modified;
      out.add(StixObject.adopt(json(t)));
    }
    return out;
  }

  private ObjectNode json(Tally t) {
    ObjectNode s = StixJson.newObject();
    s.put("type", "sighting");
    s.put("spec_version", "2.1");
    s.put("id", t.id);
    s.put("created_by_ref", identity);
    s.put("created", StixTimestamp.formatMillis(t.created));
    s.put("modified", StixTimestamp.formatMillis(t.modified));
    s.put("first_seen", t.firstSeen.toString());
    s.put("last_seen", t.lastSeen.toString());
    s.put("count", t.count);
    s.put("sighting_of_ref", t.indicator);
    if (!t.refs.isEmpty()) {
      ArrayNode refs = s.putArray("observed_data_refs");
      t.refs.forEach(refs::add);
    }
    s.putArray("where_sighted_refs").add(identity);
    return s;
  }

  private String sightingId(Key k) {
    String name = identity + "|" + k.indicator() + "|" + Instant.ofEpochMilli(k.bucketStart());
    return "sighting--" + ScoIds.uuidV5(NAMESPACE, name.getBytes(StandardCharsets.UTF_8));
  }
}
