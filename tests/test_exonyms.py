"""NL108 foreign-place-name: a city written with another language's name in English copy, from
place_exonyms.tsv; endonyms, names inside longer names and foreign sentences left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.api import _default_linter
from newslint.resources import builtin_rules_dir

LINTER = _default_linter(("NL108",), None)


def nl108(text: str, linter: Linter = LINTER) -> list[tuple[str, str]]:
    return [(f.matched, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL108"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Negotiators arrived in Amberes late on Thursday.", [("Amberes", "Antwerp")]),
    ("The convoy left Damasco for the border, officials said.", [("Damasco", "Damascus")]),
    ("A summit in Stoccolma and another in Lissabon were planned.", [("Stoccolma", "Stockholm"), ("Lissabon", "Lisbon")]),
    ("Traders in Nueva York sold the shares.", [("Nueva York", "New York City")]),
])
def test_another_languages_name_of_a_city_is_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert nl108(text) == expected


@pytest.mark.parametrize("text", [
    "Negotiators arrived in Warsaw late on Thursday.",
    "Fans of Sevilla and Köln travelled to Milano for the final.",  # endonyms: clubs, events
    "The chef Paolo Damasco opened a restaurant.",  # a surname
    "The Amberes Hotel reopened.",  # inside a longer name
    "Los negociadores llegaron a Amberes el jueves por la noche para las conversaciones.",  # a Spanish sentence
])
def test_english_names_endonyms_and_names_pass(text: str) -> None:
    assert nl108(text) == []


def test_every_listed_name_is_foreign_and_no_english_city_name() -> None:
    """The compiled table holds no English name of a listed city and no name equal to its own suggestion."""
    rows = [line.rstrip("\n").split("\t") for line in
            (builtin_rules_dir() / "dictionaries" / "place_exonyms.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert len(rows) > 150
    english = {r[1] for r in rows}
    assert all(r[0] != r[1] and r[0] not in english for r in rows)


def test_a_name_the_names_rule_corrects_is_left_to_it() -> None:
    both = Linter(select=["NL101", "NL108"])
    assert [f.rule_id for f in both.check_text("Officials travelled to Moscou on Monday.")] == ["NL101"]


def test_a_newsroom_table_and_allow_list(tmp_path: Path) -> None:
    table = tmp_path / "exonyms.tsv"
    table.write_text("# test\nNorvagrad\tNorvania City\tXN\tfr\nKessavie\tKessau\tXN\tfr\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "NL990.yaml").write_text(
        "id: NL990\nname: desk-exonyms\nkind: place_exonym\nseverity: warning\nmessage: x\n"
        f"options: {{names: '{table.as_posix()}', allow: [Kessavie]}}\n", encoding="utf-8")
    desk = Linter(builtin=False, rule_paths=[tmp_path / "rules"])
    found = desk.check_text("Flights to Norvagrad resumed.")
    assert [(f.matched, f.suggestions[0]) for f in found] == [("Norvagrad", "Norvania City")]
    assert desk.check_text("Flights to Kessavie resumed.") == []  # allowed
    assert desk.check_text("Flights to Lissabon resumed.") == []  # not in the desk's table


@pytest.mark.parametrize(("text", "expected"), [
    # in a Title Case headline every word is capitalised: common words around the city make no name
    ("Ceasefire Talks In Stoccolma End Without Agreement\n\nThe talks ended late.", [("Stoccolma", "Stockholm")]),
    ("Trains To Lissabon Cancelled As Rail Strike Spreads", [("Lissabon", "Lisbon")]),
])
def test_a_city_in_a_title_case_headline_is_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert nl108(text) == expected


@pytest.mark.parametrize("text", [
    "Chef Paolo Damasco Opens Second Restaurant",  # a surname after a given name
    "Guests Of The Amberes Hotel Evacuated",  # a rare word after it: part of the hotel's name
    "Shops On Amberes Street Close Early",  # a frequent surname word (street) after it
])
def test_a_name_in_a_title_case_headline_passes(text: str) -> None:
    assert nl108(text) == []
