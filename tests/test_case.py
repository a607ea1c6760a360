"""The case of a replacement, applied once in the engine (engine.cased, textutil.match_case) for
every rule kind: a fix keeps the case pattern of what it replaces, a Title Case headline gets its
suggestion in Title Case and an ALL CAPS line in capitals, a sentence start stays capitalised,
and a suggestion that carries its own capitals (a name, an acronym, "Oval Office") keeps them.

Each kind is tried on invented sentences; the words the rules match are the built-in rules' own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newslint.api import Linter
from newslint import textutil

LINTER = Linter()


def suggestions(text: str, rule: str, when: date | None = None, linter: Linter = LINTER) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.matched, f.suggestions) for f in linter.check_text(text, when) if f.rule_id == rule]


# --- substitution (NL201 tortured phrases, NL203 organisation names, NL206 calques) -------------

@pytest.mark.parametrize("text, expected", [
    ("Talks went on as Prime Priest Keir Starmer arrived.", [("Prime Priest", ("Prime Minister",))]),
    ("Officials said the ceasefire contract held.", [("ceasefire contract", ("ceasefire deal",))]),
    ("Ceasefire contract holds, officials said.", [("Ceasefire contract", ("Ceasefire deal",))]),
    ("Leaders Sign Ceasefire Contract After Long Talks\n\nThe text.", [("Ceasefire Contract", ("Ceasefire Deal",))]),
    ("LEADERS SIGN CEASEFIRE CONTRACT\n\nThe text.", [("CEASEFIRE CONTRACT", ("CEASEFIRE DEAL",))]),
])
def test_substitution_keeps_the_case_of_what_it_replaces(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert suggestions(text, "NL201") == expected


def test_prime_priest_is_fixed_to_prime_minister_with_capitals(tmp_path: Path) -> None:
    """The issue's example, through --fix: the fixed text reads 'Prime Minister Keir Starmer'."""
    from newslint.document import Document
    from newslint.fixer import fix_until_stable

    outcome = fix_until_stable(LINTER, Document("Talks went on as Prime Priest Keir Starmer arrived.\n", "a.txt"))
    assert outcome.text == "Talks went on as Prime Minister Keir Starmer arrived.\n"


def test_an_organisation_name_keeps_its_own_capitals() -> None:
    """NL203's suggestion is a proper noun: its capitals stay whatever the found case."""
    assert suggestions("They blamed the Federal Security Agency for it.", "NL203") == [
        ("Federal Security Agency", ("Federal Security Service",))]
    assert textutil.match_case("federal security agency", "Federal Security Service") == "Federal Security Service"


@pytest.mark.parametrize("text, expected", [
    ("The ministers stay with folded arms while prices rise.", [("stay with folded arms", ("sit idly by",))]),
    ("Ministers Stay With Folded Arms As Prices Rise\n\nText.", [("Stay With Folded Arms", ("Sit Idly By",))]),
    ("MINISTERS STAY WITH FOLDED ARMS AS PRICES RISE\n\nText.", [("STAY WITH FOLDED ARMS", ("SIT IDLY BY",))]),
])
def test_calques_take_the_case_of_the_line(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert suggestions(text, "NL206") == expected


# --- fuzzy_phrase (NL202) ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("It was a The-for-TAT move by both sides.", [("The-for-TAT", ("tit-for-tat",))]),  # garbled case: as written
    ("Tit-for-tit strikes went on all week.", [("Tit-for-tit", ("Tit-for-tat",))]),  # sentence case kept
    ("Talks. The-for-TAT strikes went on.", [("The-for-TAT", ("Tit-for-tat",))]),  # a sentence start
])
def test_fuzzy_phrase_case(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert suggestions(text, "NL202") == expected


# --- capitalisation (NL204, NL205): the suggestion IS the case; it is never undone -----------------

@pytest.mark.parametrize("rule, text, expected", [
    ("NL204", "They met in the oval office on Monday.", [("oval office", ("Oval Office",))]),
    ("NL204", "Oval office staff left early.", [("Oval office", ("Oval Office",))]),
    ("NL205", "The russian troops withdrew on Monday.", [("russian", ("Russian",))]),
    ("NL205", "Troops Left At The Request Of france\n\nText.", [("france", ("France",))]),
])
def test_capitalisation_is_not_undone(rule: str, text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert suggestions(text, rule) == expected


# --- names (NL101): a name keeps its own case --------------------------------------------------------

def test_names_keep_their_own_case() -> None:
    assert suggestions("Talks went on. Kiel Starmer arrived.", "NL101") == [("Kiel Starmer", ("Keir Starmer",))]
    assert suggestions("The alliance, OTAN, met.", "NL101") == [("OTAN", ("NATO",))]  # an acronym
    # the particles as the name writes them, not as the found text or a Title Case rule would
    assert suggestions("Talks went on with Ursula Von Der Lyen.", "NL101") == [
        ("Ursula Von Der Lyen", ("Ursula von der Leyen",))]
    assert suggestions("Talks went on with Mohammed Bin Salmn.", "NL101") == [
        ("Mohammed Bin Salmn", ("Mohammed bin Salman",))]


# --- titles (NL103) -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Talks went on as President Keir Starmer arrived.", [("President Keir Starmer", ("Prime Minister Keir Starmer",))]),
    ("PRESIDENT KEIR STARMER ARRIVES IN KYIV\n\nText.", [("PRESIDENT KEIR STARMER", ("PRIME MINISTER KEIR STARMER",))]),
    ("Talks went on as President Joe Biden arrived.", [("President Joe Biden", ("former President Joe Biden",))]),
    ("President Joe Biden arrived on Monday.", [("President Joe Biden", ("Former President Joe Biden",))]),
])
def test_titles_case(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert suggestions(text, "NL103", date(2026, 3, 1)) == expected


# --- existence, fixed suggestion and replacement from the match -----------------------------------

RULE = """id: NL990
name: wordy-phrase
kind: existence
severity: warning
message: "'{found}': write '{suggestion}'"
options:
  ignore_case: true
  patterns: ['in the frame of']
  suggestion: as part of
"""


@pytest.mark.parametrize("text, expected", [
    ("They met in the frame of the talks.", "as part of"),
    ("In the frame of the talks, they met.", "As part of"),
    ("Leaders Meet In The Frame Of Talks\n\nText.", "As Part Of"),
    ("LEADERS MEET IN THE FRAME OF TALKS\n\nText.", "AS PART OF"),
])
def test_existence_suggestion_case(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "NL990.yaml").write_text(RULE, encoding="utf-8")
    linter = Linter(select=["NL990"], rule_paths=[tmp_path])
    assert [s for _, s in suggestions(text, "NL990", linter=linter)] == [(expected,)]


def test_existence_replacement_from_the_match() -> None:
    """NL207 builds its suggestion from the match's own words: nothing to recase."""
    assert suggestions("Madrid, 12 of April - Talks went on.", "NL207") == [("12 of April", ("12 April",))]


# --- the function itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("found, replacement, style, first, expected", [
    ("Prime Priest", "prime minister", "", False, "Prime Minister"),
    ("Sit-In", "sit-down", "", False, "Sit-Down"),
    ("In A Sit-In With", "in a sit-down with", "title", False, "In A Sit-Down With"),
    ("Tit For Tit", "tit-for-tat", "title", False, "Tit-For-Tat"),
    ("Ceasefire Contract", "ceasefire deal", "title", False, "Ceasefire Deal"),
    ("ceasefire", "truce", "upper", False, "TRUCE"),
    ("UK", "Britain", "", False, "Britain"),  # a short acronym: its expansion as written
    ("iphone", "iPhone", "", True, "iPhone"),  # camel case kept at a sentence start
    ("federal security agency", "Federal Security Service", "", False, "Federal Security Service"),
    ("Bashar Al-Asad", "Bashar al-Assad", "", False, "Bashar al-Assad"),
    ("The the", "The", "", True, "The"),
    ("x", "", "", False, ""),
])
def test_match_case(found: str, replacement: str, style: str, first: bool, expected: str) -> None:
    assert textutil.match_case(found, replacement, style, first) == expected


@pytest.mark.parametrize("text, style", [
    ("Leaders Sign a Ceasefire Deal in Geneva", "title"),
    ("LEADERS SIGN A CEASEFIRE DEAL", "upper"),
    ("Leaders signed a ceasefire deal in Geneva", ""),
    ("The talks went on. Leaders Sign A Deal", ""),  # a full stop inside: prose
    ("Keir " * 100, ""),  # longer than a headline
])
def test_line_style(text: str, style: str) -> None:
    assert textutil.line_style(text, 0, 4) == style
