-- The audit record: an append-only, hash-chained log of every object that entered or left the
-- node (see org.detente.node.store.AuditEntry for the hash). Keep in step with db/postgresql.
-- Hashes are lower-case hex SHA-256; at is microseconds since the epoch.
CREATE TABLE audit_entry (
  seq            INTEGER PRIMARY KEY,
  direction      TEXT NOT NULL,
  party          TEXT NOT NULL,
  agreement      TEXT,
  object_id      TEXT NOT NULL,
  object_version TEXT,
  sha256         TEXT NOT NULL,
  at             INTEGER NOT NULL,
  previous       TEXT NOT NULL,
  hash           TEXT NOT NULL
);

-- The chain head: one row, locked by every append, so that appends form one chain.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Heads this node signed, and signed heads (receipts) received from partners, as JSON text.
CREATE TABLE audit_signed_head (
  seq  INTEGER PRIMARY KEY,
  body TEXT NOT NULL
);

CREATE TABLE audit_receipt (
  party       TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  body        TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (party, seq)
);
