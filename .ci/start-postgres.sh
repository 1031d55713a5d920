#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on loopback for the database tests and prints its URL.
# Usage: eval "$(.ci/start-postgres.sh)"   → exports POSTGRES_TEST_URL
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
PORT=${PGPORT_TEST:-55432}
DIR=${PGDATA_TEST:-/tmp/threshold-pg}
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
if ! "${RUN_AS[@]}" "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
  "${RUN_AS[@]}" "$PGBIN/initdb" -D "$DIR/data" -U threshold --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
fi
echo "export POSTGRES_TEST_URL=postgres://threshold@127.0.0.1:$PORT/postgres"
