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

echo
echo "Incidents reported by more than one article or with a toll ($out/incidents.jsonl):"
python3 - "$out/incidents.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    i = json.loads(line)
    k = i["figures"].get("killed")
    if len(i["articles"]) < 2 and not k:
        continue
    date = (i["date"] or {}).get("start") or "?"
    place = (i["place"] or {}).get("name") or "?"
    killed = ""
    if k:
        high = k["high"] if k["high"] is not None else "?"
        killed = f'killed {k["low"]}-{high} (best {k["best"]})'
    print(f'  {date}  {i["type"]:<12} {place[:18]:<18} {len(i["articles"])} article(s)  {killed:<26} {i["grade_reason"][:90]}')
PY

echo
echo "Narratives ($out/narratives.jsonl):"
python3 - "$out/narratives.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    n = json.loads(line)
    stances = ", ".join(f'{p["outlet"][:24]} {p["stance"]}' for p in n["positions"])
    print(f'  "{n["claim"]}": {stances}')
PY
echo
echo "Open $out/report.html in a browser for the readable report."
exit $status
