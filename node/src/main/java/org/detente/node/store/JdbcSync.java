package org.detente.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SyncStore} in the tables {@code sync_checkpoint}, {@code sync_nonce}, {@code
 * sync_rejection}.
 */
final class JdbcSync implements SyncStore {
  private final JdbcStore store;

  JdbcSync(JdbcStore store) {
    this.store = store;
  }

  @Override
  public Optional<Instant> checkpoint(
      String partner, Direction direction, String source, String target) {
    return store.read(
        "read the " + direction.word() + " checkpoint of partner " + partner,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT position FROM sync_checkpoint WHERE partner = ? AND direction = ?"
                      + " AND source = ? AND target = ?")) {
            ps.setString(1, partner);
            ps.setString(2, direction.word());
            ps.setString(3, source);
            ps.setString(4, target);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Micros.toInstant(rs.getLong(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public void advance(
      String partner, Direction direction, String source, String target, Instant position) {
    Objects.requireNonNull(position, "position");
    long at = Micros.of(position);
    store.write(
        "advance the " + direction.word() + " checkpoint of partner " + partner,
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE sync_checkpoint SET position = ?, updated = ? WHERE partner = ?"
                      + " AND direction = ? AND source = ? AND target = ? AND position < ?")) {
            up.setLong(1, at);
            up.setLong(2, Micros.of(Instant.now()));
            up.setString(3, partner);
            up.setString(4, direction.word());
            up.setString(5, source);
            up.setString(6, target);
            up.setLong(7, at);
            if (up.executeUpdate() > 0) {
              return null;
            }
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO sync_checkpoint (partner, direction, source, target, position,"
                      + " updated) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
                      + " sync_checkpoint WHERE partner = ? AND direction = ? AND source = ?"
                      + " AND target = ?)")) {
            ins.setString(1, partner);
            ins.setString(2, direction.word());
            ins.setString(3, source);
            ins.setString(4, target);
            ins.setLong(5, at);
            ins.setLong(6, Micros.of(Instant.now()));
            ins.setString(7, partner);
            ins.setString(8, direction.word());
            ins.setString(9, source);
            ins.setString(10, target);
            ins.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean firstUse(String signer, String nonce, Instant expires, Instant now) {
    return store.write(
        "record a nonce of " + signer,
        c -> {
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM sync_nonce WHERE expires < ?")) {
            del.setLong(1, Micros.of(now));
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO sync_nonce (signer, nonce, expires) SELECT ?, ?, ? WHERE NOT"
                      + " EXISTS (SELECT 1 FROM sync_nonce WHERE signer = ? AND nonce = ?)")) {
            ins.setString(1, signer);
            ins.setString(2, nonce);
            ins.setLong(3, Micros.of(expires));
            ins.setString(4, signer);
            ins.setString(5, nonce);
            return ins.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void reject(String partner, Direction direction, Instant at, String reason) {
    rejectAll(partner, direction, at, List.of(reason));
  }

  @Override
  public void rejectAll(String partner, Direction direction, Instant at, List<String> reasons) {
    if (reasons.isEmpty()) {
      return;
    }
    store.write(
        "record " + reasons.size() + " refusal(s) from partner " + partner,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO sync_rejection (partner, direction, at, reason) VALUES (?, ?, ?,"
                      + " ?)")) {
            for (String reason : reasons) {
              ps.setString(1, partner);
              ps.setString(2, direction.word());
              ps.setLong(3, Micros.of(at));
              ps.setString(4, reason.length() > 4_000 ? reason.substring(0, 4_000) : reason);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public List<Rejection> rejections(String partner, int limit) {
    return store.read(
        "read the refusals of partner " + partner,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT direction, at, reason FROM sync_rejection WHERE partner = ? ORDER BY"
                      + " seq LIMIT ?")) {
            ps.setString(1, partner);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              List<Rejection> out = new ArrayList<>();
              while (rs.next()) {
                out.add(
                    new Rejection(
                        partner,
                        Direction.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        Micros.toInstant(rs.getLong(2)),
                        rs.getString(3)));
              }
              return out;
            }
          }
        });
  }
}
