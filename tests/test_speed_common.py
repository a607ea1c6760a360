"""Fast paths of the shared per-document helpers and of the rules' cheap first tests give the
same answers as the plain expressions they stand in for (invented text)."""

from __future__ import annotations

import random
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
