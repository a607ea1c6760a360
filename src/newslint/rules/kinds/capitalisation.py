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


class Capitalisation(RuleKind):
    """Flags a listed proper noun whose capitalised words appear in lower case."""

    CASE_FINAL = True  # its suggestions are the case fix itself

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
        # dictionary terms are read now, from the curated dictionaries the names rules load anyway,
        # so that this index joins the one shared scan of each text (share_automata)
        if self._dictionary_terms:
            terms += self._dictionary_words()
        self._terms = self._index(terms)

    def _index(self, terms: list[str]) -> TermIndex:
        """A case-sensitive index of the wrong spellings only: each term with one or more of its
        capitalised words in lower case ("oval office", "oval Office", "Oval office"), so the
        correct spelling, by far the most frequent, never even matches."""
        terms = [t for t in dict.fromkeys(terms) if normalise_term(t, True) not in self._except]
        self._table: dict[str, str] = {}
        for term in terms:
            for wrong in _lowered_variants(term):
                self._table.setdefault(normalise_term(wrong, False), term)
        keys = {normalise_term(t, True) for t in terms}  # once, not once per excepted phrase
        for phrase in self._except_phrases:
            for key in keys:
                at = f" {phrase} ".find(f" {key} ")
                if at >= 0:
                    self._around.setdefault(key, []).append((phrase[:at], phrase[at + len(key):]))
        return TermIndex(self._table, ignore_case=False)

    def _dictionary_words(self) -> list[str]:
        """Country names and nationality words of the curated dictionaries (built-in and the user's)."""
        words = []
        for e in self.resources.curated_names.dictionary.entries:
            if e.kind != "place" or e.type != "country":
                continue
            if "countries" in self._dictionary_terms:
                words.append(e.canonical)
            if "demonyms" in self._dictionary_terms:
                words.extend(e.demonyms())
        return [w for w in words if any(c.isupper() for c in w)]

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        terms = self._terms
        text = ctx.text
        hay = ctx.normalised(False)
        for start, end in terms.finditer(text, hay):
            term = self._table.get(" ".join(hay[start:end].split()))
            if term is None:
                continue
            key = normalise_term(term, True)
            if key in self._around:
                lowered = ctx.normalised(True)
                if any(lowered.startswith(after, end) and lowered.endswith(before, 0, start) for before, after in self._around[key]):
                    continue  # an ordinary English phrase: "french fries", "go dutch"
            if (start and text[start - 1] in _ADDRESS_BEFORE) or _DOMAIN_AFTER.match(text, end):
                continue  # part of an address, a handle or a file name: "france24.com", "@russia"
            yield Match(Span(start, end), (term,), safe=True, message_vars=(("suggestion", term),))


MAX_VARIANT_WORDS = 4  # capitalised words lowered in every combination (2**4 - 1 variants)


def _lowered_variants(term: str) -> list[str]:
    """The term with each non-empty combination of its capitalised words lower-cased at the first
    letter (up to MAX_VARIANT_WORDS of them; past that only the all-lower-case form)."""
    words = term.split(" ")
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(capitals) > MAX_VARIANT_WORDS:
        return [" ".join(w[:1].lower() + w[1:] for w in words)]
    variants = []
    for mask in range(1, 1 << len(capitals)):
        lowered = list(words)
        for bit, i in enumerate(capitals):
            if mask >> bit & 1:
                lowered[i] = words[i][:1].lower() + words[i][1:]
        variants.append(" ".join(lowered))
    return variants
