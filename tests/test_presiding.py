"""NL107 presiding-officer-title: 'the president of' a body whose presiding officer English styles
Speaker or chair, resolved from a specific name or from evidence in the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.api import _default_linter
from newslint.errors import RuleError

LINTER = _default_linter(("NL107",), None)


def nl107(text: str, linter: Linter = LINTER) -> list[tuple[str, str, str]]:
    return [(f.matched, f.suggestions[0], f.severity.value) for f in linter.check_text(text) if f.rule_id == "NL107"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Lawmakers waited for the president of the State Duma, Pavel Orlenko.", [("president", "Speaker", "warning")]),
    ("The Sejm sat late. The president of the lower house, Ewa Marczak, closed it.", [("president", "Speaker", "warning")]),
    # a short reference resolved by the body named in full elsewhere in the article
    ("The Congress of Deputies voted. Later the president of the Congress, Lidia Sarrat, spoke.",
     [("president", "Speaker", "warning")]),
    # ... or only by the country: info
    ("In Madrid, Spanish deputies heard the president of the Chamber, Lidia Sarrat.", [("president", "Speaker", "info")]),
    ("Markets fell after the president of the Reserve said the US Federal Reserve would wait.",
     [("president", "chair", "warning")]),
    ("The former President of the Fed gave a speech.", [("President", "Chair", "warning")]),  # the case of what it replaces
])
def test_a_wrong_style_is_flagged(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert nl107(text) == expected


@pytest.mark.parametrize("text", [
    "The Speaker of the State Duma, Pavel Orlenko, opened the session.",
    "The president of the Chamber, Lidia Sarrat, spoke.",  # which chamber? no evidence
    "Italian deputies and Spanish ones heard the president of the Chamber.",  # Italy (President) and Spain disagree
    "The president of the Federal Reserve Bank of Dallas and the president of the House Ways and Means panel met.",
    "The vice president of the Congress of Deputies and the president of the Chamber of Commerce met.",
    "The president of the Bundestag and the president of the European Parliament spoke.",
    "The US Senate met; the president of the Senate presided.",
])
def test_right_styles_and_unresolved_references_pass(text: str) -> None:
    assert nl107(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the title inside a longer word first, then standing alone
    ("The copresident of the club and the president of the State Duma, Pavel Orlenko, met.", [("president", "Speaker", "warning")]),
    ("THE PRESIDENT OF THE STATE DUMA, Pavel Orlenko, spoke.", [("PRESIDENT", "SPEAKER", "warning")]),
    ("The president\nof the State Duma, Pavel Orlenko, spoke.", [("president", "Speaker", "warning")]),
    # a text that is not ASCII (its dashes) is searched the same
    ("Lawmakers – and Pavel Orlenko, the President of the State Duma – met in Moscow.", [("President", "Speaker", "warning")]),
])
def test_the_title_is_found_in_any_case_and_text(text: str, expected: list[tuple[str, str, str]]) -> None:
    """The title is looked for in the lower-cased text first (a cheap search), then matched where it stands."""
    assert nl107(text) == expected


def test_a_newsroom_rule_adds_its_bodies(tmp_path: Path) -> None:
    (tmp_path / "NL990.yaml").write_text(
        "id: NL990\nname: norvania-speaker\nkind: presiding_officer\nseverity: warning\nmessage: '{found} {body}'\n"
        "options:\n  bodies:\n    - {body: the Norvanian Diet, country: XN, style: Speaker, names: [Norvanian Diet], short: [Diet]}\n",
        encoding="utf-8")
    linter = Linter(builtin=False, rule_paths=[tmp_path])
    found = linter.check_text("The Norvanian Diet sat; the president of the Diet spoke.")
    assert [(f.matched, f.suggestions[0]) for f in found] == [("president", "Speaker")]


@pytest.mark.parametrize(("bodies", "message"), [
    ("[{body: X, country: XN, style: Speaker, names: [X], chair: y}]", "unknown key 'chair'"),
    ("[{body: X, country: XN, names: [X]}]", "key 'style'"),
    ("[{body: X, country: XN, style: Speaker}]", "give 'names' or 'short'"),
    ("{body: X}", "list of mappings"),
])
def test_a_malformed_body_is_a_load_error(tmp_path: Path, bodies: str, message: str) -> None:
    (tmp_path / "NL990.yaml").write_text(
        "id: NL990\nname: bad-bodies\nkind: presiding_officer\nseverity: warning\nmessage: x\n"
        f"options:\n  bodies: {bodies}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        Linter(builtin=False, rule_paths=[tmp_path])


@pytest.mark.parametrize(("text", "expected"), [
    # a headline in Title Case: the name ends at a headline verb or a small word
    ("President Of The State Duma Resigns\n\nThe session was adjourned.", [("President", "Speaker", "warning")]),
    ("Envoy Meets President Of The State Duma In Closed Session", [("President", "Speaker", "warning")]),
])
def test_a_wrong_style_in_a_title_case_headline_is_flagged(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert nl107(text) == expected


@pytest.mark.parametrize("text", [
    "President Of The House Judiciary Committee Testifies",  # a longer name: Judiciary is no headline verb
    "President Of The Federal Reserve Bank Of Dallas Speaks",
    "President Of The Chamber Of Commerce Says Exports Fell",
    "Lawmakers heard the president of the State Duma Resigns Committee.",  # no headline: a capitalised word continues
])
def test_longer_names_in_a_title_case_headline_pass(text: str) -> None:
    assert nl107(text) == []
