"""NL209 acronym-mismatch: the one word of a name that does not fit the acronym in brackets after
it, with invented names (no list of the repository knows them) and an invented organisation in a
newsroom dictionary; real names whose acronyms come from another language, take a letter from
inside a word or follow a company pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.resources import Resources

ORGS = """\
entries:
  - {id: org:kestrel-maritime-authority, kind: org, canonical: Kestrel Maritime Authority, aliases: [KMA], country: "NO"}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    path = tmp_path_factory.mktemp("acronyms") / "orgs.yaml"
    path.write_text(ORGS, encoding="utf-8")
    return Linter(select=["NL209"], dictionary_paths=[path])


def nl209(linter: Linter, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.matched, f.suggestions) for f in linter.check_text(text) if f.rule_id == "NL209"]


def test_the_names_are_invented() -> None:
    index = Resources().names
    for name in ("Tarvaston Marine University", "Kestrel Maritime Authority", "TMU", "KMA", "Oksvik"):
        assert not index.lookup(name), name


@pytest.mark.parametrize(("text", "expected"), [
    # an unknown acronym: the initials spell it but for one common English word
    ("Researchers at the Tarvaston Marine College (TMU) measured the ice.", [("College", ())]),
    ("A team from the Oksvik Polar College Oslo (OPU) took part.", [("College", ())]),  # a place after the name
    ("He spoke to the Tarvaston Marine College (TMU) on Monday.", [("College", ())]),
    # a known organisation's acronym: its name's word is suggested
    ("Inspectors of the Kestrel Shipping Authority (KMA) boarded the ship.", [("Shipping", ("Maritime",))]),
    # a term in lower case, and one opening a sentence
    ("Output grew as the tarvaston home product (TDP) rose.", [("home", ())]),
    ("Overseas tarvaston investment (FTI) fell.", [("Overseas", ())]),
])
def test_a_word_that_does_not_fit_the_acronym_is_flagged(linter: Linter, text: str,
                                                           expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert nl209(linter, text) == expected


@pytest.mark.parametrize("text", [
    "Researchers at the Tarvaston Marine University (TMU) measured the ice.",
    "Inspectors of the Kestrel Maritime Authority (KMA) boarded the ship.",
    "Inspectors of the Kestrel Marine Authority (KMA) boarded the ship.",  # same first letter: a variant or another body
    "Inspectors of the Kestrel Coastal Maritime Authority (KMA) boarded it.",  # a word inserted, not replaced
    "Shares on the Tarvaston Securities Exchange (TSX) rose.",  # a letter from inside a word
    "The Nordvik Export Credit (NEK) lent more.",  # a cognate letter of another language (Kredit)
    "Analysts at Haldane Minerals Co (HMX) said output fell.",  # a company and its ticker
    "The Empresa Nacional Minera (EMM) raised output.",  # a name in another language
    "The Tarvaston People's Alliance (TPA) won.",  # after a possessive the name is too short to judge
    "The Tarvaston Coastal Marine University (TMU) opened.",  # a longer name than its acronym
    "The Alternative for Tarvaston (AfT) gained seats.",  # lower-case letters in the acronym
    "Researchers at the Tarvaston Marine College, (TMU) measured it.",  # punctuation between
    "Output grew as the tarvaston domestic product (TDP) rose.",  # a lower-case term that fits
    "Foreign tarvaston investment (FTI) fell.",
    "The purchasing tarvaston' index (PTI) rose.",  # a possessive: too few words to judge
    "He told reporters at the agency (EPA) that it would wait.",  # two letters off: no term
    "A tarvaston-traded fund (TTF) grew.",  # a hyphenated word: too few words to judge
])
def test_names_that_fit_their_acronyms_pass(linter: Linter, text: str) -> None:
    assert nl209(linter, text) == []


def test_built_in_organisations_are_known(linter: Linter) -> None:
    found = nl209(linter, "A report by the World Wellness Organization (WHO) said cases rose.")
    assert found == [("Wellness", ("Health",))]
    assert nl209(linter, "A report by the World Health Organisation (WHO) said cases rose.") == []


def test_never_fixed_automatically(linter: Linter) -> None:
    findings = linter.check_text("Inspectors of the Kestrel Shipping Authority (KMA) boarded the ship.")
    assert findings and all(f.fix is None or f.fix.applicability.value != "safe" for f in findings)
