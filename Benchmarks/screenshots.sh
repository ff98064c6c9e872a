#!/usr/bin/env bash
# Full-page screenshots for the README: the front page and one municipality's page, at desktop width (1280) and
# phone width (375), taken by headless Chromium (Benchmarks/screenshot.py; a11y.py --width cannot go below 500 px).
#
#   Benchmarks/screenshots.sh [--url http://127.0.0.1:PORT] [--out DIR] [FRONT_PATH [MUNICIPALITY_PATH]]
#
# Without --url it builds the portal (debug; SCRATCH sets --scratch-path), serves a fresh seeded database on a
# free port, and stops it afterwards. FRONT_PATH defaults to /. MUNICIPALITY_PATH defaults to the first link on the
# front page to Høje-Taastrup (code 169, whose example data is the real document's), the first municipality with a
# contract in the example data. Writes front-1280.png, front-375.png, municipality-1280.png and
# municipality-375.png into DIR (default docs/screenshots).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BASE="" OUT="$ROOT/docs/screenshots"
while (($#)); do
  case $1 in
    --url) BASE=${2%/}; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
FRONT=${1:-/}
MUNICIPALITY=${2:-}
TMP=$(mktemp -d /tmp/screenshots.XXXXXX)
SERVER=""
cleanup() {
  if [[ -n $SERVER ]]; then kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

if [[ -z $BASE ]]; then
  cd "$ROOT"
  swift build --scratch-path "${SCRATCH:-.build}" --product brugerinformation 2>&1 | tail -1
  BIN="$(swift build --scratch-path "${SCRATCH:-.build}" --show-bin-path)/brugerinformation"
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$BIN" serve --port "$PORT" --database "$TMP/screenshots.sqlite" --no-access-log >"$TMP/server.log" 2>&1 &
  SERVER=$!
  BASE="http://127.0.0.1:$PORT"
  for _ in $(seq 600); do
    curl -sf -o /dev/null "$BASE/healthz" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/server.log"; exit 1; }
    sleep 0.1
  done
fi

if [[ -z $MUNICIPALITY ]]; then
  MUNICIPALITY=$(curl -sf "$BASE$FRONT" | python3 -c '
import re, sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

class Links(HTMLParser):
    found = None
    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        path = urlsplit(href).path
        if tag == "a" and self.found is None and not urlsplit(href).netloc and \
                re.search(r"(^|/)0*169(/|$)|taastrup", unquote(path), re.IGNORECASE):
            self.found = path

p = Links()
p.feed(sys.stdin.read())
print(p.found or "")
') || true
  if [[ -z $MUNICIPALITY ]]; then
    echo "screenshots: no link to Høje-Taastrup (169) on $BASE$FRONT; give the municipality page's path as the" \
      "second argument" >&2
    exit 1
  fi
fi

mkdir -p "$OUT"
for width in 1280 375; do
  python3 "$ROOT/Benchmarks/screenshot.py" --width "$width" "$BASE$FRONT" "$OUT/front-$width.png" \
    "$BASE$MUNICIPALITY" "$OUT/municipality-$width.png"
done
echo "screenshots: $BASE$FRONT and $BASE$MUNICIPALITY at widths 1280 and 375 in $OUT"
