#!/usr/bin/env bash
# Directory benchmarks of docs/perf.md: HSDS import (SQLite, PostgreSQL),
# search index rebuild, search latency and throughput over HTTP at 1 and 32
# concurrent clients against /healthz, and PostgreSQL full-text search on
# the same documents and queries.
#
# Usage: bench/directory.sh [WORK_DIR]
#   SCALE (province), SEED (1), REQUESTS (2000 per run), PG_ADMIN_URL
#   (postgres://postgres@127.0.0.1:5432/postgres), PORT (a free one) may be set;
#   SKIP_BUILD=1 uses the release binaries already built; SETTLE_LOAD, below.
# Results: one JSON document per measurement in WORK_DIR/results.jsonl.
# Nothing here asserts a time: it measures and prints.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/maillage-bench.XXXXXX)}
SCALE=${SCALE:-province}
SEED=${SEED:-1}
REQUESTS=${REQUESTS:-2000}
# A free port (others may be serving on the usual ones).
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_DB=maillage_bench_$$
PG_URL=${PG_ADMIN_URL%/*}/$PG_DB
BIN=$ROOT/target/release/maillage
LOADGEN=$ROOT/target/release/examples/loadgen
RESULTS=$WORK/results.jsonl
export RUST_LOG=${RUST_LOG:-warn}

mkdir -p "$WORK"
: >"$RESULTS"
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    psql "$PG_ADMIN_URL" -qAt -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

record() { # NAME JSON
    printf '{"measure": "%s", "load_average": "%s", "result": %s}\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" "$2" | tee -a "$RESULTS"
}

# With SETTLE_LOAD=x, wait (up to 5 minutes) before each measurement until
# the 1-minute load average is below x: other work on the machine skews
# the figures (each result records the load average it ran under).
settle() {
    [ -n "${SETTLE_LOAD:-}" ] || return 0
    for _ in $(seq 1 60); do
        awk -v max="$SETTLE_LOAD" '{ exit !($1 < max) }' /proc/loadavg && return 0
        sleep 5
    done
}

timed() { # NAME COMMAND... : wall-clock seconds of COMMAND, its stdout kept
    local name=$1; shift
    local start end out
    settle
    start=$(date +%s.%N)
    out=$("$@")
    end=$(date +%s.%N)
    printf '%s\n' "$out" >"$WORK/$name.out"
    record "$name" "{\"seconds\": $(echo "$end - $start" | bc -l | sed 's/^\./0./')}"
}

echo "== machine" >&2
record machine "{\"cpus\": $(nproc), \"model\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\", \"memory_gb\": $(free -g | awk '/Mem:/ {print $2}'), \"kernel\": \"$(uname -r)\", \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"postgresql\": \"$(psql "$PG_ADMIN_URL" -qAt -c 'SHOW server_version')\", \"load_average\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== build (release)" >&2
    (cd "$ROOT" && cargo build --release -p maillage --bin maillage --example loadgen >&2)
fi

echo "== generate $SCALE" >&2
rm -rf "$WORK/gen"
timed generate "$BIN" generate --scale "$SCALE" --seed "$SEED" --out "$WORK/gen" --json
PACKAGE=$WORK/gen/hsds

echo "== import into SQLite" >&2
rm -rf "$WORK/sqlite"
"$BIN" --data-dir "$WORK/sqlite" migrate --json >/dev/null
timed import_sqlite "$BIN" --data-dir "$WORK/sqlite" import hsds --json "$PACKAGE"

echo "== search index rebuild (SQLite)" >&2
timed search_warm "$BIN" --data-dir "$WORK/sqlite" search "maison de la famille" --json
rm -rf "$WORK/sqlite/search-index"
timed index_rebuild_sqlite "$BIN" --data-dir "$WORK/sqlite" search "maison de la famille" --json

echo "== import into PostgreSQL" >&2
psql "$PG_ADMIN_URL" -qAt -c "CREATE DATABASE $PG_DB" >/dev/null
rm -rf "$WORK/pg"
"$BIN" --data-dir "$WORK/pg" --database-url "$PG_URL" migrate --json >/dev/null
timed import_postgres "$BIN" --data-dir "$WORK/pg" --database-url "$PG_URL" import hsds --json "$PACKAGE"
rm -rf "$WORK/pg/search-index"
timed index_rebuild_postgres "$BIN" --data-dir "$WORK/pg" --database-url "$PG_URL" search "maison de la famille" --json

echo "== queries" >&2
"$LOADGEN" queries --package "$PACKAGE" --count "$REQUESTS" --seed "$SEED" >"$WORK/queries.jsonl"

echo "== serve (release, SQLite) on 127.0.0.1:$PORT" >&2
"$BIN" --data-dir "$WORK/sqlite" serve --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server did not start:" >&2
    cat "$WORK/serve.log" >&2
    exit 1
fi
SEARCH_URL=http://127.0.0.1:$PORT/api/v1/search
if ! curl -fsS "$SEARCH_URL?q=test" >/dev/null 2>&1; then
    echo "GET /api/v1/search is not available" >&2
    exit 1
fi

for c in 1 32; do
    echo "== HTTP, $c client(s)" >&2
    settle
    record "healthz_c$c" "$("$LOADGEN" healthz --url "http://127.0.0.1:$PORT/healthz" --concurrency "$c" --requests "$REQUESTS")"
    settle
    record "search_http_c$c" "$("$LOADGEN" http --url "$SEARCH_URL" --queries "$WORK/queries.jsonl" --concurrency "$c" --requests "$REQUESTS" ${PREFIX_PARAM:+--prefix-param "$PREFIX_PARAM"})"
done
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

echo "== PostgreSQL full-text search" >&2
timed pg_fts_setup psql "$PG_URL" -qAt -v ON_ERROR_STOP=1 -f "$ROOT/bench/pg_fts.sql"
for c in 1 32; do
    echo "== PostgreSQL FTS, $c client(s)" >&2
    settle
    record "search_pg_c$c" "$("$LOADGEN" pg --url "$PG_URL" --queries "$WORK/queries.jsonl" --concurrency "$c" --requests "$REQUESTS")"
done
# The same with the last word of prefix queries matched as a prefix
# (`word:*`), which /api/v1/search does not do: accuracy only.
settle
record "search_pg_prefix_c1" "$("$LOADGEN" pg --url "$PG_URL" --queries "$WORK/queries.jsonl" --concurrency 1 --requests "$REQUESTS" --prefix)"

echo "results: $RESULTS" >&2
