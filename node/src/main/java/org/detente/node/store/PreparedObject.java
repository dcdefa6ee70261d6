package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * An object ready to be written: everything the store computes from the object alone, or the reason
 * it is rejected before touching the database.
 *
 * @param idHash {@link KeyHash} of the id
 * @param version {@code modified}, else {@code created}, as written
 * @param versionKey {@link StixTimestamp#sortKey} of the version, {@code ""} without a version
 * @param json the serialised object, as stored
 * @param observables the observable values the object mentions
 * @param rejection why the object cannot be stored, or null
 */
record PreparedObject(
    StixObject object,
    long idHash,
    Optional<String> version,
    String versionKey,
    String specVersion,
    String json,
    List<Observable> observables,
    String rejection) {

  static PreparedObject of(StixObject o, ObservableValues observables) {
    Objects.requireNonNull(o, "object");
    Optional<String> version = o.version();
    String key = "";
    if (version.isPresent()) {
      Optional<Instant> t = StixTimestamp.parse(version.get());
      if (t.isEmpty()) {
        return new PreparedObject(
            o,
            0,
            version,
            "",
            "",
            "",
            List.of(),
            "version '" + version.get() + "' is not a STIX timestamp");
      }
      key = StixTimestamp.sortKey(t.get());
    }
    return new PreparedObject(
        o,
        KeyHash.of(o.id()),
        version,
        key,
        o.specVersion().orElse("2.1"),
        o.toJson(),
        observables.of(o),
        null);
  }
}
