package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.CanonicalWriter;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * An object ready to be written: everything the store computes from the object alone, or the reason
 * it is rejected before touching the database.
 *
 * @param idHash {@link KeyHash} of the id
 * @param version {@code modified}, else {@code created}, as written
 * @param versionKey {@link StixTimestamp#sortKey} of the version, {@code ""} without a version
 * @param json the serialised object, as stored: its RFC 8785 canonical form, unless it holds a
 *     number that form would change (a fraction, or an integer beyond 2^53), which is then stored
 *     as parsed
 * @param sha256 the SHA-256 of the object's canonical JSON, lower-case hex: the content hash of the
 *     audit record ({@link AuditRecord#contentHash}), computed from the same bytes
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
    String sha256,
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
            "",
            List.of(),
            "version '" + version.get() + "' is not a STIX timestamp");
      }
      key = StixTimestamp.sortKey(t.get());
    }
    CanonicalWriter canonical = CanonicalWriter.forThread().value(o);
    String json = canonical.numbersExact() ? canonical.text() : o.toJson();
    return new PreparedObject(
        o,
        KeyHash.of(o.id()),
        version,
        key,
        o.specVersion().orElse("2.1"),
        json,
        canonical.sha256Hex(),
        observables.of(o),
        null);
  }
}
