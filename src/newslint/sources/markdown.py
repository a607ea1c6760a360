"""Markdown reader: prose is linted; code, URLs, link targets, HTML markup and front-matter keys are not.

Block structure comes from markdown-it-py (CommonMark + tables): only the lines of inline
content (paragraphs, headings, table cells, list items) are lintable; fenced and indented
code, thematic breaks and link reference definitions are not. HTML blocks get the HTML
reader's treatment (visible text only). Inside the inline lines, code spans, link and image
destinations, autolinks, bare URLs, inline HTML and comments, and Markdown punctuation
(heading marks, quote and list markers, emphasis) are blanked.

YAML front matter (between `---` lines at the top) is not linted except the values of
`title`, `description` and `summary`; `date` (or `published`) becomes the article date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from .html import Masker, decode_entities, mask_html

LINTED_FRONT_MATTER_KEYS = ("title", "description", "summary")
DATE_KEYS = ("date", "published")

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)

# inline constructs to blank, in order of precedence (the regex alternation picks the leftmost)
_INLINE = re.compile(
    r"(?P<code>(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9\-]*(?:\s+[^<>]*?)?/?>)"
    r"|(?P<dest>\]\((?:<[^>\n]*>|(?:[^()\s]|\((?:[^()\s])*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\))"
    r"|(?P<refuse>\]\[[^\]\n]*\])"
    r"|(?P<url>\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])"
    r"|(?P<email>\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b)",
    re.DOTALL,
)
# markers at the start of a line: block quotes, list bullets, ATX heading marks
_LINE_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-+*][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?(?:#{1,6}(?=[ \t]|$))?", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])|~~|\\(?=[!-/:-@\[-`{-~])|!(?=\[)|[\[\]]")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # block structure only: inline parsing (not needed, and slow on pathological input) is off
    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


def _front_matter(text: str, path: str, masker: Masker) -> tuple[int, date | None, dict[str, str]]:
    """Blank the front matter except the linted values; return its end offset, date and metadata."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return 0, None, {}
    import yaml

    body_start = m.start(1) if m.group(1) is not None else m.end()
    body = m.group(1) or ""
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise InputError(path, f"front matter is not valid YAML: {getattr(exc, 'problem', None) or exc}", line) from None
    except RecursionError:
        raise InputError(path, "front matter is nested too deeply; not checked", 2) from None
    masker.blank(0, m.end())
    if not isinstance(root, yaml.MappingNode):
        return m.end(), None, {}
    meta: dict[str, str] = {}
    article_date: date | None = None
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(value_node, yaml.ScalarNode):
            continue
        key = str(key_node.value).lower()
        if key in LINTED_FRONT_MATTER_KEYS:
            meta[key] = value_node.value
            start = body_start + value_node.start_mark.index
            end = body_start + value_node.end_mark.index
            masker.buf[start:end] = text[start:end]
            if value_node.style in ("'", '"'):
                masker.blank(start, start + 1)
                masker.blank(end - 1, end)
                masker.escapes.append((start + 1, end - 1, "yaml-single" if value_node.style == "'" else "yaml-double"))
            elif value_node.style in ("|", ">"):
                nl = text.find("\n", start, end)
                masker.blank(start, nl if nl >= 0 else end)  # the block indicator line
        elif key in DATE_KEYS and article_date is None:
            article_date = parse_date(value_node.value)
            if article_date is not None:
                meta[key] = article_date.isoformat()
    return m.end(), article_date, meta


def parse_date(value: Any) -> date | None:
    """A date from a front-matter value: YYYY-MM-DD, optionally followed by a time."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip().strip("'\"")
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def mask_inline(masker: Masker, start: int, end: int) -> None:
    """Blank non-prose parts of inline Markdown in [start, end)."""
    text = masker.text
    for m in _INLINE.finditer(text, start, end):
        masker.blank(m.start(), m.end())
    for pattern in (_LINE_MARKERS, _CLOSING_HASHES, _EMPHASIS):
        for m in pattern.finditer(text, start, end):
            masker.blank(m.start(), m.end())
    decode_entities(masker, start, end)


def markdown_lint_text(text: str, path: str = "<markdown>") -> tuple[str, date | None, dict[str, str]]:
    """Lint text (same length as `text`), front-matter date and linted front-matter values."""
    lint, article_date, meta, _ = _markdown(text, path)
    return lint, article_date, meta


def _markdown(text: str, path: str) -> tuple[str, date | None, dict[str, str], tuple[tuple[int, int, str], ...]]:
    """markdown_lint_text, and the quoted front-matter values (Document.escapes)."""
    masker = Masker(text)
    body_start, article_date, meta = _front_matter(text, path, masker)
    body = text[body_start:]
    starts = _line_starts(text)
    first_line = bisect_left(starts, body_start)
    lintable: list[tuple[int, int, str]] = []
    for token in _parser().parse(body):
        if token.map is None:
            continue
        if token.type == "inline" or token.type == "html_block":
            a, b = token.map
            lo = starts[first_line + a]
            hi = starts[first_line + b] if first_line + b < len(starts) else len(text)
            lintable.append((lo, hi, token.type))
    # the masker starts from the front matter; the body is blanked, then each lintable range restored
    masker.blank(body_start, len(text))
    pos = body_start
    for lo, hi, kind in sorted(lintable):
        lo = max(lo, pos)
        if lo >= hi:
            continue
        masker.buf[lo:hi] = text[lo:hi]
        if kind == "html_block":
            mask_html(masker, lo, hi)
        else:
            mask_inline(masker, lo, hi)
            for m in _SETEXT_UNDERLINE.finditer(text, lo, hi):
                masker.blank(m.start(), m.end())
        pos = hi
    return masker.result(), article_date, meta, tuple(masker.escapes)


def read_markdown(path: Path, text: str) -> Document:
    """Markdown file -> Document (front-matter date as the article date)."""
    lint, article_date, meta, escapes = _markdown(text, str(path))
    return Document(text, str(path), "markdown", lint, article_date, meta, escapes)
