package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.CanonicalWriter;
import org.detente.stix.StixTimestamp;

/**
 * One entry of the audit record exactly as stored, chained to the one before it. Values are kept as
 * read from the database, unchecked, so that a verifier sees a tampered entry as it is; {@code
 * previous} is not stored on its own but read back as the stored hash of the entry before (see
 * {@link JdbcAudit#scan}).
 *
 * <h2>The entry hash</h2>
 *
 * <p>{@code hash} is the SHA-256, written as 64 lower-case hex digits, of the UTF-8 bytes of the
 * RFC 8785 canonical JSON of this object (members in this order, which is the canonical one; no
 * whitespace):
 *
 * <pre>{@code
 * {"agreement":A,"direction":D,"object_id":I,"object_version":V,"party":P,
 *  "previous":H,"sequence":N,"sha256":S,"time":T}
 * }</pre>
 *
 * <ul>
 *   <li>{@code A}: the agreement version as a string, or {@code null};
 *   <li>{@code D}: {@code "in"} or {@code "out"};
 *   <li>{@code I}: the object id; {@code V}: its version as written in the object, or {@code null};
 *   <li>{@code P}: the party (a partner, or a local source: {@code import}, {@code export}, {@code
 *       taxii:ACCOUNT});
 *   <li>{@code H}: the {@code hash} of the entry with sequence {@code N - 1}, or 64 zeros ({@link
 *       #GENESIS}) for the first entry;
 *   <li>{@code N}: the sequence number, an integer counting from 1 without gaps;
 *   <li>{@code S}: the SHA-256 of the object's canonical JSON, lower-case hex;
 *   <li>{@code T}: the time as {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, always six fraction digits,
 *       UTC.
 * </ul>
 *
 * <p>Strings are escaped as RFC 8785 says (that is, as ECMAScript's {@code JSON.stringify}: {@code
 * \"}, {@code \\}, {@code \b \f \n \r \t}, other characters below U+0020 as {@code \}{@code u00xx}
 * with lower-case hex; everything else as itself). Any RFC 8785 implementation fed the object above
 * produces the same bytes, so a partner can verify a chain without our code.
 *
 * @param sequence the position in the chain, from 1
 * @param direction {@code in} or {@code out}
 * @param timeMicros the time in microseconds since 1970-01-01T00:00:00Z
 * @param previous the hash of the previous entry
 * @param hash this entry's hash, as stored
 */
public record AuditEntry(
    long sequence,
    String direction,
    String party,
    Optional<String> agreement,
    String objectId,
    Optional<String> objectVersion,
    String sha256,
    long timeMicros,
    String previous,
    String hash) {
  /** The {@code previous} of the first entry: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEntry {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(agreement, "agreement");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(objectVersion, "objectVersion");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * The entry that appends {@code record} at {@code sequence} after an entry hashed {@code
   * previous}.
   */
  static AuditEntry seal(long sequence, AuditRecord record, String previous) {
    long micros = Micros.of(record.time());
    AuditEntry unsealed =
        new AuditEntry(
            sequence,
            record.direction().wire(),
            record.party(),
            record.agreement(),
            record.objectId(),
            record.objectVersion(),
            record.sha256(),
            micros,
            previous,
            "");
    return unsealed.withHash(unsealed.computedHash());
  }

  private AuditEntry withHash(String h) {
    return new AuditEntry(
        sequence,
        direction,
        party,
        agreement,
        objectId,
        objectVersion,
        sha256,
        timeMicros,
        previous,
        h);
  }

  /** The time as an instant. */
  public Instant time() {
    return Micros.toInstant(timeMicros);
  }

  /** The canonical JSON text that {@link #hash} is computed over (see the class documentation). */
  public String canonicalText() {
    return writeCanonical(CanonicalWriter.forThread()).text();
  }

  /** The hash this entry should have, recomputed from its other fields. */
  public String computedHash() {
    return writeCanonical(CanonicalWriter.forThread()).sha256Hex();
  }

  /** Writes {@link #canonicalText} straight to UTF-8 bytes; the members are in canonical order. */
  private CanonicalWriter writeCanonical(CanonicalWriter w) {
    w.raw("{\"agreement\":").stringOrNull(agreement.orElse(null));
    w.raw(",\"direction\":").string(direction);
    w.raw(",\"object_id\":").string(objectId);
    w.raw(",\"object_version\":").stringOrNull(objectVersion.orElse(null));
    w.raw(",\"party\":").string(party);
    w.raw(",\"previous\":").string(previous);
    w.raw(",\"sequence\":").number(sequence);
    w.raw(",\"sha256\":").string(sha256);
    w.raw(",\"time\":").string(StixTimestamp.formatMicros(time()));
    return w.raw('}');
  }
}
