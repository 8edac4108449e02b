#!/usr/bin/env bash
# Load-tests the public site on SQLite: builds loa, starts it with the demo
# data in a temporary directory and runs wrk against the service page and
# search. Prints requests/s and the latency distribution (p50…p99).
#
#   scripts/bench-site.sh [duration=20s] [connections=32]
#
# Needs wrk (apt-get install wrk). The numbers depend on the machine; quote
# them with the machine's core count.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20s}"
conns="${2:-32}"
command -v wrk >/dev/null || { echo "bench: wrk not installed (apt-get install wrk)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/loa" ./cmd/loa
port=18080
"$tmp/loa" serve --data "$tmp" --addr "127.0.0.1:$port" >"$tmp/out" 2>"$tmp/log" &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
base="http://127.0.0.1:$port"
echo "cores: $(nproc); go: $(go version | cut -d' ' -f3); database: SQLite"
for path in "/dich-vu/dang-ky-khai-sinh" "/tim-kiem?q=dang+ky+khai+sinh" "/api/v1/services?q=gplx"; do
  curl -fs -o /dev/null "$base$path"
  size=$(curl -fs "$base$path" | wc -c)
  echo
  echo "== GET $path ($size bytes)"
  wrk -t2 -c"$conns" -d"$duration" --latency "$base$path" | grep -E "Requests/sec|Latency  |50%|75%|90%|99%|Non-2xx|Socket errors"
done
