package org.detente.node.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * {@link AuditStore} in the tables {@code audit_entry}, {@code audit_head}, {@code
 * audit_signed_head} and {@code audit_receipt}.
 *
 * <p>An append reads the head row with the lock of the dialect ({@code FOR UPDATE} on PostgreSQL;
 * on SQLite the transaction is already the only writer), writes its entries in one JDBC batch
 * (SQLite) or one COPY (PostgreSQL) and moves the head, inside the caller's transaction: three
 * statements whatever the number of entries.
 */
final class JdbcAudit implements AuditStore {
  private static final int FETCH = 5_000;

  private static final HexFormat HEX = HexFormat.of();

  /** The stored columns: {@code sha256} and {@code hash} as 32 bytes, no {@code previous}. */
  private static final String COLUMNS =
      "seq, direction, party, agreement, object_id, object_version, sha256, at, hash";

  private final JdbcStore store;

  JdbcAudit(JdbcStore store) {
    this.store = store;
  }

  @Override
  public Head append(List<AuditRecord> records) {
    List<AuditRecord> copy = List.copyOf(records);
    return store.write("append " + copy.size() + " audit entries", c -> appendIn(c, copy));
  }

  /** Appends inside the open transaction of {@code c}; the caller commits. */
  Head appendIn(Connection c, List<AuditRecord> records) throws SQLException {
    Head head = lockHead(c);
    if (records.isEmpty()) {
      return head;
    }
    Sealed sealed = seal(head, records, store.dialect());
    write(c, sealed);
    moveHead(c, sealed.last());
    return sealed.last();
  }

  /**
   * The chain head, read inside the open transaction of {@code c} and locked until it ends (on
   * SQLite the write transaction already excludes every other writer).
   */
  Head lockHead(Connection c) throws SQLException {
    String lock = store.dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
    try (PreparedStatement ps =
        c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1" + lock)) {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the audit_head row is missing");
        }
        return new Head(rs.getLong(1), rs.getString(2));
      }
    }
  }

  /**
   * Entries sealed one after another, and the chain head after the last of them.
   *
   * @param digests for SQLite, {@code sha256} then {@code hash} of each entry as the 32 bytes that
   *     are stored (two per entry, in order), decoded on the sealing thread; empty for PostgreSQL,
   *     whose COPY takes the hex text
   */
  record Sealed(Head last, List<AuditEntry> entries, byte[][] digests) {}

  /**
   * Seals {@code records} after {@code head}; needs no database, so a bulk writer runs it on
   * another thread while it writes objects.
   */
  static Sealed seal(Head head, List<AuditRecord> records, Dialect dialect) {
    List<AuditEntry> entries = new ArrayList<>(records.size());
    boolean bytes = dialect == Dialect.SQLITE;
    byte[][] digests = new byte[bytes ? 2 * records.size() : 0][];
    long seq = head.sequence();
    String previous = head.hash();
    for (AuditRecord r : records) {
      AuditEntry e = AuditEntry.seal(++seq, r, previous);
      previous = e.hash();
      if (bytes) {
        digests[2 * entries.size()] = HEX.parseHex(e.sha256());
        digests[2 * entries.size() + 1] = HEX.parseHex(e.hash());
      }
      entries.add(e);
    }
    return new Sealed(new Head(seq, previous), entries, digests);
  }

  /**
   * Writes sealed entries inside the open transaction of {@code c}, after the head {@link
   * #lockHead} returned or after entries written before them; {@link #moveHead} then records the
   * last of them.
   */
  void write(Connection c, Sealed sealed) throws SQLException {
    if (sealed.entries().isEmpty()) {
      return;
    }
    if (store.dialect() == Dialect.POSTGRES) {
      copy(c, sealed.entries());
    } else {
      insert(c, sealed);
    }
  }

  /** Moves the chain head to {@code last}, inside the open transaction of {@code c}. */
  void moveHead(Connection c, Head last) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, last.sequence());
      ps.setString(2, last.hash());
      ps.executeUpdate();
    }
  }

  private static void insert(Connection c, Sealed sealed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      byte[][] digests = sealed.digests();
      int i = 0;
      for (AuditEntry e : sealed.entries()) {
        ps.setLong(1, e.sequence());
        ps.setString(2, e.direction());
        ps.setString(3, e.party());
        ps.setString(4, e.agreement().orElse(null));
        ps.setString(5, e.objectId());
        ps.setString(6, e.objectVersion().orElse(null));
        ps.setBytes(7, digests[i++]);
        ps.setLong(8, e.timeMicros());
        ps.setBytes(9, digests[i++]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** PostgreSQL: COPY, several times cheaper than batched INSERTs. */
  private static void copy(Connection c, List<AuditEntry> entries) throws SQLException {
    StringBuilder rows = new StringBuilder(entries.size() * 320);
    for (AuditEntry e : entries) {
      rows.append(e.sequence()).append('\t');
      JdbcStore.copyText(rows, e.direction()).append('\t');
      JdbcStore.copyText(rows, e.party()).append('\t');
      JdbcStore.copyText(rows, e.agreement().orElse(null)).append('\t');
      JdbcStore.copyText(rows, e.objectId()).append('\t');
      JdbcStore.copyText(rows, e.objectVersion().orElse(null)).append('\t');
      // bytea in COPY's text format: \x then hex, the backslash escaped
      rows.append("\\\\x").append(e.sha256()).append('\t').append(e.timeMicros()).append('\t');
      rows.append("\\\\x").append(e.hash()).append('\n');
    }
    try {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY audit_entry (" + COLUMNS + ") FROM STDIN", new StringReader(rows.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into audit_entry failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Head head() {
    return store.read(
        "read the audit head",
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new SQLException("the audit_head row is missing");
            }
            return new Head(rs.getLong(1), rs.getString(2));
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>An entry's {@code previous} is not stored: it is read back as the {@code hash} of the entry
   * before it in sequence ({@link AuditEntry#GENESIS} for the first), or as the empty string when
   * there is no such entry (a gap, which a verifier reports by the sequence numbers).
   */
  @Override
  public void scan(long afterSequence, Consumer<AuditEntry> sink) {
    Objects.requireNonNull(sink, "sink");
    stream(
        "SELECT "
            + prefixed("e")
            + ", p.hash FROM audit_entry e LEFT JOIN audit_entry p ON p.seq = e.seq - 1"
            + " WHERE e.seq > ? ORDER BY e.seq",
        ps -> ps.setLong(1, afterSequence),
        sink);
  }

  @Override
  public void scanParty(String party, Consumer<AuditEntry> sink) {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(sink, "sink");
    stream(
        "SELECT "
            + prefixed("e")
            + ", p.hash FROM audit_entry e LEFT JOIN audit_entry p ON p.seq = e.seq - 1"
            + " WHERE e.party = ? ORDER BY e.seq",
        ps -> ps.setString(1, party),
        sink);
  }

  private static String prefixed(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  /** A stored hash as lower-case hex; a value of another length shows as it is, for a verifier. */
  private static String hex(byte[] b) {
    return b == null ? "" : HEX.formatHex(b);
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Streams rows: PostgreSQL sends them in fetches only inside a transaction. */
  private void stream(String sql, Binder binder, Consumer<AuditEntry> sink) {
    store.read(
        "read the audit record",
        c -> {
          // SQLite streams in auto-commit; a transaction there would begin as the writer.
          boolean inTransaction = store.dialect() == Dialect.POSTGRES;
          if (inTransaction) {
            c.setAutoCommit(false);
          }
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long seq = rs.getLong(1);
                byte[] previous = rs.getBytes(10);
                sink.accept(
                    new AuditEntry(
                        seq,
                        rs.getString(2),
                        rs.getString(3),
                        Optional.ofNullable(rs.getString(4)),
                        rs.getString(5),
                        Optional.ofNullable(rs.getString(6)),
                        hex(rs.getBytes(7)),
                        rs.getLong(8),
                        previous != null ? hex(previous) : seq == 1 ? AuditEntry.GENESIS : "",
                        hex(rs.getBytes(9))));
              }
            }
          } finally {
            if (inTransaction) {
              c.rollback();
              c.setAutoCommit(true);
            }
          }
          return null;
        });
  }

  @Override
  public void putSignedHead(long sequence, String json) {
    Objects.requireNonNull(json, "json");
    store.write(
        "keep a signed audit head",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit_signed_head (seq, body) VALUES (?, ?)"
                      + " ON CONFLICT (seq) DO UPDATE SET body = excluded.body")) {
            ps.setLong(1, sequence);
            ps.setString(2, json);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<String> signedHeads() {
    return bodies("SELECT body FROM audit_signed_head ORDER BY seq", null);
  }

  @Override
  public void putReceipt(String party, long sequence, String json, Instant received) {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(received, "received");
    store.write(
        "keep an audit receipt from " + party,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit_receipt (party, seq, body, received_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (party, seq) DO UPDATE SET body = excluded.body,"
                      + " received_at = excluded.received_at")) {
            ps.setString(1, party);
            ps.setLong(2, sequence);
            ps.setString(3, json);
            ps.setLong(4, Micros.of(received));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<String> receipts(String party) {
    Objects.requireNonNull(party, "party");
    return bodies("SELECT body FROM audit_receipt WHERE party = ? ORDER BY seq", party);
  }

  @Override
  public Optional<String> receipt(String party, long sequence) {
    Objects.requireNonNull(party, "party");
    return store.read(
        "read an audit receipt from " + party,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT body FROM audit_receipt WHERE party = ? AND seq = ?")) {
            ps.setString(1, party);
            ps.setLong(2, sequence);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  private List<String> bodies(String sql, String param) {
    return store.read(
        "read signed audit heads",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
              ps.setString(1, param);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }
}
