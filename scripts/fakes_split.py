#!/usr/bin/env python3
"""Scores one sitrep FA-KES run on all rows, on odd unit_ids and on even unit_ids.

  SITREP_KEEP_EVAL=/tmp/fk bash scripts/eval_fakes.sh
  python3 scripts/fakes_split.py /tmp/fk

Odd unit_ids are the rows whose errors may be read while working on the
extractor; even unit_ids are held out: a change that helps odd but hurts even
is overfitting. Uses ../shared/eval/score_fakes.py unchanged (standard library only).
"""
import csv
import io
import os
import sys
import tempfile
import contextlib

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score_fakes as S  # noqa: E402

FAKES = os.path.join(SHARED, "data/fa-kes-dev/fakes_dev.csv")


def summary(csv_path, out_dir):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        S.score(csv_path, out_dir, 0)
    return buf.getvalue().strip().splitlines()[-1].removeprefix("fakes: ")


def main(out_dir):
    with open(FAKES, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with tempfile.TemporaryDirectory() as tmp:
        for name, keep in (("all ", lambda r: True), ("odd ", lambda r: int(r["unit_id"]) % 2 == 1),
                           ("even", lambda r: int(r["unit_id"]) % 2 == 0)):
            path = os.path.join(tmp, name.strip() + ".csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=fields)
                w.writeheader()
                w.writerows(r for r in rows if keep(r))
            print(name, summary(path, out_dir))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
