#!/usr/bin/env bash
# Installs tshark (Debian package tshark) for the seed-flow end-to-end tests, which capture the SIP
# traffic on the loopback interface (Tests/Companion.Tests/EndToEnd). Idempotent and quick when tshark
# is already there; waits for the apt lock when another helper holds it. Never asks a question: the
# debconf question of wireshark-common (let non-root users capture?) is answered "no" beforehand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=apt-lib.sh
. "$here/apt-lib.sh"

if command -v tshark >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if command -v debconf-set-selections >/dev/null 2>&1; then
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
fi
apt_ensure tshark
command -v tshark >/dev/null 2>&1 || { echo "setup-tshark: tshark installed but not on PATH" >&2; exit 1; }
tshark --version 2>/dev/null | head -n 1 || true
