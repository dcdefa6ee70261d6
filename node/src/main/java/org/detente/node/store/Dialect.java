package org.detente.node.store;

/** The SQL that differs between the two databases; everything else is shared. */
enum Dialect {
  SQLITE("classpath:db/sqlite", "SELECT ckey, last_added FROM collection WHERE id = ?"),
  POSTGRES(
      "classpath:db/postgresql", "SELECT ckey, last_added FROM collection WHERE id = ? FOR UPDATE");

  /** Where the Flyway migrations of this dialect are. */
  final String migrations;

  /**
   * Reads a collection's key and date_added counter inside a writing transaction, locking the row
   * until commit where the database has row locks (SQLite has a single writer instead).
   */
  final String lockCollection;

  Dialect(String migrations, String lockCollection) {
    this.migrations = migrations;
    this.lockCollection = lockCollection;
  }
}
