package org.detente.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@link StatusStore} in the table {@code taxii_status}. */
final class JdbcStatuses implements StatusStore {
  private final JdbcStore store;

  JdbcStatuses(JdbcStore store) {
    this.store = store;
  }

  @Override
  public void putStatus(String id, String owner, Instant expires, String json, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(json, "json");
    store.write(
        "put status " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM taxii_status WHERE expires < ?")) {
            ps.setLong(1, Micros.of(now));
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO taxii_status (id, owner, expires, body) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET owner = excluded.owner,"
                      + " expires = excluded.expires, body = excluded.body")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setLong(3, Micros.of(expires));
            ps.setString(4, json);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> status(String id, String owner, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    return store.read(
        "read status " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body FROM taxii_status WHERE id = ? AND owner = ? AND expires >= ?")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setLong(3, Micros.of(now));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }
}
