"""What machine translation from French, Spanish or Italian leaves in English news: calqued
idioms (NL206), word-for-word organisation names (NL203) and attribution verbs (NL401)."""

from __future__ import annotations

import pytest

from newslint.api import _default_linter

LINTER = _default_linter(("NL203", "NL206", "NL401"), None)


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.matched, f.suggestions[0] if f.suggestions else "") for f in LINTER.check_text(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Europe cannot remain with arms crossed while Gaza starves, she said.",
     [("NL206", "remain with arms crossed", "sit idly by")]),
    ("The Organization of the United Nations and the World Organisation of Health appealed for aid.",
     [("NL203", "Organization of the United Nations", "United Nations"),
      ("NL203", "World Organisation of Health", "World Health Organisation")]),
    ("A ceasefire deal was close. The drop that made the glass overflow was the shelling of the port.",
     [("NL206", "The drop that made the glass overflow", "The last straw")]),
])
def test_calques_are_flagged_with_the_english_expression(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_calque_fixes_are_never_applied_automatically() -> None:
    """The English idiom may need another tense or pronoun ("stayed with folded arms")."""
    [finding] = LINTER.check_text("The West cannot stay with folded arms.")
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"


def test_verbs_translation_carries_over_count_as_attribution() -> None:
    """"he underlined" (il a souligné) attributes a quote as "he said" does: a quote with only it
    is flagged, and a named speaker with it attributes the quote."""
    text = "The ministry said five civilians died.\n\n“This is a war crime,” he underlined."
    assert found(text) == [("NL401", "he underlined", "")]
    named = "Dmytro Kuleba pointed out that five civilians died. “This is a war crime,” he underlined."
    assert found(named) == []
    # "indicated", "specified" count next to a pronoun only: after "the" they are adjectives
    assert found("The toll rose.\n\n“We will rebuild,” he indicated.") == [("NL401", "he indicated", "")]


@pytest.mark.parametrize("text", [
    "“We will not sit idly by,” the minister said, and returned to the negotiating table.",
    "He stood with his arms folded while the forces of law and order cleared the square.",
    "The United Nations and the World Health Organization appealed for aid.",
    "The economist underlined the figures in red before the meeting.",
])
def test_idiomatic_english_passes(text: str) -> None:
    assert found(text) == []


NUMBERS = _default_linter(("NL313", "NL314"), None)


def test_foreign_number_separators_are_flagged() -> None:
    text = "Some 1.200 people fled and the damage reached 2,5 billion euros, or 3,7% of output."
    found = [(f.rule_id, f.matched, f.suggestions[0], f.fix.applicability.value if f.fix else "")
             for f in NUMBERS.check_text(text)]
    assert found == [("NL314", "1.200", "1,200", "safe"), ("NL313", "2,5", "2.5", "unsafe"), ("NL313", "3,7", "3.7", "unsafe")]


@pytest.mark.parametrize("text", [
    "Some 1,200 people fled and the damage reached 2.5 billion euros, or 3.7% of output.",
    "Gold output fell to 9.223 tonnes; the euro rose to 1.234 dollars; 12,000 troops and 1,500,000 people.",
    "The vote was 5,4 in favour; rows 1,2 and 3; the population reached 1.200.000 inhabitants.",
])
def test_english_numbers_pass(text: str) -> None:
    assert NUMBERS.check_text(text) == []


DATES = _default_linter(("NL207",), None)


def test_day_of_month_calque() -> None:
    text = "Madrid, 12 of April (EFE). The vote is on the 3 of May."
    assert [(f.matched, f.suggestions[0]) for f in DATES.check_text(text)] == [("12 of April", "12 April"), ("3 of May", "3 May")]


@pytest.mark.parametrize("text", [
    "The vote is on the 3rd of May, two of March’s ships and 2 of March’s cargoes were late.",
    "Coastal Timber Charters 2 of June 14, agents say.",
    "Figures for 1 of the 12 months of 2024 were revised.",
])
def test_english_dates_pass(text: str) -> None:
    assert DATES.check_text(text) == []
