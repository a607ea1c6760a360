"""capitalisation: known proper nouns written in lower case ("oval office" -> "Oval Office"),
from a term list or from the dictionaries' countries and nationality words ("russian troops")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Match, Span
from ...termindex import TermIndex, normalise_term
from ..spec import Option, RuleSpec
from .base import CheckContext, RuleKind

DICTIONARY_TERMS = ("countries", "demonyms")
# what stands before or after a word of an address, a handle or a file name, not of prose
_ADDRESS_BEFORE = frozenset("/@#.\\_=")
_DOMAIN_AFTER = re.compile(r"[./@_\\=][^\W_]")


def split_demonyms(demonym: str) -> list[str]:
    """The nationality words of a dictionary `demonym` field ("Philippine; Filipino")."""
    return [d.strip() for d in re.split(r"[,/;]| or ", demonym) if d.strip()]


class Capitalisation(RuleKind):
    """Flags a listed proper noun whose capitalised words appear in lower case."""

    OPTIONS = {
        "terms": Option("str_list", "proper nouns in their correct capitalisation", []),
        "dictionary_terms": Option("str_list", "also the dictionaries' country names ('countries') and nationality "
                                   "words ('demonyms')", []),
        "except": Option("str_list", "lower-case words and phrases that are ordinary English and never flagged "
                         "('polish', 'turkey', 'french fries', 'go dutch')", []),
    }

    @classmethod
    def validate(cls, spec: RuleSpec) -> None:
        unknown = sorted(set(spec.options["dictionary_terms"]) - set(DICTIONARY_TERMS))
        if unknown:
            raise ValueError(f"option 'dictionary_terms': unknown {', '.join(unknown)}; use {', '.join(DICTIONARY_TERMS)}")

    def prepare(self) -> None:
        terms: list[str] = list(self.options["terms"])
        self._dictionary_terms = tuple(self.options["dictionary_terms"])
        excepted = [normalise_term(w, True) for w in self.options["except"]]
        self._except = frozenset(w for w in excepted if " " not in w)
        self._except_phrases = [w for w in excepted if " " in w]
        self._around: dict[str, list[tuple[str, str]]] = {}  # term -> (text before, text after) of its excepted phrases
        self._terms_given = terms
        self._terms: TermIndex | None = None if self._dictionary_terms else self._index(terms)

    def _index(self, terms: list[str]) -> TermIndex:
        terms = [t for t in dict.fromkeys(terms) if normalise_term(t, True) not in self._except]
        self._table = {normalise_term(t, True): t for t in terms}
        for phrase in self._except_phrases:
            for key in self._table:
                at = f" {phrase} ".find(f" {key} ")
                if at >= 0:
                    self._around.setdefault(key, []).append((phrase[:at], phrase[at + len(key):]))
        return TermIndex(terms, ignore_case=True)

    def _dictionary_index(self) -> TermIndex:
        """Built on first use: the dictionaries load lazily."""
        if self._terms is None:
            words = list(self._terms_given)
            for e in self.resources.names.dictionary.entries:
                if e.kind != "place" or e.type != "country":
                    continue
                if "countries" in self._dictionary_terms:
                    words.append(e.canonical)
                if "demonyms" in self._dictionary_terms and e.demonym:
                    words.extend(split_demonyms(e.demonym))
            self._terms = self._index([w for w in words if any(c.isupper() for c in w)])
        return self._terms

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        terms = self._terms if self._terms is not None else self._dictionary_index()
        text = ctx.text
        hay = ctx.normalised(True)
        for start, end in terms.finditer(text, hay):
            found = text[start:end]
            key = " ".join(hay[start:end].split())
            term = self._table.get(key)
            if term is None or found == term:
                continue
            if key in self._around and any(hay.startswith(after, end) and hay.endswith(before, 0, start)
                                           for before, after in self._around[key]):
                continue  # an ordinary English phrase: "french fries", "go dutch"
            if found.isupper():  # headline capitals
                continue
            found_words, term_words = found.split(), term.split()
            if len(found_words) != len(term_words):
                continue
            lowered = any(
                t[:1].isupper() and f[:1].islower() for f, t in zip(found_words, term_words)
            )
            if not lowered:
                continue
            if (start and text[start - 1] in _ADDRESS_BEFORE) or _DOMAIN_AFTER.match(text, end):
                continue  # part of an address, a handle or a file name: "france24.com", "@russia"
            yield Match(Span(start, end), (term,), safe=True, message_vars=(("suggestion", term),))
