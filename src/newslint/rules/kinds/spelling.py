"""Ordinary lower-case words misspelled ("goverment"), run together ("saidthat") or split
("govern ment"), with suggestions from symspellpy and the frequency dictionary that ships in its
wheel. Precision first: a word is judged only when neither English lexicon (symspellpy's 82,000
words, wordfreq's counts) nor the name or foreign-word lists know it, and only a correction that
is much more frequent is suggested."""

from __future__ import annotations

import importlib.util
import logging
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


_BEFORE = frozenset("@#/\\.'’&=_-")  # a character before a word that makes it part of an address or a token
_AFTER = frozenset("@/\\'’&=_-")


# a run of letters longer than this is no misspelled word (and symspell's deletes of it, and every
# split of it, grow with the square of its length: a 100,000-letter run took 10 GB)
MAX_WORD_LENGTH = 40

def _occurrences(text: str, words: set[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each place the words stand alone in lower case, in text order."""
    found: list[tuple[int, int, str]] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1] if at else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in _BEFORE or after.isalnum() or after in _AFTER
                    or (after == "." and end + 1 < len(text) and text[end + 1].isalpha())):
                found.append((at, end, word))
            at = text.find(word, end)
    return iter(sorted(found))


def _not_in_dictionary(ctx: CheckContext, resources: Any) -> set[str]:
    """The document's letter runs that symspellpy's dictionary lacks and that the text has in lower
    case (a run it has only capitalised is a name): one set difference in C per document, shared by
    the three checks."""
    found = ctx.memo.get("spelling-not-in-dictionary")
    if found is None:
        _load_words(resources)
        text = ctx.text
        found = ctx.memo["spelling-not-in-dictionary"] = {
            w for w in set(ctx.letter_runs()).difference(_symspell_words()) if len(w) >= 2 and w.isascii() and w in text}
    return found  # type: ignore[no-any-return]


_STATE: dict[str, Any] = {}  # per process: the word counts and SymSpell indexes, read or built once


def _dictionary_path() -> Path:
    """symspellpy's frequency dictionary, found without importing symspellpy (a cache key needs
    only its path)."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return Path(str(importlib_resources.files("symspellpy") / DICTIONARY))  # raises the ImportError
    return Path(next(iter(spec.submodule_search_locations))) / DICTIONARY


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


def _common_words(resources: Any, max_zipf: float) -> frozenset[str]:
    """symspellpy's words and wordfreq's English words at least `max_zipf` common: the words a
    document's letter runs are first compared with, in C (set difference)."""
    key = f"common-{max_zipf}"
    found = _STATE.get(key)
    if found is None:
        from ...resources import builtin_rules_dir

        english = builtin_rules_dir() / "dictionaries" / "english_words.tsv"

        def build() -> frozenset[str]:
            words = set(_read_counts())
            with open(english, encoding="utf-8") as fh:
                for line in fh:
                    word, _, zipf = line.rstrip("\n").partition("\t")
                    if zipf.isdigit() and int(zipf) / 100.0 >= max_zipf:
                        words.add(word)
            return frozenset(words)

        found = _STATE[key] = resources._cached(f"spelling-common-{max_zipf:g}", [_dictionary_path(), english], build)  # noqa: SLF001
    return found  # type: ignore[no-any-return]


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
        self._verdicts: dict[str, tuple[str, ...]] = {}  # word -> suggestions (empty: leave it alone)

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
        """A common word of French, Spanish, German, Italian, Portuguese or Dutch (NL318's list)."""
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

    def _unknown(self, ctx: CheckContext) -> set[str]:
        """The document's lower-case letter runs that are no common word (a set difference in C; most
        documents have none or a few), shared by the three checks."""
        key = ("spelling-unknown", self.options["max_zipf"])
        found = ctx.memo.get(key)
        if found is None:
            common = _common_words(self.resources, self.options["max_zipf"])
            found = ctx.memo[key] = {w for w in _not_in_dictionary(ctx, self.resources) if w not in common}
        return found  # type: ignore[no-any-return]

    def _unknown_joined(self, ctx: CheckContext) -> set[str]:
        """Like _unknown, but a word web counts call common (Zipf 3-4) stays in: those counts hold
        frequent run-together slips ("ofthe")."""
        zipf = self.resources.lexicon.zipf
        floor = self.options["max_zipf"] + 1.0
        return {w for w in _not_in_dictionary(ctx, self.resources) if len(w) >= 4 and zipf(w) < floor}

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if self._check == "split":
            yield from self._split(ctx)
            return
        candidates = self._unknown_joined(ctx) if self._check == "joined" else self._unknown(ctx)
        unknown = {w for w in candidates
                   if self.options["min_length"] <= len(w) <= MAX_WORD_LENGTH and w not in self._accept}
        if not unknown:
            return
        _load_words(self.resources)
        verdicts = {w: self._verdict(w) for w in unknown}
        for start, end, word in _occurrences(text, {w for w, v in verdicts.items() if v}):
            if self._skipped(ctx, start, end):
                continue
            yield Match(Span(start, end), verdicts[word], safe=False)

    def _verdict(self, word: str) -> tuple[str, ...]:
        """The suggestions for a word no common list has (empty: leave it alone), remembered per process."""
        found = self._verdicts.get(word)
        if found is None:
            found = ()
            if not self._known(word) and not self._foreign(word):
                # a word one slip from a frequent word is misspelled ("belive", "comon"); only a word
                # with no such neighbour that splits into two words is run together ("saidthat")
                corrections = self._corrections(word)
                if self._check == "joined":
                    halves = None if corrections else self._halves(word)
                    found = (f"{halves[0]} {halves[1]}",) if halves else ()
                else:
                    found = tuple(corrections[: self.options["max_suggestions"]])
            if len(self._verdicts) > 100_000:
                self._verdicts.clear()
            self._verdicts[word] = found
        return found

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
        pieces = _not_in_dictionary(ctx, self.resources)  # a piece of a split word is no word of the dictionary
        if not pieces:
            return
        words = ctx.letter_runs()
        flags = bytes(map(pieces.__contains__, words))
        pairs: set[str] = set()
        at = flags.find(1)
        while at >= 0:
            for i, j in ((at - 1, at), (at, at + 1)):
                if 0 <= i and j < len(words) and words[i] + words[j] in _symspell_words():
                    pair = f"{words[i]} {words[j]}"
                    if pair in text:  # in lower case, one space between
                        pairs.add(pair)
            at = flags.find(1, at + 1)
        for start, end, pair in _occurrences(text, pairs):
            left, _, right = pair.partition(" ")
            whole = left + right
            if whole not in _symspell_words() or zipf(whole) < self.options["min_part_zipf"]:
                continue
            if self._count(left) and self._count(right) and min(zipf(left), zipf(right)) >= 2.5:
                continue  # both pieces are words ("any way", "some one", "in to")
            if self._skipped(ctx, start, end):
                continue
            yield Match(Span(start, end), (whole,), safe=False)
