#!/usr/bin/env bash
# Load on `canonym serve` over loopback with wrk (Debian package `wrk`), beside the same work
# through the command line's batch mode. Not run by CI.
#
#   benches/serve_load.sh [DURATION_SECONDS_PER_RUN=10] [CONCURRENCIES="1 16 64"]
#
# Runs POST /reconcile (OpenRefine's batch of 10 names, form-encoded) and POST /tag (a French
# news paragraph as text/plain) at each concurrency, then reports requests/s, p50/p99 latency,
# errors (non-2xx and socket errors; must be 0) and the server's peak RSS; then times
# `canonym resolve --json -` and `canonym tag --json -` on the same queries and text.
# With the defaults: 2 endpoints x 3 concurrencies x 10 s = 60 s of load.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10}
concurrencies=${2:-1 16 64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
cargo build --release --quiet
binary=target/release/canonym
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# The queries: the first column of tests/serve/names.tsv, ten at a time as OpenRefine sends.
grep -v '^#' tests/serve/names.tsv | cut -f1 | head -10 > "$work/names.txt"
queries=$(python3 - "$work/names.txt" <<'EOF'
import json, sys, urllib.parse
names = open(sys.argv[1], encoding="utf-8").read().splitlines()
batch = {f"q{i}": {"query": n, "type_strict": "should"} for i, n in enumerate(names)}
print(urllib.parse.urlencode({"queries": json.dumps(batch)}))
EOF
)
text="Les FAMa ont repris Kidal aux rebelles du CSP-DPA. Le GSIM a revendiqué l'attaque de Tin Zaouatine, près de la frontière algérienne, où le groupe Wagner avait perdu des hommes. À Bamako, le colonel Goïta a reçu Sergueï Lavrov; la Minusma a quitté Gao et Tombouctou."

lua() { # $1 content type, $2 body -> a wrk script that POSTs it
  python3 - "$1" "$2" <<'EOF'
import json, sys
print('wrk.method = "POST"')
print(f'wrk.headers["Content-Type"] = {json.dumps(sys.argv[1])}')
print(f"wrk.body = {json.dumps(sys.argv[2], ensure_ascii=False)}")
EOF
}
lua "application/x-www-form-urlencoded" "$queries" > "$work/reconcile.lua"
lua "text/plain; charset=utf-8" "$text" > "$work/tag.lua"

"$binary" serve --addr 127.0.0.1:0 2> "$work/server.log" &
server=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/server.log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/server.log" | head -1)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "server: $url, $duration s per run, wrk with 2 threads"
printf '%-10s %5s %10s %9s %9s %7s\n' endpoint conns 'req/s' p50 p99 errors
for endpoint in reconcile tag; do
  for c in $concurrencies; do
    threads=$(( c < 2 ? 1 : 2 ))
    out=$(wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s "$work/$endpoint.lua" "$url/$endpoint")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    socket=$(awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}' <<<"$out")
    printf '%-10s %5s %10s %9s %9s %7s\n' "/$endpoint" "$c" "$rps" "$p50" "$p99" $(( ${non2xx:-0} + ${socket:-0} ))
  done
done
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
kill -TERM "$server"
wait "$server" && echo "server drained and exited 0 on SIGTERM"

# The same work through the command line's batch mode, one process reading standard input.
python3 - "$work/names.txt" "$work/queries.txt" <<'EOF'
import sys
names = open(sys.argv[1], encoding="utf-8").read().splitlines()
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(names * 20000) + "\n")
EOF
for _ in $(seq 20000); do echo "$text"; done > "$work/texts.txt"
time_it() { # $1 label, $2 count, then the command; input on stdin
  local label=$1 count=$2; shift 2
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null || [ $? -eq 1 ]
  end=$(date +%s.%N)
  python3 -c "import sys; s = float(sys.argv[2]) - float(sys.argv[1]); print(f'{sys.argv[3]}: {int(sys.argv[4]):,} in {s:.2f} s = {int(sys.argv[4]) / s:,.0f}/s')" "$start" "$end" "$label" "$count"
}
time_it "CLI resolve --json - (queries)" $(( 10 * 20000 )) "$binary" resolve --json - < "$work/queries.txt"
time_it "CLI tag --json - (documents)" 20000 "$binary" tag --json - < "$work/texts.txt"
