package org.detente.node.service;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated requester and its rights.
 *
 * @param name the account name
 * @param canRead the collections it may read
 * @param canWrite the collections it may add to and delete from
 */
public record Account(String name, Set<String> canRead, Set<String> canWrite) {
  public Account {
    Objects.requireNonNull(name, "name");
    canRead = Set.copyOf(canRead);
    canWrite = Set.copyOf(canWrite);
  }

  /**
   * Whether the account may see the collection at all. A collection it may neither read nor write
   * is, for this account, a collection that does not exist.
   */
  public boolean sees(String collectionId) {
    return canRead.contains(collectionId) || canWrite.contains(collectionId);
  }
}
