#!/usr/bin/env bash
# Threads change nothing: `sitrep run` and `sitrep extract` with 1, 2 and 3
# workers give byte-identical output (files, store rows, stdout and stderr).
# Needs $SITREP (the binary) and $SITREP_SOURCE_DIR.
set -uo pipefail

fails=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAIL: $name" >&2; fails=$((fails + 1)); fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds="$SITREP_SOURCE_DIR/data/samples/seeds"
# 160 of the FA-KES sample's articles: enough for many batches in flight, and
# quick under the sanitizers.
head -n 160 "$SITREP_SOURCE_DIR/data/samples/fakes-sample.jsonl" > "$tmp/fakes.jsonl"
fakes="$tmp/fakes.jsonl"

# run: FA-KES articles and the seeds.
for t in 1 2 3; do
  "$SITREP" run --threads $t "$fakes" "$seeds" --out "$tmp/run$t" 2>"$tmp/run$t.err"
  check "run --threads $t exits 0" test $? -eq 0
  sqlite3 "$tmp/run$t/sitrep.db" 'select id, json from reports order by rowid' > "$tmp/run$t.rows"
done
check "run gives reports" test "$(wc -l < "$tmp/run1/reports.jsonl")" -gt 500
for t in 2 3; do
  check "run articles.jsonl, 1 vs $t threads" cmp "$tmp/run1/articles.jsonl" "$tmp/run$t/articles.jsonl"
  check "run reports.jsonl, 1 vs $t threads" cmp "$tmp/run1/reports.jsonl" "$tmp/run$t/reports.jsonl"
  check "run store rows, 1 vs $t threads" cmp "$tmp/run1.rows" "$tmp/run$t.rows"
  check "run messages, 1 vs $t threads" cmp <(grep -v 'results in' "$tmp/run1.err") <(grep -v 'results in' "$tmp/run$t.err")
done

# run with bad inputs: the readers' errors and the workers' warnings come out
# in input order whatever the number of threads.
mixed="$tmp/mixed"
mkdir -p "$mixed"
{
  head -n 30 "$fakes"
  echo '{"id": "broken", "text": "unterminated'
  sed -n 31,60p "$fakes"
} > "$mixed/a.jsonl"
: > "$mixed/b-empty.txt"
printf 'Title line\n\nShelling killed five \xff civilians in Idlib on Monday, activists said.\n' > "$mixed/c-bad-utf8.txt"
cp "$seeds/001_ebdecad3bcd8edbe.txt" "$mixed/d.txt"
for t in 1 2 3; do
  "$SITREP" run --threads $t "$mixed" --out "$tmp/mixed$t" 2>"$tmp/mixed$t.err"
  check "run on bad inputs --threads $t exits 1" test $? -eq 1
done
check "run on bad inputs names them" grep -q "b-empty.txt" "$tmp/mixed1.err"
for t in 2 3; do
  check "run on bad inputs: reports, 1 vs $t threads" cmp "$tmp/mixed1/reports.jsonl" "$tmp/mixed$t/reports.jsonl"
  check "run on bad inputs: messages in order, 1 vs $t threads" \
    cmp <(grep -v 'results in' "$tmp/mixed1.err") <(grep -v 'results in' "$tmp/mixed$t.err")
done

# extract: bad records among good ones keep their place on stderr.
{
  head -n 40 "$fakes"
  echo '{"id": "broken", "text": "unterminated'
  sed -n 41,80p "$fakes"
  echo '{"id": "no-text"}'
  printf '{"id": "bad-utf8", "text": "Shelling killed five civilians in Idlib on Monday \xff, activists said."}\n'
  sed -n '81,$p' "$fakes"
} > "$tmp/in.jsonl"
for t in 1 2 3; do
  "$SITREP" extract --threads $t --articles "$tmp/x$t.articles" < "$tmp/in.jsonl" > "$tmp/x$t.out" 2> "$tmp/x$t.err"
  check "extract --threads $t exits 0" test $? -eq 0
done
check "extract gives reports" test "$(wc -l < "$tmp/x1.out")" -gt 500
check "extract warns of invalid UTF-8 and keeps the record" grep -q '"warning":"invalid UTF-8 at byte [0-9]*: 1 sequence(s) replaced with U+FFFD","input":"-","where":"line 83"' "$tmp/x1.err"
check "extract reports the malformed record" grep -q '"error":"malformed JSON.*"where":"line 41"' "$tmp/x1.err"
for t in 2 3; do
  check "extract stdout, 1 vs $t threads" cmp "$tmp/x1.out" "$tmp/x$t.out"
  check "extract stderr, 1 vs $t threads" cmp "$tmp/x1.err" "$tmp/x$t.err"
  check "extract --articles file, 1 vs $t threads" cmp "$tmp/x1.articles" "$tmp/x$t.articles"
done

if [ "$fails" -gt 0 ]; then echo "$fails check(s) failed" >&2; exit 1; fi
echo "all checks passed"
