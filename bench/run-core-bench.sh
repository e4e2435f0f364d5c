#!/usr/bin/env bash
# SIP/IP Core benchmark against Kamailio (issue 3 item 8, issue 5 item 7): runs the same sipp
# workloads against each target in turn, on loopback only, and prints the highest offered rate
# each target carried with 0 failed calls, plus ours/Kamailio when both were run.
#
#   register  REGISTER with digest auth (401, then 200), senders bench2..bench(N/2)
#   relay     MESSAGE from a sender to bench1 (407, then relayed to a registered sipp UAS, 200)
#   store     MESSAGE to a never-registered user (407, then stored, 202): Kamailio with msilo on
#             SQLite (WAL); ours through the Core to the IM Server
#
# Targets: kamailio, ours (our Core via `serve`), im (our IM Server alone via `serve --role im`,
# store workload only: sipp sends straight to the IM Server as the Core would forward, so there is
# no 407 round; use it while the Core is not on the branch, or to see the store on its own).
#
# A rate "holds" when every call of the step succeeded and the calls finished within 10% (+0.3 s
# for sipp's start and the last answers) of the step's planned time (the target kept up). The
# measured column is successful calls / wall time of that step; the ratio ours/Kamailio uses it.
# The ramp stops at the first rate that does not hold and then bisects between it and the last
# rate that held (--refine times).
#
# Usage: bench/run-core-bench.sh [--target kamailio|ours|im|both]... [--port 5060] [--users 200]
#          [--duration 3] [--rates "500 1000 2000 4000 8000 16000 32000"] [--workloads "register relay store"]
#          [--sipp-port 5200] [--keep DIR] [--kamailio-store-children 1] [--budget 270] [--refine 2]
#          [--warmup 1000]   (calls at 500/s before each workload's ramp, not measured; 0 for none)
#          [--ours-timer-j 5000]  (ms our Core keeps completed transactions, as Kamailio's wt_timer; 0 = RFC 32 s)
#          [--sipp-buffer 4194304]  (sipp's socket buffers, both targets; the kernel default overflows)
# Kamailio runs 4 UDP workers (KAM_CHILDREN in the environment changes that) for register and
# relay, and --kamailio-store-children (1) for store.
# Installs sipp and Kamailio from Debian's packages when missing. Bounded: every step runs under
# `timeout`, and the whole run stops ramping once its time budget (--budget, 270 s) is spent.
set -uo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/targets.sh
. "$repo_root/bench/lib/targets.sh"
# shellcheck source=../tools/ci/apt-lib.sh
. "$repo_root/tools/ci/apt-lib.sh"

targets=()
port=5060
users=200
duration=3
rates="500 1000 2000 4000 8000 16000 32000"
workloads="register relay store"
sipp_port=5200
budget=270
# Kamailio's SQLite driver has no busy wait: with several workers msilo's concurrent INSERTs fail
# with "database is locked" (503) at a few hundred/s, so the store runs on one worker by default.
kam_store_children=1
refine=2
warmup_calls=1000
# How long our Core keeps a completed UDP transaction (Timer J). Kamailio's tm keeps one for its wt_timer,
# 5 s by default in kamailio.cfg; RFC 3261 says 32 s, our serve's default. --ours-timer-j 0 uses the RFC's.
export SIMPLEIM_TIMER_J_MS=5000
# The socket buffers of the sipp processes (both targets alike). At thousands of calls/s one sipp receives
# every answer; with the kernel's default buffer (208 KB) a burst of answers overflows it and the dropped
# datagrams come back as sipp retransmissions, so the load generator, not the target, set the limit.
sipp_buffer=4194304
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --target) [ "$2" = both ] && targets+=(kamailio ours) || targets+=("$2"); shift 2 ;;
    --port) port=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rates) rates=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --sipp-port) sipp_port=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --kamailio-store-children) kam_store_children=$2; shift 2 ;;
    --refine) refine=$2; shift 2 ;;
    --warmup) warmup_calls=$2; shift 2 ;;
    --ours-timer-j) SIMPLEIM_TIMER_J_MS=$2; shift 2 ;;
    --sipp-buffer) sipp_buffer=$2; shift 2 ;;
    -h | --help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -eq 0 ] && targets=(kamailio)
[ "$users" -ge 6 ] || { echo "--users must be at least 6" >&2; exit 2; }

apt_ensure sip-tester sqlite3 python3 kamailio kamailio-sqlite-modules kamailio-presence-modules >/dev/null || {
  echo "error: could not install sipp/kamailio from Debian's packages" >&2
  exit 1
}

work=${keep:-$(mktemp -d /tmp/core-bench.XXXXXX)}
mkdir -p "$work"
trap 'target_stop_all; [ -z "$keep" ] && rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

reg_port=$sipp_port
uac_port=$((sipp_port + 1))
uas_port=$((sipp_port + 2))
rx_reg_port=$((sipp_port + 3))
write_user_csvs "$work" "$users" "$reg_port" "$uas_port"
scen="$repo_root/Tests/Interop/sipp"
start_time=$SECONDS

# Results: result[target:workload]="rate throughput note"
declare -A result

# run_step NAME SCENARIO CSV RATE LOCALPORT: one sipp run of RATE calls/s for $duration s.
# Prints "ok THROUGHPUT" or "fail REASON".
run_step() {
  local name=$1 sf=$2 csv=$3 rate=$4 lport=$5 calls t0 t1 rc stat ok failed elapsed tput
  calls=$((rate * duration))
  stat="$work/$name-$rate.stat.csv"
  rm -f "$stat"
  t0=$(date +%s.%N)
  timeout $((duration * 3 + 20)) sipp "127.0.0.1:$port" -sf "$sf" -inf "$csv" -i 127.0.0.1 -p "$lport" -buff_size "$sipp_buffer" \
    -r "$rate" -m "$calls" -key expires 3600 -auth_uri "$SIP_DOMAIN" -nostdin \
    -recv_timeout 5000 -max_recv_loops 5000 -max_sched_loops 5000 -default_behaviors abortunexp \
    -trace_stat -stf "$stat" -fd 1 > "$work/$name-$rate.out" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  # Column positions differ between sipp versions: look them up by name in the header.
  read -r ok failed < <(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i } }
    END { print ($s == "" ? 0 : $s), ($f == "" ? 0 : $f) }' "$stat" 2>/dev/null)
  elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  tput=$(awk -v n="${ok:-0}" -v e="$elapsed" 'BEGIN { printf "%d", n / e }')
  if [ "$rc" -ne 0 ] || [ "${failed:-1}" -ne 0 ] || [ "${ok:-0}" -ne "$calls" ]; then
    echo "fail rc=$rc ok=${ok:-?} failed=${failed:-?} of $calls"
  elif awk -v e="$elapsed" -v d="$duration" 'BEGIN { exit !(e > d * 1.1 + 0.3) }'; then
    echo "fail slow: $calls calls took ${elapsed}s (planned ${duration}s)"
  else
    echo "ok $tput"
  fi
}

# warm_up NAME SCENARIO CSV LOCALPORT: $warmup_calls calls at 500/s, not measured, before a workload's
# ramp, the same for every target: a .NET server compiles its hot paths on first use (tiered JIT), and
# Kamailio's first calls warm its caches. Failures here are ignored.
warm_up() {
  local name=$1 sf=$2 csv=$3 lport=$4
  [ "$warmup_calls" -gt 0 ] || return 0
  timeout 30 sipp "127.0.0.1:$port" -sf "$sf" -inf "$csv" -i 127.0.0.1 -p "$lport" -r 500 -m "$warmup_calls" \
    -key expires 3600 -auth_uri "$SIP_DOMAIN" -nostdin -recv_timeout 5000 > "$work/$name-warmup.out" 2>&1
}

# ramp TARGET WORKLOAD SCENARIO CSV LOCALPORT: highest rate that holds. Climbs the --rates list
# until a rate fails, then bisects between the last good and the failed rate --refine times.
ramp() {
  local target=$1 wl=$2 sf=$3 csv=$4 lport=$5 rate best=0 best_tput=0 note="" out failed_at="" i mid
  warm_up "$target-$wl" "$sf" "$csv" "$lport"
  for rate in $rates; do
    if [ $((SECONDS - start_time)) -ge "$budget" ]; then
      note="time budget reached before $rate/s"
      break
    fi
    out=$(run_step "$target-$wl" "$sf" "$csv" "$rate" "$lport")
    echo "  $target $wl $rate/s: $out"
    if [ "${out%% *}" != ok ]; then
      failed_at=$rate
      note="fails at $rate/s: ${out#fail }"
      break
    fi
    best=$rate
    best_tput=${out#ok }
  done
  for ((i = 0; i < refine; i++)); do
    [ -n "$failed_at" ] || break
    [ $((SECONDS - start_time)) -lt "$budget" ] || break
    mid=$(((best + failed_at) / 2 / 100 * 100))
    [ "$mid" -gt "$best" ] && [ "$mid" -lt "$failed_at" ] || break
    out=$(run_step "$target-$wl" "$sf" "$csv" "$mid" "$lport")
    echo "  $target $wl $mid/s: $out"
    if [ "${out%% *}" = ok ]; then
      best=$mid
      best_tput=${out#ok }
    else
      failed_at=$mid
      note="fails at $mid/s: ${out#fail }"
    fi
  done
  [ -z "$note" ] && note="held every rate tried"
  result[$target:$wl]="$best $best_tput $note"
}

# Registers bench1 at the MESSAGE UAS; the UAS runs until the target is stopped.
start_receiver() {
  sipp -sf "$scen/message_uas.xml" -i 127.0.0.1 -p "$uas_port" -buff_size "$sipp_buffer" -nostdin \
    -max_recv_loops 5000 -max_sched_loops 5000 > "$work/uas.out" 2>&1 &
  started_pids+=("$!")
  sleep 0.5
  timeout 20 sipp "127.0.0.1:$port" -sf "$scen/register_digest_uac.xml" -inf "$work/receiver.csv" \
    -i 127.0.0.1 -p "$rx_reg_port" -m 1 -key expires 3600 -auth_uri "$SIP_DOMAIN" -nostdin \
    -recv_timeout 5000 > "$work/receiver-register.out" 2>&1
}

# Registers every sender once, so the relay and store workloads send from bound users.
register_senders() {
  timeout 60 sipp "127.0.0.1:$port" -sf "$scen/register_digest_uac.xml" -inf "$work/register.csv" \
    -i 127.0.0.1 -p "$reg_port" -r 200 -m $((users / 2 - 1)) -key expires 3600 -auth_uri "$SIP_DOMAIN" \
    -nostdin -recv_timeout 5000 > "$work/senders-register.out" 2>&1
}

has_workload() { [[ " $workloads " == *" $1 "* ]]; }

run_target() {
  local target=$1 rc note
  echo "== $target on 127.0.0.1:$port ($users users)"
  if [ "$target" = im ]; then
    result[$target:register]="- - not applicable: IM Server alone"
    result[$target:relay]="- - not applicable: IM Server alone"
  fi
  if [ "$target" != im ] && { has_workload register || has_workload relay; }; then
    if [ "$target" = kamailio ]; then
      kamailio_start "$work/kamailio" "$port" "$users" plain; rc=$?
    else
      # The Core alone with its application servers off, like kamailio.cfg (no third-party REGISTER,
      # MESSAGE straight to the registered contact).
      ours_prepare "$work/ours" "$users" && ours_serve "$work/ours" "$port" core; rc=$?
      ours_prepared=1
    fi
    if [ $rc -ne 0 ]; then
      [ $rc -eq 2 ] && note="Companion not present" || note="target did not start"
      result[$target:register]="- - $note"; result[$target:relay]="- - $note"; result[$target:store]="- - $note"
      target_stop_all
      return
    fi
    if has_workload register; then
      ramp "$target" register "$scen/register_digest_uac.xml" "$work/register.csv" "$reg_port"
    fi
    if has_workload relay; then
      register_senders
      if start_receiver; then
        ramp "$target" relay "$scen/message_uac.xml" "$work/relay.csv" "$uac_port"
      else
        result[$target:relay]="- - receiver could not register"
      fi
    fi
    target_stop_all
  fi
  if has_workload store; then
    if [ "$target" = kamailio ]; then
      mkdir -p "$work/kamailio-msilo"
      KAM_CHILDREN=$kam_store_children kamailio_start "$work/kamailio-msilo" "$port" "$users" msilo; rc=$?
    elif [ "$target" = im ]; then
      im_start "$work/im" "$port" "$users"; rc=$?
    else
      # Our Core with the IM Server in the same process; the data dir keeps the users.
      if [ -z "${ours_prepared:-}" ]; then
        ours_prepare "$work/ours" "$users"; rc=$?
        ours_prepared=1
      else
        rc=0
      fi
      [ $rc -eq 0 ] && { ours_serve "$work/ours" "$port" all; rc=$?; }
    fi
    if [ $rc -ne 0 ]; then
      [ $rc -eq 2 ] && note="Companion not present" || note="target did not start"
      result[$target:store]="- - $note"
    elif [ "$target" = ours ] && grep -q "Im has no SIP element implementation" "$work/ours/ours-serve-all.log"; then
      result[$target:store]="- - no IM Server in this build"
    else
      ramp "$target" store "$scen/message_uac.xml" "$work/store.csv" "$uac_port"
      if [ "$target" = kamailio ]; then
        echo "  kamailio store: $(sqlite3 "$work/kamailio-msilo/kamailio.db" 'select count(*) from silo') messages in the msilo table"
      elif [ "$target" = im ]; then
        echo "  im store: $(sqlite3 "$work/im/im-data/simpleim.db" 'select count(*) from deferred_messages') messages in deferred_messages"
      fi
    fi
    target_stop_all
  fi
}

for t in "${targets[@]}"; do
  case $t in
    kamailio | ours | im) run_target "$t" ;;
    *) echo "unknown target $t (kamailio, ours, im or both)" >&2; exit 2 ;;
  esac
done

echo
echo "Highest offered rate with 0 failed calls ($duration s per step, rates: $rates, refine $refine)"
echo "machine: $(nproc) CPUs, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); sipp $(sipp -v 2>/dev/null | grep -o 'v[0-9.]*' | head -1), $(kamailio -v 2>/dev/null | head -1 | cut -d' ' -f1-3)"
printf '| %-8s | %-8s | %12s | %14s | %s\n' workload target "calls/s" "measured/s" note
for wl in $workloads; do
  for t in "${targets[@]}"; do
    read -r r tp n <<< "${result[$t:$wl]:-- - not run}"
    printf '| %-8s | %-8s | %12s | %14s | %s\n' "$wl" "$t" "$r" "$tp" "$n"
  done
  for ours in ours im; do
    if [[ " ${targets[*]} " == *" $ours "* ]] && [[ " ${targets[*]} " == *" kamailio "* ]]; then
      [ "$ours" = im ] && [ "$wl" != store ] && continue
      read -r _ ro _ <<< "${result[$ours:$wl]:-- -}"
      read -r _ rk _ <<< "${result[kamailio:$wl]:-- -}"
      if [[ "$ro" =~ ^[0-9]+$ ]] && [[ "$rk" =~ ^[0-9]+$ ]] && [ "$rk" -gt 0 ]; then
        echo "| $wl ratio $ours/Kamailio (measured): $(awk -v o="$ro" -v k="$rk" 'BEGIN { printf "%.2f", o / k }')"
      else
        echo "| $wl ratio $ours/Kamailio (measured): n/a"
      fi
    fi
  done
done
echo "total time: $((SECONDS - start_time)) s${keep:+; logs kept in $work}"
