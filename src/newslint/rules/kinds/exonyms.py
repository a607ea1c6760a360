"""place_exonym: a city written with its French, Spanish, German, Italian, Portuguese or Dutch name in
English copy ("flew to Londres", "talks in Varsovie", "the Mailand fashion week"), which machine
translation leaves when it does not recognise the name; the suggestion is the English name.

The names are `rules/dictionaries/place_exonyms.tsv`, built by `tools/build_data.py --only exonyms`
from the GeoNames alternate names of cities of 300,000 people or more, kept where wordfreq finds the
name common in one of the six languages, rarer in English, more common there than the English name,
in a language that is not the city's own (an endonym such as "Milano" or "Köln" names clubs, brands
and events in English copy) and where no city of GeoNames' list has it as its English name ("Pekin",
Illinois). Left alone: a name inside a longer capitalised name ("Albert Londres", "Inter de Milán"),
sentences and documents in another language (NL307's). In a headline in Title Case every word is
capitalised, so there a neighbour makes a longer name only when it is no common English word or is
a frequent given name or surname ("Albert Londres Honoured" left alone, "Talks In Varsovie End" flagged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...dictionaries import ACCEPTED
from ...model import Match, Span
from ...resources import builtin_rules_dir
from ...termindex import TermIndex
from ...textutil import line_style
from ..spec import Option
from .base import CheckContext, RuleKind
from .script import foreign_document, in_foreign_sentence

_WORD_BEFORE = re.compile(r"([\w'’.\-]+)([ \u00a0]+)$")
_WORD_AFTER = re.compile(r"[ \u00a0]+([\w'’\-]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“”‘(\[—–])\s*$")
# a foreign particle between a name and the city: "Inter de Milán", "Bayern von München"
_PARTICLES = frozenset("de di da do du des del della von van".split())
# words that may stand capitalised before a city without making it part of a name
_BEFORE_OK = frozenset("in to from at near of for and or via outside inside around".split())
# in a Title Case headline a capitalised neighbour is a common word unless rarer than this (Zipf) ...
_HEADLINE_COMMON_ZIPF = 3.0
# ... or than this many biography titles start or end with it (Albert, Street, York)
_HEADLINE_NAME_COUNT = 30
# ... or a noun that heads a name after a place word ("Amberes Hotel", "Londres Street")
_NAME_HEADS = frozenset("""hotel street road avenue square lane boulevard bridge airport station port harbour
    university college school hospital club stadium arena theatre museum gallery cathedral church palace
    park gardens tower company bank group press times herald post gazette fc""".split())


class PlaceExonym(RuleKind):
    """Flags a city written with another language's name; suggests the English one."""

    OPTIONS = {
        "names": Option("str", "table of names in other languages and their English names (in the built-in "
                        "dictionaries folder unless a path)", "place_exonyms.tsv"),
        "allow": Option("str_list", "names never flagged (a newsroom's own usage)", []),
    }

    def prepare(self) -> None:
        self._english: dict[str, str] = {}
        self._index: TermIndex | None = None
        self._names: Any = None  # the shared names analysis, made on first use
        # read now (a few hundred names), so that the index joins the one shared scan of each text
        # (share_automata: the case-sensitive terms of NL204 and NL205)
        self._load()

    def _load(self) -> None:
        name = self.options["names"]
        path = Path(name) if ("/" in name or "\\" in name) else builtin_rules_dir() / "dictionaries" / name
        allow = set(self.options["allow"])
        table: dict[str, str] = {}
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#") or not line.strip():
                        continue
                    foreign, english, *_ = line.rstrip("\n").split("\t")
                    if foreign not in allow:
                        table[foreign] = english
        self._english = table
        self._index = TermIndex(table, ignore_case=False) if table else None

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if self._index is None:
            return
        text = ctx.text
        found = list(self._index.finditer(text, ctx.normalised(False)))
        if not found or foreign_document(ctx) is not None:
            return
        if self._names is None:
            from .names import names_helper

            self._names = names_helper(self.resources)
        # a span the names analysis already corrects (NL101: "Moscou" one edit from Moscow) is its finding
        corrected = {(h.start, h.end) for h in self._names.analyse(ctx)
                     if h.relation not in ACCEPTED and h.suggestion}
        for start, end in found:
            if (start, end) in corrected:
                continue
            english = self._english.get(text[start:end])
            if english is None or self._in_a_name(text, start, end) or in_foreign_sentence(ctx, start, end):
                continue
            yield Match(Span(start, end), (english,), safe=False, message_vars=(("suggestion", english),))

    def _in_a_name(self, text: str, start: int, end: int) -> bool:
        """Part of a longer capitalised name: a capitalised word right before (not opening the
        sentence) or after, or a foreign particle after a capitalised word. In a Title Case
        headline only a neighbour that may be a name's word counts (_name_word)."""
        headline: bool | None = None  # worked out at the first capitalised neighbour

        def joins(word: str) -> bool:
            nonlocal headline
            if headline is None:
                headline = line_style(text, start, end) == "title"
            return not headline or self._name_word(word)

        after = _WORD_AFTER.match(text, end)
        if after is not None and after.group(1)[:1].isupper() and joins(after.group(1)):
            return True  # "Londres Street", "Mosca Bianca"
        before = _WORD_BEFORE.search(text, max(0, start - 60), start)
        if before is None:
            return False
        word = before.group(1)
        if word.lower() in _PARTICLES:
            earlier = _WORD_BEFORE.search(text, max(0, before.start() - 60), before.start())
            return earlier is not None and earlier.group(1)[:1].isupper() and joins(earlier.group(1))  # "Inter de Milán"
        if word[:1].isupper() and word.lower() not in _BEFORE_OK and joins(word):
            return not _SENTENCE_START.search(text, max(0, before.start() - 3), before.start())  # "Albert Londres"
        return False

    def _name_word(self, word: str) -> bool:
        """A capitalised word of a headline that may belong to a name: a noun that heads names
        ("Hotel", "Street"), no common English word, or a frequent given name or surname
        ("Albert", "York"); not "End", "Talks"."""
        key = word.casefold().strip("'’.-")
        lexicon = self.resources.lexicon
        return (key in _NAME_HEADS or lexicon.zipf(key) < _HEADLINE_COMMON_ZIPF or lexicon.given_count(key) > _HEADLINE_NAME_COUNT
                or lexicon.surname_count(key) > _HEADLINE_NAME_COUNT)
