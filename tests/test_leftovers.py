"""Issue 19: translation leftovers, slips, misspelled words and scraper debris, found by
mechanism. Every text here is invented; each rule must flag its damage and leave clean text
alone."""

from __future__ import annotations

import pytest

from newslint.api import _default_linter
from newslint.model import Finding


def run(rule: str, text: str) -> list[Finding]:
    return [f for f in _default_linter((rule,), None).check_text(text) if f.rule_id == rule]


# --- stray and doubled full stops (NL315), a word doubled across a stop (NL302) ---------------

@pytest.mark.parametrize(("text", "found"), [
    ("The dam was finished. in record time, the engineers said.", "."),
    ("Ferry services stopped at noon. because of the gale.", "."),
    ("The rebate reaches pensioners next month. .", ". ."),
    ("Bakers raised bread prices again..", ".."),
])
def test_stray_and_doubled_full_stops(text: str, found: str) -> None:
    findings = run("NL315", text)
    assert [f.matched for f in findings] == [found]


@pytest.mark.parametrize("text", [
    "The dam was finished. In record time, the engineers said.",
    "Output was approx. twelve barrels, according to Lindqvist et al. in their paper.",
    "Mail tips@example.net. or visit example.net. today",
    "The count went on... and on.",
    "Forecast table: Alpha....7.50..8.25",
    "Vitamin levels were 2.5 vs. three units.",
])
def test_full_stops_left_alone(text: str) -> None:
    assert run("NL315", text) == []


def test_word_doubled_across_a_stray_full_stop() -> None:
    findings = run("NL302", "The ruling is expected tomorrow. tomorrow at ten.")
    assert [(f.matched, f.suggestions[0], f.fix_safe) for f in findings] == [("tomorrow. tomorrow", "tomorrow", False)]
    assert run("NL302", "We waited and waited. Waited until dawn.") == []


# --- a subject or an auxiliary written twice (NL316, NL317) ---------------------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("The harbour master She warned that the pier was unsafe.", "master She", "master"),
    ("Kowalczyk He insisted the vote had been fair.", "Kowalczyk He", "Kowalczyk"),
    ("Both unions They will strike on Thursday.", "unions They", "unions"),
])
def test_subject_written_twice(text: str, found: str, suggestion: str) -> None:
    findings = run("NL316", text)
    assert [(f.matched, f.suggestions[0]) for f in findings] == [(found, suggestion)]


@pytest.mark.parametrize("text", [
    "The harbour master left early. She warned that the pier was unsafe.",
    "Reporters asked whether They Live would be screened.",
    "The preacher said He is risen, to applause.",
    "MADRID She said the talks had failed.",
    "Harbour Master Warns Pier Unsafe She Says",
])
def test_subject_pronouns_left_alone(text: str) -> None:
    assert run("NL316", text) == []


@pytest.mark.parametrize(("text", "found"), [
    ("The airline has have been sold to investors.", "has have"),
    ("Engineers said the tunnel was is flooded.", "was is"),
    ("Why would it can take so long, the mayor asked.", "would it can"),
    ("The levy should must be paid by March.", "should must"),
])
def test_doubled_auxiliary(text: str, found: str) -> None:
    assert [f.matched for f in run("NL317", text)] == [found]


@pytest.mark.parametrize("text", [
    "The airline has had a hard winter.",
    "Would it have mattered, the mayor asked.",
    "What the plan was is still unclear.",
    "The worry is it could spread, officials said.",
    "Her will may be read on Monday.",
    "Whatever it was has now gone.",
    "Pacific Can will close the plant.",
])
def test_auxiliaries_left_alone(text: str) -> None:
    assert run("NL317", text) == []


# --- mojibake left in pieces (NL303) ---------------------------------------------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("“The port stays shut,â€ the harbour board said.", "â€", "”"),
    ("Diesel rose 4Â cents a litre.", "Â", ""),
    ("The chef served duck Ã  l'orange.", "Ã ", "à"),
    ("The ferry operator\ufffds shares fell.", "\ufffd", "’"),
])
def test_mojibake_pieces_with_a_likely_character(text: str, found: str, suggestion: str) -> None:
    findings = run("NL303", text)
    assert [(f.matched, f.suggestions[0], f.fix_safe) for f in findings] == [(found, suggestion, False)]


def test_replacement_character_that_cannot_be_told() -> None:
    findings = run("NL303", "The bak\ufffdry reopened.")
    assert [(f.matched, f.suggestions) for f in findings] == [("bak\ufffdry", ())]


@pytest.mark.parametrize("text", [
    "The banner read IRMÃ and MÃE in capitals.",
    "À la carte menus, Ângela and Ãngel were listed.",
    "The cost: €5 — “cheap”, he said.",
    "A lone \ufffd symbol in a table.",
])
def test_mojibake_pieces_left_alone(text: str) -> None:
    assert run("NL303", text) == []
