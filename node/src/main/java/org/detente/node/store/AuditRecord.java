package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.detente.stix.CanonicalJson;
import org.detente.stix.StixObject;

/**
 * One object that entered or left the node, to be appended to the audit record ({@link
 * AuditStore#append}, {@link Store.BulkAdd#audit}); the store adds the sequence number and the
 * hashes that chain it ({@link AuditEntry}).
 *
 * @param direction whether the object entered or left the node
 * @param party who it came from or went to: a partner, or a local source such as {@code import},
 *     {@code export} or {@code taxii:ACCOUNT} (1 to 256 characters)
 * @param agreement the version of the sharing agreement it travelled under, if any
 * @param objectId the object's id
 * @param objectVersion the object's version ({@code modified}, else {@code created}); empty for
 *     objects without one
 * @param sha256 the SHA-256 of the object's canonical JSON (RFC 8785), lower-case hex; see {@link
 *     #contentHash}
 * @param time when it crossed
 */
public record AuditRecord(
    Direction direction,
    String party,
    Optional<String> agreement,
    String objectId,
    Optional<String> objectVersion,
    String sha256,
    Instant time) {

  /** The longest party name or agreement version, in characters. */
  public static final int MAX_NAME = 256;

  /**
   * @throws IllegalArgumentException when the party is empty or longer than {@value #MAX_NAME}
   *     characters, or the hash is not 64 lower-case hex digits
   */
  public AuditRecord {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(agreement, "agreement");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(objectVersion, "objectVersion");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(time, "time");
    if (party.isEmpty() || party.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "party must be 1 to " + MAX_NAME + " characters, got " + party.length());
    }
    if (agreement.isPresent() && agreement.get().length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "agreement version must be at most "
              + MAX_NAME
              + " characters, got "
              + agreement.get().length());
    }
    if (objectId.isEmpty()) {
      throw new IllegalArgumentException("objectId is empty");
    }
    if (!isSha256Hex(sha256)) {
      throw new IllegalArgumentException(
          "sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
    }
  }

  /** The digits '0'..'9' and 'a'..'f' as bits 0..54 counted from '0'. */
  private static final long HEX_DIGITS = 0x3FFL | (0x3FL << ('a' - '0'));

  /** True when {@code s} is 64 lower-case hexadecimal digits. */
  static boolean isSha256Hex(String s) {
    if (s.length() != 64) {
      return false;
    }
    // without branches per character: digits and letters come in random order, and a branch on
    // them is mispredicted often enough to double the time of this check
    long bad = 0;
    for (int i = 0; i < 64; i++) {
      int d = s.charAt(i) - '0';
      bad |= (~(HEX_DIGITS >>> d) & 1) | (d >>> 31) | (('f' - '0' - d) >>> 31);
    }
    return bad == 0;
  }

  /** A record of {@code object} crossing in {@code direction} now-ish, without an agreement. */
  public static AuditRecord of(Direction direction, String party, StixObject object, Instant time) {
    return new AuditRecord(
        direction,
        party,
        Optional.empty(),
        object.id(),
        object.version(),
        contentHash(object),
        time);
  }

  /**
   * The SHA-256 of the object's canonical JSON (RFC 8785) as lower-case hex: what the audit record
   * keeps of the object's content, and what both sides of an exchange compute alike, however each
   * formats its JSON.
   */
  public static String contentHash(StixObject object) {
    return CanonicalJson.sha256Hex(object);
  }

  /** Whether an object entered or left the node. */
  public enum Direction {
    IN("in"),
    OUT("out");

    private final String wire;

    Direction(String wire) {
      this.wire = wire;
    }

    /** {@code in} or {@code out}: the value stored and hashed. */
    public String wire() {
      return wire;
    }

    /**
     * The direction written {@code in} or {@code out}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Direction ofWire(String s) {
      return switch (s) {
        case "in" -> IN;
        case "out" -> OUT;
        default ->
            throw new IllegalArgumentException("direction must be in or out, got '" + s + "'");
      };
    }
  }
}
