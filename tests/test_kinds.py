"""Unit tests of the phrase kinds' mechanics: term search boundaries, case keeping,
longest match first, fuzzy phrase credibility."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.api import _default_linter
from newslint.termindex import TermIndex
from newslint.textutil import match_case


def spans(index: TermIndex, text: str) -> list[str]:
    return [text[s:e] for s, e in index.finditer(text)]


def test_term_index_whole_words_longest_first() -> None:
    index = TermIndex(["new york", "new york times", "tat"])
    assert spans(index, "The New York Times and New York.") == ["New York Times", "New York"]
    assert spans(index, "tatters, tat-tat and Tat's") == ["Tat"]
    assert spans(index, "New\nYork") == ["New\nYork"]  # a line break is whitespace


def test_term_index_keeps_offsets_with_unicode_before() -> None:
    index = TermIndex(["ceasefire contract"])
    text = "İstanbul 🙂 — a ceasefire contract"
    (s, e), = list(index.finditer(text))
    assert text[s:e] == "ceasefire contract"


def test_term_index_finds_a_term_inside_a_longer_partial_one() -> None:
    # the text ends inside "the oval office room": a leftmost-longest automaton alone lost "oval office"
    index = TermIndex(["oval office", "the oval office room"])
    assert spans(index, "He spoke in the oval office") == ["oval office"]
    assert spans(index, "He spoke in the oval office room.") == ["the oval office room"]
    # a match that starts inside a word neither counts nor hides the real one overlapping it
    assert spans(TermIndex(["new york", "york times"]), "Renew York Times") == ["York Times"]


def test_shared_automaton_gives_each_index_its_own_matches() -> None:
    import random

    from newslint.termindex import share_automata

    random.seed(7)
    words = ["new", "york", "times", "state", "department", "of", "justice", "tat", "tit", "for"]
    term_lists = [[" ".join(random.sample(words, random.randint(1, 3))) for _ in range(6)] for _ in range(4)]
    alone = [TermIndex(terms) for terms in term_lists]
    shared = [TermIndex(terms) for terms in term_lists]
    share_automata(shared)
    assert all(index.group is shared[0].group is not None for index in shared)
    for _ in range(300):
        text = " ".join(random.choice(words + ["x", "New", "STATE"]) for _ in range(random.randint(0, 25)))
        hay = text.lower()
        assert [list(i.finditer(text, hay)) for i in shared] == [list(i.finditer(text)) for i in alone]


@pytest.mark.parametrize(("found", "replacement", "expected"), [
    ("ceasefire contract", "ceasefire deal", "ceasefire deal"),
    ("Ceasefire contract", "ceasefire deal", "Ceasefire deal"),
    ("CEASEFIRE CONTRACT", "ceasefire deal", "CEASEFIRE DEAL"),
    ("federal security agency", "Federal Security Service", "Federal Security Service"),
])
def test_match_case(found: str, replacement: str, expected: str) -> None:
    assert match_case(found, replacement) == expected


def test_substitution_keeps_sentence_case_and_is_safe_outside_quotes() -> None:
    linter = _default_linter(("NL201",), None)
    (f,) = linter.check_text("Ceasefire contract talks resumed.")
    assert f.suggestions == ("Ceasefire deal",) and f.fix_safe
    (q,) = linter.check_text("“The ceasefire contract is dead,” he said.")
    assert not q.fix_safe  # never auto-fixed inside a direct quote


def test_fuzzy_phrase_leaves_real_words_alone() -> None:
    linter = _default_linter(("NL202",), None)
    for clean in ("The market saw a change of mood.", "Silver mining shares rose.", "Force majeure was declared on Monday.",
                  "The two teams met head to head.", "It was a tit for tat exchange."):
        assert linter.check_text(clean) == [], clean
    (f,) = linter.check_text("The expulsions were a The-for-TAT exchange.")
    assert f.suggestions == ("tit-for-tat",) and not f.fix_safe


def test_existence_requires_gates_the_patterns_and_replacement_uses_named_groups(tmp_path: Path) -> None:
    from newslint import Linter

    (tmp_path / "NL990.yaml").write_text(
        "id: NL990\nname: euro-amount\nkind: existence\nseverity: warning\nmessage: \"'{found}': write '{suggestion}'\"\n"
        "options:\n  requires: 'price'\n  patterns: ['(?P<n>\\d+) EUR']\n  replacement: '€\\g<n>'\n", encoding="utf-8")
    linter = Linter(builtin=False, rule_paths=[tmp_path])
    found = [(f.matched, f.suggestions[0]) for f in linter.check_text("The price was 40 EUR, or 35 EUR.")]
    assert found == [("40 EUR", "€40"), ("35 EUR", "€35")]
    # the patterns match here, but the text lacks what `requires` names: it is not searched
    assert linter.check_text("It cost 40 EUR.") == []


def test_a_long_term_list_is_searched_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_DFA_TERMS the automaton is built another way: the matches must not change."""
    import newslint.termindex as termindex

    terms = ["oval office", "the oval office room", "state department", "b", "abb"]
    text = "He spoke in the oval office; the state department and aab abb b."
    expected = spans(TermIndex(terms), text)
    monkeypatch.setattr(termindex, "MAX_DFA_TERMS", 2)
    assert spans(TermIndex(terms), text) == expected == ["oval office", "state department", "abb", "b"]
