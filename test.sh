#!/usr/bin/env bash
# Runs every test of SimpleImGateway: builds the whole solution (both the net10.0 and the
# nanoFramework builds of Shared and Firmware), installs and starts the real peers the
# interop tests need, runs all test projects, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
log_dir="$root/artifacts/test-logs"
mkdir -p "$log_dir"

# Real peers (sipp, PostgreSQL, ...) from Debian's packages; see tools/ci/*.sh.
# A setup script leaves what the tests need to reach its peer in artifacts/ci-env/*.sh.
rm -rf "$root/artifacts/ci-env"
for setup in "$root"/tools/ci/setup-*.sh; do
  [ -f "$setup" ] || continue
  echo "== $(basename "$setup")"
  bash "$setup" || echo "warning: $(basename "$setup") failed; tests that need it will report why"
done
for env_file in "$root"/artifacts/ci-env/*.sh; do
  [ -f "$env_file" ] || continue
  # shellcheck source=/dev/null
  . "$env_file"
done

echo "== dotnet build SimpleImGateway.sln"
if ! dotnet build SimpleImGateway.sln -c Release -nologo -v:q 2>&1 | tee "$log_dir/build.log" | grep -E "error|Warn|Build succeeded" | grep -v "warning NU"; then
  :
fi
if ! grep -q "Build succeeded" "$log_dir/build.log" || grep -q " error " "$log_dir/build.log"; then
  echo "build failed: see $log_dir/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== dotnet test SimpleImGateway.sln"
dotnet test SimpleImGateway.sln -c Release --no-build -nologo 2>&1 | tee "$log_dir/test.log"
test_rc=${PIPESTATUS[0]}

# Sum the per-assembly summary lines printed by the test runner.
read -r passed failed skipped < <(
  grep -E "^(Passed|Failed)! +- Failed: " "$log_dir/test.log" |
    sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' |
    awk '{p+=$1; f+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the runner failed without a summary (crash, missing assembly)
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
