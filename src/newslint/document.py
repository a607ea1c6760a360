"""Document: what every reader returns, and the text the rules look at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_NOT_NEWLINE = re.compile(r"[^\r\n]")


@dataclass(frozen=True)
class Document:
    """An article to lint.

    `text` is the original file content. `lint_text` has the same length, with every
    character outside the lintable ranges (code, markup, front-matter keys) replaced by a
    space, so rule offsets are offsets into `text` without any mapping.
    """

    text: str
    path: str = "<text>"
    kind: str = "text"
    lint_text: str = ""
    article_date: date | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # ranges whose syntax a replacement must respect: (start, end, "yaml-single" | "yaml-double"),
    # the quoted front-matter values a fix may edit (a quote in the fix is escaped there)
    escapes: tuple[tuple[int, int, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.lint_text:
            object.__setattr__(self, "lint_text", self.text)
        if len(self.lint_text) != len(self.text):
            raise ValueError("lint_text must have the same length as text")


def mask(text: str, keep: list[tuple[int, int]]) -> str:
    """Blank out (keep line breaks) every character of `text` outside the `keep` ranges."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(keep):
        if start < pos:
            start = pos
        if start >= end:
            continue
        out.append(_NOT_NEWLINE.sub(" ", text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(_NOT_NEWLINE.sub(" ", text[pos:]))
    return "".join(out)


def escaped(doc: Document, start: int, end: int, replacement: str) -> str:
    """`replacement` as it must be written at [start, end) of `doc`: inside a quoted YAML value
    a quote is doubled ('') or escaped (\\"), in HTML text & < > are written as references."""
    for lo, hi, style in doc.escapes:
        if lo <= start and end <= hi:
            if style == "yaml-single":
                return replacement.replace("'", "''")
            if style == "yaml-double":
                return replacement.replace("\\", "\\\\").replace('"', '\\"')
    if doc.kind == "html" and any(c in replacement for c in "&<>"):
        import html

        return html.escape(replacement, quote=False)
    return replacement
