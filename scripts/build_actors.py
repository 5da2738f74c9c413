#!/usr/bin/env python3
"""Builds data/kb/actors-cameo.tsv from the Phoenix/CAMEO actor and agent dictionaries.

    python3 scripts/build_actors.py [PETRARCH_DICT_DIR] [OUT_TSV]

Defaults: ../shared/data/petrarch2/dictionaries and data/kb/actors-cameo.tsv. The
output is deterministic (sorted by id) and is committed; the build only reads it.

Dictionary format (TABARI/PETRARCH): a primary phrase at column 0 ("SYRIA_  [SYR]"),
"+" lines are synonyms of it, indented "[CODE date]" lines give its codes; code-less
primaries directly followed by another primary share the codes that come next.
Dates restrict a code to a period (">120701", "<950101", "970101-061231", YYMMDD or
YYYYMMDD); we keep the code valid at kReferenceDate, the middle of the Syrian war's
news coverage, else an undated one. Agents ("SOLDIER [~MIL]") get PETRARCH's regular
plural unless "{}" follows, or the plural given in "{...}"; "!MINIST!" and "!PERSON!"
are substitution sets.

What is kept: the country file's hand-made entries (the named people generated
from CountryInfo.txt are left out), international bodies except multinational
companies, every militant non-state group, and the agents except hardware. Country
synonyms that are places in that country (Damascus, Aleppo, Raqqa are synonyms of
SYRIA in CAMEO) are dropped: places are the gazetteer's. Single-word forms that occur
in lower case in the sample corpus ("care", "action") are too ambiguous and dropped,
except agents, which are common nouns by design.

Surface forms: lower case means matched ignoring ASCII case; a form with capitals
(short acronyms: "UN", "U.S.", "PKK") is matched exactly as written.
"""

import collections
import gzip
import json
import os
import re
import sys

kReferenceDate = 20150701

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DICT_DIR = os.path.join(ROOT, '..', 'shared', 'data', 'petrarch2', 'dictionaries')
DEFAULT_GEO_DIR = os.path.join(ROOT, '..', 'shared', 'data', 'geo', 'geonames')
DEFAULT_OUT = os.path.join(ROOT, 'data', 'kb', 'actors-cameo.tsv')
SAMPLES_DIR = os.path.join(ROOT, 'data', 'samples')

ROLE_KIND = {
    'MIL': 'state_force', 'COP': 'state_force', 'SPY': 'state_force',
    'GOV': 'government', 'LEG': 'government', 'JUD': 'government',
    'REB': 'armed_group', 'INS': 'armed_group', 'UAF': 'armed_group', 'SEP': 'armed_group',
    'MED': 'media', 'HRI': 'monitor',
    'IGO': 'international', 'NGO': 'international',
    'CVL': 'civilian', 'REF': 'civilian',
}

# Agents that name hardware, places or abstractions rather than people acting.
AGENT_HARDWARE = re.compile(
    r'missile|aircraft carrier|^carrier|ship|boat|destroyer|frigate|cruiser|corvette|'
    r'tank|artillery|barracks|\bbase\b|position|facility|vehicle|humvee|hmmwv|machine gun|'
    r'hornet|raptor|falcon|apache|reaper|predator|nighthawk|typhoon|orion|poseidon|osprey|'
    r'chinook|dragonfly|mirage|kfir|phalanx|tomcat|sukhoi|harrier|\bmig\b|^mig-|^su-|^f-|^f/a|^f |'
    r'^b-52|^rf |^p-|^mq-|^v-22|^a-37|^ah-|^ch-|^mi-|trainer|echelon|war machine|'
    r'airliner|jetliner|passenger jet|commercial jet|neighbou?rhood|community|population|'
    r'^blog$|^website$|^web site$|^internet site$|^publication$|^television$|^tv$|^telecom|'
    r'^prison|jail|police post|police district|security check|insurgency$|rebellion|revolt$|'
    r'^(village|town|city|hospital|school|clinic|university|college|camp|aerospace)(s|es)?$')

# Agents left out because in this domain they are ordinary words, not actors.
AGENT_DROP = {'deputy', 'native', 'naturalized', 'mob', 'mother', 'hunter', 'customer',
              'engineer', 'scientist', 'athlete', 'raider', 'generals', 'naval', 'military led'}

COMMON_EXTRA = {'is', 'it', 'in', 'on', 'or', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he',
                'if', 'me', 'my', 'no', 'of', 'so', 'to', 'up', 'we', 'am', 'all', 'and', 'are',
                'can', 'for', 'has', 'her', 'him', 'his', 'its', 'may', 'new', 'not', 'now',
                'one', 'our', 'out', 'say', 'she', 'the', 'two', 'was', 'who', 'why', 'you',
                'care', 'hope', 'help', 'aid', 'free', 'peace', 'life', 'light', 'unity',
                'justice', 'action', 'future', 'dawn', 'time', 'world'}


def die(msg):
    sys.stderr.write('build_actors: %s\n' % msg)
    sys.exit(1)


def read_latin1(path):
    with open(path, 'rb') as f:
        return f.read().decode('latin-1')


def parse_date(s):
    s = s.strip()
    if len(s) == 8:
        return int(s)
    if len(s) == 6:
        yy = int(s[:2])
        return (2000 + yy if yy <= 30 else 1900 + yy) * 10000 + int(s[2:])
    return None


def code_valid(restriction):
    r = restriction.replace(' ', '')
    if not r:
        return True
    if r.startswith('>'):
        d = parse_date(r[1:])
        return d is not None and kReferenceDate >= d
    if r.startswith('<'):
        d = parse_date(r[1:])
        return d is not None and kReferenceDate <= d
    if '-' in r:
        a, b = r.split('-', 1)
        da, db = parse_date(a), parse_date(b)
        return da is not None and db is not None and da <= kReferenceDate <= db
    return False


def pick_code(codes):
    """codes: list of (code, restriction). The code valid at the reference date."""
    dated = [c for c, r in codes if r.strip() and code_valid(r)]
    if dated:
        return dated[0]
    undated = [c for c, r in codes if not r.strip()]
    return undated[0] if undated else None


CODE_RE = re.compile(r'\[([^\]\}]*)[\]\}]')


def parse_actor_file(text):
    """Entries: dict(names=[primary, synonyms...], codes=[(code, restriction)], comment)."""
    entries, group = [], []
    for raw in text.split('\n'):
        line = raw.rstrip()
        if not line.strip():
            group = []
            continue
        if line.lstrip().startswith('#'):
            continue
        body, _, comment = line.partition('#')
        codes = [(m.group(1).split(None, 1)[0] if m.group(1).split() else '',
                  m.group(1).split(None, 1)[1] if len(m.group(1).split(None, 1)) > 1 else '')
                 for m in CODE_RE.finditer(body)]
        name = CODE_RE.sub('', body).strip()
        if line[0] in ' \t[':
            for e in group:
                e['codes'].extend(codes)
            continue
        if line[0] == '+':
            if group:
                group[-1]['names'].extend(n for n in name[1:].split('+') if n.strip())
                group[-1]['codes'].extend(codes)
            continue
        if group and group[-1]['codes']:
            group = []
        parts = [n for n in name.split('+') if n.strip()]
        e = {'names': parts, 'codes': list(codes), 'comment': comment}
        entries.append(e)
        group.append(e)
    return entries


def normalize(name):
    s = re.sub(r'\([^)]*\)', ' ', name)
    s = s.replace('_', ' ')
    s = re.sub(r'\s+', ' ', s).strip().strip('-').strip()
    # A leading article is not part of the name, and would make "the UN" a longer
    # (so winning) CAMEO mention than the supplement's "UN".
    return re.sub(r'^(?i:the) (?=\S)', '', s)


def surface(name, acronyms=True):
    """The surface form to match, or None; see the module comment for case rules."""
    s = normalize(name)
    if not s or len(s) < 2 or any(c in s for c in '{}!/<>[]*'):
        return None
    tokens = s.split(' ')
    if not acronyms:
        return s.lower()
    if len(tokens) == 1 and re.fullmatch(r'([A-Za-z]\.){2,}', s):
        return s.upper()
    if len(tokens) == 1 and re.fullmatch(r'[A-Za-z]{2,3}', s):
        return s.upper()
    return s.lower()


SMALL_WORDS = {'of', 'the', 'for', 'and', 'in', 'on', 'to', 'a', 'an', 'at', 'by', 'al', 'wa', 'el'}


def display(name):
    words = normalize(name).lower().split(' ')
    out = []
    for i, w in enumerate(words):
        if i > 0 and w in SMALL_WORDS:
            out.append(w)
        elif len(w) <= 3 and w.isalpha() and w not in SMALL_WORDS and not re.search(r'[aeiou]', w):
            out.append(w.upper())
        else:
            out.append('-'.join(p[:1].upper() + p[1:] for p in w.split('-')))
    return ' '.join(out)


def slug(name):
    return re.sub(r'[^a-z0-9]+', '-', normalize(name).lower()).strip('-')


# Religion and denomination chunks qualify a role ("SYRREBMUS": Muslim rebels).
QUALIFIERS = {'MUS', 'CHR', 'JEW', 'BUD', 'HIN', 'CTH', 'MAR', 'PRO', 'ORT', 'SHI', 'SUN', 'ALE',
              'DRZ', 'CON', 'MOS'}


def role_kind(chunks):
    roles = [c for c in chunks if c not in QUALIFIERS]
    return ROLE_KIND.get(roles[0], 'other') if roles else 'other'


def kind_of(code):
    if code.startswith('~'):
        body = code[1:]
        return role_kind([body[i:i + 3] for i in range(0, len(body), 3)])
    head = code[:3]
    if head in ('IGO', 'NGO'):
        return 'monitor' if 'HRI' in code[3:] else 'international'
    if head == 'IMG':
        return 'armed_group'
    if head == 'MED':
        return 'media'
    if len(code) == 3:
        return 'government'
    return role_kind([code[i:i + 3] for i in range(3, len(code), 3)])


GENERIC_NAME_WORDS = {'the', 'of', 'and', 'republic', 'democratic', 'people', "people's", 'peoples',
                      'federal', 'islamic', 'kingdom', 'north', 'south', 'east', 'west', 'state'}


# Demonyms and short names CAMEO lists that do not share the country name's stem.
COUNTRY_EXTRA = {
    'GBR': ['BRITAIN', 'BRITISH', 'GREAT_BRITAIN', 'UK', 'THE_UK', 'BRITON', 'BRITONS'],
    'NLD': ['DUTCH', 'HOLLAND'],
    'CHE': ['SWISS'],
    'ARE': ['UAE', 'EMIRATI', 'EMIRATIS'],
    'USA': ['THE_US'],
}


def country_synonym_ok(primary, synonym, places):
    """CAMEO lists a country's cities, regions, rivers and old names as its synonyms; we
    keep acronyms and forms built on the country's own name (Syrian, Syrie, Americans)."""
    s = surface(synonym)
    if s is None:
        return False
    if s.lower() in places or s == 'D.C.':
        return False
    if s != s.lower():
        return True
    if s in places or s.endswith(' state') or s.endswith(' river'):
        return False
    stems = {w[:4] for w in normalize(primary).lower().split(' ')
             if len(w) >= 4 and w not in GENERIC_NAME_WORDS}
    return any(w[:4] in stems for w in s.split(' ') if len(w) >= 4 and w not in GENERIC_NAME_WORDS)


def load_iso(geo_dir):
    iso3_to_2 = {}
    with open(os.path.join(geo_dir, 'countryInfo.txt'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) > 2:
                iso3_to_2[cols[1]] = cols[0]
    return iso3_to_2


def load_places(geo_dir):
    """Lower-case place names (cities and first-level divisions) by ISO2 country."""
    places = collections.defaultdict(set)
    with gzip.open(os.path.join(geo_dir, 'cities500.txt.gz'), 'rt', encoding='utf-8') as f:
        for line in f:
            cols = line.split('\t')
            if len(cols) < 9:
                continue
            names = [cols[1], cols[2]] + [a for a in cols[3].split(',') if a.isascii()]
            places[cols[8]].update(n.lower() for n in names if n)
    with open(os.path.join(geo_dir, 'admin1CodesASCII.txt'), encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) >= 3:
                places[cols[0].split('.')[0]].update((cols[1].lower(), cols[2].lower()))
    return places


def load_common_words():
    """Words seen in lower case in the sample corpus: too ambiguous as single-word names."""
    counts = collections.Counter()
    texts = []
    seeds = os.path.join(SAMPLES_DIR, 'seeds')
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding='utf-8') as f:
            texts.append(f.read())
    with open(os.path.join(SAMPLES_DIR, 'fakes-sample.jsonl'), encoding='utf-8') as f:
        for line in f:
            texts.append(json.loads(line).get('text', ''))
    for t in texts:
        counts.update(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]*(?![A-Za-z])", t))
    return {w for w, n in counts.items() if n >= 2} | COMMON_EXTRA


def agent_forms(name, plural_spec, subst):
    """Surface forms of one agent line: substitutions expanded, plural added."""
    bases = [name]
    for key, values in subst.items():
        nxt = []
        for b in bases:
            if key in b:
                nxt.extend(b.replace(key, v) for v in values)
            else:
                nxt.append(b)
        bases = nxt
    forms = []
    for b in bases:
        forms.append(b)
        if '!' in name:
            continue
        if plural_spec is None:
            forms.append(make_plural(b.rstrip('_ ')))
        elif plural_spec.strip():
            forms.append(plural_spec.strip())
    return forms


def make_plural(s):
    if not s or not s[-1].isalpha() or (s.endswith('S') and not s.endswith('SS')):
        return s
    if s.endswith('MEN') or s.endswith('CHILD') or s.endswith('PEOPLE'):
        return s
    if s.endswith('MAN'):
        return s[:-3] + 'MEN'
    if s[-1] == 'Y' and len(s) > 1 and s[-2] not in 'AEIOU':
        return s[:-1] + 'IES'
    if s[-1] in 'SXZ' or s.endswith('CH') or s.endswith('SH'):
        return s + 'ES'
    return s + 'S'


def parse_agents(text):
    subst = {}
    out = []
    for raw in text.split('\n'):
        line = raw.split('#', 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r'^(![A-Z]+!)\s*=\s*(.*)$', line)
        if m:
            subst[m.group(1)] = [v.strip() for v in m.group(2).split(',') if v.strip()]
            continue
        m = re.match(r'^(.*?)\s*(\{[^}]*\})?\s*\[(~[A-Z]+)[\]\}]', line)
        if not m:
            continue
        name = m.group(1).strip()
        plural = None if m.group(2) is None else m.group(2)[1:-1]
        out.append((m.group(3), agent_forms(name, plural, subst)))
    return out


# People in general ("men", "people"): not an actor worth a mention.
AGENT_CODE_DROP = {'~PPL'}

AGENT_NAMES = {
    '~MIL': 'military', '~COP': 'police', '~GOV': 'government', '~REB': 'rebels',
    '~INS': 'insurgents', '~UAF': 'armed fighters', '~OPP': 'opposition', '~CVL': 'civilians',
    '~MED': 'media', '~HRI': 'human rights groups', '~REF': 'refugees', '~SPY': 'intelligence',
    '~JUD': 'judiciary', '~LEG': 'legislature', '~BUS': 'business', '~CRM': 'criminals',
    '~EDU': 'education', '~HLT': 'health', '~LAB': 'labour', '~AGR': 'agriculture',
    '~ELI': 'elites', '~NGO': 'non-governmental organisations', '~IGO': 'international organisations',
}


def main(argv):
    dict_dir = argv[1] if len(argv) > 1 else DEFAULT_DICT_DIR
    out_path = argv[2] if len(argv) > 2 else DEFAULT_OUT
    iso = load_iso(DEFAULT_GEO_DIR)
    places = load_places(DEFAULT_GEO_DIR)
    common = load_common_words()

    actors = {}   # id -> dict
    owner = {}    # case-folded form -> id; first claim wins (file order below)

    def add(aid, name, code, forms, is_agent):
        a = actors.get(aid)
        if a is None:
            cc = '' if code.startswith('~') or code[:3] in ('IGO', 'NGO', 'IMG', 'MNC', 'MED') else iso.get(code[:3], '')
            a = actors[aid] = {'name': name, 'kind': kind_of(code), 'country': cc,
                               'cameo': code.lstrip('~'), 'forms': []}
        for raw in forms:
            f = surface(raw, acronyms=not is_agent)
            if f is None or not re.search(r'[A-Za-z]{2}', f):
                continue
            if ' ' not in f and not is_agent and f.lower() in common and f != 'US':
                continue
            key = f.lower()
            if key in owner:
                continue
            owner[key] = aid
            a['forms'].append(f)

    def add_file(entries, keep):
        by_code = collections.Counter()
        chosen = []
        for e in entries:
            code = pick_code(e['codes'])
            if not code or code == '---' or not keep(e, code):
                continue
            chosen.append((e, code))
            by_code[code] += 1
        for e, code in chosen:
            primary = e['names'][0]
            aid = 'cameo:' + code if by_code[code] == 1 else 'cameo:%s/%s' % (code, slug(primary))
            forms = e['names']
            if len(code) == 3:
                forms = [primary] + COUNTRY_EXTRA.get(code, []) + [n for n in e['names'][1:]
                                     if country_synonym_ok(primary, n, places.get(iso.get(code, ''), ()))]
            add(aid, display(primary), code, forms, False)

    countries = parse_actor_file(read_latin1(os.path.join(dict_dir, 'Phoenix.Countries.actors.txt')))
    add_file(countries, lambda e, c: 'CountryInfo' not in e['comment'])
    mns = parse_actor_file(read_latin1(os.path.join(dict_dir, 'Phoenix.MilNonState.actors.txt')))
    add_file(mns, lambda e, c: True)
    intl = parse_actor_file(read_latin1(os.path.join(dict_dir, 'Phoenix.International.actors.txt')))
    add_file(intl, lambda e, c: not c.startswith('MNC'))

    for code, forms in parse_agents(read_latin1(os.path.join(dict_dir, 'Phoenix.agents.txt'))):
        if code in AGENT_CODE_DROP:
            continue
        kept = [f for f in (surface(f, acronyms=False) for f in forms)
                if f and not AGENT_HARDWARE.search(f) and f not in AGENT_DROP]
        if not kept:
            continue
        aid = 'cameo:' + code
        add(aid, AGENT_NAMES.get(code, kept[0]), code, kept, True)

    rows = []
    for aid in sorted(actors):
        a = actors[aid]
        if not a['forms']:
            continue
        forms = sorted(set(a['forms']))
        rows.append('\t'.join([aid, a['name'], a['kind'], a['country'], '', a['cameo'], '|'.join(forms)]))
    if not rows:
        die('no actors parsed')
    tmp = out_path + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# Generated by scripts/build_actors.py from the Phoenix/CAMEO dictionaries '
                '(MIT, openeventdata/petrarch2). Do not edit; edit the script.\n')
        f.write('# id\tname\tkind\tcountry\tside\tcameo\tsurface_forms\n')
        for r in rows:
            f.write(r + '\n')
    os.replace(tmp, out_path)
    sys.stderr.write('build_actors: %d actors, %d surface forms -> %s\n'
                     % (len(rows), sum(r.count('|') + 1 for r in rows), out_path))


if __name__ == '__main__':
    main(sys.argv)
