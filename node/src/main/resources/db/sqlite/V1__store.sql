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
  version_key  TEXT    NOT NULL,
  version      TEXT,
  type         TEXT    NOT NULL CHECK (length(type) BETWEEN 3 AND 250),
  spec_version TEXT    NOT NULL,
  is_first     INTEGER NOT NULL,
  is_last      INTEGER NOT NULL,
  body         TEXT    NOT NULL,
  PRIMARY KEY (ckey, date_added)
);
CREATE UNIQUE INDEX stix_object_version ON stix_object (ckey, id, version_key);

CREATE TABLE observable (
  ckey       INTEGER NOT NULL,
  date_added INTEGER NOT NULL,
  kind       TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  lo         TEXT,
  hi         TEXT,
  PRIMARY KEY (ckey, date_added, kind, value)
) WITHOUT ROWID;
CREATE INDEX observable_value ON observable (value);
CREATE INDEX observable_range ON observable (kind, lo, hi) WHERE lo IS NOT NULL;
