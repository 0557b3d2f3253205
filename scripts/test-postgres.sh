#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server for the database tests, starting a throwaway one when
# WAYAHEAD_TEST_POSTGRES_URL is not set: Debian's postgresql (installed if missing), a cluster in
# /tmp owned by the postgres user, listening on 127.0.0.1 only. `test-postgres.sh stop` stops
# that throwaway server (make test-postgres does when its tests end).
set -euo pipefail

if [ -n "${WAYAHEAD_TEST_POSTGRES_URL:-}" ]; then
  echo "$WAYAHEAD_TEST_POSTGRES_URL"
  exit 0
fi

PORT="${WAYAHEAD_TEST_POSTGRES_PORT:-54329}"
DATA="/tmp/wayahead-pg-$PORT"
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "stop" ]; then
  BIN="$(bin_dir)"
  if [ -n "$BIN" ] && [ -f "$DATA/postmaster.pid" ]; then
    as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
  exit 0
fi

if [ -z "$(bin_dir)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql' or set WAYAHEAD_TEST_POSTGRES_URL" >&2
    exit 1
  fi
  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql) >&2
fi
BIN="$(bin_dir)"

if ! as_postgres "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -s "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust >&2
  fi
  # A server killed without shutting down (e.g. when a session ends) leaves its lock file; if
  # no postgres process holds that PID any more, the lock is stale and is removed.
  if [ -f "$DATA/postmaster.pid" ]; then
    old_pid="$(head -n 1 "$DATA/postmaster.pid")"
    ps -p "$old_pid" -o comm= 2>/dev/null | grep -q postgres || rm -f "$DATA/postmaster.pid"
  fi
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off" start >&2
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
