#!/usr/bin/env bash
# Sourced helpers to install Debian packages idempotently. Several helpers and CI steps may run
# apt at the same moment, so every apt call waits for the dpkg/lists locks (bounded) instead of
# failing at once. Not run by test.sh directly (it is not named setup-*.sh).

# apt waits up to APT_LOCK_WAIT seconds for a lock on each try, and tries again (after 5 s) until
# APT_MAX_WAIT seconds have passed: other helpers may hold the dpkg or lists lock for a while.
: "${APT_LOCK_WAIT:=60}"
: "${APT_MAX_WAIT:=240}"

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

# Runs an apt-get command, retrying while another process holds a lock (bounded by APT_MAX_WAIT).
apt_retry() {
  local start=$SECONDS try=1
  while true; do
    if DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@"; then
      return 0
    fi
    if [ $((SECONDS - start)) -ge "$APT_MAX_WAIT" ]; then
      echo "apt-get $1 still failing after $((SECONDS - start)) s ($try tries); giving up" >&2
      return 1
    fi
    echo "apt-get $1 failed (try $try); retrying in 5 s, another process may hold the apt lock" >&2
    try=$((try + 1))
    sleep 5
  done
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
