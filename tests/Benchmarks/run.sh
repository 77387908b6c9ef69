#!/usr/bin/env bash
# The benchmark suite. Against a ReadyToRun Release build on loopback, for each data size it generates a synthetic
# data set, imports it (import rate), and measures with wrk (requests/s, p50/p99):
#   - the filtered page (the 50 events of kind `talks` in start order, page 3) from a bare Kestrel app answering
#     the API's own bytes for it (the ceiling), from the API with the response cache on and off, and from soul-cli
#     (a generic REST server over SQLite: Node + better-sqlite3, pinned in tests/Benchmarks/soul) over the same rows;
#   - a deep page of the same list, a timeline range, one person's statements, full-text search of a common word
#     and the meetings as known on a day, uncached;
#   - a mixed load: readers spread over 1,000 distinct dashboard queries while a writer adds one event a second and
#     reads it back at once (by id and in a list), counting stale answers;
#   - time to first answer and peak memory of each server, and a cold start of a plain Release build (its first
#     answer and its rate in the first seconds of load against its steady rate).
# All servers run at once and are measured in turn, round after round (RUNS rounds of DURATION each, after WARMUP
# of the same load), so the drift of a shared machine reaches all alike; each ratio is taken within a round and
# printed as the median with the lowest and highest.
#
#   tests/Benchmarks/run.sh                          # 100k events
#   SIZES="100000 1000000" tests/Benchmarks/run.sh   # and 1M
#
# Needs wrk (Debian: apt-get install wrk), Node with npm, a C++ toolchain for better-sqlite3 (build-essential),
# curl and python3. Prints a Markdown report; writes it, with the raw wrk outputs, to $OUT (a temporary folder
# unless given).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-5077}
SOUL_PORT=${SOUL_PORT:-5078}
FIXED_PORT=${FIXED_PORT:-5079}
UNCACHED_PORT=${UNCACHED_PORT:-5080}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
for tool in wrk node npm curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (see the header of this script)" >&2; exit 2; }
done

# The API as deployed for speed: self-contained, with its code and the framework's precompiled together (composite
# ReadyToRun), so little is left for the JIT at start. Built in a folder of its own: its intermediate files must not
# mix with those of other builds of the project.
dotnet publish src/TimelineApi -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
  --artifacts-path "$OUT/build" -o "$OUT/api" -v quiet -nologo >/dev/null
dotnet build tests/Benchmarks/FixedBody -c Release -v quiet -nologo >/dev/null
# And as most run it: a plain Release build, for the cold start.
dotnet build src/TimelineApi -c Release --artifacts-path "$OUT/plain-build" -o "$OUT/plain" -v quiet -nologo >/dev/null
API=$OUT/api/TimelineApi
PLAIN=$OUT/plain/TimelineApi.dll
FIXED=tests/Benchmarks/FixedBody/bin/Release/net10.0/FixedBody.dll
BASE=http://127.0.0.1:$PORT
SOUL_BASE=http://127.0.0.1:$SOUL_PORT
FIXED_BASE=http://127.0.0.1:$FIXED_PORT
UNCACHED_BASE=http://127.0.0.1:$UNCACHED_PORT

# soul-cli as pinned by its lock file; its native modules are built against the installed Node's headers.
NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
npm ci --prefix tests/Benchmarks/soul --no-audit --no-fund --ignore-scripts >/dev/null 2>&1
npm_config_nodedir=${npm_config_nodedir:-$NODE_PREFIX} npm rebuild --prefix tests/Benchmarks/soul better-sqlite3 bcrypt >/dev/null 2>&1
SOUL=tests/Benchmarks/soul/node_modules/.bin/soul

# wrk_median URL NAME [LUA]: RUNS runs of wrk; prints "requests/s p50 p99 failed" (medians; failed summed).
wrk_median() {
  local url=$1 name=$2 script=${3:-}
  for run in $(seq "$RUNS"); do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency ${script:+-s "$script"} "$url" > "$OUT/$name.$run.txt"
  done
  python3 tests/Benchmarks/wrkstats.py "$OUT" "$name" "$RUNS"
}

# measure NAME URL [LUA]: a warm-up of WARMUP (so the tiered JIT has compiled the hot code of a fresh server),
# then wrk_median; sets RPS P50 P99 FAILED.
measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${3:+-s "$3"} "$2" > /dev/null
  read -r RPS P50 P99 FAILED < <(wrk_median "$2" "$1" "${3:-}")
}

# wait_for URL PID LOG: waits for the first answer; sets STARTUP_MS (from BEGIN_NS).
wait_for() {
  until curl -sf "$1" > /dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "The server did not start:" >&2; cat "$3" >&2; exit 1; }
    sleep 0.005
  done
  STARTUP_MS=$(( ($(date +%s%N) - BEGIN_NS) / 1000000 ))
}

# start_api DB CACHE_MB [BASE_URL]: starts the API; sets PID and STARTUP_MS.
start_api() {
  local base=${3:-$BASE}
  BEGIN_NS=$(date +%s%N)
  ConnectionStrings__Timeline="Data Source=$1" Http__ResponseCacheMegabytes=$2 Limits__ReadsPerMinute=1000000000 Limits__WritesPerMinute=1000000000 Limits__SearchesPerMinute=1000000000 \
    Logging__LogLevel__Default=Warning "$API" --urls "$base" > "$OUT/api-${base##*:}.log" 2>&1 &
  PID=$!
  wait_for "$base/health" "$PID" "$OUT/api-${base##*:}.log"
}

peak_mb() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024 )); }
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

# cursor_after URL PAGES: the cursor of page PAGES + 1 of a list, by following `next` from its first page.
cursor_after() {
  python3 - "$1" "$2" <<'PY'
import json, sys, urllib.parse, urllib.request
url, pages = sys.argv[1], int(sys.argv[2])
cursor = None
for _ in range(pages):
    page = json.load(urllib.request.urlopen(url + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")))
    cursor = page["next"]
    if cursor is None:
        sys.exit(f"{url} has fewer than {pages + 1} pages")
print(cursor)
PY
}

report="$OUT/results.md"
{
  echo "# Benchmark results"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); .NET $(dotnet --version), ReadyToRun Release; Node $(node --version); wrk -t$THREADS -c$CONNECTIONS -d$DURATION after $WARMUP of warm-up, median of $RUNS runs."
} > "$report"

# The mixed load's readers: each request picks one of the paths in the file $URLS at random.
cat > "$OUT/mixed.lua" <<'LUA'
local urls = {}
for line in io.lines(os.getenv("URLS")) do urls[#urls + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function() return wrk.format("GET", urls[math.random(#urls)]) end
LUA

for size in $SIZES; do
  data="$OUT/$size.ndjson"
  db="$OUT/$size.db"
  flat="$OUT/$size-flat.db"
  rm -f "$db" "$db-wal" "$db-shm" "$flat"
  ConnectionStrings__Timeline="Data Source=$db" Logging__LogLevel__Default=Warning "$API" generate --events "$size" --out "$data" > /dev/null
  begin=$(date +%s%N)
  ConnectionStrings__Timeline="Data Source=$db" Logging__LogLevel__Default=Warning "$API" import "$data" > "$OUT/import-$size.txt" 2> /dev/null
  import_s=$(python3 -c "print(f'{($(date +%s%N) - $begin) / 1e9:.1f}')")
  records=$(wc -l < "$data")

  # soul-cli serves the same rows, flat: a copy without the API's stored documents.
  python3 - "$db" "$flat" <<'PY'
import sqlite3, sys
source, flat = sys.argv[1], sys.argv[2]
with sqlite3.connect(source) as s, sqlite3.connect(flat) as f:
    s.backup(f)
f = sqlite3.connect(flat)
f.execute("DROP INDEX IF EXISTS ix_events_document_missing")
f.execute("ALTER TABLE events DROP COLUMN document")
f.execute("VACUUM")
f.close()
PY

  # The URLs: the filtered page (page 3 of kind=talks in start order) and a deep page of it, a timeline range,
  # one person's statements, a search, the meetings as known on a day; 1,000 dashboard queries for the mixed load.
  start_api "$db" 0
  talks="$BASE/v1/events?kind=talks&sort=start&limit=50"
  talk_pages=$(curl -s "$BASE/v1/events/facets?kind=talks&facet=kind" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'] // 50)")
  deep_page=$(( talk_pages < 1000 ? talk_pages : 1000 ))
  page3="$talks&cursor=$(cursor_after "$talks" 2)"
  deep="$talks&cursor=$(cursor_after "$talks" $((deep_page - 1)))"
  curl -s "$page3" > "$OUT/page3-$size.json"
  person=$(curl -s "$BASE/v1/participants?kind=person&name=anna&limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")
  people=$(curl -s "$BASE/v1/participants?kind=person&limit=200" | python3 -c "import json,sys; print(' '.join(p['id'] for p in json.load(sys.stdin)['items']))")
  # The generated meetings are reported on the day they are imported: a calendar "as of" that day shows them.
  known_on=$(curl -s "$BASE/v1/meetings/$(curl -s "$BASE/v1/meetings?limit=1&sort=-start" | python3 -c "import json,sys; print(json.load(sys.stdin)['items'][0]['id'])")/history" \
    | python3 -c "import json,sys; print(max(h['reportedOn'] for h in json.load(sys.stdin)['items']))")
  stop "$PID"
  python3 - "$OUT/dashboard-$size.txt" "$known_on" $people <<'PY'
import random, sys
out, known_on, people = sys.argv[1], sys.argv[2], sys.argv[3:]
random.seed(7)
kinds = ["call", "summit", "talks", "meeting", "statement", "briefing", "report"]
statuses = ["held", "scheduled", "proposed", "postponed", "cancelled"]
urls = set()
while len(urls) < 1000:
    year = random.randint(2000, 2025)
    month = random.randint(1, 12)
    choice = random.random()
    if choice < 0.35:
        url = f"/v1/events?kind={random.choice(kinds)}&status={random.choice(statuses)}&from={year}-{month:02}&sort={random.choice(['start', '-start'])}&limit=50"
    elif choice < 0.55:
        url = f"/v1/timeline?from={year}-{month:02}-01&to={year}-{month:02}-28&limit=50"
    elif choice < 0.70:
        url = f"/v1/participants/{random.choice(people)}/statements?limit=20"
    elif choice < 0.85:
        url = f"/v1/meetings?asOf={known_on}&from={year}-01&limit=20"
    else:
        url = f"/v1/events?participant={random.choice(people)}&kind={random.choice(kinds)}&limit=20"
    urls.add(url)
open(out, "w").write("\n".join(sorted(urls)) + "\n")
PY

  declare -A urls=(
    [events-deep]="$deep"
    [timeline-range]="$BASE/v1/timeline?from=2015-03-01&to=2015-03-31&limit=50"
    [participant-statements]="$BASE/v1/participants/$person/statements?limit=50"
    [search]="$BASE/v1/search?q=fisheries&limit=50"
    [meetings-asof]="$BASE/v1/meetings?asOf=$known_on&limit=50"
  )
  order=(events-deep timeline-range participant-statements search meetings-asof)

  # Every server runs at once, idle but for the one measured: the rounds below take them in turn (ceiling, soul-cli,
  # the API with its cache on and off, each other endpoint), so a drift of the shared machine reaches each one of
  # a round alike, and every ratio is taken within its round.
  BEGIN_NS=$(date +%s%N)
  "$SOUL" -d "$flat" -p "$SOUL_PORT" > "$OUT/soul.log" 2>&1 &
  SOUL_PID=$!
  soul_page3="$SOUL_BASE/api/tables/events/rows?_filters=kind:talks&_ordering=sort_key&_limit=50&_page=3"
  wait_for "$soul_page3" "$SOUL_PID" "$OUT/soul.log"
  soul_start=$STARTUP_MS

  BEGIN_NS=$(date +%s%N)
  BODY_FILE="$OUT/page3-$size.json" Logging__LogLevel__Default=Warning dotnet "$FIXED" --urls "$FIXED_BASE" > "$OUT/fixed.log" 2>&1 &
  FIXED_PID=$!
  wait_for "$FIXED_BASE/" "$FIXED_PID" "$OUT/fixed.log"
  fixed_start=$STARTUP_MS

  start_api "$db" 64
  CACHED_PID=$PID
  cached_start=$STARTUP_MS
  start_api "$db" 0 "$UNCACHED_BASE"
  UNCACHED_PID=$PID
  uncached_start=$STARTUP_MS
  on_uncached() { echo "$UNCACHED_BASE${1#"$BASE"}"; }

  targets=(ceiling soul page3-cached page3-uncached "${order[@]}")
  declare -A target_urls=(
    [ceiling]="$FIXED_BASE/"
    [soul]="$soul_page3"
    [page3-cached]="$page3"
    [page3-uncached]="$(on_uncached "$page3")"
  )
  for name in "${order[@]}"; do
    target_urls[$name]=$(on_uncached "${urls[$name]}")
  done
  for name in "${targets[@]}"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${target_urls[$name]}" > /dev/null
  done
  for run in $(seq "$RUNS"); do
    for name in "${targets[@]}"; do
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "${target_urls[$name]}" > "$OUT/$size-$name.$run.txt"
    done
  done
  soul_deep="$(wrk_median "$SOUL_BASE/api/tables/events/rows?_filters=kind:talks&_ordering=sort_key&_limit=50&_page=$deep_page" "$size-soul-deep" | awk '{print $1 " requests/s, p99 " $3 " ms"}')"

  {
    echo
    echo "## $size events ($records lines with their sources and statements)"
    echo
    echo "Import: $import_s s ($(python3 -c "print(f'{$records / $import_s:,.0f}')") lines/s). $(tail -1 "$OUT/import-$size.txt")"
    echo
    python3 - "$OUT" "$size" "$RUNS" "$deep_page" \
      "$(peak_mb "$FIXED_PID") $fixed_start" "$(peak_mb "$SOUL_PID") $soul_start" "$(peak_mb "$CACHED_PID") $cached_start" "$(peak_mb "$UNCACHED_PID") $uncached_start" \
      "${order[@]}" <<'PY'
import statistics, sys
sys.path.insert(0, "tests/Benchmarks")
import wrkstats
out, size, runs, deep_page = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
servers = dict(zip(["ceiling", "soul", "page3-cached", "page3-uncached"], (a.split() for a in sys.argv[5:9])))
others = sys.argv[9:]

data = {name: wrkstats.read(out, f"{size}-{name}", runs) for name in ["ceiling", "soul", "page3-cached", "page3-uncached", *others]}

def ratio(name, to):
    """The ratio of requests/s in each round, as 'median× (lowest–highest)', to two significant digits below 0.1."""
    per_round = [a / b for a, b in zip(data[name][0], data[to][0])]
    digits = 2 if min(per_round) >= 0.1 else 4
    return f"{statistics.median(per_round):.{digits}f}× ({min(per_round):.{digits}f}–{max(per_round):.{digits}f})"

def figures(name):
    rps, p50, p99, failed = data[name]
    return f"{statistics.median(rps):.0f} | {statistics.median(p50):.2f} | {statistics.median(p99):.2f} | {failed}"

print("### The filtered page: kind=talks in start order, page 3 of 50")
print()
print(f"Ratios are of requests/s within each of the {runs} rounds: the median, and the lowest and highest in brackets.")
print()
print("| server | requests/s | vs the ceiling | vs soul-cli | p50 ms | p99 ms | failed | peak RSS MB | start ms |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
labels = {
    "ceiling": "Kestrel, fixed body of the same page (ceiling)",
    "page3-cached": "TimelineApi, response cache on",
    "page3-uncached": "TimelineApi, response cache off",
    "soul": "soul-cli 0.8.2 (Node + better-sqlite3, same rows, flat)",
}
for name in ["ceiling", "page3-cached", "page3-uncached", "soul"]:
    rps, p50, p99, failed = figures(name).split(" | ")
    peak, start = servers[name]
    print(f"| {labels[name]} | {rps} | {ratio(name, 'ceiling')} | {ratio(name, 'soul')} | {p50} | {p99} | {failed} | {peak} | {start} |")
print()
print("### Other endpoints, response cache off")
print()
print("| endpoint | requests/s | vs the ceiling | p50 ms | p99 ms | failed |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name in others:
    label = f"{name} (page {deep_page})" if name == "events-deep" else name
    print(f"| {label} | {figures(name).split(' | ')[0]} | {ratio(name, 'ceiling')} | {' | '.join(figures(name).split(' | ')[1:])} |")
PY
  } >> "$report"
  stop "$SOUL_PID"
  stop "$UNCACHED_PID"

  # Mixed: the dashboard queries with the cache on while a writer adds an event a second and reads it back; the
  # ceiling measured right after it, for its ratio.
  PID=$CACHED_PID
  key=$(ConnectionStrings__Timeline="Data Source=$db" Logging__LogLevel__Default=Warning "$API" keys create --name "bench-$RANDOM" | tail -1)
  rm -f "$OUT/stop-writer"
  python3 - "$BASE" "$key" "$OUT/writer-$size.txt" "$OUT/stop-writer" <<'PY' &
import json, os, sys, time, urllib.request
base, key, out, stop = sys.argv[1:5]
writes = stale = failed = 0
while not os.path.exists(stop):
    started = time.time()
    event_id = f"bench-write-{int(started * 1000)}"
    body = json.dumps({"id": event_id, "title": f"Benchmark write {event_id}", "kind": "meeting", "status": "scheduled", "start": "2031-01-01"}).encode()
    request = urllib.request.Request(f"{base}/v1/events", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request).read()
        writes += 1
        seen_by_id = urllib.request.urlopen(f"{base}/v1/events/{event_id}").status == 200
        listed = json.load(urllib.request.urlopen(f"{base}/v1/events?kind=meeting&from=2031-01-01&to=2031-01-01&sort=-start&limit=500"))
        if not seen_by_id or event_id not in [e["id"] for e in listed["items"]]:
            stale += 1
    except Exception:
        failed += 1
    time.sleep(max(0.0, 1.0 - (time.time() - started)))
open(out, "w").write(f"{writes} {stale} {failed}\n")
PY
  WRITER_PID=$!
  export URLS="$OUT/dashboard-$size.txt"
  measure "$size-mixed" "$BASE/" "$OUT/mixed.lua"
  touch "$OUT/stop-writer"
  wait "$WRITER_PID" || true
  read -r writes stale write_failed < "$OUT/writer-$size.txt"
  read -r fixed_after _ < <(wrk_median "$FIXED_BASE/" "$size-ceiling-after-mixed")
  fixed_peak=$(peak_mb "$FIXED_PID")
  mixed="$RPS requests/s ($(python3 -c "print(f'{$RPS / $fixed_after:.2f}')")× the ceiling measured right after), p50 $P50 ms, p99 $P99 ms, $FAILED failed reads; $writes writes, $stale read back stale, $write_failed failed"
  stop "$CACHED_PID"
  stop "$FIXED_PID"

  {
    echo
    echo "soul-cli, page $deep_page of the same list: $soul_deep."
    echo
    echo "Mixed (1,000 distinct dashboard queries, response cache on, one write a second read back at once): $mixed."
  } >> "$report"

  # A cold start of the build most users run (a plain \`dotnet build -c Release\`, no ReadyToRun): its first answer,
  # and the uncached page in consecutive 5 s windows of load from the first second, against its steady rate (the
  # median of the last two windows) and the ceiling app's start and memory.
  BEGIN_NS=$(date +%s%N)
  ConnectionStrings__Timeline="Data Source=$db" Http__ResponseCacheMegabytes=0 Limits__ReadsPerMinute=1000000000 \
    Logging__LogLevel__Default=Warning dotnet "$PLAIN" --urls "$BASE" > "$OUT/plain.log" 2>&1 &
  PID=$!
  wait_for "$page3" "$PID" "$OUT/plain.log"
  plain_start=$STARTUP_MS
  windows=()
  for window in 1 2 3 4 5 6; do
    windows+=("$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$page3" | awk '/Requests\/sec/ {printf "%.0f", $2}')")
  done
  plain_peak=$(peak_mb "$PID")
  stop "$PID"
  python3 - "$plain_start" "$fixed_start" "$plain_peak" "$fixed_peak" "${windows[@]}" >> "$report" <<'PY'
import statistics, sys
start, fixed_start, peak, fixed_peak = (int(a) for a in sys.argv[1:5])
windows = [int(w) for w in sys.argv[5:]]
steady = statistics.median(windows[-2:])
print()
print(f"Cold plain Release build: first answer (the page) {start} ms, {start / fixed_start:.2f}× the ceiling app's start ({fixed_start} ms); "
      f"page requests/s in 5 s windows from the first: {', '.join(map(str, windows))}; the first window {windows[0] / steady:.2f}× the steady rate; "
      f"peak RSS {peak} MB, {peak / fixed_peak:.2f}× the ceiling app's under load ({fixed_peak} MB).")
PY
done

cat "$report"
echo
echo "Raw outputs in $OUT"
