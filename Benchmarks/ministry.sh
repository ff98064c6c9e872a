#!/usr/bin/env bash
# Ministry benchmark: the server time of the national table (GET /ministeriet) for the seeded 98 municipalities and
# for 9,800 synthetic ones, against the goals (under 50 ms and under 2 s).
#
#   Benchmarks/ministry.sh   (env: SIZES="98 9800" ITERATIONS=200 LARGE_ITERATIONS=15 SCRATCH=.build
#                             CACHE=/tmp/brugerinformation-ministry-bench PAGE=/ministeriet)
#
# Builds brugerinformation and ministry-benchmark in release mode (in SCRATCH). 98 is the seeded database (`seed`,
# the example data the CI and the tests use); any other size is `brugerinformation generate --municipalities N`,
# generated once and cached in CACHE. ministry-benchmark answers PAGE in process through the ministry's route as a
# signed-in ministry user (the Store's compliance answer as of today, the table, its filters and sort, the page),
# and times the Store's reads alone, so the time splits into Store and render; then the CSV export. Prints the
# median and p90 of each over the runs (ITERATIONS for 98, LARGE_ITERATIONS for the larger sizes) and a summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-98 9800}
ITERATIONS=${ITERATIONS:-200}
LARGE_ITERATIONS=${LARGE_ITERATIONS:-15}
SCRATCH=${SCRATCH:-.build}
CACHE=${CACHE:-/tmp/brugerinformation-ministry-bench}
PAGE=${PAGE:-/ministeriet}
mkdir -p "$CACHE"
cd "$ROOT"

echo "[ministry.sh] building release"
for product in brugerinformation ministry-benchmark; do
  swift build -c release --scratch-path "$SCRATCH" --product "$product" 2>&1 | tail -1
done
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

summary=()
for n in $SIZES; do
  if [[ $n == 98 ]]; then
    db="$CACHE/seeded-98.sqlite"
    [[ -f $db ]] || "$BIN/brugerinformation" seed --database "$db" | tail -1
    goal=50 runs=$ITERATIONS
  else
    db="$CACHE/generated-$n.sqlite"
    [[ -f $db ]] || "$BIN/brugerinformation" generate --municipalities "$n" --output "$db" | tail -1
    goal=2000 runs=$LARGE_ITERATIONS
  fi
  echo
  echo "## $n municipalities (goal: under $goal ms server time)"
  out=$("$BIN/ministry-benchmark" --database "$db" --path "$PAGE" --iterations "$runs")
  echo "$out"
  full=$(sed -n 's/^full table.*median \([0-9.]*\) ms, p90 \([0-9.]*\) ms.*/\1 \2/p' <<<"$out")
  store=$(sed -n 's/.*Store.compliance(asOf:): median \([0-9.]*\) ms.*/\1/p' <<<"$out")
  csv=$(sed -n 's/^CSV export.*median \([0-9.]*\) ms.*/\1/p' <<<"$out")
  verdict=$(awk -v m="${full% *}" -v g="$goal" 'BEGIN { print (m < g ? "met" : "MISSED") }')
  summary+=("| $n | ${full% *} ms | ${full#* } ms | $store ms | $csv ms | < $goal ms: $verdict |")
done
echo
echo "| municipalities | table median | table p90 | of which Store.compliance | CSV median | goal |"
echo "|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${summary[@]}"
echo "machine: $(nproc) cores, $(uname -r), $(date -u +%F)"
