#!/usr/bin/env bash
# Installs sipp (Debian package sip-tester) for the sipp interop scenarios in Tests/Interop/sipp.
# Idempotent and quick when sipp is already there; waits for the apt lock when another helper holds it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=apt-lib.sh
. "$here/apt-lib.sh"

if command -v sipp >/dev/null 2>&1; then
  exit 0
fi
apt_ensure sip-tester
command -v sipp >/dev/null 2>&1 || { echo "setup-sipp: sip-tester installed but no sipp on PATH" >&2; exit 1; }
sipp -v 2>/dev/null | grep -m1 -i "sipp" || true
