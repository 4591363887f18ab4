#!/usr/bin/env bash
# A throw-away PostgreSQL + PostGIS server for the tests: no Docker, no systemd.
#
#   bash scripts/pg-test-cluster.sh install      # apt-get PostGIS when it is missing
#   bash scripts/pg-test-cluster.sh start        # prints "DIR URL" of a new cluster
#   bash scripts/pg-test-cluster.sh stop DIR     # stops it and removes DIR
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user
# (runuser); otherwise to the current user. The server listens on 127.0.0.1 and a free
# port, with its socket inside DIR, and skips fsync: nothing in it outlives the tests.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
POSTGIS_PACKAGE="postgresql-$PG_VERSION-postgis-3"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

install() {
  if [ -x "$PG_BIN/initdb" ] && [ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]; then
    return 0
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "postgresql-$PG_VERSION" "$POSTGIS_PACKAGE" >/dev/null
}

start() {
  local dir port attempt
  dir="$(mktemp -d "${TMPDIR:-/tmp}/ecosites-pg.XXXXXX")"
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null; then
      echo "$dir postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  rm -rf "$dir"
  return 1
}

stop() {
  local dir="$1"
  case "$dir" in
    */ecosites-pg.*) ;;
    *) echo "refusing to remove $dir: not a test cluster" >&2; return 1 ;;
  esac
  if [ -d "$dir/data" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 install|start|stop DIR" >&2; exit 2 ;;
esac
