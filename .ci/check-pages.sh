#!/usr/bin/env bash
# Page checks against a server running on 127.0.0.1:PORT, with the tools in ../shared/tools:
#
#   .ci/check-pages.sh PORT OUTDIR
#
#  1. crawl     every page reachable by links from / (.ci/crawl.py), GET forms filled with "skole"; any 4xx/5xx
#               on a linked URL fails, naming the page that links it. A missing path must answer 404.
#  2. html      the Nu HTML Checker (htmlcheck.sh, one JVM) on every crawled HTML page and the 404 page: 0 errors.
#  3. axe       axe-core in headless Chromium at WCAG 2.0/2.1 A and AA (a11y.py via .ci/axe_pages.py) on every
#               page, or, when that would take longer than A11Y_BUDGET seconds at A11Y_PAGE_COST seconds a
#               page, on a deterministic sample with the front page, every kind of page and a spread of the rest
#               (.ci/page_kinds.py); plus the 404 page. Any violation of any impact fails.
#  4. redbot    REDbot (redbot.sh) on the front page, the first page of every kind, every stylesheet the pages
#               link, and the 404: no BAD note.
#
# The 404 page is read by vnu and axe through .ci/relay200.py, because both tools refuse a non-2xx page.
# Writes logs, the URL lists and summary.txt (one line per tool) into OUTDIR. Prints a summary line per tool
# and last `check-pages: N passed, M failed` (N and M count page checks: one per URL per tool). Exit 1 if
# anything failed.
#
# Environment: SHARED (default ../shared), CHECKS (default "crawl html axe redbot"; crawl always runs),
# CRAWL_ARGS (more crawl.py arguments, e.g. "--extra /soeg?q=skole --max 5000"), NOT_FOUND_PATH (empty: no 404
# check), A11Y_BUDGET (360), A11Y_PAGE_COST (0.25: measured with 2 Chromium on 2 cores), A11Y_MAX (overrides the
# computed page count), A11Y_JOBS (Chromium processes side by side, 2).
#
# Signed in (the admin pages; .ci/check-admin-pages.sh sets these):
#   START           the path the crawl starts from (default /); when not /, only URLs under it are crawled
#   SESSION_COOKIE  NAME=VALUE sent by the crawl, by curl for vnu (a .curlrc in CURL_HOME) and set in axe's
#                   Chromium before the first page (.ci/a11y_signed_in.py). The crawl never fetches LOGOUT_PATH
#                   (/admin/logout) and fails on a redirect to LOGIN_PATH (/admin/login); after all checks the
#                   first crawled page must still answer 200 with the cookie (the session lasted throughout).
#   ERROR_PAGES     "STATUS:PATH ..." pages that must answer STATUS with HTML (a 403, a 404 inside the module);
#                   vnu and axe read them through .ci/relay200.py, like the 404 page
#   SAVED_PAGES     a folder of .html files saved from POST answers (a failed login, a form with its problems),
#                   served by the relay at /ci-saved/NAME with the site's stylesheet, for vnu and axe
set -uo pipefail
(($# == 2)) || { sed -n '2,36p' "$0"; exit 2; }
PORT=$1
OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/../shared" && pwd)}
TOOLS=$SHARED/tools
CHECKS=${CHECKS:-crawl html axe redbot}
NOT_FOUND_PATH=${NOT_FOUND_PATH-/findes-ikke/ci-kontrol-af-404}
START=${START:-/}
SESSION_COOKIE=${SESSION_COOKIE:-}
LOGIN_PATH=${LOGIN_PATH:-/admin/login}
LOGOUT_PATH=${LOGOUT_PATH:-/admin/logout}
ERROR_PAGES=${ERROR_PAGES:-}
SAVED_PAGES=${SAVED_PAGES:-}
A11Y_BUDGET=${A11Y_BUDGET:-360}
A11Y_PAGE_COST=${A11Y_PAGE_COST:-0.25}
A11Y_JOBS=${A11Y_JOBS:-2}
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
: >"$OUT/summary.txt"
: >"$OUT/urls.txt"
: >"$OUT/assets.txt"
echo "url" >"$OUT/crawl.tsv"

passed=0 failed=0
RELAY="" CURL_DIR=""
cleanup() { [[ -n $RELAY ]] && kill "$RELAY" 2>/dev/null; [[ -n $CURL_DIR ]] && rm -rf "$CURL_DIR"; return 0; }
trap cleanup EXIT
wants() { [[ " $CHECKS " == *" $1 "* ]]; }
summary() { echo "$1" | tee -a "$OUT/summary.txt"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
seconds() { echo $(($(date +%s) - $1)); }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# 1. crawl ----------------------------------------------------------------------------------------------------
t=$(date +%s)
read -ra crawl_args <<<"${CRAWL_ARGS:-}"
session_args=()
[[ $START != / ]] && session_args=(--prefix "${START%%\?*}")
if [[ -n $SESSION_COOKIE ]]; then
  session_args+=(--cookie "$SESSION_COOKIE" --skip "$LOGOUT_PATH" --login "$LOGIN_PATH")
  # curl (htmlcheck.sh) reads $CURL_HOME/.curlrc: the cookie goes with every page vnu is given.
  CURL_DIR=$(mktemp -d /tmp/check-pages-curl.XXXXXX)
  printf 'cookie = "%s"\n' "$SESSION_COOKIE" >"$CURL_DIR/.curlrc"
fi
python3 "$HERE/crawl.py" "$BASE$START" --out "$OUT/urls.txt" --report "$OUT/crawl.tsv" --assets "$OUT/assets.txt" \
  --forms skole "${session_args[@]}" "${crawl_args[@]}" | tee "$OUT/crawl.log"
crawl_rc=${PIPESTATUS[0]}
urls_total=$(($(wc -l <"$OUT/crawl.tsv") - 1))
crawl_failed=$(grep -c '^crawl: FAIL' "$OUT/crawl.log")
((crawl_rc != 0 && crawl_failed == 0)) && crawl_failed=1
mapfile -t pages <"$OUT/urls.txt"

# Pages that are not 2xx (the 404 page, ERROR_PAGES) and pages saved from POST answers (SAVED_PAGES) are read by
# vnu and axe through the relay, which answers 200; relayed[i] is the URL the tools get, relabels[i] its name.
relayed=() relabels=() nf_ok=1 nf_status="" nf_type="" error_pages_bad=0
if [[ -n $NOT_FOUND_PATH ]]; then
  not_found_url="$BASE$NOT_FOUND_PATH"
  read -r nf_status nf_type < <(curl -s --max-time 30 -o "$OUT/404.html" -w '%{http_code} %{content_type}\n' \
    "$not_found_url")
  if [[ $nf_status != 404 ]]; then
    echo "crawl: FAIL $NOT_FOUND_PATH (a path that does not exist) answered HTTP $nf_status, not 404"
    nf_ok=0
  elif [[ ${nf_type%%;*} == text/html ]]; then
    relayed+=("$NOT_FOUND_PATH") relabels+=("404 page ($NOT_FOUND_PATH)")
  else
    echo "crawl: note: the 404 answer is ${nf_type:-without Content-Type}, not an HTML page; vnu and axe skip it"
  fi
fi
for item in $ERROR_PAGES; do
  want=${item%%:*} path=${item#*:}
  read -r status type < <(curl -s --max-time 30 -o /dev/null -w '%{http_code} %{content_type}\n' \
    ${SESSION_COOKIE:+--cookie "$SESSION_COOKIE"} "$BASE$path")
  if [[ $status != "$want" || ${type%%;*} != text/html ]]; then
    echo "crawl: FAIL $path answered HTTP $status ${type:-without Content-Type}, not $want with an HTML page"
    error_pages_bad=$((error_pages_bad + 1))
  else
    relayed+=("$path") relabels+=("HTTP $want page ($path)")
  fi
done
if [[ -n $SAVED_PAGES ]]; then
  for file in "$SAVED_PAGES"/*.html; do
    [[ -e $file ]] || continue
    relayed+=("/ci-saved/${file##*/}") relabels+=("saved answer ${file##*/}")
  done
fi
extra_html=() labels=()
if ((${#relayed[@]})); then
  relay_port=$(free_port)
  python3 "$HERE/relay200.py" "$relay_port" "$PORT" ${SAVED_PAGES:+--saved "$SAVED_PAGES"} &
  RELAY=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$relay_port/" && break; sleep 0.1; done
  for i in "${!relayed[@]}"; do
    extra_html+=("http://127.0.0.1:$relay_port${relayed[i]}")
    labels+=(--label "http://127.0.0.1:$relay_port${relayed[i]}=${relabels[i]}")
  done
fi
not_found_note=""
[[ -n $NOT_FOUND_PATH ]] && not_found_note=", 404 answer: HTTP $nf_status ${nf_type%%;*}"
((${#ERROR_PAGES})) && not_found_note+=", $(wc -w <<<"$ERROR_PAGES") error pages ($error_pages_bad wrong)"
crawl_extra_failed=$((1 - nf_ok + error_pages_bad))
summary "crawl: ${urls_total} URLs, ${#pages[@]} HTML pages, $((crawl_failed + crawl_extra_failed)) failures$not_found_note ($(seconds "$t") s)"
count $((urls_total - crawl_failed + (${#NOT_FOUND_PATH} > 0 ? nf_ok : 0) + $(wc -w <<<"$ERROR_PAGES") - error_pages_bad)) \
  $((crawl_failed + crawl_extra_failed))
if ((${#pages[@]} == 0)); then
  summary "check-pages: the crawl found no HTML page; nothing else to check"
  echo "check-pages: $passed passed, $((failed + 1)) failed"
  exit 1
fi
relabel() {
  local script=() i
  for i in "${!extra_html[@]}"; do script+=(-e "s|${extra_html[i]}|${relabels[i]}|g"); done
  if ((${#script[@]})); then sed "${script[@]}"; else cat; fi
}

# 2. html -----------------------------------------------------------------------------------------------------
if wants html; then
  t=$(date +%s)
  ${CURL_DIR:+env CURL_HOME="$CURL_DIR"} bash "$TOOLS/htmlcheck.sh" "${pages[@]}" "${extra_html[@]}" \
    >"$OUT/html.log" 2>&1
  html_rc=$?
  html_ok=$(grep -c '^OK ' "$OUT/html.log")
  html_bad=$(grep -Ec '^(ERROR|FETCH FAIL)' "$OUT/html.log")
  html_errors=$(sed -n 's/^TOTAL: \([0-9]*\) error.*/\1/p' "$OUT/html.log")
  # Each failing page with its messages (at most 200 lines here; all of them in html.log).
  awk '/^(ERROR|FETCH FAIL|vnu:)/ {show = 1; print; next} /^    / && show {print; next} {show = 0}' \
    "$OUT/html.log" | relabel | head -200 | sed 's/^/html: /'
  ((html_rc != 0 && html_bad == 0)) && { html_bad=1; tail -20 "$OUT/html.log" | sed 's/^/html: /'; }
  summary "html: $((html_ok + html_bad)) pages checked by vnu, ${html_errors:-?} errors on $html_bad pages ($(seconds "$t") s)"
  count "$html_ok" "$html_bad"
fi

# 3. axe ------------------------------------------------------------------------------------------------------
if wants axe; then
  t=$(date +%s)
  limit=${A11Y_MAX:-$(python3 -c "print(int($A11Y_BUDGET / $A11Y_PAGE_COST))")}
  if ((${#pages[@]} > limit)); then
    python3 "$HERE/page_kinds.py" sample "$OUT/urls.txt" "$limit" >"$OUT/axe-urls.txt"
    python3 "$HERE/page_kinds.py" kinds "$OUT/urls.txt" >"$OUT/kinds.txt"
    if [[ -n ${A11Y_MAX:-} ]]; then
      why="A11Y_MAX is $A11Y_MAX"
    else
      why="${#pages[@]} pages at ~${A11Y_PAGE_COST} s each would take about"
      why+=" $(python3 -c "print(round(${#pages[@]} * $A11Y_PAGE_COST))") s, over the budget of ${A11Y_BUDGET} s"
    fi
    echo "axe: $why: checking a sample of $(wc -l <"$OUT/axe-urls.txt") of ${#pages[@]}: the front page, the" \
      "first page of each of the $(wc -l <"$OUT/kinds.txt") kinds and an even spread of the rest (kinds in" \
      "$OUT/kinds.txt)"
  else
    cp "$OUT/urls.txt" "$OUT/axe-urls.txt"
  fi
  ((${#extra_html[@]})) && printf '%s\n' "${extra_html[@]}" >>"$OUT/axe-urls.txt"
  python3 "$HERE/axe_pages.py" "$OUT/axe-urls.txt" --a11y "$TOOLS/a11y.py" --out "$OUT/axe" \
    --jobs "$A11Y_JOBS" "${labels[@]}" ${SESSION_COOKIE:+--cookie "$SESSION_COOKIE"} >"$OUT/axe.log" 2>&1
  grep -v '^axe: [0-9]* pages' "$OUT/axe.log" | head -200
  axe_total=$(wc -l <"$OUT/axe-urls.txt")
  axe_line=$(grep '^axe: [0-9]* pages' "$OUT/axe.log")
  axe_bad=$(sed -n 's/^axe: [0-9]* pages, [0-9]* violations on \([0-9]*\) pages.*/\1/p' "$OUT/axe.log")
  [[ -z $axe_bad ]] && axe_bad=$axe_total
  summary "${axe_line:-axe: did not finish} (of ${#pages[@]} crawled pages$( ((${#extra_html[@]})) && echo " + ${#extra_html[@]} relayed: ${relabels[*]}"))"
  count $((axe_total - axe_bad)) "$axe_bad"
fi

# 4. redbot ---------------------------------------------------------------------------------------------------
if wants redbot; then
  t=$(date +%s)
  mapfile -t sample < <({
    echo "$BASE/"
    python3 "$HERE/page_kinds.py" kinds "$OUT/urls.txt" | sed -n 's/.*(first: \(.*\))$/\1/p'
    cat "$OUT/assets.txt"
    [[ -n $NOT_FOUND_PATH ]] && echo "$not_found_url"
  } | awk '!seen[$0]++')
  [[ -s $OUT/assets.txt ]] || echo "redbot: note: the pages link no stylesheet under this origin"
  bash "$TOOLS/redbot.sh" "${sample[@]}" >"$OUT/redbot.log" 2>&1
  redbot_rc=$?
  awk '/^=== / {url = $2} /\[BAD\]/ {print "redbot: FAIL " url ": " $0} /^RESULT: FETCH FAILED/ {print "redbot: FAIL " url ": fetch failed"}' \
    "$OUT/redbot.log"
  redbot_bad=$(awk '/^=== / {url = $2} /\[BAD\]|^RESULT: FETCH FAILED/ {bad[url] = 1} END {print length(bad)}' "$OUT/redbot.log")
  bad_notes=$(grep -c '\[BAD\]' "$OUT/redbot.log")
  warn_notes=$(grep -c '\[WARN\]' "$OUT/redbot.log")
  ((redbot_rc != 0 && redbot_bad == 0)) && { redbot_bad=1; tail -20 "$OUT/redbot.log" | sed 's/^/redbot: /'; }
  summary "redbot: ${#sample[@]} URLs, $bad_notes BAD notes on $redbot_bad URLs, $warn_notes WARN notes ($(seconds "$t") s)"
  count $((${#sample[@]} - redbot_bad)) "$redbot_bad"
fi

# 5. session ---------------------------------------------------------------------------------------------------
if [[ -n $SESSION_COOKIE ]]; then
  status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' --cookie "$SESSION_COOKIE" "${pages[0]}")
  if [[ $status == 200 ]]; then
    summary "session: still signed in after the checks (${pages[0]} answers 200 with the cookie)"
    count 1 0
  else
    summary "session: FAIL ${pages[0]} answers HTTP $status with the cookie after the checks: the session ended"
    count 0 1
  fi
fi

echo "check-pages: $passed passed, $failed failed"
((failed == 0))
