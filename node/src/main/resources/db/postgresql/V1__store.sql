-- Détente object store, PostgreSQL dialect. Keep in step with db/sqlite.
-- date_added is microseconds since the epoch; collection.last_added is the per-collection sequence,
-- locked (SELECT ... FOR UPDATE) by every writing transaction. Keys compare bytewise (COLLATE "C").
-- No foreign keys: PostgreSQL checks them with a trigger per row, which costs a quarter of the
-- import rate. The store keeps the references itself: rows are written under the collection's row
-- lock, and deleting an object or collection deletes its observable rows in the same transaction.
-- observable rows of one object are distinct by (kind, value); the store removes duplicates.
CREATE TABLE collection (
  ckey        BIGSERIAL PRIMARY KEY,
  id          TEXT COLLATE "C" NOT NULL UNIQUE,
  title       TEXT   NOT NULL,
  description TEXT,
  media_types TEXT   NOT NULL,
  last_added  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE stix_object (
  ckey         BIGINT NOT NULL,
  date_added   BIGINT NOT NULL,
  id           TEXT COLLATE "C" NOT NULL CHECK (length(id) BETWEEN 3 AND 300),
  id_hash      BIGINT NOT NULL,
  version_key  TEXT COLLATE "C" NOT NULL,
  version      TEXT,
  type         TEXT COLLATE "C" NOT NULL CHECK (length(type) BETWEEN 3 AND 250),
  spec_version TEXT COLLATE "C" NOT NULL,
  is_first     BOOLEAN NOT NULL,
  is_last      BOOLEAN NOT NULL,
  body         TEXT    NOT NULL,
  PRIMARY KEY (ckey, date_added)
);
-- Versions of an id are found by the hash of the id (KeyHash), then compared by text: the index is
-- several times smaller than one on the text, which keeps bulk imports fast. One version per
-- (ckey, id, version_key) is kept by the writers, serialised by the collection's row lock.
CREATE INDEX stix_object_id ON stix_object (ckey, id_hash);

CREATE TABLE observable (
  ckey       BIGINT NOT NULL,
  date_added BIGINT NOT NULL,
  kind       TEXT COLLATE "C" NOT NULL,
  value      TEXT COLLATE "C" NOT NULL,
  value_hash BIGINT NOT NULL,
  lo         TEXT COLLATE "C",
  hi         TEXT COLLATE "C"
);
CREATE INDEX observable_object ON observable (ckey, date_added);
CREATE INDEX observable_value ON observable (value_hash);
CREATE INDEX observable_range ON observable (kind, lo, hi) WHERE lo IS NOT NULL;
