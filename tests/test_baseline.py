"""Baseline files (--baseline, --write-baseline, `baseline:` in config): known findings are not
reported, matched by rule, file and the text around them, never by line (issue 17, item 8)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import isolate_cli, run_cli

STORY = (
    "Diplomats met in Geneva on Monday.\n\n"
    "Officials said the ceasefire contract would hold until spring.\n\n"
    "Markets barely moved.\n"
)  # NL201 once


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_cli(tmp_path, monkeypatch)


run = run_cli


def reported(out: str) -> list[tuple[str, int, str]]:
    """(path, line, rule) of each text-format finding."""
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in re.finditer(r"^(\S+?):(\d+):\d+: .*?(NL\d{3})", out, re.M)]


def baseline_now(tmp_path: Path, *paths: str, name: str = "baseline.json") -> dict:
    code, out, err = run("check", *paths, "--select", "NL2", "--write-baseline", name)
    assert code == 0 and reported(out) == [], err
    assert f"to the baseline {name}" in err
    return json.loads((tmp_path / name).read_text())


def test_write_then_check_reports_nothing_known(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(STORY)
    (tmp_path / "news" / "b.txt").write_text(STORY + STORY)  # the same paragraph twice: counted
    data = baseline_now(tmp_path, "news")
    entries = {(e["path"], e["rule"]): e["count"] for e in data["findings"]}
    assert entries == {("news/a.md", "NL201"): 1, ("news/b.txt", "NL201"): 2}
    assert all(e["matched"] == "ceasefire contract" and len(e["fingerprint"]) == 24 for e in data["findings"])
    code, out, err = run("check", "news", "--select", "NL2", "--baseline", "baseline.json")
    assert code == 0 and reported(out) == [] and "3 findings in the baseline baseline.json not reported" in err
    assert out.strip().splitlines()[-1] == "0 findings; 3 in the baseline, not shown"  # the text format's summary line
    _, out, _ = run("check", "news", "--select", "NL2", "--baseline", "baseline.json", "-f", "json")
    assert json.loads(out)["summary"]["baselined"] == 3 and json.loads(out)["summary"]["findings"] == 0


def test_edits_elsewhere_keep_the_baseline_and_new_findings_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY)
    baseline_now(tmp_path, "a.md")
    # a new paragraph on top (every line moves), the finding's paragraph re-wrapped, a new
    # occurrence of the same phrase further down
    edited = (
        "# Talks resume\n\nA new lead paragraph\nwritten over two lines.\n\n"
        "Officials said the ceasefire\ncontract would hold until spring.\n\n"
        "Markets barely moved.\n\nBy evening a second ceasefire contract was on the table.\n"
    )
    (tmp_path / "a.md").write_text(edited)
    code, out, err = run("check", "a.md", "--select", "NL2", "--baseline", "baseline.json")
    assert reported(out) == [("a.md", 11, "NL201")], out  # only the new one
    assert code == 1 and "1 finding in the baseline" in err


def test_a_third_occurrence_beyond_the_count_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY + STORY)
    baseline_now(tmp_path, "a.txt")
    (tmp_path / "a.txt").write_text(STORY + STORY + STORY)
    _, out, _ = run("check", "a.txt", "--select", "NL2", "--baseline", "baseline.json")
    assert len(reported(out)) == 1


def test_an_edit_next_to_the_finding_still_matches_the_same_phrase(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY)
    baseline_now(tmp_path, "a.md")
    (tmp_path / "a.md").write_text(STORY.replace("Officials said the", "Senior officials insisted that the"))
    code, out, _ = run("check", "a.md", "--select", "NL2", "--baseline", "baseline.json")
    assert code == 0 and reported(out) == []


def test_fixed_findings_are_counted_as_gone(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY)
    (tmp_path / "b.md").write_text(STORY)
    baseline_now(tmp_path, "a.md", "b.md")
    (tmp_path / "a.md").write_text(STORY.replace("ceasefire contract", "ceasefire deal"))
    code, _, err = run("check", "a.md", "--select", "NL2", "--baseline", "baseline.json")
    assert code == 0 and "1 baselined finding no longer occurs in the files checked" in err  # b.md was not checked


def test_paths_are_relative_to_the_baseline_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site" / "news").mkdir(parents=True)
    (tmp_path / "site" / "news" / "a.md").write_text(STORY)
    data = baseline_now(tmp_path, "site/news", name="site/baseline.json")
    assert data["findings"][0]["path"] == "news/a.md"
    monkeypatch.chdir(tmp_path / "site" / "news")
    code, out, _ = run("check", "a.md", "--select", "NL2", "--baseline", "../baseline.json")
    assert code == 0 and reported(out) == []
    code, out, _ = run("check", str(tmp_path / "site" / "news" / "a.md"), "--select", "NL2", "--baseline", "../baseline.json")
    assert code == 0 and reported(out) == []


def test_config_baseline_no_baseline_and_the_command_line_file(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(STORY)
    (tmp_path / "newslint.yaml").write_text("select: [NL2]\nbaseline: .newslint-baseline.json\n")
    code, _, err = run("check", "news")  # the config names a baseline that does not exist yet
    assert code == 2 and ".newslint-baseline.json: no such baseline file (write one with --write-baseline" in err
    code, _, err = run("check", "news", "--write-baseline", ".newslint-baseline.json")
    assert code == 0, err
    code, out, _ = run("check", "news")
    assert code == 0 and reported(out) == []
    code, out, _ = run("check", "news", "--no-baseline")
    assert code == 1 and reported(out) == [("news/a.md", 3, "NL201")]
    (tmp_path / "empty.json").write_text('{"newslint_baseline": 1, "findings": []}\n')
    code, out, _ = run("check", "news", "--baseline", "empty.json")
    assert code == 1 and reported(out)
    # the config's baseline is relative to the config file, wherever newslint runs from
    (tmp_path / "news" / "sub").mkdir()
    code, out, err = run("check", str(tmp_path / "news"))
    assert code == 0 and reported(out) == [], err


@pytest.mark.parametrize(("content", "message"), [
    ('{"newslint_baseline": 1, "findings": [', "not valid JSON"),
    ("[]", "not a newslint baseline"),
    ('{"newslint_baseline": 7, "findings": []}', "not a newslint baseline"),
    ('{"newslint_baseline": 1, "findings": [{"path": "a.md", "rule": "NL201"}]}', "baseline entry 1 needs"),
    ('{"newslint_baseline": 1, "findings": [{"path": "a.md", "rule": "NL201", "fingerprint": "x", "text": "y", "count": 0}]}',
     "baseline entry 1 needs"),
    ("\xff\xfe", "not valid JSON"),
])
def test_a_corrupt_baseline_is_exit_2_with_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "a.md").write_text(STORY)
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    code, out, err = run("check", "a.md", "--baseline", "b.json")
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_write_baseline_refuses_fix_and_diff(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY)
    for extra in ("--fix", "--diff"):
        code, _, err = run("check", "a.md", "--write-baseline", "b.json", extra)
        assert code == 2 and "--write-baseline" in err
    assert not (tmp_path / "b.json").exists()


def test_archive_records_are_baselined_by_record(tmp_path: Path) -> None:
    records = [{"id": "r1", "body": STORY}, {"id": "r2", "body": STORY}]
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    data = baseline_now(tmp_path, "wire.jsonl", "--text-field", "body", "--id-field", "id")
    assert sorted(e["path"] for e in data["findings"]) == ["wire.jsonl:r1", "wire.jsonl:r2"]
    records.append({"id": "r3", "body": STORY})
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    _, out, _ = run("check", "wire.jsonl", "--text-field", "body", "--id-field", "id", "--select", "NL2", "--baseline", "baseline.json")
    assert [p for p, _, _ in reported(out)] == ["wire.jsonl:r3"]


def test_markup_changes_keep_an_html_baseline(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>Diplomats met.</p>\n<p>Officials said the ceasefire contract would hold.</p>\n")
    baseline_now(tmp_path, "a.html")
    (tmp_path / "a.html").write_text('<div class="x"><p>Diplomats <b>met</b>.</p>\n<p>Officials said the '
                                     '<em>ceasefire contract</em> would hold.</p></div>\n')
    code, out, _ = run("check", "a.html", "--select", "NL2", "--baseline", "baseline.json")
    assert code == 0 and reported(out) == []
