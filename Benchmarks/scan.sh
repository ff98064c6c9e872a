#!/usr/bin/env bash
# Scans a running, seeded portal with sqlmap and wapiti3, public and signed in, and prints what they found.
#
#   Benchmarks/scan.sh            every run (about half an hour on 2 cores)
#   Benchmarks/scan.sh --short    the CI variant (about 3 minutes): public, the editor, fewer modules and payloads
#
# Installs sqlmap and wapiti3 from PyPI into a venv under ~/.cache/scan-tools (once), builds the portal (scratch
# path $SCRATCH, default .build), seeds a scratch database, adds an editor of 0169, a municipal administrator of
# 0169 and the ministry (each signs in once and changes the one-time password, Benchmarks/scan_login.py), makes
# API tokens for the editor and the ministry, serves the portal on 127.0.0.1:$SCAN_PORT (default 19600) and runs
# the tools one after another. Each run's raw reports go to $SCAN_OUT/RUN (default: a new /tmp/scan-reports.*,
# named at the start and the end). Prints a table (tool, run, requests the server logged, findings by severity,
# 5xx answers, seconds) and `scan: N findings`: N counts critical to low findings and every 5xx answer; info
# (wapiti's list of allowed methods, sqlmap's untested targets) is shown, not counted. Exit 1 when N > 0.
# SCAN_RUNS="name …" runs only those runs (names in the table). docs/reliability-scan.md explains the options.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHORT=0
[[ ${1:-} == --short ]] && SHORT=1
SCRATCH=${SCRATCH:-.build}
PORT=${SCAN_PORT:-19600}
BASE="http://127.0.0.1:$PORT"
TOOLS=${SCAN_TOOLS:-$HOME/.cache/scan-tools}
SQLMAP_VERSION=1.10.10
WAPITI_VERSION=3.2.3 # the newest wapiti3 that installs on Python 3.11 (3.3 needs 3.12)
OUT=${SCAN_OUT:-$(mktemp -d /tmp/scan-reports.XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
echo "scan: raw reports in $OUT"

# --- tools -------------------------------------------------------------------------------------------------------
VENV="$TOOLS/venv"
if ! "$VENV/bin/sqlmap" --version 2>/dev/null | grep -q "^$SQLMAP_VERSION" ||
  ! "$VENV/bin/pip" show wapiti3 2>/dev/null | grep -q "^Version: $WAPITI_VERSION$"; then
  mkdir -p "$TOOLS"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    [[ $(id -u) == 0 ]] && { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check "sqlmap==$SQLMAP_VERSION" "wapiti3==$WAPITI_VERSION" \
    >"$TOOLS/install.log" 2>&1 || { tail -20 "$TOOLS/install.log"; exit 1; }
fi
SQLMAP="$VENV/bin/sqlmap"
WAPITI="$VENV/bin/wapiti"

# --- the portal, its data and its users --------------------------------------------------------------------------
swift build --scratch-path "$SCRATCH" --product brugerinformation 2>&1 | tail -1
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/brugerinformation"
WORK=$(mktemp -d /tmp/scan-work.XXXXXX)
DB="$WORK/scan.sqlite"
"$BIN" seed --database "$DB" | tail -1
declare -A PASSWORD EMAIL=([editor]=redaktoer@scan.example [admin]=administrator@scan.example
  [ministry]=ministeriet@scan.example)
add_user() { # ROLE-KEY ROLE [MUNICIPALITY]
  PASSWORD[$1]=$("$BIN" user add --database "$DB" --email "${EMAIL[$1]}" --role "$2" ${3:+--municipality "$3"} |
    sed -n 's/^one-time password: //p')
  [[ -n ${PASSWORD[$1]} ]] || { echo "scan: user add ${EMAIL[$1]} printed no password"; exit 1; }
}
add_user editor editor 0169
add_user admin municipal_admin 0169
add_user ministry ministry
EDITOR_TOKEN=$("$BIN" token create --database "$DB" --email "${EMAIL[editor]}" --name scan-editor)
MINISTRY_TOKEN=$("$BIN" token create --database "$DB" --email "${EMAIL[ministry]}" --name scan-ministry)

# The portal as production runs it, behind a TLS proxy (--https: Secure, __Host- cookies), on a second port over
# the same database: only for the cookie and header checks. The attacks go to a plain-http server, because a
# client keeps no Secure cookie over http, and the login form's CSRF cookie must come back for its fields to be
# reached at all.
"$BIN" serve --port "$PORT" --database "$DB" >"$OUT/access.log" 2>"$OUT/server.err" &
SERVER=$!
"$BIN" serve --port "$((PORT + 1))" --https --database "$DB" >"$OUT/access-https.log" 2>"$OUT/server-https.err" &
HTTPS_SERVER=$!
cleanup() {
  kill -TERM "$SERVER" "$HTTPS_SERVER" 2>/dev/null && wait "$SERVER" "$HTTPS_SERVER" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
for url in "$BASE" "http://127.0.0.1:$((PORT + 1))"; do
  for _ in $(seq 300); do
    curl -sf -o /dev/null "$url/healthz" && break
    kill -0 "$SERVER" 2>/dev/null && kill -0 "$HTTPS_SERVER" 2>/dev/null || { cat "$OUT"/server*.err; exit 1; }
    sleep 0.1
  done
done

# The public runs send the login form hundreds of wrong passwords, so 127.0.0.1 is throttled (429 for 15
# minutes) by the time a role signs in: its attempts are cleared from the scratch database first.
login() { # ROLE-KEY → the session cookie NAME=VALUE
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute("DELETE FROM login_attempt"); c.commit(); c.close()' "$DB"
  python3 "$ROOT/Benchmarks/scan_login.py" "$BASE" "${EMAIL[$1]}" "${PASSWORD[$1]}"
}

# Only three municipalities' public pages are crawled: every municipality's pages are the same handlers and
# templates with other rows, and 98 of them make a wapiti crawl of hours.
KEEP="0101|0147|0169"
mapfile -t OTHERS < <(python3 -c 'import sqlite3, sys
for (code,) in sqlite3.connect(sys.argv[1]).execute("SELECT code FROM municipality ORDER BY code"):
    print(code)' "$DB" | grep -Ev "^($KEEP)$")
PUBLIC_EXCLUDES=()
for code in "${OTHERS[@]}"; do PUBLIC_EXCLUDES+=(-x "$BASE/kommune/$code*" -x "$BASE/api/v1/municipalities/$code*"); done
# Signed in, the public site is not crawled again, nor the answers that end the session, change other accounts or
# discard the draft or a follow-up (…/kasser: the forms the other tests work on would be gone).
SIGNED_IN_EXCLUDES=(-x "$BASE/kommune/*" -x "$BASE/omraade*" -x "$BASE/soeg*" -x "$BASE/api/*" -x "$BASE/data/*"
  -x "$BASE/static/*" -x "$BASE/feed.atom" -x "$BASE/sitemap.xml" -x "$BASE/om" -x "$BASE/tilgaengelighed"
  -x "$BASE/admin/logout" -x "$BASE/admin/login*" -x "$BASE/admin/kommune/*/deaktiver"
  -x "$BASE/admin/kommune/*/genaktiver" -x "$BASE/admin/kommune/*/ny-adgangskode"
  -x "$BASE/admin/kommune/*/tokens/tilbagekald" -x "$BASE/admin/kommune/*/kasser")
# sqlmap also leaves out the draft's remove-this-goal/area forms (…/fjern: no field but the two tokens, and once
# sent, the goal's or area's own forms later in the crawl answer 404).
SQLMAP_SIGNED_IN_EXCLUDE='://[^/]+/(kommune|omraade|soeg|api|data|static|feed)|logout|login|deaktiver|genaktiver|ny-adgangskode|tilbagekald|kasser|/fjern$'

# cookieflags runs against the --https server (wapiti-https), where its question (Secure?) is the one that matters.
if ((SHORT)); then
  MODULES="xss,sql,exec,file,crlf,redirect,csrf,http_headers,csp,methods"
  WAPITI_LIMITS=(-d 2 --max-links-per-page 20 --max-scan-time 60 --max-attack-time 10)
else
  MODULES="xss,permanentxss,sql,timesql,exec,file,crlf,redirect,ssrf,xxe,csrf,http_headers,csp,methods"
  MODULES+=",htaccess,shellshock,upload"
  WAPITI_LIMITS=(-d 4 --max-links-per-page 60 --max-scan-time 900 --max-attack-time 120)
fi
# Signed in, a role's pages are about 250 addresses with forms: each module gets 20 s, the whole run 5 minutes.
SIGNED_IN_LIMITS=(--max-scan-time 300 --max-attack-time 20)
((SHORT)) && SIGNED_IN_LIMITS=()
# --endpoint: ssrf and xxe plant this address and then ask it what called it; a local one that nobody serves keeps
# every request on this machine (the portal makes no outgoing requests at all, so there is nothing to call it).
WAPITI_COMMON=(-m "$MODULES" "${WAPITI_LIMITS[@]}" --scope domain --tasks 4 --flush-session --no-bugreport
  --endpoint "http://127.0.0.1:$((PORT + 99))/" -f json -v 1)
# --dbms SQLite: the back end is known, and the other databases' payloads cannot run on it (they multiply the
# requests by five). --level 3: also the User-Agent and Referer headers and the cookies; --risk 3: also the
# OR-based tests (they may change rows in UPDATE statements: the database is a scratch copy).
SQLMAP_COMMON=(--batch --dbms SQLite --level 3 --risk 3 --disable-coloring --flush-session)
# Signed in, every form request costs two (a fresh one-time token first) and the admin forms have many fields:
# level 1 and risk 1 (sqlmap's defaults: boolean, error, UNION and time-based tests of each form field and query
# parameter, no header or cookie tests) keep a role's run to minutes.
SQLMAP_SIGNED_IN=(--level 1 --risk 1)
((SHORT)) && SQLMAP_COMMON=(--batch --dbms SQLite --level 1 --risk 1 --disable-coloring --flush-session)

ROWS=()
TOTAL=0
selected() { [[ -z ${SCAN_RUNS:-} ]] || [[ " $SCAN_RUNS " == *" $1 "* ]]; }
finish_run() { # TOOL RUN START-LINE START-SECONDS
  local tool=$1 run=$2 from=$3 started=$4 requests fives counts log=${RUN_LOG:-$OUT/access.log}
  sleep 0.5 # the access log is flushed every 200 ms
  requests=$(($(wc -l <"$log") - from))
  fives=$(tail -n +"$((from + 1))" "$log" | awk '$4 ~ /^5[0-9][0-9]$/' | tee "$OUT/$run/5xx.txt" | wc -l)
  counts=$(python3 "$ROOT/Benchmarks/scan_findings.py" "$tool" "$OUT/$run")
  if ! kill -0 "$SERVER" 2>/dev/null || ! kill -0 "$HTTPS_SERVER" 2>/dev/null; then
    echo "scan: the server died during $run" | tee -a "$OUT/$run/findings.txt"
    fives=$((fives + 1))
  fi
  read -r c h m l i <<<"$counts"
  TOTAL=$((TOTAL + c + h + m + l + fives))
  ROWS+=("$(printf '%-7s %-16s %9s %4s %4s %4s %4s %5s %4s %6s' "$tool" "$run" "$requests" "$c" "$h" "$m" "$l" \
    "$i" "$fives" "$(($(date +%s) - started))")")
  printf 'scan: %s %s done: %s requests, findings c/h/m/l/info %s %s %s %s %s, %s 5xx\n' "$tool" "$run" \
    "$requests" "$c" "$h" "$m" "$l" "$i" "$fives"
}
wapiti_run() { # RUN URL [wapiti options…]
  local run=$1 url=$2 from started
  shift 2
  selected "$run" || return 0
  mkdir -p "$OUT/$run"
  from=$(wc -l <"${RUN_LOG:-$OUT/access.log}")
  started=$(date +%s)
  echo "scan: wapiti $run …"
  "$WAPITI" -u "$url" "${WAPITI_COMMON[@]}" --store-session "$OUT/$run/session" --store-config "$OUT/$run/config" \
    -o "$OUT/$run/report.json" "$@" >"$OUT/$run/wapiti.log" 2>&1 || echo "scan: wapiti $run exited $?"
  finish_run wapiti "$run" "$from" "$started"
}
sqlmap_run() { # RUN then, per target, `--` and sqlmap options
  local run=$1 from started n=0 args=()
  shift
  selected "$run" || return 0
  mkdir -p "$OUT/$run"
  from=$(wc -l <"$OUT/access.log")
  started=$(date +%s)
  echo "scan: sqlmap $run …"
  while (($#)); do
    args=()
    [[ $1 == -- ]] && shift
    while (($#)) && [[ $1 != -- ]]; do args+=("$1") && shift; done
    n=$((n + 1))
    "$SQLMAP" "${SQLMAP_COMMON[@]}" --output-dir "$OUT/$run/output" "${args[@]}" \
      >"$OUT/$run/$(printf %02d $n).log" 2>&1 || echo "scan: sqlmap $run target $n exited $?"
  done
  finish_run sqlmap "$run" "$from" "$started"
}

# --- public --------------------------------------------------------------------------------------------------------
PUBLIC_STARTS=(-s "$BASE/soeg?q=%C3%A6ldre" -s "$BASE/kommune/0169/sammenlign?fra=1&til=3" -s "$BASE/feed.atom"
  -s "$BASE/kommune/0169/feed.atom" -s "$BASE/sitemap.xml" -s "$BASE/robots.txt" -s "$BASE/data/maal.csv"
  -s "$BASE/api/v1/municipalities" -s "$BASE/api/v1/search?q=skole" -s "$BASE/api/v1/service-areas"
  -s "$BASE/admin/login")
# wapiti asks for a templated API path as it stands ({code}), so it gets the document with the values filled in.
selected wapiti-public && python3 "$ROOT/Benchmarks/scan_openapi.py" "$BASE" "$WORK/openapi-public.json" code=0169 \
  n=1 budgetYear=2013 >/dev/null
wapiti_run wapiti-public "$BASE/" "${PUBLIC_STARTS[@]}" --swagger "$WORK/openapi-public.json" \
  "${PUBLIC_EXCLUDES[@]}" -x "$BASE/admin/logout" -x "$BASE/metrics"
HTTPS_BASE="http://127.0.0.1:$((PORT + 1))"
RUN_LOG="$OUT/access-https.log" wapiti_run wapiti-https "$HTTPS_BASE/" -m cookieflags,http_headers,csp -d 2 -s "$HTTPS_BASE/admin/login" \
  -x "$HTTPS_BASE/kommune/*" -x "$HTTPS_BASE/api/*" -x "$HTTPS_BASE/admin/logout"
if ((SHORT)); then
  sqlmap_run sqlmap-public -u "$BASE/soeg?q=skole" -- -u "$BASE/api/v1/search?q=skole" \
    -- -u "$BASE/kommune/0169/sammenlign?fra=1&til=3"
else
  # Every query parameter of the public site and API, and the path segments the handlers read (marked *). Not
  # the login form: after 5 failed attempts from an address it answers 429 for 15 minutes, whatever is sent, and
  # sqlmap only backs off (wapiti sends it its payloads; docs/reliability-scan.md).
  sqlmap_run sqlmap-public -u "$BASE/soeg?q=skole" -- -u "$BASE/api/v1/search?q=skole" \
    -- -u "$BASE/kommune/0169/sammenlign?fra=1&til=3" -- -u "$BASE/kommune/0169*/maal/3*" \
    -- -u "$BASE/kommune/0169/version/1*" -- -u "$BASE/kommune/0169/opfoelgning/2013*" -- -u "$BASE/omraade/4*" \
    -- -u "$BASE/api/v1/municipalities/0169*/contract/versions/1*" \
    -- -u "$BASE/api/v1/municipalities/0169/follow-ups/2013*"
fi

# --- signed in: the editor and the administrator of 0169, the ministry --------------------------------------------
# A draft of 0169's contract (through the token API) before each role's runs and the API's, so that the crawls
# find the draft editor's forms even when a run before adopted the draft; the API requests write to it.
make_draft() {
  mapfile -t REQUESTS < <(python3 "$ROOT/Benchmarks/scan_api_requests.py" "$BASE" "$EDITOR_TOKEN" \
    "$MINISTRY_TOKEN" "$WORK/requests")
}
ROLES=(editor admin ministry)
((SHORT)) && ROLES=(editor)
for role in "${ROLES[@]}"; do
  selected "wapiti-$role" || selected "sqlmap-$role" || continue
  make_draft
  COOKIE=$(login "$role")
  start="$BASE/admin"
  extra=()
  if [[ $role == ministry ]]; then
    extra=(-s "$BASE/ministeriet" -s "$BASE/ministeriet/frister?vis=alle" -s "$BASE/ministeriet/udvikling"
      -s "$BASE/ministeriet/regelkalender" -s "$BASE/ministeriet/kommune/0169")
  else
    extra=(-s "$BASE/admin/kommune/0169" -s "$BASE/admin/kommune/0169/kontrakt" -s "$BASE/admin/kommune/0169/opfoelgning")
  fi
  wapiti_run "wapiti-$role" "$start" -C "$COOKIE" "${extra[@]}" "${SIGNED_IN_EXCLUDES[@]}" "${SIGNED_IN_LIMITS[@]}"
  make_draft
  # The forms carry the session's CSRF token (constant for the session) and a one-time token; sqlmap fetches the
  # form again before every request for a fresh one (--csrf-token once), else every request after the first would
  # be answered as a form sent twice, the same whatever the payload.
  if ((SHORT)); then
    [[ $role == editor ]] && sqlmap_run "sqlmap-$role" -u "$BASE/admin/kommune/0169/opfoelgning" --forms \
      --cookie "$COOKIE" --csrf-token once
  elif [[ $role == ministry ]]; then
    sqlmap_run "sqlmap-$role" \
      -u "$BASE/ministeriet?dato=2010-07-01&region=DK-84&fejler=first_contract&sorter=navn&retning=op" --cookie "$COOKIE" \
      -- -u "$BASE/ministeriet/tabel.csv?dato=2010-07-01&region=DK-84" --cookie "$COOKIE" \
      -- -u "$BASE/ministeriet/frister?vis=alle&region=DK-84" --cookie "$COOKIE" \
      -- -u "$BASE/ministeriet/kommune/0169*" --cookie "$COOKIE" \
      -- -u "$BASE/ministeriet/regelkalender" --forms --cookie "$COOKIE" --csrf-token once "${SQLMAP_SIGNED_IN[@]}" \
      -- -u "$BASE/admin/log" --crawl 2 --forms --cookie "$COOKIE" --crawl-exclude "$SQLMAP_SIGNED_IN_EXCLUDE" \
      "${SQLMAP_SIGNED_IN[@]}"
  else
    sqlmap_run "sqlmap-$role" -u "$BASE/admin/kommune/0169" --crawl 3 --forms --cookie "$COOKIE" \
      --crawl-exclude "$SQLMAP_SIGNED_IN_EXCLUDE" --csrf-token once "${SQLMAP_SIGNED_IN[@]}"
  fi
done

# --- the token API -------------------------------------------------------------------------------------------------
# sqlmap first: wapiti's requests adopt and publish the draft that the sqlmap requests write to.
if ! ((SHORT)) && { selected wapiti-api || selected sqlmap-api; }; then
  make_draft
  targets=()
  # Level 1 risk 1, as signed in: at level 3 risk 3 each JSON value took a minute (the draft's body alone 15).
  for request in "${REQUESTS[@]}"; do targets+=(-- -r "$request" "${SQLMAP_SIGNED_IN[@]}"); done
  sqlmap_run sqlmap-api "${targets[@]:1}"
  selected wapiti-api && python3 "$ROOT/Benchmarks/scan_openapi.py" "$BASE" "$WORK/openapi-api.json" code=0169 \
    n="$(cat "$WORK/requests/version")" budgetYear=2027 >/dev/null
  wapiti_run wapiti-api "$BASE/api/v1/" --swagger "$WORK/openapi-api.json" -H "Authorization: Bearer $EDITOR_TOKEN" \
    "${PUBLIC_EXCLUDES[@]}" "${SIGNED_IN_LIMITS[@]}"
fi

# --- summary -------------------------------------------------------------------------------------------------------
echo
{
  printf '%-7s %-16s %9s %4s %4s %4s %4s %5s %4s %6s\n' tool run requests crit high med low info 5xx secs
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/summary.txt"
for findings in "$OUT"/*/findings.txt; do
  grep -v $'^info\t' "$findings" | sed "s|^|$(basename "$(dirname "$findings")"): |" || true
done
[[ -s $OUT/server.err ]] && { echo "server stderr:"; tail -5 "$OUT/server.err"; }
echo "scan: raw reports in $OUT"
echo "scan: $TOTAL findings"
((TOTAL == 0))
