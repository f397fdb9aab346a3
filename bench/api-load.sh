#!/usr/bin/env bash
# Load measurement of the catalogue API on a release build (a benchmark, not a test):
# requests per second and latency percentiles of GET /api/v1/practices?type=medical-devices
# with 64 connections, authenticated with a personal API token, and the server's resident
# memory idle and under that load.
# Usage: bench/api-load.sh [DURATION_SECONDS] [DATABASE_URL]
# Needs wrk (Debian package `wrk`). Traffic goes to 127.0.0.1 only, for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -q -p procura
BIN=target/release/procura

WORK=$(mktemp -d)
DATABASE=${2:-$WORK/procura.db}
export PROCURA_DATABASE="$DATABASE" RUST_LOG=warn
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BIN" user add --email bench@chu.example --org "CHU Bench" --role viewer --password-stdin <<<"bench-password-long-enough" >/dev/null
TOKEN=$("$BIN" user token --email bench@chu.example --name load-test 2>/dev/null)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$SERVER/status"; }
URL="http://127.0.0.1:$PORT/api/v1/practices?type=medical-devices"
curl -sf -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null
echo "idle RSS: $(rss)"
# Warm-up, then the measured run.
wrk -t2 -c64 -d3s -H "Authorization: Bearer $TOKEN" "$URL" >/dev/null
wrk -t2 -c64 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$URL" >"$WORK/wrk.txt" &
WRK=$!
sleep $((DURATION / 2))
echo "RSS under load: $(rss)"
wait "$WRK"
cat "$WORK/wrk.txt"
