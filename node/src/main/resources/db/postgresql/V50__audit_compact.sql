-- A smaller audit entry: the hashes as 32 bytes instead of 64 hex digits, and no stored
-- "previous", which is always the hash of the entry before (it is read back from that entry).
-- Keep in step with db/sqlite.
ALTER TABLE audit_entry DROP COLUMN previous;
ALTER TABLE audit_entry ALTER COLUMN sha256 TYPE BYTEA USING decode(sha256, 'hex');
ALTER TABLE audit_entry ALTER COLUMN hash TYPE BYTEA USING decode(hash, 'hex');
