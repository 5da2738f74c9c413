#!/usr/bin/env bash
# Installs dependencies, builds sitrep and runs it on the bundled sample
# corpus (the five Raqqa seed articles), then prints a short summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target sitrep sitrep_kb

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

echo
echo "Reports with casualty figures ($out/reports.jsonl):"
python3 - "$out/reports.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    figs = {k: v["text"] for k, v in r["figures"].items() if v}
    if not figs:
        continue
    date = (r["date"] or {}).get("start") or "?"
    place = (r["place"] or {}).get("name") or "?"
    who = (r["perpetrator"] or {}).get("name") or "?"
    src = (r["source"] or {}).get("name") or "(outlet's own voice)"
    kind = "running total" if r["cumulative"] else r["type"]
    fig = ", ".join(f"{k}={v}" for k, v in figs.items())
    print(f'  {date}  {kind:<12} {place[:16]:<16} by {who[:22]:<22} {fig}  [{src[:40]}]')
PY
exit $status
