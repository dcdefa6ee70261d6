package org.detente.node.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link PartnerStore} in the table {@code partner}. */
final class JdbcPartners implements PartnerStore {
  private final JdbcStore store;

  JdbcPartners(JdbcStore store) {
    this.store = store;
  }

  @Override
  public boolean addPartner(StoredPartner p) {
    Objects.requireNonNull(p, "partner");
    return store.write(
        "add partner " + p.name(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO partner (name, identity_id, public_key, taxii_url, account,"
                      + " agreement, remote_user, remote_secret, created)"
                      + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM partner"
                      + " WHERE name = ? OR identity_id = ? OR account = ?)")) {
            ps.setString(1, p.name());
            ps.setString(2, p.identityId());
            ps.setString(3, p.publicKey());
            ps.setString(4, p.taxiiUrl());
            ps.setString(5, p.account().orElse(null));
            ps.setString(6, p.agreement().orElse(null));
            ps.setString(7, p.remoteUser().orElse(null));
            ps.setString(8, p.remoteSecret().orElse(null));
            ps.setLong(9, Micros.of(Instant.now()));
            ps.setString(10, p.name());
            ps.setString(11, p.identityId());
            ps.setString(12, p.account().orElse(null));
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<StoredPartner> partners() {
    return store.read(
        "read partners",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, identity_id, public_key, taxii_url, account, agreement,"
                          + " remote_user, remote_secret FROM partner ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            List<StoredPartner> out = new ArrayList<>();
            while (rs.next()) {
              out.add(
                  new StoredPartner(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      Optional.ofNullable(rs.getString(5)),
                      Optional.ofNullable(rs.getString(6)),
                      Optional.ofNullable(rs.getString(7)),
                      Optional.ofNullable(rs.getString(8))));
            }
            return out;
          }
        });
  }

  @Override
  public boolean replaceAgreement(String name, Optional<String> expected, String agreement) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(agreement, "agreement");
    return store.write(
        "replace the agreement of partner " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  expected.isPresent()
                      ? "UPDATE partner SET agreement = ? WHERE name = ? AND agreement = ?"
                      : "UPDATE partner SET agreement = ? WHERE name = ? AND agreement IS NULL")) {
            ps.setString(1, agreement);
            ps.setString(2, name);
            if (expected.isPresent()) {
              ps.setString(3, expected.get());
            }
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public boolean removePartner(String name) {
    Objects.requireNonNull(name, "name");
    return store.write(
        "remove partner " + name,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM partner WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
          }
        });
  }
}
