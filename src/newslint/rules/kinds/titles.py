"""titles: a title before a known person's name that the person did not hold.

"President Starmer" -> "Prime Minister Starmer"; "President Biden" in a 2026 story ->
"former President Biden". The dictionary's `titles` catalogue maps titles and their synonyms
to a class (head_of_government, foreign_minister, ...); a person's `roles` give title, state
and dates. A title (with an optional nationality adjective and former/then-/ex-) directly
before a person's name is checked against the roles:

* never held (at any date): warning, even without an article date;
* with an article date: a role that ended before it, used without former/then-/ex-, is a past
  title used as current; a role that starts after it is not yet held;
* roles marked `uncertain: true` never produce more than info.

Descriptors ("leader", "chief", "head") are news shorthand for whoever leads something
("Russian leader Vladimir Putin", "IAEA chief Rafael Grossi", "spy chief"), not titles, and
are never checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...dictionaries import ACCEPTED, Entry
from ...model import Match, Severity, Span
from ...roles import role_covers, role_current, role_ended_before
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind
from .names import names_helper

GENERIC_CLASSES = {"minister": "minister"}  # a generic title accepts any class ending like this
CLASS_RANK = {  # which of a person's roles names them best (lower first); others rank 5
    "head_of_state": 0, "head_of_government": 0, "subnational_head_of_government": 1, "igo_head": 1,
    "deputy_head_of_state": 2, "deputy_head_of_government": 2, "foreign_minister": 3, "defence_minister": 3,
    "finance_minister": 3, "interior_minister": 3, "justice_minister": 3, "economy_minister": 3,
    "supreme_court_justice": 3, "minister": 4, "party_leader": 8, "opposition_leader": 8, "legislative_leader": 7,
}
MODIFIERS = ("former", "then", "ex", "outgoing", "acting", "interim", "incoming", "new", "late")


@dataclass(frozen=True)
class Catalogue:
    """Titles and synonyms -> classes; nationality words -> country codes."""

    classes: dict[str, frozenset[str]]  # folded title -> classes
    canonical_title: dict[str, str]  # folded title -> catalogue title (first listed)
    countries: dict[str, frozenset[str]]  # folded adjective or country alias -> ISO codes
    demonyms: dict[str, str]  # ISO code -> nationality adjective
    last_words: frozenset[str]  # the folded last word of every title: a cheap first test
    title_words: int  # most words in a title
    country_words: int  # most words in a nationality adjective or country alias


@dataclass(frozen=True)
class TitleMatch:
    """A title found right before a name: [modifier] [nationality] title, each as written."""

    begin: int  # where the whole match starts in the searched text
    mod: str | None
    adj: str | None
    title: str

    def group(self, name: str) -> str | None:
        """The part `name` (mod, adj or title), like a regular-expression match."""
        return {"mod": self.mod, "adj": self.adj, "title": self.title}[name]

    def start(self) -> int:
        return self.begin


_WORD = re.compile(r"\S+")
_MODIFIERS = frozenset(MODIFIERS)


def match_title(cat: Catalogue, before: str) -> TitleMatch | None:
    """The longest title ending right before the white space that ends `before`, with the
    nationality word(s) and the modifier written before it ("former British Prime Minister",
    "then-President", "ex-President"). Word lookups in the catalogue, no regular expression
    over every title (compiling one cost ~70 ms at every start)."""
    if not before[-1:].isspace():
        return None
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(before, max(0, len(before) - 200))]
    words = words[-(cat.title_words + cat.country_words + 1):]
    n = len(words)
    for t in range(min(cat.title_words, n), 0, -1):
        title_words = [w for _, w in words[n - t:]]
        title_begin = words[n - t][0]
        mod: str | None = None
        if fold(" ".join(title_words)) not in cat.classes:
            head, dash, rest = title_words[0].partition("-")
            if not (dash and rest and head.casefold() in _MODIFIERS
                    and fold(" ".join([rest, *title_words[1:]])) in cat.classes):
                continue
            mod = head  # "ex-President", "then-Prime Minister"
            return TitleMatch(title_begin, mod, None, before[title_begin + len(head) + 1:words[-1][0] + len(words[-1][1])])
        title = before[title_begin:words[-1][0] + len(words[-1][1])]
        begin = title_begin
        adj: str | None = None
        rest_words = words[:n - t]
        for a in range(min(cat.country_words, len(rest_words)), 0, -1):
            cand = rest_words[len(rest_words) - a:]
            first_start, first = cand[0]
            head, dash, tail = first.partition("-")
            if dash and tail and head.casefold() in _MODIFIERS:  # "ex-British Prime Minister"
                first_start, first, mod = first_start + len(head) + 1, tail, head
            if fold(" ".join([first, *(w for _, w in cand[1:])])).replace(".", "") in cat.countries:
                adj = before[first_start:cand[-1][0] + len(cand[-1][1])]
                begin = cand[0][0]
                rest_words = rest_words[:len(rest_words) - a]
                break
            mod = None
        if mod is None and rest_words and rest_words[-1][1].casefold() in _MODIFIERS:
            begin, mod = rest_words[-1]  # "former President", "former British Prime Minister"
        return TitleMatch(begin, mod, adj, title)
    return None


def build_catalogue(titles: list[dict[str, Any]], entries: list[Entry]) -> Catalogue:
    """Compile the title catalogue and the nationality words of country entries."""
    classes: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for t in titles:
        cls = str(t.get("class", "")) or f"title:{fold(t['title'])}"
        for name in [t["title"], *(t.get("synonyms") or [])]:
            if not isinstance(name, str) or not name.strip():
                continue
            key = fold(name)
            classes.setdefault(key, set()).add(cls)
            canonical.setdefault(key, t["title"])
    countries: dict[str, set[str]] = {}
    demonyms: dict[str, str] = {}
    for e in entries:
        if e.kind != "place" or e.type != "country" or not e.country:
            continue
        words = [e.canonical, *e.variants, *e.aliases]
        if e.demonym:
            adjectives = e.demonyms()
            words += adjectives
            if adjectives:
                demonyms.setdefault(e.country, adjectives[0])
        for w in words:
            countries.setdefault(fold(w).replace(".", ""), set()).add(e.country)
    return Catalogue(
        {k: frozenset(v) for k, v in classes.items()}, canonical,
        {k: frozenset(v) for k, v in countries.items()}, demonyms,
        frozenset(k.split()[-1] for k in classes if k.split()),
        max((len(k.split()) for k in classes), default=1), max((len(k.split()) for k in countries), default=1),
    )


class TitleHolders:
    """Who held a title of a class, per country and date: the curated people's roles indexed by
    the catalogue class of their title (built once per dictionary)."""

    def __init__(self, cat: Catalogue, entries: Sequence[Entry]) -> None:
        self._by_class: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for i, entry in enumerate(entries):
            if entry.kind != "person":
                continue
            for role in entry.roles:
                title = fold(str(role.get("title", "")))
                for cls in cat.classes.get(title, frozenset({f"title:{title}"})):
                    self._by_class.setdefault(cls, []).append((i, role))

    def holders(self, classes: frozenset[str], when: date | None, countries: frozenset[str] | None = None,
                include_uncertain: bool = True) -> list[int]:
        """Entries (index order, no repeats) holding a role of one of `classes` on `when` (without a
        date: a role with no end), of one of `countries` (ISO codes) when given."""
        found: dict[int, None] = {}
        for cls in classes:
            for i, role in self._by_class.get(cls, ()):
                if not include_uncertain and role.get("uncertain"):
                    continue
                of = role.get("of")
                if countries is not None and not (isinstance(of, str) and of in countries):
                    continue
                if role_current(role, when):
                    found[i] = None
        return sorted(found)

    def held(self, entry: int, classes: frozenset[str]) -> bool:
        """Whether the entry held a role of one of `classes` at any date."""
        return any(i == entry for cls in classes for i, _ in self._by_class.get(cls, ()))


def _accepts(text_classes: frozenset[str], role_classes: frozenset[str]) -> bool:
    if text_classes & role_classes:
        return True
    for generic, suffix in GENERIC_CLASSES.items():
        if generic in text_classes and any(c.endswith(suffix) for c in role_classes):
            return True
    return False


class Titles(RuleKind):
    """Checks title + known person against the person's roles at the article's date."""

    ORDER = 20
    OPTIONS = {
        "max_classes": Option("int", "a title belonging to more classes than this (Chairman, Leader) is too vague to check", 2, minimum=1),
        "descriptors": Option("str_list", "words news copy puts before anyone who leads something, never checked as titles "
                              "(\"Russian leader Vladimir Putin\", \"IAEA chief Rafael Grossi\")",
                              ["leader", "chief", "head", "boss", "supremo"]),
    }

    def prepare(self) -> None:
        self._names = names_helper(self.resources)
        self._catalogue: Catalogue | None = None
        self._descriptors = frozenset(fold(d) for d in self.options["descriptors"])

    def catalogue(self) -> Catalogue:
        """Built on first use (it needs the dictionaries)."""
        if self._catalogue is None:
            index = self.resources.names
            self._catalogue = build_catalogue(index.dictionary.titles, index.dictionary.entries)
        return self._catalogue

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        index = self.resources.names
        cat = self.catalogue()
        text = ctx.text
        hits = [h for h in self._names.analyse(ctx) if h.relation in ACCEPTED or h.relation == "near"]
        # a one-word name (Putin, Lee, William) is only trusted when the full name is in the article
        named_in_full = {h.entry for h in hits if " " in text[h.start:h.end].strip()}
        descriptors = self._descriptors
        for hit in hits:
            if hit.entry not in named_in_full:
                continue
            entry = index.entry(hit.entry)
            if entry.kind != "person" or not entry.roles:
                continue
            before = text[max(0, hit.start - 120):hit.start]
            words_before = before.split()
            if not before[-1:].isspace() or not words_before or fold(words_before[-1]) not in cat.last_words:
                continue  # no title right before the name
            m = match_title(cat, before)
            if m is None:
                continue
            title_key = fold(m.title)
            if title_key in descriptors:
                continue  # shorthand for whoever leads: "Belarusian leader", "its chief", "spy chief"
            classes = cat.classes.get(title_key, frozenset())
            if not classes or len(classes) > self.options["max_classes"]:
                continue
            base = hit.start - len(before)
            verdict = self._judge(entry, classes, m, cat, ctx.article_date)
            if verdict is None:
                continue
            message, suggestion, uncertain = verdict
            span = Span(base + m.start(), hit.end)
            severity = Severity.INFO if uncertain else None
            name_text = text[hit.start:hit.end]
            yield Match(
                span, (f"{suggestion} {name_text}",) if suggestion else (), safe=False,
                message_vars=(("detail", message), ("suggestion", f"{suggestion} {name_text}" if suggestion else "")),
                severity=severity,
            )

    def _judge(self, entry: Entry, classes: frozenset[str], m: TitleMatch, cat: Catalogue,
               when: date | None) -> tuple[str, str, bool] | None:
        mod = (m.group("mod") or "").lower()
        adj = m.group("adj")
        adj_codes = cat.countries.get(fold(adj).replace(".", "")) if adj else None
        title_text = m.group("title")
        matching = []
        for role in entry.roles:
            role_classes = cat.classes.get(fold(str(role.get("title", ""))), frozenset({f"title:{fold(str(role.get('title', '')))}"}))
            if not _accepts(classes, role_classes):
                continue
            of = role.get("of")
            if adj_codes and isinstance(of, str) and len(of) == 2 and of not in adj_codes:
                continue
            matching.append(role)
        who = entry.canonical
        lead = f"{m.group('mod')}{'-' if mod == 'then' else ' '}" if mod else ""
        if not matching:
            if adj_codes:
                # the title fits, the nationality does not: "British Foreign Minister Sergei Lavrov"
                same_title = [r for r in entry.roles if isinstance(r.get("of"), str) and len(str(r.get("of"))) == 2
                              and _accepts(classes, cat.classes.get(fold(str(r.get("title", ""))), frozenset()))]
                if same_title:
                    country = str(same_title[-1]["of"])
                    right_adj = cat.demonyms.get(country, country)
                    return (f"{who} was never {adj} {title_text}; known role: {right_adj} {same_title[-1]['title']}",
                            f"{lead}{right_adj} {title_text}", all(bool(r.get("uncertain")) for r in same_title))
            latest = self._office_role(entry, when, cat)
            right = str(latest.get("title", ""))
            uncertain = all(bool(r.get("uncertain")) for r in entry.roles)
            adj_part = f"{adj} " if adj else ""
            return (f"{who} has never held the title '{adj_part}{title_text}'; known role: {right}",
                    f"{lead}{adj_part}{right}", uncertain)
        if mod in ("then", "former", "ex", "late") or when is None:
            return None
        covering = [r for r in matching if self._covers(r, when)]
        if covering:
            return None
        uncertain = any(bool(r.get("uncertain")) for r in matching)
        past = [r for r in matching if self._ended_before(r, when)]
        if past:
            current = self._role_at(entry, when)
            if current is not None:
                suggestion = f"{adj + ' ' if adj else ''}{current.get('title', '')}"
            else:
                suggestion = f"former {adj + ' ' if adj else ''}{title_text}"
            return (f"{who} no longer held this title on {when.isoformat()}; write 'former {title_text}' or the current title",
                    suggestion, uncertain)
        return (f"{who} did not yet hold this title on {when.isoformat()}", "", uncertain)

    @staticmethod
    def _covers(role: dict[str, Any], when: date) -> bool:
        return role_covers(role, when)

    @staticmethod
    def _ended_before(role: dict[str, Any], when: date) -> bool:
        return role_ended_before(role, when)

    def _office_role(self, entry: Entry, when: date | None, cat: Catalogue) -> dict[str, Any]:
        """The role to suggest instead of a title never held: of the roles held at the date (else
        of all), the most office-like (a state office before a party post), the newest of those."""
        pool = ([r for r in entry.roles if self._covers(r, when)] if when is not None else []) or list(entry.roles)

        def rank(role: dict[str, Any]) -> int:
            classes = cat.classes.get(fold(str(role.get("title", ""))), frozenset())
            return min((CLASS_RANK.get(c, 5) for c in classes), default=5)

        best = min(rank(r) for r in pool)
        return [r for r in pool if rank(r) == best][-1]

    def _role_at(self, entry: Entry, when: date | None) -> dict[str, Any] | None:
        if when is None:
            current = [r for r in entry.roles if r.get("to") is None]
            return current[-1] if current else None
        covering = [r for r in entry.roles if self._covers(r, when)]
        return covering[-1] if covering else None
