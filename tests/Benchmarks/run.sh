#!/usr/bin/env bash
# The benchmark suite: against a Release build on loopback, for each data size it generates a
# synthetic data set, imports it (import rate), starts the API (time to first answer, peak memory)
# and measures requests/s and p50/p99 latency with wrk for the endpoints dashboards call, with the
# response cache on and off; then the same for a bare Kestrel app answering a fixed body of a
# 50-event page's size, as the ceiling. Each figure is the median of RUNS runs.
#
#   tests/Benchmarks/run.sh                 # 100k events
#   SIZES="100000 1000000" tests/Benchmarks/run.sh
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. Prints a Markdown report; writes it,
# with the raw wrk outputs, to $OUT (a temporary folder unless given).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-5077}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

dotnet build src/TimelineApi -c Release -v quiet -nologo >/dev/null
dotnet build tests/Benchmarks/FixedBody -c Release -v quiet -nologo >/dev/null
API=src/TimelineApi/bin/Release/net10.0/TimelineApi.dll
FIXED=tests/Benchmarks/FixedBody/bin/Release/net10.0/FixedBody.dll
BASE=http://127.0.0.1:$PORT

# wrk_median URL NAME: RUNS runs of wrk; prints "requests/s p50 p99" (medians).
wrk_median() {
  local url=$1 name=$2
  for run in $(seq "$RUNS"); do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$url" > "$OUT/$name.$run.txt"
  done
  python3 - "$OUT" "$name" "$RUNS" <<'PY'
import re, statistics, sys
out, name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps, p50, p99, errors = [], [], [], 0
for run in range(1, runs + 1):
    text = open(f"{out}/{name}.{run}.txt").read()
    rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
    p50.append(ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups()))
    p99.append(ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors += int(bad.group(1)) if bad else 0
    timeouts = re.search(r"timeout (\d+)", text)
    errors += int(timeouts.group(1)) if timeouts else 0
print(f"{statistics.median(rps):.0f} {statistics.median(p50):.2f} {statistics.median(p99):.2f} {errors}")
PY
}

# start_api DB CACHE_MB: starts the API, waits for its first answer; sets API_PID and STARTUP_MS.
start_api() {
  local begin
  begin=$(date +%s%N)
  ConnectionStrings__Timeline="Data Source=$1" Http__ResponseCacheMegabytes=$2 Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 \
    Logging__LogLevel__Default=Warning dotnet "$API" --urls "$BASE" > "$OUT/api.log" 2>&1 &
  API_PID=$!
  until curl -sf "$BASE/health" > /dev/null; do
    kill -0 "$API_PID" 2>/dev/null || { echo "The API did not start:" >&2; cat "$OUT/api.log" >&2; exit 1; }
    sleep 0.01
  done
  STARTUP_MS=$(( ($(date +%s%N) - begin) / 1000000 ))
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

report="$OUT/results.md"
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); .NET $(dotnet --version); wrk -t$THREADS -c$CONNECTIONS -d$DURATION, median of $RUNS runs."
} > "$report"

dotnet "$FIXED" --urls "$BASE" > /dev/null 2>&1 &
FIXED_PID=$!
until curl -sf "$BASE/" > /dev/null; do sleep 0.05; done
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$BASE/" > /dev/null
read -r fixed_rps fixed_p50 fixed_p99 _ < <(wrk_median "$BASE/" fixed)
stop "$FIXED_PID"
{
  echo
  echo "Fixed 21 KB body from a bare Kestrel app (the ceiling): **$fixed_rps requests/s**, p50 $fixed_p50 ms, p99 $fixed_p99 ms."
} >> "$report"

for size in $SIZES; do
  data="$OUT/$size.ndjson"
  db="$OUT/$size.db"
  rm -f "$db" "$db-wal" "$db-shm"
  (cd "$(dirname "$API")" && dotnet TimelineApi.dll generate --events "$size" --out "$data" > /dev/null)
  begin=$(date +%s%N)
  ConnectionStrings__Timeline="Data Source=$db" Logging__LogLevel__Default=Warning dotnet "$API" import "$data" > "$OUT/import-$size.txt" 2> /dev/null
  import_s=$(python3 -c "print(f'{($(date +%s%N) - $begin) / 1e9:.1f}')")
  records=$(wc -l < "$data")

  # Endpoints: a filtered first page, the same page deep in the list, a timeline range, one person's
  # statements, full-text search, and the schedule as known on a day.
  start_api "$db" 64
  deep=$(curl -s "$BASE/v1/events?kind=meeting&status=held&from=2024-06-01&limit=50" | python3 -c "import json,sys; print(json.load(sys.stdin)['next'])")
  person=$(curl -s "$BASE/v1/participants?kind=person&name=anna&limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")
  stop "$API_PID"
  declare -A urls=(
    [events-first]="/v1/events?kind=meeting&status=held&limit=50"
    [events-deep]="/v1/events?kind=meeting&status=held&limit=50&cursor=$deep"
    [timeline-range]="/v1/timeline?from=2015-03-01&to=2015-03-31&limit=50"
    [participant-statements]="/v1/participants/$person/statements?limit=50"
    [search]="/v1/search?q=fisheries&limit=50"
    [meetings-asof]="/v1/meetings?asOf=2012-06-30&limit=50"
  )
  order=(events-first events-deep timeline-range participant-statements search meetings-asof)

  {
    echo
    echo "## $size events ($records lines with their sources and statements)"
    echo
    echo "Import: $import_s s ($(python3 -c "print(f'{$records / $import_s:,.0f}')") lines/s). $(tail -1 "$OUT/import-$size.txt")"
    echo
    echo "| endpoint | cache | requests/s | p50 ms | p99 ms | failed |"
    echo "| --- | --- | ---: | ---: | ---: | ---: |"
  } >> "$report"

  for cache in 64 0; do
    start_api "$db" "$cache"
    label=$([ "$cache" = 0 ] && echo off || echo on)
    startup="$STARTUP_MS"
    for name in "${order[@]}"; do
      wrk -t"$THREADS" -c"$CONNECTIONS" -d1s "$BASE${urls[$name]}" > /dev/null
      read -r rps p50 p99 errors < <(wrk_median "$BASE${urls[$name]}" "$size-$name-$label")
      echo "| $name | $label | $rps | $p50 | $p99 | $errors |" >> "$report"
    done
    peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$API_PID/status")
    stop "$API_PID"
    echo "| (start-up to first answer: $startup ms; peak memory: $((peak_kb / 1024)) MB) | $label | | | | |" >> "$report"
  done
done

cat "$report"
echo
echo "Raw outputs in $OUT"
