"""capitalisation: known proper nouns written in lower case ("oval office" -> "Oval Office")."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Match, Span
from ...termindex import TermIndex, normalise_term
from ..spec import Option
from .base import CheckContext, RuleKind


class Capitalisation(RuleKind):
    """Flags a listed proper noun whose capitalised words appear in lower case."""

    OPTIONS = {
        "terms": Option("str_list", "proper nouns in their correct capitalisation"),
    }

    def prepare(self) -> None:
        terms: list[str] = self.options["terms"]
        self._table = {normalise_term(t, True): t for t in terms}
        self._terms = TermIndex(terms, ignore_case=True)

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        hay = ctx.normalised(True)
        for start, end in self._terms.finditer(ctx.text, hay):
            found = ctx.text[start:end]
            term = self._table.get(" ".join(hay[start:end].split()))
            if term is None or found == term:
                continue
            if found.isupper():  # headline capitals
                continue
            found_words, term_words = found.split(), term.split()
            if len(found_words) != len(term_words):
                continue
            lowered = any(
                t[:1].isupper() and f[:1].islower() for f, t in zip(found_words, term_words)
            )
            if lowered:
                yield Match(Span(start, end), (term,), safe=True, message_vars=(("suggestion", term),))
