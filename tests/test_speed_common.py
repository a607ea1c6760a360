"""Fast paths of the shared per-document helpers and of the rules' cheap first tests give the
same answers as the plain expressions they stand in for (invented text)."""

from __future__ import annotations

import random
from typing import Any
import re
import time
from pathlib import Path

import pytest

from newslint import Linter

from newslint.document import Document
from newslint.resources import Resources
from newslint.rules.kinds.base import CheckContext
from newslint.termindex import normalise

_PLAIN_LETTER_RUN = re.compile(r"[^\W\d_]+")


@pytest.mark.parametrize("text", [
    "The Ferrywick council met on Tuesday; it's 12 km (7.5 miles) away_from the x2y port.\n\tDone!",
    "Mayor Olvena Trask-Birley said: \"We'll rebuild 3,400 homes by 2031.\" [citation]",
    "Le conseil de Brévanne s’est réuni — 14 élus, “unanimement”, ont voté. Straße, İstanbul, ǅemal.",
    "",
    "1234 5678 -- ...",
])
def test_letter_runs_are_the_runs_of_letters_of_the_lower_cased_text(text: str) -> None:
    ctx = CheckContext(Document(text, "x.txt"), Resources())
    expected = _PLAIN_LETTER_RUN.findall(normalise(text, True))
    assert ctx.letter_runs() == expected
    assert ctx.letter_run_set() == frozenset(expected)


# --- existence patterns that fill a line (anchor_line): tried at line starts only ---------------

def _line_rule(tmp_path: Path, patterns: list[str], timeout: float | None = None) -> Path:
    lines = ["id: NL985", "name: whole-line", "kind: existence", "severity: warning", "message: \"'{found}' found\"",
             "options:", "  anchor_line: true", "  suggestion: ''", "  patterns:", *[f"    - '{p}'" for p in patterns]]
    if timeout is not None:
        lines.append(f"  timeout: {timeout}")
    path = tmp_path / "NL985-whole-line.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_PIECES = ["Hear more", "Hear  more", "Tip line", "tip\nline", ":", " ", "\t", "\n", "\n", "\r", "\u2028", "x", "Quay news.",
           "…", ".", "Hear", "more", "tip", "line", "Hear more: the quay", " »"]


@pytest.mark.parametrize("patterns", [
    [r"hear\s+more(?:\s*[:»]\s*\S.{0,40})?", r"tip\s+line", r"hear\s*"],
    [r"(?<=\n)quay\s+news", r"x?", r"tip"],  # a look-behind; an empty match (finditer's own stepping)
])
def test_whole_line_matches_are_those_of_the_plain_expression(tmp_path: Path, patterns: list[str]) -> None:
    linter = Linter(rule_paths=[_line_rule(tmp_path, patterns)], select=["NL985"])
    rule = linter.engine.rules[0]
    plain = rule._pattern  # noqa: SLF001 - the one expression the rule stands for
    rnd = random.Random(11)
    texts = ["Hear more\n\nTip line\nHear\nmore", "Quay news.\nHear more: the quay\n", "tip\n\ntip\n", "x\nx\n\nx"]
    texts += ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    flagged = 0
    for text in texts:
        expected = [(m.start(), m.end()) for m in plain.finditer(text)]
        found = [(m.start(), m.end()) for m in rule._found(text)]  # noqa: SLF001
        assert found == expected, text
        flagged += bool(found)
    assert flagged > 100  # the texts do hold such lines
    assert not list(rule.check(CheckContext(Document("We will hear more from the tip line later.", "x.txt"), rule.resources)))


@pytest.mark.parametrize("text", [
    "A quay.\n" + "a" * 60 + "c\n",  # one line far over the limit
    ("a" * 29 + "c\n") * 12,  # each line well under it, all of them over: the budget is the document's
])
def test_whole_line_search_keeps_the_time_limit(tmp_path: Path, text: str) -> None:
    linter = Linter(rule_paths=[_line_rule(tmp_path, ["(?:a|aa)+b"], timeout=0.3)], select=["NL985"])
    start = time.perf_counter()
    findings = linter.check_text(text)
    assert len(findings) == 1 and "time limit of 0.3 s" in findings[0].message
    assert time.perf_counter() - start < 0.3 + 4.0


# --- term lists: the terms a text may hold (its runs of letters) looked for one by one ----------

_TERMS = ["cold snap", "snap", "Snap Election", "u.s. envoy", "vis-a-vis", "vis", "tit for tat", "don't", "1,000",
          "Émile Zola", "émile", "Zola", "per cent", "cent", "O'Brien", "rock'n'roll", "über", "a.m."]
_WORDS = ["cold", "Cold", "snap", "Snap", "snapped", "election", "Election", "U.S.", "u.s.", "envoy", "vis-a-vis",
          "vis", "visa", "tit", "for", "tat", "don't", "dont", "1,000", "11,000", "Émile", "émile", "Emile", "Zola",
          "zola", "per", "cent", "percent", "O'Brien", "O’Brien", "rock'n'roll", "über", "Über", "a.m.", "am", "_vis",
          "ΣΑΣ", "İzmir", "straße"]
_GLUE = [" ", " ", "  ", "\n", "-", "–", "'", "’", ", ", ". ", "(", ")", "_", "\u00a0"]


@pytest.mark.parametrize("ignore_case", [True, False])
@pytest.mark.parametrize("find_limit", [0, 3, 10_000])
def test_term_matches_found_by_letter_runs_are_those_of_the_automaton(
        monkeypatch: pytest.MonkeyPatch, ignore_case: bool, find_limit: int) -> None:
    from newslint import termindex
    from newslint.termindex import TermIndex, share_automata

    monkeypatch.setattr(termindex, "FIND_LIMIT", find_limit)
    rnd = random.Random(23)
    indexes = [TermIndex(_TERMS[:9], ignore_case), TermIndex(_TERMS[6:], ignore_case, hyphen_joins=False)]
    share_automata(indexes)
    flagged = 0
    for _ in range(4000):
        text = "".join(rnd.choice(_WORDS) + rnd.choice(_GLUE) for _ in range(rnd.randint(1, 14)))
        hay = normalise(text, ignore_case)
        for index in indexes:
            by_runs = list(index.finditer(text, hay))  # the text given: its runs of letters say which terms to look for
            index.group._last = None  # noqa: SLF001 - searched again, by the automaton alone
            by_automaton = [m for m in index.group.matches(hay, index.slot)]
            index.group._last = None  # noqa: SLF001
            assert [m for m in index.group.matches(hay, index.slot, text)] == by_automaton, text
            index.group._last = None  # noqa: SLF001
            assert by_runs == [m for m in index.finditer(text, hay)]
            flagged += bool(by_runs)
    assert flagged > 1000


# --- quotes: only the marks that can act are looked at ------------------------------------------

def _quoted_ranges_reference(text: str) -> list[tuple[int, int]]:
    """quoted_ranges as it was: every quote mark and apostrophe looked at."""
    from bisect import bisect_right

    from newslint.textutil import _QUOTE_PAIRS, _SINGLE_CLOSER, _opens_single, paragraphs

    ranges: list[tuple[int, int]] = []
    closers: dict[str, list[int]] | None = None
    for para_start, para_end in paragraphs(text):
        open_at, closer, skip_to = -1, "", para_start
        for m in re.finditer("[“”«»„‹›\"‘’']", text[:para_end]):
            c, i = m.group(), m.start()
            if i < para_start or i < skip_to:
                continue
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


def test_quoted_ranges_are_those_found_by_looking_at_every_mark() -> None:
    from newslint.textutil import quoted_ranges

    rnd = random.Random(41)
    pieces = ["the", "port", "it's", "Ferrywick's", "rock", "'n", "roll", "'90s", "We", "never", "fine,", "said", "x",
              "'", "‘", "’", "\"", "“", "”", "«", "»", "„", "‹", "›", "(", ")", "[", "—", "-", "/", "²", "\n", "\n\n",
              "\n \n", "\r\n", "\u00a0", "\t", "_"]
    quoted = 0
    for _ in range(6000):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", " ", ""]) for _ in range(rnd.randint(0, 30)))
        found = quoted_ranges(text)
        assert found == _quoted_ranges_reference(text), repr(text)
        quoted += bool(found)
    assert quoted > 2000


@pytest.mark.parametrize("name, plain", [
    ("newslint.rules.kinds.boilerplate:_CITATION",
     r"(?<=[^\W_]|[.,;:!?”\"’)])\[(?:\d{1,3}|citation needed|note \d{1,3}|[a-z])\](?:\[(?:\d{1,3}|[a-z])\])*"),
    ("newslint.textutil:_SINGLE_CLOSER", r"(?<=\S)['’](?![^\W_])"),
])
def test_expressions_led_by_a_literal_match_as_their_look_behind_form(name: str, plain: str) -> None:
    """Rewritten to open with the mark they find (fast to search for) instead of a look-behind
    (tried at every position); the same matches on random text."""
    import importlib

    module, attribute = name.split(":")
    fast = getattr(importlib.import_module(module), attribute)
    reference = re.compile(plain)
    rnd = random.Random(5)
    pieces = ["[", "]", "1", "12", "1234", "a", "Z", "_", " ", ".", ",", "”", "\"", "’", ")", "(", "citation needed",
              "note 4", "é", "'", "\n", "²", "[ad]", "[1]", "[23]", "[b]", "[citation needed]", "[note 7]"]
    found = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 15)))
        expected = [m.span() for m in reference.finditer(text)]
        assert [m.span() for m in fast.finditer(text)] == expected, text
        found += bool(expected)
    assert found > 2000


# --- titles: only the lengths of the titles ending in the last word are tried -------------------

def _match_title_reference(cat: Any, before: str) -> Any:
    """titles.match_title as it was: every title length tried, words read from 200 characters back."""
    from newslint.rules.kinds.titles import _MODIFIERS, _WORD, TitleMatch, country_key
    from newslint.textutil import fold

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


def test_match_title_finds_what_trying_every_length_finds() -> None:
    from newslint.rules.kinds.titles import match_title

    rule = next(r for r in Linter(select=["NL103"]).engine.rules if r.spec.id == "NL103")
    cat = rule.catalogue()
    titles = sorted(cat.classes)
    places = sorted(cat.countries)
    rnd = random.Random(47)
    filler = ["the", "said", "on", "Tuesday", "Ferrywick", "council", "of", "and", "former", "ex-", "then-", "new",
              "Deputy", "\n", "’s", "'", ",", ".", "(", "Zürich", "¨", "ﬁrst", "İl", "-", "`"]
    found = 0
    for _ in range(6000):
        parts = []
        for _ in range(rnd.choice([rnd.randint(1, 5), rnd.randint(10, 40)])):  # short, and past 120 and 200 characters
            pick = rnd.random()
            if pick < 0.35:
                parts.append(rnd.choice(titles))
            elif pick < 0.55:
                parts.append(rnd.choice(places))
            else:
                parts.append(rnd.choice(filler))
        text = " ".join(p.title() if rnd.random() < 0.5 else p for p in parts).replace("- ", rnd.choice(["-", "- "]))
        before = text + rnd.choice([" ", "  ", "\n", " \t"])
        expected = _match_title_reference(cat, before)
        assert match_title(cat, before) == expected, repr(before)
        found += expected is not None
    assert found > 2000


# --- fuzzy phrases: only the words a window around an anchor can hold are read ------------------

def _fuzzy_reference(rule: Any, text: str, hay: str) -> list[tuple[int, int, str]]:
    """NL202 as it was: every word of the ±60-character neighbourhood of each anchor read."""
    from newslint.rules.kinds.fuzzy_phrase import _TOKEN
    from newslint.textutil import strip_accents

    best: dict[tuple[int, int], tuple[float, int]] = {}
    for a_start, a_end in rule._anchor_index.finditer(text, hay):
        lo = text.rfind(" ", 0, max(0, a_start - 60)) + 1
        hi = text.find(" ", min(len(text), a_end + 60))
        tokens = [(m.start(), m.end(), low, low if low.isascii() else strip_accents(low))
                  for m in _TOKEN.finditer(text, lo, hi if hi >= 0 else len(text))
                  for low in (m.group(0).lower().replace("'", "").replace("’", ""),)]
        rule._scan(text, tokens, a_start, best)
    return [(m.span.start, m.span.end, m.suggestions[0]) for m in rule._matches(text, best)]


def test_fuzzy_phrase_windows_are_those_of_the_whole_neighbourhood() -> None:
    rule = next(r for r in Linter(select=["NL202"]).engine.rules if r.spec.id == "NL202")
    phrases = rule.options["phrases"]
    rnd = random.Random(31)
    filler = ["the", "council", "said", "on", "Tuesday", "that", "a", "deal", "was", "near", "Ferrywick", "ports", "–",
              "and", "its", "rivals", "would", "wait", "of", "to", "in", "café", "naïve", "U.S.-China", "o'", "—", "...",
              "rock'n'roll", "1,200", "x"]

    def garble(word: str) -> str:
        if len(word) < 3 or rnd.random() < 0.5:
            return word
        i = rnd.randrange(len(word))
        return rnd.choice([word[:i] + word[i + 1:], word[:i] + rnd.choice("aeiourst") + word[i + 1:], word.upper(),
                           word.title(), "o'" + word])

    flagged = 0
    for _ in range(2500):
        parts: list[str] = []
        for _ in range(rnd.randint(1, 6)):
            parts += [rnd.choice(filler) for _ in range(rnd.choice([0, 1, 3, 12, 30]))]
            parts += [garble(w) for w in re.split(r"(?<=-)|\s+", rnd.choice(phrases))]
        text = rnd.choice([" ", " ", "  ", "\n"]).join(parts).replace("- ", rnd.choice(["-", " - ", "- "]))
        ctx = CheckContext(Document(text, "x.txt"), rule.resources)
        found = [(m.span.start, m.span.end, m.suggestions[0]) for m in rule.check(ctx)]
        assert found == _fuzzy_reference(rule, text, ctx.normalised(True)), text
        flagged += bool(found)
    assert flagged > 300


def test_term_groups_made_in_threads_at_once_all_find_their_terms() -> None:
    """The runs of letters that index every group are one shared set: groups made concurrently
    must each be found in it (a lost update would hide a group's terms)."""
    from concurrent.futures import ThreadPoolExecutor

    from newslint.termindex import TermIndex

    words = [f"quay{chr(97 + i)}{chr(97 + j)}" for i in range(26) for j in range(26)]

    def make(k: int) -> TermIndex:
        return TermIndex([f"{words[k]} berth"], ignore_case=True)

    with ThreadPoolExecutor(8) as pool:
        indexes = list(pool.map(make, range(len(words))))
    for k, index in enumerate(indexes):
        text = f"The {words[k]} berth reopened."
        assert list(index.finditer(text)) == [(4, 4 + len(words[k]) + 6)]
