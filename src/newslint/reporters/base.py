"""Reporter interface: start(), file(), finish()."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from ..document import Document
from ..model import Finding


@dataclass
class Stats:
    """Totals of a run."""

    files: int = 0
    errors: int = 0  # inputs that could not be checked
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    fixed: int = 0


class Reporter:
    """Writes findings to `out` (stdout); messages go to stderr elsewhere."""

    def __init__(self, out: TextIO, color: bool = False, show_statistics: bool = False) -> None:
        self.out = out
        self.color = color
        self.show_statistics = show_statistics

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, doc: Document, findings: list[Finding]) -> None:
        """Called once per checked document."""

    def input_error(self, path: str, message: str) -> None:
        """Called for an input that could not be read (the CLI also prints it on stderr)."""

    def finish(self, stats: Stats) -> None:
        """Called once at the end."""
