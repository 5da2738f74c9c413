#!/usr/bin/env bash
# Scores sitrep's extraction on FA-KES (../shared/data/fa-kes-dev) with the
# shared scorer: per-field accuracy of each article's lead report.
#   bash scripts/eval_fakes.sh [--errors N]
# Needs a built tree (build/sitrep). Skips, saying so, when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -f "$shared/eval/score_fakes.py" ] || [ ! -f "$shared/data/fa-kes-dev/fakes_dev.csv" ]; then
  echo "eval_fakes: ../shared is absent; skipped"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$shared/eval/score_fakes.py" make-input "$shared/data/fa-kes-dev/fakes_dev.csv" > "$work/fakes.jsonl"
build/sitrep run "$work/fakes.jsonl" --out "$work/out" -q
python3 "$shared/eval/score_fakes.py" score "$shared/data/fa-kes-dev/fakes_dev.csv" "$work/out" "$@"
# Into the directory itself, also when it exists (cp -r would nest out/ inside it).
if [ -n "${SITREP_KEEP_EVAL:-}" ]; then mkdir -p "$SITREP_KEEP_EVAL" && cp -r "$work/out/." "$SITREP_KEEP_EVAL/"; fi
