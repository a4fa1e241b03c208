#!/usr/bin/env bash
# The FHIR sync round trip against a real FHIR server: Medplum's FHIR router over its in-memory
# repository (scripts/fhir-server/, installed from npm into a temporary folder), on 127.0.0.1 only.
#
#   1. a synthetic ward of 30 invented cases is synced (one file has a planted error: exit 1);
#   2. the server's active Flags and open Tasks are compared with cordwatch's open flags
#      (triage --format json) and round checklist (checklist --format json): they must be equal;
#   3. cases change (an MRI with no compression answers a flag, an exam, a review), the ward is
#      synced again and compared again;
#   4. a third sync must change nothing: no Patient created, nothing closed, one Patient a case.
#
# Needs node (20 or later) and npm with access to the npm registry; not part of CI (an npm
# install may fail where CI runs). docs/fhir.md gives the last result. Usage:
#   scripts/fhir-sync-check.sh [path/to/cordwatch]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/debug/cordwatch}"
[ -x "$bin" ] || cargo build
bin="$(realpath "$bin")"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cp scripts/fhir-server/package.json scripts/fhir-server/server.mjs "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent >/dev/null)
port=$((20000 + RANDOM % 20000))
# --experimental-websocket: Medplum's core library expects a global WebSocket (Node 22 has one).
node_flags=()
node -e 'process.exit(typeof WebSocket === "undefined" ? 1 : 0)' || node_flags=(--experimental-websocket)
node "${node_flags[@]}" "$work/server.mjs" "$port" >"$work/server.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$url/Patient?_count=1" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "$url/Patient?_count=1" >/dev/null || { cat "$work/server.log"; echo "the server did not start"; exit 1; }

data="$work/data"
printf 'fhir_identifier_system: "https://hospital.example/fhir/mrn"\nfhir_time_zone: UTC\n' >"$work/config.yaml"
now="2026-11-23 09:00"
cw() { "$bin" --config "$work/config.yaml" --data "$data" --now "$now" "$@"; }
"$bin" --now "$now" demo --generate 30 --out "$data" >/dev/null

sync() { cw sync fhir "$url" --all --skip-problems --format json 2>"$work/sync.err" || [ $? -eq 1 ]; }

compare() {
  cw triage --format json >"$work/triage.json" 2>/dev/null || true
  cw checklist --format json >"$work/checklist.json" 2>/dev/null || true
  curl -sf "$url/Flag?_count=10000" >"$work/flags.json"
  curl -sf "$url/Task?_count=10000" >"$work/tasks.json"
  curl -sf "$url/Patient?_count=10000" >"$work/patients.json"
  python3 - "$work" "$1" <<'PY'
import collections, json, sys
work, label = sys.argv[1], sys.argv[2]
load = lambda name: json.load(open(f"{work}/{name}"))
resources = lambda b: [e["resource"] for e in b.get("entry", [])]
def item(r):
    ids = [i["value"] for i in r.get("identifier", []) if i.get("system") == "urn:cordwatch:item"]
    return ids[0] if ids else None
# cordwatch's open flags, by case, rule and the moment raised
ours_flags = sorted(f"{p['id']}/flag/{f['rule']}/{f['raised_at']}"
                    for p in load("triage.json") for f in p["flags"] if f["open"])
server_flags = sorted(item(r) for r in resources(load("flags.json")) if r["status"] == "active")
# cordwatch's round checklist, by case and rule (a rule may have several items)
ours_tasks = collections.Counter((p["id"], i["rule"]) for p in load("checklist.json")["patients"] for i in p["items"])
done = {"completed", "cancelled", "failed", "rejected", "entered-in-error"}
server_tasks = collections.Counter(tuple(item(r).split("/")[0:3:2]) for r in resources(load("tasks.json"))
                                   if r["status"] not in done)
patients = resources(load("patients.json"))
numbers = collections.Counter(i["value"] for p in patients for i in p["identifier"]
                              if i["system"] == "https://hospital.example/fhir/mrn")
ok = ours_flags == server_flags and ours_tasks == server_tasks and all(n == 1 for n in numbers.values())
print(f"{label}: cordwatch {len(ours_flags)} open flags, {sum(ours_tasks.values())} open items; "
      f"server {len(server_flags)} active Flags, {sum(server_tasks.values())} open Tasks "
      f"({len(resources(load('tasks.json')))} Tasks in all), {len(patients)} Patients "
      f"({len(numbers)} hospital numbers) -> {'EQUAL' if ok else 'DIFFERENT'}")
if not ok:
    print("flags only in cordwatch:", sorted(set(ours_flags) - set(server_flags)))
    print("flags only on the server:", sorted(set(server_flags) - set(ours_flags)))
    print("tasks differing:", (ours_tasks - server_tasks), (server_tasks - ours_tasks))
    print("duplicated patients:", [n for n, c in numbers.items() if c > 1])
    sys.exit(1)
PY
}

summary() {
  python3 - "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"  sync: {s['patients']} patients, {s['resources']} resources ({s['created']} created, "
      f"{s['updated']} updated); closed {s['closed_flags']} flags, {s['closed_tasks']} tasks; "
      f"left out {len(s['left_out'])}")
PY
}

sync >"$work/s1.json"; summary "$work/s1.json"; compare "first sync"

# Changes: answer the first open MSCC flag that awaits an MRI with an MRI that excludes compression;
# examine and review the first patient listed as not examined.
read -r flagged unexamined < <(python3 - "$work/triage.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
flagged = next(p["id"] for p in t if any(f["open"] and f["awaits"] == "MRI" for f in p["flags"]))
unexamined = next(p["id"] for p in t if p["not_examined"] and p["id"] != flagged)
print(flagged, unexamined)
PY
)
now="2026-11-23 10:00"
cw record imaging "$flagged" --kind mri_whole_spine --result no_mscc --at "2026-11-23 09:30" >/dev/null
cw record exam "$unexamined" --motor normal --sensory normal --bladder normal --bowel normal --gait normal --at "2026-11-23 09:40" >/dev/null
cw record review "$unexamined" --at "2026-11-23 09:45" >/dev/null
echo "  changed: MRI no_mscc for $flagged; exam and review for $unexamined"
sync >"$work/s2.json"; summary "$work/s2.json"; compare "after the changes"
python3 - "$work/tasks.json" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for e in json.load(open(path)).get("entry", []):
        r = e["resource"]
        if "no longer open in cordwatch" in r.get("statusReason", {}).get("text", ""):
            name = next(i["value"] for i in r["identifier"] if i["system"] == "urn:cordwatch:item")
            print(f"  now {r['status']}: {name}")
PY

sync >"$work/s3.json"; summary "$work/s3.json"; compare "synced again"
python3 - "$work/s3.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["created"] == 0 and s["closed_flags"] == 0 and s["closed_tasks"] == 0, f"not idempotent: {s}"
print("  the third sync created nothing and closed nothing: idempotent")
PY
echo "node $(node --version); $(cd "$work" && npm ls --depth=0 2>/dev/null | grep -o '@medplum/[a-z-]*@[0-9.]*' | tr '\n' ' ')"
echo "PASS"
