#!/usr/bin/env bash
# End-to-end tests of the sitrep CLI: the seeds, determinism, bad inputs, and
# a run killed mid-way. Needs $SITREP (the binary) and $SITREP_SOURCE_DIR.
set -uo pipefail

fails=0
passes=0
check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then passes=$((passes + 1)); else echo "FAIL: $name" >&2; fails=$((fails + 1)); fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds="$SITREP_SOURCE_DIR/data/samples/seeds"
fakes="$SITREP_SOURCE_DIR/data/samples/fakes-sample.jsonl"

# 1. The seeds: five articles, exit 0, deterministic output.
"$SITREP" run "$seeds" --out "$tmp/a" 2>"$tmp/a.err"
check "seeds exit 0" test $? -eq 0
check "seeds give 5 articles" test "$(wc -l < "$tmp/a/articles.jsonl")" -eq 5
check "sqlite store written" test -s "$tmp/a/sitrep.db"
"$SITREP" run "$seeds" --out "$tmp/b" 2>/dev/null
check "two runs byte-identical" cmp -s "$tmp/a/articles.jsonl" "$tmp/b/articles.jsonl"
# Re-running into the same store changes nothing.
cp "$tmp/a/articles.jsonl" "$tmp/a.first"
"$SITREP" run "$seeds" --out "$tmp/a" 2>/dev/null
check "re-run into same store identical" cmp -s "$tmp/a.first" "$tmp/a/articles.jsonl"
check "re-run adds no row" test "$(sqlite3 "$tmp/a/sitrep.db" 'select count(*) from articles')" -eq 5
check "path as given" grep -q "\"path\":\"$seeds/001_ebdecad3bcd8edbe.txt\"" "$tmp/a/articles.jsonl"

# stdin ("-") and HTML input.
"$SITREP" run - --out "$tmp/stdin" < "$seeds/004_25515454c9680f79.txt" 2>/dev/null
check "stdin read" grep -q '"path":"-".*"title":"Mass escape due to battle for Raqqa"' "$tmp/stdin/articles.jsonl"
"$SITREP" run "$SITREP_SOURCE_DIR/fuzz/corpus/html/news_page.html" --out "$tmp/html" 2>/dev/null
check "html page read" grep -q '"format":"html"' "$tmp/html/articles.jsonl"

# 2. Bad inputs: each gets a one-line error naming it, the rest goes on.
bad="$tmp/bad"
mkdir -p "$bad"
head -c 3000 /dev/urandom > "$bad/binary.bin"
printf 'Title line\n\nSome text \xff\xfe with bad bytes \xc3 in it about Raqqa.\n' > "$bad/invalid-utf8.txt"
: > "$bad/empty.txt"
head -c 20000000 /dev/zero | tr '\0' 'a' > "$bad/huge-line.txt"
head -c 4000 "$seeds/000_425f2523596d9e23.txt" | gzip -c | head -c 700 > "$bad/truncated.txt.gz"
{
  head -n 2 "$fakes"
  echo '{"id": "broken", "text": "unterminated'
  sed -n 3p "$fakes"
} > "$bad/mixed.jsonl"
{
  body='<html><body><p>Shelling hit the town of Example and killed five civilians, a monitor said.</p></body></html>'
  http=$'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'"$body"
  len=${#http}
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example.org/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' $((len + 500)) "$http"
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://news.example.org/b\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' "$len" "$http"
} > "$bad/wrong-length.warc"
"$SITREP" run "$bad" "$tmp/does-not-exist.txt" "$seeds/004_25515454c9680f79.txt" --out "$tmp/c" 2>"$tmp/c.err"
rc=$?
check "bad inputs exit 1" test $rc -eq 1
for name in binary.bin empty.txt huge-line.txt truncated.txt.gz mixed.jsonl wrong-length.warc does-not-exist.txt; do
  check "error names $name" grep -q "error: .*$name" "$tmp/c.err"
done
check "invalid UTF-8 warned" grep -q "warning: .*invalid-utf8.txt.*U+FFFD" "$tmp/c.err"
check "malformed JSON line named" grep -q "mixed.jsonl: line 3: malformed JSON" "$tmp/c.err"
check "good inputs kept" test "$(wc -l < "$tmp/c/articles.jsonl")" -ge 6
check "good JSONL records kept" test "$(grep -c '"format":"jsonl"' "$tmp/c/articles.jsonl")" -eq 3
check "WARC record after the bad one kept" grep -q 'news.example.org/b' "$tmp/c/articles.jsonl"
check "one line per error" test "$(grep -c '^sitrep: error' "$tmp/c.err")" -eq "$(grep -c 'error' "$tmp/c.err")"

# geocode and extract answer garbage and go on.
out=$(printf 'x\xff\xfe\nRaqqa\n' | "$SITREP" geocode)
check "geocode repairs invalid UTF-8 and goes on" python3 -c 'import json,sys; rows=[json.loads(l) for l in sys.stdin]; assert len(rows)==2 and rows[1]["country"]=="SY"' <<<"$out"
printf '{"id":"a","text":"bad\n%s\n' "$(head -n 1 "$fakes")" > "$tmp/extract-in.jsonl"
"$SITREP" extract < "$tmp/extract-in.jsonl" > "$tmp/extract.out" 2> "$tmp/extract.err"
check "extract exits 0 past a bad record" test $? -eq 0
check "extract names the bad record" grep -q '"error":"malformed JSON.*"where":"line 1"' "$tmp/extract.err"
check "extract goes on to the good record" test -s "$tmp/extract.out"

# 3. Killed mid-run: the store stays consistent and a re-run completes it.
big="$tmp/big.jsonl"
for i in $(seq 1 12); do sed -e "s/^{\"id\": \"/{\"id\": \"copy$i-/" -e "s/\"title\": \"/\"title\": \"($i) /" "$fakes"; done > "$big"
"$SITREP" run "$big" --out "$tmp/ref" 2>/dev/null
"$SITREP" run "$big" --out "$tmp/k" 2>/dev/null &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed store passes integrity_check" test "$(sqlite3 "$tmp/k/sitrep.db" 'pragma integrity_check')" = ok
"$SITREP" run "$big" --out "$tmp/k" 2>/dev/null
check "re-run after kill completes" cmp -s "$tmp/ref/articles.jsonl" "$tmp/k/articles.jsonl"

echo "$passes passed, $fails failed"
test $fails -eq 0
