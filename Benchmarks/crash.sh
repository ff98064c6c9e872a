#!/usr/bin/env bash
# Crash safety: writers through the write API, the server killed with SIGKILL at random moments, restarted, and every
# acknowledged write checked (present, whole, audited; integrity_check ok; foreign_key_check empty).
#
#   Benchmarks/crash.sh [--rounds 20] [--seed S] [--writers 6] [--min-delay 0.3] [--max-delay 3.0]
#   env: SCRATCH=.build (swift build --scratch-path), CONFIGURATION=debug, PORT=19300, KEEP=1 keeps the work folder
#
# 1. builds brugerinformation; seeds a scratch database; adds an editor and an API token for each writer's
#    municipality (`user add`, `token create`);
# 2. runs Benchmarks/crash_writes.py: per round, start `serve`, check everything written so far, start the writers
#    (one per municipality: drafts, recommendations, adoptions, publications, budget dates, follow-up statuses),
#    SIGKILL the server after a seeded random delay; after the last round restart, check, SIGTERM, check the file.
# Last line: `crash: R rounds, W acknowledged writes checked, P problems`; exit status 1 when P > 0.
# CI's short version: Benchmarks/crash.sh --rounds 3 --writers 3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-.build}
CONFIGURATION=${CONFIGURATION:-debug}
PORT=${PORT:-19300}
WRITERS=6
ARGS=()
while (($#)); do
  case $1 in
    --writers) WRITERS=$2; shift 2 ;;
    --rounds | --seed | --min-delay | --max-delay) ARGS+=("$1" "$2"); shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "crash.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! command -v python3 >/dev/null; then
  sudo=""
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3
fi

cd "$ROOT"
echo "[crash.sh] building ($CONFIGURATION, scratch path $SCRATCH)"
swift build -c "$CONFIGURATION" --scratch-path "$SCRATCH" --product brugerinformation 2>&1 | tail -1
BIN="$(swift build -c "$CONFIGURATION" --scratch-path "$SCRATCH" --show-bin-path)/brugerinformation"
WORK=$(mktemp -d /tmp/crash.XXXXXX)
[[ -n ${KEEP:-} ]] && echo "[crash.sh] work folder $WORK (kept)" || trap 'rm -rf "$WORK"' EXIT
DB=$WORK/crash.sqlite

"$BIN" seed --database "$DB" | tail -1
source "$ROOT/Benchmarks/writer_tokens.sh"
writer_tokens "$BIN" "$DB" "$WRITERS" "$WORK/tokens.txt" crash
python3 -B "$ROOT/Benchmarks/crash_writes.py" --bin "$BIN" --database "$DB" --tokens "$WORK/tokens.txt" \
  --port "$PORT" --server-log "$WORK/server.err" ${ARGS[@]+"${ARGS[@]}"}
