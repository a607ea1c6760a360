"""spelling_consistency: the same name written two ways in one article.

Two modes:

* ``known``: one dictionary entity written in two accepted spellings (Zelensky / Zelenskyy):
  info naming the other place, suggesting the spelling used first.
* ``unknown``: two near-identical capitalised words that no dictionary resolves (Volodymyr /
  Voldymyr, Thanh / Tanh): the rarer form is flagged and the form used more often (or the one a
  dictionary knows) suggested. No dictionary entry is needed.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz.distance import OSA

from ...dictionaries import ACCEPTED, deletes
from ...model import Match, Span
from ...positions import LineIndex
from ..spec import Option
from .base import CheckContext, RuleKind
from .names import _acronym, _toks, names_helper


NAME_WINDOW = 4  # words either side of a word that count as the rest of its name


MAX_FAMILY = 12  # more distinct words than this sharing one deletion key: a list or a code table, not prose
DIRECT_PAIRS_UP_TO = 400  # distinct words; more are paired through deletion keys (linear)
MAX_NAME_LETTERS = 40  # a longer word is no name (and its deletion keys would cost O(n^3))


def _candidate_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs (a, b), a < b, in sorted order, to test with `_close`. Up to DIRECT_PAIRS_UP_TO
    words: every pair with the same first letter. More: the pairs that share a first letter and a string made by
    deleting letters from each (one from words shorter than 7 letters, two from longer ones, as
    `_close` allows): every pair `_close` can accept is among them, since a substitution, an
    insertion or an adjacent transposition is undone by one deletion on each side. Costs
    O(words x length^2) instead of comparing every pair; a deletion key shared by more than
    MAX_FAMILY words (hundreds of near-identical codes) is no evidence of one misspelt name."""
    if len(keys) <= DIRECT_PAIRS_UP_TO:  # an article's worth: comparing pairs directly is cheaper
        by_initial: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_initial[key[0]].append(key)
        direct = [(a, b) for group in by_initial.values() for i, a in enumerate(group) for b in group[i + 1:]]
        return sorted(direct)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) > MAX_NAME_LETTERS:
            continue
        for d in deletes(key, 1 if len(key) < 7 else 2):
            buckets[key[0] + "\x00" + d].append(key)
    pairs: set[tuple[str, str]] = set()
    for group in buckets.values():
        if 1 < len(group) <= MAX_FAMILY:
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def _close(a: str, b: str) -> int | None:
    """OSA distance when the two words are plausible spellings of one name, else None."""
    if a[0] != b[0] or abs(len(a) - len(b)) > 2:
        return None
    limit = 1 if min(len(a), len(b)) < 7 else 2
    d = OSA.distance(a, b, score_cutoff=limit)
    if d > limit:
        return None
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in ("s", "es", "n", "i", "a", "o"):
        return None  # inflections and feminine/plural forms: Smith/Smiths, Ivanov/Ivanova
    return d


class SpellingConsistency(RuleKind):
    """Flags names spelled two ways in the same article."""

    ORDER = 30
    OPTIONS = {
        "mode": Option("str", "known: dictionary entities in two accepted spellings; unknown: near-identical names no dictionary knows",
                       "known", choices=("known", "unknown")),
        "max_zipf": Option("float", "words at least this frequent in English are never compared (unknown mode)", 3.0, minimum=0),
        "max_name_count": Option("int", "two words that are both common names (given or surname counts above this) are different names", 30, minimum=0),
        "min_length": Option("int", "shortest word compared (unknown mode)", 4, minimum=3),
    }

    def prepare(self) -> None:
        self._names = names_helper(self.resources)
        self._words_memo: dict[str, tuple[tuple[int, int, str, str, frozenset[str]], ...]] = {}

    def _stretch_words(self, stretch: str, analysed: Sequence) -> tuple[tuple[int, int, str, str, frozenset[str]], ...]:  # type: ignore[type-arg]
        """Words of a capitalised stretch that no dictionary resolves and that are rare enough
        to compare, with the words next to them (a name is a few words: a window keeps a run of
        thousands of capitalised words linear); offsets relative to the stretch, remembered
        per stretch text."""
        found = self._words_memo.get(stretch)
        if found is not None:
            return found
        lexicon = self.resources.lexicon
        min_len = self.options["min_length"]
        max_zipf = self.options["max_zipf"]
        words = []
        for plain_run, owner, _, _ in analysed:
            run = _toks(plain_run)
            for position, (tok, own) in enumerate(zip(run, owner)):
                key = tok.key
                if own is not None or len(key) < min_len or not key.isalpha() or _acronym(tok):
                    continue
                if lexicon.zipf(key) >= max_zipf:
                    continue
                neighbours = run[max(0, position - NAME_WINDOW):position + NAME_WINDOW + 1]
                words.append((tok.start, tok.end, tok.text, key, frozenset(t.key for t in neighbours if t.key != key)))
        if len(self._words_memo) > 200_000:
            self._words_memo.clear()
        found = tuple(words)  # a tuple: long-lived lists are walked by every full garbage collection
        self._words_memo[stretch] = found
        return found

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if self.options["mode"] == "known":
            yield from self._known(ctx)
        else:
            yield from self._unknown(ctx)

    def _known(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        by_entry: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for h in self._names.analyse(ctx):
            if h.relation in ACCEPTED:
                by_entry[h.entry].append((h.start, h.end, text[h.start:h.end]))
        lines: LineIndex | None = None
        for occurrences in by_entry.values():
            if " " not in occurrences[0][2] and all(o[2] == occurrences[0][2] for o in occurrences):
                continue  # one word, written the same way each time: nothing to compare
            words: list[tuple[int, int, str]] = []  # each word of each occurrence
            for start, end, surface in occurrences:
                pos = start
                for w in surface.split():
                    i = text.index(w, pos)
                    words.append((i, i + len(w), w))
                    pos = i + len(w)
            first_seen: dict[str, tuple[int, str]] = {}
            for start, end, w in words:
                key = w.casefold()
                for other_key, (other_start, other_word) in first_seen.items():
                    # an acronym is not another spelling of a word of the full name ("ASEAN", "Asian")
                    if other_key != key and w.isupper() == other_word.isupper() and _close(key, other_key) is not None:
                        lines = lines or LineIndex(ctx.doc.text)
                        line, col = lines.line_col(other_start)
                        yield Match(Span(start, end), (other_word,), safe=False,
                                    message_vars=(("suggestion", other_word), ("other", other_word), ("where", f"{line}:{col}")))
                        break
                else:
                    first_seen.setdefault(key, (start, w))

    def _unknown(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        index = self.resources.names
        lexicon = self.resources.lexicon
        claimed = [(h.start, h.end) for h in self._names.analyse(ctx)]  # resolved or already flagged
        occurrences: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        company: dict[str, set[str]] = defaultdict(set)  # the other words of the names it stands in
        alone: set[str] = set()  # written on its own at least once
        claimed.sort()
        claimed_starts = [s for s, _ in claimed]
        reach: list[int] = []  # reach[i]: the furthest end of claimed[0..i]
        for _, e in claimed:
            reach.append(max(e, reach[-1]) if reach else e)

        def is_claimed(start: int) -> bool:
            i = bisect.bisect_right(claimed_starts, start) - 1
            return i >= 0 and reach[i] > start

        for offset, stretch, analysed in self._names.stretches(ctx):
            for start, end, word, key, others in self._stretch_words(stretch, analysed):
                if is_claimed(start + offset):
                    continue
                occurrences[key].append((start + offset, end + offset, word))
                if others:
                    company[key] |= others
                else:
                    alone.add(key)
        keys = sorted(occurrences)
        max_count = self.options["max_name_count"]

        def name_count(k: str) -> int:
            return lexicon.given_count(k) + lexicon.surname_count(k)

        for a, b in _candidate_pairs(keys):
            if _close(a, b) is None:
                continue
            if name_count(a) > max_count and name_count(b) > max_count:
                continue  # Petersen and Peterson: two real names
            if (a not in alone and b not in alone and not (company[a] & company[b])
                    and min(name_count(a), name_count(b)) >= 3):
                continue  # Kiichi Miyazawa and Koichi Kato: two real names of two people
            target, wrong = self._pick(a, b, occurrences, index, name_count)
            if target is None:
                continue
            right_word = occurrences[target][0][2]
            for start, end, _ in occurrences[wrong]:
                yield Match(Span(start, end), (right_word,), safe=False,
                            message_vars=(("suggestion", right_word), ("other", right_word),
                                          ("count", str(len(occurrences[target])))))

    @staticmethod
    def _pick(a: str, b: str, occ: dict[str, list[tuple[int, int, str]]], index: object, name_count) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
        known_a, known_b = index.is_known_token(a), index.is_known_token(b)  # type: ignore[attr-defined]
        if known_a != known_b:
            return (a, b) if known_a else (b, a)
        if len(occ[a]) != len(occ[b]):
            return (a, b) if len(occ[a]) > len(occ[b]) else (b, a)
        ca, cb = name_count(a), name_count(b)
        if ca != cb and max(ca, cb) >= 3:
            return (a, b) if ca > cb else (b, a)
        return None, b  # no evidence which one is right
