#!/usr/bin/env python3
"""Builds data/kb/gazetteer.tsv.gz from the reference data in ../shared/data/geo.

Usage:
  scripts/build_gazetteer.py [--geo DIR] [--out FILE]
      Writes the gazetteer (gzip -9, mtime 0, rows sorted by id: the same
      inputs always give the same bytes).
  scripts/build_gazetteer.py --seed-ucdp [--ucdp FILE]
      Prints candidate supplement rows: UCDP GED place strings (where_prec 1-2)
      that the gazetteer does not already resolve within 10 km. Only names of
      the "seed" half (see ucdp_half) are printed; the other half is kept for
      scripts/geocode_recall.py. A person reviews the rows before they go into
      data/kb/places-supplement.tsv.

Sources (see data/kb/SOURCE.md for licences and credits):
  wof-admin/wof-{sy,iq,lb,jo,il,ps,tr,ir}.tsv.gz   Who's On First, the 8 focus countries
  geonames/cities500.txt.gz                       GeoNames, the rest of the world (and
                                                  focus-country places WOF lacks)
  geonames/admin1CodesASCII.txt, countryInfo.txt   admin-1 names, countries
  world-atlas/countries-50m.json                  country points (centroid of the largest ring)
  natural-earth/me_rivers_lakes_10m.geojson       named rivers and lakes
  data/kb/places-supplement.tsv                   the project's hand-made entries

Output columns (tab-separated, one '#' header line):
  id, name, lat, lon, precision, feature, admin1, country, population, names
names holds the '|'-joined alternate names, Latin or Arabic script only.
"""
import argparse, collections, csv, gzip, io, json, math, os, re, sys, unicodedata, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_GEO = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'data', 'geo'))
DEFAULT_UCDP = os.path.normpath(os.path.join(ROOT, '..', 'shared', 'data', 'ucdp-ged-syria',
                                             'ged_syria_2016-2019.csv'))
SUPPLEMENT = os.path.join(ROOT, 'data', 'kb', 'places-supplement.tsv')
OUT = os.path.join(ROOT, 'data', 'kb', 'gazetteer.tsv.gz')
FOCUS = ['sy', 'iq', 'lb', 'jo', 'il', 'ps', 'tr', 'ir']
FOCUS_CC = {c.upper() for c in FOCUS}

# GeoNames admin-1 names, in the spelling UCDP and the news use for Syria.
ADMIN1_FIX = {
    'SY.04': 'Ar Raqqah', 'SY.01': 'Al Hasakah', 'SY.08': 'Rif Dimashq', 'SY.13': 'Damascus',
    'SY.05': 'As Suwayda', 'SY.07': 'Deir ez Zor', 'SY.11': 'Homs', 'SY.10': 'Hama',
}
# Country names news use that the GeoNames table lacks.
COUNTRY_ALIASES = {
    'US': ['US', 'United States of America', 'USA', 'U.S.A.', 'U.S.', 'America'],
    'GB': ['Britain', 'Great Britain', 'UK', 'U.K.', 'England'],
    'RU': ['Russian Federation'], 'SY': ['Syrian Arab Republic'], 'TR': ['Türkiye', 'Turkiye'],
    'IR': ['Islamic Republic of Iran', 'Persia'], 'KR': ['South Korea'], 'KP': ['North Korea'],
    'PS': ['Palestinian Territories', 'Palestine'], 'AE': ['UAE', 'U.A.E.'],
    'CZ': ['Czech Republic'], 'NL': ['Holland'],
}
# Natural Earth features that are one river under several names.
RIVER_GROUPS = {'Euphrates': ['Euphrates', 'Al Furat', 'Firat'], 'Tigris': ['Tigris', 'Dicle']}
RIVER_EXTRA = {'Euphrates': ['Furat', 'Euphrate', 'نهر الفرات', 'الفرات'],
               'Tigris': ['Dijla', 'Dijlah', 'نهر دجلة', 'دجلة'],
               'Jordan': ['Jordan River', 'نهر الأردن']}


def is_kept_script(s):
    """True for names in Latin or Arabic script (plus digits, punctuation, marks)."""
    for ch in s:
        o = ord(ch)
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2B0 <= o <= 0x36F or 0x2000 <= o <= 0x206F:
            continue
        if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0x8A0 <= o <= 0x8FF or \
                0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
            continue
        if unicodedata.category(ch)[0] in 'LN':
            return False
    return True


def clean_names(names, primary, keep_codes=False):
    """Latin/Arabic-script names, one per folded key (the engine's exact key
    ignores case, marks and punctuation, so "Dayr az Zūr" adds nothing to
    "Dayr az Zur"); the plainest spelling of each key is kept."""
    best = {fold(primary): primary}
    for n in sorted(names, key=lambda x: (sum(ord(c) > 127 for c in x), x)):
        n = re.sub(r'\s+', ' ', n.replace('\t', ' ').replace('|', ' ')).strip()
        if not n or len(n) > 80 or not is_kept_script(n):
            continue
        if not keep_codes and re.fullmatch(r'[A-Z0-9]{2,4}', n):
            continue  # IATA/ICAO and other codes: noise for matching
        k = fold(n)
        if k and k not in best:
            best[k] = n
    del best[fold(primary)]
    return sorted(best.values())


def km(a, b, c, d):
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, x)))


class Place:
    __slots__ = ('id', 'name', 'lat', 'lon', 'precision', 'feature', 'admin1', 'country', 'population',
                 'names', 'source', 'activity')

    def __init__(self, **kw):
        self.names = set()
        self.population = 0
        self.activity = 0
        self.admin1 = ''
        self.source = ''
        for k, v in kw.items():
            setattr(self, k, v)


def locality_feature(fcode, pop):
    if fcode in ('PPLX',):
        return 'neighbourhood', 'point'
    if fcode in ('PPLQ', 'PPLW', 'PPLH'):
        return 'abandoned', 'locality'
    if fcode == 'STLMT':
        return 'settlement', 'locality'
    if fcode in ('PPLC', 'PPLA') or pop >= 100000:
        return 'city', 'locality'
    if fcode == 'PPLA2' or pop >= 10000:
        return 'town', 'locality'
    return 'village', 'locality'


def read_admin1(geo):
    by_code, by_gn = {}, {}
    with open(os.path.join(geo, 'geonames', 'admin1CodesASCII.txt'), encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) < 4:
                continue
            name = ADMIN1_FIX.get(p[0], p[2] or p[1])
            by_code[p[0]] = name
            by_gn[p[3]] = name
    return by_code, by_gn


def read_countries(geo):
    out = {}
    with open(os.path.join(geo, 'geonames', 'countryInfo.txt'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            p = line.rstrip('\n').split('\t')
            if len(p) < 17:
                continue
            out[p[0]] = {'iso3': p[1], 'num': p[2], 'name': p[4], 'capital': p[5],
                         'pop': int(p[7] or 0), 'gn': p[16]}
    return out


def topo_arcs(topo):
    """The arcs of a quantized TopoJSON topology as lists of (lon, lat)."""
    sx, sy = topo['transform']['scale']
    tx, ty = topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def topo_ring(arcs, idx):
    """One ring from its arc indexes (~i is arc i reversed), shared end points once."""
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a[1:] if pts else a)
    return pts


def topo_centroids(path):
    """ISO numeric id -> (lat, lon): area centroid of each country's largest ring."""
    with open(path, encoding='utf-8') as f:
        topo = json.load(f)
    arcs = topo_arcs(topo)

    out = {}
    for g in topo['objects']['countries']['geometries']:
        polys = g.get('arcs') or []
        if g['type'] == 'Polygon':
            polys = [polys]
        best = None
        for poly in polys:
            r = topo_ring(arcs, poly[0])
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a and (best is None or abs(a) > best[0]):
                best = (abs(a), cy / (3 * a), cx / (3 * a))
        if best and 'id' in g:
            out[g['id']] = (round(best[1], 4), round(best[2], 4))
    return out


def read_wof(geo, places, admin1_by_gn):
    gn_seen = {}
    for cc in FOCUS:
        path = os.path.join(geo, 'wof-admin', f'wof-{cc}.tsv.gz')
        with gzip.open(path, 'rt', encoding='utf-8') as f:
            rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
        hdr = rows[0]
        col = {k: i for i, k in enumerate(hdr)}
        rows = [r for r in rows[1:] if len(r) == len(hdr)]
        region_admin1 = {}
        for r in rows:
            if r[col['placetype']] == 'region':
                gn = r[col['gn_id']]
                region_admin1[r[col['wof_id']]] = admin1_by_gn.get(gn) or r[col['name_eng']] or r[col['name']]
        for r in rows:
            if r[col['deprecated']] or r[col['superseded_by']] or r[col['is_current']] == '0':
                continue
            pt = r[col['placetype']]
            if pt == 'country':
                continue  # countries come from countryInfo, with these names merged in
            try:
                lat, lon = float(r[col['lat']]), float(r[col['lon']])
            except ValueError:
                continue
            pop = int(float(r[col['population']] or 0))
            gn = r[col['gn_id']]
            name = r[col['name_eng']] or r[col['name']]
            if pt == 'region':
                feature, precision = 'region', 'region'
                name = region_admin1.get(r[col['wof_id']], name)  # "Aleppo", not "H'alab"
            elif pt == 'county':
                feature, precision = 'district', 'district'
            elif pt == 'campus':
                feature, precision = 'airport', 'point'
            elif pt == 'neighbourhood':
                feature, precision = 'neighbourhood', 'point'
            else:
                feature, precision = locality_feature(r[col['gn_fcode']], pop)
                if feature == 'village' and r[col['gn_fcode']] == 'PPLA3':
                    feature = 'town'  # a subdistrict's seat: the town the subdistrict is named after
            pid = f'gn:{gn}' if gn and pt in ('locality', 'neighbourhood') else f'wof:{r[col["wof_id"]]}'
            if pid in places:
                pid = f'wof:{r[col["wof_id"]]}'
            admin1 = region_admin1.get(r[col['region_id']], '') if pt != 'region' else \
                region_admin1.get(r[col['wof_id']], name)
            names = set(r[col['names']].split('|')) | {r[col['name']], r[col['name_eng']], r[col['name_ara']]}
            places[pid] = Place(id=pid, name=name, lat=lat, lon=lon, precision=precision, feature=feature,
                                admin1=admin1, country=r[col['country']] or cc.upper(), population=pop,
                                names=names)
            if gn and pt == 'locality':
                gn_seen[gn] = pid
    return gn_seen


def read_cities500(geo, places, gn_seen, admin1_by_code, countries):
    capitals = {}
    with gzip.open(os.path.join(geo, 'geonames', 'cities500.txt.gz'), 'rt', encoding='utf-8') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) < 15:
                continue
            gn, cc, fcode = p[0], p[8], p[7]
            pop = int(p[14] or 0)
            names = {p[1], p[2]} | set(p[3].split(','))
            lat, lon = float(p[4]), float(p[5])
            if fcode == 'PPLC':
                capitals[cc] = (lat, lon)
            if gn in gn_seen:
                pl = places[gn_seen[gn]]
                pl.names |= names
                pl.population = max(pl.population, pop)
                continue
            if cc not in FOCUS_CC and pop < 5000 and fcode not in ('PPLA', 'PPLA2', 'PPLC'):
                continue  # villages far from the conflict: size, and false matches in news text
            feature, precision = locality_feature(fcode, pop)
            pid = f'gn:{gn}'
            if cc not in FOCUS_CC and pop < 15000 and not fcode.startswith(('PPLA', 'PPLC')):
                # Small places far from the conflict: the name and ASCII name only,
                # which keeps the file small (news rarely names them).
                names = {p[1], p[2]}
            places[pid] = Place(id=pid, name=p[1], lat=lat, lon=lon, precision=precision, feature=feature,
                                admin1=admin1_by_code.get(f'{cc}.{p[10]}', ''), country=cc, population=pop,
                                names=names)
    return capitals


def add_countries(geo, places, countries, capitals):
    centroids = topo_centroids(os.path.join(geo, 'world-atlas', 'countries-50m.json'))
    wof_names, wof_pts = {}, {}
    for cc in FOCUS:
        with gzip.open(os.path.join(geo, 'wof-admin', f'wof-{cc}.tsv.gz'), 'rt', encoding='utf-8') as f:
            hdr = f.readline().rstrip('\n').split('\t')
            for line in f:
                r = line.rstrip('\n').split('\t')
                if len(r) == len(hdr) and r[4] == 'country':
                    wof_names[cc.upper()] = set(r[18].split('|')) | {r[1], r[2], r[3]}
                    wof_pts[cc.upper()] = (float(r[5]), float(r[6]))
    for cc, c in countries.items():
        pt = wof_pts.get(cc) or centroids.get(c['num'].zfill(3))
        if not pt or not (-180 <= pt[1] <= 180):
            pt = capitals.get(cc)  # rings across the antimeridian (Russia, Fiji): the capital
        if not pt or not c['gn']:
            continue
        names = wof_names.get(cc, set()) | set(COUNTRY_ALIASES.get(cc, [])) | {c['iso3']}
        names = {n for n in names if len(n) > 2 or n in COUNTRY_ALIASES.get(cc, [])}
        pid = f'gn:{c["gn"]}'
        places[pid] = Place(id=pid, name=c['name'], lat=pt[0], lon=pt[1], precision='country',
                            feature='country', admin1='', country=cc, population=c['pop'], names=names)


def mid_vertex(g):
    c = g['coordinates']
    while isinstance(c[0][0], list):
        c = max(c, key=len)
    return c[len(c) // 2]


def add_rivers(geo, places, nearest):
    with open(os.path.join(geo, 'natural-earth', 'me_rivers_lakes_10m.geojson'), encoding='utf-8') as f:
        feats = json.load(f)['features']
    member = {n: g for g, ns in RIVER_GROUPS.items() for n in ns}
    groups = collections.OrderedDict()
    for ft in feats:
        p = ft['properties']
        name = (p.get('name_en') or p.get('name') or '').strip()
        if not name or '?' in name:
            continue
        name = re.sub(r'\s+', ' ', name)
        key = member.get(name, name)
        g = groups.setdefault(key, {'names': set(), 'geom': None, 'cla': p['featurecla'], 'len': -1})
        g['names'] |= {x for x in (p.get('name'), p.get('name_alt'), p.get('name_en')) if x}
        # The representative geometry: the longest river line, preferring the Syrian stretch.
        n = len(json.dumps(ft['geometry']['coordinates']))
        if p['featurecla'] != 'Lake Centerline':
            n += 10 ** 7 if name == 'Al Furat' else 0
            if n > g['len']:
                g['len'], g['geom'], g['cla'] = n, ft['geometry'], p['featurecla']
    for key, g in groups.items():
        if g['geom'] is None:
            continue
        if g['geom']['type'] in ('Polygon', 'MultiPolygon'):
            c = g['geom']['coordinates']
            ring = c[0] if g['geom']['type'] == 'Polygon' else max((pp[0] for pp in c), key=len)
            lon = sum(x for x, _ in ring) / len(ring)
            lat = sum(y for _, y in ring) / len(ring)
        else:
            lon, lat = mid_vertex(g['geom'])
        river = g['cla'] == 'River'
        feature = 'river' if river else 'lake'
        names = g['names'] | set(RIVER_EXTRA.get(key, []))
        if river:
            names |= {f'{n} River' for n in list(names) if re.match(r'[A-Za-z]', n)}
        near = nearest(lat, lon)
        pid = 'ne:' + re.sub(r'[^a-z0-9]+', '-', key.lower()).strip('-')
        places[pid] = Place(id=pid, name=key, lat=round(lat, 5), lon=round(lon, 5), precision='region',
                            feature=feature, admin1=near.admin1 if near else '',
                            country=near.country if near else '', population=0, names=names)


def make_nearest(places):
    """Nearest focus-country locality to a point: gives a supplement row its admin1."""
    cells = collections.defaultdict(list)
    for p in places.values():
        if p.feature in ('city', 'town', 'village') and p.country in ('SY', 'IQ', 'LB', 'JO', 'IL', 'PS', 'TR', 'IR'):
            cells[(int(p.lat * 4), int(p.lon * 4))].append(p)

    def nearest(lat, lon, country=None):
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for p in cells.get((int(lat * 4) + dy, int(lon * 4) + dx), ()):
                    if country and p.country != country:
                        continue
                    d = km(lat, lon, p.lat, p.lon)
                    if best is None or d < best[0]:
                        best = (d, p)
        return best[1] if best else None
    return nearest


def fill_admin1(places):
    """Focus-country places without an admin-1 (WOF rows with no region) take
    the admin-1 of the nearest place of the same country that has one, within
    about 30 km; near a governorate border this can be the neighbour's."""
    focus = ('SY', 'IQ', 'LB', 'JO', 'IL', 'PS', 'TR', 'IR')
    cells = collections.defaultdict(list)
    for p in places.values():
        if p.country in focus and p.admin1 and p.precision in ('point', 'locality', 'district'):
            cells[(int(p.lat * 4), int(p.lon * 4))].append(p)
    filled = 0
    for p in places.values():
        if p.country not in focus or p.admin1 or p.precision not in ('point', 'locality', 'district'):
            continue
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for q in cells.get((int(p.lat * 4) + dy, int(p.lon * 4) + dx), ()):
                    if q.country != p.country:
                        continue
                    d = km(p.lat, p.lon, q.lat, q.lon)
                    if d <= 30 and (best is None or d < best[0]):
                        best = (d, q)
        if best:
            p.admin1 = best[1].admin1
            filled += 1
    return filled


SUP_COLS = ['id', 'name', 'names', 'lat', 'lon', 'feature', 'precision', 'admin1', 'country', 'source']


def read_supplement(path, places, nearest):
    if not os.path.exists(path):
        return 0
    n = 0
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith('#') or not line.strip():
                continue
            p = line.rstrip('\n').split('\t')
            if p[0] == 'id':
                continue
            if len(p) != len(SUP_COLS):
                sys.exit(f'{path}:{lineno}: {len(p)} columns, expected {len(SUP_COLS)}')
            r = dict(zip(SUP_COLS, p))
            names = {x.strip() for x in r['names'].split('|') if x.strip()}
            if not r['id'].startswith('sup:'):
                # An alias row: more names for a place the sources already have;
                # a name written "-Name" is removed instead (a source's wrong alternate).
                if r['id'] not in places:
                    sys.exit(f'{path}:{lineno}: alias row for unknown id {r["id"]}')
                pl = places[r['id']]
                drop = {fold(x[1:]) for x in names if x.startswith('-')}
                if drop:
                    pl.names = {x for x in pl.names if fold(x) not in drop}
                pl.names |= {x for x in names if not x.startswith('-')} | {r['name']}
                n += 1
                continue
            lat, lon = float(r['lat']), float(r['lon'])
            admin1 = r['admin1']
            if not admin1:
                near = nearest(lat, lon, r['country'] or None)
                admin1 = near.admin1 if near else ''
            places[r['id']] = Place(id=r['id'], name=r['name'], lat=lat, lon=lon, precision=r['precision'],
                                    feature=r['feature'], admin1=admin1, country=r['country'],
                                    population=0, names=names)
            n += 1
    return n


def build(geo):
    admin1_by_code, admin1_by_gn = read_admin1(geo)
    countries = read_countries(geo)
    places = {}
    gn_seen = read_wof(geo, places, admin1_by_gn)
    capitals = read_cities500(geo, places, gn_seen, admin1_by_code, countries)
    add_countries(geo, places, countries, capitals)
    nearest = make_nearest(places)
    add_rivers(geo, places, nearest)
    return places, nearest


ACTIVITY_KM = 5.0


def add_activity(places, ucdp_path):
    """The conflict prior: for each Syrian place, the number of UCDP GED events
    (where_prec 1-2) within ACTIVITY_KM, counting only events whose place string
    is of the seed half (ucdp_half 0): the held-out half stays out of the data."""
    if not os.path.exists(ucdp_path):
        return 0
    cells = collections.defaultdict(list)
    with open(ucdp_path, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['where_prec'] not in ('1', '2') or not r['latitude']:
                continue
            name = ucdp_clean(r['where_coordinates'])
            if not name or ucdp_half(name):
                continue
            lat, lon = float(r['latitude']), float(r['longitude'])
            cells[(int(lat * 10), int(lon * 10))].append((lat, lon))
    n = 0
    for p in places.values():
        if p.country != 'SY' or p.feature in ('country', 'region'):
            continue
        c = 0
        cy, cx = int(p.lat * 10), int(p.lon * 10)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for a, b in cells.get((cy + dy, cx + dx), ()):
                    if km(p.lat, p.lon, a, b) <= ACTIVITY_KM:
                        c += 1
        p.activity = c
        n += c > 0
    return n


def write(places, out):
    buf = io.StringIO()
    buf.write('#id\tname\tlat\tlon\tprecision\tfeature\tadmin1\tcountry\tpopulation\tnames\tactivity\n')
    nnames = 0
    for pid in sorted(places):
        p = places[pid]
        name = re.sub(r'\s+', ' ', p.name).strip()
        if not is_kept_script(name):
            # A display name in another script: take the first Latin alternate.
            latin = sorted(n for n in p.names if n and all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in n))
            if not latin:
                continue
            name = latin[0]
        names = clean_names(p.names, name, keep_codes=p.feature == 'country')
        nnames += 1 + len(names)
        buf.write(f'{pid}\t{name}\t{p.lat:.4f}\t{p.lon:.4f}\t{p.precision}\t{p.feature}\t{p.admin1}\t'
                  f'{p.country}\t{p.population}\t{"|".join(names)}\t{p.activity}\n')
    data = buf.getvalue().encode('utf-8')
    tmp = out + '.tmp'
    with open(tmp, 'wb') as raw:
        with gzip.GzipFile(filename='', mode='wb', fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    os.replace(tmp, out)
    return len(places), nnames, os.path.getsize(out)


# ---- UCDP seeding -------------------------------------------------------------

TAIL = re.compile(r"\s+(town|village|city|area|neighbou?rhood|district|countryside|suburb|"
                  r"subdistrict|region|hamlet|farms?|quarter|locality)$", re.I)
HEAD = re.compile(r"^(the\s+)?(village|town|city|neighbou?rhood|area|outskirts|countryside)\s+of\s+", re.I)


def ucdp_clean(s):
    s = s.split(',')[0].strip()
    s = HEAD.sub('', s)
    for _ in range(2):
        s = TAIL.sub('', s).strip()
    return s


# Arabic-script letters that vary between Arabic, Persian and Urdu spellings of
# one name; the engine's normaliser folds them the same way.
ARABIC_FOLD = str.maketrans({'\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0629': '\u0647',
                             '\u06c1': '\u0647', '\u06d5': '\u0647', '\u0623': '\u0627', '\u0625': '\u0627',
                             '\u0622': '\u0627', '\u0671': '\u0627', '\u0640': None})


def fold(s):
    s = unicodedata.normalize('NFKD', s).translate(ARABIC_FOLD)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]", "", s)
    s = re.sub(r"[-_.,()/]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def ucdp_half(name):
    """0: the name may seed the supplement; 1: held out for evaluation."""
    return zlib.crc32(fold(name).encode('utf-8')) & 1


def seed_feature(raw):
    s = raw.lower()
    for pat, feat, prec in [
        (r'air ?base|airport|air defen[cs]e base', 'airbase', 'point'),
        (r'\bdam\b', 'dam', 'point'), (r'reservoir|lake', 'lake', 'point'),
        (r'oil ?field|gas field|oilfield|fields?\b', 'oil field', 'point'),
        (r'crossing', 'crossing', 'point'), (r'camp\b', 'camp', 'point'),
        (r'\bbase\b|brigade|regiment|division', 'military base', 'point'),
        (r'mountain|\bjabal\b|\bmount\b|hills?\b', 'mountain', 'point'),
        (r'prison|factory|station|plant|castle|complex|checkpoint|junction|crossroad', 'facility', 'point'),
        (r'neighbou?rhood|quarter|suburb|district of', 'neighbourhood', 'point'),
        (r'\btown\b|\bcity\b', 'town', 'locality'), (r'village|hamlet|farm', 'village', 'locality'),
    ]:
        if re.search(pat, s):
            return feat, prec
    return 'place', 'point'


SEED_SKIP = re.compile(r'company|border$|compund|compound|poultry|villae|\bin\b', re.I)
SEED_DESCRIPTOR = re.compile(r'\s+(mountain|hill|mount|island|ruins?|desert|tower|military air ?base|military airport|'
                             r'air ?base|airport|idp camp|refugee camp|camp|oil fields?|gas field|field|army base|'
                             r'military base|base|checkpoint|reservoir|lake|dam)$', re.I)
SEED_KIND = {'airbase': 'airbase', 'camp': 'camp', 'oil field': 'oil field', 'dam': 'dam',
             'military base': 'base'}


def seed_ucdp(places, ucdp_path):
    sys.path.insert(0, os.path.join(DEFAULT_GEO, 'tools'))
    from check_names import exact, skel  # the shared sketch keys: good enough to find gaps
    ex, sk = collections.defaultdict(list), collections.defaultdict(list)
    for p in places.values():
        for n in p.names | {p.name}:
            if n:
                ex[exact(n)].append((p.lat, p.lon))
                sk[skel(n)].append((p.lat, p.lon))
    seen = collections.OrderedDict()
    with open(ucdp_path, encoding='utf-8') as f:
        for r in csv.DictReader(f):
            if r['where_prec'] not in ('1', '2') or not r['latitude']:
                continue
            raw = r['where_coordinates']
            if re.search(r'\broad\b|\bbetween\b|highway|pocket|\bsector\b|countryside|\barea\b|'
                         r'governorate|subdistrict|district\b|\bplain\b|eastern|western|northern|southern', raw, re.I):
                continue
            name = ucdp_clean(raw)
            if not name or ucdp_half(name) or fold(name) in ('syria', 'iraq'):
                continue
            lat, lon = float(r['latitude']), float(r['longitude'])
            # "Kobane/Ayn al Arab", "Khuwayn al Kabir (Tell al-Khuwaiyn)": one place, several names.
            parts = [x.strip() for x in re.split(r'/|\(|\)', name) if x.strip()]
            hits = [pt for x in parts for pt in ex.get(exact(x), []) + sk.get(skel(x), [])]
            if any(km(lat, lon, a, b) <= 10 for a, b in hits):
                continue
            k = (fold(name), round(lat, 3), round(lon, 3))
            if k in seen:
                seen[k][3] += 1
                continue
            seen[k] = [name, raw, (lat, lon, r['adm_1']), 1, r['id']]
    for (key, _, _), (name, raw, (lat, lon, adm), count, eid) in seen.items():
        feat, prec = seed_feature(raw)
        slug = re.sub(r'[^a-z0-9]+', '-', key).strip('-')
        parts = [x.strip() for x in re.split(r'/|\(|\)', name) if x.strip()]
        if SEED_SKIP.search(name) or not parts:
            continue
        # "Jabal Shair mountain" is also just "Jabal Shair"; "Qwaris Military Air Base" is "Qwaris airbase".
        bare = SEED_DESCRIPTOR.sub('', parts[0]).strip()
        if bare and bare != parts[0] and len(bare) > 3:
            parts.append(bare + (' ' + SEED_KIND[feat] if feat in SEED_KIND else ''))
        print('\t'.join([f'sup:ucdp-{slug}', parts[0], '|'.join(parts[1:]), f'{lat:.5f}', f'{lon:.5f}', feat, prec,
                         '', 'SY',
                         f"UCDP GED Syria 19.1 event {eid} location '{raw}' (CC BY 4.0); {count} event(s)"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--geo', default=DEFAULT_GEO)
    ap.add_argument('--out', default=OUT)
    ap.add_argument('--supplement', default=SUPPLEMENT)
    ap.add_argument('--seed-ucdp', action='store_true')
    ap.add_argument('--ucdp', default=DEFAULT_UCDP)
    a = ap.parse_args()
    if not os.path.isdir(a.geo):
        sys.exit(f'build_gazetteer: {a.geo} not found (the shared reference data)')
    places, nearest = build(a.geo)
    if a.seed_ucdp:
        seed_ucdp(places, a.ucdp)
        return
    nsup = read_supplement(a.supplement, places, nearest)
    nfill = fill_admin1(places)
    print(f'build_gazetteer: admin-1 filled from the nearest place for {nfill} places', file=sys.stderr)
    nact = add_activity(places, a.ucdp)
    n, nnames, size = write(places, a.out)
    print(f'{a.out}: {n} places ({nsup} supplement rows, {nact} with UCDP activity), {nnames} names, {size} bytes',
          file=sys.stderr)


if __name__ == '__main__':
    main()
