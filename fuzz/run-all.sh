#!/usr/bin/env bash
# Runs every fuzz target for $1 seconds (default 60) and prints the executions of each and
# their total. Needs the nightly toolchain and cargo-fuzz (see README.md).
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
total=0
for t in params request signed_request scenario fixture state_file control render; do
  log="$(mktemp)"
  cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"; echo "fuzz target $t failed"; exit 1; }
  n="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)"
  echo "$t: $n executions in ${secs}s"
  total=$((total + n))
  rm -f "$log"
done
echo "total: $total executions"
