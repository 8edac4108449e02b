#!/usr/bin/env bash
# Load-tests ratings (POST /api/v1/ratings with an Idempotency-Key each):
# builds loa, starts it with the demo data on SQLite in a temporary
# directory — and on PostgreSQL when LOA_BENCH_DATABASE_URL is set, in a
# schema of its own that is dropped afterwards — and runs the Go load
# generator in scripts/bench-ratings twice per database: as fast as 64
# clients can (the ceiling), then at a fixed rate (default 2,000/s) with
# latency counted from when each request was due.
#
#   scripts/bench-ratings.sh [rate=2000] [duration=20s]
#   LOA_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable scripts/bench-ratings.sh
#
# Rate limits are turned off with LOA_RATE_LIMIT_SCALE=off, the setting
# meant for load tests: every request comes from one address. Never set it
# in production. The server runs with GOMAXPROCS=2; the load generator (and
# PostgreSQL) share the same machine, so quote the figures with its cores.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-2000}"
duration="${2:-20s}"
tmp=$(mktemp -d)
pid=""
schema="bench_ratings_$$"
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  if [ -n "${LOA_BENCH_DATABASE_URL:-}" ]; then psql -q "$LOA_BENCH_DATABASE_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/loa" ./cmd/loa
go build -o "$tmp/bench" ./scripts/bench-ratings
port=18090
base="http://127.0.0.1:$port"

# serve DESCRIPTION [DATABASE_URL]: starts loa and waits until it is ready.
serve() {
  LOA_DATABASE_URL="${2:-}" LOA_RATE_LIMIT_SCALE=off GOMAXPROCS=2 \
    "$tmp/loa" serve --data "$tmp/data" --addr "127.0.0.1:$port" >"$tmp/out" 2>"$tmp/log" &
  pid=$!
  for _ in $(seq 1 150); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fs "$base/readyz" >/dev/null || { echo "bench: loa did not start" >&2; tail "$tmp/log" >&2; exit 1; }
  echo
  echo "== $1"
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

run() {
  echo "-- ceiling: 64 clients, as fast as they get answers"
  "$tmp/bench" -url "$base" -concurrency 64 -duration "$duration"
  echo "-- sustained: $rate ratings/s"
  "$tmp/bench" -url "$base" -rate "$rate" -concurrency 256 -duration "$duration"
}

echo "cores: $(nproc); go: $(go version | cut -d' ' -f3)"
serve "SQLite (WAL, one writer)"
run
stop

if [ -n "${LOA_BENCH_DATABASE_URL:-}" ]; then
  psql -q "$LOA_BENCH_DATABASE_URL" -c "CREATE SCHEMA $schema" >/dev/null
  sep='?'; case "$LOA_BENCH_DATABASE_URL" in *\?*) sep='&';; esac
  serve "PostgreSQL $(psql -tA "$LOA_BENCH_DATABASE_URL" -c 'SHOW server_version')" "$LOA_BENCH_DATABASE_URL${sep}search_path=$schema"
  run
  stop
fi
