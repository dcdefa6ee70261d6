package org.detente.node.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A partner as the egress decision sees it.
 *
 * @param partner the partner's name in the registry
 * @param identityId the id of the partner's STIX identity
 * @param agreement the partner's sharing agreement; empty when it has none, and then nothing is
 *     released to it
 * @param otherPartners the identity ids of every other registered partner: what the partner must
 *     not learn unless its agreement reveals partners
 */
public record Recipient(
    String partner,
    String identityId,
    Optional<SharingAgreement> agreement,
    Set<String> otherPartners) {
  public Recipient {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(identityId, "identityId");
    Objects.requireNonNull(agreement, "agreement");
    otherPartners = Set.copyOf(otherPartners);
  }
}
