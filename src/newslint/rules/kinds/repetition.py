"""repetition: the same word twice in a row ("the the")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from operator import eq

from ...model import Match, Span
from ..spec import Option
from .base import CheckContext, RuleKind

# possessive quantifiers (Python 3.11): a word never gives back letters, which could not match anyway
_DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_]++)([ \t]++)(\1)(?![\w'’-])", re.IGNORECASE)
# the same word on both sides of a full stop, the second in lower case: "today. today" (a scan led
# by the literal '.', then the word before it is compared)
_STOP_THEN_LOWER = re.compile(r"\.[ \t]++([^\W\d_A-Z]{2,}+)(?![\w'’-])")


class Repetition(RuleKind):
    """Flags a word repeated immediately, except pairs that are grammatical ("had had")."""

    OPTIONS = {
        "allow": Option("str_list", "words whose doubling is grammatical", ["had", "that", "is", "bye", "no", "yes", "very", "so", "ha", "knock", "tut", "chop", "pooh", "hush", "xi", "bora", "wagga", "sing", "baden", "walla"]),
        "min_length": Option("int", "shortest word checked", 1, minimum=1),
        "across_full_stop": Option("bool", "also flag a word repeated across a stray full stop, the second "
                                   "in lower case ('announced today. today')", True),
    }

    def prepare(self) -> None:
        self._allow = {w.casefold() for w in self.options["allow"]}
        self._min = self.options["min_length"]

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        yield from self._doubled(ctx)
        if self.options["across_full_stop"] and ". " in ctx.text:
            yield from self._across_full_stop(ctx)

    def _across_full_stop(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        for m in _STOP_THEN_LOWER.finditer(text):
            again = m.group(1)
            start = m.start() - len(again)
            if start < 0 or text[start:m.start()].casefold() != again.casefold():
                continue
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’.-_"):
                continue  # the word before is longer ("outdated. dated") or an abbreviation ("U.S. s")
            if len(again) < max(self._min, 2):
                continue  # only a lower-case repeat is a slip ("Bye. Bye" starts a new sentence)
            word = text[start:m.start()]
            yield Match(Span(start, m.end()), (word,), safe=False,
                        message_vars=(("word", word), ("suggestion", word)))

    def _doubled(self, ctx: CheckContext) -> Iterator[Match]:
        if ctx.text.isascii():
            # cheap first test in C: a doubled word is two equal neighbours among the runs of
            # letters of the lower-cased text, and most articles have none (ASCII only: there
            # lower() is exactly the regular expression's case-insensitive matching)
            words = ctx.letter_runs()
            if not any(map(eq, words, islice(words, 1, None))):
                return
        for m in _DOUBLED.finditer(ctx.text):
            word = m.group(1)
            if len(word) < self._min or word.casefold() in self._allow:
                continue
            if word[0].isupper() and m.group(3)[0].isupper() and not word.isupper():
                continue  # "Walla Walla", "Sirhan Sirhan": names, not slips
            # the fix removes the second word and the space before it
            yield Match(
                Span(m.start(), m.end()),
                (word,),
                safe=True,
                message_vars=(("word", word), ("suggestion", word)),
                edit_span=None,
            )
