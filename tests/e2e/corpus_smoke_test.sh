#!/usr/bin/env bash
# Smoke run of the benchmark's corpus builder (bench/make_corpus.py) at 0.5 MB:
# valid JSON Lines with unique ids, all of it read by `sitrep extract`.
# Needs $SITREP and $SITREP_SOURCE_DIR.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$SITREP_SOURCE_DIR/bench/make_corpus.py" "$tmp/corpus.jsonl" --mb 0.5 2>/dev/null
python3 - "$tmp/corpus.jsonl" <<'PY'
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8")]
assert len(ids) > 200 and len(set(ids)) == len(ids), (len(ids), len(set(ids)))
assert sum(len(l.encode()) for l in open(sys.argv[1], encoding="utf-8")) >= 500000
PY
"$SITREP" extract --threads 2 < "$tmp/corpus.jsonl" > "$tmp/reports.jsonl" 2> "$tmp/err"
grep -q "^{\"articles\":$(wc -l < "$tmp/corpus.jsonl"),.*\"errors\":0," "$tmp/err"
test -s "$tmp/reports.jsonl"
echo "corpus smoke: ok"
