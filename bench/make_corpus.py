#!/usr/bin/env python3
"""Builds the benchmark corpus: JSON Lines articles from real text, repeated to a size.

    python3 bench/make_corpus.py OUT.jsonl [--mb 100] [--fakes CSV] [--samples DIR]

Sources: the FA-KES development articles (../shared/data/fa-kes-dev/fakes_dev.csv,
when present), the FA-KES sample and the five seed articles (data/samples).
Articles with the same id or text are taken once. The set is written again and again
until the file holds at least --mb megabytes (10^6 bytes). Each copy gets its
own record id ("<id>~<copy>") and its own outlet ("<outlet>~<copy>"): the text
is unchanged, so every copy costs extraction the same, and since an article's id
hashes its outlet, `sitrep run` stores every copy as an article of its own (the
copies are then near-duplicates of each other, as wire copies are).

The output is deterministic; the corpus is never committed (write it into a
build directory or /tmp).
"""
import argparse
import csv
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fakes_csv(path):
    csv.field_size_limit(1 << 30)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row.get("article_content") or ""
            if not text.strip():
                continue
            yield {"id": row["unit_id"], "outlet": row.get("source") or None,
                   "title": row.get("article_title") or None, "text": text}


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def seeds(directory):
    for name in sorted(os.listdir(directory)):
        if name.endswith(".txt"):
            with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as f:
                yield {"id": name[:-4], "text": f.read()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=100.0, help="at least this many MB (10^6 bytes)")
    ap.add_argument("--fakes", default=os.path.join(ROOT, "..", "shared", "data", "fa-kes-dev", "fakes_dev.csv"))
    ap.add_argument("--samples", default=os.path.join(ROOT, "data", "samples"))
    args = ap.parse_args()

    records, seen = [], set()
    sources = []
    if os.path.exists(args.fakes):
        sources.append(fakes_csv(args.fakes))
    sources.append(jsonl(os.path.join(args.samples, "fakes-sample.jsonl")))
    sources.append(seeds(os.path.join(args.samples, "seeds")))
    for source in sources:
        for r in source:
            key = r["text"].strip()
            if key in seen or str(r["id"]) in seen:
                continue
            seen.update((key, str(r["id"])))
            records.append(r)
    if not records:
        sys.exit("make_corpus: no articles found")

    target = int(args.mb * 1e6)
    written = copies = n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            for r in records:
                rec = {"id": f"{r['id']}~{copies}", "outlet": f"{r.get('outlet') or 'unknown'}~{copies}"}
                for k in ("url", "title", "published"):
                    if r.get(k):
                        rec[k] = r[k]
                rec["text"] = r["text"]
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                n += 1
            copies += 1
    print(f"make_corpus: {args.out}: {n} articles ({len(records)} distinct texts x {copies}), "
          f"{written / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
