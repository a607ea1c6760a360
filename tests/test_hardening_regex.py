"""User regexes are bounded: a catastrophic pattern is stopped by a time limit per rule and
document, reported once as a warning naming the rule, and every other rule still runs.
Kinds other than `existence` never turn user text into a regex (literal automata or escaped)."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.api import Linter
from newslint.document import Document
from newslint.errors import RuleError
from newslint.rules.kinds.existence import MAX_TIMEOUT_S, REGEX_TIMEOUT_S
from newslint.rules.loader import load_rule_file

CATASTROPHIC = "A ceasefire contract was signed. " + "a" * 5000 + "!"


def rule(tmp_path: Path, rule_id: str, patterns: list[str], timeout: float | str | None = None, name: str = "slow-pattern") -> Path:
    lines = [f"id: {rule_id}", f"name: {name}", "kind: existence", "severity: warning", "message: \"'{found}' found\"",
             "options:", "  patterns:", *[f"    - '{p}'" for p in patterns]]
    if timeout is not None:
        lines.append(f"  timeout: {timeout}")
    path = tmp_path / f"{rule_id}-{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_check(linter: Linter, text: str) -> tuple[float, list]:  # type: ignore[type-arg]
    start = time.perf_counter()
    findings = linter.check_text(text)
    return time.perf_counter() - start, findings


def test_catastrophic_pattern_is_stopped_reported_once_and_others_still_run(tmp_path: Path) -> None:
    path = rule(tmp_path, "NL990", ["(a+)+$"], timeout=0.5)
    linter = Linter(rule_paths=[path], select=["NL990", "NL201", "NL302"])
    elapsed, findings = timed_check(linter, CATASTROPHIC)
    slow = [f for f in findings if f.rule_id == "NL990"]
    assert len(slow) == 1
    assert "NL990" in slow[0].message and "slow-pattern" in slow[0].message and "0.5 s" in slow[0].message
    assert slow[0].severity.value == "warning" and slow[0].fix is None
    assert any(f.rule_id == "NL201" for f in findings)  # the other rules ran
    # the limit is matching time; the rest is the other rules and a loaded machine
    assert elapsed < 0.5 + 4.0, elapsed


def test_the_same_pattern_is_fast_and_silent_on_ordinary_text(tmp_path: Path) -> None:
    linter = Linter(rule_paths=[rule(tmp_path, "NL990", ["(a+)+$"], timeout=0.5)], select=["NL990"])
    assert [f.rule_id for f in linter.check_text("a banana\naaa")] == ["NL990"]  # "aaa" at the end matches
    assert linter.check_text("A ceasefire contract was signed.") == []


def test_limit_is_per_rule_and_per_document(tmp_path: Path) -> None:
    first = rule(tmp_path, "NL990", ["(a+)+$"], timeout=0.3, name="slow-one")
    second = rule(tmp_path, "NL991", ["(a|a)+$"], timeout=0.3, name="slow-two")
    linter = Linter(rule_paths=[first, second], select=["NL990", "NL991", "NL201"])
    for _ in range(2):  # a second document gets a fresh budget and its own warnings
        elapsed, findings = timed_check(linter, CATASTROPHIC)
        assert sorted(f.rule_id for f in findings if f.rule_id.startswith("NL99")) == ["NL990", "NL991"]
        assert any(f.rule_id == "NL201" for f in findings)
        assert elapsed < 0.6 + 4.0, elapsed


def test_budget_covers_all_matches_of_a_document_and_keeps_those_found(tmp_path: Path) -> None:
    """Each search is slowish (backtracking over 26 a's) but succeeds: the budget is cumulative
    over the document, so many such searches are stopped too; matches found before are kept."""
    path = rule(tmp_path, "NL990", ["(?:a|aa)+b|x"], timeout=0.5)
    linter = Linter(rule_paths=[path], select=["NL990"])
    segment = "a" * 26 + "c x "
    per_segment, _ = timed_check(linter, segment)
    count = max(40, int(3.0 / max(per_segment, 0.005)))  # well over the budget in total
    elapsed, findings = timed_check(linter, segment * count)
    warnings = [f for f in findings if f.matched == ""]
    kept = [f for f in findings if f.matched == "x"]
    assert len(warnings) == 1 and "NL990" in warnings[0].message
    assert 0 < len(kept) < count
    assert elapsed < 0.5 + 4.0, elapsed


@pytest.mark.parametrize("value, problem, line", [
    (".nan", "finite", 6), (".inf", "<= 600", 9), ("0", ">= 0.001", 9), ("-1", ">= 0.001", 9), ("601", "<= 600", 9),
    ("fast", "number", 9),
])
def test_timeout_option_is_validated(tmp_path: Path, value: str, problem: str, line: int) -> None:
    path = rule(tmp_path, "NL990", ["x"], timeout=value)  # line 6: options, line 9: timeout
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.line == line and err.value.key and err.value.key.startswith("options")
    assert problem in err.value.message


def test_timeout_default_and_bounds_are_documented_values() -> None:
    assert REGEX_TIMEOUT_S == 1.0 and MAX_TIMEOUT_S == 600.0 and math.isfinite(REGEX_TIMEOUT_S)


def test_cli_reports_the_stopped_rule_and_still_checks(tmp_path: Path) -> None:
    path = rule(tmp_path, "NL990", ["(a+)+$"], timeout=0.5)
    article = tmp_path / "a.txt"
    article.write_text(CATASTROPHIC + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-config", "--rules", str(path), str(article)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert sum("NL990" in line and "time limit of 0.5 s" in line for line in lines) == 1
    assert any("NL201" in line for line in lines)
    assert "Traceback" not in result.stderr


# --- other kinds treat user text literally ---------------------------------------------------

HOSTILE_TERMS = ["(a+)+$", "(a|a)+$", "a{1,100}{1,100}", "[", "\\", "(?=", ".*.*.*.*b"]
HOSTILE_TEXT = "a" * 20000 + "!"


def kind_rule(tmp_path: Path, kind: str, options: str) -> Path:
    path = tmp_path / f"NL980-{kind.replace('_', '-')}.yaml"
    path.write_text(f"id: NL980\nname: user-{kind.replace('_', '-')}\nkind: {kind}\nseverity: warning\n"
                    f"message: \"'{{found}}'\"\noptions:\n{options}", encoding="utf-8")
    return path


def _yaml_list(values: list[str]) -> str:
    return "".join(f"    - '{v}'\n" for v in values)


@pytest.mark.parametrize("kind, options", [
    ("substitution", "  swap:\n" + "".join(f"    '{t}': safe\n" for t in HOSTILE_TERMS)),
    ("capitalisation", "  terms:\n" + _yaml_list(HOSTILE_TERMS)),
    ("fuzzy_phrase", "  phrases:\n" + _yaml_list(["(a+)+$ aaaa", "aaaaa (a|a)+$"])),
    ("repetition", "  allow:\n" + _yaml_list(HOSTILE_TERMS)),
])
def test_user_terms_are_literal_in_other_kinds(tmp_path: Path, kind: str, options: str) -> None:
    linter = Linter(rule_paths=[kind_rule(tmp_path, kind, options)], select=["NL980"])
    elapsed, findings = timed_check(linter, HOSTILE_TEXT)
    assert elapsed < 3.0, elapsed
    assert findings == []


def test_substitution_finds_regex_metacharacters_literally(tmp_path: Path) -> None:
    path = kind_rule(tmp_path, "substitution", "  swap:\n    'a.b (x+)': fixed\n")
    linter = Linter(rule_paths=[path], select=["NL980"])
    assert [f.matched for f in linter.check_text("Then a.b (x+) and aXb (xx).")] == ["a.b (x+)"]


def test_accept_list_is_literal() -> None:
    linter = Linter(select=["NL201"], accept=["(a+)+$", "ceasefire.contract"])
    start = time.perf_counter()
    findings = linter.check_document(Document(HOSTILE_TEXT + " A ceasefire contract.", "a.txt"))
    assert time.perf_counter() - start < 3.0
    assert [f.rule_id for f in findings] == ["NL201"]  # "." in an accepted term is not a wildcard
