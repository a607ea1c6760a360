"""fixer.apply_fixes / fix_until_stable / atomic_write."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from newslint.document import Document
from newslint.fixer import apply_fixes, atomic_write, fix_until_stable
from newslint.model import Applicability, Edit, Finding, Fix, Severity, Span


def fix(start: int, end: int, repl: str, rule: str = "NL999", app: Applicability = Applicability.SAFE) -> Fix:
    return Fix(rule, (Edit(Span(start, end), repl),), app, f"Replace with '{repl}'")


def test_apply_right_to_left_keeps_offsets() -> None:
    text = "aaa bbb ccc"
    result = apply_fixes(text, [fix(8, 11, "CCCCC"), fix(0, 3, "A")])
    assert result.text == "A bbb CCCCC"
    assert len(result.applied) == 2 and result.skipped == []


def test_overlapping_and_touching_fixes_are_skipped() -> None:
    text = "abcdef"
    first = fix(0, 3, "X")
    overlapping = fix(2, 4, "Y", "NL998")
    touching = fix(3, 5, "Z", "NL997")
    result = apply_fixes(text, [touching, overlapping, first])
    assert result.text == "Xdef"
    assert result.applied == [first]
    assert set(result.skipped) == {overlapping, touching}


def test_identical_fixes_are_deduplicated() -> None:
    result = apply_fixes("abc", [fix(0, 1, "A"), fix(0, 1, "A")])
    assert result.text == "Abc" and len(result.applied) == 1 and result.skipped == []


def _finding(rule: str, start: int, end: int, repl: str, text: str) -> Finding:
    return Finding(rule, "test-rule", Severity.WARNING, "m", Span(start, end), 1, start + 1, 1, end + 1,
                   text[start:end], (repl,), fix(start, end, repl, rule))


class SwapLinter:
    """A fake linter: flags `a` -> `b` and (when cyclic) `b` -> `a`."""

    def __init__(self, cyclic: bool) -> None:
        self.cyclic = cyclic
        self.calls = 0

    def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
        self.calls += 1
        out = []
        for i, ch in enumerate(doc.text):
            if ch == "a":
                out.append(_finding("NL001", i, i + 1, "b", doc.text))
            elif ch == "b" and self.cyclic:
                out.append(_finding("NL002", i, i + 1, "a", doc.text))
        return out


def test_fix_until_stable_converges() -> None:
    outcome = fix_until_stable(SwapLinter(cyclic=False), Document("a a x"))
    assert outcome.converged and outcome.changed
    assert outcome.text == "b b x"
    assert [f.rule_id for f in outcome.initial_findings] == ["NL001", "NL001"]
    assert outcome.findings == []


def test_fix_until_stable_keeps_original_on_cycle_and_names_rules() -> None:
    outcome = fix_until_stable(SwapLinter(cyclic=True), Document("a x"))
    assert not outcome.converged and not outcome.changed
    assert outcome.text == "a x"
    assert set(outcome.failing_rules) <= {"NL001", "NL002"} and outcome.failing_rules


def test_fix_until_stable_bounded_passes() -> None:
    class Growing:
        def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
            return [_finding("NL003", 0, 0, "x", doc.text)]  # inserts forever

    outcome = fix_until_stable(Growing(), Document("abc"), max_passes=4)
    assert not outcome.converged and outcome.passes == 4
    assert outcome.text == "abc" and outcome.failing_rules == ("NL003",)


def test_unsafe_fixes_only_when_asked() -> None:
    class Unsafe:
        def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
            i = doc.text.find("a")
            if i < 0:
                return []
            f = _finding("NL004", i, i + 1, "b", doc.text)
            return [Finding(**{**{k: getattr(f, k) for k in f.__dataclass_fields__},
                               "fix": fix(i, i + 1, "b", "NL004", Applicability.UNSAFE)})]

    assert fix_until_stable(Unsafe(), Document("xa")).text == "xa"
    assert fix_until_stable(Unsafe(), Document("xa"), unsafe=True).text == "xb"


def test_real_linter_fixes_outside_quotes_only() -> None:
    from newslint.api import Linter

    text = 'A ceasefire contract was agreed. "The ceasefire contract is off," he said.\n'
    outcome = fix_until_stable(Linter(select=["NL201"]), Document(text, "a.txt"))
    assert outcome.converged
    assert outcome.text == 'A ceasefire deal was agreed. "The ceasefire contract is off," he said.\n'


def test_atomic_write_keeps_mode_and_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"old\r\n")
    os.chmod(target, 0o640)
    atomic_write(target, "new\r\ntext\n")
    assert target.read_bytes() == b"new\r\ntext\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temp file left


def test_atomic_write_new_file_uses_umask(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    old = os.umask(0o027)
    try:
        atomic_write(target, "x")
    finally:
        os.umask(old)
    assert target.read_text() == "x"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_atomic_write_failure_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_text("original")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_write_keeps_bom(tmp_path: Path) -> None:
    target = tmp_path / "bom.txt"
    target.write_bytes(b"\xef\xbb\xbfold\n")
    atomic_write(target, "new\n")
    assert target.read_bytes() == b"\xef\xbb\xbfnew\n"
