#!/usr/bin/env bash
# Peak resident memory of `procura serve` while 64 people sign in at the same moment (a
# measurement, not a test): 64 accounts, 64 parallel POST /sign-in with the right password,
# each from its own address (X-Forwarded-For through a trusted proxy, so the per-address
# throttle does not turn most of them away before their password is hashed). Prints the
# answers' status codes, the idle RSS and the peak (VmHWM).
# Usage: bench/sign-in-memory.sh [PROCURA_BINARY]   (default: a debug build, built here)
# Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ge 1 ]; then
    BIN=$1
else
    cargo build -q -p procura
    BIN=target/debug/procura
fi
PEOPLE=64
PASSWORD="vert-cheval-pile-agrafe"

WORK=$(mktemp -d)
export PROCURA_DATABASE="$WORK/procura.db" PROCURA_TRUSTED_PROXIES=127.0.0.1 RUST_LOG=warn
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

for i in $(seq "$PEOPLE"); do
    "$BIN" user add --email "p$i@chu.example" --org "CHU Bench" --role viewer --password-stdin \
        <<<"$PASSWORD" >/dev/null
done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --listen "127.0.0.1:$PORT" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

BASE="http://127.0.0.1:$PORT"
# One anonymous CSRF pair (cookie and form field) serves every request.
CSRF=$(curl -sf -c "$WORK/jar" "$BASE/sign-in" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
echo "idle RSS: $(awk '/VmRSS/ {print $2 " kB"}' "/proc/$SERVER/status")"
export BASE CSRF PASSWORD WORK
seq "$PEOPLE" | xargs -P "$PEOPLE" -I{} sh -c \
    'curl -s -o /dev/null -w "%{http_code}\n" -b "$WORK/jar" -H "X-Forwarded-For: 198.51.100.{}" \
        --data-urlencode "csrf=$CSRF" --data-urlencode "email=p{}@chu.example" \
        --data-urlencode "password=$PASSWORD" "$BASE/sign-in"' | sort | uniq -c
echo "peak RSS (VmHWM): $(awk '/VmHWM/ {print $2 " kB"}' "/proc/$SERVER/status")"
