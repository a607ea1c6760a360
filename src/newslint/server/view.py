"""What a reader sees of a Markdown or HTML article, mapped back to the source.

The readers already compute it: a Document's `lint_text` is the source with every character a
reader does not see (tags, comments, scripts, Markdown punctuation, front-matter keys) blanked to a
space, a block-level tag turned into a line break, and a character reference decoded at its first
character. `visible_segments()` turns that into segments `[shown, start, end]`: `shown` is text as
displayed, `[start, end)` the code points of the source it stands for. A segment whose `shown` is
the source itself (same length) maps character by character; any other (a decoded reference, a run
of markup and white space shown as one space, a line break or nothing) stands for its source range
as a whole. The page highlights a finding by mapping its source offsets through the segments, and
a fix still edits the source.
"""

from __future__ import annotations

import html
import re

from ..document import Document

Segment = tuple[str, int, int]

_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_BLANK = " \t\r\n\f\v"


def visible_segments(doc: Document) -> list[Segment]:
    """The reader's view of `doc` as segments (see the module docstring); plain text is one segment."""
    text, lint = doc.text, doc.lint_text
    if doc.kind not in ("html", "markdown"):
        return [(text, 0, len(text))] if text else []
    out: list[Segment] = []
    run_from = -1  # start of the current run of plain visible characters
    i, n = 0, len(text)

    def flush(end: int) -> None:
        nonlocal run_from
        if run_from >= 0 and end > run_from:
            out.append((text[run_from:end], run_from, end))
        run_from = -1

    while i < n:
        shown = lint[i]
        reference = _ENTITY.match(text, i) if shown == "&" or (shown not in _BLANK and shown != text[i]) else None
        if reference is not None and (shown == text[i] and lint[i + 1:reference.end()].strip()):
            reference = None  # a bare '&' the reader sees as written ("AT&T;" is no reference here)
        if shown not in _BLANK and reference is None and shown == text[i]:  # seen as written
            if run_from < 0:
                run_from = i
            i += 1
            continue
        flush(i)
        if shown not in _BLANK:  # a character reference, decoded at its first character
            end = reference.end() if reference else i + 1
            out.append((shown, i, end))
            i = end
            continue
        j = i  # markup and white space up to the next visible character
        while j < n and (lint[j] in _BLANK):
            j += 1
        out.append((_gap(text, lint, i, j, doc.kind, at_edge=(not out or j == n)), i, j))
        i = j
    flush(n)
    return [s for s in out if s[0] or s[1] < s[2]]


def _gap(text: str, lint: str, start: int, end: int, kind: str, at_edge: bool) -> str:
    """How a stretch of hidden markup and white space shows: a paragraph break, a line break, a
    space or nothing (a tag inside a word, the edges of the article)."""
    if at_edge:
        return ""
    blocks = sum(1 for k in range(start, end) if lint[k] == "\n" and text[k] != "\n")  # block-level tags
    if kind == "markdown":
        breaks = text.count("\n", start, end)
        if breaks + blocks >= 2:
            return "\n\n"
        if breaks + blocks == 1:
            return "\n"
    elif blocks:
        return "\n\n" if blocks >= 2 else "\n"
    if any(text[k] in _BLANK for k in range(start, end)):
        return " "
    # a reference to a white-space character (&nbsp;, &#32;) is a space too; a tag inside a word is nothing
    return " " if any(html.unescape(m.group()).isspace() for m in _ENTITY.finditer(text, start, end)) else ""
