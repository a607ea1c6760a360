"""presiding_officer: "the president of" a body whose presiding officer English styles otherwise.

Machine translation renders Spanish "presidenta del Congreso", Portuguese "presidente da Câmara"
or "presidente de la Reserva Federal" word for word: "the president of the Chamber" for the
Speaker of Spain's Congress of Deputies, "the president of the Federal Reserve" for its chair.
The rule's `bodies` option holds, per legislature or institution, its names
(specific: "Congress of Deputies", "State Duma"), its short references (shared: "Chamber",
"Congress", "lower house", "House"), its country and the English style of its presiding officer
("Speaker", "chair"; "President" where that is right, so that a shared short reference stays
ambiguous). A short reference is resolved only with evidence in the article: the body named in
full elsewhere (then the finding has the rule's severity), else the body's country named (then
info); all the bodies left must agree on the style. "Vice president of", "president of the House
Judiciary Committee", "president of the Federal Reserve Bank of New York" and "president of the
Chamber of Commerce" are left alone (a word of a longer name follows). In a headline in Title
Case, where every word is capitalised, the name ends at a small word, at punctuation or the end of
the line, or at a headline verb ("Says", "Resigns", "Elected", "Meeting"): "President Of The State
Duma Resigns" is flagged, "President Of The House Judiciary Committee" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...model import Match, Severity, Span
from ..spec import Option, RuleSpec
from ...textutil import SMALL_WORDS, line_style
from .base import CheckContext, RuleKind

BODY_KEYS = {"body", "country", "names", "short", "style"}


@dataclass(frozen=True)
class Body:
    """A legislature or institution and the English style of its presiding officer."""

    body: str
    country: str
    names: tuple[str, ...]
    short: tuple[str, ...]
    style: str


def _bodies(raw: Any) -> list[Body]:
    """Validated bodies from the option (ValueError naming the entry and key)."""
    if not isinstance(raw, list):
        raise ValueError("option 'bodies' must be a list of mappings")
    out = []
    for i, item in enumerate(raw):
        where = f"option 'bodies' entry {i + 1}"
        if not isinstance(item, dict):
            raise ValueError(f"{where} must be a mapping")
        unknown = sorted(set(item) - BODY_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key '{unknown[0]}' (keys: {', '.join(sorted(BODY_KEYS))})")
        for key in ("body", "country", "style"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise ValueError(f"{where}: key '{key}' must be a non-empty string")
        for key in ("names", "short"):
            value = item.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ValueError(f"{where}: key '{key}' must be a list of strings")
        if not item.get("names") and not item.get("short"):
            raise ValueError(f"{where}: give 'names' or 'short'")
        out.append(Body(item["body"], item["country"].upper(), tuple(item.get("names", [])),
                        tuple(item.get("short", [])), item["style"]))
    return out


# a word that continues the body's name: "House Judiciary Committee", "Federal Reserve Bank of
# New York", "Chamber of Commerce" (a capitalised word after a comma is an apposition: not this)
_LONGER_NAME = re.compile(r"['’]?\s*(?:of|for|and|Bank|[A-Z][a-z]+)\b")
# the next word in a Title Case headline, for the same test
_NEXT_HEADLINE_WORD = re.compile(r"['’]?[ \u00a0]+([^\W\d_][\w'’\-]*)")
_VICE = re.compile(r"(?:vice|deputy|co)[\s-]*$", re.IGNORECASE)


class PresidingOfficer(RuleKind):
    """Flags 'president of' a body whose presiding officer is styled Speaker, chair ... in English."""

    OPTIONS = {
        "bodies": Option("any", "legislatures and institutions: body (its English name), country (ISO code), names "
                         "(specific), short (shared references), style (the English title of its presiding officer)", []),
        "titles": Option("str_list", "the written titles judged (the word-for-word rendering)", ["president"]),
    }

    @classmethod
    def validate(cls, spec: RuleSpec) -> None:
        _bodies(spec.options["bodies"])

    def prepare(self) -> None:
        self._bodies = _bodies(self.options["bodies"])
        self._by_name: dict[str, list[Body]] = {}
        self._by_short: dict[str, list[Body]] = {}
        for b in self._bodies:
            for n in b.names:
                self._by_name.setdefault(n.casefold(), []).append(b)
            for n in b.short:
                self._by_short.setdefault(n.casefold(), []).append(b)
        refs = sorted({*self._by_name, *self._by_short}, key=len, reverse=True)
        titles = "|".join(re.escape(t) for t in self.options["titles"])
        self._pattern = re.compile(
            rf"\b(?P<title>{titles})\s+of\s+(?:the\s+)?(?P<ref>{'|'.join(re.escape(r) for r in refs)})(?!\w)(?![.-]\w)",
            re.IGNORECASE) if refs and titles else None
        self._countries: dict[str, re.Pattern[str]] | None = None
        # a document none of whose letter runs is a title's first word is not scanned
        self._title_starts = frozenset(re.split(r"[^\w]+", t.casefold())[0] for t in self.options["titles"])
        self._lower_titles = tuple({t.lower() for t in self.options["titles"] if t})
        self._ascii_titles = all(t.isascii() for t in self.options["titles"])

    def _country_patterns(self) -> dict[str, re.Pattern[str]]:
        """Country code -> its names and nationality words (the curated dictionaries' countries)."""
        if self._countries is None:
            words: dict[str, set[str]] = {}
            for e in self.resources.curated_names.dictionary.entries:
                if e.kind == "place" and e.type == "country" and e.country:
                    words.setdefault(e.country.upper(), set()).update({e.canonical, *e.variants, *e.demonyms()})
            self._countries = {code: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
                                                + r")\b") for code, ws in words.items() if ws}
        return self._countries

    def _matches(self, ctx: CheckContext) -> Iterator[re.Match[str]]:
        """The pattern's matches, as finditer gives them; in ASCII text tried only where the
        lower-cased text holds a title (found with str.find: the pattern starts with a word
        boundary and ignores case, so the regex engine would try it at every character)."""
        assert self._pattern is not None
        text = ctx.text
        if not (text.isascii() and self._ascii_titles):  # (case-insensitive matching beyond ASCII has exceptions: 'ſ' is 's')
            yield from self._pattern.finditer(text)
            return
        lowered = ctx.normalised(True)  # same length, lower case
        pos = 0
        while True:
            at = min((i for i in (lowered.find(t, pos) for t in self._lower_titles) if i >= 0), default=-1)
            if at < 0:
                return
            m = self._pattern.match(text, at)
            if m is None:
                pos = at + 1
            else:
                yield m
                pos = m.end()

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if self._pattern is None or self._title_starts.isdisjoint(ctx.letter_run_set()):
            return
        text = ctx.text
        for m in self._matches(ctx):
            if _VICE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "vice president of the House": a deputy's title
            if _LONGER_NAME.match(text, m.end()) and not _headline_ends_name(text, m.start(), m.end()):
                continue  # "president of the House Judiciary Committee", "... Federal Reserve Bank of New York"
            ref = m.group("ref").casefold()
            found = self._resolve(text, ref)
            if found is None:
                continue
            body, strong = found
            if body.style.casefold() == m.group("title").casefold():
                continue
            yield Match(Span(m.start("title"), m.end("title")), (body.style,), safe=False,
                        severity=None if strong else Severity.INFO,
                        message_vars=(("suggestion", body.style), ("body", body.body)))

    def _resolve(self, text: str, ref: str) -> tuple[Body, bool] | None:
        """The body `ref` refers to (one of them, when those left agree on the style) and whether
        the evidence is strong (a specific name, or the body named in full in the article); None
        when unresolved or when the bodies left disagree."""
        named = self._by_name.get(ref)
        if named:
            styles = {b.style for b in named}
            return (named[0], True) if len(styles) == 1 else None
        candidates = self._by_short.get(ref, [])
        in_full = [b for b in candidates if any(re.search(rf"\b{re.escape(n)}\b", text) for n in b.names)]
        strong = bool(in_full)
        if not in_full:
            patterns = self._country_patterns()
            in_full = [b for b in candidates if b.country in patterns and patterns[b.country].search(text)]
        styles = {b.style for b in in_full}
        return (in_full[0], strong) if len(styles) == 1 else None


def _headline_ends_name(text: str, start: int, end: int) -> bool:
    """In a Title Case headline, whether the body's name ends at `end`: the next word is a small
    word ("To", "At", "And"), or a verb form a headline uses (four letters or more ending in -s,
    -ed or -ing: "Resigns", "Elected", "Meeting"). Outside such headlines: False."""
    nxt = _NEXT_HEADLINE_WORD.match(text, end)
    if nxt is None:
        return False  # punctuation follows: _LONGER_NAME did not match it
    word = nxt.group(1).casefold()
    if word in ("of", "for", "and", "bank"):
        return False  # "... Of New York", "... Bank": a longer name in any case
    if not (word in SMALL_WORDS or (len(word) >= 4 and word.endswith(("s", "ed", "ing")))):
        return False
    return line_style(text, start, end) == "title"
