"""Regenerate the compact data files shipped in rules/dictionaries/ from their sources.

Sources (not runtime dependencies):
  * wordfreq (pip install 'newslint[build-data]'): English word frequencies, and the words of
    French, Spanish, German, Italian, Portuguese and Dutch that are common there and rare in
    English (foreign_words.tsv), CC BY-SA 4.0
  * ../shared/data/names/world_figures.yaml: the hand-curated dictionary (CC0), copied as is
  * ../shared/data/names/open/enwiki_persons_name2nat_2020.tsv.gz: English Wikipedia biography
    titles via name2nat (Apache-2.0; titles from Wikipedia, CC BY-SA): given-name and surname
    token counts

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--min-zipf", type=float, default=1.5)
    parser.add_argument("--min-name-count", type=int, default=3)
    parser.add_argument("--min-foreign-zipf", type=float, default=3.5)
    parser.add_argument("--min-foreign-margin", type=float, default=1.0)
    parser.add_argument("--only", choices=("all", "foreign"), default="all", help="rebuild everything or only foreign_words.tsv")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
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
