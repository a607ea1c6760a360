"""docs/rules.md is generated from the rules' own data and must be current."""

from __future__ import annotations

from pathlib import Path

from newslint.api import Linter
from newslint.docs_gen import document_rules, explain_text, rules_markdown

REPO = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_current() -> None:
    linter = Linter(select=["ALL"])
    expected = rules_markdown(document_rules(linter.specs, linter.resources))
    actual = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `newslint rules --markdown > docs/rules.md`"


def test_every_rule_has_a_section_with_examples_and_fix_safety() -> None:
    linter = Linter(select=["ALL"])
    docs = document_rules(linter.specs, linter.resources)
    text = rules_markdown(docs)
    for d in docs:
        assert f"## {d.spec.id} {d.spec.name}" in text
        page = explain_text(d)
        assert "Fix safety:" in page and "What it flags and why:" in page
        if d.spec.default_enabled and d.spec.fail_examples:
            assert "bad:" in page


def test_fix_safety_is_observed_not_claimed() -> None:
    linter = Linter(select=["ALL"])
    by_id = {d.spec.id: d for d in document_rules(linter.specs, linter.resources)}
    assert by_id["NL201"].fix_safety == "safe"  # one unambiguous replacement per listed phrase
    assert by_id["NL901"].fix_safety == "display-only"
    first = by_id["NL201"].fail[0]
    assert first.fixed is not None and "ceasefire deal" in first.fixed
