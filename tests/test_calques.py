"""Organisation names translated word for word from their native name (NL203 with
native_calques): renderings generated from the dictionaries' native names with the org_words
lexicon. The organisations here are invented (no list of the repository knows them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.calques import renderings
from newslint.dictionaries import load_dictionary
from newslint.errors import DictionaryError
from newslint.resources import Resources, builtin_rules_dir

ORGS = """\
org_words:
  es:
    pescadores: [Fishermen]
    ribereña: [Riverside, Riparian]
entries:
  - {id: org:pescadores-unidos, kind: org, type: party, canonical: United Fishermen's Party,
     native: [Partido de los Pescadores Unidos], country: "ES"}
  - {id: org:defensoria-riberena, kind: org, type: agency, canonical: Office of the River Ombudsman,
     native: [Defensoría Ribereña], country: "AR"}
  - {id: org:liga-riberena, kind: org, type: party, canonical: Riverside League, native: [Liga Ribereña], country: "MX"}
  - {id: org:union-riberena, kind: org, type: party, canonical: Riparian Union, native: [Unión Ribereña], country: "UY"}
  - {id: org:union-riberena-2, kind: org, type: party, canonical: Riverbank Union Party, native: [Unión Ribereña], country: "PY"}
"""


@pytest.fixture(scope="module")
def orgs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("orgs") / "orgs.yaml"
    path.write_text(ORGS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def linter(orgs: Path) -> Linter:
    return Linter(select=["NL203"], dictionary_paths=[orgs])


def nl203(linter: Linter, text: str) -> list[tuple[str, str, str, bool]]:
    return [(f.matched, f.suggestions[0], f.severity.value, f.fix_safe) for f in linter.check_text(text)]


def test_the_organisations_are_invented() -> None:
    index = Resources().names
    for name in ("United Fishermen's Party", "Partido de los Pescadores Unidos", "Riverside League", "Liga Ribereña"):
        assert not index.lookup(name), name


@pytest.mark.parametrize(("text", "found", "suggestion"), [
    # the native words in their order, each translated (the shipped lexicon plus the file's own words)
    ("The Party of the Fishermen United won three seats.", "Party of the Fishermen United", "United Fishermen's Party"),
    ("Leaders of the League Riverside met on Monday.", "League Riverside", "Riverside League"),
])
def test_a_word_for_word_rendering_is_flagged(linter: Linter, text: str, found: str, suggestion: str) -> None:
    assert nl203(linter, text) == [(found, suggestion, "warning", False)]


@pytest.mark.parametrize("text", [
    "The United Fishermen's Party won three seats.",  # the English name
    "The Partido de los Pescadores Unidos won three seats.",  # the native name
    "the party of the fishermen united behind him.",  # ordinary words in lower case
    "The Union Riparian met.",  # two organisations with different English names render alike: no guess
    "A Riverside League match was cancelled.",  # the English name again
])
def test_names_and_ordinary_words_pass(linter: Linter, text: str) -> None:
    assert nl203(linter, text) == []


def test_listed_wrong_names_stay_errors_with_a_safe_fix(linter: Linter) -> None:
    assert nl203(linter, "The World Organization of Health declared an emergency.") == \
        [("World Organization of Health", "World Health Organization", "error", True)]


def test_the_shipped_lexicon_renders_native_names() -> None:
    lexicon = load_dictionary(builtin_rules_dir() / "dictionaries" / "org_words.yaml").org_words
    assert "Party of the Workers" in set(renderings("Partido dos Trabalhadores", lexicon))
    assert "Court of the Accounts" in set(renderings("Cour des comptes", lexicon))
    assert "Frankfurt General Newspaper" in set(renderings("Frankfurter Allgemeine Zeitung", lexicon))
    assert "Federal Service of Security" in set(renderings("Федеральная служба безопасности", lexicon))  # transliterated
    assert list(renderings("Partido dos Pescadores Unidos", lexicon)) == []  # a word the lexicon lacks: nothing


@pytest.mark.parametrize(("section", "key"), [
    ("org_words: [parti]\n", "org_words"),
    ("org_words: {french: {parti: Party}}\n", "org_words.french"),
    ("org_words: {fr: {parti: 3}}\n", "org_words.fr.parti"),
    ("org_words: {fr: {les partis: Parties}}\n", "org_words.fr.les partis"),
])
def test_a_malformed_lexicon_names_the_key(tmp_path: Path, section: str, key: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(section, encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        load_dictionary(path)
    assert err.value.key == key and err.value.line is not None
