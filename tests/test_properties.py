"""Property tests (hypothesis) over arbitrary Unicode: check_text, every reader, fixes.

For any text (control characters, NUL, astral characters, combining marks, RTL and bidi
controls, CRLF and lone CR, very long lines) mixed with fragments that rules flag:
  * no exception;
  * every finding's span lies inside the text and the text at the span is `matched`;
  * line/column agree with the offsets (1-based, code points; lines end at \\n, \\r\\n, lone \\r);
  * readers keep the text, give a lint text of the same length with every line break in place;
  * JSON Lines and CSV archives give back exactly the text that was written;
  * safe fixes change only the fixed spans, and fixing twice equals fixing once.

tests/test_sources.py and tests/test_fix_property.py check the same properties on sampled
fragments only; these add arbitrary Unicode, all rules (opt-in ones too) and the archive readers.

Default: NEWSLINT_PROPERTY_EXAMPLES=150 examples per property (a few seconds each).
Long run: NEWSLINT_PROPERTY_EXAMPLES=5000 python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newslint import check_text
from newslint.api import Linter
from newslint.document import Document
from newslint.errors import InputError
from newslint.fixer import apply_fixes, fix_until_stable, wanted_fixes
from newslint.model import Finding
from newslint.positions import LineIndex
from newslint.sources import read_stdin, reread
from newslint.sources.archive import BadRecord, Record, iter_records

EXAMPLES = int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

# --- strategies ------------------------------------------------------------------------------

# any code point except surrogates (they cannot be encoded, so no file or request can hold them)
ANY_CHAR = st.characters(codec=None, exclude_categories=("Cs",))
SPECIAL = st.sampled_from([
    "\x00", "\r", "\n", "\r\n", "\t", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
    "\u200b", "\u200d", "\u202e", "\u202c", "\u2066", "\u0301", "\u0302\u0303", "\U0001F600", "\U0001F1FA\U0001F1F8",
    "\U00010348", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0631\u0626\u064a\u0633", "\u4e60\u8fd1\u5e73",
    "P\u0443tin", "\u00e2\u20ac\u2122", "Z\u00c3\u00bcrich", "\u00ab", "\u00bb", "\u201c", "\u201d", '"', "(", "]",
])
FLAGGED = st.sampled_from([
    "A ceasefire contract was signed. ", "Ceasefire Contract ", "in Kiev ", "the the ", "The prime priest spoke. ",
    "President Vladimir Putin said ", "Sergei Lavorv ", '"We will not," he said. ', "Read more: click here\n",
    "# newslint: ignore NL201\n", "<!-- newslint: disable NL2 -->", "**", "`code`", "<p>", "</p>", "&amp;", "---\n",
    "title: x\n", "```\n", "> ", "- ", "Source link\n", "All rights reserved.\n", "Reuters\n",
])
PIECE = st.one_of(st.text(ANY_CHAR, max_size=40), SPECIAL, FLAGGED, FLAGGED)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    """A line of 600 to 38,000 characters without a break (words, so no giant token)."""
    word = draw(st.sampled_from(["word ", "the ", "Kiev ", "\u00e9t\u00e9 ", "\U0001F600 ", "ceasefire contract "]))
    return word * draw(st.integers(200, 2000))


TEXT = st.lists(st.one_of(PIECE, PIECE, PIECE, long_line()), max_size=30).map("".join)
SHORT_TEXT = st.lists(PIECE, max_size=30).map("".join)  # for fixing, which lints several times


@lru_cache(maxsize=1)
def all_rules() -> Linter:
    """Every built-in rule, opt-in ones included; left out: the grammar backends (they need
    servers) and the wording model's rules (NL210/NL211 run a language model over every sentence,
    minutes per hypothesis run; tests/test_wording_deep.py runs them on a huge article and on
    text with no English words)."""
    ids = [s.id for s in Linter().specs if s.kind not in ("grammar", "replaced_word", "spun_article")]
    return Linter(select=ids)


# --- an independent reference for line/column --------------------------------------------

_BREAK = re.compile(r"\r\n|\r|\n")


def line_ends(text: str) -> list[int]:
    """Offsets just after each line break (regex-found, unlike newslint.positions' scan)."""
    return [m.end() for m in _BREAK.finditer(text)]


def reference_line_col(text: str, offset: int, ends: list[int] | None = None) -> tuple[int, int]:
    """1-based (line, column) in code points; \\r\\n is one break; between \\r and \\n is the \\r's line."""
    ends = line_ends(text) if ends is None else ends
    before = bisect_right(ends, offset)  # breaks that end at or before the offset
    return before + 1, offset - (ends[before - 1] if before else 0) + 1


def assert_findings_point_into(text: str, findings: list[Finding]) -> None:
    ends = line_ends(text)
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= len(text), f
        assert text[f.span.start:f.span.end] == f.matched, f
        assert (f.line, f.column) == reference_line_col(text, f.span.start, ends), f
        assert (f.end_line, f.end_column) == reference_line_col(text, f.span.end, ends), f
        if f.fix is not None:
            assert all(0 <= e.span.start <= e.span.end <= len(text) for e in f.fix.edits), f
    assert [(f.span.start, f.span.end) for f in findings] == sorted((f.span.start, f.span.end) for f in findings)


# --- properties --------------------------------------------------------------------------

@SETTINGS
@given(text=st.text(st.sampled_from("ab\r\n\u00e9\U0001F600"), max_size=60), data=st.data())
def test_line_index_agrees_with_reference(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).line_col(offset) == reference_line_col(text, offset)
    assert LineIndex.fast(text).line_col(offset) == reference_line_col(text, offset)


@SETTINGS
@given(text=TEXT)
def test_check_text_findings_point_into_the_text(text: str) -> None:
    findings = all_rules().check_text(text)
    assert_findings_point_into(text, findings)


@SETTINGS
@given(text=TEXT)
def test_public_check_text_never_raises(text: str) -> None:
    assert_findings_point_into(text, check_text(text))


@SETTINGS
@given(text=TEXT, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_readers_keep_text_and_line_breaks(text: str, suffix: str) -> None:
    raw = text.encode("utf-8")
    try:
        doc = read_stdin(raw, "article" + suffix)
    except InputError as exc:
        # the only refusals: NUL bytes near the start (binary), or Markdown front matter that is not YAML
        assert "\x00" in text[:8192] or (suffix == ".md" and "front matter" in exc.message), exc
        return
    assert doc.text == text.removeprefix("\ufeff")
    assert len(doc.lint_text) == len(doc.text)
    for m in _BREAK.finditer(doc.text):
        assert doc.lint_text[m.start():m.end()] == m.group()
    assert reread(doc, doc.text).lint_text == doc.lint_text  # deterministic
    assert_findings_point_into(doc.text, all_rules().check_document(doc))


@SETTINGS
@given(text=SHORT_TEXT, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_safe_fixes_only_touch_fixed_spans_and_settle(text: str, suffix: str) -> None:
    assume("\x00" not in text[:8192])
    try:
        doc = read_stdin(text.encode("utf-8"), "article" + suffix)
    except InputError:
        return
    linter = all_rules()
    findings = linter.check_document(doc)
    result = apply_fixes(doc.text, wanted_fixes(findings))
    expected, pos = [], 0
    for fix in sorted(result.applied, key=lambda f: f.start):
        for edit in fix.edits:
            assert edit.span.start >= pos
            expected += [doc.text[pos:edit.span.start], edit.replacement]
            pos = edit.span.end
    expected.append(doc.text[pos:])
    assert result.text == "".join(expected)

    once = fix_until_stable(linter, doc)
    if not once.converged:  # rules that keep undoing each other: the original is kept and they are named
        assert once.text == doc.text and once.failing_rules
        return
    twice = fix_until_stable(linter, reread(doc, once.text))
    assert twice.converged and twice.text == once.text and not twice.changed


RECORD_TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=30), SPECIAL, FLAGGED), min_size=1, max_size=12).map("".join)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _refused(text: str) -> bool:
    """What the archive reader documents as 'binary text': NUL, or many control characters."""
    sample = text[:4096]
    return "\x00" in text or len(_CONTROL.findall(sample)) > max(8, len(sample) // 20)


@SETTINGS
@given(texts=st.lists(RECORD_TEXT, min_size=1, max_size=6), fmt=st.sampled_from(["jsonl", "csv"]), gz=st.booleans())
def test_archive_records_round_trip(tmp_path: Path, texts: list[str], fmt: str, gz: bool) -> None:
    texts = [t for t in texts if t.strip()]  # blank records are skipped by design
    assume(texts)
    if fmt == "jsonl":
        body = "".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=bool(i % 2)) + "\n" for i, t in enumerate(texts))
    else:
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(["id", "text"])
        for i, t in enumerate(texts):
            writer.writerow([f"r{i}", t])
        body = out.getvalue()
    raw = body.encode("utf-8")
    path = tmp_path / f"a.{fmt}{'.gz' if gz else ''}"
    path.write_bytes(gzip.compress(raw) if gz else raw)
    items = list(iter_records(path, text_field="text", id_field="id"))
    assert len(items) == len(texts), items
    # JSON escapes line breaks: one record per line; a CSV record spans its text's \n plus one
    starts = [2 if fmt == "csv" else 1]
    for t in texts[:-1]:
        starts.append(starts[-1] + 1 + (t.count("\n") if fmt == "csv" else 0))
    for i, (item, text) in enumerate(zip(items, texts)):
        assert item.line == starts[i], (item, starts)
        if isinstance(item, BadRecord):
            assert _refused(text), (item.reason, text)
            continue
        assert isinstance(item, Record) and item.id == f"r{i}"
        assert item.text == text  # exactly what was written: no newline translation, no stripping
        assert not _refused(text)
        assert_findings_point_into(item.text, all_rules().check_document(item.to_document(str(path))))


def test_strategies_reach_findings_and_fixes() -> None:
    """The fragments the strategies mix in do trigger findings and safe fixes (else the properties
    above would test an empty loop)."""
    text = "A ceasefire contract was signed in Kiev. The the talks. Sergei Lavorv \U0001F600\r\nSource link\n"
    findings = all_rules().check_document(Document(text, "a.txt"))
    assert {f.rule_id for f in findings} >= {"NL201", "NL302"}
    assert wanted_fixes(findings)
    assert_findings_point_into(text, findings)


@pytest.mark.parametrize("text", [
    "\x00", "\r", "\r\n\r", "\n\r", "\u0301", "\U0001F600" * 3 + "the the", "\u202e the the \u202c",
    "A ceasefire contract\r\rthe the\r\n", "\ufeffthe the", "e\u0301 the the", "a" * 100_000,
])
def test_edge_texts(text: str) -> None:
    assert_findings_point_into(text, all_rules().check_text(text))
