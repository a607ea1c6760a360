"""How often NL106 fires on clean news (false alarms) and on the same news with every he/she,
him/her, his/her swapped (each swap a pronoun contradicting its antecedent): the rule's reach and
precision on text nobody wrote for it, split by where the gender comes from (the dictionaries, or
the given name of a person no dictionary genders).

Usage: python bench/pronoun_swap.py [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg, load_corpus  # noqa: E402

from newslint import Linter  # noqa: E402

_SWAP = {"he": "she", "she": "he", "him": "her", "his": "her", "her": "his", "himself": "herself", "herself": "himself",
         "hers": "his"}
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)


def swapped(text: str) -> str:
    """Every third-person singular pronoun of the other gender (case kept)."""
    def one(m: re.Match[str]) -> str:
        word = m.group()
        new = _SWAP[word.lower()]
        return new.capitalize() if word[0].isupper() else new
    return _PRONOUN.sub(one, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    args = parser.parse_args()
    linter = Linter(select=["NL106"])
    counts: Counter[str] = Counter()
    for name, text in load_corpus(args.corpus, args.limit):
        for label, body in (("clean", text), ("swapped", swapped(text))):
            for f in linter.check_text(body, None, name):
                counts[f"{label} {f.severity.value}"] += 1
    for key in sorted(counts):
        print(f"{key:<16} {counts[key]}")
    print("(warning: gender from the dictionaries; info: from the given name)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
