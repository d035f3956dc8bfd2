#!/bin/sh
# The real-editor tests N times in a row beside CPU-heavy jobs, as on a busy
# CI machine: proves the waits hold under load (issue 13). Each round runs
# `npm run test:nvim` then `npm run test:e2e` and prints its time; the first
# failing round stops the run (exit 1). The busy loops are ended by their
# process ids on every exit.
#   sh scripts/e2e-under-load.sh [ROUNDS=3] [BUSY_JOBS=2]
set -eu
ROUNDS=${1:-3}
JOBS=${2:-2}
cd "$(dirname "$0")/.."

pids=""
stop_load() {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
}
trap stop_load EXIT INT TERM

i=0
while [ "$i" -lt "$JOBS" ]; do
  node -e 'for (;;) {}' &
  pids="$pids $!"
  i=$((i + 1))
done
echo "[under-load] $JOBS busy loops:$pids"

round=1
while [ "$round" -le "$ROUNDS" ]; do
  start=$(date +%s)
  npm run test:nvim --silent
  mid=$(date +%s)
  npm run test:e2e --silent
  end=$(date +%s)
  echo "[under-load] round $round/$ROUNDS passed: nvim $((mid - start)) s, e2e $((end - mid)) s, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  round=$((round + 1))
done
