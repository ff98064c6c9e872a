#!/usr/bin/env bash
# The 30-second mixed load: 256 connections reading (wrk: citizen pages, API reads, feeds, CSV) while API writers
# write; then no errors, no lost writes, memory flat.
#
#   Benchmarks/load.sh [--duration 30] [--connections 256] [--writers 4] [--margin-mib 8] [--seed S]
#   env: SCRATCH=.build (swift build --scratch-path), PORT=19350, KEEP=1 keeps the work folder
#
# 1. builds brugerinformation in release mode, seeds a scratch database, adds an editor and an API token for each
#    writer's municipality;
# 2. runs Benchmarks/load_writes.py: serve, wrk with Benchmarks/load.lua for the duration while the writers write
#    (drafts, recommendations, adoptions, publications, budget dates, follow-ups), RSS sampled every second; then
#    SIGTERM and every acknowledged write checked in the SQLite file.
# Last line: `load: R reads/s (p50, p99), W writes acknowledged, E errors, L lost writes, RSS A MiB → B MiB`;
# exit status 1 on any error, lost write or memory growth over the margin in the last 20 s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-.build}
PORT=${PORT:-19350}
WRITERS=4
ARGS=()
while (($#)); do
  case $1 in
    --writers) WRITERS=$2; shift 2 ;;
    --duration | --connections | --margin-mib | --seed | --threads) ARGS+=("$1" "$2"); shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  echo "[load.sh] installing ${need[*]}"
  sudo=""
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
ulimit -n "$(ulimit -Hn)"

cd "$ROOT"
echo "[load.sh] building release (scratch path $SCRATCH)"
swift build -c release --scratch-path "$SCRATCH" --product brugerinformation 2>&1 | tail -1
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/brugerinformation"
WORK=$(mktemp -d /tmp/load.XXXXXX)
[[ -n ${KEEP:-} ]] && echo "[load.sh] work folder $WORK (kept)" || trap 'rm -rf "$WORK"' EXIT
DB=$WORK/load.sqlite

"$BIN" seed --database "$DB" | tail -1
source "$ROOT/Benchmarks/writer_tokens.sh"
: >"$WORK/tokens.txt"
writer_tokens "$BIN" "$DB" "$WRITERS" "$WORK/tokens.txt" load
python3 -B "$ROOT/Benchmarks/load_writes.py" --bin "$BIN" --database "$DB" --tokens "$WORK/tokens.txt" \
  --port "$PORT" --server-log "$WORK/server.err" ${ARGS[@]+"${ARGS[@]}"}
