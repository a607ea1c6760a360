"""names: misspelled names of known people, places and organisations, and discouraged forms.

Candidate spans are runs of capitalised words (with particles such as de, van, bin, al-).
Exact forms (canonical, variant, alias, full name, accent-folded) pass. A near miss is found
by a transposition-aware distance per token (OSA), in three ways, most certain first:

1. anchored: one token matches a token of a known multi-word name exactly and the others are
   within two edits ("Kiel Starmer" -> Keir Starmer, "Voldymir Zelensky" -> Volodymyr Zelensky);
2. unanchored: every token is within one edit of the same known name and at least one token is
   not an English word or a known name ("Vladimr Puttin");
3. single word: a word that is neither English nor any known name, within one edit of a
   distinctive known single-word name ("Zelenksy", "Ukriane").

Guards: a common given name is never "corrected" into another (Kim Starmer is someone else),
a single common English word or place name is never corrected alone ("Kiel" passes), and
all-capital tokens (acronyms, headlines) are only matched exactly.
"""

from __future__ import annotations

import bisect
import re

import regex
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from ...bigindex import BIG_OFFSET
from ...dictionaries import ACCEPTED, ALIAS, DISCOURAGED, MISSPELLING, Entry, FormRef, NameIndex, NameSource, is_acronym
from ...model import Match, Severity, Span
from ...resources import Lexicon, Resources
from ...textutil import fold, line_style
from ..spec import Option
from .base import CheckContext, RuleKind
from .name_context import article_spellings, interesting, later_mentions, lowercase_surnames, title_evidence

# a word; "?" inside a word and U+FFFD anywhere stand for letters lost to bad encoding
_LETTERS = r"(?:[^\W_]|\ufffd|\?(?=[^\W_]))+"
_TOKEN = re.compile(rf"(?:[^\W\d_]\.){{2,}}|{_LETTERS}(?:['’\-\u2010]{_LETTERS})*\.?")
PARTICLES = frozenset(
    "de del della der di da das dos du van von den ter ten bin ibn al el la le y e zu af av".split()
)
_POSSESSIVE = ("'s", "’s", "'", "’")
_TRAILING_PUNCTUATION = ",;:!?)]}>\"'”’»*"  # none of these ends a _TOKEN


# between two capitalised stretches of one name: "of", "of the", "and", "&" ...
CONNECTORS = ("of", "the", "and", "for", "in", "on", "&")
_CONNECTOR_GAP = re.compile(rf" (?:(?:{'|'.join(CONNECTORS)}) ){{1,2}}")
_CONNECTOR_WORDS = frozenset(CONNECTORS)
_MIN_GAP = 2 + min(len(c) for c in CONNECTORS)  # " & "
_MAX_GAP = 3 + 2 * max(len(c) for c in CONNECTORS)  # " and the "
_NOTHING: tuple[()] = ()  # one shared empty result
_NO_ANCHORS: list[tuple[int, int, list[tuple[int, FormRef, tuple[int, ...]]]]] = []  # never changed


class Tok(NamedTuple):
    """A word of a candidate run: its span (possessive stripped), text and folded key."""

    start: int
    end: int
    text: str
    key: str


class NameHit(NamedTuple):
    """A resolved or suspicious name span."""

    start: int
    end: int
    entry: int
    relation: str  # accepted relation, DISCOURAGED, MISSPELLING or "near"
    suggestion: str
    how: str = ""


_PARTICLE_ALT = "|".join(sorted(PARTICLES, key=len, reverse=True))
_CAPITALISED_STRETCH = regex.compile(
    rf"\p{{Lu}}\S*(?:[ \u00a0](?:\p{{Lu}}\S*|(?:{_PARTICLE_ALT})(?=[ \u00a0](?:\p{{Lu}}|(?:{_PARTICLE_ALT})[ \u00a0]\p{{Lu}}))|(?:al|el)-\S+))*"
)


def _runs(text: str) -> Iterator[list[Tok]]:
    """Runs of capitalised words separated by single spaces (particles allowed inside)."""
    for stretch in _CAPITALISED_STRETCH.finditer(text):
        yield from _runs_in(text, stretch.start(), stretch.end())


# what a matched word contributes to a run, by its text (the same words recur in every article)
_WordInfo = tuple[int, str, str, bool, bool, bool]  # (characters cut at the end, core, key, capital, particle, possessive)
_WORD_INFO: dict[str, _WordInfo] = {}


def _word_info(word: str) -> _WordInfo:
    found = _WORD_INFO.get(word)
    if found is not None:
        return found
    cut = 0
    if word.endswith(".") and not (len(word) == 2 and word[0].isupper()) and word.count(".") == 1:
        cut = 1  # sentence full stop, not an initial
    core = word[:-1] if cut else word
    possessive = False
    for suffix in _POSSESSIVE:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            possessive = True  # a possessive ends the name
            break
    is_cap = core[0].isupper()
    is_particle = not is_cap and (core in PARTICLES or (core[:3] in ("al-", "el-") and len(core) > 3))
    info = (cut, core, fold(core).replace(".", ""), is_cap, is_particle, possessive)
    if len(_WORD_INFO) > 200_000:
        _WORD_INFO.clear()
    _WORD_INFO[word] = info
    return info


def _runs_in(text: str, begin: int, finish: int) -> Iterator[list[Tok]]:
    run: list[Tok] = []
    prev_end = -1
    for m in _TOKEN.finditer(text, begin, finish):
        cut, core, key, is_cap, is_particle, possessive = _word_info(m.group(0))
        start = m.start()
        joined = run and start - prev_end == 1 and (text[prev_end] == " " or text[prev_end] == "\u00a0")
        if (is_cap or (is_particle and run)) and (joined or not run):
            run.append(Tok(start, start + len(core), core, key))
        else:
            if run:
                yield _trim(run)
            run = [Tok(start, start + len(core), core, key)] if is_cap else []
        prev_end = m.end() - cut
        if possessive:
            if run:
                yield _trim(run)
            run = []
    if run:
        yield _trim(run)


def curated_person_words(index: NameIndex) -> frozenset[str]:
    """The words (folded) of every spelling of every curated person's name (a table of the
    curated index: NameIndex.table("person-words"))."""
    words: set[str] = set()
    for e in index.dictionary.entries:
        if e.kind == "person":
            for form in (e.canonical, *e.variants, *e.aliases, *((e.full_name,) if e.full_name else ())):
                words.update(fold(w).replace(".", "") for w in form.split())
    return frozenset(words)


def names_helper(resources: "Resources") -> "Names":
    """A Names analyser with default options, for rules that need the name analysis
    (titles, spelling consistency) whether or not NL101/NL102 are selected."""
    from ...model import Severity
    from ..spec import RuleSpec

    spec = RuleSpec(id="NL000", name="names-analysis", kind="names", severity=Severity.INFO, message="",
                    options={k: o.default for k, o in Names.OPTIONS.items()})
    return Names(spec, resources)


def _shift(hit: tuple[int, int, int, str, str, str], offset: int) -> NameHit:
    """A hit found in a cached stretch (a plain tuple), moved to the stretch's place in this document."""
    return NameHit(hit[0] + offset, hit[1] + offset, hit[2], hit[3], hit[4], hit[5])


def _plain(hits: Iterable[NameHit]) -> Iterator[tuple[int, int, int, str, str, str]]:
    """Hits as plain tuples, for the stretch cache."""
    return ((h.start, h.end, h.entry, h.relation, h.suggestion, h.how) for h in hits)


_CORRECTED = ("near", "misspelling")


def _outermost_corrections(hits: list[NameHit]) -> list[NameHit]:
    """Drop a correction inside a longer one: "Mexiko City" is corrected to "Mexico City" once,
    not also "Mexiko" (a listed misspelling of Mexico) on its own. One sort and one sweep: a
    document of 400,000 corrections must not compare each with every other."""
    corrections = [h for h in hits if h.relation in _CORRECTED]
    if len(corrections) < 2:
        return hits
    inner = _spans_inside_others({(h.start, h.end) for h in corrections})
    if not inner:
        return hits
    return [h for h in hits if h.relation not in _CORRECTED or (h.start, h.end) not in inner]


def _spans_inside_others(spans: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that lie inside another, longer span of the set (by start, longest first: a
    span is inside an earlier one when the furthest end seen so far reaches its end)."""
    inner: set[tuple[int, int]] = set()
    furthest = -1
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if furthest >= end:
            inner.add((start, end))
        furthest = max(furthest, end)
    return inner


class _Cover:
    """Whether a span lies inside one of a set of spans, by bisection over their starts with the
    furthest end reached so far (a long chain of names must not test each word against each name)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._furthest: list[int] = []
        reach = -1
        for _, end in ordered:
            reach = max(reach, end)
            self._furthest.append(reach)

    def covers(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self._starts, start)
        return k > 0 and self._furthest[k - 1] >= end


def _outside_crossing(hits: list[NameHit], crossing: list[NameHit]) -> list[NameHit]:
    """Hits not inside a name across a connector, and those names themselves."""
    cover = _Cover((c.start, c.end) for c in crossing)
    own = set(crossing)
    return [h for h in hits if h in own or not cover.covers(h.start, h.end)]


def _toks(run: Sequence[tuple[int, int, str, str]]) -> list[Tok]:
    """A cached run's words as Tok."""
    return [Tok(*t) for t in run]


def _trim(run: list[Tok]) -> list[Tok]:
    """A run ends with a capitalised word; "al-Assad", "el-Sisi" count as capitalised."""
    while run and not (run[-1].text[0].isupper() or (run[-1].text[:3] in ("al-", "el-") and run[-1].text[3:4].isupper())):
        run = run[:-1]
    return run


def _acronym(tok: Tok) -> bool:
    return len(tok.text) >= 2 and tok.text.isupper()


class Names(RuleKind):
    """Checks capitalised word runs against the known-name dictionaries."""

    ORDER = 10
    OPTIONS = {
        "mode": Option("str", "what to report: misspelling (near misses, listed misspellings) or discouraged forms",
                       "misspelling", choices=("misspelling", "discouraged")),
        "max_given_count": Option("int", "a first name carried by more biography titles than this is a real given name, never a slip", 30, minimum=0),
        "common_word_zipf": Option("float", "a single word this frequent in English (Zipf scale) is never corrected on its own", 1.5, minimum=0),
        "kinds": Option("str_list", "entry kinds checked: person, place, org", ["person", "place", "org"]),
        "min_single_length": Option("int", "shortest single word that may be corrected on its own", 5, minimum=3),
        "biography_targets": Option("bool", "correct a name of two or more words to the one open-data biography title "
                                    "one edit away, as info", True),
        "biography_long_edits": Option("int", "edits allowed between a name of 12 letters or more and a biography title "
                                       "(on news-en two edits were wrong 7 times in 7)", 1, minimum=1, maximum=2),
    }

    def prepare(self) -> None:
        self._kinds = frozenset(self.options["kinds"])
        self._slip_memo: dict[str, bool] = {}
        self._person_words_cache: frozenset[str] | None = None
        self._curated_anchor_memo: dict[str, Any] = {}
        self._crossing_memo: dict[tuple[tuple[int, str, bool], ...], tuple[tuple[int, int, int, str, str, str], ...]] = {}
        self._anchor_memo: dict[str, list[tuple[int, int, list[tuple[int, FormRef, tuple[int, ...]]]]]] = {}
        self._context_used = False
        self._title_data_cache: Any = None

    # -- analysis shared by every names rule, once per document -------------------------
    def analyse(self, ctx: CheckContext) -> list[NameHit]:
        """All name hits in the document (cached on the context)."""
        key = ("names", id(self.resources))
        cached = ctx.memo.get(key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        index = self.resources.names
        lexicon = self.resources.lexicon
        cache = index.run_cache
        if len(cache) > 200_000:
            cache.clear()
        stretches = []
        # per stretch: its near misses per run (None until computed) and all of them together
        # (None unless every run's is known: then the stretch needs no more work here)
        nears_of: list[tuple[Any, Any]] = []
        hits: list[NameHit] = []
        fresh: dict[str, list[list[Tok]]] = {}  # runs of stretches analysed just now, as Tok
        # near misses of each (stretch, run) in THIS document, those that depend on the article
        # too: a stretch repeated 400,000 times is analysed once
        in_this_document: dict[tuple[str, int], tuple[Any, Any]] = {}  # -> (near, what the cache may keep)
        # the cache keeps, per stretch, (runs, near misses per run, all exact hits, all near misses):
        # the near misses per run are None until computed, and None for a run whose answer depends
        # on the article (a surname alone)
        joined: list[int] = []  # stretches the next one follows at a connector's distance ("Bank | of | England")
        previous_end = -_MAX_GAP - 1
        for m in _CAPITALISED_STRETCH.finditer(ctx.text):
            # punctuation after the last word is never part of a word: "Laredo," and "Laredo" share an analysis
            stretch = m.group(0).rstrip(_TRAILING_PUNCTUATION)
            offset = m.start()
            cached_stretch = cache.get(stretch)
            if cached_stretch is None:
                runs = fresh[stretch] = list(_runs_in(stretch, 0, len(stretch)))
                analysed = tuple(self._analyse_run(run, index) for run in runs) or _NOTHING
                exact_all = tuple(h for _, _, exact, _ in analysed for h in exact) or _NOTHING
                cache[stretch] = cached_stretch = (analysed, None, exact_all, None)
            else:
                analysed, _, exact_all, _ = cached_stretch  # type: ignore[misc]
            if _MIN_GAP <= offset - previous_end <= _MAX_GAP:
                joined.append(len(stretches) - 1)
            previous_end = offset + len(stretch)
            stretches.append((offset, stretch, analysed))
            nears_of.append(cached_stretch)
            if exact_all:
                hits.extend(_shift(h, offset) for h in exact_all)
        crossing = self._crossing(ctx.text, stretches, index, lexicon, joined) if joined else []
        if crossing:
            hits.extend(crossing)
        in_document = {h.entry for h in hits if h.relation in ACCEPTED}
        for (offset, stretch, analysed), (_, nears, exact_all, near_all) in zip(stretches, nears_of):
            if near_all is not None:
                if near_all:
                    hits.extend(_shift(h, offset) for h in near_all)
                continue
            stored = []
            for k, (run, owner, _, corporate) in enumerate(analysed):
                near = _NOTHING if corporate else (nears[k] if nears is not None else None)  # a company's words are no names
                keep = near
                if near is None:
                    known = in_this_document.get((stretch, k))
                    if known is not None:
                        near, keep = known
                    else:
                        self._context_used = False
                        toks = fresh[stretch][k] if stretch in fresh else _toks(run)
                        near = tuple(_plain(self._near(toks, owner, index, lexicon, in_document))) or _NOTHING
                        keep = None if self._context_used else near
                        in_this_document[stretch, k] = (near, keep)
                stored.append(keep)
                if near:
                    hits.extend(_shift(h, offset) for h in near)
            near_all = None if None in stored else (tuple(h for near in stored for h in near) or _NOTHING)
            cache[stretch] = (analysed, tuple(stored), exact_all, near_all)
        if crossing:  # a name across a connector stands for the hits inside it ("England" in "Bank of England")
            hits = _outside_crossing(hits, crossing)
        hits = _outermost_corrections(hits)
        hits = self._in_context(ctx, hits, stretches, index, lexicon)
        ctx.memo[key] = hits
        ctx.memo[("names-stretches", id(self.resources))] = stretches
        ctx.known_name_spans.extend((h.start, h.end) for h in hits if h.relation in ACCEPTED)
        return hits

    def _in_context(self, ctx: CheckContext, hits: list[NameHit], stretches: Sequence[Any], index: NameSource,
                    lexicon: Lexicon) -> list[NameHit]:
        """What only the whole article shows: a surname after a title held at the article's date,
        a known surname in lower case, and the article's own spelling of a person as the
        suggestion (name_context)."""
        if "person" not in self._kinds:
            return hits
        data = self._title_data()
        more = list(later_mentions(self, ctx.text, hits, stretches, index, lexicon))
        if more:
            hits = hits + more
        few = interesting(data, stretches)
        if few:
            more = list(title_evidence(self, ctx.text, hits, few, data, index, lexicon, ctx.article_date))
            more += lowercase_surnames(self, ctx.text, hits, few, data, index, lexicon)
            if more:
                hits = hits + more
        return article_spellings(hits, ctx.text, index)

    def _title_data(self) -> Any:
        """Titles, their holders and the curated surnames (build_title_data, made with the curated
        index), with this rule's own memo of stretches."""
        if self._title_data_cache is None:
            self._title_data_cache = replace(self.resources.curated_names.table("title-data"), candidates={})
        return self._title_data_cache

    def _crossing(self, text: str, stretches: Sequence[tuple[int, str, Sequence[tuple[Sequence[tuple[int, int, str, str]], Any, Any, bool]]]], index: NameSource, lexicon: Lexicon,
                  joined: Sequence[int] | None = None) -> list[NameHit]:
        """Names that span lowercase connector words between capitalised stretches ("Bank of
        England", "Democratic Republic of the Congo", "Procter & Gamble"): the stretches stop at
        such words, so these names are looked up here, exact forms longest first, left to right,
        then near misses of them."""
        found: list[NameHit] = []
        has_form_token = getattr(index, "has_form_token", None)
        # `joined`: the stretches followed by the next at a connector's distance (analyse finds them
        # in its pass); only there can a chain start
        starts = range(len(stretches) - 1) if joined is None else joined
        next_start = 0
        for k in starts:
            if k < next_start:
                continue  # inside the chain found last
            # a chain of stretches, each joined to the next by a connector gap
            chain: list[tuple[int, int, str, str, bool]] = []  # (start, end, text, key, connector?) in document offsets
            j = k
            while j < len(stretches) - 1:
                offset, stretch, analysed = stretches[j]
                nxt_offset, _, nxt_analysed = stretches[j + 1]
                if not _MIN_GAP <= nxt_offset - offset - len(stretch) <= _MAX_GAP:
                    break  # (most stretches are far apart: no slice, no regex)
                gap = text[offset + len(stretch):nxt_offset]
                if not analysed or not nxt_analysed or not _CONNECTOR_GAP.fullmatch(gap):
                    break
                last_run, first_run = analysed[-1][0], nxt_analysed[0][0]
                if not last_run or not first_run or last_run[-1][1] != len(stretch) or first_run[0][0] != 0:
                    break  # a possessive or full stop ends the name before the connector
                if j == k:
                    chain.extend((offset + w[0], offset + w[1], w[2], w[3], False) for w in last_run)
                elif len(analysed) != 1:
                    break  # a middle stretch of two runs
                at = offset + len(stretch) + 1
                for word in gap.split():
                    chain.append((at, at + len(word), word, word.lower(), True))
                    at += len(word) + 1
                chain.extend((nxt_offset + w[0], nxt_offset + w[1], w[2], w[3], False) for w in first_run)
                j += 1
            if chain:
                # the answer depends only on the words and their places: remembered per chain
                base = chain[0][0]
                key = tuple((w[0] - base, w[2], w[4]) for w in chain)
                answer = self._crossing_memo.get(key)
                if answer is None:
                    exact = list(self._crossing_forms(chain, index, has_form_token))
                    hits = exact + list(self._crossing_near(chain, exact, lexicon))
                    answer = tuple((h.start - base, h.end - base, h.entry, h.relation, h.suggestion, h.how) for h in hits)
                    if len(self._crossing_memo) > 100_000:
                        self._crossing_memo.clear()
                    self._crossing_memo[key] = answer
                found.extend(_shift(h, base) for h in answer)
            next_start = max(j, k + 1)
        return found

    def _crossing_near(self, chain: list[tuple[int, int, str, str, bool]], exact: list[NameHit], lexicon: Lexicon) -> Iterator[NameHit]:
        """Near misses of curated names across connector words ("Bank of Englnad", "Democratic
        Repbulic of the Congo"), by the same alignment as within a stretch; the window must hold
        a connector (near misses inside one stretch are found there)."""
        max_given = self.options["max_given_count"]
        toks = [Tok(start, end, word, key) for start, end, word, key, _ in chain]
        cover = _Cover((h.start, h.end) for h in exact)
        used = [cover.covers(w[0], w[1]) for w in chain]
        slips = [not w[4] and self._could_be_slip(tok, lexicon, max_given) for tok, w in zip(toks, chain)]
        if not any(slip and not u for slip, u in zip(slips, used)):
            return
        joints = frozenset(k for k, w in enumerate(chain) if w[4])
        # names with "of", "and" are organisations and countries of the curated dictionary; the
        # open data (people, cities) hardly has any, and querying it for every chain is slow
        curated = self.resources.curated_names
        yield from self._anchored(toks, [None] * len(toks), used, slips, curated, lexicon, joints, self._curated_anchor_memo)

    def _crossing_forms(self, chain: list[tuple[int, int, str, str, bool]], index: NameSource, has_form_token: Any) -> Iterator[NameHit]:
        n = len(chain)
        i = 0
        while i < n:
            if chain[i][4]:
                i += 1
                continue
            for j in range(min(n, i + 8), i + 2, -1):  # at least word, connector, word
                window = chain[i:j]
                if window[-1][4] or not any(w[4] for w in window):
                    continue
                if has_form_token is not None and not all(has_form_token(w[3]) for w in window):
                    continue
                refs = index.lookup(" ".join(w[2] for w in window))
                if refs:
                    ref = _best_ref(refs)
                    yield self._hit(window[0][0], window[-1][1], ref, index)
                    i = j
                    break
            else:
                i += 1

    def _analyse_run(self, run: list[Tok], index: NameSource) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[int | None, ...], tuple[tuple[int, int, int, str, str, str], ...], bool]:
        """(words, entry of each word, exact hits, company name?) of a run, as the stretch cache
        keeps it: plain tuples of numbers and strings, which the garbage collector stops
        walking (a long-lived cache of lists or named tuples is walked by every full collection)."""
        owner, exact = self._exact(run, index)
        words = tuple((t.start, t.end, t.text, t.key) for t in run)
        return words, owner, tuple(_plain(exact)), any(t.key in CORPORATE for t in run)

    def stretches(self, ctx: CheckContext) -> list[tuple[int, str, Sequence[tuple[Sequence[tuple[int, int, str, str]], Sequence[int | None], Sequence[tuple[int, int, int, str, str, str]], bool]]]]:
        """(offset, text, runs) of every capitalised stretch: each run's words as plain (start,
        end, text, key) tuples (Tok(*word) for names), offsets relative to the stretch."""
        self.analyse(ctx)
        return ctx.memo[("names-stretches", id(self.resources))]  # type: ignore[return-value]

    def _exact(self, run: list[Tok], index: NameSource) -> tuple[tuple[int | None, ...], tuple[NameHit, ...]]:
        """Longest exact dictionary forms, left to right; returns each token's entry."""
        n = len(run)
        hits: list[NameHit] = []
        owner: list[int | None] = [None] * n  # entry that resolved each token exactly
        has_form_token = getattr(index, "has_form_token", None)
        # a window holding a word no form has cannot match (single all-capital words aside:
        # acronyms); reach[i] is where the windows starting at i must end at the latest
        reach = [n] * n
        if has_form_token is not None:
            limit = n
            for k in range(n - 1, -1, -1):
                if not has_form_token(run[k].key):
                    limit = k
                reach[k] = limit
        lookup = index.lookup
        i = 0
        while i < n:
            tok = run[i]
            top = min(n, i + 6, reach[i])
            if top <= i:
                if not tok.text.isupper():
                    i += 1
                    continue
                top = i + 1
            for j in range(top, i, -1):
                refs = lookup(tok.text if j == i + 1 else " ".join(t.text for t in run[i:j]))
                if refs:
                    ref = _best_ref(refs)
                    hits.append(self._hit(tok.start, run[j - 1].end, ref, index))
                    for k in range(i, j):
                        owner[k] = ref.entry
                    i = j
                    break
            else:
                i += 1
        return tuple(owner), tuple(hits) or _NOTHING

    def _anchors(self, key: str, index: NameSource, memo: dict[str, Any] | None = None) -> list[tuple[int, int, list[tuple[int, FormRef, tuple[int, ...]]]]]:
        """Every multi-word form of a checked kind holding the folded token, grouped by (position
        of the token, length of the form), each with its rank in the index's order and the lengths
        of its words (remembered: the same words recur). A one-word form is no anchor: its one
        word matches exactly, so nothing in it is a near miss."""
        memo = self._anchor_memo if memo is None else memo  # one memo per index
        found = memo.get(key)
        if found is None:
            groups: dict[tuple[int, int], list[tuple[int, FormRef, tuple[int, ...]]]] = {}
            rank = 0
            for ref in index.forms_with_token(key):
                if len(ref.tokens) < 2 or index.entry(ref.entry).kind not in self._kinds:
                    continue
                lengths = tuple(len(t) for t in ref.tokens)
                for p, ftok in enumerate(ref.tokens):
                    if ftok == key:
                        groups.setdefault((p, len(ref.tokens)), []).append((rank, ref, lengths))
                        rank += 1
            found = [(p, m, refs) for (p, m), refs in groups.items()] or _NO_ANCHORS
            if len(memo) > 100_000:
                memo.clear()
            memo[key] = found
        return found

    def _hit(self, start: int, end: int, ref: FormRef, index: NameSource) -> NameHit:
        entry = index.entry(ref.entry)
        return NameHit(start, end, ref.entry, ref.relation, entry.canonical, "listed")

    def _near(self, run: Sequence[Tok], owner: Sequence[int | None], index: NameSource, lexicon: Lexicon, in_document: set[int]) -> Iterator[NameHit]:
        n = len(run)
        used = [False] * n
        max_given = self.options["max_given_count"]
        # 0: a known name whose accented letters were dropped or garbled ("Alberto Nez Feijo", "Fran?ois")
        yield from self._damaged(run, owner, used, index, lexicon)
        # a well-known person with given name and surname swapped ("Putin Vladimir", "Orban Viktor")
        yield from self._reversed(run, used, index)
        # only a word that could be a slip can be corrected below: runs of common words end here
        slips = [self._could_be_slip(tok, lexicon, max_given) for tok in run]
        if not any(slips):
            return
        # 1 and 2: windows aligned on a known multi-word name
        yield from self._anchored(run, owner, used, slips, index, lexicon)
        # a curated person written by another romanisation ("Vladimir Poutine", "Denis Shmygal")
        yield from self._romanised(run, owner, used, slips, index, lexicon)
        # 3: unanchored windows and single words
        for i, tok in enumerate(run):
            if used[i] or owner[i] is not None or _acronym(tok) or not tok.key.isalpha():
                continue
            if not self._unknown_word(tok, index, lexicon):
                continue
            hit = self._unanchored(run, i, used, owner, index, lexicon, in_document)
            if hit is not None:
                yield hit
        # 4: a name of two words or more one edit from exactly one open-data biography title
        if self.options["biography_targets"] and n > 1:
            yield from self._biography(run, owner, used, index, lexicon)

    def _romanised(self, run: Sequence[Tok], owner: Sequence[int | None], used: list[bool], slips: Sequence[bool],
                   index: NameSource, lexicon: Lexicon) -> Iterator[NameHit]:
        """A curated person's name of two words or more written by another transliteration
        system: every word equal to the name's word or sharing a romanisation key with it
        ("Vladimir Poutine", "Evgueni Prigojine", "Denis Shmygal"). A window is looked for around
        a word that could be a slip or that names a curated person exactly ("Reznikov")."""
        rom = self.resources.curated_names.romanised
        n = len(run)
        if rom is None or n < 2:
            return
        max_given = self.options["max_given_count"]
        for i, tok in enumerate(run):
            if used[i] or _acronym(tok) or len(tok.key) < 3 or not tok.key.isalpha():
                continue
            if slips[i] and owner[i] is None:
                if index.is_known_token(tok.key):
                    continue  # a word some real name holds is no slip (a name in another system is unknown)
            elif owner[i] is None or owner[i] >= BIG_OFFSET or index.entry(owner[i]).kind != "person":
                continue
            best: tuple[int, int, int, int, str] | None = None  # (edits, first word, words, entry, form)
            tied = False
            for form_no, place in rom.places(tok.text):
                entry, form, words, accepted = rom.forms[form_no]
                m = len(words)
                first = i - place
                if m < 2 or first < 0 or first + m > n or any(used[first:first + m]):
                    continue
                edits = self._romanised_window(run[first:first + m], words, owner[first:first + m], entry, rom, lexicon, max_given)
                if edits is None:
                    continue
                # the suggestion: the canonical spelling when it has as many words, else an accepted one
                canonical = index.entry(entry).canonical
                shown = canonical if len(canonical.split()) == m else form if accepted else None
                if shown is None:
                    continue
                if best is not None and entry != best[3]:
                    tied = True  # two people with names of the same key: the spelling does not say which
                if best is None or edits < best[0]:
                    best = (edits, first, m, entry, shown)
            if best is None or tied:
                continue
            _, first, m, entry, form = best
            for k in range(first, first + m):
                used[k] = True
            yield NameHit(run[first].start, run[first + m - 1].end, entry, "near", form, "romanised")

    def _romanised_window(self, window: Sequence[Tok], words: tuple[str, ...], owners: Sequence[int | None], entry: int,
                          rom: Any, lexicon: Lexicon, max_given: int) -> int | None:
        """Edits between a window and a person's name when every word is the name's word or shares
        a romanisation key with it, else None. Guards: at least one word differs; no differing
        word is a common English word; and either a differing word is rare as a name (no real
        given name or frequent surname: "Poutine", "Shmygal") or only given names differ and an
        equal word is a rare surname ("Aleksei Reznikov" for Oleksii Reznikov)."""
        from rapidfuzz.distance import OSA

        if owners[0] is not None and all(o == owners[0] for o in owners):
            return None  # the window is a known name as written (another person)
        edits = 0
        rare_differing = False
        rare_equal = False
        differing = 0
        for tok, word, own in zip(window, words, owners):
            if tok.key == word:
                rare_equal = rare_equal or (lexicon.given_count(word) <= max_given and lexicon.surname_count(word) <= RARE_SURNAME
                                            and lexicon.zipf(word) < COMMON_WORD_ZIPF)
                continue
            if own == entry or _acronym(tok) or not tok.key.isalpha() or len(tok.key) < 4 or not rom.matches(tok.text, word):
                return None  # (a word of two or three letters is too short to show a transliteration: Ji / Yi)
            d = OSA.distance(tok.key, word)
            if d > max(3, len(word) // 2):
                return None  # the key folds much; the spelling must stay close
            given = lexicon.given_count(tok.key)
            if lexicon.zipf(tok.key) >= COMMON_WORD_ZIPF and given <= max_given:
                return None  # a common word: "Sergey Lavrov" is no reason to read "Rover" as a name
            rare_differing = rare_differing or (given <= max_given and lexicon.surname_count(tok.key) <= RARE_SURNAME)
            differing += 1
            edits += d
        if not differing or not (rare_differing or rare_equal):
            return None
        return edits

    def _biography(self, run: Sequence[Tok], owner: Sequence[int | None], used: list[bool], index: NameSource,
                   lexicon: Lexicon) -> Iterator[NameHit]:
        """The million biography titles of the open data are known names, not correction targets,
        except here: a window of two or three words that is no known name, with exactly one word
        no known name holds (the slip) and a surname that is no English word, one edit from exactly
        one biography title (option: two in names of 12 letters or more) is that title (info only).
        Titles are found by a range of the index (the words before the slip and its first letter)
        or, for a slip in the first word, by its one-edit neighbours that some name holds."""
        big = getattr(index, "big", None)
        if big is None:
            return
        from rapidfuzz.distance import OSA

        n = len(run)
        for m in (3, 2):
            for first in range(n - m + 1):
                window = run[first:first + m]
                if any(used[first:first + m]) or any(o is not None for o in owner[first:first + m]):
                    continue
                keys = [t.key for t in window]
                if not all(k.isalpha() and len(k) >= 2 for k in keys) or any(_acronym(t) for t in window):
                    continue
                if lexicon.zipf(keys[-1]) >= self.options["common_word_zipf"] or any(lexicon.zipf(k) >= COMMON_WORD_ZIPF for k in keys):
                    continue  # the surname is an English word, or the window holds a common word
                unknown = [k for k, key in enumerate(keys) if not index.is_known_token(key)]
                if len(unknown) != 1:
                    continue  # no slip (another real person, most likely), or more than one
                written = " ".join(keys)
                limit = self.options["biography_long_edits"] if len(written) - m + 1 >= 12 else 1
                u = unknown[0]
                if u > 0:
                    found = big.keys_starting(" ".join(keys[:u]) + " " + keys[u][0])
                    if found is None:
                        continue  # too many names start so: no single one is meant
                    candidates = [k for k in found if k.count(" ") == m - 1]
                else:
                    rest = " ".join(keys[1:])
                    candidates = [f"{c} {rest}" for c in _one_edit(keys[0]) if big.may_hold(c, "tokens") and big.may_hold(f"{c} {rest}")]
                close = {k for k in candidates if OSA.distance(written, k, score_cutoff=limit) <= limit}
                if len(close) != 1:
                    continue  # none, or two titles equally possible
                refs = [r for r in index.lookup(close.pop()) if r.relation in ACCEPTED and index.entry(r.entry).kind == "person"]
                if not refs:
                    continue
                for k in range(first, first + m):
                    used[k] = True
                yield NameHit(window[0].start, window[-1].end, refs[0].entry, "near", refs[0].form, "biography")
                return

    def _later_mention(self, tok: Tok, people: Sequence[int]) -> NameHit | None:
        """A surname alone, after the person was named in full in the article: within two edits
        of the surname (same first letter, surnames of five letters or more) or sharing a
        romanisation key with it ("Kristerson", "Poutine" after "Vladimir Putin"). One person only."""
        rom = self.resources.curated_names.romanised
        if rom is None:
            return None
        from rapidfuzz.distance import OSA

        key = tok.key
        found: dict[int, tuple[int, str]] = {}
        for e in people:
            for folded, written in rom.surnames.get(e, {}).items():
                if folded == key or len(folded) < 4:
                    continue
                d = OSA.distance(key, folded, score_cutoff=max(3, len(folded) // 2))
                close = d <= 2 and len(folded) >= 5 and key[0] == folded[0]
                if not close and not (d <= max(3, len(folded) // 2) and rom.matches(tok.text, folded)):
                    continue
                if e not in found or d < found[e][0]:
                    found[e] = (d, written)
        if len(found) != 1:
            return None  # nobody, or two people of the article fit
        entry, (_, written) = next(iter(found.items()))
        return NameHit(tok.start, tok.end, entry, "near", written, "later")

    def _reversed(self, run: Sequence[Tok], used: list[bool], index: NameSource) -> Iterator[NameHit]:
        """Two words that are a curated person's name in the other order, when the order as written
        is no name: the surname-first order of Russian, Hungarian or Chinese sources that
        translation kept ("Putin Vladimir", "Orban Viktor"). Only the curated (well-known) people:
        among a million open-data names, both orders are often two real people (Chen Wei, Wei Chen)."""
        person_words = self._person_words()
        for i in range(len(run) - 1):
            first, second = run[i], run[i + 1]
            if first.key not in person_words or second.key not in person_words or used[i] or used[i + 1]:
                continue  # (a cheap first test: both words must be words of a curated person's name)
            if _acronym(first) or _acronym(second) or not second.text[:1].isupper():
                continue
            refs = [r for r in index.lookup(f"{second.text} {first.text}")
                    if r.relation in ACCEPTED and r.entry < BIG_OFFSET and index.entry(r.entry).kind == "person"]
            if not refs or index.lookup(f"{first.text} {second.text}"):
                continue
            used[i] = used[i + 1] = True
            yield NameHit(first.start, second.end, refs[0].entry, "near", f"{second.text} {first.text}", "reversed")

    def _person_words(self) -> frozenset[str]:
        """The words (folded) of every spelling of every curated person's name (curated_person_words)."""
        if self._person_words_cache is None:
            self._person_words_cache = self.resources.curated_names.table("person-words")
        return self._person_words_cache

    def _anchored(self, run: Sequence[Tok], owner: Sequence[int | None], used: list[bool], slips: Sequence[bool],
                  index: NameSource, lexicon: Lexicon, joints: frozenset[int] = frozenset(),
                  memo: dict[str, Any] | None = None) -> Iterator[NameHit]:
        """Near misses of known multi-word names, each window aligned on a word of the name.
        With `joints` (the places of connector words in a run joined across "of"/"and"), a window
        must hold one of them and no joint is an anchor."""
        n = len(run)
        max_given = self.options["max_given_count"]
        for i, tok in enumerate(run if n > 1 else ()):
            if used[i] or _acronym(tok) or i in joints:
                continue
            best: tuple[tuple[int, int, int], int, int, FormRef, list[int]] | None = None  # ((score, -words, rank), start, end, ref, near idx)
            for p, m, refs in self._anchors(tok.key, index, memo):
                first = i - p
                if first < 0 or first + m > n or any(used[first:first + m]) or not any(slips[first:first + m]):
                    continue
                if joints and joints.isdisjoint(range(first, first + m)):  # (not a scan of every joint of a long chain)
                    continue
                window = run[first:first + m]
                window_lengths = [len(t.key) for t in window]
                owners = owner[first:first + m]
                for rank, ref, lengths in refs:
                    # a word more than two letters longer or shorter is no slip (cheap test first)
                    if any(abs(a - b) > 2 for a, b in zip(window_lengths, lengths)):
                        continue
                    verdict = self._align(window, ref, owners, lexicon, max_given)
                    if verdict is not None:
                        score, near = verdict
                        # fewest edits; then the longest form (more words agree); then index order
                        if best is None or (score, -m, rank) < best[0]:
                            best = ((score, -m, rank), first, first + m, ref, [first + k for k in near])
            if best is None:
                continue
            _, first, last, ref, near = best
            for k in range(first, last):
                used[k] = True
            yield self._near_hit(run[first:last], ref, [k - first for k in near], index, "anchored")

    def _align(self, window: Sequence[Tok], ref: FormRef, owners: Sequence[int | None], lexicon: Lexicon, max_given: int) -> tuple[int, list[int]] | None:
        """Score a window against a form: None unless every token is exact or a credible slip."""
        near: list[int] = []
        exact_anchor_strong = False
        exact_content = exact_all = 0
        total = 0
        for k, (tok, ftok) in enumerate(zip(window, ref.tokens)):
            if tok.key == ftok:
                if ftok in _CONNECTOR_WORDS:
                    continue  # "of", "and": no evidence of the name
                strong = lexicon.given_count(ftok) <= max_given and lexicon.zipf(ftok) < 4.0
                exact_anchor_strong = exact_anchor_strong or strong
                exact_all += 1
                exact_content += ftok not in PARTICLES
                continue
            if owners[k] == ref.entry or _acronym(tok) or not tok.key.isalpha():
                return None
            d = _distance(tok.key, ftok)
            if d is None:
                return None
            near.append(k)
            total += d
        if not near:
            return None
        # several words matching exactly are strong evidence together ("Islamic Revolutionary Gaurd Corps")
        exact_anchor_strong = exact_anchor_strong or exact_content >= 2 or exact_all >= 3
        for k in near:
            tok, ftok = window[k], ref.tokens[k]
            if lexicon.given_count(tok.key) > max_given:
                return None  # a real given name: another person, not a slip
            if lexicon.zipf(tok.key) >= COMMON_WORD_ZIPF:
                return None  # a common word: "Russian Foreign Minister" is not "... Ministry"
            if _other_number(tok.key, ftok) and lexicon.zipf(tok.key) >= self.options["common_word_zipf"]:
                return None  # the plural or singular of an English word: "Straits of Hormuz"
            if not exact_anchor_strong:
                # weak anchor (a common word or first name): only one-edit slips into unknown
                # words, or into a word far rarer than the name's own ("European Comission")
                if _distance(tok.key, ftok, 1) is None or not (
                        self._unknown_word(tok, None, lexicon) or _misspelt_word(tok.key, ftok, lexicon)):
                    return None
        return total, near

    def _damaged(self, run: Sequence[Tok], owner: Sequence[int | None], used: list[bool], index: NameSource, lexicon: Lexicon) -> Iterator[NameHit]:
        damaged_forms = getattr(index, "damaged_forms", None)
        if damaged_forms is None:
            return
        n = len(run)
        garbled_tokens = ["?" in t.text or "\ufffd" in t.text for t in run]
        if n == 1 and not garbled_tokens[0]:
            return  # one word with letters silently dropped is too often another name (Avana)
        common = [lexicon.zipf(t.key) >= 1.5 for t in run]
        if all(common) and not any(garbled_tokens):
            return
        i = 0
        while i < n:
            for j in range(min(n, i + 5), i, -1):
                window = run[i:j]
                if any(used[i:j]) or (j - i == 1 and owner[i] is not None):
                    continue  # (a longer window may hide a small known word: "Feijo" is also a town)
                if all(o is not None for o in owner[i:j]):
                    continue
                garbled = any(garbled_tokens[i:j])
                if not garbled and (j - i == 1 or all(common[i:j])):
                    continue  # one word with letters silently dropped is too often another name (Avana)
                refs = [r for r in damaged_forms(" ".join(t.key for t in window)) if index.entry(r.entry).kind in self._kinds]
                if len({r.entry for r in refs}) != 1:
                    continue  # nothing, or ambiguous
                for k in range(i, j):
                    used[k] = True
                yield NameHit(window[0].start, window[-1].end, refs[0].entry, "near", refs[0].form, "damaged")
                i = j
                break
            else:
                i += 1

    def _could_be_slip(self, tok: Tok, lexicon: Lexicon, max_given: int) -> bool:
        """Whether the word may be a misspelling that _align or _unanchored would correct: not an
        acronym, letters only, rarer than a common English word and not a common given name
        (remembered per word)."""
        found = self._slip_memo.get(tok.key)
        if found is None:
            key = tok.key
            # the loosest of _align's test of a near word and _unknown_word's
            found = (key.isalpha() and lexicon.zipf(key) < max(COMMON_WORD_ZIPF, self.options["common_word_zipf"])
                     and lexicon.given_count(key) <= max(max_given, 2))
            if len(self._slip_memo) > 200_000:
                self._slip_memo.clear()
            self._slip_memo[key] = found
        return found and not _acronym(tok)

    def _near_hit(self, window: Sequence[Tok], ref: FormRef, near: list[int], index: NameSource, how: str) -> NameHit:
        form_words = ref.form.split()
        words = []
        for k, tok in enumerate(window):
            if len(form_words) == len(window) and (k in near or tok.text.casefold() == form_words[k].casefold()):
                words.append(form_words[k])  # (a word the name has, in the name's own case: "von", "bin")
            else:
                words.append(tok.text)
        return NameHit(window[0].start, window[-1].end, ref.entry, "near", " ".join(words), how)

    def _unknown_word(self, tok: Tok, index: NameSource | None, lexicon: Lexicon) -> bool:
        """Neither an English word nor a known name token."""
        key = tok.key
        if lexicon.zipf(key) >= self.options["common_word_zipf"]:
            return False
        if lexicon.given_count(key) + lexicon.surname_count(key) >= 3:
            return False
        return index is None or not index.is_known_token(key)

    def _unanchored(self, run: Sequence[Tok], i: int, used: list[bool], owner: Sequence[int | None], index: NameSource, lexicon: Lexicon, in_document: set[int]) -> NameHit | None:
        tok = run[i]
        limit = 1 if len(tok.key) < 8 else 2
        candidates = index.fuzzy_tokens(tok.key, limit)
        if not candidates:
            return None
        # multi-word: the other tokens of a known name near their neighbours
        best: tuple[int, int, FormRef] | None = None
        for cand, dist in candidates:
            for ref in index.forms_with_token(cand):
                if index.entry(ref.entry).kind not in self._kinds:
                    continue
                for p, ftok in enumerate(ref.tokens):
                    if ftok != cand:
                        continue
                    first, m = i - p, len(ref.tokens)
                    if first < 0 or first + m > n_(run) or any(used[first:first + m]) or any(o is not None for o in owner[first:first + m]):
                        continue
                    total = 0
                    for tk, ft in zip(run[first:first + m], ref.tokens):
                        if tk.key != ft and lexicon.zipf(tk.key) >= COMMON_WORD_ZIPF:
                            total = -1
                            break
                        d = _distance(tk.key, ft, 1 if len(ft) < 8 else 2)
                        if d is None or lexicon.given_count(tk.key) > self.options["max_given_count"] and tk.key != ft:
                            total = -1
                            break
                        total += d
                    if total > 0 and (best is None or total < best[0]):
                        best = (total, first, ref)
        if best is not None:
            _, first, ref = best
            m = len(ref.tokens)
            for k in range(first, first + m):
                used[k] = True
            near = [k for k in range(m) if run[first + k].key != ref.tokens[k]]
            return self._near_hit(run[first:first + m], ref, near, index, "similar")
        # single word: a distinctive one-word place or organisation name, or the surname of
        # a person named elsewhere in the same article (surnames alone are too ambiguous)
        if len(tok.key) < self.options["min_single_length"]:
            return None
        targets: dict[str, tuple[int, FormRef]] = {}
        for cand, dist in candidates:
            if len(cand) < self.options["min_single_length"] or not _single_word_slip(tok.key, cand, dist):
                continue
            for ref in index.exact_forms(cand):
                entry = index.entry(ref.entry)
                if ref.relation not in ACCEPTED or entry.kind not in self._kinds or is_acronym(ref.form):
                    continue
                if entry.kind == "person":
                    self._context_used = True  # the result depends on the article: not cached
                    if ref.entry not in in_document:
                        continue
                targets.setdefault(ref.form, (dist, ref))
        if not targets:
            return None
        ranked = sorted(targets.values(), key=lambda t: t[0])
        best_dist = ranked[0][0]
        top = [r for d, r in ranked if d == best_dist]
        entries = {r.entry for r in top}
        if len(entries) != 1:
            return None  # ambiguous: two different names are equally close
        ref = top[0]
        used[i] = True
        return NameHit(tok.start, tok.end, ref.entry, "near", ref.form, "similar")

    # -- reporting ------------------------------------------------------------------------
    def check(self, ctx: CheckContext) -> Iterator[Match]:
        index = self.resources.names
        mode = self.options["mode"]
        closest: dict[tuple[int, str, bool], str] = {}  # per document: the same misspelling recurs
        for hit in self.analyse(ctx):
            entry = index.entry(hit.entry)
            if entry.kind not in self._kinds:
                continue
            found = ctx.text[hit.start:hit.end]
            if mode == "discouraged" and hit.relation == DISCOURAGED:
                if _inside_longer_name(ctx.text, hit.start, ctx.known_name_spans,
                                       self._title_data().catalogue.last_words if entry.kind == "person" else frozenset()):
                    continue  # "New England", "Bank of New England": another name, not the UK
                if entry.kind != "person" and _name_around(ctx.text, hit.start, hit.end, self.resources.lexicon):
                    continue  # "Banco di Roma", "Roma Gas", "Holland said": another name, not the place
                yield Match(Span(hit.start, hit.end), (entry.canonical,), safe=False,
                            message_vars=(("suggestion", entry.canonical), ("kind", entry.kind)))
            elif mode == "misspelling" and hit.relation in (MISSPELLING, "near"):
                if hit.how == "lowercase":
                    yield Match(Span(hit.start, hit.end), (hit.suggestion,), safe=True,
                                message_vars=(("suggestion", hit.suggestion), ("kind", entry.kind), ("entry", entry.canonical)),
                                message=_LOWERCASE_MESSAGE)
                    continue
                if hit.relation == "near":
                    suggestion = hit.suggestion
                else:
                    in_capitals = found.isupper() and line_style(ctx.text, hit.start, hit.end) == "upper"
                    suggestion = closest.get((hit.entry, found, in_capitals), "")
                    if not suggestion:
                        suggestion = closest[hit.entry, found, in_capitals] = _closest_accepted(entry, found, in_capitals)
                if fold(suggestion) == fold(found):
                    continue
                yield Match(Span(hit.start, hit.end), (suggestion,), safe=hit.how in ("anchored", "listed"),
                            severity=Severity.INFO if hit.how == "biography" else None,
                            message_vars=(("suggestion", suggestion), ("kind", entry.kind), ("entry", entry.canonical)),
                            message=_REVERSED_MESSAGE if hit.how == "reversed" else None)


_LOWERCASE_MESSAGE = "'{found}' is the surname of {kind} {entry} in lower case; write '{suggestion}'"
_REVERSED_MESSAGE = "'{found}' is {kind} {entry} with given name and surname swapped; write '{suggestion}'"
COMMON_WORD_ZIPF = 3.5  # a word this frequent in English is written on purpose, not a slip
RARE_SURNAME = 10  # a word ending at most this many biography titles is a rare surname

CORPORATE = frozenset(
    "inc corp co ltd plc llc lp sa ag nv bv gmbh spa ab as oy kk bhd pty group holdings securities "
    "bancorp bankshares industries corporation company cos".split()
)


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion (a-z) from `word`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


def _other_number(word: str, target: str) -> bool:
    """`word` is `target` with an "s" or "es" added or dropped ("straits" / "strait")."""
    if len(word) < len(target):
        word, target = target, word
    return word in (target + "s", target + "es")


MISSPELLING_ZIPF_GAP = 2.0  # a word this much rarer than a one-edit neighbour is mostly its misspelling


def _misspelt_word(word: str, target: str, lexicon: Lexicon) -> bool:
    """A word of the English word list that is mostly a misspelling of the name's word: far
    rarer than it ("comission" 2.1 beside "commission" 4.9, "untied" beside "united") and no
    given name or surname. Web word counts keep frequent misspellings, so "known word" alone
    does not mean "written on purpose"."""
    if lexicon.given_count(word) + lexicon.surname_count(word) >= 3:
        return False
    return lexicon.zipf(word) + MISSPELLING_ZIPF_GAP <= lexicon.zipf(target)


_WORD_BEFORE = regex.compile(r"(?:^|(?<=[^\w'’.\-]))(\p{Lu}[\w'’.\-]*)[ \u00a0]$")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n]|[.!?][\"”’')\]]+)[\s\"“‘'(\[]*$")


def _inside_longer_name(text: str, start: int, known: Sequence[tuple[int, int]], titles: frozenset[str] = frozenset()) -> bool:
    """Whether the word at `start` follows a capitalised word of the same run that does not
    begin a sentence and is no known name: then both are one longer name the dictionary does
    not know ("northern New England", "SportsChannel New England")."""
    before = text[max(0, start - 60):start]
    m = _WORD_BEFORE.search(before)
    if m is None or (len(m.group(1).rstrip(".")) > 1 and m.group(1).isupper()):
        return False  # (in an all-capital headline every word is capitalised: no sign of one name)
    word_start = start - len(before) + m.start(1)
    if _SENTENCE_START.search(text[max(0, word_start - 10):word_start]):
        return False
    if fold(m.group(1)) in titles:
        return False  # a title before a person's name: "Prime Minister Denis Shmygal"
    return not any(s <= word_start < e for s, e in known)


_FREQUENT_SURNAME = 50  # biography titles ending with the word
_PARTICLE_BEFORE = regex.compile(r"\p{Lu}[\w'’.\-]*[ \u00a0]+(?:di|de|da|del|della|do|dos|von|van|der)[ \u00a0]+$")
_WORD_AFTER = regex.compile(r"[ \u00a0]+(\p{Lu}[\w'’\-]*|said|says|added|told|stated|wrote)\b")
_GIVEN_BEFORE = regex.compile(r"(?:^|(?<=[^\w'’.\-]))(\p{Lu}\p{Ll}+)[ \u00a0]$")


def _name_around(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a discouraged place or organisation form is part of another name or a person here:
    after a foreign particle that follows a capitalised word ("Banco di Roma"), before a
    capitalised word that is no frequent given name ("Roma Gas", "Peking Review") or a reporting
    verb when the form is a frequent surname ("Holland said": a person), or after a frequent given name ("Tom Holland"). Lines in
    capitals are left to the other tests (every word is capitalised there)."""
    found = text[start:end]
    if found.isupper() and len(found) > 1:
        return False
    before = text[max(0, start - 40):start]
    if _PARTICLE_BEFORE.search(before):
        return True
    after = _WORD_AFTER.match(text, end)
    if after is not None:
        word = after.group(1)
        if word[:1].isupper():
            return not _frequent_given_name(word, lexicon)  # (not "Ambassador to Rangoon Anna Berg")
        if lexicon.surname_count(fold(found)) >= _FREQUENT_SURNAME:
            return True  # "Holland said": a person of that surname (not "Peking said")
    given = _GIVEN_BEFORE.search(before)
    return given is not None and _frequent_given_name(given.group(1), lexicon)


def _frequent_given_name(word: str, lexicon: Lexicon) -> bool:
    """A word many biography titles start with that is no very common English word (Tom, Anna;
    not "New", "Will")."""
    key = fold(word)
    return lexicon.given_count(key) > 30 and lexicon.zipf(key) < 5


def _single_word_slip(word: str, target: str, dist: int) -> bool:
    """A lone word is corrected only on strong evidence: one edit in a word of six letters or
    more, a swap of two letters, or two edits in a long word that keeps its first letter."""
    if dist == 1:
        if len(word) >= 6:
            return True
        from rapidfuzz.distance import Levenshtein

        return Levenshtein.distance(word, target) == 2  # an adjacent transposition (Toyko)
    return dist == 2 and len(word) >= 9 and word[0] == target[0]


def _closest_accepted(entry: Entry, found: str, in_capitals: bool = False) -> str:
    """The accepted spelling nearest to a listed misspelling (Erdowan -> Erdogan, Hongkong ->
    Hong Kong, OTAN -> NATO), rather than always the canonical full name. A word of a line in
    capitals (`in_capitals`: a headline) is no acronym for this: HONGKONG -> Hong Kong (put in
    capitals when the fix is made), not HK."""
    from rapidfuzz.distance import OSA

    forms = [entry.canonical, *entry.variants, *entry.aliases, *((entry.full_name,) if entry.full_name else ())]
    # an acronym is corrected to the acronym (OTAN -> NATO, not Nato), a name to a name
    if not in_capitals:
        written_as_acronym = is_acronym(found)
        forms = [f for f in forms if is_acronym(f) == written_as_acronym] or [entry.canonical]
    key = fold(found)
    return min(forms, key=lambda f: (OSA.distance(key, fold(f)), f != entry.canonical))


def n_(run: Sequence[Tok]) -> int:
    return len(run)


def _best_ref(refs: list[FormRef]) -> FormRef:
    """Prefer accepted forms over discouraged over misspellings when one spelling is several."""
    order = {DISCOURAGED: 1, MISSPELLING: 2}
    return min(refs, key=lambda r: (order.get(r.relation, 0), r.relation == ALIAS))


def _distance(a: str, b: str, limit: int | None = None) -> int | None:
    """OSA distance if it is a credible slip for the length, else None."""
    from rapidfuzz.distance import OSA

    if limit is None:
        limit = 1 if len(b) <= 3 else 2
    d = OSA.distance(a, b, score_cutoff=limit)
    if d > limit:
        return None
    if d == 2 and (a[0] != b[0] or len(b) < 4):
        return None
    return d
