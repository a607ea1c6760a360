"""Fixes never edit inside a direct quote, however the quote is written and whatever the reader.

The property test builds articles from invented sentences, some inside quotes of every style the
project treats as a quote (straight, curly and low double quotes, guillemets, curly and straight
single quotes, and in HTML and Markdown the same marks written as character references), records
where each quote lies in the ORIGINAL text while building it (an oracle independent of the quote
finder), reads the article with each reader (txt, md, html, jsonl, csv) and asserts that no safe
fix edits a character of a quote.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.api import Linter
from newslint.document import Document
from newslint.fixer import fix_until_stable
from newslint.model import Applicability
from newslint.sources import read_stdin
from newslint.sources.archive import iter_records
from newslint import textutil

LINTER = Linter()

# invented sentences; most carry an error with a safe fix (a misspelled name, a spun phrase, a
# proper noun in lower case, a doubled word, a nationality in lower case)
WITH_FIXES = [
    "Kiel Starmer met the delegation",
    "a ceasefire contract was agreed at noon",
    "talks moved to the oval office",
    "the the talks went on",
    "the russian troops withdrew",
    "Voldymir Zelensky spoke to them",
    "it's a ceasefire contract, don't you see",
]
CLEAN = ["the talks ended late", "nobody else came", "the workers' union met on Tuesday", "It's over"]
ENDINGS = [".", ",", "?", "!"]

# (opening, closing) as written in any reader, and only where references are decoded (HTML, Markdown)
LITERAL_STYLES = [('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("‹", "›"), ("‘", "’"), ("'", "'")]
ENTITY_STYLES = [
    ("&ldquo;", "&rdquo;"), ("&#8220;", "&#8221;"), ("&#x201C;", "&#x201D;"), ("&quot;", "&quot;"),
    ("&#34;", "&#34;"), ("&laquo;", "&raquo;"), ("&lsquo;", "&rsquo;"), ("&#8216;", "&#8217;"), ("&#39;", "&#39;"),
    ("&apos;", "&apos;"),
]
READERS = ["txt", "md", "html", "jsonl", "csv"]


@st.composite
def articles(draw: st.DrawFn, entities: bool) -> tuple[list[list[tuple[str, bool]]], list[tuple[str, str]]]:
    """Paragraphs of (piece, is-a-quote) and the styles used."""
    styles = LITERAL_STYLES + (ENTITY_STYLES if entities else [])
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        pieces: list[tuple[str, bool]] = []
        for _ in range(draw(st.integers(1, 4))):
            sentence = draw(st.sampled_from(WITH_FIXES + CLEAN))
            sentence = sentence[0].upper() + sentence[1:]
            if draw(st.booleans()):
                opening, closing = draw(st.sampled_from(styles))
                inner = sentence + draw(st.sampled_from(ENDINGS))
                pieces.append((opening + inner + closing, True))
                pieces.append((" " + draw(st.sampled_from(["he said. ", "said Ann Lee. ", "she added. "])), False))
            else:
                pieces.append((sentence + ". ", False))
        paragraphs.append(pieces)
    return paragraphs


def _build(paragraphs: list[list[tuple[str, bool]]], reader: str) -> tuple[str, list[tuple[int, int]]]:
    """The article text in the reader's format and where its quotes lie in that text."""
    out: list[str] = []
    quotes: list[tuple[int, int]] = []
    pos = 0

    def put(piece: str, quote: bool = False) -> None:
        nonlocal pos
        if quote:
            quotes.append((pos, pos + len(piece)))
        out.append(piece)
        pos += len(piece)

    for k, pieces in enumerate(paragraphs):
        if k:
            put("\n" if reader == "html" else "\n\n")
        if reader == "html":
            put("<p>")
        for piece, quote in pieces:
            put(piece, quote)
        if reader == "html":
            put("</p>")
    return "".join(out), quotes


def _documents(text: str, reader: str, tmp: Path) -> list[Document]:
    if reader in ("txt", "md", "html"):
        return [read_stdin(text.encode(), "article." + reader)]
    path = tmp / ("archive." + reader)
    if reader == "jsonl":
        path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows([["id", "text"], ["1", text]])
        path.write_text(buffer.getvalue(), encoding="utf-8")
    records = list(iter_records(path, "text"))
    assert len(records) == 1
    return [records[0].to_document(str(path))]  # type: ignore[union-attr]


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    # an insertion at a quote's edge (start == end) counts as inside only strictly within it
    return any(start < b and a < end or (start == end and a < start < b) for a, b in ranges)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data(), reader=st.sampled_from(READERS))
def test_no_safe_fix_edits_inside_a_quote(tmp_path: Path, data: st.DataObject, reader: str) -> None:
    paragraphs = data.draw(articles(entities=reader in ("html", "md")))
    text, quotes = _build(paragraphs, reader)
    for doc in _documents(text, reader, tmp_path):
        assert doc.text == text
        findings = LINTER.check_document(doc)
        for f in findings:
            if f.fix is None or f.fix.applicability is not Applicability.SAFE:
                continue
            for edit in f.fix.edits:
                assert not _overlaps(edit.span.start, edit.span.end, quotes), (
                    reader, f.rule_id, f.matched, text[edit.span.start:edit.span.end], text)
        if reader in ("txt", "md", "html"):
            outcome = fix_until_stable(LINTER, doc)
            for a, b in quotes:  # every pass: the quotes come through untouched
                assert text[a:b] in outcome.text, (reader, text[a:b], outcome.text)


def test_the_property_reaches_safe_fixes_outside_quotes_and_unsafe_ones_inside() -> None:
    """The invented sentences do carry safe fixes (so the property above tests something)."""
    text = 'Kiel Starmer met the delegation. &ldquo;Kiel Starmer met the delegation.&rdquo; he said.'
    findings = LINTER.check_document(read_stdin(f"<p>{text}</p>".encode(), "a.html"))
    kiel = [f for f in findings if f.rule_id == "NL101"]
    assert [f.fix_safe for f in kiel] == [True, False]


# --- character references are quotes in HTML and Markdown ---------------------------------------

ENTITY_PAIRS = ENTITY_STYLES


@pytest.mark.parametrize("opening, closing", ENTITY_PAIRS, ids=[o for o, _ in ENTITY_PAIRS])
@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_a_quote_written_with_references_is_a_quote(opening: str, closing: str, suffix: str) -> None:
    """--fix never rewrites inside it (the fix is unsafe), and NL401 sees it."""
    body = (f"Talks ended late on Tuesday.\n\n{opening}We signed a ceasefire contract with Kiel Starmer "
            f"today,{closing} he said.\n")
    if suffix == ".html":
        body = "".join(f"<p>{p}</p>\n" for p in body.strip().split("\n\n"))
    doc = read_stdin(body.encode(), "a" + suffix)
    findings = LINTER.check_document(doc)
    by_rule = {f.rule_id: f for f in findings}
    assert by_rule["NL101"].matched == "Kiel Starmer" and not by_rule["NL101"].fix_safe
    assert by_rule["NL201"].matched == "ceasefire contract" and not by_rule["NL201"].fix_safe
    assert "NL401" in by_rule, [f.rule_id for f in findings]
    quote = textutil.document_quote_ranges(doc.text, doc.lint_text)
    assert [doc.text[a:b] for a, b in quote] == [f"{opening}We signed a ceasefire contract with Kiel Starmer today,{closing}"]
    outcome = fix_until_stable(LINTER, doc)
    assert "Kiel Starmer" in outcome.text and "ceasefire contract" in outcome.text


def test_references_outside_visible_text_are_no_quotes() -> None:
    """A reference inside an attribute or a script is not text, and so no quote."""
    page = ('<p title="&ldquo;x">A ceasefire contract was signed.</p><script>var s = "&ldquo;";</script>'
            "<p>Kiel Starmer spoke.</p>")
    findings = LINTER.check_document(read_stdin(page.encode(), "a.html"))
    assert {f.rule_id: f.fix_safe for f in findings if f.rule_id in ("NL101", "NL201")} == {"NL101": True, "NL201": True}


def test_an_unknown_reference_is_left_as_text() -> None:
    page = "<p>&notanentity;A ceasefire contract was signed.&alsonot;</p>"
    doc = read_stdin(page.encode(), "a.html")
    assert textutil.document_quote_ranges(doc.text, doc.lint_text) == []


# --- single quotes: which marks open and close a quote ---------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    ("'We will sign it,' he said.", ["'We will sign it,'"]),
    ("‘We will sign it,’ he said.", ["‘We will sign it,’"]),
    ("'It's done, we'll sign,' he said.", ["'It's done, we'll sign,'"]),  # apostrophes inside a word
    ("The '90s were calm and 'tis the season.", []),  # '90s, 'tis: no closing mark follows
    ("The workers' union met. It's late.", []),  # a closing-like apostrophe with nothing open
    ("He said “the ‘deal’ is off” today.", ["“the ‘deal’ is off”"]),  # nested: part of the outer quote
    ("‘Unclosed single quote runs nowhere.\n\n“Closed,” she said.", ["“Closed,”"]),
])
def test_single_quotes(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in textutil.quoted_ranges(text)] == quoted


def test_single_quoted_speech_gets_nl401() -> None:
    text = "Talks ended on Tuesday.\n\n‘We will meet the rebels again next week,’ he said.\n"
    assert any(f.rule_id == "NL401" for f in LINTER.check_text(text))


def test_html_escape_of_a_quote_round_trips() -> None:
    """html.escape writes straight quotes as &quot; and &#x27;: both are quotes."""
    inner = html_lib.escape('"A ceasefire contract with Kiel Starmer," he said. \'Kiel Starmer is here,\' she said.')
    doc = read_stdin(f"<p>{inner}</p>".encode(), "a.html")
    assert [doc.text[a:b].count("Kiel") for a, b in textutil.document_quote_ranges(doc.text, doc.lint_text)] == [1, 1]
    assert not any(f.fix_safe for f in LINTER.check_document(doc) if f.rule_id in ("NL101", "NL201"))


# --- front matter: YAML quoting is no quotation ---------------------------------------------------

FRONT_MATTER = {
    "double": 'title: "Kiel Starmer signs a ceasefire contract"\n',
    "single": "title: 'Kiel Starmer signs a ceasefire contract'\n",
    "plain": "title: Kiel Starmer signs a ceasefire contract\n",
}


@pytest.mark.parametrize("quotes", ["check", "skip"])
@pytest.mark.parametrize("style", list(FRONT_MATTER))
def test_a_quoted_front_matter_value_is_linted_and_fixed_like_the_body(style: str, quotes: str) -> None:
    import yaml

    text = f"---\n{FRONT_MATTER[style]}date: 2026-03-01\n---\n\nThe talks ended late.\n"
    linter = Linter(quotes=quotes)
    doc = read_stdin(text.encode(), "a.md")
    findings = {f.rule_id: f for f in linter.check_document(doc)}
    assert findings["NL101"].matched == "Kiel Starmer" and findings["NL101"].fix_safe
    assert findings["NL201"].matched == "ceasefire contract" and findings["NL201"].fix_safe
    outcome = fix_until_stable(linter, doc)
    front = yaml.safe_load(outcome.text.split("---\n")[1])
    assert front["title"] == "Keir Starmer signs a ceasefire deal"


def test_a_quote_inside_a_front_matter_value_is_still_a_quote() -> None:
    text = '---\ntitle: "Minister: \\"Kiel Starmer will sign\\" today"\n---\n\nBody.\n'
    findings = [f for f in LINTER.check_document(read_stdin(text.encode(), "a.md")) if f.rule_id == "NL101"]
    assert len(findings) == 1 and not findings[0].fix_safe


@pytest.mark.parametrize("value", ["'United Nations Fund for Childhood appeals'", '"United Nations Fund for Childhood appeals"'])
def test_a_fix_in_a_quoted_front_matter_value_keeps_the_yaml_valid(value: str) -> None:
    """The fix's apostrophe is doubled in a single-quoted value (escaped in a double-quoted one):
    the front matter still parses, to the fixed title."""
    import yaml

    text = f"---\ntitle: {value}\n---\n\nThe talks ended late.\n"
    outcome = fix_until_stable(LINTER, read_stdin(text.encode(), "a.md"))
    assert outcome.changed and outcome.converged
    assert yaml.safe_load(outcome.text.split("---\n")[1])["title"] == "United Nations Children's Fund appeals"


def test_a_fix_in_html_text_is_written_as_html(tmp_path: Path) -> None:
    (tmp_path / "NL990.yaml").write_text(
        "id: NL990\nname: house-name\nkind: substitution\nseverity: warning\nmessage: \"write '{suggestion}'\"\n"
        "options:\n  swap:\n    at and t: AT&T <Corp>\n", encoding="utf-8")
    linter = Linter(select=["NL990"], rule_paths=[tmp_path])
    outcome = fix_until_stable(linter, read_stdin(b"<p>Shares of at and t rose.</p>\n", "a.html"))
    assert outcome.text == "<p>Shares of AT&amp;T &lt;Corp&gt; rose.</p>\n"
