#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's headless browser test (Tests/Companion.Tests/Dashboard).
# Playwright drives this browser through its ExecutablePath; no browser build is ever downloaded.
# Idempotent and quick when /usr/bin/chromium is already there; waits for the apt lock when another
# helper holds it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=apt-lib.sh
. "$here/apt-lib.sh"

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
# fonts-liberation: readable text in screenshots on a machine without other fonts.
apt_ensure chromium fonts-liberation
[ -x /usr/bin/chromium ] || { echo "setup-chromium: chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
/usr/bin/chromium --version 2>/dev/null || true
