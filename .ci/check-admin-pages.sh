#!/usr/bin/env bash
# The page checks of check-pages.sh on the admin module, signed in, against a server on 127.0.0.1:PORT:
#
#   .ci/check-admin-pages.sh PORT OUTDIR USERS_FILE
#
# USERS_FILE has one account a line, made with `brugerinformation user add` before the server started:
#   EMAIL ONE_TIME_PASSWORD ROLE CODE|-        (the first line should be an editor)
#
#  1. The login page, not signed in: crawl, vnu, axe and REDbot; vnu and axe also on the answer to a failed login
#     (saved by .ci/admin_login.py).
#  2. Per account: .ci/admin_login.py signs in as a person does the first time (login form with its CSRF cookie,
#     the password page, a new password with the session's csrf and once tokens); the first account also sends
#     the dashboard's create-a-draft form once, so the draft editor is linked. Then check-pages.sh with the
#     session cookie crawls everything linked under /admin with GET only (never the logout form), and runs vnu
#     and axe on every page, on a 403 and a 404 page of the module (through the relay), and, for the first
#     account, on the password form sent back with its problems (HTTP 422). The session must last throughout.
#  3. Per ministry account, the ministry's pages (`ministry_pages`): check-pages.sh from /ministeriet, crawling
#     only /ministeriet/… (the admin crawl stays under /admin), with the rule calendar and the national table as of
#     2010-07-01 as extra starts and GET forms filled with that date (a date field must get a date, not "skole").
#     A CSV export is fetched, must answer 2xx, and is not fed to vnu or axe (only text/html pages are). vnu reads
#     every page, axe a sample of at most MINISTRY_A11Y_MAX (default ADMIN_A11Y_MAX, 60) with every kind of page;
#     also the ministry's 400 page for a date that does not exist and the rule calendar's form sent back with its
#     problems (HTTP 422, nothing saved). No POST form of the ministry is ever sent with valid values.
#
# Writes each run's output under OUTDIR (login/, ROLE-CODE/, ministry-pages/) and OUTDIR/summary.txt. Last line:
# `check-admin-pages: N passed, M failed` (check-pages.sh's counts added up, plus a failed sign-in as one
# failure). Exit 1 if anything failed.
set -uo pipefail
(($# == 3)) || { sed -n '2,27p' "$0"; exit 2; }
PORT=$1 OUT=$2 USERS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
: >"$OUT/summary.txt"
passed=0 failed=0

# run NAME ENV... : check-pages.sh with the settings given; adds its counts.
run() {
  local name=$1
  shift
  echo "--- $name"
  env -u CHECKS -u CRAWL_ARGS -u START -u SESSION_COOKIE -u ERROR_PAGES -u SAVED_PAGES -u A11Y_MAX \
    NOT_FOUND_PATH= "$@" \
    bash "$HERE/check-pages.sh" "$PORT" "$OUT/$name" 2>&1 | tee "$OUT/$name.log" | grep -v '^check-pages: '
  local counts
  counts=$(sed -n 's/^check-pages: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$OUT/$name.log")
  [[ -n $counts ]] || counts="0 1"
  passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
  sed "s/^/$name: /" "$OUT/$name/summary.txt" >>"$OUT/summary.txt" 2>/dev/null
}

# ministry_pages NAME COOKIE: the ministry's pages with a signed-in ministry session (point 3 above).
ministry_pages() {
  local name=$1 cookie=$2 saved="$OUT/$1-saved" status
  mkdir -p "$saved"
  # The rule calendar's form sent back with problems: a date that does not exist, a budget year that is not one.
  status=$(python3 - "$BASE" "$cookie" "$saved/regelkalender-fejl.html" <<'PY'
import http.client, re, sys, urllib.parse
base, cookie, out = sys.argv[1:4]
conn = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=30)
conn.request("GET", "/ministeriet/regelkalender", headers={"Cookie": cookie})
resp = conn.getresponse()
page = resp.read().decode("utf8", "replace")
if resp.status != 200:
    print(f"GET {resp.status}")
    sys.exit()
tokens = {n: re.search(f'name="{n}" value="([^"]*)"', page) for n in ("csrf", "once")}
fields = {n: m.group(1) for n, m in tokens.items() if m}
fields.update(first_contract_deadline="30-02-2010", first_follow_up_budget_year="tolv",
              duty_ends_on="2013-01-01", follow_up_default_due="15. oktober")
conn.request("POST", "/ministeriet/regelkalender", body=urllib.parse.urlencode(fields),
             headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
resp = conn.getresponse()
body = resp.read()
if resp.status == 422:
    open(out, "wb").write(body)
print(f"POST {resp.status}")
PY
)
  if [[ $status != "POST 422" ]]; then
    echo "check-admin-pages: FAIL the rule calendar's form with problems answered ${status:-nothing}, not 422" |
      tee -a "$OUT/summary.txt"
    failed=$((failed + 1))
  fi
  run "$name" START=/ministeriet SESSION_COOKIE="$cookie" CHECKS="crawl html axe" \
    A11Y_MAX="${MINISTRY_A11Y_MAX:-${ADMIN_A11Y_MAX:-60}}" SAVED_PAGES="$saved" \
    CRAWL_ARGS="--prefix /ministeriet --forms 2010-07-01 --extra /ministeriet/regelkalender --extra /ministeriet?dato=2010-07-01" \
    ERROR_PAGES="400:/ministeriet?dato=2010-02-30"
}

first=1
while read -r email password role code; do
  [[ -z $email || $email == \#* ]] && continue
  name="$role-${code/-/national}"
  login_args=(--out "$OUT/$name-session")
  ((first)) && login_args+=(--failed-login --create-draft)
  if ! python3 "$HERE/admin_login.py" "$BASE" "$email" "$password" "${login_args[@]}" >/dev/null; then
    echo "check-admin-pages: FAIL could not sign in as $email ($role)" | tee -a "$OUT/summary.txt"
    failed=$((failed + 1))
    continue
  fi
  if ((first)); then
    mkdir -p "$OUT/login-saved"
    mv "$OUT/$name-session/saved/login-failed.html" "$OUT/login-saved/"
    run login START=/admin/login CHECKS="crawl html axe redbot" SAVED_PAGES="$OUT/login-saved"
  fi
  case $code in
    -) errors="403:/admin/kommune/0169" ;;  # the ministry and sysadmins: a municipality's own desk
    *) other=0101; [[ $code == 0101 ]] && other=0147
       errors="403:/admin/kommune/$other 404:/admin/kommune/$code/opfoelgning/1999" ;;
  esac
  saved=()
  ((first)) && saved=(SAVED_PAGES="$OUT/$name-session/saved")
  # axe on at most ADMIN_A11Y_MAX pages (a sample with every kind of page; vnu reads them all): the ministry's
  # start page links every municipality's log.
  run "$name" START=/admin SESSION_COOKIE="$(cat "$OUT/$name-session/cookie")" CHECKS="crawl html axe" \
    A11Y_MAX="${ADMIN_A11Y_MAX:-60}" \
    CRAWL_ARGS="--extra /admin/adgangskode" ERROR_PAGES="$errors" "${saved[@]}"
  [[ $role == ministry ]] && ministry_pages "ministry-pages" "$(cat "$OUT/$name-session/cookie")"
  first=0
done <"$USERS"

echo "check-admin-pages: $passed passed, $failed failed"
((failed == 0))
