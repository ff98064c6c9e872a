#!/usr/bin/env bash
# Citizen page benchmark: a municipality page from our server against Hummingbird's 20 KB /page, and the median
# server-side time to render the page uncached.
#
#   Benchmarks/pages.sh     (env: PAGE=/kommune/0169 DUR=10s CONNS=64,256 PORT=8091 PEERS="hb" ITERATIONS=2000
#                            SCRATCH=.build)
#
# 1. builds brugerinformation and page-benchmark in release mode (in SCRATCH); page-benchmark seeds a fresh database
#    and gives Høje-Taastrup (0169) a published version of three areas with three goals each, measured in a published
#    follow-up (the page the goal names); then `serve` serves that database (the page as citizens get it: through
#    the page cache, with the security headers);
# 2. starts the peers (../shared/peers; Hummingbird by default, built if missing);
# 3. wrk (../shared/tools/bench.sh) on our PAGE and the peers' /page at each connection count; prints req/s, p50,
#    p99, errors, peak RSS, our ratio to each peer (goal: at least 1.0 to Hummingbird) and our p99 at the highest
#    connection count (goal: under 10 ms);
# 4. page-benchmark: the median time to answer PAGE uncached in process (goal: under 300 µs), from the cache, and
#    of Store.siteRevision(), plus the areas and goals the municipality's version in force has.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../shared" && pwd)}
PAGE=${PAGE:-/kommune/0169}
DUR=${DUR:-10s}
CONNS=${CONNS:-64,256}
PORT=${PORT:-8091}
PEERS=${PEERS:-hb}
ITERATIONS=${ITERATIONS:-2000}
SCRATCH=${SCRATCH:-.build}
ulimit -n "$(ulimit -Hn)"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
[[ " $PEERS " == *" nginx "* ]] && ! command -v nginx >/dev/null && need+=(nginx-light)
if ((${#need[@]})); then
  echo "[pages.sh] installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "[pages.sh] building release"
for product in brugerinformation page-benchmark; do
  (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product "$product" 2>&1 | tail -1) || exit 1
done
BIN_DIR="$(cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
WORK=$(mktemp -d /tmp/pages-bench.XXXXXX)
(cd "$ROOT" && "$BIN_DIR/page-benchmark" --database "$WORK/bench.sqlite" --path "$PAGE" --prepare 3x3 \
  --iterations 20 > "$WORK/prepare.txt") || { cat "$WORK/prepare.txt"; exit 1; }
head -1 "$WORK/prepare.txt" | sed 's/^/[pages.sh] /'

"$BIN_DIR/brugerinformation" serve --port "$PORT" --database "$WORK/bench.sqlite" --no-access-log \
  --public "$ROOT/Public" --templates "$ROOT/Templates" > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER=$!
cleanup() {
  "$SHARED/peers/run_peers.sh" stop > /dev/null 2>&1
  kill -TERM "$SERVER" 2>/dev/null
}
trap cleanup EXIT
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "[pages.sh] server died:"; cat "$WORK/server.err"; exit 1; }
  sleep 0.1
done
status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' "http://127.0.0.1:$PORT$PAGE")
if [[ $status != 200 ]]; then
  echo "[pages.sh] GET $PAGE answered $status; set PAGE to a page that exists (e.g. PAGE=/)"
  exit 1
fi
echo "[pages.sh] GET $PAGE: $(wc -c < "$WORK/page.html") bytes; headers:"
curl -sI "http://127.0.0.1:$PORT$PAGE" | grep -iE '^(etag|last-modified|cache-control|content-security-policy):' \
  | sed 's/^/  /'

source "$ROOT/Benchmarks/peers.sh"
start_peers pages.sh
targets=("ours=http://127.0.0.1:$PORT$PAGE")
for p in $PEERS; do targets+=("$p=http://127.0.0.1:${PEER_PORT[$p]}/page"); done

echo
echo "## GET $PAGE (ours, cached) and GET /page (peers: the 20,721-byte page)"
bash "$SHARED/tools/bench.sh" -d "$DUR" -c "$CONNS" "${pid_opts[@]}" "${targets[@]}" | tee "$WORK/bench.txt"
"$SHARED/peers/run_peers.sh" stop > /dev/null 2>&1

echo
echo "## Ratios (ours / peer, requests per second; goal >= 1.0 to hb) and our p99 (goal < 10 ms at the most connections)"
awk -F'|' '
  /^\| [a-z-]+ \| [0-9]+ \|/ && NF == 10 {
    for (i = 2; i <= 6; i++) gsub(/ /, "", $i)
    rps[$2 "@" $3] = $4; p99[$2 "@" $3] = $6
    if (!seen[$2]++) names[++n] = $2; if (!cseen[$3]++) conns[++m] = $3 }
  END {
    for (j = 1; j <= m; j++) {
      printf "  c=%s  ours: %s req/s, p99 %s ms\n", conns[j], rps["ours@" conns[j]], p99["ours@" conns[j]]
      for (i = 1; i <= n; i++) if (names[i] != "ours" && rps[names[i] "@" conns[j]] > 0)
        printf "         ours / %-10s = %.2f  (%s req/s, p99 %s ms)\n", names[i],
          rps["ours@" conns[j]] / rps[names[i] "@" conns[j]], rps[names[i] "@" conns[j]], p99[names[i] "@" conns[j]]
    }
  }' "$WORK/bench.txt"

kill -TERM "$SERVER"
wait "$SERVER"; server_status=$?
echo "server exit status after SIGTERM: $server_status"

echo
echo "## Server-side time for GET $PAGE (page-benchmark, $ITERATIONS iterations, release)"
(cd "$ROOT" && "$BIN_DIR/page-benchmark" --database "$WORK/bench.sqlite" --path "$PAGE" --iterations "$ITERATIONS")
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(date -u +%F)"
trap - EXIT
rm -rf "$WORK"
