"""Homoglyphs and invisible characters: letters of another script inside a word ("Рutin" with a
Cyrillic Р), and zero-width or bidirectional control characters inside words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...model import Match, Span
from ..spec import Option
from .base import CheckContext, RuleKind

# Cyrillic and Greek letters that look like a Latin letter (after Unicode's confusables.txt,
# restricted to pairs that are indistinguishable in common news fonts).
CYRILLIC_TO_LATIN = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "I", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ѵ": "v",
}
GREEK_TO_LATIN = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ρ": "p", "κ": "k",
    "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
}
TO_LATIN = {**CYRILLIC_TO_LATIN, **GREEK_TO_LATIN}
# The reverse direction, for a Cyrillic or Greek word with a stray Latin letter.
LATIN_TO = {
    "CYRILLIC": {v: k for k, v in CYRILLIC_TO_LATIN.items() if k not in "ӀӏҮүѵ"},
    "GREEK": {v: k for k, v in GREEK_TO_LATIN.items() if k not in "ϲϳυ"},
}

_HALF_TRANSLITERATED = "'{found}' is written partly in {script} letters: a word left half transliterated; spell it in one script"
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def script_of(char: str) -> str:
    """LATIN, CYRILLIC, GREEK, ... (first word of the Unicode name), or '' for non-letters."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


class MixedScript(RuleKind):
    """Flags a word that mixes Latin with Cyrillic or Greek lookalike letters; the fix spells the
    whole word in its majority script (safe: only lookalikes are swapped)."""

    CASE_FINAL = True  # the same word in one script

    OPTIONS = {
        "scripts": Option("str_list", "scripts whose lookalikes are checked against Latin", ["CYRILLIC", "GREEK"]),
        "min_untransliterated": Option("int", "fewest letters of the minority script, not all lookalikes, that make a word "
                                       "half transliterated ('Macrон'); fewer are symbols ('μg')", 2, minimum=1),
    }

    def prepare(self) -> None:
        self._scripts = frozenset(s.upper() for s in self.options["scripts"])

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if text.isascii():
            return
        for m in _WORD.finditer(text):
            word = m.group()
            if word.isascii():
                continue
            scripts = [script_of(c) for c in word]
            latin = sum(1 for s in scripts if s == "LATIN")
            others = {s for s in scripts if s and s != "LATIN"}
            if not latin or len(others) != 1:
                continue
            other = next(iter(others))
            if other not in self._scripts:
                continue
            n_other = sum(1 for s in scripts if s == other)
            if latin >= n_other:
                table, target = TO_LATIN, "LATIN"
                strays = [c for c, s in zip(word, scripts) if s == other]
            else:
                table, target = LATIN_TO[other], other
                strays = [c for c, s in zip(word, scripts) if s == "LATIN"]
            if not all(c in table for c in strays):
                # not a lookalike: one letter is a symbol ("μg"); several are a word left half
                # transliterated ("Macrон"), which no fix can guess
                # (capital Greek letters before Latin ones are notation: "ΔΔCt")
                if (len(strays) >= self.options["min_untransliterated"] and min(latin, n_other) >= 2
                        and any(c.islower() for c in strays)):
                    yield Match(Span(m.start(), m.end()), (), message=_HALF_TRANSLITERATED,
                                message_vars=(("script", other.title()),))
                continue
            fixed = "".join(table.get(c, c) if s != target and s else c for c, s in zip(word, scripts))
            names = ", ".join(f"{c} ({unicodedata.name(c, '?').title()})" for c in dict.fromkeys(strays))
            yield Match(
                Span(m.start(), m.end()), (fixed,), safe=True,
                message_vars=(("letters", names), ("script", target.title())),
            )


# Zero-width characters and bidirectional controls: invisible, and inside a word they break
# search, spell checking and name matching.
INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER", "\ufeff": "ZERO WIDTH NO-BREAK SPACE", "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK", "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE", "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
_INVISIBLE_RUN = re.compile("[" + "".join(INVISIBLE) + "]+")
_JOINERS = frozenset("\u200c\u200d")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c) == "Mn"


class InvisibleCharacter(RuleKind):
    """Flags zero-width and bidi control characters inside (or at the edge of) a word; the safe fix
    deletes them. Joiners between letters of scripts that need them (Persian, Indic) and inside
    emoji sequences are left alone."""

    CASE_FINAL = True  # the text without the character

    OPTIONS = {
        "inside_words_only": Option("bool", "only characters touching a letter or digit", True),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if text.isascii():
            return
        for m in _INVISIBLE_RUN.finditer(text):
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            touches = (before and _is_word_char(before)) or (after and _is_word_char(after))
            if self.options["inside_words_only"] and not touches:
                continue
            if m.start() == 0 and m.group() == "\ufeff":
                continue  # a byte-order mark at the start of a file
            run = m.group()
            if set(run) <= _JOINERS:
                if not before or not after:
                    continue
                scripts = {script_of(before), script_of(after)}
                if not before.isalpha() or not after.isalpha() or scripts - {"LATIN"}:
                    continue  # joiners are meaningful in Arabic, Persian, Indic scripts and emoji
            names = ", ".join(f"U+{ord(c):04X} {INVISIBLE[c]}" for c in dict.fromkeys(run))
            yield Match(Span(m.start(), m.end()), ("",), safe=True, message_vars=(("chars", names), ("suggestion", "(delete)")))
