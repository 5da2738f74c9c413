#!/usr/bin/env python3
"""Linking on FA-KES: which articles report the same incident, and did sitrep link them?

    build/sitrep run data/samples/fakes-sample.jsonl --out /tmp/fakes
    python3 scripts/fakes_linking.py /tmp/fakes [--fakes ../shared/data/fa-kes-dev/fakes_dev.csv]
        [--examples 10] [--pairs-out pairs.tsv]

data/samples/fakes-sample.jsonl holds every distinct article of the FA-KES development
part (536 ids; `score_fakes.py make-input`), so the run covers all of them.

Ground truth: two FA-KES articles (rows, by unit_id) report the same incident when
  text   their texts are the same crawl: word 5-shingle containment >= 0.9 and their
         titles share half their words (a page that is mostly the outlet's boilerplate
         around another headline is not the same text);
  wire   one outlet's text is a rewrite of another's (containment >= 0.6, titles share
         half their words, crowd dates at most 7 days apart);
  facts  the crowd read the same incident from both: same governorate, the same non-zero
         casualty counts (civilians, children, women, non-civilians) and dates at most 3
         days apart (the crowd's dates of one text differ by days: see the text pairs);
  title  their titles tell the same event: title words Jaccard >= 0.5 (stop words out),
         same governorate, crowd dates at most 3 days apart.
Pairs are closed transitively (A~B and B~C give A~C), since "same incident" is an
equivalence. A FA-KES row holds one incident per article (its headline one), so a
link the engine makes between two articles on some other incident they both mention
is not covered by the ground truth: such links are listed apart ("other incident").

Scores, per pair of distinct input articles:
  recall     ground-truth pairs whose lead reports are in one incident (lead), or that
             share any incident (any); pairs sitrep read as one article (the same text
             twice gets one article id with two paths) count as linked and are shown apart.
  precision  article pairs the engine put in one incident (incidents with 2+ articles):
             how many are ground-truth pairs; "lead links" are those whose incident holds
             the lead report of both articles.
Standard library only.
"""
import argparse
import collections
import csv
import datetime
import itertools
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FAKES = os.path.join(HERE, "..", "..", "shared", "data", "fa-kes-dev", "fakes_dev.csv")
STOP = set("a an the in of on at to for by and or as is are was were be been after with from into over "
           "says say said syria syrias syrian s".split())


def words(s):
    return re.findall(r"[a-z0-9]+", (s or "").lower().replace("_", " "))


def shingles(text, k=5):
    w = words(text)
    return {tuple(w[i:i + k]) for i in range(max(1, len(w) - k + 1))} if w else set()


def title_words(t):
    return {w for w in words(t) if w not in STOP}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def crowd_date(s):
    try:
        return datetime.datetime.strptime(s.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def km(p, q):
    la1, lo1, la2, lo2 = map(math.radians, (p["lat"], p["lon"], q["lat"], q["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def miss_cause(l1, l2):
    """Why two lead reports are not in one incident, as far as their fields tell."""
    for r in (l1, l2):
        if not r or not r.get("date") or not r.get("place") or r["place"].get("precision") == "country":
            return "a lead report has no date or no place finer than a country"
    d1, d2 = l1["date"], l2["date"]
    if d1["precision"] not in ("day", "days", "week") or d2["precision"] not in ("day", "days", "week"):
        return "a lead report is dated only to a month or a year"
    if d1["end"] < d2["start"] or d2["end"] < d1["start"]:
        gap = min(abs((datetime.date.fromisoformat(a) - datetime.date.fromisoformat(b)).days)
                  for a in (d1["start"], d1["end"]) for b in (d2["start"], d2["end"]))
        if gap > 1:
            return "lead reports dated more than a day apart"
    p1, p2 = l1["place"], l2["place"]
    if p1.get("admin1") != p2.get("admin1"):
        return "lead reports placed in different governorates"
    if "region" not in (p1.get("precision"), p2.get("precision")) and km(p1, p2) > 25:
        return "lead reports placed more than 25 km apart in one governorate"
    return "fields compatible: split by type, toll, specificity or clustering"


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Unions:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def unite(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def ground_truth(rows):
    """{(u1, u2): set of reasons} over unit ids, u1 < u2, closed transitively."""
    by_id = collections.OrderedDict()
    for r in rows:
        by_id.setdefault(r["unit_id"], []).append(r)
    ids = list(by_id)
    text = {u: shingles(by_id[u][0]["article_content"]) for u in ids}
    title = {u: title_words(by_id[u][0]["article_title"]) for u in ids}
    facts = {u: [(crowd_date(r["date"]), r["location"].strip().lower(),
                  tuple(int(float(r[k] or 0)) for k in ("nb_civilians", "nb_children", "nb_women", "nb_noncivilians")))
                 for r in by_id[u]] for u in ids}
    direct = collections.defaultdict(set)
    for a, b in itertools.combinations(ids, 2):
        x, y = text[a], text[b]
        inter = len(x & y)
        containment = inter / min(len(x), len(y)) if x and y else 0.0
        tj = jaccard(title[a], title[b])
        near = [abs((da - db).days) for da, la, _ in facts[a] for db, lb, _ in facts[b] if da and db]
        same_gov = any(la == lb for _, la, _ in facts[a] for _, lb, _ in facts[b])
        if containment >= 0.9 and tj >= 0.5:
            direct[(a, b)].add("text")
        elif containment >= 0.6 and tj >= 0.5 and near and min(near) <= 7:
            direct[(a, b)].add("wire")
        if any(fa[0] and fb[0] and abs((fa[0] - fb[0]).days) <= 3 and fa[1:] == fb[1:] and sum(fa[2]) > 0
               for fa in facts[a] for fb in facts[b]):
            direct[(a, b)].add("facts")
        if tj >= 0.5 and same_gov and near and min(near) <= 3:
            direct[(a, b)].add("title")
    unions = Unions()
    for a, b in direct:
        unions.unite(a, b)
    groups = collections.defaultdict(list)
    for u in ids:
        groups[unions.find(u)].append(u)
    pairs = {}
    for members in groups.values():
        for a, b in itertools.combinations(sorted(members), 2):
            pairs[(a, b)] = direct.get((a, b)) or {"transitive"}
    return by_id, pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory of `sitrep run` on the FA-KES articles")
    ap.add_argument("--fakes", default=DEFAULT_FAKES)
    ap.add_argument("--examples", type=int, default=10)
    ap.add_argument("--pairs-out", help="write the ground-truth pairs (unit ids, reasons) as TSV")
    args = ap.parse_args()

    with open(args.fakes, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_id, gt = ground_truth(rows)
    if args.pairs_out:
        with open(args.pairs_out, "w", encoding="utf-8") as f:
            for (a, b), why in sorted(gt.items()):
                f.write(f"{a}\t{b}\t{','.join(sorted(why))}\n")

    articles = load_jsonl(os.path.join(args.out, "articles.jsonl"))
    reports = load_jsonl(os.path.join(args.out, "reports.jsonl"))
    incidents = load_jsonl(os.path.join(args.out, "incidents.jsonl"))
    article_of = {}  # unit id -> sitrep article id
    units_of = collections.defaultdict(list)
    for a in articles:
        for p in a.get("paths") or [a.get("path")]:
            if p is not None:
                article_of[str(p)] = a["id"]
                units_of[a["id"]].append(str(p))
    report = {r["id"]: r for r in reports}
    lead = {}
    for r in reports:
        if r.get("lead") or r["article"] not in lead:
            if not (r["article"] in lead and lead[r["article"]].get("lead")):
                lead[r["article"]] = r
    incident_of_report = {}
    incidents_of_article = collections.defaultdict(set)
    for inc in incidents:
        for rid in inc["reports"]:
            incident_of_report[rid] = inc["id"]
        for aid in inc["articles"]:
            incidents_of_article[aid].add(inc["id"])
    by_inc = {inc["id"]: inc for inc in incidents}

    gt_articles = set()  # ground truth as sitrep article pairs
    same_article = lead_hit = any_hit = 0
    misses = []
    for (u1, u2), why in sorted(gt.items()):
        a1, a2 = article_of.get(u1), article_of.get(u2)
        if a1 is None or a2 is None:
            continue
        if a1 == a2:
            same_article += 1
            continue
        gt_articles.add(tuple(sorted((a1, a2))))
        l1, l2 = lead.get(a1), lead.get(a2)
        lead_ok = bool(l1 and l2 and incident_of_report.get(l1["id"]) == incident_of_report.get(l2["id"]))
        any_ok = bool(incidents_of_article[a1] & incidents_of_article[a2])
        lead_hit += lead_ok
        any_hit += any_ok
        if not any_ok:
            misses.append((u1, u2, why, l1, l2))
    total = sum(1 for (u1, u2) in gt if article_of.get(u1) and article_of.get(u2))
    distinct = total - same_article
    reasons = collections.Counter(r for why in gt.values() for r in why)

    # Links the engine made, as article pairs, with whether the incident holds both leads.
    made = {}
    for inc in incidents:
        arts = sorted(set(inc["articles"]))
        for a1, a2 in itertools.combinations(arts, 2):
            l1, l2 = lead.get(a1), lead.get(a2)
            both_leads = bool(l1 and l2 and l1["id"] in inc["reports"] and l2["id"] in inc["reports"])
            prev = made.get((a1, a2))
            if prev is None or (both_leads and not prev[1]):
                made[(a1, a2)] = (inc["id"], both_leads)
    correct = sum(1 for p in made if p in gt_articles)
    lead_links = {p: v for p, v in made.items() if v[1]}
    lead_correct = sum(1 for p in lead_links if p in gt_articles)
    false_lead = [(p, v) for p, v in sorted(lead_links.items()) if p not in gt_articles]
    other = [(p, v) for p, v in sorted(made.items()) if not v[1] and p not in gt_articles]

    print(f"FA-KES articles: {len(by_id)} ids, {len(articles)} sitrep articles; "
          f"{len(reports)} reports, {len(incidents)} incidents "
          f"({sum(1 for i in incidents if len(set(i['articles'])) > 1)} with 2+ articles)")
    print(f"ground truth: {total} same-incident pairs of input articles "
          f"(by reason, a pair may have several: {dict(sorted(reasons.items()))})")
    print(f"  {same_article} are the same text that sitrep read as one article (linked by construction)")
    print(f"  {distinct} pairs of distinct sitrep articles:")
    if distinct:
        print(f"recall (lead reports in one incident): {lead_hit}/{distinct} = {lead_hit / distinct:.3f}")
        print(f"recall (any incident shared):          {any_hit}/{distinct} = {any_hit / distinct:.3f}")
    if made:
        print(f"precision (all links): {correct}/{len(made)} = {correct / len(made):.3f} article pairs the engine "
              f"linked are ground-truth pairs")
    if lead_links:
        print(f"precision (lead links, both articles' lead reports in the incident): "
              f"{lead_correct}/{len(lead_links)} = {lead_correct / len(lead_links):.3f}")
    print(f"links on another incident than both headlines, not covered by the ground truth: {len(other)}")

    def show_report(aid, inc_id=None):
        rs = [report[r] for r in by_inc[inc_id]["reports"] if report[r]["article"] == aid] if inc_id else []
        r = rs[0] if rs else lead.get(aid)
        u = units_of[aid][0]
        row = by_id[u][0]
        d = (r or {}).get("date") or {}
        p = (r or {}).get("place") or {}
        k = ((r or {}).get("figures") or {}).get("killed") or {}
        print(f"    {row['source']:<12} {u}  \"{row['article_title'][:90]}\"")
        print(f"      crowd: {row['date']} {row['location']} civilians={row['nb_civilians']} "
              f"noncivilians={row['nb_noncivilians']} {row['cause_of_death']}")
        if r:
            print(f"      report: {r['type']} {d.get('start')} {p.get('name')} ({p.get('admin1')}) "
                  f"killed={k.get('text') or '-'}: \"{r['quote'][:200]}\"")

    if false_lead[:args.examples]:
        print(f"\nfalse lead links ({len(false_lead)}; up to {args.examples} shown):")
        for (a1, a2), (inc_id, _) in false_lead[:args.examples]:
            inc = by_inc[inc_id]
            print(f"  incident {inc_id} {inc['type']} {(inc.get('date') or {}).get('start')} "
                  f"{(inc.get('place') or {}).get('name')}")
            show_report(a1, inc_id)
            show_report(a2, inc_id)
    if other[:args.examples]:
        print(f"\nlinks on another incident ({len(other)}; up to {args.examples} shown):")
        for (a1, a2), (inc_id, _) in other[:args.examples]:
            inc = by_inc[inc_id]
            print(f"  incident {inc_id} {inc['type']} {(inc.get('date') or {}).get('start')} "
                  f"{(inc.get('place') or {}).get('name')}")
            show_report(a1, inc_id)
            show_report(a2, inc_id)
    if misses:
        causes = collections.Counter(miss_cause(l1, l2) for _, _, _, l1, l2 in misses)
        print("\nmissed pairs by cause (from the two lead reports):")
        for cause, n in causes.most_common():
            print(f"  {n:3d}  {cause}")
    if misses[:args.examples]:
        print(f"\nmissed ground-truth pairs ({len(misses)}; up to {args.examples} shown, with their lead reports):")
        for u1, u2, why, l1, l2 in misses[:args.examples]:
            print(f"  {u1} ~ {u2} ({','.join(sorted(why))}): {miss_cause(l1, l2)}")
            show_report(article_of[u1])
            show_report(article_of[u2])


if __name__ == "__main__":
    main()
