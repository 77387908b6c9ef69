#!/usr/bin/env bash
# What one setting costs: two servers of the same Release build over the same data, one with SETTING=A, one with
# SETTING=B, measured with wrk in alternation (A then B, B then A, ... ROUNDS times per path, so a drift of the machine
# and the order touch both alike). For each path it prints the median requests/s and p99 of each, the ratio B/A with
# the range of the per-round ratios, and the server's CPU time per request (user + system, from /proc, over each
# run) with its ratio B/A: on a shared machine, whose throughput drifts by tens of percent from run to run, the CPU a
# request costs moves much less.
#
#   tests/Benchmarks/ab.sh                                                 # metrics off (B) against on (A), SQLite, 100k events
#   SETTING=Limits__Store A=postgres B=process POSTGRES="Host=...;Username=...;Database=bench" tests/Benchmarks/ab.sh
#
# With POSTGRES (an Npgsql connection string to an empty database of its own), both servers use it instead of SQLite.
# Paths: the filtered page, a timeline range, one person's statements and a search, uncached (response cache off);
# the filtered page cached (cache on); and /health/live, the cheapest request there is.
# SEARCH= (empty) leaves the search out; ONLY=REGEX measures only the paths whose names match. Needs wrk (Debian: apt-get install wrk), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

SETTING=${SETTING:-Metrics__Enabled}
A=${A:-true}
B=${B:-false}
SIZE=${SIZE:-100000}
ROUNDS=${ROUNDS:-6}
DURATION=${DURATION:-4s}
CONNECTIONS=${CONNECTIONS:-32}
PORT_A=${PORT_A:-5081}
PORT_B=${PORT_B:-5082}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (see the header of this script)" >&2; exit 2; }
done

dotnet build src/TimelineApi -c Release -v quiet -nologo >/dev/null
API="dotnet src/TimelineApi/bin/Release/net10.0/TimelineApi.dll"
export Logging__LogLevel__Default=Warning Limits__ReadsPerMinute=1000000000 Limits__SearchesPerMinute=1000000000
if [ -n "${POSTGRES:-}" ]; then
  export Storage__Provider=postgres ConnectionStrings__Timeline="$POSTGRES"
else
  export ConnectionStrings__Timeline="Data Source=$OUT/ab.db"
fi
$API generate --events "$SIZE" --out "$OUT/data.ndjson" >/dev/null
$API import "$OUT/data.ndjson" >/dev/null 2>&1

PIDS=()
PID_A=
PID_B=
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; true' EXIT
# start CACHE_MB: both servers, with the response cache given.
start() {
  env "$SETTING=$A" Http__ResponseCacheMegabytes="$1" $API --urls "http://127.0.0.1:$PORT_A" >"$OUT/a.log" 2>&1 &
  PID_A=$!
  env "$SETTING=$B" Http__ResponseCacheMegabytes="$1" $API --urls "http://127.0.0.1:$PORT_B" >"$OUT/b.log" 2>&1 &
  PID_B=$!
  PIDS+=("$PID_A" "$PID_B")
  for port in $PORT_A $PORT_B; do
    until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; do sleep 0.1; done
  done
}
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done; PIDS=(); }

# cpu_ticks PID: the process's user + system time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run SIDE PORT PID NAME ROUND PATH: one wrk run, its output and the server's CPU ticks over it in $OUT.
run() {
  local before
  before=$(cpu_ticks "$3")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2$6" >"$OUT/$4.$1.$5.txt"
  echo $(( $(cpu_ticks "$3") - before )) >"$OUT/$4.$1.$5.cpu"
}

# measure NAME PATH: a warm-up of each server, then ROUNDS alternations; the raw outputs go to $OUT.
measure() {
  [[ -z "${ONLY:-}" || "$1" =~ $ONLY ]] || return 0
  for port in $PORT_A $PORT_B; do wrk -t2 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$port$2" >/dev/null; done
  for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      run a "$PORT_A" "$PID_A" "$1" "$round" "$2"; run b "$PORT_B" "$PID_B" "$1" "$round" "$2"
    else
      run b "$PORT_B" "$PID_B" "$1" "$round" "$2"; run a "$PORT_A" "$PID_A" "$1" "$round" "$2"
    fi
  done
  python3 - "$OUT" "$1" "$ROUNDS" "$(getconf CLK_TCK)" <<'PY'
import re, statistics, sys
out, name, rounds, tick = sys.argv[1], sys.argv[2], int(sys.argv[3]), 1e6 / int(sys.argv[4])
def read(side, r):
    text = open(f"{out}/{name}.{side}.{r}.txt").read()
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    v, u = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    cpu_us = int(open(f"{out}/{name}.{side}.{r}.cpu").read()) * tick / requests
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), float(v) * unit[u], int(bad.group(1)) if bad else 0, cpu_us
a = [read("a", r) for r in range(1, rounds + 1)]
b = [read("b", r) for r in range(1, rounds + 1)]
ratios = [y[0] / x[0] for x, y in zip(a, b)]
cpu = [y[3] / x[3] for x, y in zip(a, b)]
failed = sum(x[2] for x in a + b)
print(f"| {name} | {statistics.median(x[0] for x in a):,.0f} | {statistics.median(x[1] for x in a):.1f} | "
      f"{statistics.median(x[0] for x in b):,.0f} | {statistics.median(x[1] for x in b):.1f} | "
      f"{statistics.median(ratios):.3f} ({min(ratios):.3f}–{max(ratios):.3f}) | "
      f"{statistics.median(x[3] for x in a):.0f} | {statistics.median(x[3] for x in b):.0f} | "
      f"{statistics.median(cpu):.3f} ({min(cpu):.3f}–{max(cpu):.3f}) |" + (f" {failed} failed" if failed else ""))
PY
}

echo "Machine: $(nproc) cores, $(uname -sr); .NET $(dotnet --version), Release; $SIZE events ($([ -n "${POSTGRES:-}" ] && echo PostgreSQL || echo SQLite)); wrk -t2 -c$CONNECTIONS -d$DURATION, $ROUNDS alternating rounds."
echo
echo "| path | A: $SETTING=$A req/s | A p99 ms | B: $SETTING=$B req/s | B p99 ms | req/s B/A (range) | A CPU µs/req | B CPU µs/req | CPU B/A (range) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
start 0
person=$(curl -s "http://127.0.0.1:$PORT_A/v1/participants?kind=person&limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")
measure "page, uncached" "/v1/events?kind=talks&sort=start&limit=50"
measure "timeline range, uncached" "/v1/timeline?from=2010-01-01&to=2010-12-31&limit=50"
measure "statements, uncached" "/v1/participants/$person/statements?limit=20"
[ -n "${SEARCH-1}" ] && measure "search, uncached" "/v1/search?q=talks&limit=20"
measure "liveness" "/health/live"
stop_all
start 64
measure "page, cached" "/v1/events?kind=talks&sort=start&limit=50"
