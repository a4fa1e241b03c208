#!/usr/bin/env bash
# Whole-program figures on 10,000 invented cases: wall time and peak memory of `cordwatch triage`
# and `cordwatch list --format json`, without the parsed-case cache (--no-cache) and with it warm,
# and the same cases loaded by VisiData for comparison, as YAML and as JSON Lines.
# The warm list is also timed against a bare parse of the same files (examples/bare_parse.rs:
# serde_yaml alone, one file after another).
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3 for VisiData.
# Usage: benches/whole-program.sh [N]    (default 10000)
# CORDWATCH_BIN=path measures that build instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
now="2026-11-23 09:00"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --example bare_parse
[ -n "${CORDWATCH_BIN:-}" ] || cargo build --release --quiet --bin cordwatch
bin=$(realpath "${CORDWATCH_BIN:-target/release/cordwatch}")
"$bin" --now "$now" demo --generate "$n" --out "$work/ward" --seed 1 >/dev/null
# As many archived cases (another seed) for the audit, which reads both folders.
"$bin" --now "$now" demo --generate "$n" --out "$work/other" --seed 2 >/dev/null
mkdir -p "$work/ward/archive"
find "$work/other/cases" -name '*.yaml' -exec mv -t "$work/ward/archive" {} +

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== wall time, $n cases"
# The cache is kept apart from the user's own; entries made within 3 s of a file's writing are
# never used, so the files are left to age before the warm runs.
export XDG_CACHE_HOME="$work/cache"
sleep 4
# triage exits 3 when an emergency is open: that is its answer, not a failure (-i).
hyperfine --warmup 1 --runs 10 -N -i \
  "$bin --data $work/ward --now '$now' --no-cache triage" \
  "$bin --data $work/ward --now '$now' triage" \
  "$bin --data $work/ward --now '$now' --no-cache list --format json" \
  "$bin --data $work/ward --now '$now' list --format json" \
  "$bin --data $work/ward --now '$now' audit"
echo "== warm list against a bare serde_yaml parse of the same files"
hyperfine --warmup 1 --runs 10 -N -i \
  "$bin --data $work/ward --now '$now' list --format json" \
  "target/release/examples/bare_parse $work/ward/cases"
echo "== peak memory, $n cases"
for cmd in "triage" "list --format json" "--no-cache list --format json" "checklist" "audit"; do
  /usr/bin/time -f "cordwatch $cmd: peak %M KB" "$bin" --data "$work/ward" --now "$now" $cmd >/dev/null || true
done

echo "== VisiData (batch mode) on the same cases, as one multi-document YAML file"
# VISIDATA_VENV=DIR keeps the virtual environment between runs (made there if it is not yet).
vd_env=${VISIDATA_VENV:-$work/vd}
[ -x "$vd_env/bin/vd" ] || { python3 -m venv "$vd_env" && "$vd_env/bin/pip" install --quiet visidata pyyaml; }
"$vd_env/bin/python" -c "import yaml; print('PyYAML', yaml.__version__, 'with libyaml:', yaml.__with_libyaml__)"
for f in "$work"/ward/cases/*.yaml; do echo '---'; cat "$f"; done > "$work/all.yaml"
"$vd_env/bin/python" - "$work/ward/cases" "$work/all.jsonl" <<'PY'
import json, os, sys, yaml
with open(sys.argv[2], "w") as out:
    for name in sorted(os.listdir(sys.argv[1])):
        case = yaml.load(open(os.path.join(sys.argv[1], name)), Loader=yaml.CSafeLoader)
        if isinstance(case, dict):
            out.write(json.dumps(case, default=str) + "\n")
PY
# Each ratio in one run of hyperfine: the list beside VisiData on JSON Lines with ten runs each
# (the list's 0.1 s is the noisier of the two), then beside VisiData on YAML (a minute a run).
hyperfine --warmup 2 --runs 10 -N -i \
  "$bin --data $work/ward --now '$now' list --format json" \
  "$vd_env/bin/vd -b -f jsonl $work/all.jsonl -o $work/vd-jsonl.json"
hyperfine --warmup 1 --runs 5 -N -i \
  "$bin --data $work/ward --now '$now' list --format json" \
  "$vd_env/bin/vd -b -f yaml $work/all.yaml -o $work/vd.json"
