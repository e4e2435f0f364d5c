#!/usr/bin/env bash
# Runs the seed's presence-usage flow with Kamailio (Debian's package) as the SIP/IP Core in front of
# our Presence Server and IM Server, all on 127.0.0.1, and checks it step by step:
#   Bob (the device simulator) registers through Kamailio; Kamailio third-party REGISTERs him at the
#   Presence and IM Servers; the IM Server subscribes to Bob's presence; Tom (a second simulator)
#   sends Bob a MESSAGE while Bob is not available: 202, stored; Bob publishes open through
#   Kamailio; the IM Server delivers Tom's message to Bob.
# One PASS/FAIL line per check; exit status 0 when all pass, 1 when one fails, 2 when the setup fails.
# Every process it starts is stopped on exit. Logs stay in the work directory (printed) on failure.
#
# Environment:
#   SIMPLEIM_COMPANION_DLL   a built simpleim.dll to use (else Companion is built, Debug)
#   SIMPLEIM_SIMULATOR_DLL   a built SimpleImGateway.Firmware.Simulator.dll (else built, Debug)
#   KAMFRONT_KEEP=1          keep the work directory even when everything passed
#   KAMFRONT_TIMEOUT         seconds each check may wait, default 20
#   KAMFRONT_BUDGET          seconds the whole run may take once built (start-up included), default 100;
#                            checks still waiting then fail at once
#   KAMFRONT_CFG             another Kamailio configuration to try (default kamailio-frontend.cfg)
set -u

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cfg=${KAMFRONT_CFG:-$repo_root/deploy/kamailio/kamailio-frontend.cfg}
domain=simpleim.test
step_timeout=${KAMFRONT_TIMEOUT:-20}
budget=${KAMFRONT_BUDGET:-100}
deadline=$((SECONDS + 100000))  # set for real once the build is done
work=$(mktemp -d "${TMPDIR:-/tmp}/simpleim-kamfront.XXXXXX")
failures=0
pids=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

# Stops exactly the processes this script started, politely first.
cleanup() {
  local pid i
  exec 7>&- 8>&- 2>/dev/null
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
  done
  wait 2>/dev/null
  if [ "$failures" -eq 0 ] && [ -z "${KAMFRONT_KEEP:-}" ]; then
    rm -rf "$work"
  else
    echo "logs kept in $work (kamailio.log, presence.log, im.log, bob.log, tom.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

setup_fail() {
  echo "SETUP FAILED: $*" >&2
  failures=1
  exit 2
}

check() {
  local name=$1
  shift
  if "$@"; then
    echo "PASS  $name"
  else
    echo "FAIL  $name"
    failures=$((failures + 1))
  fi
}

# Seconds left of the run's budget, at most $1.
remaining() {
  local left=$((deadline - SECONDS))
  [ "$left" -lt "$1" ] && echo $((left > 0 ? left : 0)) || echo "$1"
}

# wait_for FILE REGEX [SECONDS]: true once a line of FILE matches the extended REGEX.
wait_for() {
  local file=$1 regex=$2 seconds=${3:-$step_timeout} end
  end=$((SECONDS + $(remaining "$seconds")))
  while [ $SECONDS -lt "$end" ]; do
    grep -Eq -- "$regex" "$file" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# Ports free for UDP and TCP on 127.0.0.1.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
ports, keep = [], []
while len(ports) < int(sys.argv[1]):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    p = u.getsockname()[1]
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        t.bind(("127.0.0.1", p))
    except OSError:
        u.close(); t.close(); continue
    keep += [u, t]
    ports.append(p)
print(" ".join(map(str, ports)))
EOF
}

# --- prerequisites ---------------------------------------------------------------------------
if ! command -v kamailio > /dev/null || ! ls /usr/lib/*/kamailio/modules/db_sqlite.so > /dev/null 2>&1; then
  log "installing kamailio and kamailio-sqlite-modules from Debian"
  # shellcheck source=../../tools/ci/apt-lib.sh
  . "$repo_root/tools/ci/apt-lib.sh"
  apt_ensure kamailio kamailio-sqlite-modules || setup_fail "could not install kamailio"
fi
for tool in kamailio sqlite3 python3 dotnet; do
  command -v "$tool" > /dev/null || setup_fail "$tool is not installed"
done

if [ -n "${SIMPLEIM_COMPANION_DLL:-}" ]; then
  companion=$SIMPLEIM_COMPANION_DLL
else
  log "building Companion"
  dotnet build "$repo_root/Companion/Companion.csproj" -nologo -v:q > "$work/build-companion.log" 2>&1 \
    || setup_fail "Companion build failed; see $work/build-companion.log"
  companion="$repo_root/Companion/bin/Debug/net10.0/simpleim.dll"
fi
if [ -n "${SIMPLEIM_SIMULATOR_DLL:-}" ]; then
  simulator=$SIMPLEIM_SIMULATOR_DLL
else
  log "building Firmware.Simulator"
  dotnet build "$repo_root/Firmware.Simulator/Firmware.Simulator.csproj" -nologo -v:q > "$work/build-simulator.log" 2>&1 \
    || setup_fail "simulator build failed; see $work/build-simulator.log"
  simulator="$repo_root/Firmware.Simulator/bin/Debug/net10.0/SimpleImGateway.Firmware.Simulator.dll"
fi
[ -f "$companion" ] || setup_fail "$companion not found"
[ -f "$simulator" ] || setup_fail "$simulator not found"

started=$SECONDS
deadline=$((SECONDS + budget))
read -r kam_port presence_port im_port bob_port tom_port watch_port <<< "$(free_ports 6)"
log "Kamailio 127.0.0.1:$kam_port, Presence :$presence_port, IM :$im_port, Bob :$bob_port, Tom :$tom_port; work dir $work"

# --- users and rules (our store), the same HA1 for Kamailio --------------------------------------
data="$work/data"
mkdir -p "$data" "$work/run" "$work/bob" "$work/tom"
bob_password=bob-kam-password
tom_password=tom-kam-password
dotnet "$companion" users add bob --password "$bob_password" --data-dir "$data" > "$work/users.log" 2>&1 \
  || setup_fail "users add bob failed; see $work/users.log"
dotnet "$companion" users add tom --password "$tom_password" --data-dir "$data" >> "$work/users.log" 2>&1 \
  || setup_fail "users add tom failed; see $work/users.log"
dotnet "$companion" watchers allow "sip:bob@$domain" "sip:tom@$domain" --data-dir "$data" >> "$work/users.log" 2>&1 \
  || setup_fail "watchers allow bob tom failed; see $work/users.log"

# Kamailio's subscriber table gets the MD5 HA1 `users add` stored: one set of credentials.
kam_db="$work/kamailio.db"
{
  cat /usr/share/kamailio/db_sqlite/standard-create.sql /usr/share/kamailio/db_sqlite/auth_db-create.sql
  echo "ATTACH DATABASE '$data/simpleim.db' AS ours;"
  echo "INSERT INTO subscriber (username, domain, password, ha1) SELECT name, realm, '', ha1_md5 FROM ours.users;"
} | sqlite3 "$kam_db" > /dev/null || setup_fail "could not write $kam_db"
[ "$(sqlite3 "$kam_db" 'SELECT count(*) FROM subscriber;')" = 2 ] || setup_fail "the subscriber table does not hold bob and tom"

# --- servers -----------------------------------------------------------------------------------
KAM_LISTEN="udp:127.0.0.1:$kam_port" KAM_ADVERTISE="127.0.0.1:$kam_port" KAM_DB_URL="sqlite://$kam_db" \
  KAM_PRESENCE_IP=127.0.0.1 KAM_PRESENCE_PORT=$presence_port KAM_IM_IP=127.0.0.1 KAM_IM_PORT=$im_port \
  kamailio -f "$cfg" -DD -E -Y "$work/run" -m 64 -M 16 > "$work/kamailio.log" 2>&1 &
pids+=($!)

cat > "$work/servers.json" <<EOF
{
  "Sip": { "Domain": "$domain" },
  "Presence": { "Address": "127.0.0.1", "Port": $presence_port, "Tcp": false,
                "CoreAddress": "127.0.0.1", "CorePort": $kam_port },
  "Im": { "Address": "127.0.0.1", "Port": $im_port, "Tcp": false,
          "CoreAddress": "127.0.0.1", "CorePort": $kam_port, "CoreTransport": "Udp",
          "RegistrationSource": "ThirdPartyRegister" },
  "Dashboard": { "Enabled": false },
  "Logging": { "LogLevel": { "Default": "Information", "Microsoft": "Warning" } }
}
EOF
# Two processes over one data directory (one SQLite file): users and watcher rules are shared.
dotnet "$companion" serve --role presence --config "$work/servers.json" --data-dir "$data" > "$work/presence.log" 2>&1 &
pids+=($!)
dotnet "$companion" serve --role im --config "$work/servers.json" --data-dir "$data" > "$work/im.log" 2>&1 &
pids+=($!)

# Ready when each answers a probe REGISTER on its port.
sip_ready() {
  python3 - "$1" "$2" <<'EOF'
import socket, sys, time
port, deadline = int(sys.argv[1]), time.time() + float(sys.argv[2])
while time.time() < deadline:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    local = "127.0.0.1:%d" % s.getsockname()[1]
    tag = "%x" % int(time.time() * 1e6)
    msg = ("OPTIONS sip:127.0.0.1:%d SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-probe-%s;rport\r\n"
           "Max-Forwards: 70\r\nFrom: <sip:probe@simpleim.test>;tag=%s\r\nTo: <sip:127.0.0.1:%d>\r\n"
           "Call-ID: probe-%s@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n") % (port, local, tag, tag, port, tag)
    s.sendto(msg.encode(), ("127.0.0.1", port))
    s.settimeout(0.5)
    try:
        data, _ = s.recvfrom(65535)
        if data.startswith(b"SIP/2.0 "):
            sys.exit(0)
    except (socket.timeout, ConnectionRefusedError):
        pass
    finally:
        s.close()
    time.sleep(0.3)
sys.exit(1)
EOF
}
sip_ready "$kam_port" "$(remaining 20)" || setup_fail "Kamailio did not answer on 127.0.0.1:$kam_port; see $work/kamailio.log"
sip_ready "$presence_port" "$(remaining 40)" || setup_fail "the Presence Server did not answer on :$presence_port; see $work/presence.log"
sip_ready "$im_port" "$(remaining 40)" || setup_fail "the IM Server did not answer on :$im_port; see $work/im.log"
log "Kamailio, Presence Server and IM Server are up"

# --- the user agents: simulators driven through FIFOs ---------------------------------------------
mkfifo "$work/bob.in" "$work/tom.in"
dotnet "$simulator" --server "127.0.0.1:$kam_port" --user bob --password "$bob_password" --domain "$domain" \
  --data-dir "$work/bob" --transport udp --local-port "$bob_port" --available off < "$work/bob.in" > "$work/bob.log" 2>&1 &
pids+=($!)
exec 7> "$work/bob.in"
dotnet "$simulator" --server "127.0.0.1:$kam_port" --user tom --password "$tom_password" --domain "$domain" \
  --data-dir "$work/tom" --transport udp --local-port "$tom_port" < "$work/tom.in" > "$work/tom.log" 2>&1 &
pids+=($!)
exec 8> "$work/tom.in"

kam_log="$work/kamailio.log"

# 1-6: registration and third-party registration.
check "Bob registers through Kamailio (REGISTER 200)" \
  wait_for "$kam_log" "ladder: registered sip:bob@$domain for [1-9][0-9]* s"
check "Kamailio third-party REGISTERs Bob at the Presence Server (200)" \
  wait_for "$kam_log" "ladder: third-party REGISTER of sip:bob@$domain at sip:127.0.0.1:$presence_port answered 200"
check "Kamailio third-party REGISTERs Bob at the IM Server (200)" \
  wait_for "$kam_log" "ladder: third-party REGISTER of sip:bob@$domain at sip:127.0.0.1:$im_port answered 200"
check "the IM Server took Bob's registration from it" \
  wait_for "$work/im.log" "IM Server: sip:bob@$domain registered"
# 7-10: the IM Server's subscription through Kamailio, and the first NOTIFY back through it.
check "the IM Server SUBSCRIBEs to Bob's presence via Kamailio (to the Presence Server)" \
  wait_for "$kam_log" "ladder: SUBSCRIBE sip:im-server@$domain -> sip:bob@$domain from 127.0.0.1:$im_port to sip:127.0.0.1:$presence_port"
check "the subscription is accepted (2xx through Kamailio)" \
  wait_for "$kam_log" "ladder: 20[02] [^(]*\(SUBSCRIBE\) from 127.0.0.1:$presence_port"
check "the Presence Server's NOTIFY reaches the IM Server through Kamailio's Record-Route" \
  wait_for "$kam_log" "ladder: NOTIFY \(in dialog\) .* from 127.0.0.1:$presence_port"

# Tom watches Bob (his watcher is a small script beside his simulator, which cannot subscribe).
python3 "$repo_root/deploy/kamailio/presence-watcher.py" --proxy "127.0.0.1:$kam_port" --user tom \
  --password "$tom_password" --domain "$domain" --target "sip:bob@$domain" --port "$watch_port" \
  --seconds 120 > "$work/tom-watcher.log" 2>&1 &
pids+=($!)
check "Tom's SUBSCRIBE to Bob's presence is accepted through Kamailio (after 407)" \
  wait_for "$work/tom-watcher.log" "SUBSCRIBE 20[02] "
check "Tom gets the first NOTIFY through Kamailio (Bob not open yet)" \
  wait_for "$work/tom-watcher.log" "NOTIFY state=active.* basic=(closed|none)"

# 11: Tom writes to Bob, who is registered but not available.
wait_for "$kam_log" "ladder: registered sip:tom@$domain" || true
echo "send sip:bob@$domain Hi Bob, call me when you are back (via Kamailio)." >&8
check "Tom's MESSAGE is forwarded by Kamailio to the IM Server" \
  wait_for "$kam_log" "ladder: MESSAGE sip:tom@$domain -> sip:bob@$domain from 127.0.0.1:$tom_port to sip:127.0.0.1:$im_port"
check "the IM Server answers Tom's MESSAGE 202 Accepted (through Kamailio)" \
  wait_for "$kam_log" "ladder: 202 [^(]*\(MESSAGE\) from 127.0.0.1:$im_port"
check "Tom sees the 202" \
  wait_for "$work/tom.log" "accepted by the server \(202\)"
dotnet "$companion" messages list --user bob --data-dir "$data" > "$work/messages-list.txt" 2>&1
check "Tom's message is stored for Bob (messages list --user bob)" \
  grep -q "sip:tom@$domain" "$work/messages-list.txt"

# 12-15: Bob becomes available: PUBLISH through Kamailio to the Presence Server.
echo "available on" >&7
check "Bob's PUBLISH goes through Kamailio to the Presence Server" \
  wait_for "$kam_log" "ladder: PUBLISH sip:bob@$domain -> sip:bob@$domain from 127.0.0.1:$bob_port to sip:127.0.0.1:$presence_port"
check "the Presence Server accepts the PUBLISH (200)" \
  wait_for "$kam_log" "ladder: 200 [^(]*\(PUBLISH\) from 127.0.0.1:$presence_port"
check "Tom is notified through Kamailio that Bob is open" \
  wait_for "$work/tom-watcher.log" "NOTIFY state=active.* basic=open"
# 16-24: NOTIFY to the IM Server, delivery of the stored message to Bob through Kamailio.
check "the IM Server delivers the stored MESSAGE to Bob via Kamailio (lookup location)" \
  wait_for "$kam_log" "ladder: MESSAGE sip:tom@$domain -> sip:bob@127.0.0.1:$bob_port[^ ]* from 127.0.0.1:$im_port"
check "Bob's device accepts the MESSAGE (200)" \
  wait_for "$work/bob.log" "EVENT MessageReceived .* 200 \(sip:tom@$domain\)"
echo "inbox" >&7
check "Bob reads Tom's stored message" \
  wait_for "$work/bob.log" "INBOX .* from sip:tom@$domain .*: \"?Hi Bob, call me when you are back"

echo "quit" >&7
echo "quit" >&8
log "flow took $((SECONDS - started)) s"
if [ "$failures" -eq 0 ]; then
  echo "RESULT: PASS (the seed flow ran through Kamailio)"
  exit 0
fi
echo "RESULT: FAIL ($failures check(s) failed)"
exit 1
