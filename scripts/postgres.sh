#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 (or the host/port of DETENTE_PG_HOST/PORT):
# starts the local cluster when it is down, and fails with a clear message when it cannot.
set -uo pipefail
host="${DETENTE_PG_HOST:-127.0.0.1}"
port="${DETENTE_PG_PORT:-5432}"
if [ -n "${DETENTE_TEST_PG_URL:-}" ]; then
  echo "postgres: DETENTE_TEST_PG_URL is set; using it as it is." >&2
  exit 0
fi
ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$host" -p "$port"
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}
if ready; then
  exit 0
fi
echo "postgres: nothing answers on $host:$port; trying to start the local cluster ..." >&2
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  done
fi
for _ in $(seq 1 30); do
  if ready; then
    echo "postgres: up on $host:$port." >&2
    exit 0
  fi
  sleep 1
done
echo "postgres: ERROR: PostgreSQL is not reachable on $host:$port and could not be started." >&2
echo "postgres: the store tests need a real PostgreSQL (user postgres, database test, trust auth)," >&2
echo "postgres: or set DETENTE_TEST_PG_URL to a JDBC URL of one." >&2
exit 1
