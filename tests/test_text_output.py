"""The text format: severity in words on every line, one finding per line always, a closing
summary line, -h for every command, colour through rich (NO_COLOR, FORCE_COLOR) and --show-source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newslint.cli import app
from newslint.config import clear_caches

from .test_reporters import GOLDEN, RULES, SELECT, compare

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>NL\d{3}) \[(?P<severity>error|warning|info)\] \S")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    clear_caches()


ARTICLE = ("Prime Priest Keir Starmer met the delegation in Kiev.\n\n"
           "A ceasefire\ncontract was signed on Monday, officials said.\n")


def test_every_finding_line_names_its_severity_and_the_run_ends_with_a_summary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run("check", "--no-config", "--select", "NL201,NL102", "a.txt")
    lines = out.splitlines()
    assert code == 1
    findings, summary = lines[:-1], lines[-1]
    assert findings and all(LINE.match(line) for line in findings), findings
    assert [LINE.match(line)["severity"] for line in findings] == ["warning", "info", "warning"]  # type: ignore[index]
    assert summary == "3 findings (2 warnings, 1 info); 2 fixable with --fix, 1 more with --unsafe-fixes"
    assert "can be fixed" not in err  # said once, in the summary


def test_a_match_across_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run("check", "--no-config", "--select", "NL201", "a.txt")
    spanning = [line for line in out.splitlines() if "ceasefire" in line]
    assert spanning == ["a.txt:3:3: NL201 [warning] 'ceasefire\\ncontract' looks like a synonym-spun set phrase; "
                        "write 'ceasefire deal' (suggestion: ceasefire deal, safe fix)"]


def test_control_characters_never_reach_the_terminal() -> None:
    """A finding whose text holds a carriage return, a line separator or an escape sequence is
    written escaped, on one line."""
    import io

    from newslint.document import Document
    from newslint.model import Finding, Severity, Span
    from newslint.reporters.text import TextReporter

    text = "ab\r\ncd\u2028ef\x1b[2Jgh"
    finding = Finding("NL999", "test", Severity.WARNING, f"'{text}' found", Span(0, len(text)), 1, 1, 2, 1, text, (text,))
    out = io.StringIO()
    TextReporter(out).file(Document(text, "a.txt"), [finding])
    assert out.getvalue() == ("a.txt:1:1: NL999 [warning] 'ab\\r\\ncd\\u2028ef\\x1b[2Jgh' found "
                              "(suggestion: ab\\r\\ncd\\u2028ef\\x1b[2Jgh)\n")


@pytest.mark.parametrize("findings, expected", [
    ("", "0 findings"),
    ("A ceasefire contract was signed.\n", "1 finding (1 warning); 1 fixable with --fix"),
])
def test_summary_counts(tmp_path: Path, findings: str, expected: str) -> None:
    (tmp_path / "a.txt").write_text(findings or "Talks went on.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "a.txt")
    assert out.splitlines()[-1] == expected


def test_summary_after_fix_counts_what_was_fixed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A ceasefire contract was signed in Kiev.\n", encoding="utf-8")
    code, out, err = run("check", "--no-config", "--select", "NL201,NL102", "--fix", "a.txt")
    assert out.splitlines()[-1] == "1 finding (1 info); 1 fixed, 1 more with --unsafe-fixes"


def _commands(group: typer.core.TyperGroup, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    if hasattr(group, "commands"):  # (typer may bring its own click)
        for name, command in group.commands.items():
            found.extend(_commands(command, prefix + (name,)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "newslint" for c in COMMANDS])
def test_dash_h_is_help_for_every_command(command: tuple[str, ...]) -> None:
    code, out, err = run(*command, "-h")
    assert code == 0, err
    assert "Usage" in out and "--help" in out
    assert out == run(*command, "--help")[1]


@pytest.mark.parametrize("env, flag, coloured", [
    ({}, "auto", False),  # not a terminal
    ({"FORCE_COLOR": "1"}, "auto", True),
    ({"NO_COLOR": "1"}, "auto", False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),  # NO_COLOR wins
    ({"NO_COLOR": "1"}, "always", True),  # the command line wins over the environment
    ({"FORCE_COLOR": "1"}, "never", False),
])
def test_colour(tmp_path: Path, env: dict[str, str], flag: str, coloured: bool) -> None:
    (tmp_path / "a.txt").write_text("A ceasefire contract was signed.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--color", flag, "a.txt", env=env)
    assert bool(ANSI.search(out)) == coloured
    assert ANSI.sub("", out) == run("check", "--no-config", "--select", "NL201", "--color", "never", "a.txt")[1]


def test_colour_is_for_the_text_format_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A ceasefire contract was signed.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--format", "json", "a.txt", env={"FORCE_COLOR": "1"})
    assert not ANSI.search(out) and out.startswith("{")


# --- --show-source --------------------------------------------------------------------------------

def test_show_source_puts_a_caret_under_the_span(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks went on.\nThe ceasefire contract was signed.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--show-source", "a.txt")
    assert out.splitlines()[1:5] == [
        "  |",
        "2 | The ceasefire contract was signed.",
        "  |     ^^^^^^^^^^^^^^^^^^",
        "  |",
    ]


def test_show_source_cuts_a_long_line_around_the_span(tmp_path: Path) -> None:
    line = "Talks went on. " * 40 + "A ceasefire contract was signed. " + "Talks went on. " * 40
    (tmp_path / "a.txt").write_text(line + "\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--show-source", "a.txt")
    source, carets = out.splitlines()[2:4]
    assert source.startswith("1 | …") and source.endswith("…") and len(source) <= 110
    under = source[carets.index("^"):carets.rindex("^") + 1]
    assert under == "ceasefire contract"


def test_show_source_aligns_after_wide_characters(tmp_path: Path) -> None:
    """A CJK character takes two cells: the caret stays under the span."""
    (tmp_path / "a.txt").write_text("東京: a ceasefire contract was signed.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--show-source", "a.txt")
    source, carets = out.splitlines()[2:4]
    assert carets.index("^") == source.index("ceasefire") + 2  # two wide characters, one cell more each


def test_show_source_marks_a_span_that_goes_on_to_the_next_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A ceasefire\ncontract was signed.\n", encoding="utf-8")
    _, out, _ = run("check", "--no-config", "--select", "NL201", "--show-source", "a.txt")
    assert out.splitlines()[2:4] == ["1 | A ceasefire", "  |   ^^^^^^^^^…"]


def test_show_source_golden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(GOLDEN)
    code, out, _ = run("check", "--no-config", *RULES, "--select", SELECT, "--show-source", "article.md")
    assert code == 1
    compare("article.md.full.txt", out)
