#!/usr/bin/env bash
# End-to-end benchmark on a corpus of real article text (bench/make_corpus.py,
# 100 MB by default): articles/s, MB/s and peak memory of `sitrep extract`
# (one thread and the default, one per core), `sitrep link` (when the build has
# it) and `sitrep run` into SQLite, next to a bare `wc -w` over the same bytes
# (the floor), and the start-up time of a process with the compiled KB.
#
#   bash bench/e2e_bench.sh [BUILD_DIR] [--mb N] [--limit SECONDS]
#
# BUILD_DIR defaults to build. The corpus is made once into
# BUILD_DIR/bench/corpus-<N>mb.jsonl (never committed). Takes a few minutes;
# not a test. A step over --limit seconds (default 600) is stopped and shown
# as such; the table is printed as the steps end. Paste the table into bench/RESULTS.md with the reason for the change.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
mb=100
limit=600
while [ $# -gt 0 ]; do
  case $1 in
    --mb) mb=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
sitrep="$build/sitrep"
[ -x "$sitrep" ] || { echo "e2e_bench: $sitrep not built" >&2; exit 1; }
export SITREP_KB_DIR="${SITREP_KB_DIR:-$build/data/kb}"

corpus="$build/bench/corpus-${mb}mb.jsonl"
if [ ! -s "$corpus" ]; then
  mkdir -p "$build/bench"
  python3 bench/make_corpus.py "$corpus.tmp" --mb "$mb" && mv "$corpus.tmp" "$corpus"
fi
bytes=$(stat -L -c %s "$corpus")
articles=$(wc -l < "$corpus")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# timed NAME COMMAND...: runs COMMAND under the step time limit, records wall
# seconds, peak RSS (kB) and CPU seconds (user + system: on a shared machine
# the wall time moves with the load, the CPU time much less). Returns non-zero
# when the step failed or ran out of time.
declare -A secs rss cpu
timed() {
  local name=$1; shift
  local rc=0
  # The steps before wrote hundreds of MB of temporary files: flushed here, their
  # write-back does not land in this step's time.
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" timeout "$limit" "$@" || rc=$?
  local u s
  read -r secs[$name] rss[$name] u s < <(tail -n 1 "$tmp/time")
  cpu[$name]=$(python3 -c "print($u + $s)")
  return $rc
}

row() {  # row NAME LABEL: one line of the table, printed as soon as the step ends
  python3 - "$2" "${secs[$1]}" "${rss[$1]}" "$articles" "$bytes" "${secs[wc]}" "${cpu[$1]}" <<'PY'
import sys
label, s, rss, n, b, wc, cpu = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
s, cpu = max(s, 0.01), max(cpu, 0.01)
print(f"| {label} | {s:.2f} | {n / s:,.0f} | {b / s / 1e6:.1f} | {rss / 1024:.0f} | {s / max(wc, 0.01):.1f}x | {cpu:.2f} | {n / cpu:,.0f} |", flush=True)
PY
}
failed_row() {  # failed_row NAME LABEL
  echo "| $2 | over ${limit} s or failed (exit $3); peak RSS $(( ${rss[$1]:-0} / 1024 )) MB | | | | | | |"
}

cores=$(nproc)
cat "$corpus" > /dev/null  # warm the page cache
echo
echo "corpus: $corpus, $articles articles, $(python3 -c "print(f'{$bytes/1e6:.1f}')") MB; $cores cores; load average $(cut -d' ' -f1-3 /proc/loadavg); step limit ${limit} s"
echo
echo "| step | seconds | articles/s | MB/s | peak RSS MB | x wc -w | CPU s | articles per CPU-s |"
echo "|---|---|---|---|---|---|---|---|"
timed wc sh -c "wc -w < '$corpus' > /dev/null"
row wc "wc -w (floor)"
timed extract1 sh -c "'$sitrep' extract --threads 1 --articles '$tmp/articles1.jsonl' < '$corpus' > '$tmp/reports1.jsonl' 2> '$tmp/extract1.err'" \
  && row extract1 "sitrep extract --threads 1" || failed_row extract1 "sitrep extract --threads 1" $?
timed extract sh -c "'$sitrep' extract --articles '$tmp/articles.jsonl' < '$corpus' > '$tmp/reports.jsonl' 2> '$tmp/extract.err'" \
  && row extract "sitrep extract (--threads $cores)" || failed_row extract "sitrep extract (--threads $cores)" $?
cmp -s "$tmp/reports1.jsonl" "$tmp/reports.jsonl" || echo "e2e_bench: WARNING: 1 and $cores threads differ" >&2
if "$sitrep" link --help 2>/dev/null | grep -q "Usage: .* link "; then
  timed link "$sitrep" link "$tmp/reports.jsonl" --articles "$tmp/articles.jsonl" --out "$tmp/link" 2> "$tmp/link.err" \
    && row link "sitrep link (reports and --articles of extract)" \
    || failed_row link "sitrep link (reports and --articles of extract)" $?
fi
run_ok=0
timed run "$sitrep" run "$corpus" --out "$tmp/run" -q && run_ok=1
if [ $run_ok = 1 ]; then row run "sitrep run into SQLite (--threads $cores)"; else failed_row run "sitrep run into SQLite" 1; fi

# Start-up: an empty input, so only loading the KB and exiting.
startup=$(python3 - "$sitrep" <<'PY'
import subprocess, sys, time
runs = []
for _ in range(15):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "extract"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - t)
runs.sort()
print(f"{runs[len(runs) // 2] * 1000:.1f}")
PY
)
echo
echo "reports: $(wc -l < "$tmp/reports.jsonl"); start-up (extract on empty input, median of 15): ${startup} ms"
if [ $run_ok = 1 ]; then
  python3 -c "print(f'run / extract: {${secs[run]} / max(${secs[extract]}, 0.01):.2f}x')"
fi
