package org.detente.node.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A partner as the registry keeps it.
 *
 * @param name the partner's name in this node, 1 to 128 letters, digits, {@code .}, {@code _} or
 *     {@code -}
 * @param identityId the id of the partner's STIX identity
 * @param publicKey the partner's Ed25519 public key, X.509 SubjectPublicKeyInfo in PEM
 * @param taxiiUrl the partner's TAXII server (its discovery or API root URL)
 * @param account the local TAXII account the partner reads with, if any
 * @param agreement the TOML text of the partner's sharing agreement, if any
 * @param remoteUser the user name for the partner's server (HTTP Basic), empty for an API key
 * @param remoteSecret the sealed credential for the partner's server, if any (never clear text)
 */
public record StoredPartner(
    String name,
    String identityId,
    String publicKey,
    String taxiiUrl,
    Optional<String> account,
    Optional<String> agreement,
    Optional<String> remoteUser,
    Optional<String> remoteSecret) {
  /**
   * @throws IllegalArgumentException when the name is not of the allowed form
   */
  public StoredPartner {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identityId, "identityId");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(taxiiUrl, "taxiiUrl");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(agreement, "agreement");
    Objects.requireNonNull(remoteUser, "remoteUser");
    Objects.requireNonNull(remoteSecret, "remoteSecret");
    if (!name.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "partner name must be 1 to 128 of A-Z a-z 0-9 . _ -, got '"
              + name.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
  }
}
