#!/usr/bin/env bash
# HTTP benchmark: our server against the peers in ../shared/peers, in one run, printed as ratios.
#
#   Benchmarks/http.sh            (env: DUR=10s CONNS=64,256 IDLE=10000 PORT=8090 PEERS="hb vapor flyingfox nginx"
#                                  ROUTES="plaintext page static"; IDLE=0 skips the idle-connection step;
#                                  SERVE_ARGS="--events-per-turn 256" passes options to our `serve`)
#
# 1. builds brugerinformation in release mode and starts `serve --benchmark-routes` on a scratch database;
# 2. starts the peers (building any that are missing: Hummingbird ~4 min, Vapor ~10-15 min on 2 cores);
# 3. wrk (../shared/tools/bench.sh) on GET /plaintext (13 bytes) and GET /page (20,721 bytes rendered from 50 rows)
#    at each connection count, for every server; prints req/s, p50, p99, errors, peak RSS, and our ratio to each peer;
#    then GET /_bench/static (the same page rendered once at start) against nginx's static copy: the server's own
#    cost without the rendering;
# 4. holds IDLE idle keep-alive connections to our server and measures one more client meanwhile (wrk -c1), printing
#    its p50/p99 and the server's RSS while holding them;
# 5. stops everything (our server by SIGTERM, which must exit 0).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../shared" && pwd)}
DUR=${DUR:-10s}
CONNS=${CONNS:-64,256}
IDLE=${IDLE:-10000}
PORT=${PORT:-8090}
PEERS=${PEERS:-hb vapor flyingfox nginx}
ulimit -n "$(ulimit -Hn)"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  echo "[http.sh] installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "[http.sh] building release"
(cd "$ROOT" && swift build -c release --product brugerinformation 2>&1 | tail -1) || exit 1
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/brugerinformation"
WORK=$(mktemp -d /tmp/http-bench.XXXXXX)

# shellcheck disable=SC2086
"$BIN" serve --port "$PORT" --database "$WORK/bench.sqlite" --benchmark-routes ${SERVE_ARGS:-} \
  > "$WORK/access.log" 2> "$WORK/server.err" &
SERVER=$!
cleanup() {
  "$SHARED/peers/run_peers.sh" stop > /dev/null 2>&1
  kill -TERM "$SERVER" 2>/dev/null
  [[ -n ${HOLDER:-} ]] && kill "$HOLDER" 2>/dev/null
}
trap cleanup EXIT
for _ in $(seq 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/_bench/plaintext" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "[http.sh] server died:"; cat "$WORK/server.err"; exit 1; }
  sleep 0.1
done

# Peers: build what is missing, then start them.
source "$ROOT/Benchmarks/peers.sh"
start_peers http.sh

run_route() {  # $1 = our path, $2 = peer path, $3 = nginx path
  local targets=("ours=http://127.0.0.1:$PORT$1") p
  for p in $PEERS; do
    if [[ $p == nginx ]]; then targets+=("nginx=http://127.0.0.1:${PEER_PORT[nginx]}$3")
    else targets+=("$p=http://127.0.0.1:${PEER_PORT[$p]}$2"); fi
  done
  bash "$SHARED/tools/bench.sh" -d "$DUR" -c "$CONNS" "${pid_opts[@]}" "${targets[@]}"
}

ROUTES=${ROUTES:-plaintext page static}
touch "$WORK/plaintext.txt" "$WORK/page.txt" "$WORK/static.txt"
if [[ " $ROUTES " == *" plaintext "* ]]; then
  echo
  echo "## GET /plaintext"
  run_route /_bench/plaintext /plaintext /plaintext | tee "$WORK/plaintext.txt"
fi
if [[ " $ROUTES " == *" page "* ]]; then
  echo
  echo "## GET /page (20,721 bytes; nginx serves a static copy)"
  run_route /_bench/page /page /page | tee "$WORK/page.txt"
fi
if [[ " $ROUTES " == *" static "* && " $PEERS " == *" nginx "* ]]; then
  echo
  echo "## The page without rendering: ours GET /_bench/static (rendered once at start), nginx the same file"
  PEERS=nginx run_route /_bench/static /page /page | tee "$WORK/static.txt"
fi

ratios() {  # our req/s divided by each peer's, per connection count
  awk -F'|' '
    # throughput rows only: | name | conns | req/s | p50 | p99 | max | transfer/s | errors |
    /^\| [a-z-]+ \| [0-9]+ \|/ && NF == 10 { gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); rps[$2 "@" $3] = $4;
      if (!seen[$2]++) names[++n] = $2; if (!cseen[$3]++) conns[++m] = $3 }
    END { for (j = 1; j <= m; j++) for (i = 1; i <= n; i++) if (names[i] != "ours" && rps[names[i] "@" conns[j]] > 0)
      printf "  c=%s  ours / %-10s = %.2f  (%s vs %s req/s)\n", conns[j], names[i],
        rps["ours@" conns[j]] / rps[names[i] "@" conns[j]], rps["ours@" conns[j]], rps[names[i] "@" conns[j]] }' "$1"
}
echo
echo "## Ratios (ours / peer, requests per second; > 1 means ours is faster)"
echo "plaintext:"; ratios "$WORK/plaintext.txt"
echo "page:"; ratios "$WORK/page.txt"
echo "page rendered once (ours) against nginx's file:"; ratios "$WORK/static.txt"

"$SHARED/peers/run_peers.sh" stop > /dev/null 2>&1

rss() { awk -v f="$2:" '$1==f{printf "%.1f", $2/1024}' "/proc/$1/status"; }
if ((IDLE > 0)); then
  echo
  echo "## $IDLE idle keep-alive connections, and one more client meanwhile"
  before=$(rss "$SERVER" VmRSS)
  coproc HOLD { python3 "$ROOT/Benchmarks/idle_clients.py" "127.0.0.1:$PORT" --connections "$IDLE" \
    --path /_bench/plaintext --hold 120; }
  HOLDER=$HOLD_PID
  read -r -t 90 ready <&"${HOLD[0]}" || ready="(holder gave no answer)"
  echo "holder: $ready"
  held=$(rss "$SERVER" VmRSS)
  extra=$(wrk -t1 -c1 -d5s --latency "http://127.0.0.1:$PORT/_bench/plaintext" 2>&1)
  open_now=$(ls "/proc/$SERVER/fd" | wc -l)
  echo "server RSS before: $before MiB; holding the idle connections: $held MiB; open fds: $open_now"
  echo "extra client (wrk -t1 -c1 -d5s): $(awk '/^Requests\/sec:/{print $2 " req/s"}' <<<"$extra"), \
  p50 $(awk '/^ +50%/{print $2}' <<<"$extra"), p99 $(awk '/^ +99%/{print $2}' <<<"$extra"), \
  errors $(awk '/Socket errors|Non-2xx/{print}' <<<"$extra" | tr '\n' ' ')"
  echo stop >&"${HOLD[1]}"
  read -r -t 60 closed <&"${HOLD[0]}" && echo "holder: $closed"
  wait "$HOLDER" 2>/dev/null
  HOLDER=
fi
echo "server peak RSS over the whole run (VmHWM): $(rss "$SERVER" VmHWM) MiB"

kill -TERM "$SERVER"
wait "$SERVER"; status=$?
echo "server exit status after SIGTERM: $status"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(date -u +%F)"
trap - EXIT
rm -rf "$WORK"
