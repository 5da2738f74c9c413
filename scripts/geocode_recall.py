#!/usr/bin/env python3
"""Geocoding recall of `sitrep geocode` on real Syrian place strings.

Evaluation sets (from ../shared/data, never shipped with the product):
  airwars  Airwars Syria incidents with geolocation_precision village, town, city or
           neighbourhood_area: distinct (place string, point) pairs. Benchmark use only;
           no Airwars data went into the gazetteer.
  ucdp-heldout  UCDP GED Syria rows with where_prec 1-2 whose place-name half is 1
           (scripts/build_gazetteer.py ucdp_half): names that could not seed the supplement.
Strings are cleaned the way ../shared/data/geo/tools/recall_eval.py cleans them (the
part before the first comma, without "village of" / trailing "town", "village", ...),
then geocoded bare, one per line, without any context. A string counts as resolved when
the single answer lies within 10 km of the reference point.

The baseline is the "simple transliteration key" of ../shared/data/geo/tools/check_names.py
over the WOF Syria file: "any" counts a hit if any exact-or-skeleton candidate is within
10 km (the figure in geo/SOURCE.md), "top1" takes its best-ranked candidate only.

--causes sorts the misses by cause from the whole string's 64 candidates (`geocode
--candidates 64`): the right place is a candidate but ranks lower (same display name as
the answer, or another); the string has candidates, none within 10 km (a place the sources
lack, or spelt beyond the keys); the whole string has no candidate and the answer came
from a part of it (two names, a description); no answer at all.

Usage: scripts/geocode_recall.py [--sitrep build/sitrep] [--kb DIR] [--misses N] [--no-baseline] [--causes]
Exits 0 and prints a note when ../shared is absent.
"""
import argparse, collections, csv, json, math, os, re, subprocess, sys, zlib, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'data'))
RADIUS_KM = 10.0
TAIL = re.compile(r"\s+(town|village|city|area|neighbou?rhood|district|camp|countryside|suburb|"
                  r"subdistrict|region|hamlet|farms?|quarter)$", re.I)
HEAD = re.compile(r"^(the\s+)?(village|town|city|neighbou?rhood|area|outskirts|countryside)\s+of\s+", re.I)


def clean(s):
    s = s.split(',')[0].strip()
    s = HEAD.sub('', s)
    for _ in range(2):
        s = TAIL.sub('', s).strip()
    return s


def fold(s):  # as scripts/build_gazetteer.py folds names for ucdp_half
    arabic = str.maketrans({'\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0629': '\u0647',
                            '\u06c1': '\u0647', '\u06d5': '\u0647', '\u0623': '\u0627', '\u0625': '\u0627',
                            '\u0622': '\u0627', '\u0671': '\u0627', '\u0640': None})
    s = unicodedata.normalize('NFKD', s).translate(arabic)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]", "", s)
    s = re.sub(r"[-_.,()/]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def km(a, b, c, d):
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, x)))


def eval_sets():
    sets = collections.OrderedDict()
    aw = collections.OrderedDict()
    with open(os.path.join(SHARED, 'airwars-syria', 'airwars_syria_incidents.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['geolocation_precision'] in ('village', 'town', 'city', 'neighbourhood_area') and r['latitude']:
                try:
                    lat, lon = float(r['latitude']), float(r['longitude'])
                except ValueError:
                    continue
                n = clean(r['location_en'])
                if n:
                    aw.setdefault((n, round(lat, 3), round(lon, 3)), 1)
    sets['airwars'] = list(aw)
    uc = collections.OrderedDict()
    with open(os.path.join(SHARED, 'ucdp-ged-syria', 'ged_syria_2016-2019.csv'), encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['where_prec'] in ('1', '2') and r['latitude']:
                n = clean(r['where_coordinates'])
                if n and zlib.crc32(fold(n).encode('utf-8')) & 1:
                    uc.setdefault((n, round(float(r['latitude']), 3), round(float(r['longitude']), 3)), 1)
    # Held-out names the supplement uses after all (hand-made rows cite UCDP points too) are dropped.
    used = set()
    sup = os.path.join(ROOT, 'data', 'kb', 'places-supplement.tsv')
    if os.path.exists(sup):
        with open(sup, encoding='utf-8') as f:
            for line in f:
                p = line.rstrip('\n').split('\t')
                if len(p) > 2 and not line.startswith('#'):
                    used |= {fold(x) for x in [p[1]] + p[2].split('|') if x and not x.startswith('-')}  # -X: a removal
                    m = re.search(r"location '([^']+)'", line)
                    if m:
                        used |= {fold(clean(m.group(1)))} | {fold(x) for x in re.split(r'[/()]', clean(m.group(1))) if x.strip()}
    sets['ucdp-heldout'] = [k for k in uc if fold(k[0]) not in used]
    return sets


def geocode(sitrep, kb, names, candidates=0):
    cmd = [sitrep, 'geocode'] + (['--kb', kb] if kb else []) + (['--candidates', str(candidates)] if candidates else [])
    p = subprocess.run(cmd, input='\n'.join(names) + '\n', capture_output=True, text=True, check=True)
    out = [json.loads(l) for l in p.stdout.splitlines()]
    assert len(out) == len(names), (len(out), len(names))
    return out


def baseline(sets):
    sys.path.insert(0, os.path.join(SHARED, 'geo', 'tools'))
    from check_names import exact, skel, rows
    ex, sk = collections.defaultdict(list), collections.defaultdict(list)
    for r in rows(os.path.join(SHARED, 'geo', 'wof-admin', 'wof-sy.tsv.gz')):
        rec = r[:7]
        for n in r[7]:
            if n:
                ex[exact(n)].append(rec)
                sk[skel(n)].append(rec)
    rank = lambda r: (r[3] not in ('SY', 'IQ'), not r[2].startswith(('locality', 'P.')), -r[6], r[0])
    res = {}
    for name, items in sets.items():
        anyhit = top = 0
        for q, lat, lon in items:
            e, s = ex.get(exact(q), []), sk.get(skel(q), [])
            if any(km(lat, lon, float(b[4]), float(b[5])) <= RADIUS_KM for b in e + s):
                anyhit += 1
            hits = sorted(set(e), key=rank) or sorted(set(s), key=rank)
            if hits and km(lat, lon, float(hits[0][4]), float(hits[0][5])) <= RADIUS_KM:
                top += 1
        res[name] = (anyhit, top)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sitrep', default=os.path.join(ROOT, 'build', 'sitrep'))
    ap.add_argument('--kb', default='')
    ap.add_argument('--misses', type=int, default=0, help='print N misses per set')
    ap.add_argument('--no-baseline', action='store_true')
    ap.add_argument('--causes', action='store_true', help='sort the misses by cause')
    a = ap.parse_args()
    if not os.path.isdir(SHARED):
        print(f'geocode_recall: {SHARED} not found; skipped')
        return
    sets = eval_sets()
    base = {} if a.no_baseline else baseline(sets)
    for name, items in sets.items():
        res = geocode(a.sitrep, a.kb, [q for q, _, _ in items], 64 if a.causes else 0)
        ok, none, misses = 0, 0, []
        for (q, lat, lon), r in zip(items, res):
            if r.get('lat') is None:
                none += 1
                misses.append((q, lat, lon, None))
            elif km(lat, lon, r['lat'], r['lon']) <= RADIUS_KM:
                ok += 1
            else:
                misses.append((q, lat, lon, r))
        n = len(items)
        line = (f'{name}: n={n} distinct (string, point) pairs; sitrep geocode top-1 within {RADIUS_KM:g} km: '
                f'{ok} ({100 * ok / n:.1f}%), no answer {none}')
        if name in base:
            b_any, b_top = base[name]
            line += (f'; baseline check_names skeleton on WOF SY: any-candidate {100 * b_any / n:.1f}%, '
                     f'top-1 {100 * b_top / n:.1f}%')
        print(line)
        if a.causes:
            causes = collections.Counter()
            for q, lat, lon, r in misses:
                cands = (r or {}).get('candidates') or []
                good = [c for c in cands if km(lat, lon, c['lat'], c['lon']) <= RADIUS_KM]
                if r is None or r.get('lat') is None:
                    c = 'no answer'
                elif good:
                    c = 'ranking: the right place is a candidate, ranked lower' + \
                        (' (same display name)' if good[0]['name'] == r['name'] else '')
                elif cands:
                    c = 'coverage: candidates, none within 10 km'
                else:
                    c = 'parts: no candidate for the whole string, a part resolved elsewhere'
                if r is not None and r.get('country') not in (None, 'SY'):
                    c += '; the answer is outside Syria'
                causes[c] += 1
            for c, k in sorted(causes.items(), key=lambda x: (x[0].split(';')[0], -x[1])):
                print(f'  {k:5d} {100 * k / n:5.1f}%  {c}')
        for q, lat, lon, r in misses[:a.misses]:
            got = 'null' if r is None else f"{r['name']} [{r['id']}] {r['lat']},{r['lon']} " \
                                           f"({km(lat, lon, r['lat'], r['lon']):.0f} km)"
            print(f'  miss: {q!r} @ {lat},{lon} -> {got}')


if __name__ == '__main__':
    main()
