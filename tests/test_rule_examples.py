"""Every rule's YAML examples: fail texts are flagged (with the expected top suggestion),
pass texts are not, and applying the top suggestion leaves text the rule no longer flags."""

from __future__ import annotations

import pytest

from newslint import Linter
from newslint.api import _default_linter
from newslint.resources import builtin_rules_dir
from newslint.rules.loader import load_rules

SPECS = load_rules([builtin_rules_dir()])
# opt-in rules whose examples need a backend that is not installed with the tests (LanguageTool,
# Harper, the --deep language model): tests/test_grammar*.py and test_wording_deep.py run them
BACKEND_KINDS = {"grammar", "replaced_word"}


def _only(rule_id: str) -> Linter:
    return _default_linter((rule_id,), None)


FAIL_CASES = [(s.id, i, ex) for s in SPECS for i, ex in enumerate(s.fail_examples)]
PASS_CASES = [(s.id, i, text) for s in SPECS for i, text in enumerate(s.pass_examples)]


@pytest.mark.parametrize(("rule_id", "n", "example"), FAIL_CASES, ids=[f"{r}-fail{n}" for r, n, _ in FAIL_CASES])
def test_fail_example_is_flagged(rule_id: str, n: int, example) -> None:  # type: ignore[no-untyped-def]
    linter = _only(rule_id)
    if any(r.spec.id == rule_id and not r.spec.default_enabled and r.spec.kind in BACKEND_KINDS for r in linter.engine.rules):
        pytest.skip("opt-in rule: its examples are tested with its backend")
    findings = [f for f in linter.check_text(example.text) if f.rule_id == rule_id]
    assert findings, f"{rule_id} did not flag: {example.text!r}"
    if example.suggestion is not None:
        assert findings[0].suggestions, f"{rule_id} gave no suggestion for {example.text!r}"
        assert findings[0].suggestions[0] == example.suggestion
        # the fixed text must lint clean for this rule (sqlfluff's invariant)
        f = findings[0]
        assert f.fix is not None
        edit = f.fix.edits[0]
        fixed = example.text[: edit.span.start] + edit.replacement + example.text[edit.span.end :]
        again = [g for g in linter.check_text(fixed) if g.rule_id == rule_id and g.span.start <= edit.span.start + len(edit.replacement) and g.span.end >= edit.span.start]
        assert not again, f"{rule_id} still flags the fixed text {fixed!r}: {again[0].message}"


@pytest.mark.parametrize(("rule_id", "n", "text"), PASS_CASES, ids=[f"{r}-pass{n}" for r, n, _ in PASS_CASES])
def test_pass_example_is_clean(rule_id: str, n: int, text: str) -> None:
    linter = _only(rule_id)
    if any(r.spec.id == rule_id and not r.spec.default_enabled and r.spec.kind in BACKEND_KINDS for r in linter.engine.rules):
        pytest.skip("opt-in rule: its examples are tested with its backend")
    findings = [f for f in linter.check_text(text) if f.rule_id == rule_id]
    assert not findings, f"{rule_id} flagged clean text {text!r}: {findings[0].message}"


REPORT_ONLY = {"recurring_line"}  # kinds that need many articles (tested in tests/test_leftovers.py)


def test_every_rule_has_examples() -> None:
    for spec in SPECS:
        if spec.kind in REPORT_ONLY:
            assert len(spec.pass_examples) >= 2 and not spec.fail_examples, f"{spec.id}: a single text cannot fail it"
            continue
        assert len(spec.fail_examples) >= 2, f"{spec.id} needs fail examples"
        assert len(spec.pass_examples) >= 2, f"{spec.id} needs pass examples"


def test_ids_unique_and_match_file_names() -> None:
    ids = [s.id for s in SPECS]
    assert len(ids) == len(set(ids))
    for spec in SPECS:
        name = spec.path.rsplit("/", 1)[-1]
        assert name == f"{spec.id}-{spec.name}.yaml", f"{name} should be {spec.id}-{spec.name}.yaml"
