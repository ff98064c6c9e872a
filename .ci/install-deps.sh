#!/usr/bin/env bash
# Installs the system packages the build and the checks need (Debian). Idempotent; a no-op when all are present.
set -euo pipefail
packages=(libsqlite3-dev pkg-config curl python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[install-deps] installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# libcrypt (yescrypt) ships with every Debian system as libcrypt1 + libcrypt-dev's header.
[[ -f /usr/include/crypt.h ]] || { SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libcrypt-dev; }
echo "[install-deps] ok"
