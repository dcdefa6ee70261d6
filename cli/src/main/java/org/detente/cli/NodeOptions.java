package org.detente.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoreException;
import org.detente.node.store.Stores;
import picocli.CommandLine.Option;

/**
 * Options every command that touches a node's data takes: where the data directory is and which
 * store holds the objects. The PostgreSQL password is read from the environment only, so that it
 * never appears in a process listing or a shell history.
 */
final class NodeOptions {
  static final String DEFAULT_DATA = "data";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "the node's data directory (default: ${DEFAULT-VALUE})",
      defaultValue = "${env:DETENTE_DATA:-" + DEFAULT_DATA + "}")
  Path data;

  @Option(
      names = "--store",
      paramLabel = "sqlite|postgres",
      description =
          "where objects are kept: sqlite (embedded, a file in the data directory) or postgres"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "${env:DETENTE_STORE:-sqlite}")
  String store;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "PostgreSQL JDBC URL for --store postgres, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/detente (default: $DETENTE_JDBC_URL)",
      defaultValue = "${env:DETENTE_JDBC_URL}")
  String jdbcUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "PostgreSQL user (default: $DETENTE_DB_USER, else from the URL)",
      defaultValue = "${env:DETENTE_DB_USER}")
  String dbUser;

  @Option(
      names = "--db-schema",
      paramLabel = "SCHEMA",
      description =
          "PostgreSQL schema holding the tables (default: $DETENTE_DB_SCHEMA, else public)",
      defaultValue = "${env:DETENTE_DB_SCHEMA}")
  String dbSchema;

  /** Opens the configured store, creating the data directory when needed. */
  Store open() {
    StoreConfig config =
        switch (store) {
          case "sqlite" -> {
            try {
              Files.createDirectories(data);
            } catch (java.io.IOException e) {
              throw new UserError("cannot create the data directory " + data + ": " + e, e);
            }
            yield StoreConfig.sqlite(data);
          }
          case "postgres" -> {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
              throw new UserError(
                  "--store postgres needs --jdbc-url (or DETENTE_JDBC_URL), e.g."
                      + " jdbc:postgresql://127.0.0.1:5432/detente");
            }
            try {
              StoreConfig.Postgres p =
                  StoreConfig.postgres(jdbcUrl, dbUser, System.getenv("DETENTE_DB_PASSWORD"));
              yield dbSchema == null || dbSchema.isBlank() ? p : p.withSchema(dbSchema);
            } catch (IllegalArgumentException e) {
              throw new UserError(e.getMessage(), e);
            }
          }
          default -> throw new UserError("--store must be sqlite or postgres, got '" + store + "'");
        };
    try {
      return Stores.open(config);
    } catch (StoreException e) {
      throw new UserError("cannot open the " + store + " store: " + e.getMessage(), e);
    }
  }

  /** A short description of where data goes, for messages. */
  String describe() {
    return switch (store) {
      case "postgres" ->
          "PostgreSQL "
              + Optional.ofNullable(jdbcUrl).map(StoreConfig::redacted).orElse("?")
              + Optional.ofNullable(dbSchema).map(s -> " schema " + s).orElse("");
      default -> "SQLite " + data.resolve("detente.db");
    };
  }
}
