"""Inline suppressions, unused/invalid suppression reports, accepted words, quote policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.api import Linter
from newslint.model import Severity
from newslint.sources import read_stdin

BAD = "A ceasefire contract was signed."  # NL201 once


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(select=["NL201", "NL102", "NL9"])


def ids(linter: Linter, text: str, name: str = "a.txt") -> list[tuple[str, int]]:
    doc = read_stdin(text.encode(), name)
    return [(f.rule_id, f.line) for f in linter.check_document(doc)]


CASES = [
    # (name, text, expected findings as (rule, line))
    ("no directive", f"{BAD}\n", [("NL201", 1)]),
    ("plain comment, next line", f"# newslint: ignore NL201\n{BAD}\n", []),
    ("slash comment, next line", f"// newslint: ignore NL201\n{BAD}\n", []),
    ("next non-blank line", f"# newslint: ignore NL201\n\n{BAD}\n", []),
    ("only the next line", f"# newslint: ignore NL201\n{BAD}\n{BAD}\n", [("NL201", 3)]),
    ("trailing comment, same line", f"{BAD}  # newslint: ignore NL201\n{BAD}\n", [("NL201", 2)]),
    ("html comment in text", f"<!-- newslint: ignore NL201 -->\n{BAD}\n", []),
    ("by prefix", f"# newslint: ignore NL2\n{BAD}\n", []),
    ("by name", f"# newslint: ignore tortured-phrase\n{BAD}\n", []),
    ("all rules", f"# newslint: ignore\n{BAD}\n", []),
    ("with a reason", f"# newslint: ignore NL201 -- quoted from a contract\n{BAD}\n", []),
    ("other rule: finding stays, suppression unused",
     f"# newslint: ignore NL102\n{BAD}\n", [("NL901", 1), ("NL201", 2)]),
    ("disable/enable block", f"# newslint: disable NL201\n{BAD}\n{BAD}\n# newslint: enable\n{BAD}\n", [("NL201", 5)]),
    ("disable to end", f"{BAD}\n# newslint: disable\n{BAD}\n{BAD}\n", [("NL201", 1)]),
    ("enable by rule", f"# newslint: disable NL201\n{BAD}\n# newslint: enable NL201\n{BAD}\n", [("NL201", 4)]),
    ("unused block", f"# newslint: disable NL201\nFine text.\n# newslint: enable\n", [("NL901", 1)]),
    ("unknown verb", f"# newslint: ignroe NL201\n{BAD}\n", [("NL902", 1), ("NL201", 2)]),
    ("unknown rule", f"# newslint: ignore NL999\n{BAD}\n", [("NL902", 1), ("NL201", 2)]),
    ("stray enable", f"# newslint: enable\n{BAD}\n", [("NL902", 1), ("NL201", 2)]),
    ("hash text is not a directive", f"#newsroom update\n{BAD}\n", [("NL201", 2)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_plain_text_suppressions(linter: Linter, text: str, expected: list[tuple[str, int]]) -> None:
    assert ids(linter, text) == expected


def test_markdown_uses_html_comments_only(linter: Linter) -> None:
    md = f"<!-- newslint: ignore NL201 -->\n{BAD}\n\n{BAD} <!-- newslint: ignore NL201 -->\n\n# newslint: ignore NL201\n\n{BAD}\n"
    assert ids(linter, md, "a.md") == [("NL201", 8)]


def test_html_comments_in_html(linter: Linter) -> None:
    html = f"<p><!-- newslint: disable NL201 -->{BAD}</p>\n<p>{BAD}</p>\n<!-- newslint: enable -->\n<p>{BAD}</p>\n"
    assert ids(linter, html, "a.html") == [("NL201", 4)]


def test_directive_text_is_not_linted_in_plain_text(linter: Linter) -> None:
    # the comment names a phrase that NL201 would flag; it must not be reported
    assert ids(linter, "# newslint: ignore NL102 -- ceasefire contract\nKiev.\n") == []


def test_unused_not_reported_for_rules_that_did_not_run() -> None:
    only_names = Linter(select=["NL102", "NL9"])
    assert ids(only_names, f"# newslint: ignore NL201\n{BAD}\n") == []


def test_meta_rules_can_be_ignored_and_reseverified() -> None:
    quiet = Linter(select=["NL201"])
    assert ids(quiet, "# newslint: ignore NL102\nFine.\n") == []
    loud = Linter(select=["NL201", "NL901"], severities={"NL901": Severity.ERROR})
    findings = loud.check_document(read_stdin(b"# newslint: ignore NL201\nFine.\n", "a.txt"))
    assert [(f.rule_id, f.severity) for f in findings] == [("NL901", Severity.ERROR)]
    assert findings[0].fix is not None and not findings[0].fix_safe  # deleting it is never automatic


def test_accept_list_silences_words_everywhere() -> None:
    text = "Missiles struck Kiev. A ceasefire contract was signed.\n"
    assert ids(Linter(select=["NL201", "NL102"]), text) == [("NL102", 1), ("NL201", 1)]
    assert ids(Linter(select=["NL201", "NL102"], accept=["kiev"]), text) == [("NL201", 1)]
    # an accepted phrase covers a finding inside it; a word inside the finding does not silence it
    assert ids(Linter(select=["NL201", "NL102"], accept=["contract"]), text) == [("NL102", 1), ("NL201", 1)]
    assert ids(Linter(select=["NL201", "NL102"], accept=["a ceasefire contract was"]), text) == [("NL102", 1)]


def test_quote_policy() -> None:
    text = '"The ceasefire contract is dead," he said. A ceasefire contract was signed.\n'
    checked = Linter(select=["NL201"]).check_text(text)
    assert len(checked) == 2
    inside = [f for f in checked if f.span.start < 30][0]
    assert inside.fix is not None and not inside.fix_safe  # never auto-fixed inside a quote
    skipped = Linter(select=["NL201"], quotes="skip").check_text(text)
    assert [f.span.start for f in skipped] == [f.span.start for f in checked if f.span.start > 30]


def test_suppression_keeps_fix_loop_honest(tmp_path: Path) -> None:
    from newslint.fixer import fix_until_stable

    doc = read_stdin(f"# newslint: ignore NL201\n{BAD}\n{BAD}\n".encode(), "a.txt")
    outcome = fix_until_stable(Linter(select=["NL201"]), doc)
    assert outcome.text == f"# newslint: ignore NL201\n{BAD}\nA ceasefire deal was signed.\n"
