#!/usr/bin/env bash
# Sourced by bench/run-core-bench.sh and Tests/Interop/run-scenarios.sh: starts and stops a SIP
# target on loopback (Kamailio with bench/kamailio/*.cfg, or our Core via `serve`) with the same
# users, and writes the sipp injection files for them. Everything stays on 127.0.0.1.
#
# Users: bench1..benchN in realm simpleim.test, password "pw-bench<i>". bench1 is the MESSAGE
# receiver (a sipp UAS registers it), bench2..bench(N/2) register and send, and
# bench(N/2+1)..benchN are never registered: the offline recipients of the store workload.

: "${SIP_DOMAIN:=simpleim.test}"
repo_root=${repo_root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# PIDs this shell started; target_stop_all ends exactly these.
started_pids=()

user_password() { printf 'pw-bench%s' "${1#bench}"; }

# Writes the injection files into DIR for N users; CONTACT_PORT is where senders' registrations
# point (the register sipp's own port), RX_PORT the port of the MESSAGE UAS.
write_user_csvs() {
  local dir=$1 n=$2 contact_port=$3 rx_port=$4 half=$(($2 / 2)) i u
  {
    echo SEQUENTIAL
    for ((i = 2; i <= half; i++)); do
      u=bench$i
      echo "$u;$SIP_DOMAIN;[authentication username=$u password=$(user_password $u)];127.0.0.1:$contact_port"
    done
  } > "$dir/register.csv"
  {
    echo SEQUENTIAL
    echo "bench1;$SIP_DOMAIN;[authentication username=bench1 password=$(user_password bench1)];127.0.0.1:$rx_port"
  } > "$dir/receiver.csv"
  {
    echo SEQUENTIAL
    for ((i = 2; i <= half; i++)); do
      u=bench$i
      echo "$u;$SIP_DOMAIN;[authentication username=$u password=$(user_password $u)];bench1"
    done
  } > "$dir/relay.csv"
  {
    echo SEQUENTIAL
    for ((i = 2; i <= half; i++)); do
      u=bench$i
      echo "$u;$SIP_DOMAIN;[authentication username=$u password=$(user_password $u)];bench$((half + i - 1))"
    done
  } > "$dir/store.csv"
}

# True when something listens on UDP 127.0.0.1:PORT.
udp_port_busy() {
  ss -Hlun "sport = :$1" 2>/dev/null | grep -q .
}

# Sends a REGISTER without credentials and waits for any SIP answer (401 from a registrar).
# Polls for at most SECONDS (default 20); true when the target answered.
wait_sip_ready() {
  local port=$1 seconds=${2:-20}
  python3 - "$port" "$seconds" <<'EOF'
import socket, sys, time
port, deadline = int(sys.argv[1]), time.time() + float(sys.argv[2])
while time.time() < deadline:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    local = "127.0.0.1:%d" % s.getsockname()[1]
    tag = "%x" % int(time.time() * 1e6)
    msg = ("REGISTER sip:simpleim.test SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-probe-%s;rport\r\n"
           "Max-Forwards: 70\r\nFrom: <sip:probe@simpleim.test>;tag=%s\r\nTo: <sip:probe@simpleim.test>\r\n"
           "Call-ID: probe-%s@127.0.0.1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n") % (local, tag, tag, tag)
    s.sendto(msg.encode(), ("127.0.0.1", port))
    s.settimeout(0.5)
    try:
        data, _ = s.recvfrom(65535)
        if data.startswith(b"SIP/2.0 "):
            sys.exit(0)
    except socket.timeout:
        pass
    finally:
        s.close()
    time.sleep(0.2)
sys.exit(1)
EOF
}

# kamailio_start WORKDIR PORT USERS [msilo]: a fresh SQLite file with the users' HA1, then
# Kamailio in the foreground (-DD) as a child of this shell. Sets target_pid.
kamailio_start() {
  local dir=$1 port=$2 n=$3 mode=${4:-plain} db cfg i u ha1
  mkdir -p "$dir/run"
  db="$dir/kamailio.db"
  rm -f "$db" "$db-wal" "$db-shm"
  {
    cat /usr/share/kamailio/db_sqlite/standard-create.sql \
      /usr/share/kamailio/db_sqlite/auth_db-create.sql \
      /usr/share/kamailio/db_sqlite/msilo-create.sql
    echo "BEGIN;"
    for ((i = 1; i <= n; i++)); do
      u=bench$i
      ha1=$(printf '%s:%s:%s' "$u" "$SIP_DOMAIN" "$(user_password $u)" | md5sum | cut -d' ' -f1)
      echo "INSERT INTO subscriber (username, domain, password, ha1) VALUES ('$u', '$SIP_DOMAIN', '', '$ha1');"
    done
    echo "COMMIT;"
    # WAL like our IM store (persistent in the file; synchronous stays FULL, so commits are durable).
    echo "PRAGMA journal_mode=WAL;"
  } | sqlite3 "$db" > /dev/null
  cfg="$repo_root/bench/kamailio/kamailio.cfg"
  [ "$mode" = msilo ] && cfg="$repo_root/bench/kamailio/kamailio-msilo.cfg"
  if udp_port_busy "$port"; then
    echo "error: UDP port $port on 127.0.0.1 is already in use; pick another with --port" >&2
    return 1
  fi
  KAM_LISTEN="udp:127.0.0.1:$port" KAM_DB_URL="sqlite://$db" \
    kamailio -f "$cfg" -DD -E -Y "$dir/run" -m 256 -M 16 > "$dir/kamailio-$mode.log" 2>&1 &
  target_pid=$!
  started_pids+=("$target_pid")
  if ! wait_sip_ready "$port" 20; then
    echo "error: Kamailio did not answer on 127.0.0.1:$port; see $dir/kamailio-$mode.log" >&2
    tail -5 "$dir/kamailio-$mode.log" >&2
    return 1
  fi
}

# ours_prepare WORKDIR USERS: builds Companion (Release; SIMPLEIM_COMPANION_DLL names a simpleim.dll to
# use instead) and creates the users in WORKDIR/ours-data.
# The first user goes through `users add` (which also creates and migrates the database); the rest are
# inserted with sqlite3 in one transaction when it is installed (`users add` starts a .NET process per
# user, about 0.8 s each), with the same HA1 values `users add` computes. Returns 2 with "Companion not
# present" while that project does not exist. Sets ours_dll.
ours_prepare() {
  local dir=$1 n=$2 i u proj="$repo_root/Companion/Companion.csproj" db
  if [ ! -f "$proj" ]; then
    echo "Companion not present ($proj does not exist yet): our Core cannot be started" >&2
    return 2
  fi
  mkdir -p "$dir/ours-data"
  if [ -n "${SIMPLEIM_COMPANION_DLL:-}" ]; then
    ours_dll=$SIMPLEIM_COMPANION_DLL  # already built (a test passes the simpleim.dll it was built with)
  else
    dotnet build "$proj" -c Release -nologo -v:q > "$dir/ours-build.log" 2>&1 || {
      echo "error: Companion build failed; see $dir/ours-build.log" >&2
      return 1
    }
    ours_dll=$(find "$repo_root/Companion/bin/Release" -name simpleim.dll -path '*net10.0*' | head -1)
  fi
  db="$dir/ours-data/simpleim.db"
  dotnet "$ours_dll" users add bench1 --password "$(user_password bench1)" --data-dir "$dir/ours-data" \
    >> "$dir/ours-users.log" 2>&1 || {
    echo "error: users add bench1 failed; see $dir/ours-users.log" >&2
    return 1
  }
  if command -v sqlite3 > /dev/null; then
    {
      echo "BEGIN;"
      for ((i = 2; i <= n; i++)); do
        u=bench$i
        printf "INSERT INTO users (name, realm, ha1_md5, ha1_sha256, created_at) VALUES ('%s', '%s', '%s', '%s', %s);\n" \
          "$u" "$SIP_DOMAIN" \
          "$(printf '%s:%s:%s' "$u" "$SIP_DOMAIN" "$(user_password $u)" | md5sum | cut -d' ' -f1)" \
          "$(printf '%s:%s:%s' "$u" "$SIP_DOMAIN" "$(user_password $u)" | sha256sum | cut -d' ' -f1)" \
          "$(date +%s%3N)"
      done
      echo "COMMIT;"
    } | sqlite3 "$db" || {
      echo "error: could not insert the users into $db" >&2
      return 1
    }
  else
    for ((i = 2; i <= n; i++)); do
      u=bench$i
      dotnet "$ours_dll" users add "$u" --password "$(user_password $u)" --data-dir "$dir/ours-data" \
        >> "$dir/ours-users.log" 2>&1 || {
        echo "error: users add $u failed; see $dir/ours-users.log" >&2
        return 1
      }
    done
  fi
}

# ours_serve WORKDIR PORT [MODE [AS1_PORT AS2_PORT]]: starts `serve` on 127.0.0.1:PORT over WORKDIR/ours-data.
#   core  (default) the Core alone (--role core) with its application servers switched off: a registrar
#         and proxy like bench/kamailio/kamailio.cfg (MESSAGEs go straight to the registered contacts,
#         no per-source request limit, as kamailio.cfg has no pike; SIMPLEIM_TIMER_J_MS sets how long
#         completed transactions stay, default 0 = RFC 3261's 32 s; SIMPLEIM_WRITE_BEHIND=true answers
#         REGISTERs before their bindings are written)
#   as    the Core alone, third-party registering at stand-in application servers on 127.0.0.1:AS1_PORT
#         (Presence) and :AS2_PORT (IM), trusted as such
#   all   Core, Presence Server (PORT+10) and IM Server (PORT+20) in one process with the default filter
#         criteria (MESSAGE to the IM Server)
# SIMPLEIM_SERVE_ARGS adds arguments. Sets target_pid.
ours_serve() {
  local dir=$1 port=$2 mode=${3:-core} as1=${4:-0} as2=${5:-0} config role=core
  config="$dir/ours-${mode}.json"
  case $mode in
    core)
      cat > "$config" <<EOF_CONFIG
{ "Core": { "Port": $port, "RequestsPerSecondPerSource": 1000000,
            "CompletedTransactionMilliseconds": ${SIMPLEIM_TIMER_J_MS:-0},
            "Registrar": { "WriteBehind": ${SIMPLEIM_WRITE_BEHIND:-false} },
            "ApplicationServers": { "Presence": { "Enabled": false }, "Im": { "Enabled": false } } } }
EOF_CONFIG
      ;;
    as)
      cat > "$config" <<EOF_CONFIG
{ "Core": { "Port": $port, "ThirdPartyRegistrationTimeoutMilliseconds": 1000,
            "ApplicationServers": { "Presence": { "Port": $as1 }, "Im": { "Port": $as2 } } } }
EOF_CONFIG
      ;;
    all)
      role=all
      cat > "$config" <<EOF_CONFIG
{ "Core": { "Port": $port, "RequestsPerSecondPerSource": 1000000,
            "ApplicationServers": { "Presence": { "Port": $((port + 10)) }, "Im": { "Port": $((port + 20)) } } },
  "Presence": { "Port": $((port + 10)) }, "Im": { "Port": $((port + 20)) } }
EOF_CONFIG
      ;;
    *) echo "unknown serve mode $mode" >&2; return 1 ;;
  esac
  if udp_port_busy "$port"; then
    echo "error: UDP port $port on 127.0.0.1 is already in use; pick another with --port" >&2
    return 1
  fi
  # shellcheck disable=SC2086 # SIMPLEIM_SERVE_ARGS is a list of extra arguments
  dotnet "$ours_dll" serve --role "$role" --config "$config" --data-dir "$dir/ours-data" \
    ${SIMPLEIM_SERVE_ARGS:-} > "$dir/ours-serve-$mode.log" 2>&1 &
  target_pid=$!
  started_pids+=("$target_pid")
  if ! wait_sip_ready "$port" 40; then
    echo "error: serve did not answer on 127.0.0.1:$port; see $dir/ours-serve-$mode.log" >&2
    tail -5 "$dir/ours-serve-$mode.log" >&2
    return 1
  fi
}

# ours_start WORKDIR PORT USERS [MODE]: ours_prepare, then ours_serve in MODE (default core).
ours_start() {
  ours_prepare "$1" "$3" || return $?
  ours_serve "$1" "$2" "${4:-core}"
}

# Stops the serve started last (target_pid) and forgets it.
ours_stop() {
  local pid=$target_pid keep=() p
  stop_pid "$pid"
  for p in "${started_pids[@]}"; do
    [ "$p" = "$pid" ] || keep+=("$p")
  done
  started_pids=("${keep[@]}")
}

# im_start WORKDIR PORT USERS: the IM Server alone (`serve --role im`) on PORT, for the store workload
# without a Core (sipp talks to the IM Server directly, as the Core would forward). Its Core address
# points at PORT+1, where nothing listens: the store workload never needs the Core. The users are
# written straight into the SQLite file after `users list` created the schema (one `users add`
# process per user would take minutes on a loaded machine); the IM Server only checks that a
# recipient exists. Returns 2 when the Companion project is missing.
im_start() {
  local dir=$1 port=$2 n=$3 i u proj="$repo_root/Companion/Companion.csproj" dll db
  if [ ! -f "$proj" ]; then
    echo "Companion not present ($proj does not exist yet): the IM Server cannot be started" >&2
    return 2
  fi
  if udp_port_busy "$port"; then
    echo "error: UDP port $port on 127.0.0.1 is already in use; pick another with --port" >&2
    return 1
  fi
  rm -rf "$dir/im-data"
  mkdir -p "$dir/im-data"
  dotnet build "$proj" -c Release -nologo -v:q > "$dir/im-build.log" 2>&1 || {
    echo "error: Companion build failed; see $dir/im-build.log" >&2
    return 1
  }
  dll=$(find "$repo_root/Companion/bin/Release" -name simpleim.dll -path '*net10.0*' | head -1)
  dotnet "$dll" users list --data-dir "$dir/im-data" > /dev/null 2>> "$dir/im-users.log" || {
    echo "error: could not create the IM Server's database; see $dir/im-users.log" >&2
    return 1
  }
  db="$dir/im-data/simpleim.db"
  {
    echo "BEGIN;"
    for ((i = 1; i <= n; i++)); do
      u=bench$i
      printf "INSERT INTO users (name, realm, ha1_md5, ha1_sha256, created_at) VALUES ('%s', '%s', '%s', '%s', 0);\n" "$u" "$SIP_DOMAIN" \
        "$(printf '%s:%s:%s' "$u" "$SIP_DOMAIN" "$(user_password $u)" | md5sum | cut -d' ' -f1)" \
        "$(printf '%s:%s:%s' "$u" "$SIP_DOMAIN" "$(user_password $u)" | sha256sum | cut -d' ' -f1)"
    done
    echo "COMMIT;"
  } | sqlite3 "$db" || {
    echo "error: could not write the users into $db" >&2
    return 1
  }
  SIMPLEIM_Im__Port=$port SIMPLEIM_Im__CorePort=$((port + 1)) SIMPLEIM_Logging__LogLevel__Default=Warning \
    dotnet "$dll" serve --role im --data-dir "$dir/im-data" > "$dir/im-serve.log" 2>&1 &
  target_pid=$!
  started_pids+=("$target_pid")
  if ! wait_sip_ready "$port" 40; then
    echo "error: the IM Server did not answer on 127.0.0.1:$port; see $dir/im-serve.log" >&2
    tail -5 "$dir/im-serve.log" >&2
    return 1
  fi
}

# Ends one process this shell started (and its children), politely first.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  pkill -TERM -P "$pid" 2>/dev/null
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    pkill -KILL -P "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  return 0
}

target_stop_all() {
  local pid
  for pid in "${started_pids[@]}"; do
    stop_pid "$pid"
  done
  started_pids=()
}
