"""GitHub Actions workflow commands: one `::warning file=,line=,col=::message` line per finding."""

from __future__ import annotations

from ..document import Document
from ..model import Finding
from .base import Reporter, Stats
from .text import statistics_lines

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow-command message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow-command property value (also ':' and ',')."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """Annotations that GitHub shows on the changed lines of a pull request."""

    def file(self, doc: Document, findings: list[Finding]) -> None:
        archive = doc.meta.get("archive")
        for f in findings:
            sugg = ""
            if f.suggestions:
                shown = ", ".join("(delete)" if s == "" else s for s in f.suggestions[:3])
                sugg = f" (suggestion: {shown})"
            if archive:  # lines of a record are not lines of the archive: name the record instead
                title = f"{f.rule_id} {f.rule_name} in record {doc.meta.get('record', '')}"
                props = f"file={escape_property(archive)},title={escape_property(title)}"
            else:
                props = (f"file={escape_property(doc.path)},line={f.line},col={f.column},"
                         f"endLine={f.end_line},endColumn={f.end_column},"
                         f"title={escape_property(f'{f.rule_id} {f.rule_name}')}")
            self.out.write(f"::{LEVELS[f.severity.value]} {props}::{escape_data(f'{f.rule_id} {f.message}{sugg}')}\n")

    def input_error(self, path: str, message: str) -> None:
        self.out.write(f"::error file={escape_property(path)},title=newslint::{escape_data(message)}\n")

    def finish(self, stats: Stats) -> None:
        if self.show_statistics:
            for line in statistics_lines(stats):
                self.out.write(line + "\n")
