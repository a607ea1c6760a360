"""Apply fixes: no overlaps, right to left, re-lint until stable, write atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from .document import Document
from .model import Applicability, Finding, Fix

MAX_PASSES = 10


@dataclass(frozen=True)
class FixResult:
    """Text after one round of fixes, the fixes applied and those left for a later pass."""

    text: str
    applied: list[Fix]
    skipped: list[Fix]


@dataclass(frozen=True)
class FixOutcome:
    """Result of fixing a document until it is stable.

    `text` is the fixed text, or the original when the fixes did not converge
    (then `converged` is False and `failing_rules` names the rules that kept changing it).
    `initial_findings` are the findings of the first pass (what was wrong before fixing);
    `findings` are those of the last pass (what is left).
    """

    text: str
    changed: bool
    converged: bool
    passes: int
    initial_findings: list[Finding]
    applied_count: int
    failing_rules: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)


class SupportsCheck(Protocol):
    """Anything that checks a Document (api.Linter, or a wrapper applying a config)."""

    def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]: ...


def apply_fixes(text: str, fixes: Iterable[Fix]) -> FixResult:
    """Apply non-overlapping fixes right to left.

    Fixes are deduplicated and ordered by (start, end, rule id); a fix that starts at or
    before the end of the last kept one (overlapping or touching it) is skipped: the next
    lint pass finds it again at fresh offsets.
    """
    kept: list[Fix] = []
    skipped: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.rule_id)):
        if not fix.edits:
            skipped.append(fix)
        elif kept and fix.start <= kept[-1].end:
            skipped.append(fix)
        elif any(a.span.end > b.span.start for a, b in zip(fix.edits, fix.edits[1:])):
            skipped.append(fix)  # a fix whose own edits overlap is malformed
        else:
            kept.append(fix)
    # the edits do not overlap and are in order: the new text is joined from pieces, left to right
    # (replacing in place copied the whole text per edit: 400,000 fixes of a 2 MB file never ended)
    pieces: list[str] = []
    pos = 0
    for fix in kept:
        for e in fix.edits:
            pieces.append(text[pos:e.span.start])
            pieces.append(e.replacement)
            pos = e.span.end
    pieces.append(text[pos:])
    return FixResult("".join(pieces), kept, skipped)


def wanted_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes --fix applies: safe ones, plus unsafe ones when asked; never display-only."""
    out: list[Fix] = []
    for f in findings:
        if f.fix is None:
            continue
        if f.fix.applicability is Applicability.SAFE or (unsafe and f.fix.applicability is Applicability.UNSAFE):
            out.append(f.fix)
    return out


def _replace_text(doc: Document, text: str) -> Document:
    """Default re-reader: the document's own reader on the new text (plain text as a fallback)."""
    from .sources import reread

    return reread(doc, text)


def fix_until_stable(
    linter: SupportsCheck,
    doc: Document,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
    article_date: date | None = None,
    reparse: Callable[[Document, str], Document] | None = None,
) -> FixOutcome:
    """Lint, apply fixes, lint again until nothing changes.

    Stops when no wanted fix is left or the fixes change nothing. When a text comes back
    (a cycle) or `max_passes` is used up with fixes still pending, the original text is
    kept and the rules still fixing are named.
    """
    reread = reparse or _replace_text
    original = doc.text
    seen = {original}
    text = original
    current = doc
    findings = linter.check_document(doc, article_date)
    initial = findings
    applied_count = 0
    passes = 0
    failing: set[str] = set()
    while True:
        fixes = wanted_fixes(findings, unsafe)
        if not fixes:
            return FixOutcome(text, text != original, True, passes, initial, applied_count, (), findings)
        if passes >= max_passes:
            break
        passes += 1
        result = apply_fixes(text, fixes)
        if result.text == text:  # the fixes change nothing: stable
            return FixOutcome(text, text != original, True, passes, initial, applied_count, (), findings)
        if result.text in seen:  # a cycle: the fixes undo each other
            failing = {fix.rule_id for fix in result.applied}
            break
        seen.add(result.text)
        text = result.text
        applied_count += len(result.applied)
        current = reread(current, text)
        findings = linter.check_document(current, article_date)
    failing |= {fix.rule_id for fix in wanted_fixes(findings, unsafe)}
    return FixOutcome(original, False, False, passes, initial, 0, tuple(sorted(failing)), initial)


def _current_umask() -> int:
    """The process umask, read without changing it (os.umask() would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def atomic_write(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically: temp file in the same folder, fsync, mode kept, os.replace.

    Line endings are written as they are in `text` (no newline translation); a UTF-8 byte-order
    mark at the start of the existing file is kept.
    """
    target = Path(path)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
        with open(target, "rb") as fh:
            if fh.read(3) == b"\xef\xbb\xbf" and not text.startswith("\ufeff"):
                text = "\ufeff" + text  # keep the byte-order mark the reader stripped
    except FileNotFoundError:
        mode = None
    if mode is None:
        mode = 0o666 & ~_current_umask()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".newslint-tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
