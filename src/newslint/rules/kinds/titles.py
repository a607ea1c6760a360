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

Titles by country: the dictionaries' `country_titles` tables give each country's (and each
subdivision's: Scotland, Quebec, Bavaria) own title for its head of state, head of government
and key ministers, with dates and accepted glosses. A person's role whose country has a table
accepts only the titles that table lists for the role's class ("Austrian Prime Minister
Christian Stocker" -> "Austrian Chancellor"; "Chancellor Rachel Reeves" is fine, the UK table
lists "Chancellor" as a gloss of Chancellor of the Exchequer). Without a known person, a head
of state's or government's title written with a country ("Chief Minister of Wales", "Mexican
Prime Minister") is checked against every title that country's table lists at the article's
date (at any date without one): a title the country does not use at all is flagged with the
country's own title. Hereditary titles (King, Prince, Emir ...) are left to the person check.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...dictionaries import ACCEPTED, TABLE_CLASSES, Entry, NameIndex, Subdivision, TitleRow
from ...model import Match, Severity, Span
from ...roles import parse_partial_date, role_covers, role_current, role_ended_before
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


# the last word before a position, with what may stand between (spaces, a line break, a quote)
_PREVIOUS_WORD = re.compile(r"([\w'’-]+)[^\w'’-]*$")


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
    # titles by country: (code, class) -> the table's rows; catalogue title -> its folded forms
    table: dict[tuple[str, str], tuple[TitleRow, ...]] = field(default_factory=dict)
    forms: dict[str, frozenset[str]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)  # subdivision -> country
    names: dict[str, str] = field(default_factory=dict)  # code -> a name for messages (Austria, Wales)
    place_keys: frozenset[str] = frozenset()  # folded country and subdivision names (not adjectives)

    def group(self, cls: str) -> str:
        """A subdivision's head of government is its head_of_government."""
        return "head_of_government" if cls == "subnational_head_of_government" else cls

    def table_classes(self, classes: frozenset[str]) -> frozenset[str]:
        """The title-table classes among a title's classes."""
        return frozenset(c for c in (self.group(x) for x in classes) if c in TABLE_CLASSES)

    def rows(self, code: str, cls: str, when: date | None) -> list[TitleRow]:
        """The table's rows for a country and class in force at `when` (all of them without a date)."""
        return [r for r in self.table.get((code, cls), ()) if when is None or _row_covers(r, when)]

    def accepted(self, code: str, cls: str, when: date | None) -> frozenset[str]:
        """Folded titles (with their catalogue synonyms) the table accepts for a country and class."""
        return frozenset(f for r in self.rows(code, cls, when) for f in self.forms.get(fold(r.title), {fold(r.title)}))

    def all_accepted(self, code: str, when: date | None) -> frozenset[str]:
        """Every title a country's table lists, of any class."""
        return frozenset(f for cls in TABLE_CLASSES for f in self.accepted(code, cls, when))

    def own_title(self, code: str, cls: str, when: date | None) -> str | None:
        """The country's own title for a class at `when` (its newest without a date)."""
        own = [r for r in self.rows(code, cls, when) if not r.gloss] or [r for r in self.rows(code, cls, None) if not r.gloss]
        if not own:
            return None
        current = [r for r in own if r.end is None]
        return (current or own)[-1 if when is None else 0].title

    def compatible(self, code: str, adj_codes: frozenset[str]) -> bool:
        """A role's country fits a written nationality: the same code, or a subdivision and its country."""
        return code in adj_codes or self.parents.get(code) in adj_codes or any(self.parents.get(a) == code for a in adj_codes)


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


def country_key(cat: Catalogue, words: str) -> str | None:
    """The catalogue key of a nationality adjective or country name, also written possessive
    ("Poland's", "Wales'"), or None."""
    key = fold(words).replace(".", "")
    if key in cat.countries:
        return key
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and key[: -len(suffix)] in cat.place_keys:
            return key[: -len(suffix)]
    return None


def match_title(cat: Catalogue, before: str) -> TitleMatch | None:
    """The longest title ending right before the white space that ends `before`, with the
    nationality word(s) and the modifier written before it ("former British Prime Minister",
    "then-President", "ex-President"). Word lookups in the catalogue, no regular expression
    over every title (compiling one cost ~70 ms at every start)."""
    if not before[-1:].isspace():
        return None
    keep = cat.title_words + cat.country_words + 1
    # the last `keep` words of the last 200 characters: read from 120 characters back when those
    # hold more (the first word found there may be cut, the rest are whole), else from 200
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(before, max(0, len(before) - 120))]
    if len(words) <= keep and len(before) > 120:
        words = [(m.start(), m.group(0)) for m in _WORD.finditer(before, max(0, len(before) - 200))]
    words = words[-keep:]
    n = len(words)
    most = min(cat.title_words, n)
    tries: Sequence[int] = range(most, 0, -1)
    if n and before[words[n - most][0]:].isascii():
        # ASCII words fold to their lower case: a title of t words (t > 1) ends in the folded
        # last word, so only the lengths of the titles ending in it are tried (a one-word title
        # may be the end of a hyphened word: "ex-President")
        ending = _title_lengths(cat).get(words[-1][1].replace("`", "'").lower(), ())
        tries = [t for t in ending if 1 < t <= most] + [1]
    for t in tries:
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
            last = cand[-1][1]
            if "\n" in before[cand[-1][0]:title_begin] or last[-1:] in ",;:!?" or (last.endswith(".") and last.count(".") == 1):
                mod = None
                continue  # "... the Netherlands.\n\nPresident ...": another sentence
            if country_key(cat, " ".join([first, *(w for _, w in cand[1:])])) is not None:
                adj = before[first_start:cand[-1][0] + len(cand[-1][1])]
                begin = cand[0][0]
                rest_words = rest_words[:len(rest_words) - a]
                break
            mod = None
        if mod is None and rest_words and rest_words[-1][1].casefold() in _MODIFIERS:
            begin, mod = rest_words[-1]  # "former President", "former British Prime Minister"
        return TitleMatch(begin, mod, adj, title)
    return None


def _title_lengths(cat: Catalogue) -> dict[str, tuple[int, ...]]:
    """Folded last word -> the word counts of the catalogue's titles ending in it, longest first
    (kept on the catalogue, made on first use)."""
    found: dict[str, tuple[int, ...]] | None = cat.__dict__.get("_title_lengths")
    if found is None:
        lengths: dict[str, set[int]] = {}
        for key in cat.classes:
            parts = key.split()
            if parts:
                lengths.setdefault(parts[-1], set()).add(len(parts))
        found = {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()}
        object.__setattr__(cat, "_title_lengths", found)  # a frozen dataclass: a cache beside its fields
    return found


def _possessive(name: str) -> str:
    """Austria's, Wales', the United States'."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _row_covers(row: TitleRow, when: date) -> bool:
    start = parse_partial_date(row.start) if row.start else None
    end = parse_partial_date(row.end, end=True) if row.end else None
    return (start is None or start <= when) and (end is None or when <= end)


def build_catalogue(titles: list[dict[str, Any]], entries: list[Entry], country_titles: list[TitleRow] | None = None,
                    subdivisions: list[Subdivision] | None = None) -> Catalogue:
    """Compile the title catalogue, the nationality words of country entries and subdivisions,
    and the countries' title tables."""
    classes: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    forms: dict[str, set[str]] = {}
    for t in titles:
        cls = str(t.get("class", "")) or f"title:{fold(t['title'])}"
        names = [n for n in [t["title"], *(t.get("synonyms") or [])] if isinstance(n, str) and n.strip()]
        forms.setdefault(fold(t["title"]), set()).update(fold(n) for n in names)
        for name in names:
            key = fold(name)
            classes.setdefault(key, set()).add(cls)
            canonical.setdefault(key, t["title"])
    countries: dict[str, set[str]] = {}
    demonyms: dict[str, str] = {}
    labels: dict[str, str] = {}
    place_keys: set[str] = set()
    for e in entries:
        if e.kind != "place" or e.type != "country" or not e.country:
            continue
        labels.setdefault(e.country, e.canonical)
        words = [e.canonical, *e.variants, *e.aliases]
        place_keys.update(fold(w).replace(".", "") for w in words)
        if e.demonym:
            adjectives = e.demonyms()
            words += adjectives
            if adjectives:
                demonyms.setdefault(e.country, adjectives[0])
        for w in words:
            countries.setdefault(fold(w).replace(".", ""), set()).add(e.country)
    parents: dict[str, str] = {}
    for sub in subdivisions or ():
        parents[sub.code] = sub.parent
        labels.setdefault(sub.code, sub.names[0])
        place_keys.update(fold(n).replace(".", "") for n in sub.names)
        if sub.demonyms:
            demonyms.setdefault(sub.code, sub.demonyms[0])
        for w in (*sub.names, *sub.demonyms):
            countries.setdefault(fold(w).replace(".", ""), set()).add(sub.code)
    table: dict[tuple[str, str], list[TitleRow]] = {}
    for row in country_titles or ():
        table.setdefault((row.code, row.cls), []).append(row)
    return Catalogue(
        {k: frozenset(v) for k, v in classes.items()}, canonical,
        {k: frozenset(v) for k, v in countries.items()}, demonyms,
        frozenset(k.split()[-1] for k in classes if k.split()),
        max((len(k.split()) for k in classes), default=1), max((len(k.split()) for k in countries), default=1),
        {k: tuple(v) for k, v in table.items()}, {k: frozenset(v) for k, v in forms.items()}, parents, labels,
        frozenset(place_keys),
    )


def dictionary_catalogue(index: NameIndex) -> Catalogue:
    """The catalogue of the curated dictionaries with their countries' title tables (a table of
    the curated index: NameIndex.table("catalogue"))."""
    d = index.dictionary
    return build_catalogue(d.titles, d.entries, d.country_titles, d.subdivisions)


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

    def ever_held(self, classes: frozenset[str], countries: frozenset[str] | None = None) -> list[int]:
        """Entries (index order) that held a role of one of `classes` at any date."""
        return sorted({i for cls in classes for i, role in self._by_class.get(cls, ())
                       if countries is None or role.get("of") in countries})

    def held(self, entry: int, classes: frozenset[str]) -> bool:
        """Whether the entry held a role of one of `classes` at any date."""
        return any(i == entry for cls in classes for i, _ in self._by_class.get(cls, ()))


def _generic_fit(text_classes: frozenset[str], role_classes: frozenset[str]) -> bool:
    """A generic title ("Minister") written for a role of its family (any *_minister)."""
    return any(generic in text_classes and any(c.endswith(suffix) for c in role_classes)
               for generic, suffix in GENERIC_CLASSES.items())


def _accepts(text_classes: frozenset[str], role_classes: frozenset[str]) -> bool:
    if text_classes & role_classes:
        return True
    for generic, suffix in GENERIC_CLASSES.items():
        if generic in text_classes and any(c.endswith(suffix) for c in role_classes):
            return True
    return False


CLASS_KIND = {  # kinds of office, for a title before a surname alone
    **{c: "executive" for c in ("head_of_state", "head_of_government", "deputy_head_of_state", "deputy_head_of_government",
                                "foreign_minister", "defence_minister", "finance_minister", "economy_minister",
                                "interior_minister", "justice_minister", "minister", "heir", "chief_of_staff")},
    "supreme_court_justice": "judicial", "judge": "judicial",
    "head_of_legislature": "legislative", "opposition_leader": "legislative", "legislative_leader": "legislative",
    "party_leader": "party", "igo_head": "international", "igo_official": "international", "eu_commissioner": "international",
}
JOB_CLASSES = frozenset({  # written in lower case before a name these describe a job, not a title
    "agency_head", "military_chief", "subnational_head", "business_leader", "mayor", "igo_official", "igo_head",
    "diplomat", "envoy", "adviser", "spokesperson", "chief_of_staff", "armed_group_leader",
})
HOS_HOG = frozenset({"head_of_state", "head_of_government"})
PAST_MODIFIERS = frozenset({"then", "former", "ex", "late"})
_OF_COUNTRY = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "new", "then", "former", "ex", "late",
                          "outgoing", "acting", "interim", "incoming", "that", "this"})


class Titles(RuleKind):
    """Checks title + known person against the person's roles at the article's date, and the
    title a country uses for its head of state or government."""

    ORDER = 20
    OPTIONS = {
        "max_classes": Option("int", "a title belonging to more classes than this (Chairman, Leader) is too vague to check", 2, minimum=1),
        "descriptors": Option("str_list", "words news copy puts before anyone who leads something, never checked as titles "
                              "(\"Russian leader Vladimir Putin\", \"IAEA chief Rafael Grossi\")",
                              ["leader", "chief", "head", "boss", "supremo", "prince", "princess"]),
        "hereditary": Option("str_list", "titles held by birth or by many at once (King, Emir, Prince ...): checked against a "
                             "named person's roles only, never against a country's title table alone",
                             ["king", "queen", "emperor", "empress", "emir", "amir", "sultan", "grand duke", "prince",
                              "sovereign prince", "monarch", "his majesty", "her majesty", "pope", "crown prince"]),
        "subordinates": Option("str_list", "words that make a title another office when written right before it "
                               "(\"Deputy Foreign Minister\", \"Shadow Home Secretary\", \"Assistant Attorney General\")",
                               ["deputy", "assistant", "vice", "under", "associate", "shadow", "junior", "parliamentary",
                                "lieutenant", "state", "regional", "provincial", "municipal", "district", "county"]),
        "max_surname_bearers": Option("int", "a title before a known person's surname alone is checked (at info) when at "
                                      "most this many biography titles end with that surname", 60, minimum=0),
        "country_titles": Option("bool", "check a head of state's or government's title written with a country "
                                 "(\"Mexican Prime Minister\", \"Chief Minister of Wales\") against the country's title table",
                                 True),
    }

    def prepare(self) -> None:
        self._names = names_helper(self.resources)
        self._catalogue: Catalogue | None = None
        self._descriptors = frozenset(fold(d) for d in self.options["descriptors"])
        self._hereditary = frozenset(fold(d) for d in self.options["hereditary"])
        self._subordinates = frozenset(fold(d) for d in self.options["subordinates"])
        self._country_re: dict[str, re.Pattern[str]] | None = None
        self._country_before: dict[str, frozenset[str] | None] = {}
        self._country_alpha: frozenset[str] = frozenset()  # the words of _country_re of letters only
        self._country_other: frozenset[str] = frozenset()  # the others

    def catalogue(self) -> Catalogue:
        """Built on first use (it needs the dictionaries)."""
        if self._catalogue is None:
            self._catalogue = self.resources.curated_names.table("catalogue")  # (dictionary_catalogue)
        return self._catalogue

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        index = self.resources.names
        cat = self.catalogue()
        text = ctx.text
        hits = [h for h in self._names.analyse(ctx) if h.relation in ACCEPTED or h.relation == "near"]
        # a one-word name (Putin, Lee, William) is only trusted when the full name is in the article
        named_in_full = {h.entry for h in hits if " " in text[h.start:h.end].strip()}
        descriptors = self._descriptors
        judged: set[int] = set()  # where titles before a named person end (the country pass skips them)
        for hit in hits:
            before = text[max(0, hit.start - 120):hit.start]
            words_before = before.rsplit(None, 1)  # the last word is enough here
            if not before[-1:].isspace() or not words_before or fold(words_before[-1]) not in cat.last_words \
                    or "\n" in before[len(before.rstrip()):]:
                continue  # no title right before the name (on the same line): the cheapest test first
            surname_only = hit.entry not in named_in_full
            if surname_only and not self._distinctive(text[hit.start:hit.end], hit.entry):
                continue
            entry = index.entry(hit.entry)
            if entry.kind != "person" or not entry.roles:
                continue
            m = match_title(cat, before)
            if m is None:
                continue
            title_key = fold(m.title)
            if title_key in descriptors:
                continue  # shorthand for whoever leads: "Belarusian leader", "its chief", "spy chief"
            classes = cat.classes.get(title_key, frozenset())
            if not classes or len(classes) > self.options["max_classes"]:
                continue
            if self._subordinate(before, m) or (m.title[:1].islower() and classes <= JOB_CLASSES):
                continue  # "Deputy Foreign Minister", "Shadow Home Secretary"; "its director", "army commander"
            if surname_only and not self._comparable(classes, entry, cat):
                continue  # "Prime Minister Gandhi" about someone else than a known opposition leader Gandhi
            base = hit.start - len(before)
            judged.add(base + len(before.rstrip()))
            verdict = self._judge(entry, classes, m, cat, ctx.article_date)
            if verdict is None:
                continue
            message, suggestion, uncertain = verdict
            span = Span(base + m.start(), hit.end)
            severity = Severity.INFO if uncertain or surname_only else None
            name_text = text[hit.start:hit.end]
            yield Match(
                span, (f"{suggestion} {name_text}",) if suggestion else (), safe=False,
                message_vars=(("detail", message), ("suggestion", f"{suggestion} {name_text}" if suggestion else "")),
                severity=severity,
            )
        if self.options["country_titles"] and cat.table:
            yield from self._country_pass(ctx, cat, judged)

    def _distinctive(self, word: str, entry_id: int) -> bool:
        """A surname alone ("Judge Alito", "Minister Fachin") names a known person when no
        other curated entry has it as a one-word form and few people bear it (at most
        `max_surname_bearers` biography titles end with it, few start with it)."""
        if " " in word.strip() or not word[:1].isupper() or word.isupper():
            return False
        refs = self.resources.names.lookup(word)
        if not refs or {r.entry for r in refs} != {entry_id}:
            return False
        if self.resources.names.entry(entry_id).source_weight < 3:
            return False
        key = fold(word)
        lexicon = self.resources.lexicon
        surnames = lexicon.surname_count(key)
        return surnames <= self.options["max_surname_bearers"] and lexicon.given_count(key) * 4 <= max(surnames, 1)

    @staticmethod
    def _comparable(classes: frozenset[str], entry: Entry, cat: Catalogue) -> bool:
        """A title before a surname alone is only judged when it is of the same kind as one of
        the person's roles (executive, judicial, legislative ...): a different kind more likely
        means another person of that name. The generic "Minister" also fits judicial roles
        (Portuguese "ministro" for a supreme-court justice)."""
        def kinds(cls: frozenset[str]) -> set[str]:
            return {CLASS_KIND.get(cat.group(c), c) for c in cls}

        text_kinds = kinds(classes)
        if "minister" in classes:
            text_kinds.add("judicial")
        return any(text_kinds & kinds(cat.classes.get(fold(str(r.get("title", ""))), frozenset())) for r in entry.roles)

    # -- a country's title for its head of state or government, with or without a known person --
    def _country_words(self, cat: Catalogue) -> dict[str, re.Pattern[str]]:
        """The last words of the head of state's and government's titles the country pass checks
        ("minister", "president", "chancellor" ...), each with its own expression: a document is
        scanned only for the words it has (its letter runs), each a literal the engine finds fast
        (one alternation of them all, tried at every position, cost 10 % of the checking time)."""
        if self._country_re is None:
            words = {k.split()[-1] for k, classes in cat.classes.items()
                     if cat.table_classes(classes) & HOS_HOG and k not in self._hereditary and k not in self._descriptors}
            self._country_re = {w.lower(): re.compile(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", re.IGNORECASE)
                                for w in words if w}
            # the word before the last of every title that ends in that word ("head of state":
            # "of"); None where a title is that word alone ("president")
            before: dict[str, set[str] | None] = {}
            for k, classes in cat.classes.items():
                if cat.table_classes(classes) & HOS_HOG and k not in self._hereditary and k not in self._descriptors:
                    parts = k.split()
                    last = parts[-1].lower()
                    if len(parts) == 1 or before.get(last, set()) is None:
                        before[last] = None
                    else:
                        before.setdefault(last, set()).add(parts[-2].lower())  # type: ignore[union-attr]
            self._country_before = {w: (frozenset(ws) if ws is not None else None) for w, ws in before.items()}
            self._country_alpha = frozenset(w for w in self._country_re if w.isalpha())
            self._country_other = frozenset(w for w in self._country_re if not w.isalpha())
        return self._country_re

    def _country_hits(self, ctx: CheckContext, cat: Catalogue) -> list[re.Match[str]]:
        """Where the document writes one of those words, in order of where each ends (searched in
        the lower-cased text, where a literal is found fast, when lower-casing keeps every offset)."""
        patterns = self._country_words(cat)
        runs = ctx.letter_run_set()
        # the words the document has: those of letters only found among its runs of letters (a set
        # operation), the others ("co-prince") always searched
        present = runs.intersection(self._country_alpha)
        words = [word for word in patterns if word in present or word in self._country_other]
        text = ctx.text
        lowered = text.lower()
        if len(lowered) == len(text):
            text = lowered
            searches = [self._lower_word(word) for word in words]
        else:
            searches = [patterns[word] for word in words]
        hits = [m for pattern in searches for m in pattern.finditer(text)
                if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_'’-")]
        if text is not ctx.text:  # a title of several words needs its word before ("state" in "head of state")
            before = self._country_before
            hits = [m for m in hits if (need := before.get(m.group())) is None
                    or ((prev := _PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.start())) is not None
                        and prev.group(1) in need)]
        hits.sort(key=lambda m: m.end())
        return hits

    @staticmethod
    @lru_cache(maxsize=256)
    def _lower_word(word: str) -> re.Pattern[str]:
        """A lower-case title word, matched with its case, not followed by a word character
        (the character before is tested by the caller: an expression that opens with the literal
        is searched fast, one that opens with a look-behind is tried at every position)."""
        return re.compile(rf"{re.escape(word)}(?![\w'’-])")

    def _country_pass(self, ctx: CheckContext, cat: Catalogue, judged: set[int]) -> Iterator[Match]:
        text = ctx.text
        for w in self._country_hits(ctx, cat):
            end = w.end()
            if end in judged:
                continue
            begin = max(0, end - 200)
            m = match_title(cat, text[begin:end] + " ")
            if m is None:
                continue
            title_key = fold(m.title)
            if title_key in self._descriptors or title_key in self._hereditary:
                continue
            classes = cat.table_classes(cat.classes.get(title_key, frozenset())) & HOS_HOG
            if not classes:
                continue
            start = begin + m.start()
            written_country = m.adj
            if written_country and not m.title[:1].isupper():
                continue  # "its Japan president": a company's, not the country's
            if written_country:
                head = text[max(0, start - 40):start].split()
                if head and head[-1][:1].isupper() and head[-1].casefold().strip("\"'“‘(") not in _DETERMINERS \
                        and not text[:start].rstrip().endswith((".", "!", "?", ":", "\n")):
                    continue  # "New South Wales Premier", "West German Chancellor": part of a longer name
                codes = cat.countries.get(country_key(cat, written_country) or "", frozenset())
                where = "adj"
            else:
                after = _OF_COUNTRY.match(text, end)
                if after is None:
                    continue
                codes, country_end = self._country_after(cat, text, after.end())
                if not codes:
                    continue
                written_country = text[after.end():country_end]
                where = "of"
            codes = frozenset(c for c in codes if any((c, cls) in cat.table for cls in classes))
            if not codes:
                continue
            when = None if (m.mod or "").lower() in PAST_MODIFIERS else ctx.article_date
            if any(title_key in cat.all_accepted(c, when) for c in codes):
                continue
            code = sorted(codes)[0]
            cls = next(c for c in ("head_of_government", "head_of_state") if c in classes and (code, c) in cat.table)
            own = cat.own_title(code, cls, when)
            if not own or fold(own) == title_key:
                continue
            label = cat.names.get(code, code)
            what = "head of government" if cls == "head_of_government" else "head of state"
            lead = f"{m.mod}{'-' if (m.mod or '').lower() == 'then' else ' '}" if m.mod else ""
            if where == "adj":
                span = Span(start, end)
                suggestion = f"{lead}{written_country} {own}"
            else:
                country_end = end + len(text[end:].split(written_country, 1)[0]) + len(written_country)
                span = Span(start, country_end)
                suggestion = f"{lead}{own}{text[end:country_end - len(written_country)]}{written_country}"
            detail = f"{_possessive(label)} {what} is styled '{own}', not '{m.title}'"
            yield Match(span, (suggestion,), safe=False, message_vars=(("detail", detail), ("suggestion", suggestion)))

    def _subordinate(self, before: str, m: TitleMatch) -> bool:
        """A word such as Deputy, Assistant, Shadow or Vice written right before the title (or
        before its nationality word) makes it another office."""
        words = before[:m.start()].split()
        return bool(words) and fold(words[-1].strip("\"'“‘(")) in self._subordinates

    @staticmethod
    def _country_after(cat: Catalogue, text: str, pos: int) -> tuple[frozenset[str], int]:
        """The country (or subdivision) named at `pos` ("Austria", "the Netherlands", "Wales"):
        its codes and where the name ends; a name continued by another capitalised word
        ("Georgia Power", "Quebec City") is no country."""
        words = [m for m in _WORD.finditer(text, pos, min(len(text), pos + 80))]
        for n in range(min(cat.country_words, len(words)), 0, -1):
            cand = words[:n]
            if cand[0].start() != pos:
                return frozenset(), pos
            name = text[pos:cand[-1].end()].rstrip(",.;:!?)\"'’”")
            key = fold(name).replace(".", "")
            if key in cat.place_keys:
                nxt = words[n] if len(words) > n else None
                gap = text[pos + len(name):nxt.start()] if nxt else ""
                if nxt is not None and nxt.group(0)[:1].isupper() and gap.strip() == "":
                    return frozenset(), pos
                return cat.countries.get(key, frozenset()), pos + len(name)
        return frozenset(), pos

    def _judge(self, entry: Entry, classes: frozenset[str], m: TitleMatch, cat: Catalogue,
               when: date | None) -> tuple[str, str, bool] | None:
        mod = (m.group("mod") or "").lower()
        adj = m.group("adj")
        adj_codes = cat.countries.get(country_key(cat, adj) or "") if adj else None
        title_text = m.group("title")
        title_key = fold(title_text)
        text_groups = frozenset(cat.group(c) for c in classes)
        matching = []
        wrong_style: list[tuple[dict[str, Any], str, str]] = []  # right class, not the country's title
        for role in entry.roles:
            role_title = fold(str(role.get("title", "")))
            role_classes = cat.classes.get(role_title, frozenset({f"title:{role_title}"}))
            of = role.get("of")
            code = of if isinstance(of, str) and not of.startswith("org:") else None
            if adj_codes and code and not cat.compatible(code, adj_codes):
                continue
            table_cls = next(iter(sorted(cat.table_classes(role_classes))), None)
            if _generic_fit(text_groups, role_classes):
                matching.append(role)  # "Minister X" for any minister, whatever the country calls the post
            elif code and table_cls and (code, table_cls) in cat.table:
                ref = when if when is not None and self._covers(role, when) else parse_partial_date(role.get("from"))
                forms = cat.accepted(code, table_cls, ref) | cat.forms.get(role_title, frozenset({role_title}))
                if title_key in forms:
                    matching.append(role)
                elif table_cls in text_groups:
                    wrong_style.append((role, code, table_cls))
            elif _accepts(text_groups, frozenset(cat.group(c) for c in role_classes)):
                matching.append(role)
        who = entry.canonical
        lead = f"{m.group('mod')}{'-' if mod == 'then' else ' '}" if mod else ""
        if not matching and wrong_style:
            role, code, table_cls = next(((r, c, k) for r, c, k in reversed(wrong_style) if when is None or self._covers(r, when)),
                                         wrong_style[-1])
            ref = when if when is not None and self._covers(role, when) else parse_partial_date(role.get("from"))
            own = cat.own_title(code, table_cls, ref) or str(role.get("title", ""))
            label = cat.names.get(code, code)
            what = table_cls.replace("_", " ")
            adj_part = f"{adj} " if adj else ""
            return (f"{_possessive(label)} {what} is styled '{own}', not '{title_text}' (known role of {who}: {role.get('title')})",
                    f"{lead}{adj_part}{own}", bool(role.get("uncertain")))
        if not matching:
            if adj_codes:
                # the title fits, the nationality does not: "British Foreign Minister Sergei Lavrov"
                same_title = [r for r in entry.roles if isinstance(r.get("of"), str) and not str(r.get("of")).startswith("org:")
                              and _accepts(text_groups, frozenset(cat.group(c) for c in
                                                                  cat.classes.get(fold(str(r.get("title", ""))), frozenset())))]
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
        if mod in PAST_MODIFIERS or when is None:
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
        top = [r for r in pool if rank(r) == best]
        return ([r for r in top if r.get("to") is None] or top)[-1]

    def _role_at(self, entry: Entry, when: date | None) -> dict[str, Any] | None:
        if when is None:
            current = [r for r in entry.roles if r.get("to") is None]
            return current[-1] if current else None
        covering = [r for r in entry.roles if self._covers(r, when)]
        return covering[-1] if covering else None
