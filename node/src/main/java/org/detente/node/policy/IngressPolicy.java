package org.detente.node.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
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
 *       that no partner can rename or redescribe them;
 *   <li>the object may not be a new version of an object whose versions stored in the collection
 *       written name this node or another partner in {@code created_by_ref}: STIX 2.1 lets only an
 *       object's creator version it, and a version that leaves {@code created_by_ref} out or names
 *       someone else does not make the partner the creator ({@link #refuseVersionsOfOthers}, with
 *       the creators read by {@link org.detente.node.store.Store#creators} just before the write; a
 *       version this node writes between the two is not seen).
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
      if (isOurs(c)) {
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
    if (isOurs(id)) {
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

  private boolean isOurs(String identityId) {
    return ourIdentity.filter(identityId::equals).isPresent();
  }

  /**
   * Rule 4 for objects partner {@code from} writes into one collection: removes from {@code
   * objects} each one whose id has stored versions naming this node or another partner as creator,
   * and hands it to {@code refused} with the reason.
   *
   * @param storedCreators {@link org.detente.node.store.Store#creators} of the objects' ids in the
   *     collection written
   */
  public void refuseVersionsOfOthers(
      Recipient from,
      List<StixObject> objects,
      Map<String, Set<String>> storedCreators,
      BiConsumer<StixObject, String> refused) {
    objects.removeIf(
        o -> {
          for (String creator : storedCreators.getOrDefault(o.id(), Set.of())) {
            String whose;
            if (isOurs(creator)) {
              whose = "this node (" + creator + ")";
            } else if (from.otherPartners().contains(creator)) {
              whose = "another partner of this node (" + creator + ")";
            } else {
              continue;
            }
            refused.accept(
                o,
                "it is a new version of an object created by "
                    + whose
                    + ": only an object's creator may version it (STIX 2.1), so partner '"
                    + from.partner()
                    + "' may not write it");
            return true;
          }
          return false;
        });
  }
}
