"""Small text helpers shared by rule kinds: folding, tokens, quotes, case."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
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


def fold_keep_accents(text: str) -> str:
    """Like fold(), but accents kept: 'según el' (according to the) is not 'según él' (according to him)."""
    t = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_DASHES).casefold()
    return " ".join(t.split())


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


# words a headline in Title Case leaves in lower case (Chicago, AP): articles, short conjunctions
# and prepositions
SMALL_WORDS = frozenset("a an the and but or nor for so yet of on in at to by as up via per off out "
                        "from with into onto over than vs v".split())
_SPACE_SPLIT = re.compile(r"(\s+)")


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _pattern(word: str) -> str:
    """Case pattern of a written word: upper ("TAT"), parts ("Sit-In": each hyphen part
    capitalised), capitalised ("Prime", "Sit-in"), lower, or mixed ("McDonald", "The-for-TAT")."""
    letters = _letters(word)
    if not letters:
        return "none"
    if letters.islower():
        return "lower"
    if len(letters) >= 2 and letters.isupper():
        return "upper" if len(letters) > 3 else "acronym"  # UK, FSB: their expansion is written as the rule writes it
    if letters[0].isupper() and (len(letters) == 1 or letters[1:].islower()):
        return "capitalised"
    parts = [_letters(p) for p in word.split("-")]
    if len(parts) > 1 and all(p[:1].isupper() and (len(p) < 2 or p[1:].islower()) for p in parts if p):
        return "parts"
    return "mixed"


def _capitalise(word: str) -> str:
    """The first letter in upper case (after any leading punctuation)."""
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1:]
    return word


def _as(pattern: str, word: str) -> str:
    """`word` (written in lower case by the rule) given a found word's case pattern; a word the
    rule wrote with capitals (a name, an acronym, "Oval Office") keeps them, except in capitals."""
    if pattern == "upper":
        return word.upper()
    if any(c.isupper() for c in word):
        return word
    if pattern == "capitalised":
        return _capitalise(word)
    if pattern == "parts":
        return "-".join(_capitalise(p) for p in word.split("-"))
    return word


def _block_pattern(words: list[str]) -> str:
    """One pattern for several found words replaced by a different number of words: upper,
    every (every word, small ones too), capitalised (every word, none of them small), headline
    (every word but the small ones), sentence (the first only), lower or mixed."""
    patterns = [_pattern(w) for w in words if _letters(w)]
    if not patterns:
        return "mixed"
    if all(p == "upper" for p in patterns):
        return "upper"
    if all(p in ("capitalised", "parts") for p in patterns):
        # every word, small ones too ("Stay With Folded Arms"): every word and part of the fix
        return "every" if any(w.lower() in SMALL_WORDS for w in words) else "capitalised"
    if all(p == "lower" for p in patterns):
        return "lower"
    big = [p for w, p in zip(words, patterns) if w.lower() not in SMALL_WORDS]
    if big and all(p in ("capitalised", "parts") for p in big) and all(
            p == "lower" for w, p in zip(words, patterns) if w.lower() in SMALL_WORDS):
        return "headline"
    if patterns[0] == "capitalised" and all(p == "lower" for p in patterns[1:]):
        return "sentence"
    return "mixed"


def _headline(word: str, first: bool) -> str:
    """A word of a Title Case headline: capitalised unless a small word inside the line; in a
    hyphenated word each part likewise ("tit-for-tat" -> "Tit-for-Tat")."""
    if any(c.isupper() for c in word):
        return word
    parts = word.split("-")
    return "-".join(p if p.lower() in SMALL_WORDS and (k or not first) else _capitalise(p) for k, p in enumerate(parts))


def _camel(word: str) -> bool:
    """'iPhone', 'eBay': a lower-case start on purpose."""
    head = (word.split() or [""])[0].split("-")[0]
    return any(c.isupper() for c in head[1:]) and head[:1].islower()


@lru_cache(maxsize=4096)
def match_case(found: str, replacement: str, line_style: str = "", sentence_start: bool = False) -> str:
    """`replacement` written in the case pattern of `found`, as codespell's fix_case does, word
    by word.

    - `found` in capitals (two letters or more; one word of three letters or fewer only when
      `line_style` is "upper": otherwise it is an acronym) or an ALL CAPS line: in capitals.
    - A replacement the rule or dictionary wrote with capitals (a name, an acronym, a title,
      "Oval Office", "Bashar al-Assad") keeps its own case.
    - Otherwise the words are aligned (difflib, ignoring case): a word both have is written as
      `found` writes it; a replaced word takes the pattern of the word it replaces
      ("Prime Priest" -> "Prime Minister", "Sit-In" -> "Sit-Down"), or, when the numbers of words
      differ, the pattern the replaced words share (every word capitalised, a headline's Title
      Case with small words in lower case, only the first capitalised); an added word is
      written as the rule wrote it (in a Title Case line, in Title Case).
    - At the start of a sentence (or of a Title Case line) a capitalised `found` gives a
      capitalised replacement ("former President ..." -> "Former President ...").

    `line_style` is "upper" (the line is in capitals), "title" (a headline in Title Case) or "".
    """
    if not replacement or not _letters(replacement) or not _letters(found):
        return replacement
    found_letters = _letters(found)
    if line_style == "upper" or (len(found_letters) >= 2 and found_letters.isupper()
                                 and (len(found_letters) > 3 or len(found.split()) > 1)):
        return replacement.upper()
    if any(c.isupper() for c in replacement):  # written with capitals: a name, an acronym, a title
        if found[:1].isupper() and (sentence_start or line_style == "title") and not _camel(replacement.lstrip()):
            return _capitalise(replacement)
        return replacement
    found_words = found.split()
    pieces = _SPACE_SPLIT.split(replacement.strip())
    words = pieces[0::2]
    from difflib import SequenceMatcher

    out: list[str] = list(words)
    matcher = SequenceMatcher(None, [w.casefold() for w in found_words], [w.casefold() for w in words], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for fi, wj in zip(range(i1, i2), range(j1, j2)):
                out[wj] = found_words[fi]  # the writer's case of a word the fix keeps
        elif op == "replace" and i2 - i1 == j2 - j1:
            for fi, wj in zip(range(i1, i2), range(j1, j2)):
                out[wj] = _as(_pattern(found_words[fi]), words[wj])
        elif op == "replace":
            pattern = _block_pattern(found_words[i1:i2])
            for k, wj in enumerate(range(j1, j2)):
                if pattern == "every":
                    out[wj] = _as("parts", words[wj])
                elif pattern == "capitalised" and line_style != "title":
                    out[wj] = _as("capitalised", words[wj])
                elif pattern in ("headline", "capitalised"):
                    out[wj] = _headline(words[wj], wj == 0)
                elif pattern == "sentence" and k == 0:
                    out[wj] = _as("capitalised", words[wj])
        elif op == "insert" and line_style == "title":
            for wj in range(j1, j2):
                out[wj] = _headline(words[wj], wj == 0)
    if out and found[:1].isupper() and (sentence_start or line_style == "title") and not _camel(out[0]):
        out[0] = _capitalise(out[0])
    pieces[0::2] = out
    lead = replacement[:len(replacement) - len(replacement.lstrip())]
    trail = replacement[len(replacement.rstrip()):]
    return lead + "".join(pieces) + trail


_SENTENCE_END = frozenset(".!?\n\r")
_OPENERS = frozenset(" \t\u00a0\"“‘'(«[")


def starts_sentence(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence: only spaces, opening quotes or brackets since the start
    of the text, a line break or a full stop, question or exclamation mark (at most 40 back)."""
    j = pos - 1
    stop = max(-1, pos - 41)
    while j > stop and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


MAX_HEADLINE = 300  # a longer line is no headline


def line_style(text: str, start: int, end: int) -> str:
    """"upper" when the line holding [start, end) is in capitals, "title" when it is a headline
    in Title Case (three words or more, every word but the small ones capitalised, no full stop
    inside), else "" (also for lines longer than MAX_HEADLINE: looked at only that far)."""
    lo = text.rfind("\n", max(0, start - MAX_HEADLINE), start) + 1
    if lo == 0 and start > MAX_HEADLINE:
        return ""
    hi = text.find("\n", end, end + MAX_HEADLINE)
    if hi < 0:
        if len(text) - end > MAX_HEADLINE:
            return ""
        hi = len(text)
    line = text[lo:hi].strip()
    letters = _letters(line)
    if len(letters) < 4:
        return ""
    if letters.isupper():
        return "upper" if len(line.split()) >= 2 else ""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", line)]
    if len(words) < 3 or re.search(r"[.!?;]\s", line):
        return ""
    for k, w in enumerate(words):
        if w.lower() in SMALL_WORDS and k:
            continue
        if not w[0].isupper():
            return ""
    return "title"


_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
_SINGLE_OPENER_BEFORE = frozenset(" \t\r\n\u00a0([{“\"«„‹—–-/")
# the marks quoted_ranges acts on: double marks and guillemets, and a single mark that may open a
# quote by what stands before it (at the start, or after a character of _SINGLE_OPENER_BEFORE: a
# paragraph starts after a line break). Apostrophes inside words ("it's") and "’" (it never opens,
# and single quotes close by a search of their own) are not looked at one by one.
# (the expression opens with the set of marks, which the engine searches for fast; an alternation
# opening with a look-behind would be tried at every position, 10 times slower)
_ACTIVE_QUOTE_MARK = re.compile("[“”«»„‹›\"'‘](?:(?<=[“”«»„‹›\"])|(?<=[ \t\r\n\u00a0(\\[{“\"«„‹—–\\-/]['‘])|(?<=\\A['‘]))")
# a single quote mark that may close a quote: after a non-space, before no letter or digit
# ("fine,' he said"; not the apostrophe of "it's", "we'll")
_SINGLE_CLOSER = re.compile(r"['’](?<=\S['’])(?![^\W_])")  # (led by the marks: found fast)
# one that may open one: at the start or after a space, an opening bracket, dash or double
# quote, before a letter ("'We will'", "‘Never’"; not "'90s", not the "’" of "’tis"): _SINGLE_OPENER_BEFORE


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
        for m in _ACTIVE_QUOTE_MARK.finditer(text, para_start, para_end):  # only the marks that can act
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

    @classmethod
    def merged(cls, ranges: Iterable[tuple[int, int]]) -> "RangeSet":
        """A set of ranges that may overlap (names found inside names), joined where they do:
        what `contains` answers is unchanged, and each test is a bisection, not a scan."""
        joined: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if end <= start:
                continue  # an empty range holds nothing
            if joined and start < joined[-1][1]:
                if end > joined[-1][1]:
                    joined[-1] = (joined[-1][0], end)
            else:
                joined.append((start, end))
        return cls(joined)

    def covers(self, pos: int) -> bool:
        """True when a range holds the position `pos`."""
        return self.contains(pos, pos + 1)

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
