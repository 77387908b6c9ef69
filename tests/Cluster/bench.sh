#!/usr/bin/env bash
# One API replica against two, on this machine, over the cluster of tests/Cluster/lib.sh (a PostgreSQL primary with
# a synchronous standby the reads go to, a Release build of the API): wrk through HAProxy balancing over one replica,
# then over two, and straight to one replica (no balancer), for a cached list page and an uncached filtered page.
# Each figure is the median of RUNS runs of DURATION after WARMUP (wrk -t THREADS -c CONNECTIONS).
#
#   tests/Cluster/bench.sh
#
# Needs what run.sh needs, and wrk (Debian: apt-get install wrk). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
. tests/Cluster/lib.sh

start_postgres
publish_api

# median URL NAME: RUNS runs of wrk after a warm-up; prints "requests/s p99-ms non-2xx" (medians; non-2xx summed).
median() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
  for run in $(seq "$RUNS"); do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$1" >"$OUT/$2.$run.txt"
  done
  local rps p99 bad
  rps=$(awk '/Requests\/sec/ { print $2 }' "$OUT/$2".*.txt | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  p99=$(awk '/^ +99%/ { v = $2; f = 1; if (v ~ /us$/) f = 0.001; else if (v ~ /ms$/) f = 1; else if (v ~ /s$/) f = 1000; sub(/[a-z]+$/, "", v); print v * f }' \
    "$OUT/$2".*.txt | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  bad=$(awk '/Non-2xx/ { n += $NF } END { print n + 0 }' "$OUT/$2".*.txt)
  printf '%.0f %.1f %d\n' "$rps" "$p99" "$bad"
}

# round CACHE_MB LABEL|URL...: both replicas (response cache of CACHE_MB), HAProxy over one and over both; a table row
# per page.
round() {
  export Http__ResponseCacheMegabytes=$1
  shift
  local a1 a2 one two pids_before=${#PIDS[@]}
  a1=$(free_port)
  a2=$((a1 + 1))
  one=$(free_port)
  two=$((one + 1))
  start_replica "$a1" "api1-$Http__ResponseCacheMegabytes"
  start_replica "$a2" "api2-$Http__ResponseCacheMegabytes"
  start_haproxy "$one" "one-$Http__ResponseCacheMegabytes" "$a1"
  start_haproxy "$two" "two-$Http__ResponseCacheMegabytes" "$a1" "$a2"
  for page in "$@"; do
    local label=${page%%|*} url=${page#*|} name
    name=$(echo "$label" | tr ' ' '-')
    read -r one_rps one_p99 one_bad <<<"$(median "http://127.0.0.1:$one$url" "$name-one")"
    read -r two_rps two_p99 two_bad <<<"$(median "http://127.0.0.1:$two$url" "$name-two")"
    read -r direct_rps direct_p99 direct_bad <<<"$(median "http://127.0.0.1:$a1$url" "$name-direct")"
    [ $((one_bad + two_bad + direct_bad)) -eq 0 ] || echo "($label: $one_bad, $two_bad and $direct_bad answers were not 2xx)"
    echo "| $label | $one_rps req/s, p99 $one_p99 ms | $two_rps req/s, p99 $two_p99 ms | $(awk -v a="$two_rps" -v b="$one_rps" 'BEGIN { printf "%.2f", a / b }') × | $direct_rps req/s, p99 $direct_p99 ms |"
  done
  for pid in "${PIDS[@]:$pids_before}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
}

echo
echo "| page | HAProxy, one replica | HAProxy, two replicas | two / one | one replica, no balancer |"
echo "|---|---|---|---|---|"
round 0 \
  "filtered page, response cache off|/v1/events?kind=talks&limit=50" \
  "participant's range, response cache off|/v1/events?participant=putin&from=2021-12-01&to=2022-01-31&limit=20"
round 64 "filtered page, response cache on|/v1/events?kind=talks&limit=50"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }'); wrk -t$THREADS -c$CONNECTIONS, medians of $RUNS × $DURATION after $WARMUP."
