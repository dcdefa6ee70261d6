package org.detente.node.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.CanonicalWriter;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * An object ready to be written: everything the store computes from the object alone, or the reason
 * it is rejected before touching the database. It keeps no reference to the parsed object: batches
 * wait in queues between the reading and the writing thread, and the parsed tree is several times
 * the size of the stored text.
 *
 * @param id the object's id
 * @param type the object's type
 * @param idHash {@link KeyHash} of the id
 * @param version {@code modified}, else {@code created}, as written
 * @param versionKey {@link StixTimestamp#sortKey} of the version, {@code ""} without a version
 * @param body the serialised object as stored, in UTF-8: its RFC 8785 canonical form, unless it
 *     holds a number that form would change (a fraction, or an integer beyond 2^53), which is then
 *     stored as parsed. Kept as bytes: SQLite takes them as they are, and the text is only needed
 *     where a stored version is compared or PostgreSQL's COPY is fed
 * @param sha256 the SHA-256 of the object's canonical JSON, lower-case hex: the content hash of the
 *     audit record ({@link AuditRecord#contentHash}), computed from the same bytes
 * @param observables the observable values the object mentions
 * @param rejection why the object cannot be stored, or null
 */
record PreparedObject(
    String id,
    String type,
    long idHash,
    Optional<String> version,
    String versionKey,
    String specVersion,
    byte[] body,
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
            o.id(),
            o.type(),
            0,
            version,
            "",
            "",
            new byte[0],
            "",
            List.of(),
            "version '" + version.get() + "' is not a STIX timestamp");
      }
      key = StixTimestamp.sortKey(t.get());
    }
    CanonicalWriter canonical = CanonicalWriter.forThread().value(o);
    byte[] body =
        canonical.numbersExact()
            ? canonical.toByteArray()
            : o.toJson().getBytes(StandardCharsets.UTF_8);
    return new PreparedObject(
        o.id(),
        o.type(),
        KeyHash.of(o.id()),
        version,
        key,
        o.specVersion().orElse("2.1"),
        body,
        canonical.sha256Hex(),
        observables.of(o),
        null);
  }

  /** The stored text ({@link #body} decoded). */
  String json() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The object, parsed again from {@link #body}: only where two versions are compared. */
  StixObject parse() {
    return StixObject.parse(json());
  }
}
