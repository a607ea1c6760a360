"""HTML reader: lint the visible text only, at its offsets in the original file.

Markup (tags, comments, doctype, processing instructions, CDATA) is blanked to spaces; the
contents of script, style, template, code, pre, kbd, samp, var, svg and math are blanked too. A
block-level tag becomes a line break in the lint text, so "<p>the</p><p>the</p>" is two
paragraphs, not a repeated word. Character references are entity-aware: "&rsquo;" becomes "’"
followed by spaces to the reference's length (so a reference inside a word splits it in the
lint text; findings still point at the original characters).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..document import Document

# Elements whose content is never lintable.
SKIP_ELEMENTS = frozenset({"script", "style", "template", "code", "pre", "kbd", "samp", "var", "svg", "math", "noscript"})
# Raw-text elements: their content is not markup, only the matching end tag closes them.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})
BLOCK_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "title", "tr", "ul",
})

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (unterminated: to the end)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<![^>]*>?"  # doctype and other declarations
    r"|<\?[^>]*>?"  # processing instruction
    # a tag; an unquoted '<' ends an unclosed one (linear time on broken markup), quoted values are bounded
    r"|<(/?)([A-Za-z][^\s/<>]{0,128})((?:[^<>\"']|\"[^\"]{0,4096}\"|'[^']{0,4096}')*)>",
    re.DOTALL,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_NOT_NEWLINE = re.compile(r"[^\r\n]")


class Masker:
    """The lint text under construction: a copy of the text, blanked range by range."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.buf = list(text)
        self.escapes: list[tuple[int, int, str]] = []  # quoted YAML values (Document.escapes)

    def blank(self, start: int, end: int) -> None:
        """Replace every character in [start, end) with a space (line breaks kept)."""
        if start < end:
            self.buf[start:end] = _NOT_NEWLINE.sub(" ", self.text[start:end])

    def put(self, pos: int, char: str) -> None:
        """Put one character at `pos` (used for decoded entities and block breaks)."""
        if self.text[pos] not in "\r\n":
            self.buf[pos] = char

    def result(self) -> str:
        """The finished lint text (same length as the text)."""
        return "".join(self.buf)


def decode_entities(masker: Masker, start: int, end: int) -> None:
    """Character references in [start, end) -> the decoded character, padded with spaces."""
    for m in _ENTITY.finditer(masker.text, start, end):
        decoded = html.unescape(m.group(0))
        if decoded == m.group(0):
            continue  # not a known reference: leave it as text
        masker.blank(m.start(), m.end())
        if len(decoded) == 1 and not decoded.isspace():
            masker.put(m.start(), decoded)


def mask_html(masker: Masker, start: int = 0, end: int | None = None, skip_code: bool = True) -> None:
    """Blank markup and non-visible content of the HTML in [start, end) of `masker.text`."""
    text = masker.text
    end = len(text) if end is None else end
    pos = start
    skip_depth = 0
    skip_from = 0
    while pos < end:
        m = _MARKUP.search(text, pos, end)
        if m is None:
            break
        if skip_depth == 0:
            decode_entities(masker, pos, m.start())
        masker.blank(m.start(), m.end())
        pos = m.end()
        name = (m.group(2) or "").lower()
        if not name:
            continue
        closing = m.group(1) == "/"
        if name in BLOCK_ELEMENTS and skip_depth == 0:
            masker.put(m.start(), "\n")
        if not closing and name in RAW_TEXT and not m.group(3).rstrip().endswith("/"):
            close = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, pos, end)
            close_start = close.start() if close else end
            if name in SKIP_ELEMENTS or skip_depth:
                masker.blank(pos, close_start)
            else:
                decode_entities(masker, pos, close_start)  # <title>, <textarea>: visible text
            if close:
                masker.blank(close.start(), close.end())
                if name in BLOCK_ELEMENTS and skip_depth == 0:
                    masker.put(close.start(), "\n")
            pos = close.end() if close else end
            continue
        if name in SKIP_ELEMENTS:
            if closing:
                if skip_depth:
                    skip_depth -= 1
                    if skip_depth == 0:
                        masker.blank(skip_from, m.start())
            elif not m.group(3).rstrip().endswith("/"):
                if skip_depth == 0:
                    skip_from = pos
                skip_depth += 1
    if skip_depth:
        masker.blank(skip_from, end)
    else:
        decode_entities(masker, pos, end)


def html_lint_text(text: str) -> str:
    """Lint text of an HTML document: visible text only, same length as `text`."""
    masker = Masker(text)
    mask_html(masker)
    return masker.result()


def read_html(path: Path, text: str) -> Document:
    """HTML file -> Document whose lint text is the visible text."""
    return Document(text, str(path), "html", html_lint_text(text))
