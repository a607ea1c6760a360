"""Coverage of the names check on open-data names it was not tuned on.

Draws people and places at random (seeded) from the sources: people from
../shared/data/names/open/people_open_normalised.tsv.gz (all rows, so mostly biography titles),
and again from its list sources alone (OpenStates, ParlaMint); places from the GeoNames places
the build made (rules/dictionaries/places_geonames.tsv.gz; countries, regions, cities of 15,000+).
Each name is misspelled by one random edit (delete, insert, substitute or swap two letters, in a
word of four letters or more) inside a sentence. Reported, with the built-in (curated) dictionary
only and with the big open-data dictionary:

  corrected     share of misspelled sentences with an NL101 finding whose suggestion is the name
  flagged       share of misspelled sentences with any NL101 finding on the name
  false alarms  share of the unmisspelled sentences with any NL101 finding

Usage: python bench/names_coverage.py [--n 300] [--seed 11] [--open DIR]
"""

from __future__ import annotations

import argparse
import gzip
import random
import string
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OPEN = ROOT.parent / "shared" / "data" / "names" / "open"
PEOPLE_SENTENCE = "In a statement on Tuesday, {name} said the talks would continue next week."
PLACE_SENTENCE = "Officials in {name} said on Tuesday that the talks would continue next week."


def misspell(name: str, rng: random.Random) -> str | None:
    """One random edit inside a word of four letters or more; None when there is none."""
    words = [(i, w) for i, w in enumerate(name.split(" ")) if len(w) >= 4 and w.isalpha()]
    if not words:
        return None
    i, word = rng.choice(words)
    op = rng.choice(("delete", "insert", "substitute", "swap"))
    pos = rng.randrange(1 if op != "insert" else 1, len(word))  # the first letter is kept in place
    letter = rng.choice(string.ascii_lowercase)
    if op == "delete":
        new = word[:pos] + word[pos + 1:]
    elif op == "insert":
        new = word[:pos] + letter + word[pos:]
    elif op == "substitute":
        new = word[:pos] + letter + word[pos + 1:]
    else:
        if pos >= len(word) - 1:
            pos = len(word) - 2
        new = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]
    parts = name.split(" ")
    parts[i] = new
    out = " ".join(parts)
    return out if out.casefold() != name.casefold() else None


def draw_people(open_dir: Path, n: int, seed: int, lists_only: bool) -> list[tuple[str, str]]:
    """(name, source) drawn uniformly from the normalised open people file."""
    rows = []
    with gzip.open(open_dir / "people_open_normalised.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if lists_only and p[6].startswith("enwiki"):
                continue
            rows.append((p[0], p[6]))
    rng = random.Random(seed)
    return rng.sample(rows, n)


def draw_places(n: int, seed: int) -> list[tuple[str, str]]:
    """(name, type) drawn uniformly from the built GeoNames places."""
    from newslint.bigindex import read_source

    rows = [(p.canonical, p.type + ("" if p.weight >= 2 else " (known only)"))
            for p in read_source(ROOT / "rules" / "dictionaries" / "places_geonames.tsv.gz")]
    return random.Random(seed).sample(rows, n)


def evaluate(linter, items: list[tuple[str, str]], template: str, seed: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from newslint.textutil import fold

    rng = random.Random(seed)
    stats: Counter[str] = Counter()
    by_group: dict[str, Counter[str]] = {}
    for name, group in items:
        g = by_group.setdefault(group, Counter())
        clean = template.format(name=name)
        start = clean.index(name)
        found = [f for f in linter.check_text(clean) if f.rule_id == "NL101"]
        stats["clean"] += 1
        stats["false_alarm"] += bool(found)
        g["clean"] += 1
        g["false_alarm"] += bool(found)
        bad = misspell(name, rng)
        if bad is None:
            stats["no_edit"] += 1
            continue
        text = template.format(name=bad)
        end = start + len(bad)
        hits = [f for f in linter.check_text(text) if f.rule_id == "NL101" and f.span.start < end and start < f.span.end]
        stats["misspelled"] += 1
        g["misspelled"] += 1
        stats["flagged"] += bool(hits)
        g["flagged"] += bool(hits)
        right = any(fold(f.suggestions[0]) == fold(name) for f in hits if f.suggestions)
        if not right and hits:
            entry_names = {fold(name)}
            right = any(fold(s) in entry_names for f in hits for s in f.suggestions[:1])
        stats["corrected"] += right
        g["corrected"] += right
    return {"all": stats, "groups": by_group}


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}%" if b else "   - "


def report(label: str, result: dict[str, object]) -> None:
    s = result["all"]  # type: ignore[index]
    print(f"  {label:<34} corrected {pct(s['corrected'], s['misspelled'])}  flagged {pct(s['flagged'], s['misspelled'])}  "
          f"false alarms {pct(s['false_alarm'], s['clean'])}  (n={s['misspelled']} misspelled, {s['clean']} clean)")
    for group, g in sorted(result["groups"].items(), key=lambda kv: -kv[1]["clean"]):  # type: ignore[union-attr]
        print(f"      {group:<30} corrected {pct(g['corrected'], g['misspelled'])}  false alarms "
              f"{pct(g['false_alarm'], g['clean'])}  (n={g['clean']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--open", type=Path, default=DEFAULT_OPEN, help="folder of people_open_normalised.tsv.gz")
    args = parser.parse_args()
    if not (args.open / "people_open_normalised.tsv.gz").is_file():
        raise SystemExit(f"open people data not found in {args.open} (pass --open)")
    from newslint import Linter

    samples = {
        "people (all sources)": (draw_people(args.open, args.n, args.seed, False), PEOPLE_SENTENCE),
        "people (lists: OpenStates, ParlaMint)": (draw_people(args.open, args.n, args.seed, True), PEOPLE_SENTENCE),
        "places (GeoNames)": (draw_places(args.n, args.seed), PLACE_SENTENCE),
    }
    for big in (False, True):
        linter = Linter(select=["NL101"], big_names=big)
        print(f"{'with the big open-data dictionary' if big else 'built-in (curated) dictionary only'}:")
        for label, (items, template) in samples.items():
            report(label, evaluate(linter, items, template, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
