"""A check must not pass by checking nothing: unknown rule selectors, config key typos, paths
with no checkable file, archives whose every record is bad (issue 17, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import isolate_cli, run_cli

TEXT = "Officials called the ceasefire contract a first step.\n"  # NL201


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_cli(tmp_path, monkeypatch)


run = run_cli


@pytest.mark.parametrize(("args", "named", "closest"), [
    (["--select", "NL1O1"], "--select: 'NL1O1' matches no rule", "NL101 (misspelled-name)"),
    (["--select", "NL2,mispelled-name"], "'mispelled-name' matches no rule", "misspelled-name (NL101)"),
    (["--ignore", "tortured"], "--ignore: 'tortured' matches no rule", "tortured-phrase (NL201)"),
    (["--select", "NL7"], "'NL7' matches no rule", "NL1 ("),  # an unknown family: the families are offered
])
def test_unknown_selector_on_the_command_line_is_exit_2_with_the_closest_rules(tmp_path: Path, args: list[str], named: str, closest: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    code, out, err = run("check", "a.txt", *args)
    assert code == 2 and out == ""
    assert named in err and "did you mean" in err and closest in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("patterns", [["NL1", "NL2"], ["nl2"], ["ALL"], ["tortured-phrase"], ["NL201"]])
def test_prefixes_names_and_all_stay_valid(tmp_path: Path, patterns: list[str]) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    code, out, err = run("check", "a.txt", "--select", ",".join(patterns))
    assert code == 1 and "NL201" in out and "error" not in err


@pytest.mark.parametrize(("config", "line", "key", "closest"), [
    ("select: [NL1, NL2O1]\n", 1, "[select]", "NL201 (tortured-phrase)"),
    ("select: [NL1]\nignore:\n  - NL2\n  - lowercase-propr-noun\n", 4, "[ignore]", "lowercase-proper-noun (NL204)"),
    ('per-file-ignores:\n  "drafts/**": [NL3O2]\n', 2, "[per-file-ignores.drafts/**]", "NL302"),
    ("severity:\n  NL101: error\n  tortured-phrse: info\n", 3, "[severity.tortured-phrse]", "tortured-phrase (NL201)"),
])
def test_unknown_selector_in_config_names_file_line_and_closest(tmp_path: Path, config: str, line: int, key: str, closest: str) -> None:
    (tmp_path / "newslint.yaml").write_text(config)
    (tmp_path / "a.txt").write_text(TEXT)
    code, _, err = run("check", "a.txt")
    assert code == 2
    assert f"{tmp_path / 'newslint.yaml'}:{line}: {key} '" in err and "matches no rule" in err, err
    assert closest in err, err


def test_unknown_selector_in_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.newslint]\nignore = ["NL9O1"]\n')
    (tmp_path / "a.txt").write_text(TEXT)
    code, _, err = run("check", "a.txt")
    assert code == 2 and f"{tmp_path / 'pyproject.toml'}:5: [ignore] 'NL9O1' matches no rule" in err and "NL901" in err


def test_selector_of_a_house_rule_from_the_config_is_known(tmp_path: Path) -> None:
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        "id: NL851\nname: house-words\nkind: substitution\nseverity: warning\n"
        "message: \"write '{suggestion}'\"\noptions:\n  swap: {utilise: use}\n")
    (tmp_path / "newslint.yaml").write_text("rules: [house]\nselect: [house-words]\n")
    (tmp_path / "a.txt").write_text("We utilise it.\n")
    code, out, err = run("check", "a.txt")
    assert code == 1 and "NL851" in out, err


def test_report_refuses_an_unknown_selector(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    code, _, err = run("report", "a.txt", "--out", "rep", "--jobs", "1", "--no-progress", "--ignore", "NL2O1")
    assert code == 2 and "--ignore: 'NL2O1' matches no rule" in err and "NL201" in err
    assert not (tmp_path / "rep").exists()


def test_config_key_typo_names_the_closest_key(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text("selct: [NL1]\n")
    (tmp_path / "a.txt").write_text(TEXT)
    code, _, err = run("check", "a.txt")
    assert code == 2 and "[selct] unknown key 'selct'; did you mean 'select'?" in err


def test_rule_file_key_typo_names_the_closest_key(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("id: NL851\nname: house-words\nkind: substitution\nseverty: warning\n"
                                     "message: m\noptions:\n  swap: {utilise: use}\n")
    (tmp_path / "a.txt").write_text(TEXT)
    code, _, err = run("check", "a.txt", "--rules", "r.yaml")
    assert code == 2 and "unknown key 'severty'; did you mean 'severity'?" in err


@pytest.mark.parametrize("layout", ["only-pdf", "empty-folder", "empty-archive"])
def test_paths_with_nothing_to_check_are_exit_2_unless_allow_empty(tmp_path: Path, layout: str) -> None:
    target = tmp_path / "content"
    target.mkdir()
    if layout == "only-pdf":
        (target / "story.pdf").write_bytes(b"%PDF-1.4\n")
        (target / "notes.docx").write_bytes(b"PK\x03\x04")
    elif layout == "empty-archive":
        target = tmp_path / "wire.jsonl"
        target.write_text("\n")
    code, out, err = run("check", str(target))
    assert code == 2 and out == ""
    assert "no file to check" in err and "--allow-empty" in err
    code, out, err = run("check", str(target), "--allow-empty")
    assert code == 0 and "warning: no file to check" in err
    code, out, _ = run("check", str(target), "--allow-empty", "-f", "json")
    assert code == 0 and json.loads(out)["files"] == []


def test_a_folder_with_one_article_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "story.pdf").write_bytes(b"%PDF")
    (tmp_path / "content" / "story.md").write_text("All quiet.\n")
    code, _, err = run("check", "content")
    assert code == 0 and "no file to check" not in err


def test_archive_record_without_the_text_field_lists_its_fields(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text(json.dumps({"id": "a1", "body": TEXT, "published": "2025-01-02"}) + "\n")
    code, _, err = run("check", "wire.jsonl")
    assert code == 2 and "missing text field 'text' (the record has: id, body, published)" in err


def test_report_where_every_record_is_bad_is_exit_2_and_lists_the_fields(tmp_path: Path) -> None:
    with (tmp_path / "wire.jsonl").open("w") as fh:
        for i in range(3):
            fh.write(json.dumps({"guid": f"r{i}", "content": TEXT, "meta": {"pubdate": "2025-01-02"}}) + "\n")
    code, _, err = run("report", "wire.jsonl", "--out", "rep", "--jobs", "1", "--no-progress")
    assert code == 2
    assert "every record was bad (3" in err
    assert "wire.jsonl: guid, content, meta, meta.pubdate" in err and "--text-field" in err
    code, _, err = run("report", "wire.jsonl", "--out", "rep", "--jobs", "1", "--no-progress", "--text-field", "content")
    assert code == 0, err


def test_report_of_an_empty_folder_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("report", "empty", "--out", "rep", "--jobs", "1", "--no-progress")
    assert code == 2 and "no article found in empty" in err
