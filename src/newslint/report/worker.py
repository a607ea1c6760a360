"""What runs in a worker: a Linter built once per process, and the check of a chunk of documents.

Results are plain tuples (no Finding objects) so they pickle small and store directly.
"""

from __future__ import annotations

import json
import re
import signal
import threading
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..model import Finding
from .options import LinterOptions, ReportError, ruleset_version

CONTEXT_CHARS = 60
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SPACES = re.compile(r"\s+")

FINDING_COLUMNS = (
    "rule_id", "rule_name", "severity", "message", "start", "end", "line", "col", "end_line", "end_col",
    "matched", "suggestion", "suggestions", "fix_safe", "context_before", "context_after",
)

Doc = tuple[str, Document]  # (content hash, document)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Findings of one document (by content hash), as rows in FINDING_COLUMNS order."""

    content_hash: str
    words: int
    findings: tuple[tuple[Any, ...], ...]
    error: str | None = None  # the check itself failed (reported as a bad record, not cached)
    lines: tuple[tuple[str, str, int, int, int], ...] = ()  # short lines counted for the recurring-line rule


def count_words(text: str) -> int:
    """Words in a text (runs of letters/digits, with inner apostrophes and hyphens)."""
    return sum(1 for _ in _WORD.finditer(text))


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = _SPACES.sub(" ", text[max(0, start - CONTEXT_CHARS):start]).lstrip()
    after = _SPACES.sub(" ", text[end:end + CONTEXT_CHARS]).rstrip()
    return before, after


def finding_row(f: Finding, text: str) -> tuple[Any, ...]:
    """One finding as a row of FINDING_COLUMNS."""
    before, after = _context(text, f.span.start, f.span.end)
    return (
        f.rule_id, f.rule_name, f.severity.value, f.message, f.span.start, f.span.end, f.line, f.column,
        f.end_line, f.end_column, f.matched, f.suggestions[0] if f.suggestions else None,
        json.dumps(list(f.suggestions), ensure_ascii=False), int(f.fix_safe), before, after,
    )


def check_documents(linter: Any, docs: list[Doc]) -> list[CheckResult]:
    """Check each document; a failure in one is recorded on its result and never stops the others."""
    from .recurring import article_lines, thresholds

    limits = thresholds(linter)
    results: list[CheckResult] = []
    for key, doc in docs:
        try:
            findings = linter.check_document(doc)
            rows = tuple(finding_row(f, doc.text) for f in findings)
            lines = article_lines(doc.lint_text, limits) if limits is not None else ()
            results.append(CheckResult(key, count_words(doc.lint_text), rows, lines=lines))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a million
            results.append(CheckResult(key, 0, (), f"internal error while checking: {type(exc).__name__}: {exc}"))
    return results


# --- local worker processes: state built once per process by the initializer ---------------------------

_POOL_LINTER: Any = None
_POOL_ERROR: str | None = None


def init_pool_worker(options: LinterOptions) -> None:
    """Worker initializer: ignore SIGINT (the parent handles Ctrl-C) and build this worker's Linter once."""
    global _POOL_LINTER, _POOL_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _POOL_LINTER = options.build()
    except Exception as exc:  # noqa: BLE001 - reported by check_in_pool, with the parent's message
        _POOL_ERROR = f"{type(exc).__name__}: {exc}"


def check_in_pool(task: tuple[int, list[Doc]]) -> tuple[int, list[CheckResult]]:
    """Task of a local worker: (chunk number, documents) -> (chunk number, results)."""
    number, docs = task
    if _POOL_LINTER is None:
        raise ReportError(f"a worker could not load the rules: {_POOL_ERROR}")
    return number, check_documents(_POOL_LINTER, docs) if docs else []


# --- Dask workers: one Linter per worker process and thread, cached at module level ---------------

_CACHED: dict[tuple[LinterOptions, int], Any] = {}
_VERSIONS: dict[LinterOptions, str] = {}
_LOCK = threading.Lock()


def cached_linter(options: LinterOptions) -> Any:
    """The Linter for these options in this process and thread, built on first use."""
    key = (options, threading.get_ident())
    linter = _CACHED.get(key)
    if linter is None:
        with _LOCK:
            linter = _CACHED.get(key)
            if linter is None:
                linter = _CACHED[key] = options.build()
    return linter


def worker_ruleset(options: LinterOptions) -> str:
    """The rules/dictionaries version as this worker sees it (to catch workers with other rule files)."""
    version = _VERSIONS.get(options)
    if version is None:
        version = _VERSIONS[options] = ruleset_version(options)
    return version


def check_on_dask(options: LinterOptions, number: int, docs: list[Doc]) -> tuple[int, str, list[CheckResult]]:
    """Dask task: (chunk number, this worker's ruleset version, results)."""
    return number, worker_ruleset(options), check_documents(cached_linter(options), docs)
