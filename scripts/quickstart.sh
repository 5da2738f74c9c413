#!/usr/bin/env bash
# Installs dependencies, builds sitrep and runs it on the bundled sample
# corpus (the five Raqqa seed articles), then prints a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target sitrep

out=${SITREP_OUT:-sitrep-out}
rm -rf "$out"
status=0
build/sitrep run data/samples/seeds --out "$out" || status=$?

echo
echo "Articles ($out/articles.jsonl):"
python3 - "$out/articles.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    p = a["published"] or {}
    date = f'{p.get("date")} ({p.get("from")})' if p else "undated"
    dup = f'  duplicate of {a["duplicate_of"]}' if a["duplicate_of"] else ""
    print(f'  {a["path"]:<38} {a["outlet"]:<10} {date:<20} {a["title"][:60]}{dup}')
PY
exit $status
