"""Words and sentences of a text, with their character offsets; which words may be checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# a sentence ends at . ! ? (and closing quotes/brackets) followed by space, or at a blank line
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n")

# function words: never the target of a synonym swap (a preposition/article swap is a separate
# recipe and those words are scored, but not offered as thesaurus targets)
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet if then than that this these those there here it its it's he she they we you i
me him her them us my your his their our who whom whose which what when where why how not no
of in on at to for from by with about into onto over under after before between through during without within
is are was were be been being am has have had do does did will would shall should can could may might must
as also just only very too up down out off again such own same other any each every all both some few more most
""".split())


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: its span, text and whether it may be checked."""

    start: int
    end: int
    text: str
    sentence: int  # index of its sentence
    checkable: bool  # lower-case (or sentence-initial), alphabetic, not part of a name

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (a rough split: enough to bound the context of a word)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_words(text: str) -> list[Word]:
    """The words of `text` in order. A capitalised word inside a sentence is a name (not
    checkable); so is a word in an all-capital stretch."""
    words: list[Word] = []
    for n, (s, e) in enumerate(sentence_spans(text)):
        first = True
        for m in _WORD.finditer(text, s, e):
            w = m.group()
            initial = first or text[max(s, m.start() - 2):m.start()].strip() in ('"', "“", "‘", "'", "(", "-", "—", ":")
            first = False
            lower_ok = w.islower() or (initial and w[:1].isupper() and w[1:].islower())
            checkable = lower_ok and len(w) >= 2 and not w.isupper()
            words.append(Word(m.start(), m.end(), w, n, checkable))
    return words
