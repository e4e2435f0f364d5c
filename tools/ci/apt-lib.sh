#!/usr/bin/env bash
# Sourced helpers to install Debian packages idempotently. Several helpers and CI steps may run
# apt at the same moment, so every apt call waits for the dpkg/lists locks (bounded) instead of
# failing at once. Not run by test.sh directly (it is not named setup-*.sh).

# Seconds apt waits for a lock on each try, and how many tries (about 3 minutes in all).
: "${APT_LOCK_WAIT:=60}"
: "${APT_TRIES:=3}"

# True when every named package is installed.
apt_is_installed() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}

# True when apt's cache knows a candidate version for every named package.
apt_has_candidate() {
  local pkg cand
  for pkg in "$@"; do
    cand=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')
    [ -n "$cand" ] && [ "$cand" != "(none)" ] || return 1
  done
}

# Runs an apt-get command, retrying while another process holds the lock.
apt_retry() {
  local try
  for ((try = 1; try <= APT_TRIES; try++)); do
    if DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@"; then
      return 0
    fi
    echo "apt-get $1 failed (try $try of $APT_TRIES); waiting for the lock holder" >&2
    sleep 5
  done
  return 1
}

# Installs the named packages that are missing; updates the lists only when one has no candidate.
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    apt_is_installed "$pkg" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! apt_has_candidate "${missing[@]}"; then
    apt_retry update || return 1
  fi
  # policy-rc.d is not touched: packages whose postinst starts a daemon (kamailio) are handled
  # by the caller, which stops nothing it did not start and uses its own ports.
  apt_retry install -y --no-install-recommends "${missing[@]}"
}
