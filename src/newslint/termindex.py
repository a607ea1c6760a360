"""Fast literal term search: one Aho-Corasick automaton (pyahocorasick) per term list,
run over a length-preserving normalised copy of the text, so offsets need no mapping."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick

_NORMALISE = str.maketrans({
    "\t": " ", "\n": " ", "\r": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u2010": "-", "\u2011": "-", "’": "'", "‘": "'",
})


def normalise(text: str, ignore_case: bool) -> str:
    """Same length as `text`: whitespace -> space, dashes -> '-', curly -> straight apostrophe,
    lower case when `ignore_case` (characters whose lower case is longer are kept as they are)."""
    if ignore_case:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        text = lowered
    return text.translate(_NORMALISE)


def normalise_term(term: str, ignore_case: bool) -> str:
    """A term as it appears in the normalised text (single spaces)."""
    return " ".join(normalise(term, ignore_case).split())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "-"


def _possessive(hay: str, i: int) -> bool:
    """hay[i:] starts with an 's' that ends the word."""
    return hay[i] in "sS" and (i + 1 >= len(hay) or not hay[i + 1].isalnum())


def _is_letter_or_digit(c: str) -> bool:
    return c.isalnum() or c == "_"


class TermIndex:
    """Finds whole-word occurrences of many literal terms, leftmost-longest, non-overlapping
    (pyahocorasick's iter_long)."""

    def __init__(self, terms: Iterable[str], ignore_case: bool = True, hyphen_joins: bool = True) -> None:
        """`hyphen_joins`: a hyphen next to a match makes it part of a longer word (no match)."""
        self.ignore_case = ignore_case
        self._inside = _is_word_char if hyphen_joins else _is_letter_or_digit
        self._automaton = ahocorasick.Automaton()
        count = 0
        for term in terms:
            key = normalise_term(term, ignore_case)
            if key:
                self._automaton.add_word(key, len(key))
                count += 1
        self.empty = count == 0
        if not self.empty:
            self._automaton.make_automaton()

    def finditer(self, text: str, normalised: str | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of each match in `text` (pass its normalised copy when already made)."""
        if self.empty:
            return
        hay = normalised if normalised is not None else normalise(text, self.ignore_case)
        n = len(hay)
        for end, length in self._automaton.iter_long(hay):
            end += 1
            start = end - length
            inside = self._inside
            if start > 0 and inside(hay[start - 1]):
                continue
            if end < n and (inside(hay[end]) or (hay[end] == "'" and end + 1 < n and hay[end + 1].isalnum()
                                                 and not _possessive(hay, end + 1))):
                continue  # part of a longer word, or a contraction (don't); a possessive ('s) is fine
            yield start, end
