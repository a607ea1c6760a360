"""Property tests of fixing: text outside fixed spans never changes; fixing twice == fixing once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.api import Linter
from newslint.document import Document
from newslint.fixer import apply_fixes, fix_until_stable, wanted_fixes
from newslint.model import Applicability, Edit, Fix, Span
from newslint.sources import read_stdin

LINTER = Linter(select=["NL2", "NL102", "NL302", "NL9"])


@st.composite
def text_and_fixes(draw: st.DrawFn) -> tuple[str, list[Fix]]:
    text = draw(st.text(alphabet="ab \n\u00e9\U0001F600", max_size=40))
    fixes = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        repl = draw(st.text(alphabet="XYZ", max_size=4))
        fixes.append(Fix(f"NL{i:03d}", (Edit(Span(a, b), repl),), Applicability.SAFE, "t"))
    return text, fixes


@given(text_and_fixes())
def test_text_outside_applied_spans_never_changes(case: tuple[str, list[Fix]]) -> None:
    text, fixes = case
    result = apply_fixes(text, fixes)
    applied = sorted(result.applied, key=lambda f: f.start)
    # applied fixes neither overlap nor touch
    for left, right in zip(applied, applied[1:]):
        assert left.end < right.start
    # every skipped fix overlaps or touches an applied one (nothing is dropped for no reason)
    for skipped in result.skipped:
        assert any(skipped.start <= f.end and f.start <= skipped.end for f in applied) or not skipped.edits
    # the result is the original outside the applied spans, with the replacements inside them
    pieces, pos = [], 0
    for f in applied:
        for e in f.edits:
            pieces += [text[pos : e.span.start], e.replacement]
            pos = e.span.end
    pieces.append(text[pos:])
    assert result.text == "".join(pieces)


FRAGMENTS = [
    "A ceasefire contract was signed. ", "The prime priest spoke. ", "in Kiev ", "the the ", '"a ceasefire contract," ',
    "he said. ", "\n", "\n\n", "Talks went on. ", "`ceasefire contract` ", "# newslint: ignore NL201\n", "Source link\n",
    "<!-- newslint: disable NL2 -->", "<!-- newslint: enable -->", "**", "\u00e9", "\U0001F600",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=25), suffix=st.sampled_from([".txt", ".md"]))
def test_safe_fixes_twice_equals_once(parts: list[str], suffix: str) -> None:
    doc = read_stdin("".join(parts).encode(), "a" + suffix)
    once = fix_until_stable(LINTER, doc)
    if not once.converged:
        assert once.text == doc.text and once.failing_rules  # original kept, rules named
        return
    twice = fix_until_stable(LINTER, read_stdin(once.text.encode(), "a" + suffix))
    assert twice.text == once.text and not twice.changed
    assert wanted_fixes(twice.initial_findings) == []  # a second run finds nothing fixable


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=25))
def test_first_pass_changes_only_fixed_spans(parts: list[str]) -> None:
    text = "".join(parts)
    findings = LINTER.check_document(Document(text, "a.txt"))
    fixes = wanted_fixes(findings)
    result = apply_fixes(text, fixes)
    pieces, pos = [], 0
    for f in sorted(result.applied, key=lambda f: f.start):
        for e in f.edits:
            assert text[pos : e.span.start] == result.text[len("".join(pieces)) :][: e.span.start - pos]
            pieces += [text[pos : e.span.start], e.replacement]
            pos = e.span.end
    pieces.append(text[pos:])
    assert result.text == "".join(pieces)
