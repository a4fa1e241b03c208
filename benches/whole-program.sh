#!/usr/bin/env bash
# Whole-program figures on 10,000 invented cases: wall time and peak memory of `cordwatch triage`
# and `cordwatch list --format json`, and the same cases loaded by VisiData for comparison.
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3 for VisiData.
# Usage: benches/whole-program.sh [N]    (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
now="2026-11-23 09:00"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=target/release/cordwatch
"$bin" --now "$now" demo --generate "$n" --out "$work/ward" --seed 1 >/dev/null

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== wall time, $n cases"
# triage exits 3 when an emergency is open: that is its answer, not a failure (-i).
hyperfine --warmup 1 --runs 10 -N -i \
  "$bin --data $work/ward --now '$now' triage" \
  "$bin --data $work/ward --now '$now' list --format json"
echo "== peak memory, $n cases"
for cmd in "triage" "list --format json"; do
  /usr/bin/time -f "cordwatch $cmd: peak %M KB" "$bin" --data "$work/ward" --now "$now" $cmd >/dev/null || true
done

echo "== VisiData (batch mode) on the same cases, as one multi-document YAML file"
python3 -m venv "$work/vd" && "$work/vd/bin/pip" install --quiet visidata pyyaml
"$work/vd/bin/python" -c "import yaml; print('PyYAML', yaml.__version__, 'with libyaml:', yaml.__with_libyaml__)"
for f in "$work"/ward/cases/*.yaml; do echo '---'; cat "$f"; done > "$work/all.yaml"
hyperfine --warmup 1 --runs 5 -N -i \
  "$bin --data $work/ward --now '$now' list --format json" \
  "$work/vd/bin/vd -b -f yaml $work/all.yaml -o $work/vd.json"
