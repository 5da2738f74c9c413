#!/usr/bin/env python3
"""Groups sitrep's FA-KES errors by cause, so the next step is clear.

  SITREP_KEEP_EVAL=/tmp/fk bash scripts/eval_fakes.sh
  python3 scripts/fakes_errors.py /tmp/fk [--examples N] [--only odd|even]

--only odd counts and shows only rows whose unit_id is odd (the rows one may
read while working); even unit_ids are held out (scripts/fakes_split.py).

Reads ../shared/eval/score_fakes.py for the field mappings (standard library only).
"""
import collections
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score_fakes as S  # noqa: E402


def main(out_dir, examples, only=None):
    rows = list(csv.DictReader(open(os.path.join(SHARED, "data/fa-kes-dev/fakes_dev.csv"), encoding="utf-8")))
    if only:
        rows = [r for r in rows if int(r["unit_id"]) % 2 == (1 if only == "odd" else 0)]
    arts = {}
    for line in open(os.path.join(out_dir, "articles.jsonl"), encoding="utf-8"):
        a = json.loads(line)
        for p in a.get("paths") or [a["path"]]:
            arts[p] = a
    reports = collections.defaultdict(list)
    for line in open(os.path.join(out_dir, "reports.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        reports[r["article"]].append(r)
    groups = collections.defaultdict(collections.Counter)
    shown = collections.defaultdict(list)
    for row in rows:
        a = arts.get(row["unit_id"])
        if a is None:
            groups["article"]["not in output"] += 1
            continue
        rs = reports.get(a["id"], [])
        lead = next((r for r in rs if r.get("lead")), rs[0] if rs else {})
        pub = S.parse_iso((a.get("published") or {}).get("date"))
        place = lead.get("place") or {}

        def note(field, cause):
            groups[field][cause] += 1
            if len(shown[field, cause]) < examples:
                shown[field, cause].append(f'{row["unit_id"]}: {(lead.get("quote") or "")[:100]}')

        if S.governorate_of(place) != row["location"]:
            if not place:
                note("governorate", "no place found")
            elif place.get("precision") == "country":
                note("governorate", "only a country found")
            elif not place.get("admin1"):
                note("governorate", "place without admin-1")
            else:
                note("governorate", f'wrong place (from {place.get("from")})')
        gold, got = S.parse_fakes_date(row["date"]), S.parse_iso((lead.get("date") or {}).get("start"))
        if not (gold and got and abs((got - gold).days) <= 1):
            if got is None:
                note("date", "no date: article undated" if pub is None else "no date")
            elif pub and gold == pub and got < pub and (pub - got).days <= 7:
                note("date", "crowd gave the publication date; the text names an earlier day")
            elif pub and abs((gold - pub).days) > 7:
                note("date", "crowd date more than 7 days from the publication date")
            else:
                note("date", f'wrong date (from {(lead.get("date") or {}).get("from")})')
        got_actor, want_actor = S.actor_of(lead.get("perpetrator")), row["actor"]
        if got_actor != want_actor:
            if got_actor == "unknown":
                note("perpetrator", "missed (none found)")
            elif want_actor == "unknown":
                note("perpetrator", "crowd says unknown")
            else:
                note("perpetrator", "wrong actor")
        if S.cause_of(lead.get("type")) != row["cause_of_death"]:
            note("cause", f'{lead.get("type")} -> want {row["cause_of_death"]}')
        got_civ, want_civ = (S.civilians_of(lead) if lead else 0), int(row["nb_civilians"] or 0)
        if got_civ != want_civ:
            if got_civ == 0:
                note("civilians", "missed figure")
            elif want_civ == 0:
                note("civilians", "figure where the crowd gives none")
            else:
                note("civilians", "different value")
    for field, counter in groups.items():
        print(f"{field}: {sum(counter.values())} errors")
        for cause, n in counter.most_common():
            print(f"  {n:4d}  {cause}")
            for ex in shown[field, cause]:
                print(f"          {ex}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    n = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 0
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if only not in (None, "odd", "even"):
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1], n, only)
