"""`newslint check` and friends, in process (CliRunner), plus one subprocess smoke test."""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import OutputFormat, app
from newslint.config import clear_caches, load_config
from newslint.reporters import REPORTERS

BAD = "A ceasefire contract was signed in Kiev.\n"  # NL201 (safe fix) and NL102 (info, unsafe)
QUOTED = '"The ceasefire contract is dead," he said.\n'


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    clear_caches()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_format_choices_are_the_reporters() -> None:
    assert [f.value for f in OutputFormat] == list(REPORTERS)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "args", "code"), [
    ("All quiet in Kyiv.\n", [], 0),
    (BAD, [], 1),
    (BAD, ["--fail-on", "never"], 0),
    (BAD, ["--fail-on", "error"], 0),  # NL201 is a warning
    ("Missiles struck Kiev.\n", [], 0),  # NL102 is info, below the default threshold
    ("Missiles struck Kiev.\n", ["--fail-on", "info"], 1),
    (BAD, ["--date", "yesterday"], 2),
])
def test_exit_codes(tmp_path: Path, text: str, args: list[str], code: int) -> None:
    (tmp_path / "a.txt").write_text(text)
    assert run("check", "a.txt", "--select", "NL1,NL2", *args)[0] == code


def test_missing_file_is_exit_2_with_one_line(tmp_path: Path) -> None:
    code, out, err = run("check", "nope.txt")
    assert code == 2 and out == ""
    assert err.strip() == "newslint: error: nope.txt: no such file or directory"


def test_config_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text("ignore: [NL302]\nselct: [NL1]\n")
    (tmp_path / "a.txt").write_text(BAD)
    code, out, err = run("check", "a.txt")
    assert code == 2
    assert f"{tmp_path / 'newslint.yaml'}:2: [selct] unknown key 'selct'" in err
    assert "Traceback" not in err


def test_config_is_discovered_and_applied(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text("ignore: [NL201]\nseverity: {NL102: error}\nfail-on: error\n")
    (tmp_path / "a.txt").write_text(BAD)
    code, out, _ = run("check", "a.txt")
    assert "NL201" not in out and "NL102" in out and code == 1
    code, out, _ = run("check", "a.txt", "--no-config")
    assert "NL201" in out


def test_pyproject_config_and_explicit_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nselect = ['NL102']\n")
    (tmp_path / "other.yaml").write_text("select: [NL201]\n")
    (tmp_path / "a.txt").write_text(BAD)
    assert "NL201" not in run("check", "a.txt")[1]
    out = run("check", "a.txt", "--config", "other.yaml")[1]
    assert "NL201" in out and "NL102" not in out


def test_front_matter_date_and_accept(tmp_path: Path) -> None:
    (tmp_path / "newslint.yaml").write_text("accept: [Kiev]\n")
    (tmp_path / "a.md").write_text("---\ntitle: A ceasefire contract\ndate: 2025-03-01\n---\nIn Kiev.\n")
    code, out, _ = run("check", "a.md", "--format", "json")
    payload = json.loads(out)
    entry = payload["files"][0]
    assert entry["article_date"] == "2025-03-01" and entry["kind"] == "markdown"
    assert [(f["rule_id"], f["line"]) for f in entry["findings"]] == [("NL201", 2)]


def test_fix_writes_atomically_keeps_mode_and_second_run_has_nothing_to_fix(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(BAD + QUOTED)
    os.chmod(target, 0o640)
    code, out, err = run("check", "--fix", "a.txt")
    assert target.read_text() == "A ceasefire deal was signed in Kiev.\n" + QUOTED  # never inside the quote
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "fixed 1 problem" in err
    assert "NL102" in out and "1:1" not in out  # remaining findings are reported
    code, out, err = run("check", "--fix", "a.txt")
    assert "fixed" not in err and "can be fixed" not in err
    assert run("check", "--diff", "a.txt")[0] == 0  # nothing left to change


def test_unsafe_fixes_opt_in(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(BAD + QUOTED)
    run("check", "--fix", "--unsafe-fixes", "a.txt")
    assert target.read_text() == 'A ceasefire deal was signed in Kyiv.\n"The ceasefire deal is dead," he said.\n'


def test_diff_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(BAD)
    code, out, err = run("check", "--diff", "a.txt")
    assert code == 1
    assert out.splitlines()[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert "-A ceasefire contract was signed in Kiev." in out and "+A ceasefire deal was signed in Kiev." in out
    assert target.read_text() == BAD


def test_fix_and_diff_exclude_each_other(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD)
    assert run("check", "--fix", "--diff", "a.txt")[0] == 2


def test_fix_markdown_leaves_code_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("# Title\n\nThe ceasefire contract held. `ceasefire contract`\n")
    run("check", "--fix", "a.md")
    assert target.read_text() == "# Title\n\nThe ceasefire deal held. `ceasefire contract`\n"


def test_stdin_fix_prints_fixed_text_and_reports_on_stderr() -> None:
    code, out, err = run("check", "--fix", "--select", "NL201", "-", input=BAD)
    assert out == "A ceasefire deal was signed in Kiev.\n"
    assert code == 0


def test_stdin_filename_chooses_reader_and_names_output() -> None:
    code, out, _ = run("check", "--select", "NL201", "--stdin-filename", "story.md", "-", input="Use `ceasefire contract`.\n")
    assert code == 0 and out == "0 findings\n"
    code, out, _ = run("check", "--select", "NL201", "--stdin-filename", "story.md", "-", input="A ceasefire contract.\n")
    assert out.startswith("story.md:1:3: NL201")


def test_jsonl_archive_records(tmp_path: Path) -> None:
    lines = [{"id": "r1", "body": "All quiet."}, {"id": "r2", "body": "Line one.\nA ceasefire contract."}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    code, out, err = run("check", "--select", "NL201", "--text-field", "body", "--id-field", "id", "a.jsonl")
    assert code == 1
    assert out.splitlines() == ["a.jsonl:r2:2:3: NL201 [warning] 'ceasefire contract' looks like a synonym-spun set phrase; write 'ceasefire deal' (suggestion: ceasefire deal, safe fix)",
                                "1 finding (1 warning); 1 fixable with --fix"]
    code, out, _ = run("check", "--select", "NL201", "--text-field", "body", "a.jsonl")
    assert out.startswith("a.jsonl:2:2:3: NL201")  # without --id-field: the record's line


def test_csv_gz_archive_and_bad_record(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write('id,text\nx1,"A ceasefire contract."\nx2,\n')
    code, out, err = run("check", "--select", "NL201", "--id-field", "id", "-f", "json", "a.csv.gz")
    payload = json.loads(out)
    assert [(f["path"], f["record"]) for f in payload["files"]] == [("a.csv.gz:x1", "x1"), ("a.csv.gz:x2", "x2")]
    assert code == 1


def test_fix_refuses_archives(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "A ceasefire contract."}) + "\n")
    before = (tmp_path / "a.jsonl").read_text()
    code, out, err = run("check", "--fix", "--select", "NL201", "a.jsonl")
    assert code == 2 and "cannot rewrite a record inside an archive" in err
    assert (tmp_path / "a.jsonl").read_text() == before
    code, out, _ = run("check", "--diff", "--select", "NL201", "a.jsonl")
    assert code == 1 and "+A ceasefire deal." in out


def test_github_format_chosen_under_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(BAD)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = run("check", "--select", "NL201", "a.txt")[1]
    assert out.startswith("::warning file=a.txt,line=1,col=3,endLine=1,endColumn=21,title=NL201 tortured-phrase::")
    out = run("check", "--select", "NL201", "--format", "text", "a.txt")[1]
    assert out.startswith("a.txt:1:3: NL201")


def test_statistics(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD + BAD)
    (tmp_path / "b.txt").write_text(BAD)
    out = run("check", "--statistics", "--select", "NL201,NL102", "a.txt", "b.txt")[1].splitlines()
    assert out[-3:-1] == ["     3  NL102  discouraged-name-form", "     3  NL201  tortured-phrase"]
    assert out[-1].startswith("6 findings (3 warnings, 3 info); 3 fixable with --fix")


def test_data_on_stdout_messages_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD)
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run("check", "-f", "json", "a.txt", "empty.txt", "missing.txt")
    json.loads(out)  # stdout is pure data
    assert "empty file" in err and "missing.txt" in err and code == 2


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, _, err = run("init")
    assert code == 0 and (tmp_path / "newslint.yaml").is_file()
    conf = load_config((tmp_path / "newslint.yaml").resolve())
    assert conf.quotes == "check" and conf.fail_on == "warning"
    (tmp_path / "newslint.yaml").write_text("keep me\n")
    code, _, err = run("init")
    assert code == 2 and "already exists" in err
    assert (tmp_path / "newslint.yaml").read_text() == "keep me\n"


def test_explain(tmp_path: Path) -> None:
    code, out, _ = run("explain", "NL201")
    assert code == 0
    assert out.startswith("NL201 tortured-phrase\n")
    assert "bad:   Both sides said a ceasefire contract" in out
    assert "fixed: Both sides said a ceasefire deal" in out
    assert "Fix safety:" in out and "swap (str_map, default (required))" in out
    assert run("explain", "tortured-phrase")[1] == out
    code, _, err = run("explain", "NL999")
    assert code == 2 and "no rule 'NL999'" in err


def test_subprocess_smoke(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD)
    proc = subprocess.run(
        [sys.executable, "-c", "from newslint.cli import main; main()", "check", "--select", "NL201", "a.txt"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")},
    )
    assert (proc.returncode, proc.stdout.split(":")[:3]) == (1, ["a.txt", "1", "3"])
    assert proc.stdout.splitlines()[-1] == "1 finding (1 warning); 1 fixable with --fix" and "Traceback" not in proc.stderr


def test_help_texts_keep_their_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich reads '[lsp]' in a help text as a style tag and drops it: every bracket in a command's
    or an option's help is escaped, so `newslint lsp -h` shows the extra to install."""
    import re

    import typer.main

    def texts(command: object, name: str) -> list[tuple[str, str]]:
        out = [(name, getattr(command, "help", None) or "")]
        out += [(f"{name} {p.name}", getattr(p, "help", None) or "") for p in getattr(command, "params", [])]
        for sub, child in (getattr(command, "commands", None) or {}).items():
            out += texts(child, f"{name} {sub}")
        return out

    unescaped = [(where, m.group()) for where, text in texts(typer.main.get_command(app), "newslint")
                 for m in re.finditer(r"(?<!\\)\[[^\]]*\]", text)]
    assert unescaped == []
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run("lsp", "-h")
    assert code == 0 and "pip install 'newslint[lsp]'" in out
