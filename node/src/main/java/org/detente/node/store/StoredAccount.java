package org.detente.node.store;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An account of the node's TAXII server as the store keeps it. Secrets are never stored: only the
 * password's PBKDF2 hash, and API keys as SHA-256 hashes ({@link AccountStore#addKey}).
 *
 * @param name the account name, 1 to 128 characters without control characters or {@code :}
 * @param passwordHash the password hash string, empty for an account that uses API keys only
 * @param canRead the ids of the collections the account may read
 * @param canWrite the ids of the collections the account may add objects to and delete from
 * @param apiKeys how many API keys the account has (ignored by {@link AccountStore#putAccount})
 */
public record StoredAccount(
    String name,
    Optional<String> passwordHash,
    Set<String> canRead,
    Set<String> canWrite,
    int apiKeys) {
  /**
   * @throws IllegalArgumentException when the name is empty, longer than 128 characters, or holds a
   *     control character or a colon (which HTTP Basic credentials cannot carry)
   */
  public StoredAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(passwordHash, "passwordHash");
    canRead = Set.copyOf(canRead);
    canWrite = Set.copyOf(canWrite);
    if (name.isEmpty()
        || name.length() > 128
        || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || ch == ':')) {
      throw new IllegalArgumentException(
          "account name must be 1 to 128 characters without control characters or ':', got '"
              + name.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
  }
}
