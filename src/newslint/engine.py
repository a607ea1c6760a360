"""Run enabled rules over a Document: build findings, dedupe, sort."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from .document import Document, escaped
from .model import Applicability, Edit, Finding, Fix, Match, Severity, Span
from .positions import LineIndex
from .resources import Resources
from .rules.kinds.base import CheckContext, RuleKind
from .rules.registry import KINDS, is_selected
from .rules.spec import RuleSpec
from .suppress import accept_pattern, apply_suppressions, drop_accepted, drop_quoted
from .termindex import TermIndex, share_automata
from .textutil import line_style, match_case, starts_sentence

log = logging.getLogger("newslint")


class Engine:
    """Enabled rules, ready to check documents."""

    def __init__(
        self,
        specs: Iterable[RuleSpec],
        resources: Resources,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severities: dict[str, Severity] | None = None,
        accept: Iterable[str] = (),
        quotes: str = "check",
    ) -> None:
        self.resources = resources
        self.severities = severities or {}
        sel, ign = list(select or []), list(ignore or [])
        self.all_specs = list(specs)  # every loaded rule (suppressions may name any of them)
        self.specs = [s for s in self.all_specs if is_selected(s, sel, ign)]
        self.enabled = {s.id: s for s in self.specs}
        self.accept = accept_pattern(accept)
        self.quotes = quotes  # "check": lint inside direct quotes (never auto-fixed); "skip": do not
        self.rules: list[RuleKind] = sorted(
            (KINDS[s.kind](s, resources) for s in self.specs), key=lambda r: (r.ORDER, r.spec.id)
        )
        # the term lists of all rules are searched in one pass over each text
        share_automata(v for r in self.rules for v in vars(r).values() if isinstance(v, TermIndex))

    def check(self, doc: Document, article_date: date | None = None) -> list[Finding]:
        """All findings of the enabled rules, sorted by (start, end, rule id)."""
        ctx = CheckContext(doc, self.resources, article_date)
        lines: LineIndex | None = None
        findings: list[Finding] = []
        seen: set[tuple[int, int, str]] = set()
        for rule in self.rules:
            matches: list[Match] = []
            try:
                matches.extend(rule.check(ctx))
            except TimeoutError as exc:  # matches found before the limit are kept
                why = str(exc) or "it ran past its time limit"
                findings.append(self._problem(doc, rule.spec, f"rule {rule.spec.id} ({rule.spec.name}) stopped on this document: "
                                              f"{why}; its findings here may be incomplete"))
            except Exception as exc:  # a bug in one rule must not stop the others
                log.debug("rule %s failed", rule.spec.id, exc_info=True)
                findings.append(self._problem(doc, rule.spec, f"internal error in rule: {type(exc).__name__}: {exc}"))
                continue
            if matches and lines is None:
                lines = LineIndex(doc.text)
            for m in matches:
                key = (m.span.start, m.span.end, rule.spec.id)
                if key in seen:
                    continue
                seen.add(key)
                assert lines is not None
                finding = self._finding(doc, ctx, rule, m, lines)
                if finding is not None:
                    findings.append(finding)
        findings.sort(key=Finding.sort_key)
        if self.quotes == "skip" and findings:
            findings = drop_quoted(findings, ctx.quotes)
        findings = drop_accepted(doc, findings, self.accept)
        return apply_suppressions(doc, findings, self.all_specs, self.enabled, self._severity)

    def _severity(self, spec: RuleSpec, match: Match | None = None) -> Severity:
        if spec.id in self.severities:
            return self.severities[spec.id]
        if match is not None and match.severity is not None:
            return match.severity
        return spec.severity

    def _finding(self, doc: Document, ctx: CheckContext, rule: RuleKind, m: Match, lines: LineIndex) -> Finding | None:
        """The finding of a match; None when its suggestions, in the case of the text, are
        what is written already."""
        spec = rule.spec
        found = doc.text[m.span.start:m.span.end]
        vars_ = dict(m.message_vars)
        suggestions = m.suggestions
        if suggestions and not rule.CASE_FINAL:
            suggestions = cased(ctx.text, m.span.start, m.span.end, found, suggestions)
            if all(s == found for s in suggestions):
                return None
            if vars_.get("suggestion") == m.suggestions[0]:
                vars_["suggestion"] = suggestions[0]
        suggestion = vars_.pop("suggestion", suggestions[0] if suggestions else "")
        message = spec.render(found, suggestion, vars_, m.message)
        fix = None
        if suggestions:
            edit_span = m.edit_span or m.span
            in_quote = ctx.quotes.contains(m.span.start, m.span.end) or ctx.quotes.contains(edit_span.start, edit_span.end)
            safe = m.safe and len(m.suggestions) == 1 and not in_quote
            top = suggestions[0]
            fix = Fix(
                spec.id,
                (Edit(edit_span, escaped(doc, edit_span.start, edit_span.end, top)),),
                Applicability.SAFE if safe else Applicability.UNSAFE,
                f"Delete '{found}'" if top == "" else f"Replace with '{top}'",
            )
        line, col = lines.line_col(m.span.start)
        end_line, end_col = lines.line_col(m.span.end)
        return Finding(
            rule_id=spec.id, rule_name=spec.name, severity=self._severity(spec, m), message=message,
            span=m.span, line=line, column=col, end_line=end_line, end_column=end_col,
            matched=found, suggestions=suggestions, fix=fix,
        )

    def _problem(self, doc: Document, spec: RuleSpec, message: str) -> Finding:
        return Finding(
            rule_id=spec.id, rule_name=spec.name, severity=Severity.WARNING, message=message,
            span=Span(0, 0), line=1, column=1, end_line=1, end_column=1, matched="",
        )


def cased(text: str, start: int, end: int, found: str, suggestions: tuple[str, ...]) -> tuple[str, ...]:
    """The suggestions of every rule kind written in the case of the text they replace (the one
    place this is done; kinds whose suggestions are case fixes set RuleKind.CASE_FINAL): the case
    pattern of `found`, of its line (a headline in Title Case or in capitals) and of a sentence
    start (textutil.match_case). Duplicates that casing makes are dropped."""
    style = line_style(text, start, end)
    first = starts_sentence(text, start)
    out = tuple(dict.fromkeys(match_case(found, s, style, first) for s in suggestions))
    return out
