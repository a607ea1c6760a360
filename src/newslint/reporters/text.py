"""Compiler-style text, one finding per line:

    path:line:col: NL101 [warning] message (suggestion: ..., safe fix)

then, with --show-source, the line with a caret under the span (ruff's "full" format), and at the
end one summary line: "13 findings (1 error, 11 warnings, 1 info); 7 fixable with --fix".
Colour goes through rich, only when asked for (colour_wanted): NO_COLOR and FORCE_COLOR are honoured.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Any, TextIO

from ..document import Document
from ..model import Finding
from .base import Reporter, Stats

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SOURCE_WIDTH = 100  # the most source characters shown around a span (--show-source)

# every character str.splitlines() breaks at, and other control characters: written as escapes so
# a finding is always one line ("the\nthe" -> "the\\nthe") and no control sequence reaches a terminal
_ESCAPES = {c: repr(chr(c))[1:-1] for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """`text` with line breaks and control characters written as escapes (\\n, \\r, \\t, \\x1b)."""
    return text.translate(_ESCAPES)


def colour_wanted(mode: str, stream: TextIO) -> bool:
    """--color always / never win; auto: not when NO_COLOR is set, yes when FORCE_COLOR is set,
    else when the output is a terminal (see no-color.org and force-color.org)."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def statistics_lines(stats: Stats) -> list[str]:
    """`--statistics`: count, rule id and name per rule, most frequent first."""
    return [f"{count:>6}  {rule}  {stats.rule_names.get(rule, '')}".rstrip()
            for rule, count in sorted(stats.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_line(stats: Stats) -> str:
    """"13 findings (1 error, 11 warnings, 1 info); 7 fixable with --fix" (the parts that apply)."""
    line = _plural(stats.findings, "finding")
    parts = [_plural(stats.by_severity[sev], sev, "info" if sev == "info" else None)
             for sev in ("error", "warning", "info") if stats.by_severity.get(sev)]
    if parts:
        line += f" ({', '.join(parts)})"
    tail = []
    if stats.fixed:
        tail.append(f"{stats.fixed} fixed")
    if stats.fixable:
        tail.append(f"{stats.fixable} fixable with --fix")
    if stats.unsafe_fixable:
        tail.append(f"{stats.unsafe_fixable} more with --unsafe-fixes")
    if stats.baselined:
        tail.append(f"{stats.baselined} in the baseline, not shown")
    return line + ("; " + ", ".join(tail) if tail else "")


def _cells(text: str) -> int:
    """Terminal cells `text` takes (wide East Asian characters two, combining marks none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _shown(text: str) -> str:
    """A source line as shown: tabs as one space, control and invisible format characters as '·'
    (so the caret stays under the span and an invisible character can be seen)."""
    return "".join(" " if c == "\t" else "·" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def source_lines(text: str, finding: Finding) -> list[str]:
    """The finding's first line with a caret under its span, ruff's "full" format:

          |
        3 | He met Kiel Starmer on Monday.
          |        ^^^^^^^^^^^^
          |

    A line longer than SOURCE_WIDTH is cut around the span ("…" where it is cut); a span that
    goes on to the next lines is underlined to the end of its first."""
    start = finding.span.start
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1  # (\r: old Mac line breaks)
    line_end = len(text)
    for brk in ("\n", "\r"):
        found = text.find(brk, start)
        if found >= 0:
            line_end = min(line_end, found)
    span_end = min(finding.span.end, line_end)
    lo, hi = line_start, line_end
    if hi - lo > SOURCE_WIDTH:
        lo = max(line_start, min(start - SOURCE_WIDTH // 3, line_end - SOURCE_WIDTH))
        hi = min(line_end, lo + SOURCE_WIDTH)
    before = ("…" if lo > line_start else "") + _shown(text[lo:start])
    marked = _shown(text[start:min(span_end, hi)])
    after = _shown(text[min(span_end, hi):hi]) + ("…" if hi < line_end else "")
    number = str(finding.line)
    gutter = " " * len(number)
    carets = "^" * max(1, _cells(marked)) + ("…" if finding.span.end > hi else "")
    return [f"{gutter} |", f"{number} | {before}{marked}{after}".rstrip(), f"{gutter} | {' ' * _cells(before)}{carets}", f"{gutter} |"]


class TextReporter(Reporter):
    """One line per finding (and its source with --show-source); a summary at the end."""

    def __init__(self, out: TextIO, color: bool = False, show_statistics: bool = False, show_source: bool = False) -> None:
        super().__init__(out, color, show_statistics, show_source)
        self._console: Any = None
        if color:
            from rich.console import Console  # only when colouring: rich costs start-up time

            self._console = Console(file=out, force_terminal=True, no_color=False, highlight=False, markup=False,
                                    emoji=False, soft_wrap=True)

    def _write(self, parts: list[tuple[str, str]]) -> None:
        """One line made of (text, rich style) parts."""
        if self._console is None:
            self.out.write("".join(text for text, _ in parts) + "\n")
            return
        from rich.text import Text

        line = Text()
        for text, style in parts:
            line.append(text, style=style or None)
        self._console.print(line)

    def file(self, doc: Document, findings: list[Finding]) -> None:
        for f in findings:
            sugg = ""
            if f.suggestions:
                shown = ", ".join("(delete)" if s == "" else one_line(s) for s in f.suggestions[:3])
                sugg = f" (suggestion: {shown}{', safe fix' if f.fix_safe else ''})"
            severity = f.severity.value
            self._write([(f"{one_line(doc.path)}:{f.line}:{f.column}:", "bold"), (" ", ""), (f.rule_id, _STYLES[severity]),
                         (" ", ""), (f"[{severity}]", _STYLES[severity]), (f" {one_line(f.message)}", ""), (sugg, "dim")])
            if self.show_source and doc.text:
                for k, line in enumerate(source_lines(doc.text, f)):
                    self._write([(line, "bold red" if k == 2 else "blue" if k != 1 else "")])

    def finish(self, stats: Stats) -> None:
        if self.show_statistics:
            for line in statistics_lines(stats):
                self._write([(line, "")])
        if stats.files:  # (nothing was checked: the CLI says why on stderr)
            self._write([(summary_line(stats), "bold")])
