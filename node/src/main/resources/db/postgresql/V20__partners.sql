-- The partners registry. Keep in step with db/sqlite. public_key is the partner's Ed25519
-- public key as an X.509 SubjectPublicKeyInfo PEM; account is the local TAXII account the partner
-- reads with (its reads are filtered by agreement, the TOML text of its sharing agreement);
-- remote_secret is the credential for the partner's own TAXII server, sealed with AES-256-GCM under
-- the node's credential key (DATA/keys/credentials.key), never stored in the clear.
CREATE TABLE partner (
  name          TEXT COLLATE "C" PRIMARY KEY,
  identity_id   TEXT COLLATE "C" NOT NULL UNIQUE,
  public_key    TEXT   NOT NULL,
  taxii_url     TEXT   NOT NULL,
  account       TEXT COLLATE "C" UNIQUE,
  agreement     TEXT,
  remote_user   TEXT,
  remote_secret TEXT,
  created       BIGINT NOT NULL
);
