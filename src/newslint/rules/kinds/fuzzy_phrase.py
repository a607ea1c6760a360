"""fuzzy_phrase: a garbled fixed expression found by similarity ("The-for-TAT" -> "tit-for-tat")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rapidfuzz.distance import OSA, Levenshtein

from ...model import Match, Span
from ...termindex import TermIndex
from ...textutil import fold, fold_phrase, strip_accents
from ..spec import Option
from .base import CheckContext, RuleKind

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# between two tokens of one phrase only spaces, hyphens, apostrophes or quotes may stand
_JOINER = re.compile(r"[\s\-\u2010\u2011'’\"“”]{1,3}")

STOPWORDS = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been it its "
    "this that these those into over under up down out off about after before than then so "
    "no not all any one two his her their our your my we you he she they i".split()
)


class FuzzyPhrase(RuleKind):
    """Finds token windows that share a distinctive word with a fixed expression and are
    close to it, but not equal once case, hyphens and quotes are folded."""

    OPTIONS = {
        "phrases": Option("str_list", "fixed expressions in their correct form"),
        "threshold": Option("float", "minimum similarity 0-100 of the folded window", 80.0, minimum=50, maximum=100),
        "rare_zipf": Option("float", "a phrase word rarer than this (Zipf scale) is a strong anchor", 3.5, minimum=0),
        "word_zipf": Option("float", "with only common anchors, a differing word this frequent is a real word, not a garble", 2.5, minimum=0),
    }

    def prepare(self) -> None:
        self._phrases: list[tuple[str, tuple[str, ...], str]] = []  # (phrase, tokens, joined)
        self._anchors: dict[str, list[tuple[int, int]]] = {}  # token -> [(phrase idx, position)]
        for phrase in self.options["phrases"]:
            tokens = tuple(fold_phrase(phrase).split())
            if not tokens:
                continue
            idx = len(self._phrases)
            self._phrases.append((phrase, tokens, " ".join(tokens)))
            for pos, tok in enumerate(tokens):
                if tok not in STOPWORDS and len(tok) >= 3:
                    self._anchors.setdefault(tok, []).append((idx, pos))
        self._ratio = self.options["threshold"] / 100.0
        # anchor words as they appear in text (with apostrophes: "lion's" for "lions")
        spellings = set(self._anchors)
        for phrase in self.options["phrases"]:
            for word in re.split(r"[\s\-]+", fold(phrase)):
                if "'" in word and word.replace("'", "") in self._anchors:
                    spellings.add(word)
        self._anchor_index = TermIndex(spellings, ignore_case=True, hyphen_joins=False)

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        best: dict[tuple[int, int], tuple[float, int]] = {}
        phrases = self._phrases
        for a_start, a_end in self._anchor_index.finditer(text, ctx.normalised(True)):
            # tokenise only a neighbourhood of the anchor word
            lo = text.rfind(" ", 0, max(0, a_start - 60)) + 1
            hi = text.find(" ", min(len(text), a_end + 60))
            end = hi if hi >= 0 else len(text)
            word = _TOKEN.match(text, a_start, end)
            hits = self._anchor_hits(_plain_lower(word.group(0))) if word is not None else None
            if hits is None:
                continue  # no word of a phrase starts at the anchor
            # a window of a phrase of n words holds the anchor, at most n - 1 words before it and n
            # after it: only those are read, from a space far enough back (no word spans a space, so
            # the words after it are those of the whole neighbourhood)
            n = max(len(phrases[idx][1]) for idx, _pos in hits)
            first, found, at = _words_around(text, lo, end, a_start, n, skip=True)
            if at is not None and at < n - 1 and first > lo:
                first, found, at = _words_around(text, lo, end, a_start, n, skip=False)  # too few words before: all
            if at is None:
                continue  # the anchor is inside a longer word
            tokens = [(m.start(), m.end(), low, low if low.isascii() else strip_accents(low))
                      for m in found[max(0, at - n + 1):at + n + 1] for low in (_plain_lower(m.group(0)),)]
            self._scan(text, tokens, a_start, best)
        yield from self._matches(text, best)

    def _anchor_hits(self, low: str) -> list[tuple[int, int]] | None:
        """(phrase, position) of the phrases a word (lower case, no apostrophes) anchors."""
        hits = self._anchors.get(low)
        if hits is None and not low.isascii():
            hits = self._anchors.get(strip_accents(low))
        return hits

    def _scan(self, text: str, tokens: list[tuple[int, int, str, str]], anchor_start: int,
              best: dict[tuple[int, int], tuple[float, int]]) -> None:
        anchors = self._anchors
        n_tokens = len(tokens)
        lengths = [0]  # lengths[k]: letters of the first k words (plain)
        for token in tokens:
            lengths.append(lengths[-1] + len(token[3]))
        for i, (t_start, _, low, _plain) in enumerate(tokens):
            if t_start != anchor_start:
                continue
            hits = anchors.get(low)
            if hits is None:
                if low.isascii():
                    continue
                hits = anchors.get(strip_accents(low))
                if hits is None:
                    continue
            for idx, pos in hits:
                _, ptoks, joined = self._phrases[idx]
                n = len(ptoks)
                for width in {n, n - 1, n + 1}:
                    if width < 1:
                        continue
                    for shift in {pos, min(pos, width - 1)}:
                        first = i - shift
                        last = first + width - 1
                        if first < 0 or last >= n_tokens:
                            continue
                        # the similarity cannot reach the threshold when the lengths differ too much
                        length = lengths[last + 1] - lengths[first] + width - 1
                        if abs(length - len(joined)) / max(length, len(joined)) > 1.0 - self._ratio + 1e-9:
                            continue
                        if not self._joined(text, tokens, first, last):
                            continue
                        window = " ".join(t[3] for t in tokens[first : last + 1])
                        if window == joined or window.replace(" ", "") == joined.replace(" ", ""):
                            continue
                        if f" {joined} " in f" {window} ":
                            continue  # the exact phrase plus a neighbour
                        if width != n and OSA.distance(window.replace(" ", ""), joined.replace(" ", ""), score_cutoff=2) > 1:
                            continue  # split or merged words, otherwise nearly the same letters
                        if text[tokens[first][0]:tokens[last][1]].isupper():
                            continue  # all-caps headline
                        score = Levenshtein.normalized_similarity(window, joined)
                        if score < self._ratio:
                            continue
                        gaps = [text[tokens[k][1]:tokens[k + 1][0]] for k in range(first, last)]
                        hyphenated = bool(gaps) and all(g in ("-", "\u2010", "\u2011") for g in gaps)
                        if not self._credible(window.split(), ptoks, hyphenated):
                            continue
                        key = (tokens[first][0], tokens[last][1])
                        if key not in best or best[key][0] < score:
                            best[key] = (score, idx)

    def _credible(self, window: list[str], phrase: tuple[str, ...], hyphenated: bool = False) -> bool:
        """Is the window a garble of the phrase rather than ordinary words?

        With a rare phrase word matched exactly ('tat'), other words may be up to two edits
        off (same first letter for two). With only common words matched ('change'), the
        differing word must be one edit off and not itself an English word. A hyphenated
        compound ("head-for-head") was meant as one expression: there a swapped function word
        counts as a garble too.
        """
        if len(window) != len(phrase):
            return True  # split or merged words: similarity already checked
        zipf = self.resources.lexicon.zipf
        rare_anchor = hyphenated or any(w == p and zipf(p) < self.options["rare_zipf"] for w, p in zip(window, phrase))
        content_exact = sum(1 for w, p in zip(window, phrase) if w == p and p not in STOPWORDS)
        if window[-1] != phrase[-1] and _inflection(window[-1], phrase[-1]) and list(window[:-1]) == list(phrase[:-1]):
            return False  # "on the sideline": a plural or tense of the phrase, not a garble
        for w, p in zip(window, phrase):
            if w == p:
                continue
            if w in STOPWORDS and p in STOPWORDS and (hyphenated or content_exact >= 2):
                continue  # "slap in the wrist": a swapped function word in a fixed idiom
            if w in STOPWORDS and p in STOPWORDS and len(phrase) >= 3 and content_exact >= 1 and OSA.distance(w, p) == 1:
                continue  # "in the wake off": a typo in a function word of a long idiom
            if content_exact >= 2 and _inflection(w, p):
                continue  # "behind close doors"
            if hyphenated and w in STOPWORDS and p in STOPWORDS:
                continue
            d = OSA.distance(w, p, score_cutoff=2)
            if rare_anchor:
                if d > 2 or (d == 2 and w[:1] != p[:1]):
                    return False
            elif d > 1 or zipf(w) >= self.options["word_zipf"]:
                return False
        return True

    @staticmethod
    def _joined(text: str, tokens: list[tuple[int, int, str, str]], first: int, last: int) -> bool:
        for k in range(first, last):
            gap = text[tokens[k][1] : tokens[k + 1][0]]
            if not _JOINER.fullmatch(gap) or "\n" in gap:
                return False
        return True

    def _matches(self, text: str, best: dict[tuple[int, int], tuple[float, int]]) -> Iterator[Match]:
        taken_end = -1
        for (start, end), (score, idx) in sorted(best.items(), key=lambda kv: (kv[0][0], -kv[1][0])):
            if start < taken_end:
                continue
            taken_end = end
            phrase = self._phrases[idx][0]  # the engine gives it the case of the text (engine.cased)
            yield Match(
                Span(start, end), (phrase,), safe=False,
                message_vars=(("suggestion", phrase), ("score", f"{score * 100:.0f}")),
            )


def _words_around(text: str, lo: int, end: int, anchor: int, n: int, skip: bool) -> tuple[int, list[Any], int | None]:
    """Where reading started, the words (matches) read from there up to n after the anchor, and the
    anchor word's index among them (None when no word starts there). Read from `lo`, or with
    `skip` from a space some n words before the anchor."""
    start = lo
    back = anchor - 10 * n  # some n words back
    if skip and back > lo:
        start = text.rfind(" ", lo, back) + 1 or lo
    found: list[Any] = []
    at = None
    for m in _TOKEN.finditer(text, start, end):
        found.append(m)
        if m.start() == anchor:
            at = len(found) - 1
        elif at is not None and len(found) > at + n:
            break
        elif at is None and m.start() > anchor:
            break  # no word starts at the anchor
    return start, found, at


def _plain_lower(word: str) -> str:
    """A word as the phrases are compared: lower case, no apostrophes."""
    return word.lower().replace("'", "").replace("’", "")


def _inflection(a: str, b: str) -> bool:
    """True when one word is the other plus an inflection ending (s, es, d, ed, ing)."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in ("s", "es", "d", "ed", "ing"):
        return True
    return short.endswith("e") and long_.startswith(short[:-1]) and long_[len(short) - 1:] in ("ed", "ing")
