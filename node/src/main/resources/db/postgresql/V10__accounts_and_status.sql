-- Accounts of the TAXII server and the status resources of add requests. Keep in step with
-- db/sqlite. Secrets are stored hashed only: password_hash is a PBKDF2 string, key_hash the
-- SHA-256 of an API key.
CREATE TABLE account (
  name          TEXT COLLATE "C" PRIMARY KEY,
  password_hash TEXT,
  created       BIGINT NOT NULL
);

CREATE TABLE account_right (
  account       TEXT COLLATE "C" NOT NULL,
  collection_id TEXT COLLATE "C" NOT NULL,
  can_read      BOOLEAN NOT NULL,
  can_write     BOOLEAN NOT NULL,
  PRIMARY KEY (account, collection_id)
);

CREATE TABLE api_key (
  key_hash TEXT COLLATE "C" PRIMARY KEY,
  account  TEXT COLLATE "C" NOT NULL,
  created  BIGINT NOT NULL
);
CREATE INDEX api_key_account ON api_key (account);

-- expires is microseconds since the epoch; expired rows are deleted as new ones are written.
CREATE TABLE taxii_status (
  id      TEXT COLLATE "C" PRIMARY KEY,
  owner   TEXT COLLATE "C" NOT NULL,
  expires BIGINT NOT NULL,
  body    TEXT   NOT NULL
);
CREATE INDEX taxii_status_expires ON taxii_status (expires);
