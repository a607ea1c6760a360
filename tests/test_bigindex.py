"""The disk-backed big name index and the composite over it, on small source files made here
(no shared data needed): exact, token and fuzzy lookup, what each source weight allows,
damaged names, cache invalidation, and the curated dictionary's authority."""

from __future__ import annotations

import gzip
import os
import sqlite3
from pathlib import Path

import pytest

from newslint.bigindex import (
    BIG_OFFSET, COMPACT_COLUMNS, COMPACT_MAGIC, BigIndex, build_database, compiled_path, damage_keys,
    normalise_damaged, open_or_build,
)
from newslint.composite import CompositeNames
from newslint.dictionaries import Dictionary, Entry, NameIndex
from newslint.resources import Resources
from newslint.textutil import fold


def compact(path: Path, rows: list[tuple[str, ...]]) -> Path:
    lines = [COMPACT_MAGIC, "#" + "\t".join(COMPACT_COLUMNS)] + ["\t".join(r) for r in rows]
    data = "\n".join(lines) + "\n"
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, encoding="utf-8")
    return path


LISTS = [
    ("person", "Alberto Núñez Feijóo", "Alberto Núñez", "", "ES", "", "2", "0", "parlamint"),
    ("person", "Andrea Story", "Andi Story", "A. Story", "US", "", "2", "0", "openstates"),
    ("person", "Volodymyr Zelensky", "Volodymyr Zelenskyi", "", "UA", "", "2", "0", "openstates"),
    ("place", "Bakhmut", "", "Artemivsk", "UA", "city", "2", "80500", "geonames"),
    ("place", "Smallville", "", "", "US", "city", "1", "20000", "geonames"),
    ("place", "Kharkiv", "", "Charkiw", "UA", "city", "2", "1421125", "geonames"),
]
TITLES = ["Tom Holland", "François Legault", "Kim Starmer", "Stramer Kiel"]


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    d = tmp_path_factory.mktemp("src")
    titles = d / "titles.txt.gz"
    titles.write_bytes(gzip.compress(("# titles\n" + "\n".join(TITLES) + "\n").encode()))
    return [compact(d / "lists.tsv.gz", LISTS), titles]


@pytest.fixture(scope="module")
def big(sources: list[Path], tmp_path_factory: pytest.TempPathFactory) -> BigIndex:
    return open_or_build(sources, tmp_path_factory.mktemp("cache"))


def forms(refs) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r.form for r in refs)


def test_exact_lookup_is_folded_and_knows_every_form(big: BigIndex) -> None:
    assert forms(big.lookup("Alberto Nunez Feijoo")) == ["Alberto Núñez Feijóo"]  # ASCII-folded: fine
    assert forms(big.lookup("ANDI STORY")) == ["Andi Story"]
    assert forms(big.lookup("A. Story")) == ["A. Story"]
    assert forms(big.lookup("Tom Holland")) == ["Tom Holland"]
    assert big.lookup("Tom Hollande") == []
    assert big.lookup("US") == []  # short all-capital words are left to the curated, case-sensitive index


def test_entry_ids_are_offset_and_carry_source_weight(big: BigIndex) -> None:
    ref = big.lookup("Andi Story")[0]
    assert ref.entry > BIG_OFFSET
    entry = big.entry(ref.entry)
    assert (entry.canonical, entry.source_weight, entry.country) == ("Andrea Story", 2, "US")
    title = big.entry(big.lookup("Kim Starmer")[0].entry)
    assert title.source_weight == 1


def test_titles_and_known_forms_are_never_targets(big: BigIndex) -> None:
    assert big.exact_forms("kim starmer") == []  # a biography title is known, not suggested
    assert big.forms_with_token("holland") == []
    assert forms(big.forms_with_token("story")) == ["Andi Story", "Andrea Story"]  # not "A. Story"
    assert big.exact_forms("artemivsk") == []  # an alternate place name is known only
    assert big.exact_forms("smallville") == []  # a small place (weight 1) is known only
    assert big.exact_forms("bakhmut") == []  # a town of 80,500: suggested only inside a longer name
    assert forms(big.exact_forms("kharkiv")) == ["Kharkiv"]  # a city of 1.4 million: also on its own
    assert big.is_known_token("holland") and big.is_known_token("artemivsk")
    assert not big.is_known_token("hollandd")


def test_fuzzy_tokens_come_from_the_delete_index(big: BigIndex) -> None:
    assert big.fuzzy_tokens("bakhmutt", 1) == [("bakhmut", 1)]
    assert big.fuzzy_tokens("feijo", 1) == [("feijoo", 1)]
    assert ("zelensky", 2) in big.fuzzy_tokens("zelnesky", 2) or ("zelensky", 1) in big.fuzzy_tokens("zelnesky", 2)
    assert big.fuzzy_tokens("holand", 1) == []  # titles are not fuzzy targets
    con = sqlite3.connect(big.path)
    assert con.execute("SELECT COUNT(*) FROM deletes").fetchone()[0] > 0
    plan = " ".join(str(r) for r in con.execute("EXPLAIN QUERY PLAN SELECT token FROM deletes WHERE dkey IN (1, 2)"))
    assert "SCAN" not in plan.upper().replace("SCAN CONSTANT", "")  # an index search, never a scan


def test_a_token_shared_by_many_names_is_no_anchor(tmp_path: Path) -> None:
    rows = [("person", f"John Q{chr(97 + i % 26)}{chr(97 + i // 26)}son", "", "", "", "", "2", "0", "x")
            for i in range(60)]
    index = open_or_build([compact(tmp_path / "many.tsv", rows)], tmp_path / "c", max_anchor_forms=50)
    assert index.forms_with_token("john") == []
    assert len(index.forms_with_token("qaason")) == 1


def test_damage_keys_drop_or_mark_non_ascii_letters() -> None:
    assert damage_keys("Alberto Núñez Feijóo") == {"alberto nez feijo", "alberto n\ufffdez feij\ufffdo"}
    assert damage_keys("Keir Starmer") == set()
    assert normalise_damaged("fran??ois") == normalise_damaged("fran\ufffdois") == "fran\ufffdois"


def test_damaged_forms_find_the_real_name(big: BigIndex) -> None:
    assert forms(big.damaged_forms("alberto nez feijo")) == ["Alberto Núñez Feijóo"]
    assert forms(big.damaged_forms("fran?ois legault")) == ["François Legault"]
    assert forms(big.damaged_forms(fold("Fran\ufffdois Legault"))) == ["François Legault"]
    assert forms(big.damaged_forms("fran??ois legault")) == ["François Legault"]  # one mark per lost byte
    assert big.damaged_forms("alberto nunez feijoo") == []  # ASCII-folded is a spelling, not damage


def test_changed_source_builds_a_new_database(tmp_path: Path) -> None:
    src = compact(tmp_path / "a.tsv", LISTS[:1])
    cache = tmp_path / "cache"
    first = open_or_build([src], cache)
    assert first.lookup("Andi Story") == []
    compact(src, LISTS)
    second = open_or_build([src], cache)
    assert second.path != first.path and forms(second.lookup("Andi Story")) == ["Andi Story"]
    assert compiled_path([src], cache) == second.path
    again = open_or_build([src], cache)
    assert again.path == second.path


def test_normalised_people_tsv_is_read(tmp_path: Path) -> None:
    tsv = tmp_path / "wikidata.tsv"
    tsv.write_text("name\talt_names\tcountry\tqid\tdescription\tbirth_year\tsource\tsource_id\n"
                   "Viola Amherd\tAmherd Viola|V. Amherd\tCH\tQ123\tSwiss politician\t1962\twikidata\tQ123\n",
                   encoding="utf-8")
    index = open_or_build([tsv], tmp_path / "c")
    assert forms(index.exact_forms("viola amherd")) == ["Viola Amherd"]
    assert forms(index.lookup("V. Amherd")) == ["V. Amherd"]
    assert index.entry(index.lookup("Viola Amherd")[0].entry).source_weight == 2


def test_index_survives_a_fork(big: BigIndex) -> None:
    big.lookup("Andi Story")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os._exit(0 if big.lookup("Andi Story") else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0


# -- the composite: the curated dictionary stays authoritative ------------------------------------
@pytest.fixture(scope="module")
def composite(big: BigIndex) -> CompositeNames:
    curated = NameIndex(Dictionary(entries=[
        Entry(id="person:zelensky", kind="person", canonical="Volodymyr Zelensky", variants=("Volodymyr Zelenskyy",),
              roles=({"title": "President", "of": "UA", "from": "2019-05-20"},)),
        Entry(id="place:kyiv", kind="place", canonical="Kyiv", discouraged=("Kiev",)),
        Entry(id="person:legault", kind="person", canonical="François Legault"),
    ]))
    return CompositeNames(curated, big)


def test_curated_answers_first_and_ids_do_not_collide(composite: CompositeNames) -> None:
    ref = composite.lookup("Volodymyr Zelensky")[0]
    assert ref.entry == 0 and composite.entry(0).roles
    story = composite.lookup("Andi Story")[0]
    assert story.entry >= BIG_OFFSET and composite.entries[story.entry].canonical == "Andrea Story"
    assert len(composite.entries) == 3 and [e.id for e in composite.entries][0] == "person:zelensky"


def test_same_person_resolves_to_the_curated_entry(composite: CompositeNames) -> None:
    # a spelling only the big list has still means the curated person (with its roles)
    ref = composite.lookup("Volodymyr Zelenskyi")[0]
    assert ref.entry == 0
    # and the big twin is never a correction target of its own
    assert all(r.entry < BIG_OFFSET for r in composite.forms_with_token("zelensky"))
    assert all(r.entry < BIG_OFFSET for r in composite.forms_with_token("zelenskyi"))


def test_composite_damaged_forms_prefer_curated_and_skip_real_spellings(composite: CompositeNames) -> None:
    assert [(r.entry, r.form) for r in composite.damaged_forms("fran?ois legault")] == [(2, "François Legault")]
    assert forms(composite.damaged_forms("alberto nez feijo")) == ["Alberto Núñez Feijóo"]
    assert composite.damaged_forms("francois legault") == []


def test_composite_merges_known_tokens_and_fuzzy(composite: CompositeNames) -> None:
    assert "holland" in composite.known_tokens and "zelenskyy" in composite.known_tokens
    assert "qqqq" not in composite.known_tokens
    assert ("bakhmut", 1) in composite.fuzzy_tokens("bakhmutt", 1)


def test_resources_route_tsv_dictionaries_to_the_big_index(sources: list[Path], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    res = Resources(dictionary_paths=sources, use_builtin=False, big_names=True)
    assert res.dictionary_files() == [] and res.big_name_files() == sources
    names = res.names
    assert forms(names.lookup("Andi Story")) == ["Andi Story"]
    off = Resources(dictionary_paths=sources, use_builtin=False, big_names=False)
    assert off.names.lookup("Andi Story") == []


def test_build_database_reports_counts(sources: list[Path], tmp_path: Path) -> None:
    stats = build_database(sources, tmp_path / "x.sqlite")
    assert stats["entries"] == len(LISTS) + len(TITLES)
    assert stats["damaged"] >= 4
