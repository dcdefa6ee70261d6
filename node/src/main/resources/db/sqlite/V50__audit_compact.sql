-- A smaller audit entry: the hashes as 32 bytes instead of 64 hex digits, and no stored
-- "previous", which is always the hash of the entry before (it is read back from that entry).
-- Keep in step with db/postgresql.
CREATE TABLE audit_entry_v50 (
  seq            INTEGER PRIMARY KEY,
  direction      TEXT NOT NULL,
  party          TEXT NOT NULL,
  agreement      TEXT,
  object_id      TEXT NOT NULL,
  object_version TEXT,
  sha256         BLOB NOT NULL,
  at             INTEGER NOT NULL,
  hash           BLOB NOT NULL
);
INSERT INTO audit_entry_v50 (seq, direction, party, agreement, object_id, object_version, sha256,
                             at, hash)
  SELECT seq, direction, party, agreement, object_id, object_version, unhex(sha256), at, unhex(hash)
  FROM audit_entry ORDER BY seq;
DROP TABLE audit_entry;
ALTER TABLE audit_entry_v50 RENAME TO audit_entry;
