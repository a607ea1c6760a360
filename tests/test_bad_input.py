"""Bad input: one clear line naming the file and the problem, exit 2, no traceback, and
the other files are still checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin.decode() if stdin is not None else None, timeout=120)


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text("A ceasefire contract was agreed in Geneva.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks in Z\xfcrich".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return tmp_path


def test_bad_files_are_named_and_the_rest_is_checked(articles: Path) -> None:
    result = run("check", str(articles), str(articles / "missing.txt"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    err = result.stderr
    assert "binary.txt" in err and "binary" in err
    assert "latin1.txt" in err and "UTF-8" in err
    assert "missing.txt" in err and "no such file" in err
    assert "empty.txt" in err and "empty" in err
    # the good file was still checked
    assert "good.txt:1:" in result.stdout and "NL201" in result.stdout


def test_malformed_rule_file_names_file_line_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "NL999-bad.yaml"
    bad.write_text("id: NL999\nname: bad-rule\nkind: substitution\nseverity: loud\nmessage: x\noptions: {swap: {a: b}}\n",
                   encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Text.\n", encoding="utf-8")
    result = run("check", "--rules", str(bad), str(article))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}:4" in result.stderr and "severity" in result.stderr


def test_unknown_option_in_rule_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "NL998-bad.yaml"
    bad.write_text("id: NL998\nname: bad-rule\nkind: substitution\nseverity: warning\nmessage: x\n"
                   "options:\n  swap: {a: b}\n  colour: red\n", encoding="utf-8")
    result = run("check", "--rules", str(bad), "-", stdin=b"Text.\n")
    assert result.returncode == 2
    assert f"{bad}:8" in result.stderr and "colour" in result.stderr


def test_invalid_yaml_is_an_error_with_line(tmp_path: Path) -> None:
    bad = tmp_path / "NL997-bad.yaml"
    bad.write_text("id: NL997\nname: [unclosed\n", encoding="utf-8")
    result = run("check", "--rules", str(bad), "-", stdin=b"Text.\n")
    assert result.returncode == 2
    assert str(bad) in result.stderr and "invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_dictionary_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "names.yaml"
    bad.write_text("entries:\n  - {id: person:x, kind: human, canonical: X Y}\n", encoding="utf-8")
    result = run("check", "--dictionary", str(bad), "-", stdin=b"Text.\n")
    assert result.returncode == 2
    assert f"{bad}:2" in result.stderr and "kind" in result.stderr


def test_clean_text_exits_zero_and_findings_exit_one() -> None:
    assert run("check", "-", stdin=b"The central bank raised interest rates on Tuesday.\n").returncode == 0
    assert run("check", "-", stdin=b"A ceasefire contract was signed.\n").returncode == 1
    assert run("check", "--fail-on", "error", "-", stdin=b"A ceasefire contract was signed.\n").returncode == 0
