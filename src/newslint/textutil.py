"""Small text helpers shared by rule kinds: folding, tokens, quotes, case."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache, wraps

# A word: letters/digits, with inner apostrophes, hyphens or dots (U.S., al-Assad).
WORD = re.compile(r"[^\W_]+(?:['’\-\u2010\u2011][^\W_]+)*")

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def _remembered(function: Callable[[str], str]) -> Callable[[str], str]:
    """Remember a str -> str function's answers in a plain dictionary (strings only: the garbage
    collector never walks it, unlike the linked entries of functools.lru_cache), emptied when
    it reaches 200,000 entries."""
    memo: dict[str, str] = {}

    @wraps(function)
    def remembered(text: str) -> str:
        found = memo.get(text)
        if found is None:
            found = function(text)
            if len(memo) >= 200_000:
                memo.clear()
            memo[text] = found
        return found

    return remembered


@_remembered
def strip_accents(text: str) -> str:
    """Remove combining marks after NFKD (Erdoğan -> Erdogan); also ß, ø, ł and similar."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.translate(_EXTRA_FOLD)


_EXTRA_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "þ": "th"})


@_remembered
def fold(text: str) -> str:
    """Comparison key: NFKC, casefold, accents removed, apostrophes/dashes unified, spaces squeezed."""
    if text.isascii():  # most text: NFKC and accent stripping change nothing; casefold is lower
        return " ".join(text.replace("`", "'").lower().split())
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_DASHES)
    t = strip_accents(t).casefold()
    return " ".join(t.split())


def fold_phrase(text: str) -> str:
    """Like fold(), but hyphens and quotes become spaces and apostrophes go:
    'Tit-for-Tat' -> 'tit for tat', "arm's length" -> 'arms length'."""
    t = fold(text).replace("'", "")
    t = re.sub(r"[-\"“”«»]", " ", t)
    return " ".join(t.split())


def keep_case(found: str, replacement: str) -> str:
    """Give `replacement` the capitalisation pattern of `found` where that is safe.

    All-caps found -> all caps; first letter capitalised -> first letter capitalised;
    otherwise the replacement as written (it may carry its own proper-noun capitals).
    """
    if not found or not replacement:
        return replacement
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and any(c.islower() for c in replacement):
        if replacement[:1].isupper() and any(c.isupper() for c in replacement[1:]):
            return replacement  # proper noun with its own capitals
        return replacement.upper()
    if found[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
_QUOTE_MARK = re.compile("[“”«»„‹›\"‘’']")
# a single quote mark that may close a quote: after a non-space, before no letter or digit
# ("fine,' he said"; not the apostrophe of "it's", "we'll")
_SINGLE_CLOSER = re.compile(r"(?<=\S)['’](?![^\W_])")
# one that may open one: at the start or after a space, an opening bracket, dash or double
# quote, before a letter ("'We will'", "‘Never’"; not "'90s", not the "’" of "’tis")
_SINGLE_OPENER_BEFORE = frozenset(" \t\r\n\u00a0([{“\"«„‹—–-/")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges (inclusive of the marks) of direct quotes: straight and curly double quotes,
    guillemets, and single quotes (‘…’ and '…').

    Double quotes and guillemets pair up within a paragraph; an unclosed one runs to the
    paragraph end. A single quote opens only at the start of a word (after a space or an
    opening mark, before a letter) and only when a closing single mark (after a non-space,
    before no letter: not the apostrophe of "it's") follows in the same paragraph; otherwise
    it is an apostrophe ("'tis", "rock 'n roll" closes at "n'"). Inside an open quote only its
    closing mark counts (nested quotes are part of it).
    """
    ranges: list[tuple[int, int]] = []
    closers: dict[str, list[int]] | None = None  # where a single quote may close, per mark (found on first need)
    for para_start, para_end in paragraphs(text):
        open_at = -1
        closer = ""
        skip_to = para_start
        for m in _QUOTE_MARK.finditer(text, para_start, para_end):  # only the marks matter
            c, i = m.group(), m.start()
            if i < skip_to:
                continue  # inside a single-quoted stretch already recorded
            if open_at < 0:
                if c in _QUOTE_PAIRS:
                    open_at, closer = i, _QUOTE_PAIRS[c]
                elif c == '"':
                    open_at, closer = i, '"'
                elif c != "’" and _opens_single(text, i, para_start):
                    if closers is None:
                        closers = {"'": [], "’": []}
                        for found in _SINGLE_CLOSER.finditer(text):
                            closers[found.group()].append(found.start())
                    of_mark = closers["’" if c == "‘" else "'"]
                    k = bisect_right(of_mark, i)
                    if k < len(of_mark) and of_mark[k] < para_end:
                        ranges.append((i, of_mark[k] + 1))
                        skip_to = of_mark[k] + 1
            elif c == closer:
                ranges.append((open_at, i + 1))
                open_at = -1
        if open_at >= 0:
            ranges.append((open_at, para_end))
    return ranges


def _opens_single(text: str, i: int, para_start: int) -> bool:
    """Whether the single quote mark at `i` can open a quote (see quoted_ranges)."""
    if i + 1 >= len(text) or not text[i + 1].isalpha():
        return False
    return i == para_start or text[i - 1] in _SINGLE_OPENER_BEFORE


# a character reference as the HTML reader decodes it (sources/html.py)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def document_quote_ranges(text: str, lint_text: str) -> list[tuple[int, int]]:
    """Direct quotes of a document, found in its lint text with character references decoded
    (`&ldquo;…&rdquo;`, `&#8220;`, `&#x201C;`, `&quot;`, `&lsquo;`, `&#39;` are quotes as “…”
    are), as ranges of the ORIGINAL text: a quote written with references covers them whole.

    The readers decode a reference to its character followed by spaces to its length; those
    spaces are dropped before quotes are looked for (so "&lsquo;We" opens a quote as "‘We"
    does), and the offsets found are mapped back."""
    if "&" not in text or text == lint_text:
        return quoted_ranges(lint_text)
    pieces: list[str] = []
    cuts: list[int] = []  # compact index of the first character after each dropped padding
    removed: list[int] = [0]  # characters dropped before cuts[k] (cumulative)
    pos = 0
    compact_len = 0
    for m in _ENTITY.finditer(text):
        start, end = m.start(), m.end()
        if end - start < 2 or lint_text[start] == "&" or lint_text[start + 1:end].strip(" "):
            continue  # left as text by the reader (unknown reference, or not in visible text)
        pieces.append(lint_text[pos:start + 1])
        compact_len += start + 1 - pos
        cuts.append(compact_len)
        removed.append(removed[-1] + end - start - 1)
        pos = end
    if not cuts:
        return quoted_ranges(lint_text)
    pieces.append(lint_text[pos:])
    compact = "".join(pieces)

    def original(c: int) -> int:
        return c + removed[bisect_right(cuts, c)]

    return [(original(s), original(e)) for s, e in quoted_ranges(compact)]


_PARA_BREAK = re.compile(r"\n[ \t]*\n|\r\n[ \t]*\r\n")


@lru_cache(maxsize=2)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph: blocks separated by blank lines, or single lines when
    the text has no blank lines at all (one paragraph per line, as scraped copy often is).
    Remembered for the current document's text and lint text only (several rules ask for
    them; a larger cache would keep old documents alive)."""
    if _PARA_BREAK.search(text):
        breaks = _PARA_BREAK
    else:
        breaks = re.compile(r"\r\n|\n|\r")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in breaks.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return tuple(out)


class RangeSet:
    """Sorted, non-overlapping ranges with a fast 'is this span inside one' test."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [r[0] for r in self._ranges]

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any range."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ranges[i][1] > start:
            return True
        j = i + 1
        return j < len(self._ranges) and self._ranges[j][0] < end

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that overlap [start, end), in order (found by bisection, not a scan)."""
        i = max(0, bisect_right(self._starts, start) - 1)
        out: list[tuple[int, int]] = []
        while i < len(self._ranges) and self._ranges[i][0] < end:
            if self._ranges[i][1] > start:
                out.append(self._ranges[i])
            i += 1
        return out

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._ranges)
