#!/usr/bin/env bash
# What the worst requests a client can craft under the limits cost everyone else. Against a Release build on
# loopback, over a database holding ten planted sources of 160,000 copies of one word (as a hostile writer could
# plant them, within the size limit), it measures GET /v1/events (uncached) with wrk:
#   - alone;
#   - while 4 clients send, one after another for the whole time, the worst they can: two the worst full-text search
#     (four phrases of the planted word: every phrase matches everywhere), two the slowest report to read (480,000
#     characters of short sentences, posted as a new source each time, read for suggestions).
# Prints p50/p99/requests per second of both runs, and what the 4 clients were answered (counted by status).
#
#   tests/Benchmarks/cost.sh                 # DURATION=20 seconds of load
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. Bounded: every loop stops by itself after DURATION.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
ATTACKERS=${ATTACKERS:-search search report report}
PORT=${PORT:-5079}
OUT=${OUT:-$(mktemp -d)}
BASE=http://127.0.0.1:$PORT
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (see the header of this script)" >&2; exit 2; }
done

dotnet build src/TimelineApi -c Release -v quiet -nologo >/dev/null
API="dotnet src/TimelineApi/bin/Release/net10.0/TimelineApi.dll"
# Reads per minute unlimited, so that the measuring client is never refused; every other limit and budget as shipped.
export ConnectionStrings__Timeline="Data Source=$OUT/cost.db" Http__ResponseCacheMegabytes=0 Limits__ReadsPerMinute=1000000000 Logging__LogLevel__Default=Warning

KEY=$($API keys create --name attacker 2>/dev/null | tail -n 1)
$API --urls "$BASE" > "$OUT/api.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
until curl -sf "$BASE/health" > /dev/null; do sleep 0.1; done

python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
word = " ".join(["aa"] * 160_000)
with open(f"{out}/planted.ndjson", "w") as f:
    for i in range(10):
        f.write(json.dumps({"id": f"planted-{i}", "title": "Planted", "fileName": f"planted-{i}.txt", "text": word}) + "\n")
with open(f"{out}/report.json", "w") as f:
    f.write(json.dumps("President Joe Biden said on Tuesday. " * 13_000))
PY
status=$(curl -s -o "$OUT/import.json" -w '%{http_code}' -X POST "$BASE/v1/import" -H "Authorization: Bearer $KEY" \
  -H "Content-Type: application/x-ndjson" --data-binary "@$OUT/planted.ndjson")
[ "$status" = 200 ] || { echo "Planting the sources failed: $status $(head -c 500 "$OUT/import.json")" >&2; exit 1; }

EVENTS="$BASE/v1/events?limit=50&kind=talks,meeting,call"
WORST='"aa aa aa aa" "aa aa aa" "aa aa aa aa" "aa aa"'

# measure NAME: warm-up, then wrk for DURATION seconds on the events list; prints "rps p50_ms p99_ms".
measure() {
  wrk -t1 -c4 -d3s "$EVENTS" > /dev/null
  wrk -t1 -c4 -d"${DURATION}s" --latency "$EVENTS" > "$OUT/$1.txt"
  python3 - "$OUT/$1.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    value, unit = re.search(rf"{label}%\s+([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(f"{rps:.0f} {ms('50'):.2f} {ms('99'):.2f}")
PY
}

# attack KIND N: one client sending its worst request, one after another, for the whole run; counts statuses in a file.
attack() {
  local end=$((SECONDS + DURATION + 3)) i=0
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    case $1 in
      search) curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -G "$BASE/v1/search" --data-urlencode "q=$WORST" ;;
      report) { printf '{"id": "report-%s-%s", "text": ' "$2" "$i"; cat "$OUT/report.json"; printf '}'; } |
                curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST "$BASE/v1/sources" -H "Authorization: Bearer $KEY" \
                  -H "Content-Type: application/json" --data-binary @- ;;
    esac
  done > "$OUT/attack-$1-$2.txt"
}

read -r ALONE_RPS ALONE_P50 ALONE_P99 < <(measure alone)
n=0 attackers=()
for kind in $ATTACKERS; do
  n=$((n + 1))
  attack "$kind" "$n" &
  attackers+=($!)
done
sleep 1
read -r LOAD_RPS LOAD_P50 LOAD_P99 < <(measure attacked)
wait "${attackers[@]}"

echo "GET /v1/events (uncached), wrk -t1 -c4 for ${DURATION} s; $(nproc) cores"
echo
echo "| run | requests/s | p50 ms | p99 ms |"
echo "|---|---:|---:|---:|"
echo "| alone | $ALONE_RPS | $ALONE_P50 | $ALONE_P99 |"
echo "| with $n worst clients ($ATTACKERS) | $LOAD_RPS | $LOAD_P50 | $LOAD_P99 |"
echo
for kind in $(echo "$ATTACKERS" | tr ' ' '\n' | sort -u); do
  echo "$kind clients were answered: $(cat "$OUT"/attack-$kind-*.txt | sort | uniq -c | awk '{printf "%s × %s, ", $1, $2}' | sed 's/, $//')"
done
