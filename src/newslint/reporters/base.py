"""Reporter interface: start(), file(), finish(). Reporters write data to `out` (stdout) only."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from ..document import Document
from ..model import Finding
from ..rules.spec import RuleSpec


@dataclass
class Stats:
    """Totals of a run."""

    files: int = 0
    errors: int = 0  # inputs that could not be checked
    findings: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    fixed: int = 0  # fixes applied by --fix
    fixable: int = 0  # findings with a fix --fix would apply
    unsafe_fixable: int = 0  # findings whose fix only --unsafe-fixes would apply
    baselined: int = 0  # findings in a baseline file, not reported
    rule_names: dict[str, str] = field(default_factory=dict)

    def add(self, findings: list[Finding], fixable: int = 0, unsafe_fixable: int = 0) -> None:
        """Count one document's findings (and how many --fix, or only --unsafe-fixes, would fix)."""
        for f in findings:
            self.findings += 1
            self.by_rule[f.rule_id] += 1
            self.by_severity[f.severity.value] += 1
            self.rule_names.setdefault(f.rule_id, f.rule_name)
        self.fixable += fixable
        self.unsafe_fixable += unsafe_fixable


class Reporter:
    """Writes findings to `out` (stdout); messages go to stderr elsewhere."""

    def __init__(self, out: TextIO, color: bool = False, show_statistics: bool = False, show_source: bool = False) -> None:
        self.out = out
        self.color = color
        self.show_statistics = show_statistics
        self.show_source = show_source  # the text format shows each finding's line (--show-source)
        self.rules: list[RuleSpec] = []

    def set_rules(self, specs: list[RuleSpec]) -> None:
        """The rules that ran (SARIF lists them); called before finish()."""
        self.rules = sorted(specs, key=lambda s: s.id)

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, doc: Document, findings: list[Finding]) -> None:
        """Called once per checked document."""

    def input_error(self, path: str, message: str) -> None:
        """Called for an input that could not be read (the CLI also prints it on stderr)."""

    def finish(self, stats: Stats) -> None:
        """Called once at the end."""
