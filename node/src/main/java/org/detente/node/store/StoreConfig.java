package org.detente.node.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where a store keeps its data. Open one with {@link Stores#open}. */
public sealed interface StoreConfig {
  /**
   * The embedded store: one SQLite file {@code detente.db} in {@code dataDir}.
   *
   * @param dataDir the directory of the database file, created when missing
   */
  record Sqlite(Path dataDir) implements StoreConfig {
    public Sqlite {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The database file. */
    public Path file() {
      return dataDir.resolve("detente.db");
    }
  }

  /**
   * A PostgreSQL database.
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL
   * @param user the user, or empty to take it from the URL
   * @param password the password, or empty to take it from the URL (or for trust authentication)
   * @param schema the schema holding the tables, created when missing; empty for {@code public}
   * @param poolSize the most connections the store opens
   */
  record Postgres(
      String jdbcUrl,
      Optional<String> user,
      Optional<String> password,
      Optional<String> schema,
      int poolSize)
      implements StoreConfig {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL, the schema is not
     *     a lower-case SQL identifier, or the pool size is outside 1 to 100
     */
    public Postgres {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(schema, "schema");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("not a jdbc:postgresql: URL: " + redacted(jdbcUrl));
      }
      schema.ifPresent(
          s -> {
            if (!SCHEMA.matcher(s).matches()) {
              throw new IllegalArgumentException(
                  "schema must match " + SCHEMA.pattern() + ", got '" + s + "'");
            }
          });
      if (poolSize < 1 || poolSize > 100) {
        throw new IllegalArgumentException("pool size must be 1 to 100, got " + poolSize);
      }
    }

    /** The same database in another schema. */
    public Postgres withSchema(String value) {
      return new Postgres(jdbcUrl, user, password, Optional.of(value), poolSize);
    }

    @Override
    public String toString() {
      return "Postgres["
          + redacted(jdbcUrl)
          + ", user="
          + user.orElse("(from URL)")
          + ", schema="
          + schema.orElse("public")
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /** The embedded SQLite store in {@code dataDir}. */
  static StoreConfig sqlite(Path dataDir) {
    return new Sqlite(dataDir);
  }

  /**
   * A PostgreSQL store in the {@code public} schema with a pool of 10 connections.
   *
   * @param user the user, or null to take it from the URL
   * @param password the password, or null
   */
  static Postgres postgres(String jdbcUrl, String user, String password) {
    return new Postgres(
        jdbcUrl, Optional.ofNullable(user), Optional.ofNullable(password), Optional.empty(), 10);
  }

  /**
   * The URL with the value of any {@code password} parameter replaced by {@code ***}, for messages
   * and logs: a password given in the URL must never be printed.
   */
  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
