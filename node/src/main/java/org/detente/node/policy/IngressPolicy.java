package org.detente.node.policy;

import java.util.Objects;
import java.util.Optional;
import org.detente.stix.StixObject;

/**
 * What a partner may not write into this node, whatever collection it writes to: objects that
 * impersonate this node or another partner. Every path by which a partner's objects enter calls
 * {@link #refusal} on each object, after the STIX rules: objects it posts to this node's TAXII
 * server (its pushes) and objects this node pulls from it. A refused object is not stored and the
 * refusal is recorded; the other objects of the same envelope or page go on.
 *
 * <p>Sharing agreements say only what leaves a node; they hold no inbound rule. What a partner may
 * write is therefore decided by the collection rights of the account it writes with (TAXII), or by
 * the pull route's local collection (federation), plus these rules, which no agreement can relax:
 *
 * <ol>
 *   <li>{@code created_by_ref} may not name this node's identity: a partner cannot make objects
 *       that claim to be ours;
 *   <li>{@code created_by_ref} may not name another registered partner's identity: a partner cannot
 *       speak for another one (the partner's own identity, or an identity this node does not know,
 *       is its business);
 *   <li>the object may not be a version of this node's identity object or of another partner's, so
 *       that no partner can rename or redescribe them.
 * </ol>
 *
 * <p>Thread-safe and immutable.
 */
public final class IngressPolicy {
  private final Optional<String> ourIdentity;

  /**
   * @param ourIdentity this node's identity id; empty for a node without one ({@code detente init}
   *     not run), which then only refuses impersonation of its partners
   */
  public IngressPolicy(Optional<String> ourIdentity) {
    this.ourIdentity = Objects.requireNonNull(ourIdentity, "ourIdentity");
  }

  /**
   * Why {@code object}, written by partner {@code from}, may not enter this node; empty when it
   * may. The reason names the object, the property and the identity it claims.
   */
  public Optional<String> refusal(Recipient from, StixObject object) {
    Optional<String> creator = object.string("created_by_ref");
    if (creator.isPresent()) {
      String c = creator.get();
      if (ourIdentity.filter(c::equals).isPresent()) {
        return Optional.of(
            "created_by_ref names this node's identity "
                + c
                + ": partner '"
                + from.partner()
                + "' may not write objects in this node's name");
      }
      if (from.otherPartners().contains(c)) {
        return Optional.of(
            "created_by_ref names "
                + c
                + ", the identity of another partner of this node: partner '"
                + from.partner()
                + "' may not write objects in another partner's name");
      }
    }
    String id = object.id();
    if (ourIdentity.filter(id::equals).isPresent()) {
      return Optional.of(
          "it is a version of this node's identity object: partner '"
              + from.partner()
              + "' may not write it");
    }
    if (from.otherPartners().contains(id)) {
      return Optional.of(
          "it is a version of another partner's identity object: partner '"
              + from.partner()
              + "' may not write it");
    }
    return Optional.empty();
  }
}
