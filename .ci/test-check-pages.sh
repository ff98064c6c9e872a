#!/usr/bin/env bash
# Proves that each page check fails when it should: runs .ci/check-pages.sh against .ci/fixture_site.py, once
# clean (must pass, the 404 page included) and once per defect (must fail, naming the page and the problem).
# Also runs the unit tests of the crawler and the sampler. Last line: `page-check self-test: N passed, M failed`.
#
#   bash .ci/test-check-pages.sh
set -uo pipefail
# The settings of check-pages.sh come from each case below, never from the caller's environment.
unset CHECKS CRAWL_ARGS NOT_FOUND_PATH A11Y_BUDGET A11Y_PAGE_COST A11Y_MAX A11Y_JOBS START SESSION_COOKIE \
  LOGIN_PATH LOGOUT_PATH ERROR_PAGES SAVED_PAGES
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d /tmp/check-pages-test.XXXXXX)
SITE=""
trap '[[ -n $SITE ]] && kill "$SITE" 2>/dev/null; rm -rf "$TMP"' EXIT
passed=0 failed=0

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ok() { echo "  ok    $1"; passed=$((passed + 1)); }
bad() { echo "  FAIL  $1"; failed=$((failed + 1)); }

# site NAME ARGS... : start the fixture site; PORT is set.
site() {
  [[ -n $SITE ]] && kill "$SITE" 2>/dev/null && wait "$SITE" 2>/dev/null
  PORT=$(free_port)
  python3 "$HERE/fixture_site.py" "$PORT" "$@" >"$TMP/site.log" 2>&1 &
  SITE=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0; sleep 0.05; done
  echo "fixture site did not start:"; cat "$TMP/site.log"; return 1
}

# expect NAME WANT_EXIT PATTERN... : run check-pages (CHECKS from the environment) and match its output.
expect() {
  local name=$1 want=$2 rc
  shift 2
  bash "$HERE/check-pages.sh" "$PORT" "$TMP/$name" >"$TMP/$name.log" 2>&1
  rc=$?
  local why=""
  if [[ $want == 0 && $rc != 0 ]] || [[ $want != 0 && $rc == 0 ]]; then why="exit status $rc"; fi
  for pattern in "$@"; do
    grep -Eq -- "$pattern" "$TMP/$name.log" || why="${why:+$why; }no line matches /$pattern/"
  done
  if [[ -z $why ]]; then ok "$name"; else bad "$name: $why"; sed 's/^/        /' "$TMP/$name.log"; fi
}

echo "== unit tests (crawl.py, page_kinds.py)"
if python3 "$HERE/test_page_tools.py" >"$TMP/unit.log" 2>&1; then ok "unit tests: $(grep -o 'Ran [0-9]* tests' "$TMP/unit.log")"
else bad "unit tests"; cat "$TMP/unit.log"; fi

echo "== check-pages.sh against the fixture site"
m=$'http://127.0.0.1:[0-9]+'
site --municipalities 2 --goals 2 --versions 2
CHECKS="crawl html axe redbot" expect clean 0 '^crawl: 3[0-9] URLs \(200: 3[0-9], 301: 1\)' \
  '^crawl: [0-9]+ URLs, 3[0-9] HTML pages, 0 failures, 404 answer: HTTP 404 text/html' \
  '^html: 3[0-9] pages checked by vnu, 0 errors' '^axe: 3[0-9] pages, 0 violations .*\+ 1 relayed: 404 page' \
  '^redbot: 1[0-9] URLs, 0 BAD' '^check-pages: [0-9]+ passed, 0 failed$'

site --municipalities 2 --goals 3 --versions 1 --defect html
CHECKS="crawl html" expect invalid-html 1 "^html: ERROR +$m/kommune/103/m%C3%A5l/3: 1 error" 'Stray end tag' \
  '^check-pages: [0-9]+ passed, 1 failed$'

site --municipalities 2 --goals 1 --versions 1 --defect axe
CHECKS="crawl axe" expect axe-critical 1 "^axe: FAIL $m/kommune/103/historik: \[critical\] image-alt" \
  '^check-pages: [0-9]+ passed, 1 failed$'

site --municipalities 2 --goals 1 --versions 1 --defect axe-minor
CHECKS="crawl axe" expect axe-minor 1 "^axe: FAIL $m/om: \[minor\] aria-deprecated-role" \
  '^check-pages: [0-9]+ passed, 1 failed$'
grep -q 'RESULT: OK (no serious/critical' "$TMP/axe-minor/axe/axe-"*.log \
  && ok "axe-minor: a11y.py's own exit status would have passed it" || bad "axe-minor: a11y.py's verdict changed"

site --municipalities 2 --goals 1 --versions 1 --defect link
CHECKS="crawl" expect broken-link 1 "^crawl: FAIL $m/kommune/103/findes-ikke: HTTP 404 \(linked from $m/kommune/103\)"

site --municipalities 2 --goals 1 --versions 1 --defect soft404
CHECKS="crawl" expect soft-404 1 '^crawl: FAIL /findes-ikke/ci-kontrol-af-404 .* answered HTTP 200, not 404'

site --municipalities 2 --goals 1 --versions 1 --defect redbot
CHECKS="crawl redbot" expect redbot-bad 1 "^redbot: FAIL $m/static/site.css: .*\[BAD\] .*Last-Modified time is in the future" \
  '^check-pages: [0-9]+ passed, 1 failed$'

site --municipalities 20 --goals 2 --versions 2
CHECKS="crawl axe" A11Y_MAX=15 expect axe-sample 0 '^axe: A11Y_MAX is 15: checking a sample of 1[0-9] of 156' \
  '^axe: 1[0-9] pages, 0 violations'
kinds=$(wc -l <"$TMP/axe-sample/kinds.txt")
sampled_kinds=$(python3 "$HERE/page_kinds.py" kinds "$TMP/axe-sample/urls.txt" | sed -n 's/.*(first: \(.*\))$/\1/p' |
  grep -cxFf "$TMP/axe-sample/axe-urls.txt")
((kinds > 5 && sampled_kinds == kinds)) && ok "axe-sample: all $kinds kinds in the sample" \
  || bad "axe-sample: $sampled_kinds of $kinds kinds in the sample"

echo "== signed in: the fixture's /admin pages need the cookie fixture_session=ok"
# A11Y_MAX=60 as check-admin-pages.sh sets it. The clean run proves the cookie reaches the crawl, vnu and axe, and
# that the crawl stays under /admin and never fetches /admin/logout (which would end the session); the defects
# below exist only on signed-in pages, so a tool that got the login page instead would miss them.
export START=/admin SESSION_COOKIE=fixture_session=ok NOT_FOUND_PATH= A11Y_MAX=60
mkdir -p "$TMP/saved-ok" "$TMP/saved-bad"
site --municipalities 2 --goals 1 --versions 1
curl -s -o "$TMP/saved-ok/login-failed.html" "http://127.0.0.1:$PORT/admin/login"
sed 's|<h1>|<img src="/static/site.css" width="1" height="1"><h1>|' "$TMP/saved-ok/login-failed.html" \
  >"$TMP/saved-bad/login-failed.html"
CHECKS="crawl html axe" ERROR_PAGES="403:/admin/forbudt" SAVED_PAGES="$TMP/saved-ok" \
  expect admin-clean 0 '^crawl: 3 URLs \(200: 3\)' '^crawl: 3 URLs, 3 HTML pages, 0 failures, 1 error pages \(0 wrong\)' \
  '^html: 5 pages checked by vnu, 0 errors' '^axe: 5 pages, 0 violations .*HTTP 403 page \(/admin/forbudt\)' \
  '^session: still signed in' '^check-pages: [0-9]+ passed, 0 failed$'

site --municipalities 2 --goals 1 --versions 1 --defect admin-axe
CHECKS="crawl axe" expect admin-axe 1 "^axe: FAIL $m/admin/a: \[critical\] image-alt" \
  '^check-pages: [0-9]+ passed, 1 failed$'

site --municipalities 2 --goals 1 --versions 1 --defect admin-html
CHECKS="crawl html" expect admin-html 1 "^html: ERROR +$m/admin/b: 1 error" \
  '^check-pages: [0-9]+ passed, 1 failed$'

site --municipalities 2 --goals 1 --versions 1
SESSION_COOKIE=fixture_session=udloebet CHECKS="crawl axe" expect admin-not-signed-in 1 \
  "^crawl: FAIL $m/admin: HTTP 303 to the login page" '^check-pages: the crawl found no HTML page'

site --municipalities 2 --goals 1 --versions 1 --defect admin-logout
CHECKS="crawl" expect admin-session-ends 1 '^session: FAIL .* the session ended'

site --municipalities 2 --goals 1 --versions 1
CHECKS="crawl axe" ERROR_PAGES="403:/admin/a 403:/admin/findes-ikke" SAVED_PAGES="$TMP/saved-bad" \
  expect admin-error-pages 1 '^crawl: FAIL /admin/a answered HTTP 200 text/html; charset=utf-8, not 403' \
  '^crawl: FAIL /admin/findes-ikke answered HTTP 404' '^axe: FAIL saved answer login-failed.html: \[critical\] image-alt'

echo "page-check self-test: $passed passed, $failed failed"
((failed == 0))
