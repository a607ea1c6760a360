"""`newslint check --date-field`: archive records are checked at their own date, as `report`
does (issue 17, item 6)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from .conftest import isolate_cli, run_cli

FORMER = "President Joe Biden toured the factory on Monday."  # a title he no longer held after January 2025


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_cli(tmp_path, monkeypatch)


run = run_cli


def findings_by_record(out: str) -> dict[str, list[str]]:
    return {f["path"].rsplit(":", 1)[1]: [g["rule_id"] for g in f["findings"]] for f in json.loads(out)["files"]}


RECORDS = [
    {"guid": "late", "story": FORMER, "meta": {"published": "2026-02-03T09:30:00Z"}},
    {"guid": "early", "story": FORMER, "meta": {"published": "2023-06-01"}},
    {"guid": "epoch", "story": FORMER, "meta": {"published": 1770000000}},  # 2026-02-02
    {"guid": "garbled", "story": FORMER + " The ceasefire contract held.", "meta": {"published": "next Tuesday"}},
]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".csv"])
def test_records_are_checked_at_their_date(tmp_path: Path, suffix: str) -> None:
    archive = tmp_path / f"wire{suffix}"
    if suffix == ".csv":
        import csv

        with archive.open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["guid", "story", "meta.published"])
            for r in RECORDS:
                writer.writerow([r["guid"], r["story"], r["meta"]["published"]])
    else:
        data = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
        archive.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    code, out, err = run("check", archive.name, "--text-field", "story", "--id-field", "guid",
                         "--date-field", "meta.published", "-f", "json")
    got = findings_by_record(out)
    assert "NL103" in got["late"] and "NL103" not in got["early"]
    if suffix != ".csv":  # a CSV cell is text: '1770000000' is not read as epoch seconds
        assert "NL103" in got["epoch"]
    # a bad date value: one clear line naming the record, and the record is still checked, without a date
    assert f"warning: {archive.name}:{'5' if suffix == '.csv' else '4'}: date field 'meta.published' is 'next Tuesday', not a date" in err
    assert got["garbled"] == ["NL201"]
    assert code == 1
    payload = {f["path"].rsplit(":", 1)[1]: f.get("article_date") for f in json.loads(out)["files"]}
    assert payload["late"] == "2026-02-03" and payload["garbled"] is None


def test_without_date_field_no_record_has_a_date(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    _, out, _ = run("check", "wire.jsonl", "--text-field", "story", "--id-field", "guid", "-f", "json")
    assert "NL103" not in findings_by_record(out)["late"]


def test_a_date_field_no_record_has_is_a_warning_listing_the_fields(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    code, _, err = run("check", "wire.jsonl", "--text-field", "story", "--date-field", "pubdate", "--select", "NL1")
    assert "warning: wire.jsonl: no record has the date field 'pubdate' (fields: guid, story, meta, meta.published)" in err
    assert code == 0  # nothing is flagged without dates; the warning does not fail the run


def test_command_line_date_wins_over_the_date_field(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text(json.dumps(RECORDS[1]) + "\n")
    _, out, _ = run("check", "wire.jsonl", "--text-field", "story", "--date-field", "meta.published", "--date", "2026-05-01", "-f", "json")
    assert [g["rule_id"] for g in json.loads(out)["files"][0]["findings"]] == ["NL103"]
