"""Core data types: spans, edits, fixes and findings (frozen, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Numeric order used by --fail-on."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, Enum):
    """Whether a fix may be applied without a human looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open range of code-point offsets into the ORIGINAL text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at `span` with `replacement`."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that applies one suggestion of a finding."""

    rule_id: str
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @property
    def start(self) -> int:
        """Offset of the first edit."""
        return self.edits[0].span.start

    @property
    def end(self) -> int:
        """End offset of the last edit."""
        return self.edits[-1].span.end


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule kind reports, before the engine adds rule metadata."""

    span: Span
    suggestions: tuple[str, ...] = ()
    safe: bool = False
    message_vars: tuple[tuple[str, str], ...] = ()
    severity: Severity | None = None  # override of the rule's severity
    message: str | None = None  # override of the rule's message template
    edit_span: Span | None = None  # where the top suggestion is applied, when not `span`


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a document."""

    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    span: Span
    line: int  # 1-based
    column: int  # 1-based, in code points
    end_line: int
    end_column: int
    matched: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    source: str = "newslint"  # backend that produced it (newslint, languagetool, harper)
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def fix_safe(self) -> bool:
        """True when applying the top suggestion needs no human check."""
        return self.fix is not None and self.fix.applicability is Applicability.SAFE

    def sort_key(self) -> tuple[int, int, str]:
        """Findings are ordered by (start, end, rule id)."""
        return (self.span.start, self.span.end, self.rule_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form used by every machine-readable reporter."""
        return {
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.span.start,
            "end": self.span.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "matched": self.matched,
            "suggestions": list(self.suggestions),
            "fix": None
            if self.fix is None
            else {
                "applicability": self.fix.applicability.value,
                "title": self.fix.title,
                "edits": [
                    {"start": e.span.start, "end": e.span.end, "replacement": e.replacement}
                    for e in self.fix.edits
                ],
            },
            "fix_safe": self.fix_safe,
            "source": self.source,
        }
