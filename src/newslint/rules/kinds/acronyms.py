"""acronym_mismatch: a name followed by its acronym in brackets, where one word of the name does not
fit the acronym: "Johannes Gutenberg College (JGU)", "World Wellness Organization (WHO)".

Article spinners swap the words of organisation names for synonyms (University -> College, Health
-> Wellness) and machine translation renders one word of a name by another, but the acronym after
the name stays as it was: it is the evidence of what the name was. Two cases:

- The acronym is a known organisation's (the dictionaries: WHO, IAEA): the name before it has as
  many words as one of the organisation's accepted names and differs from it in exactly one
  word, which begins with another letter. The finding suggests that name's word ("World
  Wellness Organization (WHO)" -> Health). A word with the same first letter is left alone: a
  spelling variant (Organisation), or another body with the same acronym (Egypt's National
  Democratic Party, NDP, is not Canada's New Democratic Party).
- The acronym is unknown: the initials of the name's words spell it except in one word, a common
  English word that holds the acronym's letter nowhere ("Johannes Gutenberg College (JGU)": a word
  beginning with U is meant). No suggestion: the word is not known. A term in lower case is read
  the same way from its last words ("a rise in gross home product (GDP)", "Overseas direct
  investment (FDI)"), the first word of a sentence allowed its capital.

Left alone, because real names do it: acronyms with lower-case letters (AfD, IoT) or of fewer
than three letters, names of companies (Co, Corp, Inc: tickers follow them), acronyms that take a
letter from inside a word (ASX: Australian Securities Exchange), a letter and its cognate in
another language (Swedish Export Credit, SEK: Kredit), a name longer than its acronym by more
than one place named after it ("Johannes Gutenberg College Mainz (JGU)" is read without Mainz),
and names in another language (a differing word that is no common English word: Empresa Nacional).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...dictionaries import ACCEPTED
from ...model import Match, Span
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind

_ACRONYM = re.compile(r"\(([A-Z][A-Z&]{2,9})\)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|&")
# words inside a name that an acronym skips
_SMALL = frozenset("of and for the to on de des du la le les el del di da das dos von van und für &".split())
# letters that stand for each other in the same word of two languages (Credit / Kredit, Phosphate / Fosfato)
_COGNATES = frozenset({("c", "k"), ("k", "c"), ("f", "p"), ("p", "f"), ("i", "y"), ("y", "i"), ("j", "y"), ("y", "j"),
                       ("j", "i"), ("i", "j"), ("v", "w"), ("w", "v"), ("s", "z"), ("z", "s")})
_POSSESSIVE = ("'s", "’s", "'", "’")
# what stands before the first word of a sentence: the start of the line, or a full stop and spaces
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’')]*[ \u00a0]+)\Z", re.MULTILINE)


def _words_before(text: str, at: int, reach: int) -> tuple[int, list[tuple[str, int]]]:
    """(where the look back starts, the words there as (word, offset)) for the bracket at `at`:
    at most `reach` characters back on the same line; no words unless one space comes before
    the bracket."""
    start = max(text.rfind("\n", 0, at) + 1, at - reach)
    if not text[start:at].endswith(" ") or text[start:at].endswith("  "):
        return start, []
    return start, [(w.group(0), w.start()) for w in _WORD.finditer(text, start, at - 1)]


class AcronymMismatch(RuleKind):
    """Flags the one word of a name that does not fit the acronym in brackets after it."""

    OPTIONS = {
        "common_word_zipf": Option("float", "an unknown acronym's differing word must be at least this frequent in English "
                                   "(Zipf scale): a rarer word is a name in another language", 3.5, minimum=0),
    }

    def prepare(self) -> None:
        from .names import CORPORATE

        self._corporate = CORPORATE

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if "(" not in text:
            return
        for m in _ACRONYM.finditer(text):
            found = self._judge(text, m)
            if found is not None:
                yield found

    def _name_before(self, text: str, at: int) -> list[tuple[str, int]]:
        """The capitalised name right before the bracket at `at`, as (word, offset): capitalised
        words joined by single spaces, small words inside; it starts after a possessive."""
        _, words = _words_before(text, at, 200)
        name: list[tuple[str, int]] = []
        for k in range(len(words) - 1, -1, -1):
            word, offset = words[k]
            end = offset + len(word)
            following = name[-1][1] if name else at
            if text[end:following] != " ":
                break  # punctuation or a line break between: the name ends there
            if word.endswith(_POSSESSIVE):
                break  # "France's Economic and Social Council": the name starts after it
            if word[:1].isupper() or (name and word.lower() in _SMALL):
                name.append((word, offset))
            else:
                break
        name.reverse()
        while name and name[0][0].lower() in _SMALL:
            name.pop(0)
        return name

    def _judge(self, text: str, m: re.Match[str]) -> Match | None:
        acronym = m.group(1)
        name = self._name_before(text, m.start())
        content = [(w, at) for w, at in name if w.lower() not in _SMALL]
        refs = [r for r in self.resources.names.lookup(acronym) if r.relation in ACCEPTED]
        if len(content) < 2:
            # no capitalised name: a term in lower case ("gross home product (GDP)")
            return None if refs or content else self._unknown(self._term_before(text, m.start()), acronym, term=True)
        if refs:
            return self._known(text, name, acronym, refs)
        if any(fold(w).rstrip(".") in self._corporate for w, _ in content):
            return None  # a company's name: a ticker follows it, not an acronym
        return self._unknown(name, acronym)

    def _term_before(self, text: str, at: int) -> list[tuple[str, int]]:
        """The lower-case words right before the bracket at `at` that an acronym may stand for
        ("gross domestic product", "weapons of mass destruction"): plain words joined by single
        spaces on the same line, as (word, offset); none when the words before are not all such."""
        start, words = _words_before(text, at, 120)
        term: list[tuple[str, int]] = []
        for k in range(len(words) - 1, -1, -1):
            word, offset = words[k]
            following = term[-1][1] if term else at
            if text[offset + len(word):following] != " " or not word.isalpha():
                break
            if not word.islower():
                if word[0].isupper() and word[1:].islower() and _SENTENCE_OPENING.search(text, start, offset):
                    term.append((word, offset))  # the first word of a sentence ("Foreign direct investment (FDI)")
                break
            term.append((word, offset))
        term.reverse()
        while term and term[0][0] in _SMALL:
            term.pop(0)
        return term

    def _known(self, text: str, name: list[tuple[str, int]], acronym: str, refs: list[Any]) -> Match | None:
        """A known organisation's acronym: one word of the name differs from one of its names."""
        index = self.resources.names
        written = [w for w, _ in name]
        best: tuple[int, str] | None = None
        for ref in refs:
            entry = index.entry(ref.entry)
            forms = [entry.canonical, *entry.variants, *((entry.full_name,) if entry.full_name else ())]
            for form in forms:
                words = form.split()
                if len(words) < 2 or len(words) > len(written):
                    continue
                tail = written[len(written) - len(words):]
                if [w.casefold() for w in tail] == [w.casefold() for w in words]:
                    return None  # the name as the dictionary writes it
                diff = [k for k, (a, b) in enumerate(zip(tail, words)) if a.casefold() != b.casefold()]
                # the differing word must begin with another letter: then the acronym itself shows
                # the swap (not "Organisation" for Organization, nor Egypt's National Democratic
                # Party (NDP) for Canada's New Democratic Party)
                first = len(written) - len(words)
                # (the last test: a word inserted, not replaced: "Chinese Language Communist Party")
                if (len(diff) == 1 and words[diff[0]].lower() not in _SMALL and tail[diff[0]].lower() not in _SMALL
                        and fold(tail[diff[0]])[:1] != fold(words[diff[0]])[:1]
                        and not (diff[0] == 0 and first > 0 and written[first - 1].casefold() == words[0].casefold())):
                    k = first + diff[0]
                    if best is not None and best[0] != k:
                        return None  # two names of the organisation disagree on which word is wrong
                    best = (k, words[diff[0]])
        if best is None:
            return None
        k, right = best
        word, at = name[k]
        return Match(Span(at, at + len(word)), (right,), safe=False,
                     message_vars=(("acronym", acronym), ("letter", right[0].upper()), ("suggestion", right)),
                     message="'{found}' does not fit the acronym {acronym}: its name has '{suggestion}' here "
                             "(a word replaced by a synonym or a translation)")

    def _unknown(self, name: list[tuple[str, int]], acronym: str, term: bool = False) -> Match | None:
        """An unknown acronym: the initials spell it except in one common English word. The name's
        last words stand for the acronym: as many as it has letters, one more when that is a place
        after them ("... College Mainz"); earlier words must be cut off by a small word ("Researchers
        of the | Tarvaston Marine University"). A lower-case `term`'s last words stand for it
        whatever comes before them ("a rise in | gross domestic product")."""
        letters = [c.lower() for c in acronym if c != "&"]
        n = len(letters)
        content = [k for k, (w, _) in enumerate(name) if w.lower() not in _SMALL]
        if term:
            content = content[-n:]
        elif len(content) > n:
            last = name[content[-1]][0]
            if len(content) > n and any(self.resources.names.entry(r.entry).kind == "place"
                                        for r in self.resources.names.lookup(last)):
                content = content[:-1]  # a place after the name ("Johannes Gutenberg College Mainz")
        if len(content) < n:
            return None
        if len(content) > n and content[-n] - content[-n - 1] == 1:
            return None  # the words before run into the name: a longer name than its acronym
        window = [name[k] for k in content[-n:]]
        initials = [w[0].lower() for w, _ in window]
        if initials == letters:
            return None
        diff = [k for k in range(n) if initials[k] != letters[k]]
        if len(diff) != 1:
            return None
        word, at = window[diff[0]]
        letter = letters[diff[0]]
        key = fold(word)
        if letter in key or (initials[diff[0]], letter) in _COGNATES:
            return None  # the letter from inside the word (ASX: Exchange), or a cognate (SEK: Kredit)
        if self.resources.lexicon.zipf(key) < self.options["common_word_zipf"]:
            return None  # no common English word: a name in another language
        return Match(Span(at, at + len(word)), (), safe=False,
                     message_vars=(("acronym", acronym), ("letter", letter.upper())))
