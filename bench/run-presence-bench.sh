#!/usr/bin/env bash
# Presence fan-out benchmark (issue 4, item 8): one PUBLISH to a presentity with N active watchers,
# timed until every watcher has answered its NOTIFY with 200. The same harness (bench/Presence.Bench)
# drives our Presence Server (in its own process, SQLite store) and Kamailio's presence module,
# one after the other, on UDP over 127.0.0.1.
#
# Usage: bench/run-presence-bench.sh [--target ours|kamailio|both] [--watchers 1000] [--rounds 10]
#          [--warmup 3] [--sockets 4] [--port 15090] [--keep DIR]
# Kamailio runs with 1 UDP worker: with more, its SQLite driver fails concurrent queries of the
# watchers table ("database is locked", answered 500). Installs Kamailio's presence and SQLite
# modules from Debian's packages when missing. Every step is bounded by `timeout`.
set -uo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/targets.sh
. "$repo_root/bench/lib/targets.sh"
# shellcheck source=../tools/ci/apt-lib.sh
. "$repo_root/tools/ci/apt-lib.sh"

target=both watchers=1000 rounds=10 warmup=3 sockets=4 port=15090 keep=
while [ $# -gt 0 ]; do
  case $1 in
    --target) target=$2 ;;
    --watchers) watchers=$2 ;;
    --rounds) rounds=$2 ;;
    --warmup) warmup=$2 ;;
    --sockets) sockets=$2 ;;
    --port) port=$2 ;;
    --keep) keep=$2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift 2
done

work=${keep:-$(mktemp -d /tmp/presence-bench.XXXXXX)}
mkdir -p "$work"
cleanup() {
  target_stop_all
  [ -z "$keep" ] && rm -rf "$work"
}
trap cleanup EXIT

echo "== building bench/Presence.Bench (Release)"
if ! timeout 600 dotnet build "$repo_root/bench/Presence.Bench/Presence.Bench.csproj" -c Release -nologo -v:q > "$work/build.log" 2>&1; then
  echo "error: build failed; see $work/build.log" >&2
  exit 1
fi
bench_dll="$repo_root/bench/Presence.Bench/bin/Release/net10.0/presence-bench.dll"
common=(--watchers "$watchers" --rounds "$rounds" --warmup "$warmup" --sockets "$sockets")

if [ "$target" = ours ] || [ "$target" = both ]; then
  echo "== ours: Presence Server in the bench process, SQLite store"
  timeout 300 dotnet "$bench_dll" --target ours "${common[@]}" | tee "$work/ours.txt"
fi

if [ "$target" = kamailio ] || [ "$target" = both ]; then
  apt_ensure kamailio kamailio-presence-modules kamailio-sqlite-modules sqlite3 python3 || {
    echo "error: cannot install Kamailio's presence modules" >&2
    exit 1
  }
  if udp_port_busy "$port"; then
    echo "error: UDP port $port on 127.0.0.1 is already in use; pick another with --port" >&2
    exit 1
  fi
  db="$work/presence.db"
  rm -f "$db" "$db-wal" "$db-shm"
  cat /usr/share/kamailio/db_sqlite/standard-create.sql /usr/share/kamailio/db_sqlite/presence-create.sql | sqlite3 "$db"
  sqlite3 "$db" "PRAGMA journal_mode=WAL;" > /dev/null
  mkdir -p "$work/run"
  echo "== Kamailio $(kamailio -v 2>/dev/null | head -1 | awk '{print $3}') presence on 127.0.0.1:$port (1 worker)"
  KAM_LISTEN="udp:127.0.0.1:$port" KAM_DB_URL="sqlite://$db" KAM_CHILDREN=1 \
    kamailio -f "$repo_root/bench/kamailio/kamailio-presence.cfg" -DD -E -Y "$work/run" -m 256 -M 32 > "$work/kamailio.log" 2>&1 &
  target_pid=$!
  started_pids+=("$target_pid")
  sleep 2
  if ! kill -0 "$target_pid" 2>/dev/null; then
    echo "error: Kamailio did not start; see $work/kamailio.log" >&2
    tail -5 "$work/kamailio.log" >&2
    exit 1
  fi
  timeout 300 dotnet "$bench_dll" --target "127.0.0.1:$port" "${common[@]}" | tee "$work/kamailio.txt"
fi
