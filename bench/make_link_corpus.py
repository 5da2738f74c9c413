#!/usr/bin/env python3
"""Synthetic linking corpus: N reports (default 1,000,000) made from real ones.

    python3 bench/make_link_corpus.py REAL_REPORTS.jsonl OUT_REPORTS.jsonl \
        [--articles OUT_ARTICLES.jsonl] [--real-articles REAL_ARTICLES.jsonl] \
        [-n 1000000] [--seed 1] [--rereport 0.3]

REAL_REPORTS.jsonl is the reports.jsonl of a `sitrep run` on real text, e.g.
    build/sitrep run data/samples/fakes-sample.jsonl data/samples/seeds --out /tmp/real
(REAL_ARTICLES defaults to the articles.jsonl next to it; it gives the real
publication dates). OUT_ARTICLES defaults to OUT_REPORTS with "reports"
replaced by "articles".

How the copies are made (the goal is a linker workload that looks like a
real one: most reports stand alone, a fair share have re-reports to link):
- A synthetic article is a run of 3-8 consecutive reports of one real article
  (text order kept, so rule L1 groups them as it groups the real ones); a real
  article with fewer reports is copied whole.
- Each synthetic article gets one date shift that puts its anchor (the lead
  report's start date) on a uniform day of 2012-2019. Every report keeps its
  precision and its start/end span; a month or year date is shifted and then
  snapped back onto whole months or years.
- Each Syrian or Iraqi place is replaced, consistently within the article, by
  a random place of the same kind: fine places (point, locality, district)
  from the real ones plus jittered copies (moved 1-20 km, same admin-1 and
  country), regions from the real governorates (the one holding the
  article's new main place when the real region held its old one). Places
  elsewhere (Moscow, "United States") are kept.
- A fraction (--rereport, 0.3) of the synthetic articles re-report a recent
  article: the same reports (same dates, places, figures, quotes) under new
  ids and another outlet, a few non-lead reports dropped.
- Report ids and article ids are new and unique; outlets come from a pool of
  200 names; an article is published 0-3 days after its anchor date.
Deterministic for a given --seed and input. Standard library only.
"""
import argparse
import datetime
import json
import math
import os
import random
import sys

FIRST_DAY = datetime.date(2012, 1, 1).toordinal()
LAST_DAY = datetime.date(2019, 12, 31).toordinal()
FINE = ("point", "locality", "district")
HOME_COUNTRIES = ("SY", "IQ")
JITTER_COPIES = 24  # per real fine place: ~350 real places -> ~9,000 distinct places


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ordinal(iso):
    return datetime.date.fromisoformat(iso).toordinal()


def iso(day):
    return datetime.date.fromordinal(day).isoformat()


def shift_date(d, offset):
    """The date moved by `offset` days, with its precision and span kept."""
    start, end = ordinal(d["start"]), ordinal(d["end"])
    out = dict(d)
    s = datetime.date.fromordinal(max(1, start + offset))
    if d["precision"] == "month":
        last = (datetime.date(s.year + (s.month == 12), s.month % 12 + 1, 1) - datetime.timedelta(days=1))
        out["start"], out["end"] = datetime.date(s.year, s.month, 1).isoformat(), last.isoformat()
    elif d["precision"] == "year":
        out["start"], out["end"] = f"{s.year:04d}-01-01", f"{s.year:04d}-12-31"
    else:
        out["start"], out["end"] = iso(start + offset), iso(end + offset)
    return out


def iso_week_key(country, date):
    """The grouping key `sitrep extract` writes (src/extract/grouping_key.cc)."""
    if not date:
        return f"{country or 'XX'}/undated"
    y, w, _ = datetime.date.fromisoformat(date["start"]).isocalendar()
    return f"{country or 'XX'}/{y:04d}-W{w:02d}"


def jitter(rng, place, n):
    """A copy of `place` moved 1-20 km in a random direction."""
    km, bearing = rng.uniform(1, 20), rng.uniform(0, 2 * math.pi)
    dlat = km * math.cos(bearing) / 111.0
    dlon = km * math.sin(bearing) / (111.0 * max(0.2, math.cos(math.radians(place["lat"]))))
    out = dict(place)
    out["name"] = f"{place['name']} ({n})"
    out["id"] = f"syn:{place['id']}:{n}"
    out["lat"] = round(place["lat"] + dlat, 4)
    out["lon"] = round(place["lon"] + dlon, 4)
    return out


def place_pools(rng, reports):
    fine, regions = {}, {}
    for r in reports:
        p = r.get("place")
        if not p or p.get("country") not in HOME_COUNTRIES:
            continue
        key = {k: p[k] for k in ("name", "id", "lat", "lon", "admin1", "country", "precision")}
        if p["precision"] in FINE:
            fine.setdefault(p["id"], key)
        elif p["precision"] == "region":
            regions.setdefault(p["id"], key)
    fine_pool = []
    for p in sorted(fine.values(), key=lambda p: p["id"]):
        fine_pool.append(p)
        fine_pool.extend(jitter(rng, p, k) for k in range(1, JITTER_COPIES + 1))
    region_pool = sorted(regions.values(), key=lambda p: p["id"])
    region_by_admin1 = {}
    for p in region_pool:
        region_by_admin1.setdefault((p["country"], p["admin1"]), p)
    return fine_pool, region_pool, region_by_admin1


def templates(reports):
    """Runs of 3-8 consecutive reports of one real article, in text order."""
    by_article = {}
    for r in reports:
        by_article.setdefault(r["article"], []).append(r)
    rng = random.Random(0)  # the cut points do not depend on --seed: same templates for every seed
    out = []
    for article in sorted(by_article):
        rs = sorted(by_article[article], key=lambda r: (r.get("span") or [0])[0])
        i = 0
        while i < len(rs):
            n = rng.randint(3, 8)
            if len(rs) - (i + n) < 3:  # no tail shorter than 3
                n = len(rs) - i
            chunk = rs[i:i + n]
            if not any(r.get("lead") for r in chunk):
                # The run's first report with a specific date and place stands in as its lead.
                chunk = [dict(r) for r in chunk]
                chunk[0]["lead"] = True
            out.append((article, chunk))
            i += n
    return out


def anchor_day(chunk):
    for r in sorted(chunk, key=lambda r: not r.get("lead")):
        if r.get("date"):
            return ordinal(r["date"]["start"])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("real_reports")
    ap.add_argument("out_reports")
    ap.add_argument("--articles", help="output articles.jsonl")
    ap.add_argument("--real-articles", help="articles.jsonl of the real run (publication dates)")
    ap.add_argument("-n", type=int, default=1_000_000, help="number of reports to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rereport", type=float, default=0.3, help="fraction of articles that re-report an earlier one")
    args = ap.parse_args()

    reports = load_jsonl(args.real_reports)
    real_articles_path = args.real_articles or os.path.join(os.path.dirname(args.real_reports) or ".", "articles.jsonl")
    published = {}
    if os.path.exists(real_articles_path):
        for a in load_jsonl(real_articles_path):
            if a.get("published") and a["published"].get("date"):
                published[a["id"]] = ordinal(a["published"]["date"])
    out_articles = args.articles or args.out_reports.replace("reports", "articles")
    if out_articles == args.out_reports:
        sys.exit("make_link_corpus: give --articles (cannot derive it from the reports path)")

    rng = random.Random(args.seed)
    fine_pool, region_pool, region_by_admin1 = place_pools(rng, reports)
    tmpl = templates(reports)
    outlets = [f"outlet-{k:03d}.example" for k in range(200)]
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    recent = []  # (reports, outlet, published day) of the latest original articles
    written = articles = rereports = 0
    with open(args.out_reports, "w", encoding="utf-8") as rf, open(out_articles, "w", encoding="utf-8") as af:
        while written < args.n:
            aid = f"a{articles:015x}"
            if recent and rng.random() < args.rereport:
                src_reports, src_outlet, src_pub = rng.choice(recent)
                chunk = [r for r in src_reports if r.get("lead") or rng.random() >= 0.2]
                outlet = rng.choice([o for o in outlets[:8] if o != src_outlet] if rng.random() < 0.5 else outlets)
                if outlet == src_outlet:
                    outlet = outlets[(outlets.index(outlet) + 1) % len(outlets)]
                pub = src_pub + rng.randint(0, 3)
                rereports += 1
                made = [dict(r) for r in chunk]
            else:
                real_article, chunk = rng.choice(tmpl)
                anchor = anchor_day(chunk) or published.get(real_article)
                target = rng.randint(FIRST_DAY, LAST_DAY)
                offset = target - anchor if anchor else 0
                pub = (published[real_article] + offset) if real_article in published else target + rng.randint(0, 3)
                # Places: one new place per distinct real place of the article.
                lead = next((r for r in chunk if r.get("lead")), chunk[0])
                old_main = lead.get("place") or {}
                mapping, new_main = {}, None
                for r in sorted(chunk, key=lambda r: not r.get("lead")):
                    p = r.get("place")
                    if not p or p.get("country") not in HOME_COUNTRIES or p["id"] in mapping:
                        continue
                    if p["precision"] in FINE:
                        mapping[p["id"]] = rng.choice(fine_pool)
                        new_main = new_main or mapping[p["id"]]
                for r in chunk:
                    p = r.get("place")
                    if not p or p.get("country") not in HOME_COUNTRIES or p["id"] in mapping:
                        continue
                    if p["precision"] == "region" and new_main and p.get("admin1") == old_main.get("admin1"):
                        mapping[p["id"]] = region_by_admin1.get((new_main["country"], new_main["admin1"])) or rng.choice(region_pool)
                    elif p["precision"] == "region":
                        mapping[p["id"]] = rng.choice(region_pool)
                made = []
                for r in chunk:
                    r = dict(r)
                    if r.get("date"):
                        r["date"] = shift_date(r["date"], offset)
                    p = r.get("place")
                    if p and p.get("id") in mapping:
                        r["place"] = dict(mapping[p["id"]], **{"from": p.get("from")})
                    r["group"] = iso_week_key((r.get("place") or {}).get("country"), r.get("date"))
                    made.append(r)
                outlet = rng.choice(outlets)
                recent.append((made, outlet, pub))
                if len(recent) > 2000:
                    recent.pop(0)
            for r in made:
                if written >= args.n:
                    break
                r["id"] = f"s{written:015x}"
                r["article"] = aid
                rf.write(dumps(r))
                rf.write("\n")
                written += 1
            title = next((r.get("quote", "") for r in made if r.get("lead")), "")[:80]
            af.write(dumps({"id": aid, "path": aid, "url": None, "outlet": outlet, "title": title, "byline": None,
                            "published": {"date": iso(pub), "precision": "day", "from": "metadata"},
                            "language": "en", "duplicate_of": None}))
            af.write("\n")
            articles += 1
    print(f"make_link_corpus: {written} reports in {articles} articles ({rereports} re-reports) -> "
          f"{args.out_reports}, {out_articles}; {len(fine_pool)} fine places, {len(region_pool)} regions",
          file=sys.stderr)


if __name__ == "__main__":
    main()
