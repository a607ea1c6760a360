"""mojibake: UTF-8 text decoded as Latin-1 / Windows-1252 ("Ã©" for é, "â€™" for ’), fixed with ftfy."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


from ...model import Match, Span
from ..spec import Option
from .base import CheckContext, RuleKind

# A UTF-8 lead byte read as Latin-1 (Â..ô) followed by a continuation byte read as Latin-1 or
# Windows-1252 (0x80-0xBF): the fingerprint of mojibake. Real text almost never has this pair.
_CONTINUATION = (
    "\u0080-\u00bf"  # Latin-1 0x80-0xBF
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"  # Œœ Šš Ÿ Žž ƒ ˆ ˜
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"  # –—‘’‚“”„†‡•…‰‹›€™
)
_FINGERPRINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# Tokens: runs of anything but ordinary white space (a no-break space may be part of the damage).
_TOKEN = re.compile(r"[^ \t\r\n]+")
_LATIN1 = re.compile("[\u0080-\u00ff]")
_NO_REPAIR = "'{found}' looks like encoding damage (mojibake); ftfy finds no sure repair"
# --- pieces of mojibake whose last byte was lost ("governmentâ€ added") --------------------
# "â€" (bytes E2 80) not followed by its third byte: the byte was one that Windows-1252 leaves
# undefined and a decoder dropped. Of those (81, 8D, 8F, 90, 9D) only 9D, a closing quotation
# mark ”, is a character news copy has: the likely repair.
_LOST_THIRD = re.compile(f"â€(?![{_CONTINUATION}])")
# "Â" before a space: bytes C2 A0 (a no-break space) whose second byte became a plain space;
# "Ã" between a lower-case letter and a space: C3 A0 (à) the same way ("voilÃ ", "Ã  la").
_LOST_NBSP = re.compile(r"(?:(?<![^\W\d_])|(?<=[^\W\d_]))([ÂÃ])(?=[ \t])")
_REPLACEMENT_IN_WORD = re.compile(r"[^\W\d_]*\ufffd[\ufffd\w]*|\w+\ufffd")
# a replacement character between a word and a contraction ending: an apostrophe was lost
_LOST_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\ufffd(?=(?:s|t|ll|re|ve|d|m)\b)")
_PIECE = "'{found}' is a piece of mojibake whose last byte was lost; the character was most likely '{suggestion}'"
_NBSP_PIECE = "'{found}' is left from a no-break space decoded as Windows-1252 (its second byte became a space); delete it"
_REPLACEMENT = "'{found}' holds a replacement character (U+FFFD): a character was lost in decoding; write '{suggestion}'"
_REPLACEMENT_UNSURE = "'{found}' holds a replacement character (U+FFFD): a character was lost in decoding and cannot be told"
_SAFE_STEPS = {("encode", "latin-1"), ("encode", "sloppy-windows-1252"), ("encode", "windows-1252"),
               ("decode", "utf-8")}


def _reverse_plan_roundtrips(original: str, fixed: str, plan: list[tuple[str, str]]) -> bool:
    """True when undoing ftfy's encode/decode plan on `fixed` gives back `original` exactly."""
    if not plan or any(tuple(step) not in _SAFE_STEPS for step in plan):
        return False
    text: str | bytes = fixed
    try:
        for action, codec in reversed(plan):
            if action == "decode":
                assert isinstance(text, str)
                text = text.encode(codec)
            else:
                assert isinstance(text, bytes)
                text = text.decode(codec)
    except (UnicodeError, AssertionError, LookupError):
        return False
    return text == original


def _plausible(text: str) -> bool:
    """The repaired text has no replacement or control characters and is not still bad."""
    from ftfy.badness import is_bad

    if "\ufffd" in text or is_bad(text):
        return False
    return not any(unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r" for c in text)


def _latin_or_common(text: str) -> bool:
    """Every non-ASCII letter is a Latin letter (a strict re-decoding must not invent Cyrillic)."""
    for c in text:
        if ord(c) > 127 and c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def _strict_redecode(token: str) -> str | None:
    """Windows-1252 bytes of the token read as UTF-8, when that is valid and changes something."""
    for codec in ("sloppy-windows-1252", "latin-1"):
        try:
            out = token.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if out != token:
            return out
    return None


def _word_around(text: str, at: int) -> str:
    """The run of non-space characters around position `at`."""
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = at
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _narrow(token: str, fixed: str) -> tuple[int, int, str]:
    """Strip the common prefix and suffix: (start, end) in `token` and the replacement."""
    p = 0
    while p < min(len(token), len(fixed)) and token[p] == fixed[p]:
        p += 1
    s = 0
    while s < min(len(token), len(fixed)) - p and token[-1 - s] == fixed[-1 - s]:
        s += 1
    return p, len(token) - s, fixed[p:len(fixed) - s]


class Mojibake(RuleKind):
    """Flags encoding damage; the ftfy repair is a safe fix only when it provably undoes the damage."""

    CASE_FINAL = True  # the repaired characters as they were meant

    OPTIONS = {
        "max_token_length": Option("int", "longest run of non-space characters examined", 200, minimum=8),
        "pieces": Option("bool", "also flag mojibake whose last byte was lost ('governmentâ€ added', 'voilÃ ') "
                         "and replacement characters (U+FFFD) inside words", True),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if text.isascii():
            return
        whole = list(self._whole(ctx))
        yield from whole
        if self.options["pieces"]:
            taken = [(m.span.start, m.span.end) for m in whole]
            for m in self._pieces(text):
                if not any(s < m.span.end and m.span.start < e for s, e in taken):
                    yield m

    @staticmethod
    def _pieces(text: str) -> Iterator[Match]:
        """Mojibake with a lost byte, and replacement characters inside words."""
        if "â€" in text:
            for m in _LOST_THIRD.finditer(text):
                yield Match(Span(m.start(), m.end()), ("”",), safe=False, message=_PIECE)
        if "Â" in text or "Ã" in text:
            for m in _LOST_NBSP.finditer(text):
                word = _word_around(text, m.start())
                letters = [c for c in word if c.isalpha()]
                if len(letters) > 1 and all(c.isupper() for c in letters):
                    continue  # an all-capital Portuguese word (IRMÃ, MÃE)
                if m.group(1) == "Ã" and not (m.start() > 0 and text[m.start() - 1].islower()) \
                        and not text.startswith("Ã  ", m.start()):
                    continue  # "Ã" + space is à only after a lower-case letter or before a second space
                repair = "" if m.group(1) == "Â" else "à"
                end = m.end() + 1 if repair == "à" and text.startswith("Ã  ", m.start()) else m.end()
                yield Match(Span(m.start(), end), (repair,), safe=False, message=_PIECE if repair else _NBSP_PIECE)
        if "\ufffd" in text:
            for m in _REPLACEMENT_IN_WORD.finditer(text):
                token = m.group()
                if not any(c.isalpha() for c in token):
                    continue
                lost = _LOST_APOSTROPHE.search(token)
                if lost is not None:
                    at = m.start() + lost.start()
                    yield Match(Span(at, at + 1), ("’",), safe=False, message=_REPLACEMENT)
                else:
                    yield Match(Span(m.start(), m.end()), (), message=_REPLACEMENT_UNSURE)

    def _whole(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        for m in _TOKEN.finditer(text):
            token = m.group()
            if token.isascii() or len(token) > self.options["max_token_length"]:
                continue
            if not _LATIN1.search(token):
                continue  # mojibake of UTF-8 always shows Latin-1 letters (Ã, â, Ä...): curly quotes alone are fine
            from ftfy.badness import is_bad  # imported on first need: ftfy is slow to import

            if not (_FINGERPRINT.search(token) or is_bad(token)):
                continue
            found = self._repair(token)
            if found is None:
                continue
            fixed, safe = found
            if fixed is None:
                yield Match(Span(m.start(), m.end()), (), message=_NO_REPAIR)
                continue
            start, end, replacement = _narrow(token, fixed)
            if start >= end:
                continue
            yield Match(Span(m.start() + start, m.start() + end), (replacement,), safe=safe)

    @staticmethod
    def _repair(token: str) -> tuple[str | None, bool] | None:
        """(repaired token or None, safe) for a damaged token; None when it is not damaged."""
        import ftfy

        fixed, plan = ftfy.fix_encoding_and_explain(token)
        if fixed != token:
            steps = [(str(a), str(b)) for a, b in (plan or [])]
            if _plausible(fixed) and _reverse_plan_roundtrips(token, fixed, steps):
                return fixed, True
            return (fixed if _plausible(fixed) else None), False
        # ftfy is cautious with short or mixed tokens ("ErdoÄŸan"); a strict re-decoding that is
        # valid UTF-8 and yields only Latin letters is the same repair, proven by its roundtrip.
        if not _FINGERPRINT.search(token):
            return None
        redecoded = _strict_redecode(token)
        if redecoded is None or not _plausible(redecoded) or not _latin_or_common(redecoded):
            return None
        return redecoded, True
