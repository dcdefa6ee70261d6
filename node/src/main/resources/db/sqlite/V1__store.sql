-- Détente object store, SQLite dialect. Keep in step with db/postgresql.
-- date_added is microseconds since the epoch; collection.last_added is the per-collection sequence.
CREATE TABLE collection (
  ckey        INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  title       TEXT    NOT NULL,
  description TEXT,
  media_types TEXT    NOT NULL,
  last_added  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stix_object (
  ckey         INTEGER NOT NULL REFERENCES collection (ckey),
  date_added   INTEGER NOT NULL,
  id           TEXT    NOT NULL CHECK (length(id) BETWEEN 3 AND 300),
  id_hash      INTEGER NOT NULL,
  version_key  TEXT    NOT NULL,
  version      TEXT,
  type         TEXT    NOT NULL CHECK (length(type) BETWEEN 3 AND 250),
  spec_version TEXT    NOT NULL,
  is_first     INTEGER NOT NULL,
  is_last      INTEGER NOT NULL,
  body         TEXT    NOT NULL,
  PRIMARY KEY (ckey, date_added)
);
-- Versions of an id are found by the hash of the id (KeyHash), then compared by text. One version
-- per (ckey, id, version_key) is kept by the store's single writer, which reads the stored
-- versions of every id of a batch before writing it.
CREATE INDEX stix_object_id ON stix_object (ckey, id_hash);

-- observable rows of one object are distinct by (kind, value); the store removes duplicates.
CREATE TABLE observable (
  ckey       INTEGER NOT NULL,
  date_added INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  value_hash INTEGER NOT NULL,
  lo         TEXT,
  hi         TEXT
);
CREATE INDEX observable_object ON observable (ckey, date_added);
CREATE INDEX observable_value ON observable (value_hash);
CREATE INDEX observable_range ON observable (kind, lo, hi) WHERE lo IS NOT NULL;
