"""The shipped open-data names (people lists, biography titles, GeoNames places) through the
linter: known names are never flagged, list people and big places are corrected, damaged
names are found, ASCII-folded spellings are not errors; the files stay small; the Wikidata
route works end to end on a tiny dump in Wikidata's format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint import Linter
from newslint.bigindex import COMPACT_MAGIC, open_or_build, read_source
from newslint.cli import app
from newslint.resources import BIG_NAME_FILES, builtin_rules_dir
from newslint.textutil import fold

DICTS = builtin_rules_dir() / "dictionaries"


@pytest.fixture(scope="module")
def big_linter() -> Linter:
    """The built-in rules with the big open-data names on (compiled once into the cache)."""
    return Linter(big_names=True)


def nl1(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.matched, f.suggestions[0] if f.suggestions else "") for f in linter.check_text(text)
            if f.rule_id == "NL101"]


def test_shipped_files_exist_are_compact_and_readable() -> None:
    total = 0
    for name in BIG_NAME_FILES:
        path = DICTS / name
        total += path.stat().st_size
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            first = fh.readline()
        assert first.startswith(COMPACT_MAGIC) or first.startswith("# English Wikipedia"), name
    assert total < 20_000_000  # with the rest of the package the wheel stays far below 30 MB
    places = list(read_source(DICTS / "places_geonames.tsv.gz"))
    assert len(places) > 20_000
    kinds = {p.type for p in places}
    assert {"country", "city", "region", "continent"} <= kinds
    lists = list(read_source(DICTS / "people_lists.tsv.gz"))
    assert len(lists) > 20_000 and all(p.weight == 2 for p in lists)


KNOWN = [
    # biography titles (known only), list people, and places: exact names are never flagged
    "Tom Hanks and Louis van Gaal arrived late.",
    "Pere Aragonès and Jordan Bardella met Lee Jae-myung.",
    "Alberto Núñez Feijóo and Alberto Nunez Feijoo are the same man.",  # ASCII-folded: not an error
    "Pedro Sanchez and Recep Tayyip Erdogan spoke.",
    "Alyse Galvin and A. Galvin, Andi Story.",
    "The Papua New Guinean and Bolivian delegations left Sevilla for Guadalajara.",
    "Officials in Kharkiv, Ulaanbaatar and Ouagadougou said.",
]


@pytest.mark.parametrize("text", KNOWN)
def test_known_names_pass(big_linter: Linter, text: str) -> None:
    assert nl1(big_linter, text) == []


MISSPELT = [
    ("Alyse Galvn ran again.", "Alyse Galvn", "Alyse Galvin"),  # OpenStates, anchored on the given name
    ("Officials in Guadalajra said.", "Guadalajra", "Guadalajara"),  # a city of 1.4 million
    ("Agustín Baamonde Díz spoke.", "Agustín Baamonde Díz", "Agustín Baamonde Díaz"),  # ParlaMint
]


@pytest.mark.parametrize(("text", "span", "suggestion"), MISSPELT)
def test_list_people_and_big_places_are_corrected(big_linter: Linter, text: str, span: str, suggestion: str) -> None:
    assert nl1(big_linter, text) == [(span, suggestion)]
    assert nl1(Linter(big_names=False), text) == []  # the curated dictionary alone cannot see them


def test_biography_titles_are_never_suggested(big_linter: Linter) -> None:
    names = big_linter.resources.names
    ref = names.lookup("Tom Hanks")[0]
    assert names.entry(ref.entry).source_weight == 1  # a biography title: known ...
    suggestible = {names.entry(r.entry).canonical for r in names.forms_with_token("hanks")}
    assert "Tom Hanks" not in suggestible and "Ron Hanks" in suggestible  # ... but only list people are targets
    assert nl1(big_linter, "Tom Hansk spoke.") == []


def test_mid_size_cities_are_known_but_not_suggested_alone(big_linter: Linter) -> None:
    names = big_linter.resources.names
    ref = names.lookup("Batikent")[0]
    assert 100_000 <= names.entry(ref.entry).prominence < 1_000_000
    assert names.exact_forms("batikent") == []
    assert nl1(big_linter, "Murban crude and the Geodome project.") == []  # Durban, Godomey: no


def test_place_names_do_not_claim_words_of_people(big_linter: Linter) -> None:
    names = big_linter.resources.names
    # a town or a one-word title named like a common given name, and a translated alternate
    # name of a city, would make that word "a place" inside people's names
    assert all(names.entry(r.entry).source_weight == 3 for r in names.lookup("Volodymyr"))
    assert names.lookup("Van Thanh") == []


def test_damaged_names_map_to_the_real_spelling(big_linter: Linter) -> None:
    names = big_linter.resources.names
    for damaged in ("Alberto Nez Feijo", "Alberto N?ez Feij?o", "Alberto N\ufffd\ufffdez Feij\ufffdo"):
        assert [r.form for r in names.damaged_forms(fold(damaged))][:1] == ["Alberto Núñez Feijóo"], damaged
    assert [names.entry(r.entry).canonical for r in names.damaged_forms(fold("Fran?ois Legault"))][:1] == ["François Legault"]
    assert names.damaged_forms(fold("Francois Legault")) == []
    assert names.damaged_forms(fold("Pedro Sanchez")) == []


def test_curated_entry_wins_for_the_same_person(big_linter: Linter) -> None:
    names = big_linter.resources.names
    ref = names.lookup("Volodymyr Zelensky")[0]
    entry = names.entry(ref.entry)
    assert entry.source_weight == 3 and entry.roles  # the hand-curated entry, with its roles


def _entity(qid: str, label: str, claims: dict[str, list[object]], aliases: tuple[str, ...] = ()) -> str:
    def snak(value: object) -> dict[str, object]:
        if isinstance(value, str) and value.startswith("Q"):
            return {"mainsnak": {"datavalue": {"type": "wikibase-entityid", "value": {"id": value}}}, "rank": "normal"}
        return {"mainsnak": {"datavalue": {"type": "string", "value": value}}, "rank": "normal"}

    return json.dumps({
        "id": qid, "type": "item", "labels": {"en": {"language": "en", "value": label}},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
        "descriptions": {"en": {"language": "en", "value": "test entity"}},
        "claims": {p: [snak(v) for v in vs] for p, vs in claims.items()}, "sitelinks": {},
    })


def test_build_wikidata_command_feeds_the_big_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dump = tmp_path / "dump.json"
    lines = [
        _entity("Q1001", "Viola Amherd", {"P31": ["Q5"], "P27": ["Q39"], "P39": ["Q2001"]}, ("Amherd Viola",)),
        _entity("Q1002", "Somebody Else", {"P31": ["Q5"]}),  # no position, no sitelinks: left out
        _entity("Q39", "Switzerland", {"P297": ["CH"]}),
        _entity("Q2001", "member of the Swiss Federal Council", {}),
    ]
    dump.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    out = tmp_path / "people.tsv.gz"
    result = CliRunner().invoke(app, ["dict", "build-wikidata", str(dump), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(read_source(out))
    assert [(r.canonical, r.country, r.weight) for r in rows] == [("Viola Amherd", "CH", 2)]
    index = open_or_build([out], tmp_path / "cache")
    assert [r.form for r in index.exact_forms("viola amherd")] == ["Viola Amherd"]
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache2"))
    monkeypatch.setattr("newslint.resources.BIG_NAME_FILES", ())  # the user's list alone: a quick build
    linter = Linter(big_names=True, dictionary_paths=[out])
    assert nl1(linter, "Viola Amherd met the press.") == []
    assert nl1(linter, "Viola Amherdt met the press.") == [("Viola Amherdt", "Viola Amherd")]


def test_build_wikidata_rejects_a_missing_dump(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["dict", "build-wikidata", str(tmp_path / "none.json.gz"), "--out", str(tmp_path / "x.tsv")])
    assert result.exit_code == 2
