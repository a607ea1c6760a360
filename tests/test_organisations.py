"""NL208 lowercase-organisation: an organisation's acronym or short name from the dictionaries
written in lower case; ordinary words, verbs, addresses and lower-case documents left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.api import _default_linter

LINTER = _default_linter(("NL208",), None)


def nl208(text: str, linter: Linter = LINTER) -> list[tuple[str, str, bool]]:
    return [(f.matched, f.suggestions[0], f.fix_safe) for f in linter.check_text(text) if f.rule_id == "NL208"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ministers said opec output would fall.", [("opec", "OPEC", True)]),
    ("The loan from the imf was approved.", [("imf", "IMF", True)]),
    ("The Federal Reserve (fed) met on Tuesday.", [("fed", "Fed", False)]),
    ("Analysts expect the fed to pause in June.", [("fed", "Fed", False)]),
    ("Delegates asked the un for help and the eu sent money.", [("un", "UN", False), ("eu", "EU", False)]),
    ("The Nato summit ended; later nato envoys left.", [("nato", "Nato", True)]),  # the article's own form
])
def test_lower_case_acronyms_and_short_names_are_flagged(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert nl208(text) == expected


@pytest.mark.parametrize("text", [
    "Ministers said OPEC output would fall, the Fed and the UN agreed.",
    "The cattle were fed on hay; voters are fed up and the fed-up crowd left.",
    "Un accord a été signé; eu sou brasileiro.",  # foreign words, no article
    "The house was quiet and the commons were grazed; the who and the why of it.",
    "Write to press@opec.example or see imf.example/data and #nato.",
])
def test_ordinary_words_foreign_words_and_addresses_pass(text: str) -> None:
    assert nl208(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # at the start of the text; inside longer words ("bigimf", "opec2", "opec_x") nothing
    ("imf staff met the bigimf fund and opec2 and opec_x, then opec spoke.", [("imf", "IMF", True), ("opec", "OPEC", True)]),
    ("Über-opec and naïve nato plans: the imf.", [("nato", "NATO", True), ("imf", "IMF", True)]),
])
def test_a_form_stands_alone(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert nl208(text) == expected


def test_a_document_written_in_lower_case_is_left_alone() -> None:
    text = ("the ministers met in the capital and said opec would cut output next month, "
            "while the imf mission stayed on for talks on the loan. ") * 3
    assert nl208(text) == []
    assert nl208(text[:80] + " The Ministers met.") != []  # a short snippet is judged


def test_a_newsroom_dictionary_adds_its_organisations(tmp_path: Path) -> None:
    d = tmp_path / "desk.yaml"
    d.write_text("entries:\n  - {id: org:zqtb, kind: org, canonical: Zorvanian Quota Tribunal, aliases: [ZQTB, Quota Tribunal]}\n",
                 encoding="utf-8")
    linter = Linter(select=["NL208"], dictionary_paths=[d])
    assert nl208("Lawyers appealed to the zqtb in March.", linter) == [("zqtb", "ZQTB", True)]
    assert nl208("Lawyers appealed to the zqtb in March.") == []
