#!/usr/bin/env bash
# Checks `cordwatch export fhir` against an independent FHIR model: the demo ward's bundle is
# parsed, whole and resource by resource, by the fhir.resources Python package (its R4B models,
# which for the resources cordwatch writes do not differ from R4). Needs python3 with venv and
# access to PyPI; not part of CI (docs/fhir.md gives the last result). Usage:
#   scripts/fhir-check.sh [path/to/cordwatch]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/cordwatch}"
[ -x "$bin" ] || cargo build --release
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The demo ward has one unreadable file on purpose: it is left out, and the exit status is 1.
"$bin" --demo export fhir --all --skip-problems > "$work/bundle.json" || [ $? -eq 1 ]
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet 'fhir.resources==8.3.0'
"$work/venv/bin/python" - "$work/bundle.json" <<'PY'
import collections, json, sys
from pydantic import ValidationError
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

text = open(sys.argv[1]).read()
problems = 0
try:
    Bundle.model_validate_json(text)
except ValidationError as e:
    problems += e.error_count()
    print(e)
entries = json.loads(text)["entry"]
for n, entry in enumerate(entries):
    resource = entry["resource"]
    try:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    except ValidationError as e:
        problems += e.error_count()
        print(f"entry {n} {resource['resourceType']}: {e}")
kinds = collections.Counter(e["resource"]["resourceType"] for e in entries)
print(f"{len(entries)} resources ({dict(kinds)}); {problems} problems")
sys.exit(1 if problems else 0)
PY
