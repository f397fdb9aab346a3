#!/usr/bin/env bash
# Load measurement of the project pages on a release build (a benchmark, not a test):
# 1,000 projects of 60 checklist items each (medical devices + network equipment),
# then the median and 99th-percentile latency of the portfolio page and of one project
# page, with wrk on 127.0.0.1 for a bounded time.
# Usage: bench/projects-load.sh [DURATION_SECONDS] [DATABASE_URL]
#   no DATABASE_URL: a fresh SQLite file; postgres://…: that (empty) database.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
PROJECTS=${PROJECTS:-1000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p procura
BIN=target/release/procura

WORK=$(mktemp -d)
export PROCURA_DATABASE=${2:-$WORK/procura.db} RUST_LOG=warn
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN" user add --email admin@chu.example --org "CHU Bench" --role admin --password-stdin <<<"bench-password-long-enough" >/dev/null
TOKEN=$("$BIN" user token --email admin@chu.example --name load-test 2>/dev/null)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"

echo "seeding $PROJECTS projects…"
START=$(date +%s)
seq 1 "$PROJECTS" | xargs -P 4 -I{} curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" \
    -H 'content-type: application/json' \
    -d '{"reference":"BENCH-{}","title":"Équipement biomédical {}","procurement_types":["medical-devices","network-equipment"]}' \
    "$BASE/api/v1/projects"
echo "seeded in $(( $(date +%s) - START )) s"
PROJECT=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/projects?q=BENCH-500" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
ITEMS=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/projects/$PROJECT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "items per project: $ITEMS"

for connections in 1 8; do for page in "/projects" "/projects/$PROJECT"; do
    wrk -t1 -c"$connections" -d3s -H "Authorization: Bearer $TOKEN" "$BASE$page" >/dev/null
    echo "== GET $page ($connections connections, ${DURATION}s)"
    wrk -t1 -c"$connections" -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$BASE$page" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done; done
