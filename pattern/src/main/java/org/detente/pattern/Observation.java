package org.detente.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.detente.stix.StixKind;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * One observation a pattern is matched against: an {@code observed-data} object (STIX 2.1 section
 * 4.13) with its time span, its count and the SCOs it carries.
 *
 * <p>{@code objects} holds the SCOs named in {@code object_refs} and, transitively, every SCO of
 * the same bundle reached through a {@code *_ref} or {@code *_refs} property of one of them (SDOs,
 * SROs and meta objects are never included). Every one of them is a candidate for an observation
 * expression; references in object paths are followed to objects of this list only.
 *
 * <p>An observation made from telemetry ({@link #deferred}) holds its SCOs as {@link Part}s and its
 * identifier as a function: the compiled matcher reads the parts' types and property values, and
 * the {@link StixObject}s (with their UUIDv5 identifiers) and the identifier are made on the first
 * call of {@link #objects()} and {@link #id()}, which for most telemetry records never comes. Both
 * forms give the same answers; an observation is safe to share between threads.
 */
public final class Observation {
  private final Supplier<String> idSource;
  private volatile String id;
  private final Instant firstObserved;
  private final Instant lastObserved;
  private final long numberObserved;
  private final List<Part> parts;
  private volatile List<StixObject> objects;

  /**
   * One SCO of an observation: its type, the strings at paths of plain properties, and the object.
   * A producer may answer {@link #text} without building the object; {@link #object} is made once
   * and kept.
   */
  public interface Part {
    /** The SCO's {@code type}. */
    String type();

    /**
     * The string reached by following the property names {@code names} (at least one) from the SCO,
     * or null when a property is absent or the value is not a string.
     */
    default String text(String[] names) {
      JsonNode n = object().property(names[0]);
      for (int i = 1; n != null && i < names.length; i++) {
        n = n.get(names[i]);
      }
      return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** The SCO, with its {@code id}; the same object on every call. */
    StixObject object();

    /** A part for an SCO already built. */
    static Part of(StixObject sco) {
      return new Built(sco);
    }
  }

  private record Built(StixObject object) implements Part {
    Built {
      Objects.requireNonNull(object, "object");
    }

    @Override
    public String type() {
      return object.type();
    }
  }

  /**
   * @param id the observed-data id
   * @param firstObserved the start of the time span
   * @param lastObserved the end of the time span, not before {@code firstObserved}
   * @param numberObserved how many times the data was observed, at least 1
   * @param objects the SCOs, the {@code object_refs} ones first, in their order
   * @throws IllegalArgumentException when the times are out of order or {@code numberObserved} is
   *     under 1
   */
  public Observation(
      String id,
      Instant firstObserved,
      Instant lastObserved,
      long numberObserved,
      List<StixObject> objects) {
    this(
        Objects.requireNonNull(id, "id"),
        null,
        firstObserved,
        lastObserved,
        numberObserved,
        objects.stream().map(Part::of).toList());
    this.objects = List.copyOf(objects);
  }

  private Observation(
      String id,
      Supplier<String> idSource,
      Instant firstObserved,
      Instant lastObserved,
      long numberObserved,
      List<Part> parts) {
    this.id = id;
    this.idSource = idSource;
    this.firstObserved = Objects.requireNonNull(firstObserved, "firstObserved");
    this.lastObserved = Objects.requireNonNull(lastObserved, "lastObserved");
    this.numberObserved = numberObserved;
    this.parts = List.copyOf(parts);
    String name = id != null ? id : "of " + parts.size() + " objects";
    if (lastObserved.isBefore(firstObserved)) {
      throw new IllegalArgumentException(
          "observation "
              + name
              + ": last_observed "
              + lastObserved
              + " is before first_observed "
              + firstObserved);
    }
    if (numberObserved < 1) {
      throw new IllegalArgumentException(
          "observation " + name + ": number_observed must be at least 1, got " + numberObserved);
    }
  }

  /**
   * An observation whose identifier and SCOs are made when first asked for.
   *
   * @param id gives the observed-data id when it is first asked for (again if two threads ask at
   *     once), the same identifier every time
   * @param parts the SCOs, as the constructor's {@code objects}
   * @throws IllegalArgumentException as the constructor
   */
  public static Observation deferred(
      Supplier<String> id,
      Instant firstObserved,
      Instant lastObserved,
      long numberObserved,
      List<Part> parts) {
    return new Observation(
        null, Objects.requireNonNull(id, "id"), firstObserved, lastObserved, numberObserved, parts);
  }

  /** The observed-data id. */
  public String id() {
    String i = id;
    if (i == null) {
      i = Objects.requireNonNull(idSource.get(), "observation id");
      id = i;
    }
    return i;
  }

  /** The start of the time span. */
  public Instant firstObserved() {
    return firstObserved;
  }

  /** The end of the time span, not before {@link #firstObserved()}. */
  public Instant lastObserved() {
    return lastObserved;
  }

  /** How many times the data was observed, at least 1. */
  public long numberObserved() {
    return numberObserved;
  }

  /** The SCOs, the {@code object_refs} ones first, in their order. */
  public List<StixObject> objects() {
    List<StixObject> o = objects;
    if (o == null) {
      List<StixObject> made = new ArrayList<>(parts.size());
      for (Part p : parts) {
        made.add(p.object());
      }
      o = List.copyOf(made);
      objects = o;
    }
    return o;
  }

  /** The SCOs as parts, in the order of {@link #objects()}. */
  public List<Part> parts() {
    return parts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observation other
        && id().equals(other.id())
        && firstObserved.equals(other.firstObserved)
        && lastObserved.equals(other.lastObserved)
        && numberObserved == other.numberObserved
        && objects().equals(other.objects());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id(), firstObserved, lastObserved, numberObserved, objects());
  }

  @Override
  public String toString() {
    return "Observation[id="
        + id()
        + ", firstObserved="
        + firstObserved
        + ", lastObserved="
        + lastObserved
        + ", numberObserved="
        + numberObserved
        + ", objects="
        + objects()
        + "]";
  }

  /**
   * Builds one observation per {@code observed-data} object of a bundle, resolving {@code
   * object_refs} (and the references of those SCOs) to the SCOs present in the bundle. References
   * to objects absent from the bundle are left unresolved.
   *
   * @param bundleObjects all objects of the bundle, in any order
   * @return the observations, in the order of their observed-data objects
   * @throws IllegalArgumentException when an observed-data object lacks a valid {@code
   *     first_observed}, {@code last_observed} or {@code number_observed}, or its times are out of
   *     order
   */
  public static List<Observation> fromBundle(List<StixObject> bundleObjects) {
    Map<String, StixObject> byId = new LinkedHashMap<>();
    for (StixObject o : bundleObjects) {
      byId.putIfAbsent(o.id(), o);
    }
    List<Observation> result = new ArrayList<>();
    for (StixObject o : bundleObjects) {
      if (o.type().equals("observed-data")) {
        result.add(of(o, byId));
      }
    }
    return List.copyOf(result);
  }

  /**
   * Builds the observations of a bundle given as JSON: a {@code bundle} object with an {@code
   * objects} array, or a bare array of objects.
   *
   * @throws IllegalArgumentException when {@code bundle} is neither, an element is not an object
   *     with string {@code type} and {@code id}, or an observed-data object is invalid as in {@link
   *     #fromBundle(List)}
   */
  public static List<Observation> fromBundle(JsonNode bundle) {
    JsonNode array = bundle.isArray() ? bundle : bundle.get("objects");
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("expected a bundle with an 'objects' array or an array");
    }
    List<StixObject> objects = new ArrayList<>();
    for (JsonNode n : array) {
      if (!(n instanceof ObjectNode obj)) {
        throw new IllegalArgumentException("bundle element is not a JSON object: " + n);
      }
      objects.add(StixObject.copyOf(obj));
    }
    return fromBundle(objects);
  }

  private static Observation of(StixObject od, Map<String, StixObject> byId) {
    Instant first = timestamp(od, "first_observed");
    Instant last = timestamp(od, "last_observed");
    JsonNode count = od.property("number_observed");
    if (count == null || !count.canConvertToLong() || !count.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "observed-data " + od.id() + ": number_observed is not an integer: " + count);
    }
    Map<String, StixObject> reached = new LinkedHashMap<>();
    Deque<String> pending = new ArrayDeque<>();
    JsonNode refs = od.property("object_refs");
    if (refs != null && refs.isArray()) {
      refs.forEach(r -> pending.add(r.asText()));
    }
    while (!pending.isEmpty()) {
      String ref = pending.poll();
      StixObject target = byId.get(ref);
      if (target == null
          || reached.containsKey(ref)
          || !(target.kind() == StixKind.SCO || target.kind() == StixKind.CUSTOM)) {
        continue;
      }
      reached.put(ref, target);
      collectRefs(target.json(), pending);
    }
    return new Observation(od.id(), first, last, count.asLong(), new ArrayList<>(reached.values()));
  }

  /** Adds every id held by a {@code *_ref} or {@code *_refs} property anywhere in {@code node}. */
  private static void collectRefs(JsonNode node, Deque<String> into) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> collectRefs(n, into));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String k = e.getKey();
        JsonNode v = e.getValue();
        if (k.endsWith("_ref") && v.isTextual()) {
          into.add(v.asText());
        } else if (k.endsWith("_refs") && v.isArray()) {
          v.forEach(r -> into.add(r.asText()));
        } else {
          collectRefs(v, into);
        }
      }
    }
  }

  private static Instant timestamp(StixObject od, String name) {
    return od.string(name)
        .flatMap(StixTimestamp::parse)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "observed-data "
                        + od.id()
                        + ": "
                        + name
                        + " is not a STIX timestamp: "
                        + od.property(name)));
  }
}
