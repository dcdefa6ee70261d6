-- Federation between nodes. Keep in step with db/sqlite.
-- sync_checkpoint: per partner and route, the date_added (microseconds since the epoch) of the last
-- object committed (pull: on the partner's server; push: in the local collection) — a walk resumes
-- after it. Written only after the objects it covers are committed (pull) or acknowledged (push).
CREATE TABLE sync_checkpoint (
  partner    TEXT COLLATE "C" NOT NULL,
  direction  TEXT COLLATE "C" NOT NULL,
  source     TEXT COLLATE "C" NOT NULL,
  target     TEXT COLLATE "C" NOT NULL,
  position   BIGINT NOT NULL,
  updated    BIGINT NOT NULL,
  PRIMARY KEY (partner, direction, source, target)
);

-- Nonces of signed envelopes received from partners, kept until they fall out of the freshness
-- window (expires, microseconds): a second envelope with the same signer and nonce is a replay.
CREATE TABLE sync_nonce (
  signer  TEXT COLLATE "C" NOT NULL,
  nonce   TEXT COLLATE "C" NOT NULL,
  expires BIGINT NOT NULL,
  PRIMARY KEY (signer, nonce)
);
CREATE INDEX sync_nonce_expires ON sync_nonce (expires);

-- What was refused from partners (bad or missing signature, replay, invalid object, conflict).
CREATE TABLE sync_rejection (
  seq       BIGSERIAL PRIMARY KEY,
  partner   TEXT NOT NULL,
  direction TEXT NOT NULL,
  at        BIGINT NOT NULL,
  reason    TEXT NOT NULL
);
