"""Vale scopes over a newslint Document: the blocks of text a Vale rule runs on.

As Vale does: a prose block gives a `paragraph` block per paragraph, a `sentence` block per
sentence and a `text` block; a heading is one `text.heading.hN` block; `raw` is the whole file
as written (markup included) and `summary` all the prose. Each block carries its scope parts
plus the file's format (md, html, txt), so `heading.md` or `text.html` select as in Vale. Plain
text has no headings (Vale does not guess them); its `text` block is the whole file.

Offsets are code points into the original text: the lint text newslint's readers make has the
same length, with markup blanked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..document import Document

FORMATS = {"markdown": "md", "html": "html", "text": "txt"}
SUPPORTED_SCOPES = ("text", "heading", "paragraph", "sentence", "raw", "summary")
_HTML_HEADING = re.compile(r"<(h[1-6])\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    """A stretch of the document a rule looks at: its text and where it starts."""

    start: int
    text: str
    parts: frozenset[str]

    @property
    def end(self) -> int:
        """Offset just past the block."""
        return self.start + len(self.text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Scopes:
    """The blocks of one document, made once and shared by every rule."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.fmt = FORMATS.get(doc.kind, "txt")

    def _heading_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, hN) of the headings of Markdown and HTML documents."""
        text = self.doc.text
        if self.doc.kind == "html":
            return [(m.start(2), m.end(2), m.group(1).lower()) for m in _HTML_HEADING.finditer(text)]
        if self.doc.kind != "markdown":
            return []
        from markdown_it import MarkdownIt

        from ..positions import LineIndex

        lines = LineIndex(text)
        out: list[tuple[int, int, str]] = []
        for token in MarkdownIt("commonmark").parse(text):
            if token.type == "heading_open" and token.map:
                first, last = token.map
                start = lines.line_start(first + 1)
                end = lines.line_start(last + 1) if last < lines.line_count else len(text)
                out.append((start, end, token.tag))
        return out

    @cached_property
    def blocks(self) -> list[Block]:
        """Every block of the document (raw and summary first)."""
        from ..rules.kinds.structure import sentence_spans
        from ..textutil import paragraphs

        lint = self.doc.lint_text
        fmt = self.fmt
        out = [Block(0, self.doc.text, frozenset({"raw", fmt})), Block(0, lint, frozenset({"summary", fmt}))]
        headings = self._heading_spans()
        for start, end, level in headings:
            s, e = _trimmed(lint, start, end)
            if s < e:
                out.append(Block(s, lint[s:e], frozenset({"text", "heading", level, fmt})))
        units: list[tuple[int, int]] = []
        for p_start, p_end in paragraphs(lint):
            pieces = [(p_start, p_end)]
            for h_start, h_end, _ in headings:  # headings are blocks of their own
                pieces = [q for a, b in pieces for q in ((a, min(b, h_start)), (max(a, h_end), b)) if q[0] < q[1]]
            for a, b in pieces:
                s, e = _trimmed(lint, a, b)
                if s < e:
                    units.append((s, e))
        for s, e in units:
            out.append(Block(s, lint[s:e], frozenset({"paragraph", fmt})))
            for a, b in sentence_spans(lint[s:e]):
                out.append(Block(s + a, lint[s + a:s + b], frozenset({"sentence", fmt})))
            if self.doc.kind != "text":
                out.append(Block(s, lint[s:e], frozenset({"text", fmt})))
        if self.doc.kind == "text":
            s, e = _trimmed(lint, 0, len(lint))
            out.append(Block(s, lint[s:e], frozenset({"text", fmt})))
        return out


@dataclass(frozen=True)
class Selector:
    """A rule's `scope`: blocks it runs on (any positive selector) minus the negated ones (`~x`)."""

    positive: tuple[frozenset[str], ...]
    negative: tuple[frozenset[str], ...]

    @classmethod
    def parse(cls, scopes: list[str]) -> "Selector":
        """From the rule's scope list (default: text)."""
        pos, neg = [], []
        for scope in scopes:
            for alternative in scope.split("|"):
                alternative = alternative.strip()
                target = neg if alternative.startswith("~") else pos
                target.append(frozenset(p for p in alternative.lstrip("~").split(".") if p))
        return cls(tuple(pos) or (frozenset({"text"}),), tuple(neg))

    def selects(self, block: Block) -> bool:
        """Whether a rule with this scope runs on `block`."""
        return any(p <= block.parts for p in self.positive) and not any(n <= block.parts for n in self.negative)
