"""The word tables are looked up by binary search over a memory map: they must be sorted,
and lookups must agree with a plain read of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.resources import SortedTable, builtin_rules_dir

TABLES = ["english_words.tsv", "name_tokens.tsv"]


def read(path: Path) -> dict[str, tuple[int, ...]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            key, *values = line.split("\t")
            out[key] = tuple(int(v) for v in values)
    return out


@pytest.mark.parametrize("name", TABLES)
def test_shipped_table_is_sorted_without_duplicates(name: str) -> None:
    keys = [line.split("\t", 1)[0] for line in (builtin_rules_dir() / "dictionaries" / name).read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert keys == sorted(set(keys))


@pytest.mark.parametrize("name", TABLES)
def test_lookup_agrees_with_the_file(name: str) -> None:
    path = builtin_rules_dir() / "dictionaries" / name
    plain = read(path)
    table = SortedTable(path)
    for key in list(plain)[::97] + ["", "zzzzzzzz", "ärger", "0"]:
        assert table.get(key) == plain.get(key, ())


def test_small_table_edges(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# header\na\t1\nb\t2\nc\t3\n", encoding="utf-8")
    table = SortedTable(path)
    assert [table.get(k) for k in ("a", "b", "c", "d", "", "#")] == [(1,), (2,), (3,), (), (), ()]


@pytest.mark.parametrize("name", TABLES)
def test_table_read_whole_after_many_keys_gives_the_same_answers(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.resources as resources

    monkeypatch.setattr(resources, "LOAD_AFTER_SEARCHES", 50)
    path = builtin_rules_dir() / "dictionaries" / name
    plain = read(path)
    table = SortedTable(path)
    keys = list(plain)[::89] + ["", "zzzzzzzz", "ärger", "0", "#"]
    answers = [table.get(k) for k in keys]
    assert table._loaded is not None  # more than 50 distinct keys were asked: now a dictionary
    assert answers == [plain.get(k, ()) for k in keys]
    fresh = [k + "q" for k in list(plain)[::1013]]
    assert [table.get(k) for k in fresh] == [plain.get(k, ()) for k in fresh]
