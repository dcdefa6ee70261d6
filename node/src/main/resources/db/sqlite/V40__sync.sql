-- Federation between nodes. Keep in step with db/postgresql.
-- sync_checkpoint: per partner and route, the date_added (microseconds since the epoch) of the last
-- object committed (pull: on the partner's server; push: in the local collection) — a walk resumes
-- after it. Written only after the objects it covers are committed (pull) or acknowledged (push).
CREATE TABLE sync_checkpoint (
  partner    TEXT NOT NULL,
  direction  TEXT NOT NULL,
  source     TEXT NOT NULL,
  target     TEXT NOT NULL,
  position   INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  PRIMARY KEY (partner, direction, source, target)
);

-- Nonces of signed envelopes received from partners, kept until they fall out of the freshness
-- window (expires, microseconds): a second envelope with the same signer and nonce is a replay.
CREATE TABLE sync_nonce (
  signer  TEXT NOT NULL,
  nonce   TEXT NOT NULL,
  expires INTEGER NOT NULL,
  PRIMARY KEY (signer, nonce)
);
CREATE INDEX sync_nonce_expires ON sync_nonce (expires);

-- What was refused from partners (bad or missing signature, replay, invalid object, conflict).
CREATE TABLE sync_rejection (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  partner   TEXT NOT NULL,
  direction TEXT NOT NULL,
  at        INTEGER NOT NULL,
  reason    TEXT NOT NULL
);
