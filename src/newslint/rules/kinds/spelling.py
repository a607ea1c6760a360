"""Ordinary lower-case words misspelled ("goverment"), run together ("saidthat") or split
("govern ment"), with suggestions from symspellpy and the frequency dictionary that ships in its
wheel. Precision first: a word is judged only when neither English lexicon (symspellpy's 82,000
words, wordfreq's counts) nor the name or foreign-word lists know it, and only a correction that
is much more frequent is suggested."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from ...model import Match, Span
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind

log = logging.getLogger("newslint")

DICTIONARY = "frequency_dictionary_en_82_765.txt"
# a lower-case word of letters alone: not part of an address, a handle, a hashtag, a file name,
# a hyphenated or apostrophised word, a token with digits or capitals (product names, formulas)
_LOWER_WORD = re.compile(r"(?<![\w@#/\\.'’&=_-])[a-z]{3,}(?![\w@/\\'’&=_-]|\.[a-z])")
_PAIR = re.compile(r"(?<![\w@#/\\.'’&=_-])([a-z]{2,})[ ]([a-z]{2,})(?![\w@/\\'’&=_-]|\.[a-z])")
# words that may stand alone as one half of a run-together pair
_SHORT_WORDS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
# function words: a run-together pair with one of them is a slip ("saidthat", "inthe"); two content
# words together are often a real closed compound ("oilseeds", "writedown") and need more evidence
_FUNCTION_WORDS = frozenset(
    "a an the that this these those of and or but to in on at by for from with as is was are were be been "
    "has have had will would can could should may might must not it its he she they we his her their our "
    "who which what when where said says told also than then there".split()
)
# prefixes and suffixes that make new words of known ones ("reoffering", "financings", "regionals")
_PREFIXES = ("re", "un", "de", "dis", "non", "sub", "pre", "post", "over", "under", "inter", "mid", "co", "counter",
             "anti", "semi", "multi", "super", "mis", "out", "cross", "trans", "euro", "petro", "agri", "bio")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ers", ""), ("er", ""), ("eurs", ""), ("eur", ""), ("al", ""),
             ("ary", ""), ("ings", ""), ("ing", ""), ("ed", ""), ("ly", ""), ("ness", ""), ("ism", ""), ("ist", ""),
             ("ists", ""), ("able", ""), ("ability", ""), ("ibility", ""), ("ation", "e"), ("ations", "e"))


_STATE: dict[str, Any] = {}  # per process: the word counts and SymSpell indexes, read or built once


def _dictionary_path() -> Path:
    return Path(str(importlib_resources.files("symspellpy") / DICTIONARY))


def _read_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(_dictionary_path(), encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.partition(" ")
            counts[word] = int(count)
    return counts


def _symspell_words() -> dict[str, int]:
    """symspellpy's English frequency dictionary: word -> count (read once per process)."""
    found = _STATE.get("words")
    if found is None:
        found = _STATE["words"] = _read_counts()
    return found  # type: ignore[no-any-return]


def _load_words(resources: Any) -> None:
    """Read the word counts from newslint's cache folder (parsed from symspellpy's file once)."""
    if "words" not in _STATE:
        _STATE["words"] = resources._cached("symspell-words", [_dictionary_path()], _read_counts)  # noqa: SLF001


def _build_speller(top: int) -> Any:
    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=5)
    for i, (word, count) in enumerate(_symspell_words().items()):
        if i >= top:
            break
        speller.create_dictionary_entry(word, count)
    return speller


class Spelling(RuleKind):
    """One kind, three checks (option `check`): a misspelled word, two words run together, a word
    split in two. A word is judged only when no lexicon knows it; guards keep addresses, handles,
    hashtags, code, formulas, units, numbers, names and foreign words out."""

    ORDER = 60  # after the names rules
    OPTIONS = {
        "check": Option("str", "what is flagged: misspelled, joined or split", "misspelled", choices=("misspelled", "joined", "split")),
        "max_zipf": Option("float", "a word this common in wordfreq's English counts is a word, whatever symspellpy says", 3.0),
        "min_length": Option("int", "shortest word judged", 4, minimum=3),
        "min_ratio": Option("float", "a correction must be this many times as frequent as the word itself", 50.0, minimum=1.0),
        "min_part_zipf": Option("float", "joined/split: each half (joined) or the whole (split) is at least this common (Zipf)", 3.5),
        "dictionary_words": Option("int", "the most frequent words of symspellpy's dictionary used for suggestions", 40_000, minimum=1000),
        "accept_words": Option("str_list", "words never flagged (wire abbreviations, house words)", []),
        "max_suggestions": Option("int", "suggestions kept per finding", 3, minimum=1),
    }

    def prepare(self) -> None:
        self._accept = {w.casefold() for w in self.options["accept_words"]}
        self._check = self.options["check"]

    # --- what is a word ----------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        """A word of English, a name, or a foreign word the lists know; or a known word with an
        ordinary prefix or ending (a plural, a derivation)."""
        if self._plain_known(word):
            return True
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4 and self._plain_known(word[len(prefix):]):
                return True
        for ending, replacement in _SUFFIXES:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)] + replacement
                if self._plain_known(stem) or (stem.startswith(_PREFIXES) and any(
                        stem.startswith(p) and len(stem) - len(p) >= 4 and self._plain_known(stem[len(p):]) for p in _PREFIXES)):
                    return True
        return False

    def _plain_known(self, word: str) -> bool:
        _load_words(self.resources)
        if word in self._accept or word in _symspell_words():
            return True
        # web counts hold common run-together slips ("ofthe", "inthe"): the joined check trusts them less
        floor = self.options["max_zipf"] + (1.0 if self._check == "joined" else 0.0)
        if self.resources.lexicon.zipf(word) >= floor:
            return True
        names = self.resources.names
        return bool(names.is_known_token(fold(word)))

    def _foreign(self, word: str) -> bool:
        from .foreign import WORD_LIST, _frequencies
        from ...resources import builtin_rules_dir

        path = builtin_rules_dir() / "dictionaries" / WORD_LIST
        if not path.is_file():
            return False
        row = _frequencies(str(path)).zipf(word)
        return any(z >= 3.0 for lang, z in row.items() if lang != "en")

    def _speller(self) -> Any:
        """The SymSpell index of the most frequent words: built on first need (a second or two) and
        kept in newslint's cache folder, so later runs only read it."""
        top = self.options["dictionary_words"]
        key = f"speller-{top}"
        found = _STATE.get(key)
        if found is None:
            found = _STATE[key] = self.resources._cached(  # noqa: SLF001 - the shared cache of compiled data
                f"symspell-{top}", [_dictionary_path()], lambda: _build_speller(top))
        return found

    def _count(self, word: str) -> int:
        return _symspell_words().get(word, 0)

    # --- checks -------------------------------------------------------------------------------

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if self._check == "split":
            yield from self._split(ctx)
            return
        for m in _LOWER_WORD.finditer(text):
            word = m.group()
            if len(word) < self.options["min_length"] or self._known(word):
                continue
            if self._skipped(ctx, m.start(), m.end()):
                continue
            if self._foreign(word):
                continue
            # a word one slip from a frequent word is misspelled ("belive", "comon"); only a word with
            # no such neighbour that splits into two words is run together ("saidthat")
            found = self._corrections(word)
            if self._check == "joined":
                halves = None if found else self._halves(word)
                if halves is not None:
                    yield Match(Span(m.start(), m.end()), (f"{halves[0]} {halves[1]}",), safe=False)
                continue
            if found:
                yield Match(Span(m.start(), m.end()), tuple(found[: self.options["max_suggestions"]]), safe=False)

    def _skipped(self, ctx: CheckContext, start: int, end: int) -> bool:
        """Inside a line written in capitals (a headline), or next to a slash, a dot or digits."""
        text = ctx.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
            return True
        return False

    def _halves(self, word: str) -> tuple[str, str] | None:
        """The best split of a run-together word into two common words, or None."""
        zipf = self.resources.lexicon.zipf
        floor = self.options["min_part_zipf"]
        best: tuple[float, str, str] | None = None
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if (len(left) < 3 and left not in _SHORT_WORDS) or len(right) < 3:
                continue
            if not (self._plain_known(left) and self._plain_known(right)):
                continue
            score = min(zipf(left), zipf(right))
            if not (left in _FUNCTION_WORDS or right in _FUNCTION_WORDS or (len(word) >= 15 and score >= floor)):
                continue  # two content words joined are often a real compound ("feedgrains", "writedown")
            if score >= floor and (best is None or score > best[0]):
                best = (score, left, right)
        return (best[1], best[2]) if best else None

    def _corrections(self, word: str) -> list[str]:
        """Much more frequent words one edit away (two for words of eight letters or more)."""
        from symspellpy import Verbosity

        max_distance = 2 if len(word) >= 8 else 1
        speller = self._speller()
        own = max(self._count(word), 1)
        zipf_own = self.resources.lexicon.zipf(word)
        out: list[str] = []
        for item in speller.lookup(word, Verbosity.CLOSEST, max_edit_distance=max_distance):
            if item.term == word or item.count < self.options["min_ratio"] * own:
                continue
            if zipf_own and self.resources.lexicon.zipf(item.term) - zipf_own < 2.0:
                continue  # the word itself is used in print nearly as often (a rare word, not a slip)
            if item.term[:1] != word[:1]:
                continue  # slips keep the first letter; another one is more often a different word (jargon)
            out.append(item.term)
        return out

    def _split(self, ctx: CheckContext) -> Iterator[Match]:
        """Two lower-case pieces that are one common word together ("govern ment")."""
        zipf = self.resources.lexicon.zipf
        text = ctx.text
        for m in _iter_pairs(text):
            left, right = m.group(1), m.group(2)
            whole = left + right
            if whole not in _symspell_words() or zipf(whole) < self.options["min_part_zipf"]:
                continue
            if self._count(left) and self._count(right) and min(zipf(left), zipf(right)) >= 2.5:
                continue  # both pieces are words ("any way", "some one", "in to")
            if self._skipped(ctx, m.start(), m.end()):
                continue
            yield Match(Span(m.start(), m.end()), (whole,), safe=False)


def _iter_pairs(text: str) -> Iterator[re.Match[str]]:
    """Every pair of neighbouring lower-case words, overlapping ("a b c" gives "a b" and "b c")."""
    pos = 0
    while True:
        m = _PAIR.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start(2)
