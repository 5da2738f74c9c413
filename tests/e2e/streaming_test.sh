#!/usr/bin/env bash
# The streaming filter contract of `sitrep extract` (docs/streaming.md), with
# GNU parallel --pipe cutting the input into partitions as Spark's rdd.pipe or
# Hadoop Streaming would: the same report lines as one process, JSON only on
# stdout with a group key on every line, one JSON line per bad record on
# stderr, exit 0 past bad records, identical lines when a partition is retried.
# Needs $SITREP and $SITREP_SOURCE_DIR; skipped (77) without GNU parallel.
set -uo pipefail

if ! command -v parallel >/dev/null || ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "GNU parallel not installed (scripts/install-deps.sh); skipped"
  exit 77
fi

fails=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAIL: $name" >&2; fails=$((fails + 1)); fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fakes="$SITREP_SOURCE_DIR/data/samples/fakes-sample.jsonl"
# 120 FA-KES articles (about 250 kB) with three bad records among them.
{
  head -n 40 "$fakes"
  echo '{"id": "broken", "text": "unterminated'
  sed -n 41,90p "$fakes"
  echo '{"id": "no-text"}'
  echo 'not json at all'
  sed -n '91,120p' "$fakes"
} > "$tmp/in.jsonl"

"$SITREP" extract --threads 1 < "$tmp/in.jsonl" > "$tmp/single.out" 2> "$tmp/single.err"
check "single process exits 0 past bad records" test $? -eq 0

# Partitions of about 50 kB, cut at line ends, two at a time; -k keeps their order.
parallel --will-cite --pipe -k --block 50k -j2 "$SITREP" extract --threads 1 \
  < "$tmp/in.jsonl" > "$tmp/par.out" 2> "$tmp/par.err"
check "every partition exits 0" test $? -eq 0
check "several partitions" test "$(grep -c '^{"articles"' "$tmp/par.err")" -ge 4
check "same report lines as one process" cmp "$tmp/single.out" "$tmp/par.out"
# Without -k partitions finish in any order: the same set of lines.
parallel --will-cite --pipe --block 50k -j2 "$SITREP" extract < "$tmp/in.jsonl" 2>/dev/null | sort > "$tmp/unordered.out"
check "same set of lines in any order" cmp <(sort "$tmp/single.out") "$tmp/unordered.out"

check "stdout is JSON objects with a group key, nothing else" python3 - "$tmp/par.out" <<'PY'
import json, re, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    assert isinstance(r, dict) and re.fullmatch(r"[A-Z]{2}/(\d{4}-W\d{2}|undated)", r["group"]), line[:200]
    n += 1
assert n > 300, n
PY
check "stderr is JSON: errors, then counters that add up" python3 - "$tmp/par.err" "$tmp/single.err" <<'PY'
import json, sys
def read(path):
    errors, totals = [], {"articles": 0, "reports": 0, "errors": 0, "warnings": 0}
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        if "error" in o:
            assert o["input"] == "-" and o["where"].startswith("line "), o
            errors.append(o["error"])
        elif "articles" in o:
            for k in totals: totals[k] += o[k]
        else:
            assert "warning" in o, o
    return sorted(errors), totals
pe, pt = read(sys.argv[1])
se, st = read(sys.argv[2])
assert len(se) == 3 and pe == se, (pe, se)
assert pt == st and st["errors"] == 3 and st["articles"] == 120, (pt, st)
PY

# A retried partition gives identical lines.
sed -n 60,100p "$tmp/in.jsonl" > "$tmp/part.jsonl"
"$SITREP" extract < "$tmp/part.jsonl" > "$tmp/try1.out" 2>/dev/null
"$SITREP" extract --threads 2 < "$tmp/part.jsonl" > "$tmp/try2.out" 2>/dev/null
check "retried partition identical" cmp "$tmp/try1.out" "$tmp/try2.out"

# Hadoop Streaming: --key puts the group before a tab; grouped by key (as the
# shuffle does) every line is still there and its key is its group.
parallel --will-cite --pipe --block 50k -j2 "$SITREP" extract --key < "$tmp/in.jsonl" 2>/dev/null \
  | LC_ALL=C sort -t $'\t' -k1,1 -s > "$tmp/keyed.out"
check "keyed lines: key equals group, same lines" python3 - "$tmp/keyed.out" "$tmp/single.out" <<'PY'
import json, sys
keyed = []
for line in open(sys.argv[1], encoding="utf-8"):
    key, value = line.rstrip("\n").split("\t", 1)
    assert json.loads(value)["group"] == key
    keyed.append(value)
single = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
assert sorted(keyed) == sorted(single)
PY

# --articles: the articles.jsonl line of every article, in order, for `sitrep link --articles`.
"$SITREP" extract --articles "$tmp/part.articles" < "$tmp/part.jsonl" > "$tmp/part.out" 2>/dev/null
check "articles file: one line per article, every report's article in it" python3 - "$tmp/part.articles" "$tmp/part.out" <<'PY'
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ids = {a["id"] for a in arts}
reps = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(arts) >= 30 and all("outlet" in a and "published" in a for a in arts)
assert reps and all(r["article"] in ids for r in reps)
PY

# An empty partition is normal: no output, no error, exit 0.
"$SITREP" extract < /dev/null > "$tmp/empty.out" 2> "$tmp/empty.err"
check "empty partition exits 0" test $? -eq 0
check "empty partition: no lines" test ! -s "$tmp/empty.out"
check "empty partition: only counters" grep -qx '{"articles":0,"reports":0,"errors":0,"warnings":0}' "$tmp/empty.err"
# Fatal: the knowledge base cannot load.
"$SITREP" extract --kb "$tmp/no-such-kb" < "$tmp/part.jsonl" > /dev/null 2> "$tmp/fatal.err"
check "missing knowledge base exits 2" test $? -eq 2
check "fatal error is one JSON line" python3 -c 'import json,sys; [json.loads(l)["error"] for l in open(sys.argv[1])]' "$tmp/fatal.err"

# Output that cannot be written is fatal, so that the partition is retried.
if [ -w /dev/full ]; then
  "$SITREP" extract < "$tmp/part.jsonl" > /dev/full 2> "$tmp/full.err"
  check "unwritable output exits 2" test $? -eq 2
  check "unwritable output says so" grep -q '"error":"cannot write the output"' "$tmp/full.err"
fi
# A record over --max-document-bytes is one error line; the next record goes on.
{ python3 -c 'print("{\"id\": \"big\", \"text\": \"" + "word " * 300000 + "\"}")'; head -n 1 "$tmp/part.jsonl"; } \
  | "$SITREP" extract --max-document-bytes 1000000 > "$tmp/big.out" 2> "$tmp/big.err"
check "oversized record: exit 0" test $? -eq 0
check "oversized record named" grep -q '"error":"record over the document limit of 1000000 bytes.*"where":"line 1"' "$tmp/big.err"
check "oversized record: next one extracted" test -s "$tmp/big.out"

if [ "$fails" -gt 0 ]; then echo "$fails check(s) failed" >&2; exit 1; fi
echo "all checks passed"
