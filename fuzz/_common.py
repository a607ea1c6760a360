"""What every fuzz harness checks: the invariants of findings, documents and fixes.

Shared by fuzz_check.py and fuzz_readers.py, and by tests/test_hardening_fuzz.py, which replays
the inputs kept under tests/regressions/ through the same functions (no atheris needed).
An invariant that does not hold raises AssertionError: the fuzzer records the input as a crash.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence

from newslint.api import Linter
from newslint.document import Document
from newslint.fixer import apply_fixes, fix_until_stable, wanted_fixes
from newslint.model import Finding

_BREAK = re.compile(r"\r\n|\r|\n")

@functools.lru_cache(maxsize=1)
def shared_linter() -> Linter:
    """make_linter(), built once per process."""
    return make_linter()


def make_linter() -> Linter:
    """Every built-in rule, the opt-in ones too (no grammar backends: they need servers)."""
    linter = Linter()
    everything = [s.id for s in linter.specs if s.kind != "grammar"]
    return Linter(select=everything)


def line_col(ends: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of `offset`, given the offsets just after each line
    break (\\n, \\r\\n or a lone \\r; see line_ends). Independent of newslint.positions."""
    before = bisect_right(ends, offset)  # breaks ending at or before offset (between \r and \n: the \r's line)
    return before + 1, offset - (ends[before - 1] if before else 0) + 1


def line_ends(text: str) -> list[int]:
    """Offsets just after each line break, found by regex."""
    return [m.end() for m in _BREAK.finditer(text)]


def check_findings(text: str, findings: Sequence[Finding]) -> None:
    """Spans inside the text, matched text equal to the text at the span, line/column right, sorted."""
    n = len(text)
    ends = line_ends(text)
    for f in findings:
        s, e = f.span.start, f.span.end
        assert 0 <= s <= e <= n, (f.rule_id, s, e, n)
        assert text[s:e] == f.matched, (f.rule_id, text[s:e], f.matched)
        assert (f.line, f.column) == line_col(ends, s), (f.rule_id, (f.line, f.column), line_col(ends, s))
        assert (f.end_line, f.end_column) == line_col(ends, e), (f.rule_id, (f.end_line, f.end_column), line_col(ends, e))
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= n, (f.rule_id, edit)
    keys = [(f.span.start, f.span.end) for f in findings]
    assert keys == sorted(keys), "findings are not sorted by position"


def check_document(doc: Document) -> None:
    """The lint text has the text's length and keeps every line break where it is."""
    assert len(doc.lint_text) == len(doc.text)
    for m in _BREAK.finditer(doc.text):
        assert doc.lint_text[m.start():m.end()] == m.group(), ("line break lost", m.start())


def check_fixes(linter: Linter, doc: Document, findings: Sequence[Finding]) -> None:
    """One round of safe fixes changes only the fixed spans; fixing until stable, then again, changes nothing."""
    text = doc.text
    result = apply_fixes(text, wanted_fixes(findings))
    pieces, pos = [], 0
    for fix in sorted(result.applied, key=lambda f: f.start):
        for edit in fix.edits:
            assert edit.span.start >= pos, "applied fixes overlap"
            pieces += [text[pos:edit.span.start], edit.replacement]
            pos = edit.span.end
    pieces.append(text[pos:])
    assert result.text == "".join(pieces), "text outside the fixed spans changed"

    once = fix_until_stable(linter, doc)
    if not once.converged:
        assert once.text == text and not once.changed and once.failing_rules, "no-converge must keep the original"
        return
    if once.changed:
        from newslint.sources import reread

        twice = fix_until_stable(linter, reread(doc, once.text))
        assert twice.converged and twice.text == once.text, "fixing twice differs from fixing once"
