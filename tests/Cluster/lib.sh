# Shared by tests/Cluster/run.sh (the failover test) and tests/Cluster/bench.sh (one replica against two): the
# one-box cluster on 127.0.0.1, a PostgreSQL primary with a synchronous streaming standby, API replicas of a Release
# build, and HAProxy in front. Sourced, with $OUT set to an existing folder; everything it starts is stopped on exit.

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is needed (Debian: apt-get install postgresql)" >&2; exit 2; }
for tool in haproxy curl awk dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install $tool)" >&2; exit 2; }
done

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
  local port=$((20000 + RANDOM % 20000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; do
    port=$((port + 2))
  done
  echo "$port"
}
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
log() { printf '[%6ss] %s\n' "$(minus "$(now)" "$T0")" "$*"; }
wait_for() { # wait_for SECONDS COMMAND...: until the command succeeds
  local deadline=$(($(date +%s) + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$bin/pg_ctl" -D "$OUT/primary" -m immediate stop >/dev/null 2>&1 || true
  as_postgres "$bin/pg_ctl" -D "$OUT/standby" -m immediate stop >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$OUT"
}
trap cleanup EXIT
chmod 755 "$OUT" # the servers run as postgres when this runs as root
T0=$(now)

# start_postgres: the primary on $P1 and its synchronous standby on $P2, with an empty database "timeline".
start_postgres() {
  P1=$(free_port)
  P2=$((P1 + 1))
  mkdir -p "$OUT/primary" "$OUT/standby" "$OUT/pglogs"
  chmod 700 "$OUT/primary" "$OUT/standby"
  [ "$(id -u)" -ne 0 ] || chown postgres "$OUT/primary" "$OUT/standby" "$OUT/pglogs"
  as_postgres "$bin/initdb" -D "$OUT/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$OUT/initdb.log"
  cat >>"$OUT/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
synchronous_commit = remote_apply
max_connections = 200
CONF
  as_postgres "$bin/pg_ctl" -D "$OUT/primary" -l "$OUT/pglogs/primary.log" -w start >/dev/null
  psql "host=127.0.0.1 port=$P1 user=postgres dbname=postgres" -qc "CREATE DATABASE timeline"
  as_postgres "$bin/pg_basebackup" -d "host=127.0.0.1 port=$P1 user=postgres application_name=standby1" \
    -D "$OUT/standby" -R -X stream -c fast
  # The standby's own settings: its port, and no synchronous standby of its own once promoted (it would wait forever).
  cat >>"$OUT/standby/postgresql.auto.conf" <<CONF
port = $P2
synchronous_standby_names = ''
primary_conninfo = 'host=127.0.0.1 port=$P1 user=postgres application_name=standby1'
CONF
  as_postgres "$bin/pg_ctl" -D "$OUT/standby" -l "$OUT/pglogs/standby.log" -w start >/dev/null
  # Only now is the standby made synchronous: a commit before it was there would have waited for it.
  psql "host=127.0.0.1 port=$P1 user=postgres dbname=postgres" -qc "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" \
    -c "SELECT pg_reload_conf()" >/dev/null
  wait_for 30 synchronous || { echo "The standby did not become synchronous" >&2; exit 1; }
  log "PostgreSQL: primary on $P1, synchronous standby on $P2"
}

synchronous() {
  [ "$(psql "host=127.0.0.1 port=$P1 user=postgres dbname=postgres" -Atc \
    "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = sync ]
}

# publish_api: the API, a Release build, in $OUT/api, configured (through the environment) for the cluster, and a
# write key for it in $KEY.
publish_api() {
  dotnet publish src/TimelineApi -c Release --artifacts-path "$OUT/build" -o "$OUT/api" -v quiet -nologo >/dev/null
  export Storage__Provider=postgres
  # Writes go to whichever host is the primary (rechecked every second, so a promoted standby is found at once);
  # reads to the standby while there is one.
  export ConnectionStrings__Timeline="Host=127.0.0.1:$P1,127.0.0.1:$P2;Username=postgres;Database=timeline;Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=3"
  export ConnectionStrings__TimelineReadOnly="Host=127.0.0.1:$P2,127.0.0.1:$P1;Username=postgres;Database=timeline;Target Session Attributes=prefer-standby;Host Recheck Seconds=1;Timeout=3"
  export Limits__ReadsPerMinute=100000000 Limits__WritesPerMinute=100000000 Logging__LogLevel__Default=Warning
  KEY=$("$OUT/api/TimelineApi" keys create --name cluster | tail -1 | tr -d '[:space:]')
}

# start_replica PORT NAME: one API process on PORT, once it answers; its pid in $REPLICA.
start_replica() {
  "$OUT/api/TimelineApi" --urls "http://127.0.0.1:$1" >"$OUT/$2.log" 2>&1 &
  REPLICA=$!
  PIDS+=("$REPLICA")
  wait_for 60 curl -sf "http://127.0.0.1:$1/health"
}

# start_haproxy PORT NAME REPLICA_PORT...: HAProxy on PORT balancing over the replicas, configured by
# tests/Cluster/haproxy.cfg (health-checked every half second; a request whose connection to a replica fails is sent
# to another).
start_haproxy() {
  local port=$1 name=$2
  shift 2
  {
    sed "s/BALANCER_PORT/$port/" "$(dirname "${BASH_SOURCE[0]}")/haproxy.cfg"
    for replica in "$@"; do
      echo "    server $replica 127.0.0.1:$replica check inter 500ms fall 1 rise 2"
    done
  } >"$OUT/$name.cfg"
  haproxy -f "$OUT/$name.cfg" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  wait_for 10 curl -sf "http://127.0.0.1:$port/health"
}
