package org.detente.node.store;

import java.util.Objects;

/** Opens stores. */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store described by {@code config}, creating or migrating its schema first.
   *
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static Store open(StoreConfig config) {
    Objects.requireNonNull(config, "config");
    return switch (config) {
      case StoreConfig.Sqlite s -> JdbcStore.openSqlite(s);
      case StoreConfig.Postgres p -> JdbcStore.openPostgres(p);
    };
  }
}
