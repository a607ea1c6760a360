"""Real people whose names the romanisation key confuses with a curated person's.

Reads the biography titles shipped in rules/dictionaries/people_titles.txt.gz (about a
million real people), keeps the titles of two words or more that are equal under the
romanisation key to a curated person's form of as many words but spelled otherwise, and checks
each in a clean sentence with the curated dictionary only (as if the open data did not know
the person) and with the open data (the default). A title corrected there is a false alarm
unless it is the same person in another spelling.

Usage: python bench/romanisation_lookalikes.py [--show 60]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "In a statement on Tuesday, {name} said the talks would continue next week."


def lookalikes() -> tuple[int, list[tuple[str, str]]]:
    """(titles of 2+ words, [(title, curated form)]) equal under the key but spelled otherwise."""
    from newslint.resources import Resources
    from newslint.textutil import fold

    rom = Resources().curated_names.romanised
    if rom is None:
        raise SystemExit("no romanisation rules in the dictionaries")
    n = 0
    found = []
    with gzip.open(ROOT / "rules" / "dictionaries" / "people_titles.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if len(words) < 2 or not all(w.isalpha() for w in words):
                continue
            n += 1
            places = rom.places(words[-1])
            if not places:
                continue
            folded = tuple(fold(w) for w in words)
            for form_no, place in places:
                _, form, form_words, _ = rom.forms[form_no]
                if len(form_words) != len(words) or place != len(words) - 1 or folded == form_words:
                    continue
                if all(a == b or rom.matches(w, b) for w, a, b in zip(words, folded, form_words)):
                    found.append((" ".join(words), form))
                    break
    return n, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", type=int, default=60, help="pairs listed")
    args = parser.parse_args()
    from newslint import Linter

    started = time.process_time()
    n, pairs = lookalikes()
    print(f"{n} biography titles of two words or more; {len(pairs)} equal under the romanisation key to a "
          f"curated person's form but spelled otherwise ({time.process_time() - started:.0f} s CPU)")
    for big in (False, True):
        linter = Linter(select=["NL101"], big_names=big)
        flagged = []
        for name, form in pairs:
            found = [f for f in linter.check_text(SENTENCE.format(name=name)) if f.rule_id == "NL101"]
            if found:
                flagged.append((name, form, found[0].suggestions[:1], found[0].message.split("'")[1]))
        label = "open data and curated (default)" if big else "curated only"
        print(f"\nNL101 on them, {label}: {len(flagged)} of {len(pairs)} flagged")
        for name, form, suggestion, span in flagged:
            print(f"    {name!r} (key-equal to {form!r}): {span!r} -> {suggestion}")
    print("\npairs:")
    for name, form in pairs[:args.show]:
        print(f"    {name!r} ~ {form!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
