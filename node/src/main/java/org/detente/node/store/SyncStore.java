package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What federation keeps in the store's database: checkpoints per partner and route, the nonces of
 * signed envelopes received (replay protection) and what was refused from partners. Obtain it with
 * {@link Store#sync()}. Thread-safe.
 */
public interface SyncStore {
  /**
   * What a checkpoint or a refusal is about: pull (objects coming in from a partner, pulled from
   * its collection or pushed by it into ours), push (objects going out to a partner) or audit (the
   * exchange of signed chain heads and audit exports with a partner; refusals only).
   */
  enum Direction {
    PULL,
    PUSH,
    AUDIT;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The checkpoint of a route: the {@code date_added} after which the next walk starts.
   *
   * @param source the collection read: the partner's (pull) or the local one (push)
   * @param target the collection written: the local one (pull) or the partner's (push)
   * @throws StoreException when the database fails
   */
  Optional<Instant> checkpoint(String partner, Direction direction, String source, String target);

  /**
   * Moves the checkpoint of a route forward to {@code position}; a position at or before the stored
   * one changes nothing, so a checkpoint never goes back.
   *
   * @throws StoreException when the database fails
   */
  void advance(String partner, Direction direction, String source, String target, Instant position);

  /**
   * Records the nonce of a signed envelope received from {@code signer}, kept until {@code
   * expires}; expired nonces are forgotten on the way.
   *
   * @return false when the nonce is already recorded for this signer: the envelope is a replay
   * @throws StoreException when the database fails
   */
  boolean firstUse(String signer, String nonce, Instant expires, Instant now);

  /**
   * Records something refused from a partner.
   *
   * @throws StoreException when the database fails
   */
  void reject(String partner, Direction direction, Instant at, String reason);

  /**
   * Records several refusals from a partner in one transaction (for example the refused objects of
   * one envelope or page); nothing when {@code reasons} is empty.
   *
   * @throws StoreException when the database fails
   */
  void rejectAll(String partner, Direction direction, Instant at, List<String> reasons);

  /** A refusal as recorded. */
  record Rejection(String partner, Direction direction, Instant at, String reason) {}

  /**
   * The refusals recorded for a partner, oldest first, at most {@code limit}.
   *
   * @throws StoreException when the database fails
   */
  List<Rejection> rejections(String partner, int limit);
}
