"""Fast literal term search: one Aho-Corasick automaton (ahocorasick-rs, a DFA) per term list,
run over a length-preserving normalised copy of the text, so offsets need no mapping."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator

import ahocorasick_rs

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


_LETTER_RUN = re.compile(r"[^\W\d_]+")
# ASCII text: every byte that is not an ASCII letter becomes a space (then str.split gives the runs
# of letters, 4-5 times faster than the expression above)
_ASCII_NON_LETTERS_TO_SPACE = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


def letter_runs(text: str) -> list[str]:
    """The runs of letters of `text` ([^\\W\\d_]+), in order."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NON_LETTERS_TO_SPACE).decode("ascii").split()
    return _LETTER_RUN.findall(text)


# (text, the distinct letter runs of its lower-cased normalised copy) of the last text asked about:
# one tuple, so threads never see a mix (a thread that misses makes its own)
_last_runs: tuple[str, frozenset[str]] | None = None


# the runs of letters that index the terms of every TermGroup made (_candidates): a text's runs are
# intersected with them once, and each group then looks at the few found (one intersection of a few
# hundred words costs as much as a search of the text)
_indexing_runs: frozenset[str] = frozenset()
_indexing_lock = threading.Lock()  # groups made in two threads at once: neither's runs lost
# (text, _indexing_runs it was intersected with, the text's runs among them) of the last text
_last_indexing: tuple[str, frozenset[str], frozenset[str]] | None = None


def _indexing_runs_of(text: str) -> frozenset[str]:
    """The runs of letters of the text (lower case) that index some TermGroup's terms."""
    global _last_indexing
    last, indexing = _last_indexing, _indexing_runs
    if last is not None and last[0] is text and last[1] is indexing:
        return last[2]
    found = lower_run_set(text).intersection(indexing)
    _last_indexing = (text, indexing, found)
    return found


def lower_run_set(text: str, runs: list[str] | None = None) -> frozenset[str]:
    """The distinct runs of letters of normalise(text, True) (`runs`: their list, when already
    made), kept for the last text: every rule that searches a term list asks about the same one."""
    global _last_runs
    last = _last_runs
    if last is not None and last[0] is text:
        return last[1]
    found = frozenset(runs if runs is not None else letter_runs(normalise(text, True)))
    _last_runs = (text, found)
    return found


def normalise_term(term: str, ignore_case: bool) -> str:
    """A term as it appears in the normalised text (single spaces)."""
    return " ".join(normalise(term, ignore_case).split())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "-"


def _possessive(hay: str, i: int) -> bool:
    """hay[i:] starts with an 's' that ends the word."""
    return hay[i] in "sS" and (i + 1 >= len(hay) or not hay[i + 1].isalnum())


MAX_DFA_TERMS = 20_000  # terms of one automaton built as a DFA; longer lists get the library's default
FIND_LIMIT = 12
"""At most this many terms that a text may hold are looked for one by one (str.find) instead of by
the automaton: a scan walks the automaton's states, cold in the processor's caches after the other
rules' work, and costs more than a few literal searches."""


def _is_letter_or_digit(c: str) -> bool:
    return c.isalnum() or c == "_"


def _whole(hay: str, found: Iterable[tuple[int, int, int]], owners_of: list[tuple[int, ...]]) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """(start, end, owners) of automaton matches (pattern, start, end) not inside a longer run of
    letters or digits (a match inside a word can neither count nor hide a real match that
    overlaps it)."""
    n = len(hay)
    for pattern, start, end in found:
        if (start > 0 and (hay[start - 1].isalnum() or hay[start - 1] == "_")) or (end < n and (hay[end].isalnum() or hay[end] == "_")):
            continue
        yield start, end, owners_of[pattern]


def leftmost_longest(matches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping matches, left to right, the longest at each start (from all matches,
    overlapping ones included: a leftmost-longest automaton alone misses a short match that starts
    inside a longer partial one, such as "b" in "aab" with the terms "b" and "abb")."""
    out: list[tuple[int, int]] = []
    taken = -1
    for start, end in sorted(matches, key=lambda m: (m[0], m[0] - m[1])):
        if start >= taken:
            out.append((start, end))
            taken = end
    return out


class TermGroup:
    """One automaton over the terms of one TermIndex, or of several that normalise text the
    same way: the text is then scanned once for all of them."""

    def __init__(self, members: list[TermIndex]) -> None:
        slots: dict[str, list[int]] = {}
        for slot, member in enumerate(members):
            for key in member.keys:
                slots.setdefault(key, []).append(slot)
        self._keys = list(slots)
        self._owners = [tuple(slots[key]) for key in self._keys]
        # a term found as a whole word has each of its runs of letters as a run of letters of the text
        # (the characters around them are no letters): ASCII terms are indexed by their longest run
        # (lower case: the runs of the lower-cased text are asked for) with the rest of their runs
        self._by_run: dict[str, list[tuple[int, frozenset[str]]]] = {}
        self._runless: list[int] = []  # ASCII terms without letters: always looked for
        self._non_ascii: list[int] = []  # looked for in non-ASCII text only
        for i, key in enumerate(self._keys):
            if not key.isascii():
                self._non_ascii.append(i)
                continue
            runs = sorted(set(letter_runs(key.lower())), key=lambda r: (-len(r), r))
            if not runs:
                self._runless.append(i)
            else:
                self._by_run.setdefault(runs[0], []).append((i, frozenset(runs[1:])))
        self._index_runs = frozenset(self._by_run)
        global _indexing_runs
        with _indexing_lock:
            if not self._index_runs <= _indexing_runs:
                _indexing_runs = _indexing_runs | self._index_runs
        self._automaton: ahocorasick_rs.AhoCorasick | None = None  # built for the first text (_build)
        self._size = len(members)
        # (text, matches per member) of the last text: one tuple, so threads never see a mix
        self._last: tuple[str, list[list[tuple[int, int]]]] | None = None

    def _build(self) -> ahocorasick_rs.AhoCorasick:
        """The automaton, built when the first text is searched (a TermIndex that share_automata
        puts in a shared group never builds its own)."""
        # a DFA scans fastest; for very long lists (a newsroom's own) it costs too much memory
        implementation = ahocorasick_rs.Implementation.DFA if len(self._keys) <= MAX_DFA_TERMS else None
        automaton = self._automaton = ahocorasick_rs.AhoCorasick(self._keys, implementation=implementation)
        return automaton

    def matches(self, hay: str, slot: int, text: str | None = None) -> list[tuple[int, int]]:
        """Member `slot`'s leftmost-longest matches in the normalised text (`text`: the text it
        was made from, whose runs of letters tell which terms it may hold)."""
        last = self._last
        if last is None or last[0] is not hay:
            found: list[list[tuple[int, int]]] = [[] for _ in range(self._size)]
            if self._keys:
                candidates = self._candidates(hay, text) if text is not None else None
                if candidates is None or len(candidates) > FIND_LIMIT:
                    every = (self._automaton or self._build()).find_matches_as_indexes(hay, overlapping=True)
                    whole = _whole(hay, every, self._owners)
                else:
                    whole = self._find(hay, candidates)
                for start, end, owners in whole:
                    for owner in owners:
                        found[owner].append((start, end))
            last = (hay, [leftmost_longest(m) if len(m) > 1 else m for m in found])
            self._last = last
        return last[1][slot]

    def _candidates(self, hay: str, text: str) -> list[int]:
        """The terms the text may hold as whole words: those whose runs of letters it has."""
        runs = lower_run_set(text)
        found = list(self._runless) if hay.isascii() else self._runless + self._non_ascii
        by_run = self._by_run
        for run in _indexing_runs_of(text).intersection(self._index_runs):
            for i, rest in by_run[run]:
                if rest <= runs:
                    found.append(i)
        return found

    def _find(self, hay: str, candidates: list[int]) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """(start, end, owners) of every occurrence of the candidate terms not inside a longer run
        of letters or digits (what _whole keeps of the automaton's matches)."""
        n = len(hay)
        keys, owners = self._keys, self._owners
        for i in candidates:
            key = keys[i]
            size = len(key)
            start = hay.find(key)
            while start >= 0:
                end = start + size
                if not ((start > 0 and (hay[start - 1].isalnum() or hay[start - 1] == "_"))
                        or (end < n and (hay[end].isalnum() or hay[end] == "_"))):
                    yield start, end, owners[i]
                start = hay.find(key, start + 1)


def share_automata(indexes: Iterable[TermIndex]) -> None:
    """Let TermIndexes with the same case handling share one scan of each text."""
    by_case: dict[bool, list[TermIndex]] = {}
    for index in indexes:
        if not index.empty:
            by_case.setdefault(index.ignore_case, []).append(index)
    for members in by_case.values():
        if len(members) > 1:
            group = TermGroup(members)
            for slot, member in enumerate(members):
                member.group, member.slot = group, slot


class TermIndex:
    """Finds whole-word occurrences of many literal terms, leftmost-longest, non-overlapping."""

    def __init__(self, terms: Iterable[str], ignore_case: bool = True, hyphen_joins: bool = True) -> None:
        """`hyphen_joins`: a hyphen next to a match makes it part of a longer word (no match)."""
        self.ignore_case = ignore_case
        self._inside = _is_word_char if hyphen_joins else _is_letter_or_digit
        self.keys = {key for key in (normalise_term(term, ignore_case) for term in terms) if key}
        self.empty = not self.keys
        # its own automaton until share_automata gives it a place in a shared one
        self.group = TermGroup([self])
        self.slot = 0

    def finditer(self, text: str, normalised: str | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of each match in `text` (pass its normalised copy when already made)."""
        if self.empty:
            return
        hay = normalised if normalised is not None else normalise(text, self.ignore_case)
        n = len(hay)
        inside = self._inside
        for start, end in self.group.matches(hay, self.slot, text):
            if start > 0 and inside(hay[start - 1]):
                continue
            if end < n and (inside(hay[end]) or (hay[end] == "'" and end + 1 < n and hay[end + 1].isalnum()
                                                 and not _possessive(hay, end + 1))):
                continue  # part of a longer word, or a contraction (don't); a possessive ('s) is fine
            yield start, end
