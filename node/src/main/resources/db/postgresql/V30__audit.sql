-- The audit record: an append-only, hash-chained log of every object that entered or left the
-- node (see org.detente.node.store.AuditEntry for the hash). Keep in step with db/sqlite.
-- Hashes are lower-case hex SHA-256; at is microseconds since the epoch.
CREATE TABLE audit_entry (
  seq            BIGINT PRIMARY KEY,
  direction      TEXT COLLATE "C" NOT NULL,
  party          TEXT COLLATE "C" NOT NULL,
  agreement      TEXT COLLATE "C",
  object_id      TEXT COLLATE "C" NOT NULL,
  object_version TEXT COLLATE "C",
  sha256         TEXT COLLATE "C" NOT NULL,
  at             BIGINT NOT NULL,
  previous       TEXT COLLATE "C" NOT NULL,
  hash           TEXT COLLATE "C" NOT NULL
);

-- The chain head: one row, locked by every append, so that appends form one chain.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT COLLATE "C" NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Heads this node signed, and signed heads (receipts) received from partners, as JSON text.
CREATE TABLE audit_signed_head (
  seq  BIGINT PRIMARY KEY,
  body TEXT NOT NULL
);

CREATE TABLE audit_receipt (
  party       TEXT COLLATE "C" NOT NULL,
  seq         BIGINT NOT NULL,
  body        TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (party, seq)
);
