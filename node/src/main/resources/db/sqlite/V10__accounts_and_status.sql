-- Accounts of the TAXII server and the status resources of add requests. Keep in step with
-- db/postgresql. Secrets are stored hashed only: password_hash is a PBKDF2 string, key_hash the
-- SHA-256 of an API key.
CREATE TABLE account (
  name          TEXT    PRIMARY KEY,
  password_hash TEXT,
  created       INTEGER NOT NULL
);

CREATE TABLE account_right (
  account       TEXT    NOT NULL,
  collection_id TEXT    NOT NULL,
  can_read      INTEGER NOT NULL,
  can_write     INTEGER NOT NULL,
  PRIMARY KEY (account, collection_id)
);

CREATE TABLE api_key (
  key_hash TEXT    PRIMARY KEY,
  account  TEXT    NOT NULL,
  created  INTEGER NOT NULL
);
CREATE INDEX api_key_account ON api_key (account);

-- expires is microseconds since the epoch; expired rows are deleted as new ones are written.
CREATE TABLE taxii_status (
  id      TEXT    PRIMARY KEY,
  owner   TEXT    NOT NULL,
  expires INTEGER NOT NULL,
  body    TEXT    NOT NULL
);
CREATE INDEX taxii_status_expires ON taxii_status (expires);
