package org.detente.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link AccountStore} in the tables {@code account}, {@code account_right} and {@code api_key}.
 */
final class JdbcAccounts implements AccountStore {
  private static final String SELECT =
      "SELECT a.name, a.password_hash, r.collection_id, r.can_read, r.can_write,"
          + " (SELECT count(*) FROM api_key k WHERE k.account = a.name)"
          + " FROM account a LEFT JOIN account_right r ON r.account = a.name";

  private final JdbcStore store;

  JdbcAccounts(JdbcStore store) {
    this.store = store;
  }

  @Override
  public void putAccount(StoredAccount a) {
    Objects.requireNonNull(a, "account");
    store.write(
        "put account " + a.name(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO account (name, password_hash, created) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash")) {
            ps.setString(1, a.name());
            ps.setString(2, a.passwordHash().orElse(null));
            ps.setLong(3, Micros.of(java.time.Instant.now()));
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM account_right WHERE account = ?")) {
            ps.setString(1, a.name());
            ps.executeUpdate();
          }
          Set<String> ids = new TreeSet<>(a.canRead());
          ids.addAll(a.canWrite());
          if (!ids.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO account_right (account, collection_id, can_read, can_write)"
                        + " VALUES (?, ?, ?, ?)")) {
              for (String id : ids) {
                ps.setString(1, a.name());
                ps.setString(2, id);
                ps.setBoolean(3, a.canRead().contains(id));
                ps.setBoolean(4, a.canWrite().contains(id));
                ps.addBatch();
              }
              ps.executeBatch();
            }
          }
          return null;
        });
  }

  @Override
  public Optional<StoredAccount> account(String name) {
    Objects.requireNonNull(name, "name");
    return select(SELECT + " WHERE a.name = ?", name).stream().findFirst();
  }

  @Override
  public Optional<StoredAccount> accountByKey(String keyHash) {
    Objects.requireNonNull(keyHash, "keyHash");
    return select(
            SELECT + " WHERE a.name = (SELECT k.account FROM api_key k WHERE k.key_hash = ?)",
            keyHash)
        .stream()
        .findFirst();
  }

  @Override
  public List<StoredAccount> accounts() {
    return select(SELECT + " ORDER BY a.name", null);
  }

  private List<StoredAccount> select(String sql, String param) {
    return store.read(
        "read accounts",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
              ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
              return collect(rs);
            }
          }
        });
  }

  /** Groups the joined rows (one per right) into accounts, keeping the order of first rows. */
  private static List<StoredAccount> collect(ResultSet rs) throws SQLException {
    List<StoredAccount> out = new ArrayList<>();
    String name = null;
    String hash = null;
    int keys = 0;
    Set<String> read = new HashSet<>();
    Set<String> write = new HashSet<>();
    while (rs.next()) {
      String n = rs.getString(1);
      if (!n.equals(name)) {
        if (name != null) {
          out.add(new StoredAccount(name, Optional.ofNullable(hash), read, write, keys));
        }
        name = n;
        hash = rs.getString(2);
        keys = rs.getInt(6);
        read = new HashSet<>();
        write = new HashSet<>();
      }
      String collection = rs.getString(3);
      if (collection != null) {
        if (rs.getBoolean(4)) {
          read.add(collection);
        }
        if (rs.getBoolean(5)) {
          write.add(collection);
        }
      }
    }
    if (name != null) {
      out.add(new StoredAccount(name, Optional.ofNullable(hash), read, write, keys));
    }
    return out;
  }

  @Override
  public boolean deleteAccount(String name) {
    Objects.requireNonNull(name, "name");
    return store.write(
        "delete account " + name,
        c -> {
          delete(c, "DELETE FROM api_key WHERE account = ?", name);
          delete(c, "DELETE FROM account_right WHERE account = ?", name);
          return delete(c, "DELETE FROM account WHERE name = ?", name) > 0;
        });
  }

  private static int delete(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      return ps.executeUpdate();
    }
  }

  @Override
  public boolean addKey(String name, String keyHash) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyHash, "keyHash");
    return store.write(
        "add key to account " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO api_key (key_hash, account, created)"
                      + " SELECT ?, name, ? FROM account WHERE name = ?")) {
            ps.setString(1, keyHash);
            ps.setLong(2, Micros.of(java.time.Instant.now()));
            ps.setString(3, name);
            return ps.executeUpdate() > 0;
          }
        });
  }
}
