#!/usr/bin/env bash
# Installs sitrep's build and test dependencies from Debian 12 packages.
# Idempotent: packages already installed are skipped. Run as root.
set -euo pipefail

packages=(
  cmake g++ make ninja-build pkg-config git python3
  libxml2-dev libsimdjson-dev libsqlite3-dev zlib1g-dev libfmt-dev libcli11-dev
  libcld2-dev libxxhash-dev libre2-dev libhyperscan-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 parallel
  chromium fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
