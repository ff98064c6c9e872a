#!/usr/bin/env bash
# Store benchmark: the hot reads at 98 and at 9,800 synthetic municipalities, and their query plans.
#
#   Benchmarks/store.sh        (env: SIZES="98 9800" ITERATIONS=2000 CACHE=/tmp/brugerinformation-store-bench)
#
# Builds in release mode, generates each database once (`brugerinformation generate`, cached in $CACHE), and runs
# store-benchmark on it: the median time to load one municipality's version in force with its areas, goals,
# adjustments and latest statuses (goal: under 200 µs, flat as the country grows), and the median time of the national
# compliance answer (goal: under 20 ms for 98, growing no worse than linearly). Prints EXPLAIN QUERY PLAN for every
# statement those reads used, marking any that scans a whole stored table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-98 9800}
ITERATIONS=${ITERATIONS:-2000}
CACHE=${CACHE:-/tmp/brugerinformation-store-bench}
mkdir -p "$CACHE"
cd "$ROOT"
bash .ci/install-deps.sh > /dev/null
swift build -c release --product brugerinformation 2>&1 | tail -1
swift build -c release --product store-benchmark 2>&1 | tail -1
BIN=$(swift build -c release --show-bin-path)
summary=()
for n in $SIZES; do
  db="$CACHE/generated-$n.sqlite"
  [[ -f $db ]] || "$BIN/brugerinformation" generate --municipalities "$n" --output "$db"
  echo
  echo "## $n municipalities"
  out=$("$BIN/store-benchmark" "$db" "$ITERATIONS")
  if [[ $n == "${SIZES%% *}" ]]; then echo "$out"; else echo "$out" | sed -n '1,3p'; fi
  load=$(sed -n 's/.*median \([0-9.]*\) µs.*/\1/p' <<<"$out")
  compliance=$(sed -n 's/.*compliance.*median \([0-9.]*\) ms.*/\1/p' <<<"$out")
  summary+=("| $n | $load µs | $compliance ms |")
done
echo
echo "| municipalities | load version in force (median) | national compliance (median) |"
echo "|---:|---:|---:|"
printf '%s\n' "${summary[@]}"
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F)"
