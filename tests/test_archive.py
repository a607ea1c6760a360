"""Streaming archive reader: JSONL / CSV, gzipped or not, bad records reported not raised."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from newslint.errors import InputError
from newslint.sources.archive import BadRecord, Record, archive_format, iter_records


def _write(path: Path, data: bytes) -> Path:
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def _jsonl(*objs: object) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.ndjson"])
def test_jsonl_records_with_all_fields(tmp_path: Path, name: str) -> None:
    data = _jsonl(
        {"id": "x1", "body": "Keir Starmer spoke.", "published": "2025-03-04T10:00:00Z", "outlet": "Reuters"},
        {"id": 7, "body": "Second.", "published": "not a date"},
    )
    items = list(iter_records(_write(tmp_path / name, data), text_field="body", id_field="id",
                              date_field="published", source_field="outlet"))
    assert items == [
        Record("x1", "Keir Starmer spoke.", date(2025, 3, 4), "Reuters", 1),
        Record("7", "Second.", None, None, 2),
    ]


def test_jsonl_default_id_is_path_and_line_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", b'{"text": "one"}\n\n{"text": "two"}\n')
    items = list(iter_records(path))
    assert [(r.id, r.line) for r in items if isinstance(r, Record)] == [(f"{path}:1", 1), (f"{path}:3", 3)]


def test_jsonl_bad_records_are_yielded_not_raised(tmp_path: Path) -> None:
    data = (
        b'{"text": "good one"}\n'
        b'{"text": "unterminated\n'
        b'{"title": "no text"}\n'
        b'{"text": "bad \xff byte"}\n'
        b'{"text": "nul \\u0000 inside"}\n'
        b'{"text": "lone \\ud800 surrogate"}\n'
        b'[1, 2]\n'
        b'{"text": null}\n'
        b'{"text": "good two"}\n'
    )
    items = list(iter_records(_write(tmp_path / "a.jsonl", data)))
    good = [r.text for r in items if isinstance(r, Record)]
    bad = {r.line: r.reason for r in items if isinstance(r, BadRecord)}
    assert good == ["good one", "good two"]
    assert sorted(bad) == [2, 3, 4, 5, 6, 7, 8]
    assert "invalid JSON" in bad[2]
    assert "missing text field 'text'" in bad[3]
    assert "UTF-8" in bad[4]
    assert "binary" in bad[5]
    assert "UTF-8" in bad[6]
    assert "not a JSON object" in bad[7]
    assert "not a string" in bad[8]


def test_oversize_jsonl_record_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    big = "word " * 300_000  # 1.5 MB
    path = _write(tmp_path / "a.jsonl", _jsonl({"text": "before"}, {"text": big}, {"text": "after"}))
    items = list(iter_records(path, max_record_bytes=100_000))
    assert [type(i).__name__ for i in items] == ["Record", "BadRecord", "Record"]
    assert isinstance(items[1], BadRecord) and items[1].line == 2 and "limit is 100000 bytes" in items[1].reason
    assert isinstance(items[2], Record) and items[2].text == "after" and items[2].line == 3


def test_nested_field_by_dotted_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", _jsonl({"doc": {"text": "nested"}, "meta": {"date": "2024-01-02"}}))
    (item,) = iter_records(path, text_field="doc.text", date_field="meta.date")
    assert isinstance(item, Record) and item.text == "nested" and item.date == date(2024, 1, 2)


@pytest.mark.parametrize("name", ["a.csv", "a.csv.gz"])
def test_csv_multiline_quoted_fields_keep_start_lines(tmp_path: Path, name: str) -> None:
    data = (
        "\ufeffid,text,date,source\n"
        'a1,"First line\nsecond ""quoted"" line",2024-05-01,AP\n'
        "a2,Plain article,,\n"
        'a3,"Third, with comma",2024-06-30,Reuters\n'
    ).encode()
    items = list(iter_records(_write(tmp_path / name, data), id_field="id", date_field="date", source_field="source"))
    assert items == [
        Record("a1", 'First line\nsecond "quoted" line', date(2024, 5, 1), "AP", 2),
        Record("a2", "Plain article", None, None, 4),
        Record("a3", "Third, with comma", date(2024, 6, 30), "Reuters", 5),
    ]


def test_csv_bad_rows(tmp_path: Path) -> None:
    big = "x" * 50_000
    data = (
        "id,text\n"
        "r1,ok\n"
        "r2\n"
        f'r3,"{big}"\n'
        "r4,bad \xff byte\n"
    ).encode("latin-1")
    items = list(iter_records(_write(tmp_path / "a.csv", data), id_field="id", max_record_bytes=10_000))
    assert isinstance(items[0], Record) and items[0].id == "r1"
    bad = {i.line: i.reason for i in items if isinstance(i, BadRecord)}
    assert "missing text field" in bad[3]
    assert "limit is 10000 bytes" in bad[4]
    assert "UTF-8" in bad[5]
    assert len(items) == 4


def test_csv_without_text_column_is_one_bad_record(tmp_path: Path) -> None:
    items = list(iter_records(_write(tmp_path / "a.csv", b"id,body\n1,x\n")))
    assert len(items) == 1 and isinstance(items[0], BadRecord) and "no 'text' column" in items[0].reason


def test_truncated_gzip_ends_with_a_bad_record(tmp_path: Path) -> None:
    blob = gzip.compress(_jsonl(*({"text": f"article {i} " * 20} for i in range(2000))))
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    items = list(iter_records(path))
    assert isinstance(items[-1], BadRecord) and "truncated or corrupt" in items[-1].reason
    assert all(isinstance(i, Record) for i in items[:-1]) and len(items) > 1


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_records(tmp_path / "nope.jsonl"))


def test_archive_format_by_name() -> None:
    assert [archive_format(n) for n in ["a.jsonl", "A.JSONL.GZ", "b.csv.gz", "c.txt", "d.gz"]] == ["jsonl", "jsonl", "csv", None, None]


def test_record_to_document_carries_date_and_meta() -> None:
    doc = Record("id9", "Text.", date(2020, 1, 1), "AFP", 12).to_document("arch.jsonl")
    assert doc.path == "arch.jsonl:12" and doc.article_date == date(2020, 1, 1) and doc.meta == {"id": "id9", "source": "AFP"}
