#!/usr/bin/env bash
# The OpenAPI document at /api/v1/openapi.json, against a running server on the seeded database:
#  1. valid: openapi-spec-validator (OpenAPI 3.1);
#  2. true: schemathesis runs the documented operations and checks that no answer is a 5xx, and that each status,
#     Content-Type and body is one the document gives for that operation.
# Public operations always; with a token (second argument) also the authenticated ones, with that token.
# Bounded: at most OPENAPI_EXAMPLES cases per operation and OPENAPI_MAX_TIME seconds for each run.
# Usage: check-openapi.sh PORT [TOKEN]; prints "check-openapi: N passed, M failed" last (a check per line above it).
set -uo pipefail
PORT=${1:?usage: check-openapi.sh PORT [TOKEN]}
TOKEN=${2:-}
TOOLS=${OPENAPI_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-tools}
EXAMPLES=${OPENAPI_EXAMPLES:-25}
MAX_TIME=${OPENAPI_MAX_TIME:-90}
BASE="http://127.0.0.1:$PORT/api/v1"
WORK=$(mktemp -d /tmp/check-openapi.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
result() {  # result NAME STATUS
  if (($2 == 0)); then passed=$((passed + 1)); echo "check-openapi: $1: ok"
  else failed=$((failed + 1)); echo "check-openapi: $1: FAILED"; fi
}

curl -sf -o "$WORK/openapi.json" "$BASE/openapi.json"
result "GET /api/v1/openapi.json" $?

"$TOOLS/bin/openapi-spec-validator" "$WORK/openapi.json"
result "openapi-spec-validator" $?

schemathesis() {  # schemathesis NAME [st run options…]
  local name=$1
  shift
  (cd "$WORK" && "$TOOLS/bin/st" --no-color run "$WORK/openapi.json" --url "$BASE" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --seed 7 \
    --workers 1 --request-timeout 10 --generation-database none "$@")
  result "schemathesis ($name)" $?
}

# Public reads: no token; the operations without a security requirement.
schemathesis "public operations" --exclude-tag writes --exclude-tag ministry
if [[ -n $TOKEN ]]; then
  schemathesis "authenticated operations" --include-tag writes --include-tag ministry \
    --header "Authorization: Bearer $TOKEN"
else
  echo "check-openapi: no token given: the authenticated operations were not run"
fi
echo "check-openapi: $passed passed, $failed failed"
((failed == 0))
