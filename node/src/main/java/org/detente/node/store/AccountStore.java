package org.detente.node.store;

import java.util.List;
import java.util.Optional;

/**
 * The accounts of the node's TAXII server, kept in the store's database. Obtain it with {@link
 * Store#accounts()}. Thread-safe.
 */
public interface AccountStore {
  /**
   * Creates an account or replaces the password hash and rights of an existing one; its API keys
   * are kept.
   *
   * @throws StoreException when the database fails
   */
  void putAccount(StoredAccount account);

  /**
   * The account with this name, or empty. One SQL statement.
   *
   * @throws StoreException when the database fails
   */
  Optional<StoredAccount> account(String name);

  /**
   * The account holding the API key with this SHA-256 hash (lower-case hex), or empty. One SQL
   * statement.
   *
   * @throws StoreException when the database fails
   */
  Optional<StoredAccount> accountByKey(String keyHash);

  /**
   * Every account, by name.
   *
   * @throws StoreException when the database fails
   */
  List<StoredAccount> accounts();

  /**
   * Deletes an account with its rights and API keys.
   *
   * @return false when there was no such account
   * @throws StoreException when the database fails
   */
  boolean deleteAccount(String name);

  /**
   * Adds an API key, given as the SHA-256 hash of the key (lower-case hex), to an account.
   *
   * @return false when there is no such account (nothing is written)
   * @throws StoreException when the database fails
   */
  boolean addKey(String name, String keyHash);
}
