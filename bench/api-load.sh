#!/usr/bin/env bash
# Load measurement of the JSON API on release builds (a benchmark, not a test), one binary
# after another in the same run so their figures compare:
#   - GET /api/v1/practices?type=medical-devices (the catalogue, 27 practices, ~31 KB)
#   - GET /api/v1/projects/{id}/checklist?format=json (a project of 60 checklist items)
# with 64 connections, authenticated with a personal API token, and each server's resident
# memory idle and under load.
# Usage: bench/api-load.sh [DURATION_SECONDS] [BINARY ...]
#   no BINARY: this tree's release build (built first). Give an older build first to compare:
#   bench/api-load.sh 15 /tmp/procura-before target/release/procura
# Needs wrk (Debian package `wrk`). Traffic goes to 127.0.0.1 only, for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
shift || true
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ $# -eq 0 ]; then
    cargo build --release -q -p procura
    set -- target/release/procura
fi

WORK=$(mktemp -d)
SERVER=
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The server logs as in production (one line per request) unless RUST_LOG says otherwise.

rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$SERVER/status"; }

# One measured run: prints a table row.
measure() { # binary label url
    local url=$3
    wrk -t2 -c64 -d3s -H "Authorization: Bearer $TOKEN" "$url" >/dev/null
    wrk -t2 -c64 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$url" >"$WORK/wrk.txt" &
    local wrk_pid=$!
    sleep $((DURATION / 2))
    local loaded
    loaded=$(rss)
    wait "$wrk_pid"
    if grep -q "Non-2xx" "$WORK/wrk.txt"; then
        echo "$1: non-2xx answers for $2:" >&2
        cat "$WORK/wrk.txt" >&2
        exit 1
    fi
    awk -v bin="$1" -v what="$2" -v idle="$IDLE" -v loaded="$loaded" '
        / 50%/ {p50=$2} / 90%/ {p90=$2} / 99%/ {p99=$2} /Requests\/sec/ {rps=$2}
        END {printf "| %s | %s | %.0f | %s | %s | %s | %s | %s |\n", bin, what, rps, p50, p90, p99, idle, loaded}
    ' "$WORK/wrk.txt"
}

echo "| Binary | Request | Requests/s | p50 | p90 | p99 | RSS idle | RSS under load |"
echo "|---|---|---|---|---|---|---|---|"
for BIN in "$@"; do
    export PROCURA_DATABASE="$WORK/$(basename "$BIN")-$RANDOM.db"
    "$BIN" user add --email bench@chu.example --org "CHU Bench" --role admin \
        --password-stdin <<<"bench-password-long-enough" >/dev/null
    TOKEN=$("$BIN" user token --email bench@chu.example --name load-test 2>/dev/null)
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$BIN" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
    SERVER=$!
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
    BASE="http://127.0.0.1:$PORT"
    PROJECT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
        -d '{"reference":"BENCH-1","title":"Équipement biomédical","procurement_types":["medical-devices","network-equipment"]}' \
        "$BASE/api/v1/projects" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    IDLE=$(rss)
    measure "$BIN" "practices?type=medical-devices" "$BASE/api/v1/practices?type=medical-devices"
    measure "$BIN" "checklist (json, 60 items)" "$BASE/api/v1/projects/$PROJECT/checklist?format=json"
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
    SERVER=
done
