#!/usr/bin/env bash
# Installs Kamailio with its SQLite modules (and the sqlite3 CLI the scripts use) for the Kamailio
# front-end test (deploy/kamailio) and the benchmarks. Idempotent; quick when already installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=apt-lib.sh
. "$here/apt-lib.sh"

missing=()
for package in kamailio kamailio-sqlite-modules sqlite3; do
  apt_is_installed "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
apt_ensure "${missing[@]}"
# Debian's package starts a kamailio service with its default config; the tests start their own.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now kamailio >/dev/null 2>&1 || true; fi
pkill -x kamailio >/dev/null 2>&1 || true
