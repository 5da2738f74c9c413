#!/usr/bin/env bash
# Linking benchmark: `sitrep link` on synthetic report sets made from real
# reports (bench/make_link_corpus.py), 100,000 and 1,000,000 reports by
# default. Prints reports, incidents, wall and CPU seconds, reports/s and peak
# memory. The goal (DESIGN.md): a million reports in under a minute on one
# core (the linker is single-threaded), under 1 GB.
#
#   bash bench/link_bench.sh [BUILD_DIR] [--sizes "100000 1000000"] [--seed N]
#
# BUILD_DIR defaults to build. The real reports come from one `sitrep run` on
# data/samples (FA-KES sample and the seeds); the corpora are made once into
# BUILD_DIR/bench/ (never committed). Not a test: takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
sizes="100000 1000000"
seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) build=$1; shift ;;
  esac
done
sitrep="$build/sitrep"
[ -x "$sitrep" ] || { echo "link_bench: $sitrep not built" >&2; exit 1; }
export SITREP_KB_DIR="${SITREP_KB_DIR:-$build/data/kb}"

dir="$build/bench"
mkdir -p "$dir"
real="$dir/link-real"
if [ ! -s "$real/reports.jsonl" ]; then
  rm -rf "$real"
  "$sitrep" run data/samples/fakes-sample.jsonl data/samples/seeds --out "$real" -q
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '%-10s %-10s %-10s %-8s %-8s %-10s %-8s\n' reports incidents linked wall_s cpu_s reports/s peak_MB
for n in $sizes; do
  reports="$dir/link-reports-$n-s$seed.jsonl"
  articles="$dir/link-articles-$n-s$seed.jsonl"
  if [ ! -s "$reports" ] || [ ! -s "$articles" ]; then
    python3 bench/make_link_corpus.py "$real/reports.jsonl" "$reports.tmp" --articles "$articles.tmp" \
      -n "$n" --seed "$seed" 2> /dev/null
    mv "$reports.tmp" "$reports"
    mv "$articles.tmp" "$articles"
  fi
  cat "$reports" "$articles" > /dev/null  # warm the page cache
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$sitrep" link "$reports" --articles "$articles" \
    --out "$tmp/out" 2> "$tmp/err"
  read -r wall user sys rss < "$tmp/time"
  incidents=$(wc -l < "$tmp/out/incidents.jsonl")
  linked=$(sed -n 's/.*(\([0-9]*\) reported by 2+ articles).*/\1/p' "$tmp/err")
  awk -v n="$n" -v inc="$incidents" -v linked="$linked" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "%-10d %-10d %-10s %-8.1f %-8.1f %-10.0f %-8.0f\n", n, inc, linked, w, u + s, n / w, m / 1024 }'
  rm -rf "$tmp/out"
done
