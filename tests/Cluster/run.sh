#!/usr/bin/env bash
# The one-box cluster and its failover test. On 127.0.0.1: a PostgreSQL primary with a synchronous streaming standby
# (pg_basebackup; commits wait until the standby has applied them: synchronous_commit = remote_apply), two API
# replicas (a Release build) writing to the primary and reading from the standby, and HAProxy in front of them
# (health checks, retries on a connection that fails). Under a bounded load of readers and writers through HAProxy:
#   1. one API replica is stopped: no request may fail (the balancer retries what the stopped replica refused);
#   2. the primary is killed (immediate stop) and the standby promoted: writes fail until then, and resume after;
#   3. every write that was acknowledged (201) must be there afterwards.
# Prints the figures (requests, failures by phase, writes acknowledged and found, time to resume writes) and exits
# non-zero when a requirement is not met.
#
#   tests/Cluster/run.sh                   # 40 s of load: 4 writers, 4 readers
#   DURATION=60 WRITERS=8 tests/Cluster/run.sh
#
# Needs Debian's postgresql and haproxy packages, curl, awk, and the .NET SDK. Writes its clusters, logs and build to
# $OUT (a temporary folder unless given), removed at the end unless KEEP=1. The cluster is set up by lib.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-40}
WRITERS=${WRITERS:-4}
READERS=${READERS:-4}
STOP_REPLICA_AT=${STOP_REPLICA_AT:-8}
STOP_PRIMARY_AT=${STOP_PRIMARY_AT:-20}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
. tests/Cluster/lib.sh

start_postgres
publish_api
A1=$(free_port)
A2=$((A1 + 1))
H=$(free_port)
start_replica "$A1" api1
API1=$REPLICA
start_replica "$A2" api2
start_haproxy "$H" haproxy "$A1" "$A2"
BASE=http://127.0.0.1:$H
log "API replicas on $A1 and $A2 behind HAProxy on $H"

# --- Load --------------------------------------------------------------------------------------------------------------
END=$(awk -v n="$(now)" -v d="$DURATION" 'BEGIN { printf "%.3f", n + d }')
running() { awk -v n="$(now)" -v e="$END" 'BEGIN { exit !(n < e) }'; }
writer() {
  local w=$1 i=0
  while running; do
    local id="cluster-$w-$i" code
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X POST "$BASE/v1/events" -H "Authorization: Bearer $KEY" \
      -H 'Content-Type: application/json' \
      --data "{\"id\": \"$id\", \"title\": \"Cluster write $w-$i\", \"kind\": \"talks\", \"status\": \"scheduled\", \"start\": \"2031-01-01\"}" || true)
    echo "$(now) write $id $code"
    i=$((i + 1))
  done >"$OUT/writer-$w.log"
}
reader() {
  local r=$1 i=0
  local urls=("/v1/events?limit=20" "/v1/timeline?limit=20" "/v1/meetings" "/v1/participants/vladimir-putin" "/v1/statements?limit=10" "/v1/events?q=geneva" "/v1/events?sort=-start&limit=5")
  while running; do
    local url=${urls[$((i % ${#urls[@]}))]} code
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 "$BASE$url" || true)
    echo "$(now) read $url $code"
    i=$((i + 1))
  done >"$OUT/reader-$r.log"
}
LOAD=()
for w in $(seq "$WRITERS"); do writer "$w" & LOAD+=($!); done
for r in $(seq "$READERS"); do reader "$r" & LOAD+=($!); done
log "Load: $WRITERS writers and $READERS readers for ${DURATION}s"

sleep "$STOP_REPLICA_AT"
STOPPED_REPLICA=$(now)
kill -TERM "$API1"
log "API replica api1 stopped"

sleep $((STOP_PRIMARY_AT - STOP_REPLICA_AT))
STOPPED_PRIMARY=$(now)
as_postgres "$bin/pg_ctl" -D "$OUT/primary" -m immediate stop >/dev/null
log "Primary killed"
sleep 1
as_postgres "$bin/pg_ctl" -D "$OUT/standby" -w promote >/dev/null
PROMOTED=$(now)
log "Standby promoted"
wait "${LOAD[@]}"
log "Load done"

# --- Figures -------------------------------------------------------------------------------------------------------------
cat "$OUT"/writer-*.log "$OUT"/reader-*.log | sort -n >"$OUT/requests.log"
awk '$2 == "write" && $4 == "201" { print $3 }' "$OUT/requests.log" >"$OUT/acknowledged.txt"
missing=0
while read -r id; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 "$BASE/v1/events/$id")
  [ "$code" = 200 ] || { missing=$((missing + 1)); echo "acknowledged but not found ($code): $id"; }
done <"$OUT/acknowledged.txt"

read -r total failed reads writes acked before replica_phase failover_phase resumed_at <<<"$(awk \
  -v r="$STOPPED_REPLICA" -v p="$STOPPED_PRIMARY" '
  { ok = ($2 == "write") ? ($4 == "201") : ($4 ~ /^2/) }
  { total++; if (!ok) failed++ }
  $2 == "read" { reads++ } $2 == "write" { writes++; if (ok) acked++ }
  !ok && $1 < r { before++ }
  !ok && $1 >= r && $1 < p { replica++ }
  !ok && $1 >= p { failover++ }
  $2 == "write" && !ok && $1 >= p && stalled == "" { stalled = $1 }
  $2 == "write" && ok && stalled != "" && resumed == "" { resumed = $1 }
  $2 == "write" && ok && $1 >= p { written_after = 1 }
  END {
    if (stalled == "" && written_after) resumed = sprintf("%.3f", p)  # no write was refused at all
    printf "%d %d %d %d %d %d %d %d %s\n", total, failed, reads, writes, acked, before, replica, failover, (resumed == "" ? "none" : resumed)
  }
  ' "$OUT/requests.log")"
failed_reads_failover=$(awk -v p="$STOPPED_PRIMARY" '$2 == "read" && $1 >= p && $4 !~ /^2/' "$OUT/requests.log" | wc -l)
failover_answers=$(awk -v p="$STOPPED_PRIMARY" '$1 >= p && !($4 == "201" || ($2 == "read" && $4 ~ /^2/)) { n[$4]++ }
  END { for (code in n) printf "%s%s × %d", (sep++ ? ", " : ""), (code == "000" ? "no answer" : code), n[code] }' "$OUT/requests.log")
resume="never"
[ "$resumed_at" != none ] && resume="$(minus "$resumed_at" "$STOPPED_PRIMARY") s after the primary was killed, $(minus "$resumed_at" "$PROMOTED") s after the promotion (the first write acknowledged after the first one refused)"

cat <<REPORT

| | |
|---|---|
| requests | $total ($reads reads, $writes writes) over ${DURATION}s |
| failed before any stop | $before |
| failed while one API replica was stopped | $replica_phase |
| failed from the primary's kill on | $failover_phase (of which reads: $failed_reads_failover; answers: ${failover_answers:-none}) |
| writes acknowledged | $acked |
| acknowledged writes found afterwards | $((acked - missing)) of $acked |
| writes resumed | $resume |
REPORT

status=0
[ "$before" -eq 0 ] || { echo "FAIL: requests failed before anything was stopped"; status=1; }
[ "$replica_phase" -eq 0 ] || { echo "FAIL: requests failed while one API replica was stopped"; status=1; }
[ "$missing" -eq 0 ] || { echo "FAIL: $missing acknowledged writes are missing"; status=1; }
[ "$resumed_at" != none ] || { echo "FAIL: writes did not resume after the promotion"; status=1; }
[ "$acked" -gt 0 ] || { echo "FAIL: no write was acknowledged"; status=1; }
[ "$status" -eq 0 ] && echo "PASS: the cluster kept every acknowledged write and served through both failures"
exit "$status"
