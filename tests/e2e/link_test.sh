#!/usr/bin/env bash
# End-to-end test of linking and report.html: `sitrep run` and `sitrep link`
# on the seeds (store and files agree, output deterministic, the page is
# self-contained), then a headless Chromium screenshot of report.html.
# Needs $SITREP and $SITREP_SOURCE_DIR; $SITREP_SCREENSHOT names where the
# screenshot goes (default: a temporary directory).
set -uo pipefail

fails=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if ! "$@"; then echo "FAIL: $name" >&2; fails=$((fails + 1)); fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds="$SITREP_SOURCE_DIR/data/samples/seeds"

"$SITREP" run "$seeds" --out "$tmp/run" 2>"$tmp/run.err"
check "run exit 0" test $? -eq 0
for f in incidents.jsonl narratives.jsonl outlets.jsonl report.html; do
  check "run writes $f" test -s "$tmp/run/$f"
done
check "run says how many incidents" grep -q "incidents (" "$tmp/run.err"
check "run leaves no scratch files behind" test -z "$(ls -A "$tmp/run" | grep -e scratch -e '\.tmp$')"

# The boat strike on the Euphrates: one incident of two articles, 12-21 killed.
check "an incident of two articles with killed 12/21/21" python3 - "$tmp/run/incidents.jsonl" <<'PY'
import json, sys
incs = [json.loads(l) for l in open(sys.argv[1])]
ok = [i for i in incs if len(i["articles"]) >= 2 and (i["figures"].get("killed") or {}).get("high") == 21]
assert ok, "no linked incident with a toll up to 21"
k = ok[0]["figures"]["killed"]
assert (k["low"], k["best"], k["high"]) == (12, 21, 21), k
assert ok[0]["grade"] in ("fair", "confirmed"), ok[0]["grade"]
assert ok[0]["grade_reason"].startswith(ok[0]["grade"] + ":"), ok[0]["grade_reason"]
for i in incs:
    assert i["id"] and i["reports"] and i["grade"] in ("confirmed", "fair", "weak", "contested", "discounted", "single-source")
PY
# The escape-route claim: reported, rejected and denied across the articles.
check "the escape-route narrative has reports, a rejection and a denial" python3 - "$tmp/run/narratives.jsonl" <<'PY'
import json, sys
ns = {n["frame"]: n for n in map(json.loads, open(sys.argv[1]))}
stances = {p["stance"] for p in ns["escape_deal"]["positions"]}
assert {"reports", "rejects", "denies"} <= stances, stances
assert len({p["article"] for p in ns["escape_deal"]["positions"]}) >= 2
PY

# Linking from files (what a distributed run does) gives the same incidents as from the store.
"$SITREP" link "$tmp/run/reports.jsonl" --articles "$tmp/run/articles.jsonl" --out "$tmp/files" 2>"$tmp/files.err"
check "link from files exit 0" test $? -eq 0
check "files and store give the same incidents" cmp -s "$tmp/run/incidents.jsonl" "$tmp/files/incidents.jsonl"
"$SITREP" link --db "$tmp/run/sitrep.db" --out "$tmp/db" 2>/dev/null
check "link from the store is deterministic" cmp -s "$tmp/run/incidents.jsonl" "$tmp/db/incidents.jsonl"
check "narratives from the store are deterministic" cmp -s "$tmp/run/narratives.jsonl" "$tmp/db/narratives.jsonl"

# A bad line is named and skipped; the rest is linked.
{ head -3 "$tmp/run/reports.jsonl"; echo '{"id": broken'; tail -n +4 "$tmp/run/reports.jsonl"; } > "$tmp/bad.jsonl"
"$SITREP" link "$tmp/bad.jsonl" --articles "$tmp/run/articles.jsonl" --out "$tmp/bad" 2>"$tmp/bad.err"
check "bad line exits 1" test $? -eq 1
check "bad line named" grep -q "bad.jsonl: line 4" "$tmp/bad.err"
check "bad line skipped, rest linked" cmp -s "$tmp/run/incidents.jsonl" "$tmp/bad/incidents.jsonl"
# Lines that parse but cannot be linked soundly are named too.
printf '%s\n' '{"id":"a","article":"b","date":{"start":"2017-13-45","end":"x"}}' \
  '{"id":"c","article":"d","place":{"lat":"nan","lon":0}}' \
  '{"id":"e","article":"f","figures":{"killed":{"low":-5,"high":null}}}' > "$tmp/unsound.jsonl"
"$SITREP" link "$tmp/unsound.jsonl" --out "$tmp/unsound" 2>"$tmp/unsound.err"
check "unsound lines exit 1" test $? -eq 1
check "unsound lines named" test "$(grep -c 'unsound.jsonl: line [123]' "$tmp/unsound.err")" -eq 3
check "unsound lines make no incident" test ! -s "$tmp/unsound/incidents.jsonl"
"$SITREP" link --db "$tmp/none.db" --out "$tmp/none" 2>"$tmp/none.err"
check "missing store exits 2" test $? -eq 2

# report.html is self-contained: nothing loaded from the network.
html="$tmp/run/report.html"
check "no remote resources" bash -c "! grep -Eq '(src|href)=\"(https?:)?//|url\\((https?:)?//|<script[^>]+src=' '$html'"
for part in '<svg class="map"' 'class="card"' '<h2>Narratives</h2>' '<h2>Outlets</h2>' 'class="grade"' '<mark>'; do
  check "report.html has $part" grep -qF "$part" "$html"
done

# The page renders in headless Chromium.
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
  shot=${SITREP_SCREENSHOT:-$tmp/report.png}
  timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2000 \
    --screenshot="$shot" "file://$html" >"$tmp/chrome.log" 2>&1
  check "screenshot taken" test -s "$shot"
  # A blank page compresses to a few KB; the report with its map and cards is far larger.
  check "screenshot is not blank" test "$(stat -c %s "$shot")" -gt 60000
  timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --dump-dom "file://$html" >"$tmp/dom.html" 2>/dev/null
  check "rendered DOM has the incident cards" test "$(grep -o 'class="card"' "$tmp/dom.html" | wc -l)" -ge 5
else
  echo "link_test: chromium not installed, screenshot skipped" >&2
fi

if [ "$fails" -ne 0 ]; then echo "$fails check(s) failed" >&2; exit 1; fi
echo "link_test: all checks passed"
