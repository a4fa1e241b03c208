#!/usr/bin/env bash
# The release dashboard on N generated cases, as a person runs it: in tmux at 80x24, following
# the real clock, the parsed-case cache warm. Prints its resident memory once every file is in,
# its idle CPU over S seconds, and the CPU one outside change to one case file costs it (K files
# rewritten by another program, one every 3 s, less the idle rate over that time).
# Needs tmux and bc. Usage: benches/dashboard-live.sh [N] [S] [K]    (default 100000 120 10)
# CORDWATCH_BIN=path measures that build instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
secs=${2:-120}
k=${3:-10}
work=$(mktemp -d)
session="cordwatch-live-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ -z "${CORDWATCH_BIN:-}" ]; then
  cargo build --release --quiet --bin cordwatch
fi
bin=$(realpath "${CORDWATCH_BIN:-target/release/cordwatch}")
"$bin" --now "$(date -u '+%Y-%m-%d %H:%M')" demo --generate "$n" --out "$work/ward" --seed 1 >/dev/null
export XDG_CACHE_HOME="$work/cache"
# Entries made within 3 s of a file's writing are never used: the files age, then a report warms
# the cache the dashboard reads.
sleep 4
"$bin" --data "$work/ward" list >/dev/null

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
tmux new-session -d -s "$session" -x 80 -y 24 "env LANG=C.UTF-8 XDG_CACHE_HOME=$XDG_CACHE_HOME $bin --data $work/ward"
pid=""
for _ in $(seq 1 100); do
  pid=$(pgrep -f "^$bin --data $work/ward\$" || true)
  [ -n "$pid" ] && break
  sleep 0.1
done
[ -n "$pid" ] || { echo "the dashboard did not start"; exit 1; }
start=$(date +%s.%N)
until tmux capture-pane -p -t "$session" | grep -q "cases"; do sleep 0.05; done
while tmux capture-pane -p -t "$session" | grep -q "LOADING"; do sleep 0.2; done
echo "every file in after $(echo "$(date +%s.%N) - $start" | bc) s (through tmux, polled every 0.2 s)"
sleep 5

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
grep -E "VmRSS|VmHWM" "/proc/$pid/status"

c0=$(cpu)
sleep "$secs"
c1=$(cpu)
idle=$(echo "scale=4; ($c1 - $c0) / $ticks / $secs" | bc)
echo "idle CPU over $secs s: $(echo "scale=2; $idle * 100" | bc)% of a core"

files=$(find "$work/ward/cases" -name '*.yaml' | sort | sed -n "1,${k}p")
c0=$(cpu)
t0=$(date +%s.%N)
i=0
for f in $files; do
  i=$((i + 1))
  # Another program rewrites the file whole, as an editor saves it.
  { cat "$f"; echo "# changed by another program ($i)"; } > "$f.new" && mv "$f.new" "$f"
  sleep 3
done
c1=$(cpu)
t1=$(date +%s.%N)
per=$(echo "scale=2; (($c1 - $c0) / $ticks - $idle * ($t1 - $t0)) * 1000 / $k" | bc)
echo "one outside change: $per ms of CPU (over $k changes, less the idle rate)"
grep -E "VmRSS|VmHWM" "/proc/$pid/status"
tmux send-keys -t "$session" q
