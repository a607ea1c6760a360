"""Readers: Markdown and HTML lint only prose, and every finding points into the original file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st

from newslint.api import Linter
from newslint.document import Document
from newslint.errors import InputError
from newslint.sources import read_path, read_stdin, reread
from newslint.sources.html import html_lint_text
from newslint.sources.markdown import markdown_lint_text


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select=["NL201", "NL102", "NL302"])


def lintable(lint: str, text: str, fragment: str) -> bool:
    """True when `fragment` (found in `text`) is intact in the lint text."""
    i = text.index(fragment)
    return lint[i : i + len(fragment)] == fragment


MD_CASES = [
    # (markdown, fragment, linted?)
    ("Plain ceasefire contract here.\n", "ceasefire contract", True),
    ("Use `ceasefire contract` in code.\n", "ceasefire contract", False),
    ("Use ``a ` ceasefire contract`` in code.\n", "ceasefire contract", False),
    ("```\nceasefire contract\n```\n", "ceasefire contract", False),
    ("~~~text\nceasefire contract\n~~~\n", "ceasefire contract", False),
    ("Para.\n\n    ceasefire contract\n", "ceasefire contract", False),
    ("A [ceasefire contract](https://x.org/ceasefire-contract) link.\n", "ceasefire contract]", False),
    ("A [ceasefire contract](https://x.org/ceasefire-contract) link.\n", "ceasefire contract", True),
    ("A [link](https://x.org/Kiev) here.\n", "Kiev", False),
    ("See <https://kiev.example/> now.\n", "kiev", False),
    ("See https://www.example.com/Kiev-news now.\n", "Kiev", False),
    ("Text <!-- ceasefire contract --> more.\n", "ceasefire contract", False),
    ("Text <span title='Kiev'>ceasefire contract</span>.\n", "Kiev", False),
    ("Text <span title='Kiev'>ceasefire contract</span>.\n", "ceasefire contract", True),
    ("# Heading with ceasefire contract\n", "ceasefire contract", True),
    ("# Heading\n", "#", False),
    ("> Quoted ceasefire contract\n", "Quoted ceasefire contract", True),
    ("- item with ceasefire contract\n", "item with ceasefire contract", True),
    ("[ref]: https://x.org/Kiev\n\nBody.\n", "Kiev", False),
    ("| a | b |\n|---|---|\n| ceasefire contract | x |\n", "ceasefire contract", True),
    ("Some **ceasefire contract** text.\n", "ceasefire contract", True),
    ("Some **ceasefire contract** text.\n", "**", False),
    ("<div>\nceasefire contract <b>x</b>\n</div>\n", "ceasefire contract", True),
    ("<div>\n<script>ceasefire contract</script>\n</div>\n", "ceasefire contract", False),
]


@pytest.mark.parametrize(("md", "fragment", "linted"), MD_CASES)
def test_markdown_lintable_parts(md: str, fragment: str, linted: bool) -> None:
    lint, _, _ = markdown_lint_text(md)
    assert len(lint) == len(md)
    assert lintable(lint, md, fragment) is linted, repr(lint)


def test_markdown_front_matter_title_and_date() -> None:
    md = '---\ntitle: "Ceasefire contract agreed"\nslug: ceasefire-contract\ndate: 2025-03-01\n---\nBody.\n'
    lint, when, meta = markdown_lint_text(md)
    assert when == date(2025, 3, 1)
    assert lintable(lint, md, "Ceasefire contract agreed")
    assert not lintable(lint, md, "ceasefire-contract")
    assert not lintable(lint, md, "title")
    assert meta["title"] == "Ceasefire contract agreed"


def test_markdown_front_matter_block_scalar_and_published() -> None:
    md = "---\ndescription: >\n  A ceasefire contract\n  was agreed.\npublished: '2024-05-06T10:00:00Z'\n---\n"
    lint, when, _ = markdown_lint_text(md)
    assert when == date(2024, 5, 6)
    assert lintable(lint, md, "A ceasefire contract")
    assert not lintable(lint, md, ">")


def test_markdown_bad_front_matter_is_input_error() -> None:
    with pytest.raises(InputError) as exc:
        markdown_lint_text("---\ntitle: [unclosed\n---\nBody\n", "a.md")
    assert exc.value.path == "a.md" and exc.value.line is not None


HTML_CASES = [
    ("<p>A ceasefire contract.</p>", "ceasefire contract", True),
    ("<script>var a = 'ceasefire contract';</script>", "ceasefire contract", False),
    ("<style>/* ceasefire contract */</style>", "ceasefire contract", False),
    ("<p><code>ceasefire contract</code></p>", "ceasefire contract", False),
    ("<pre>x <b>ceasefire contract</b></pre>", "ceasefire contract", False),
    ("<!-- ceasefire contract -->", "ceasefire contract", False),
    ('<img alt="ceasefire contract">', "ceasefire contract", False),
    ('<a href="/ceasefire contract">x</a>', "ceasefire contract", False),
    ("<title>ceasefire contract</title>", "ceasefire contract", True),
    ('<p data-x="a>b">ceasefire contract</p>', "ceasefire contract", True),
]


@pytest.mark.parametrize(("html", "fragment", "linted"), HTML_CASES)
def test_html_visible_text_only(html: str, fragment: str, linted: bool) -> None:
    lint = html_lint_text(html)
    assert len(lint) == len(html)
    assert lintable(lint, html, fragment) is linted, repr(lint)


def test_html_entities_and_block_breaks() -> None:
    html = "<p>Trump&rsquo;s deal&nbsp;now</p><p>the</p><p>the</p>"
    lint = html_lint_text(html)
    assert lint[html.index("&rsquo;")] == "\u2019"
    assert "deal now" in lint.replace("     ", "")
    assert "\n" in lint[html.index("</p><p>the") : html.index("the</p>")]


def test_html_repeated_word_across_paragraphs_not_flagged(linter: Linter) -> None:
    doc = Document("<p>It was the</p><p>the best.</p>", "a.html", "html", html_lint_text("<p>It was the</p><p>the best.</p>"))
    assert [f.rule_id for f in linter.check_document(doc)] == []


MD_ARTICLE = """---
title: Ceasefire contract talks
date: 2025-03-01
---
# Talks in Kiev

The `ceasefire contract` is a code term here.
Officials said the ceasefire contract was signed.

```
ceasefire contract
```
See [the report](https://example.com/ceasefire-contract).
"""


def test_markdown_article_findings_at_line_and_column(tmp_path: Path, linter: Linter) -> None:
    path = tmp_path / "article.md"
    path.write_text(MD_ARTICLE)
    doc = read_path(path)
    assert doc.kind == "markdown" and doc.article_date == date(2025, 3, 1)
    found = [(f.rule_id, f.line, f.column, f.matched) for f in linter.check_document(doc)]
    assert found == [
        ("NL201", 2, 8, "Ceasefire contract"),
        ("NL102", 5, 12, "Kiev"),
        ("NL201", 8, 20, "ceasefire contract"),
    ]


HTML_ARTICLE = """<!DOCTYPE html>
<html><head><title>Talks</title>
<script>var s = "ceasefire contract";</script></head>
<body>
  <h1>Missiles hit Kiev</h1>
  <p>Officials said the <em>ceasefire contract</em> was signed &mdash; <code>ceasefire contract</code>.</p>
</body></html>
"""


def test_html_article_findings_at_line_and_column(tmp_path: Path, linter: Linter) -> None:
    path = tmp_path / "article.html"
    path.write_text(HTML_ARTICLE)
    doc = read_path(path)
    assert doc.kind == "html"
    found = [(f.rule_id, f.line, f.column, f.matched) for f in linter.check_document(doc)]
    assert found == [("NL102", 5, 20, "Kiev"), ("NL201", 6, 29, "ceasefire contract")]


def test_stdin_filename_chooses_reader() -> None:
    doc = read_stdin(b"Use `ceasefire contract`.\n", "x.md")
    assert doc.kind == "markdown" and doc.path == "x.md"
    assert read_stdin(b"<p>x</p>", "x.html").kind == "html"
    assert read_stdin(b"text", "<stdin>").kind == "text"


def test_reread_keeps_kind_and_path() -> None:
    doc = read_stdin(b"---\ndate: 2025-01-02\n---\nText.\n", "a.md")
    again = reread(doc, doc.text.replace("Text", "Other"))
    assert again.kind == "markdown" and again.path == "a.md" and again.article_date == date(2025, 1, 2)


# --- property: spans and positions always point into the original text ---------------------

FRAGMENTS = [
    "ceasefire contract", "Ceasefire Contract", "Kiev", "the the", "word", " ", "\n", "\r\n", "\n\n", "`", "``",
    "**", "_", "# ", "> ", "- ", "1. ", "[", "]", "(", ")", "](https://x.org/Kiev)", "<p>", "</p>", "<code>",
    "</code>", "<!--", "-->", "&amp;", "&rsquo;", "&nbsp;", "<script>", "</script>", "```\n", "    ", "---\n",
    "title: ", "\u00e9", "\U0001F600", "<b class='x'>", "https://kiev.example/x ", "\t", '"', "he said",
]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    breaks = list(re.finditer(r"\r\n|\r|\n", text[:offset]))
    if not breaks:
        return 1, offset + 1
    return len(breaks) + 1, offset - breaks[-1].end() + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=40), suffix=st.sampled_from([".md", ".html", ".txt"]))
@example(parts=["---\n", "&amp;", "\n", "---\n"], suffix=".md")  # found by CI: front matter that is no YAML
def test_every_finding_points_at_what_it_matched(parts: list[str], suffix: str, linter: Linter) -> None:
    text = "".join(parts)
    try:
        doc = read_stdin(text.encode(), "x" + suffix)
    except InputError as exc:
        # front matter that is not YAML ("---\n&amp;\n---") is refused with a clear error: no spans to check
        assert "front matter is not valid YAML" in str(exc)
        reject()
    assert doc.text == text.removeprefix("\ufeff") and len(doc.lint_text) == len(doc.text)
    for f in linter.check_document(doc):
        assert doc.text[f.span.start : f.span.end] == f.matched
        assert (f.line, f.column) == _line_col(doc.text, f.span.start)
        assert (f.end_line, f.end_column) == _line_col(doc.text, f.span.end)


@pytest.mark.parametrize(("suffix", "text"), [
    (".html", "<a href=x " * 20000),  # unclosed tags: was quadratic (minutes)
    (".html", '<a title="x ' * 20000),
    (".md", "[a](" * 20000),  # unclosed link destinations
    (".md", "`x " * 20000),  # unclosed code spans
    (".md", "<a href=x " * 20000),
])
def test_pathological_markup_is_read_in_bounded_time(suffix: str, text: str) -> None:
    import time

    start = time.perf_counter()
    doc = read_stdin(text.encode(), "x" + suffix)
    assert len(doc.lint_text) == len(text)
    assert time.perf_counter() - start < 10  # linear: well under a second on an idle machine
