package org.detente.node.store;

import java.util.List;

/**
 * The partners registry, kept in the store's database. Obtain it with {@link Store#partners()}.
 * Thread-safe.
 */
public interface PartnerStore {
  /**
   * Registers a partner.
   *
   * @return false when a partner with this name, identity or account exists (nothing is written)
   * @throws StoreException when the database fails
   */
  boolean addPartner(StoredPartner partner);

  /**
   * Every partner, by name. One SQL statement.
   *
   * @throws StoreException when the database fails
   */
  List<StoredPartner> partners();

  /**
   * Replaces a partner's agreement text, only while it is still {@code expected} (empty: none), so
   * that two concurrent updates cannot both succeed.
   *
   * @return false when there is no such partner or its agreement changed meanwhile
   * @throws StoreException when the database fails
   */
  boolean replaceAgreement(String name, java.util.Optional<String> expected, String agreement);

  /**
   * Removes a partner.
   *
   * @return false when there was no such partner
   * @throws StoreException when the database fails
   */
  boolean removePartner(String name);
}
