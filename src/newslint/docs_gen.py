"""Rule documentation from the rules' own data: `newslint explain` and docs/rules.md.

Each rule's page says what it flags and why (its YAML `description`), shows its `examples`
(a bad text next to the text after its fix, computed by running the rule), states the fix
safety (observed on the examples, not claimed), and lists the options of its kind with the
kind's defaults and the rule's values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .document import Document
from .engine import Engine
from .fixer import apply_fixes
from .model import Applicability
from .resources import Resources
from .rules.registry import KINDS
from .rules.spec import RuleSpec

FIX_SAFETY = {
    "safe": "Safe: `newslint check --fix` applies it (never inside a direct quote, where it is unsafe).",
    "unsafe": "Unsafe: suggestions are shown; `--fix --unsafe-fixes` applies them after you review.",
    "mixed": "Sometimes safe: a single unambiguous correction is applied by `--fix`; "
             "others need `--unsafe-fixes` or a human.",
    "display-only": "No automatic fix: what to change is shown, never applied.",
    "none": "No fix: the finding names the problem; a human rewrites the text.",
    "not-run": "Depends on its backend (an opt-in rule): see the description.",
}


@dataclass(frozen=True)
class ExampleDoc:
    """A fail example and the text after the rule's fix (None when it has no fix)."""

    text: str
    fixed: str | None
    suggestion: str | None


@dataclass(frozen=True)
class OptionDoc:
    """One option of the rule's kind."""

    name: str
    type: str
    default: str
    value: str
    help: str


@dataclass(frozen=True)
class RuleDoc:
    """Everything the rule pages show."""

    spec: RuleSpec
    fail: tuple[ExampleDoc, ...]
    passes: tuple[str, ...]
    fix_safety: str
    options: tuple[OptionDoc, ...]


def _show(value: Any) -> str:
    """Short display of an option value (long lists and maps are summarised)."""
    if isinstance(value, dict):
        return f"{len(value)} entries" if len(value) > 4 else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return f"{len(value)} items" if len(value) > 6 else json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return str(value) if not isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def document_rule(spec: RuleSpec, resources: Resources) -> RuleDoc:
    """Run the rule on its examples and gather its documentation."""
    kind = KINDS[spec.kind]
    options = []
    for name, opt in kind.OPTIONS.items():
        default = "(required)" if opt.required else _show(opt.default)
        options.append(OptionDoc(name, opt.type, default, _show(spec.options.get(name)), opt.help))
    fails: list[ExampleDoc] = []
    safeties: set[str] = set()
    if spec.default_enabled:
        engine = Engine([spec], resources, select=[spec.id])
        for ex in spec.fail_examples:
            findings = [f for f in engine.check(Document(ex.text)) if f.rule_id == spec.id]
            fix = next((f.fix for f in findings if f.fix is not None), None)
            fixed = apply_fixes(ex.text, [fix]).text if fix is not None else None
            for f in findings:
                safeties.add("none" if f.fix is None else f.fix.applicability.value)
            fails.append(ExampleDoc(ex.text, fixed, ex.suggestion))
    else:
        fails = [ExampleDoc(ex.text, None, ex.suggestion) for ex in spec.fail_examples]
    if not spec.default_enabled:
        safety = "not-run"
    elif not safeties:
        safety = "none"
    elif len(safeties) == 1:
        safety = safeties.pop()
    elif Applicability.SAFE.value in safeties:
        safety = "mixed"
    else:
        safety = "unsafe" if Applicability.UNSAFE.value in safeties else sorted(safeties)[0]
    return RuleDoc(spec, tuple(fails), spec.pass_examples, safety, tuple(options))


def document_rules(specs: list[RuleSpec], resources: Resources) -> list[RuleDoc]:
    """Docs of every rule, sorted by id."""
    return [document_rule(s, resources) for s in sorted(specs, key=lambda s: s.id)]


def explain_text(doc: RuleDoc) -> str:
    """Plain-text page for `newslint explain`."""
    s = doc.spec
    out = [f"{s.id} {s.name}", "", f"Severity: {s.severity.value}    Kind: {s.kind}    "
           f"{'On by default' if s.default_enabled else 'Opt-in (select it to run it)'}", ""]
    out += ["What it flags and why:", _indent(s.description or s.message), ""]
    if doc.fail:
        out.append("Examples:")
        for ex in doc.fail:
            out.append(f"  bad:   {_one_line(ex.text)}")
            if ex.fixed is not None:
                out.append(f"  fixed: {_one_line(ex.fixed)}")
            elif ex.suggestion is not None:
                out.append(f"  suggestion: {ex.suggestion}")
            out.append("")
    if doc.passes:
        out.append("Left alone:")
        out += [f"  ok:    {_one_line(t)}" for t in doc.passes]
        out.append("")
    out += ["Fix safety:", _indent(FIX_SAFETY[doc.fix_safety]), ""]
    if doc.options:
        out.append("Options (kind default -> this rule):")
        for o in doc.options:
            out.append(f"  {o.name} ({o.type}, default {o.default}): {o.value}")
            out.append(f"      {o.help}")
    else:
        out.append("Options: none")
    out += ["", f"Silence it: <!-- newslint: ignore {s.id} --> (the next line) or `ignore: [{s.id}]` in newslint.yaml."]
    return "\n".join(out).rstrip() + "\n"


def rules_markdown(docs: list[RuleDoc]) -> str:
    """docs/rules.md: an index table and one section per rule."""
    out = [
        "# newslint rules",
        "",
        "<!-- Generated by `newslint rules --markdown > docs/rules.md`; do not edit by hand. -->",
        "",
        "Select or ignore rules by id (`NL101`), id prefix (`NL1` names, `NL2` phrases, `NL3` text damage,",
        "`NL4` attribution, `NL5` grammar, `NL9` suppression comments) or name.",
        "",
        "| id | name | severity | fix | default |",
        "|---|---|---|---|---|",
    ]
    for d in docs:
        s = d.spec
        out.append(f"| [{s.id}](#{s.id.lower()}-{s.name}) | {s.name} | {s.severity.value} | {d.fix_safety} | "
                   f"{'on' if s.default_enabled else 'opt-in'} |")
    for d in docs:
        s = d.spec
        out += ["", f"## {s.id} {s.name}", "",
                f"Severity: **{s.severity.value}** · kind: `{s.kind}` · "
                f"{'on by default' if s.default_enabled else 'opt-in'}", "",
                _md_escape(s.description or s.message), ""]
        if d.fail:
            out += ["**Examples**", "", "| bad | fixed |", "|---|---|"]
            for ex in d.fail:
                fixed = ex.fixed if ex.fixed is not None else (f"suggestion: {ex.suggestion}" if ex.suggestion else "—")
                out.append(f"| {_cell(ex.text)} | {_cell(fixed)} |")
            out.append("")
        if d.passes:
            out += ["Left alone:", ""] + [f"- {_cell(t)}" for t in d.passes] + [""]
        out += [f"**Fix safety:** {FIX_SAFETY[d.fix_safety]}", ""]
        if d.options:
            out += ["**Options**", "", "| option | type | kind default | this rule | meaning |", "|---|---|---|---|---|"]
            for o in d.options:
                out.append(f"| `{o.name}` | {o.type} | {_cell(o.default)} | {_cell(o.value)} | {_cell(o.help)} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _indent(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.fill(p, 88, initial_indent="  ", subsequent_indent="  ") for p in text.split("\n") if p.strip())


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _md_escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
