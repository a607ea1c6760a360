"""NL205 lowercase-nationality: countries and nationality words from the dictionaries written in
lower case, with ordinary English words and phrases, addresses and handles left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.errors import RuleError
from newslint.api import _default_linter

LINTER = _default_linter(("NL205",), None)


def nl205(text: str, linter: Linter = LINTER) -> list[tuple[str, str]]:
    return [(f.matched, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL205"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The russian troops withdrew, the ukrainian army said.", [("russian", "Russian"), ("ukrainian", "Ukrainian")]),
    ("At the request of france and the united kingdom, the council met.", [("france", "France"), ("united kingdom", "United Kingdom")]),
    ("The french president met his west german counterpart.", [("french", "French"), ("german", "German")]),
    ("Officials in south korea and New mexico agreed.", [("south korea", "South Korea"), ("mexico", "Mexico")]),
    ("Prices of Philippine and filipino goods rose.", [("filipino", "Filipino")]),  # either word of a two-word demonym
])
def test_lower_case_countries_and_nationalities_are_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert nl205(text) == expected


@pytest.mark.parametrize("text", [
    "The Russian troops withdrew, the Ukrainian army said.",
    "She will polish the turkey on the good china before the chad of paper falls.",
    "They ordered french fries and french toast and agreed to go dutch; the dutch oven was hot.",
    "Read france24.com, mail info@ukraine.example or follow #russia and @germany.",
    "RUSSIA SAYS TROOPS WITHDRAW",  # headline capitals
])
def test_ordinary_words_addresses_and_headlines_pass(text: str) -> None:
    assert nl205(text) == []


def test_the_fix_capitalises_in_place() -> None:
    found = LINTER.check_text("The russian army said.")
    assert found[0].fix is not None and found[0].fix.applicability.value == "safe"


def test_a_newsroom_dictionary_adds_its_countries(tmp_path: Path) -> None:
    d = tmp_path / "desk.yaml"
    d.write_text("entries:\n  - {id: place:norvania, kind: place, type: country, canonical: Norvania, country: XN, demonym: Norvanian}\n",
                 encoding="utf-8")
    linter = Linter(select=["NL205"], dictionary_paths=[d])
    assert nl205("The norvanian envoy flew to norvania.", linter) == [("norvanian", "Norvanian"), ("norvania", "Norvania")]
    assert nl205("The norvanian envoy flew to norvania.") == []


def test_an_unknown_dictionary_term_source_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "NL990.yaml").write_text(
        "id: NL990\nname: lower-cities\nkind: capitalisation\nseverity: warning\nmessage: x\n"
        "options: {dictionary_terms: [cities]}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="dictionary_terms"):
        Linter(builtin=False, rule_paths=[tmp_path])
