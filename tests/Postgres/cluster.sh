#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1, for the tests and the benchmarks.
#   cluster.sh start DIR PORT   initdb in DIR (when empty) and start the server on PORT; prints its connection string
#   cluster.sh stop DIR         stop the server of DIR (fast shutdown)
#   cluster.sh destroy DIR      stop it, and remove DIR and its initdb log
# The server runs as the invoking user, or as `postgres` when invoked as root (PostgreSQL refuses to run as root).
# Trust authentication on 127.0.0.1 only: the cluster is for this machine's tests, never for data that matters.
set -euo pipefail

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb was not found (install Debian's postgresql package)" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir=$2 port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
        { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$2" -m fast -w stop >/dev/null
    ;;
  destroy)
    as_owner "$bin/pg_ctl" -D "$2" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$2" "$2.initdb.log"
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR | destroy DIR" >&2
    exit 2
    ;;
esac
