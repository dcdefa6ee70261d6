package org.detente.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status resource (TAXII 2.1 section 4.3.1): what became of the objects of one add request.
 *
 * <p>The counts are those of the whole request; the lists name the objects. {@code success_count +
 * failure_count + pending_count = total_count} always holds, and each list is no longer than its
 * count.
 *
 * @param id the status identifier
 * @param status {@code complete} when no object is pending, else {@code pending}
 * @param requestTimestamp {@code request_timestamp}: when the request was received
 * @param totalCount {@code total_count}: objects in the request
 * @param successCount {@code success_count}
 * @param successes {@code successes}
 * @param failureCount {@code failure_count}
 * @param failures {@code failures}, each with a message giving the reason
 * @param pendingCount {@code pending_count}
 * @param pendings {@code pendings}
 */
public record Status(
    String id,
    State status,
    Optional<Instant> requestTimestamp,
    long totalCount,
    long successCount,
    List<StatusDetail> successes,
    long failureCount,
    List<StatusDetail> failures,
    long pendingCount,
    List<StatusDetail> pendings) {

  /** The {@code status} property. */
  public enum State {
    COMPLETE("complete"),
    PENDING("pending");

    private final String json;

    State(String json) {
      this.json = json;
    }

    /** The value as TAXII writes it. */
    public String json() {
      return json;
    }

    static State of(String text) {
      for (State s : values()) {
        if (s.json.equals(text)) {
          return s;
        }
      }
      throw new TaxiiFormatException(
          "status: property 'status' must be complete or pending, got '" + text + "'");
    }
  }

  /**
   * @throws IllegalArgumentException when the counts do not add up, a list is longer than its
   *     count, or the state does not agree with the pending count
   */
  public Status {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestTimestamp, "requestTimestamp");
    successes = List.copyOf(successes);
    failures = List.copyOf(failures);
    pendings = List.copyOf(pendings);
    if (totalCount < 0 || successCount < 0 || failureCount < 0 || pendingCount < 0) {
      throw new IllegalArgumentException("status " + id + ": counts must not be negative");
    }
    if (successCount + failureCount + pendingCount != totalCount) {
      throw new IllegalArgumentException(
          "status "
              + id
              + ": success_count "
              + successCount
              + " + failure_count "
              + failureCount
              + " + pending_count "
              + pendingCount
              + " != total_count "
              + totalCount);
    }
    if (successes.size() > successCount
        || failures.size() > failureCount
        || pendings.size() > pendingCount) {
      throw new IllegalArgumentException(
          "status " + id + ": a detail list is longer than its count");
    }
    if ((status == State.COMPLETE) != (pendingCount == 0)) {
      throw new IllegalArgumentException(
          "status " + id + ": " + status.json + " with pending_count " + pendingCount);
    }
  }

  /** A complete status listing every object. */
  public static Status complete(
      String id,
      Instant requestTimestamp,
      List<StatusDetail> successes,
      List<StatusDetail> failures) {
    return new Status(
        id,
        State.COMPLETE,
        Optional.of(requestTimestamp),
        successes.size() + failures.size(),
        successes.size(),
        successes,
        failures.size(),
        failures,
        0,
        List.of());
  }

  public ObjectNode toJson() {
    ObjectNode o = TaxiiJson.object();
    o.put("id", id);
    o.put("status", status.json);
    requestTimestamp.ifPresent(t -> o.put("request_timestamp", TaxiiJson.timestamp(t)));
    o.put("total_count", totalCount);
    o.put("success_count", successCount);
    details(o, "successes", successes);
    o.put("failure_count", failureCount);
    details(o, "failures", failures);
    o.put("pending_count", pendingCount);
    details(o, "pendings", pendings);
    return o;
  }

  private static void details(ObjectNode o, String name, List<StatusDetail> list) {
    if (!list.isEmpty()) {
      ArrayNode a = o.putArray(name);
      list.forEach(d -> a.add(d.toJson()));
    }
  }

  /**
   * @throws TaxiiFormatException when {@code json} is not a status resource
   */
  public static Status fromJson(JsonNode json) {
    TaxiiJson.Fields f = TaxiiJson.Fields.of("status", json);
    try {
      return new Status(
          f.string("id"),
          State.of(f.string("status")),
          f.optionalTimestamp("request_timestamp"),
          f.integer("total_count"),
          f.integer("success_count"),
          details(f, "successes"),
          f.integer("failure_count"),
          details(f, "failures"),
          f.integer("pending_count"),
          details(f, "pendings"));
    } catch (IllegalArgumentException e) {
      throw e instanceof TaxiiFormatException t ? t : new TaxiiFormatException(e.getMessage(), e);
    }
  }

  private static List<StatusDetail> details(TaxiiJson.Fields f, String name) {
    List<StatusDetail> out = new ArrayList<>();
    for (JsonNode d : f.objects(name, false)) {
      out.add(StatusDetail.fromJson(d));
    }
    return out;
  }
}
