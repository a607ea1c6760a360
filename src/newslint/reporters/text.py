"""Compiler-style text: path:line:col: NL101 message (suggestion: ...)."""

from __future__ import annotations

from ..document import Document
from ..model import Finding
from .base import Reporter, Stats

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def statistics_lines(stats: Stats) -> list[str]:
    """`--statistics`: count, rule id and name per rule, most frequent first."""
    return [f"{count:>6}  {rule}  {stats.rule_names.get(rule, '')}".rstrip()
            for rule, count in sorted(stats.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


class TextReporter(Reporter):
    """One line per finding; coloured only on a terminal."""

    def file(self, doc: Document, findings: list[Finding]) -> None:
        for f in findings:
            sugg = ""
            if f.suggestions:
                shown = ", ".join("(delete)" if s == "" else s for s in f.suggestions[:3])
                sugg = f" (suggestion: {shown}{', safe fix' if f.fix_safe else ''})"
            if self.color:
                sev = _COLORS[f.severity.value]
                self.out.write(f"{_BOLD}{doc.path}:{f.line}:{f.column}:{_RESET} {sev}{f.rule_id}{_RESET} {f.message}{_DIM}{sugg}{_RESET}\n")
            else:
                self.out.write(f"{doc.path}:{f.line}:{f.column}: {f.rule_id} {f.message}{sugg}\n")

    def finish(self, stats: Stats) -> None:
        if self.show_statistics:
            for line in statistics_lines(stats):
                self.out.write(line + "\n")
