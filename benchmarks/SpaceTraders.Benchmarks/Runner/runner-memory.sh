#!/usr/bin/env bash
# The bot runner's memory benchmark: the peak working set of the runner process (in-memory store, market history on,
# virtual time) by fleet size and simulated hours. Each cell is its own process; the figures come from the runner's
# --report (peakWorkingSetBytes is the kernel's high-water mark of the process's resident set).
#
# The fleet: the market-scout conductor buys probes until there are SHIPS-1 of them (plus the command ship), greedy
# partitioning, and the scouts re-read their markets back to back (minimumRevisit=0): the rate limit is saturated for
# the whole run and every read is a market observation, the worst case for market history. The agent starts with
# 20,000,000 credits so the whole fleet is bought in the first simulated hour.
#
#   benchmarks/SpaceTraders.Benchmarks/Runner/runner-memory.sh                       # 25/50/100 ships x 6/12/24 h
#   SHIPS="100" HOURS="24" benchmarks/SpaceTraders.Benchmarks/Runner/runner-memory.sh  # one cell
#
# Prints a Markdown table (the one in benchmarks/results/runner-memory.md); the reports stay in $OUT (default: a
# temporary folder). Needs jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ships="${SHIPS:-25 50 100}"
hours="${HOURS:-6 12 24}"
seed="${SEED:-42}"
out="${OUT:-$(mktemp -d -t runner-memory-XXXXXX)}"
mkdir -p "$out"

dotnet build "$root/samples/SpaceTraders.BotRunner" -c Release -nologo -v quiet >&2

echo "| Ships | Simulated hours | Peak working set (MB) | Managed heap at end (MB) | Allocated (MB) | Requests | Market observations | Sessions | Wall (s) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for s in $ships; do
  for h in $hours; do
    report="$out/ships-$s-hours-$h.json"
    dotnet run --project "$root/samples/SpaceTraders.BotRunner" -c Release --no-build -- \
      --virtual-time --seed "$seed" --duration "$h:00:00" --starting-credits 20000000 \
      --conductor market-scout --param "scouts=$((s - 1));strategy=greedy;minimumRevisit=0" \
      --quiet --report "$report" > "$out/ships-$s-hours-$h.log" 2>&1
    jq -r '"| \(.ships) | \(.simulatedSeconds / 3600 | floor) | \(.peakWorkingSetBytes / 1048576 | floor) | \(.gcHeapBytes / 1048576 | floor) | \(.allocatedBytes / 1048576 | floor) | \(.requests) | \(.storeRows.market_observations // 0) | \([.behaviours[].sessions] | add // 0) | \(.wallSeconds | floor) |"' "$report"
  done
done
echo "Reports and logs: $out" >&2
