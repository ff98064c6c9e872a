#!/usr/bin/env bash
# libFuzzer targets for the parsers (docs/reliability-fuzz.md).
#
#   Benchmarks/fuzz.sh list              the targets
#   Benchmarks/fuzz.sh build             build every target
#   Benchmarks/fuzz.sh TARGET SECONDS    build (if needed) and run one target
#   Benchmarks/fuzz.sh all SECONDS       run every target in turn, SECONDS each
#
# The targets exist only when BRUGERINFORMATION_FUZZ=1 (see the end of Package.swift) and are built with
# `-sanitize=fuzzer,address` into their own scratch path, FUZZ_SCRATCH_PATH (default .build-fuzz). The working
# corpus, logs and crash files go to FUZZ_WORK (default $FUZZ_SCRATCH_PATH/fuzz-work), never into the repository;
# seeds come from ../shared/http-cases/cases.json (HTTP_CASES) for the request parser and from Fuzz/Corpus/TARGET.
# Prints executions, executions per second, coverage (cov, ft), corpus size and any crash file per target, then
# one line `fuzz: N passed, M failed`; exits 1 when a target crashed or broke an invariant.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH=${FUZZ_SCRATCH_PATH:-.build-fuzz}
WORK=${FUZZ_WORK:-$SCRATCH/fuzz-work}
CASES=${HTTP_CASES:-$ROOT/../shared/http-cases/cases.json}
RSS_LIMIT_MB=${FUZZ_RSS_LIMIT_MB:-2048}

TARGETS=(request-parser forms multipart cookies csv-import templates)

# The longest input per target: past the parser's 32 KiB header limit; a few KiB elsewhere.
max_len() {
  case "$1" in
    request-parser) echo 40960 ;;
    multipart | csv-import) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

usage() {
  sed -n '4,7p' "$0" | sed 's/^# *//' >&2
  exit 2
}

is_target() {
  local target
  for target in "${TARGETS[@]}"; do [ "$target" = "$1" ] && return 0; done
  return 1
}

need_python() {
  command -v python3 >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq python3 >/dev/null
}

build_flags=(--scratch-path "$SCRATCH" -c release --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address
  -Xswiftc -enable-testing)

build() {
  local target
  for target in "$@"; do
    echo "building fuzz-$target" >&2
    BRUGERINFORMATION_FUZZ=1 swift build "${build_flags[@]}" --product "fuzz-$target" >&2
  done
}

bin_path() {
  BRUGERINFORMATION_FUZZ=1 swift build "${build_flags[@]}" --show-bin-path
}

# The seed folder for a target: the request corpus's inputs for the parser, the committed files otherwise.
seeds() {
  local target=$1
  if [ "$target" = request-parser ] && [ -f "$CASES" ]; then
    need_python
    local folder="$WORK/seeds/request-parser"
    rm -rf "$folder"
    mkdir -p "$folder"
    python3 - "$CASES" "$folder" <<'EOF'
import base64, json, sys
cases = json.load(open(sys.argv[1]))["cases"]
for case in cases:
    with open(f"{sys.argv[2]}/{case['id']}", "wb") as out:
        out.write(base64.b64decode(case["input_b64"]))
EOF
    cp "$ROOT/Fuzz/Corpus/request-parser/"* "$folder/"
    echo "$folder"
  else
    echo "$ROOT/Fuzz/Corpus/$target"
  fi
}

# The value after `name:` on libFuzzer's last status line (`#123 DONE cov: 640 ft: 2100 corp: 350/40Kb ...`).
status_field() {
  { grep -E "^#[0-9]+.* $1: " "$2" || true; } | tail -1 | sed -E "s/.* $1: ([^ ]+).*/\1/"
}

run() {
  local target=$1 seconds=$2 bin
  bin=$(bin_path)
  local corpus="$WORK/corpus/$target" crashes="$WORK/crashes/$target" log="$WORK/logs/$target.log"
  mkdir -p "$corpus" "$crashes" "$WORK/logs"
  local seed_folder
  seed_folder=$(seeds "$target")
  local status=0
  # The Swift runtime's own backtracer fights ASan's and can hang on a crash: libFuzzer and ASan report instead.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
    "$bin/fuzz-$target" "$corpus" "$seed_folder" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
    -rss_limit_mb="$RSS_LIMIT_MB" -timeout=30 -print_final_stats=1 -artifact_prefix="$crashes/" \
    >"$log" 2>&1 || status=$?
  local executions per_second cov ft corp crash
  # libFuzzer's own summary; absent when the target crashed while loading the seeds.
  executions=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  per_second=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  cov=$(status_field cov "$log")
  ft=$(status_field ft "$log")
  corp=$(status_field corp "$log")
  # libFuzzer also saves inputs slower than 10 s as slow-unit-*: reported, not a failure (a busy machine stalls).
  crash=$({ sed -nE 's/.*Test unit written to (.*)$/\1/p' "$log" | grep -v '/slow-unit-' || true; } | tail -1)
  slowest=$(sed -nE 's/^stat::slowest_unit_time_sec: *([0-9]+).*/\1/p' "$log" | tail -1)
  printf 'fuzz %s: %s s, %s executions, %s exec/s, cov %s, ft %s, corpus %s (inputs/bytes), slowest input %s s, ' \
    "$target" "$seconds" "${executions:-?}" "${per_second:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${slowest:-?}"
  printf 'crash: %s\n' "${crash:-none}"
  if [ "$status" -ne 0 ] || [ -n "$crash" ]; then
    echo "fuzz $target: FAILED (exit $status), see $log" >&2
    grep -E 'invariant failed|ERROR: AddressSanitizer|Fatal error|deadly signal|out-of-memory|timeout' "$log" \
      | head -5 >&2 || true
    return 1
  fi
}

[ $# -ge 1 ] || usage
case "$1" in
  list)
    printf '%s\n' "${TARGETS[@]}"
    exit 0
    ;;
  build)
    build "${TARGETS[@]}"
    exit 0
    ;;
  all)
    [ $# -eq 2 ] || usage
    selected=("${TARGETS[@]}")
    ;;
  *)
    [ $# -eq 2 ] || usage
    is_target "$1" || { echo "unknown target $1 (Benchmarks/fuzz.sh list)" >&2; exit 2; }
    selected=("$1")
    ;;
esac
seconds=$2
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

build "${selected[@]}"
passed=0
failed=0
for target in "${selected[@]}"; do
  if run "$target" "$seconds"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
