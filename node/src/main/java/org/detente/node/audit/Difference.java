package org.detente.node.audit;

import java.util.Objects;
import java.util.Optional;
import org.detente.node.store.AuditRecord.Direction;

/**
 * One disagreement between our audit entries for a partner and the partner's entries for us.
 *
 * @param kind which side lacks the object, or that both have it with different content
 * @param direction the direction from our side: {@code OUT} for what we sent (they received),
 *     {@code IN} for what we received (they sent)
 * @param objectId the object's id
 * @param objectVersion its version, empty for objects without one
 * @param ours the content hash(es) in our record, empty when we have none
 * @param theirs the content hash(es) in theirs, empty when they have none
 */
public record Difference(
    Kind kind,
    Direction direction,
    String objectId,
    Optional<String> objectVersion,
    Optional<String> ours,
    Optional<String> theirs) {
  public Difference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(objectVersion, "objectVersion");
    Objects.requireNonNull(ours, "ours");
    Objects.requireNonNull(theirs, "theirs");
  }

  /** The kinds of difference. */
  public enum Kind {
    /** In our record only. */
    OURS_ONLY,
    /** In their record only. */
    THEIRS_ONLY,
    /** In both, with different content hashes. */
    HASH_MISMATCH
  }

  /** One line for people: what happened to which object. */
  public String describe() {
    String what =
        switch (kind) {
          case OURS_ONLY ->
              direction == Direction.OUT
                  ? "sent but not received: we sent it, they have no record of receiving it"
                  : "received but not sent: we received it, they have no record of sending it";
          case THEIRS_ONLY ->
              direction == Direction.OUT
                  ? "received by them but not sent: they record receiving it, we have no record of"
                      + " sending it"
                  : "sent by them but not received: they record sending it, we have no record of"
                      + " receiving it";
          case HASH_MISMATCH ->
              "content differs ("
                  + (direction == Direction.OUT ? "we sent" : "we received")
                  + " sha256 "
                  + ours.orElse("-")
                  + ", their record has "
                  + theirs.orElse("-")
                  + ")";
        };
    return objectId + " version " + objectVersion.orElse("(none)") + ": " + what;
  }
}
