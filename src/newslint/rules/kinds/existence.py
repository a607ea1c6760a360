"""existence: patterns that should not appear (boilerplate, banned forms)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import regex

from ...model import Match, Span
from ..spec import Option, RuleSpec
from .base import CheckContext, RuleKind

_NAMED_REF = regex.compile(r"\\g<([^\W\d]\w*)>")
_NUMBERED_REF = regex.compile(r"\\(?:[0-9]|g<[0-9]+>)")
REGEX_TIMEOUT_S = 1.0
"""Default `timeout`: seconds the patterns of one rule may spend matching one document."""
MAX_TIMEOUT_S = 600.0


class Existence(RuleKind):
    """Flags each match of any pattern; optionally suggests a replacement ("" deletes)."""

    OPTIONS = {
        "patterns": Option("str_list", "regular expressions (the `regex` module's syntax)"),
        "ignore_case": Option("bool", "match regardless of case", True),
        "suggestion": Option("any", "replacement text; \"\" deletes the match; null gives none", None),
        "replacement": Option("any", "replacement built from each match: \\g<name> inserts the named group `name` "
                              "(the patterns are joined into one expression, so groups are named, not numbered); "
                              "null: use `suggestion`", None),
        "requires": Option("any", "a quick expression that every match implies, best starting with a literal "
                           "(\", \" or \" of \"): a document without it is not searched with the patterns; null: none", None),
        "safe": Option("bool", "a suggestion or replacement may be applied by --fix", True),
        "anchor_line": Option("bool", "the match must fill its line (surrounding spaces and punctuation allowed)", False),
        "timeout": Option("float", "seconds the rule's patterns may spend matching one document (then a warning names the rule)",
                          REGEX_TIMEOUT_S, minimum=0.001, maximum=MAX_TIMEOUT_S),
    }

    @classmethod
    def validate(cls, spec: RuleSpec) -> None:
        try:  # the one expression prepare() compiles (the `regex` module then has it cached)
            _compile(spec.options)
        except regex.error as combined:
            for i, pattern in enumerate(spec.options["patterns"]):  # which pattern is wrong
                try:
                    regex.compile(pattern, regex.VERSION0)
                except regex.error as exc:
                    raise ValueError(f"pattern {i + 1} ({pattern!r}) is not a valid regex: {exc}") from None
            raise ValueError(f"the patterns are valid alone but not together: {combined}") from None
        timeout = spec.options["timeout"]
        if not math.isfinite(timeout):  # .nan passes the minimum/maximum checks
            raise ValueError(f"option 'timeout' must be a finite number of seconds (0.001 to {MAX_TIMEOUT_S:g})")
        sugg = spec.options["suggestion"]
        if sugg is not None and not isinstance(sugg, str):
            raise ValueError("option 'suggestion' must be a string or null")
        requires = spec.options["requires"]
        if requires is not None:
            if not isinstance(requires, str):
                raise ValueError("option 'requires' must be a string or null")
            try:
                regex.compile(requires, regex.VERSION0)
            except regex.error as exc:
                raise ValueError(f"option 'requires' ({requires!r}) is not a valid regex: {exc}") from None
        template = spec.options["replacement"]
        if template is not None:
            if not isinstance(template, str):
                raise ValueError("option 'replacement' must be a string or null")
            if _NUMBERED_REF.search(template):
                raise ValueError("option 'replacement' must name its groups (\\g<name>), not number them")
            names = _compile(spec.options).groupindex
            missing = sorted({n for n in _NAMED_REF.findall(template) if n not in names})
            if missing:
                raise ValueError(f"option 'replacement' names groups no pattern has: {', '.join(missing)}")

    def prepare(self) -> None:
        self._pattern = _compile(self.options)
        requires = self.options["requires"]
        flags = regex.IGNORECASE if self.options["ignore_case"] else 0
        self._requires = regex.compile(requires, flags | regex.VERSION0) if requires is not None else None

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        try:
            yield from self._matches(ctx)
        except TimeoutError:
            # the `regex` timeout counts matching time over the whole finditer: one budget per rule and document
            raise TimeoutError(f"its patterns ran past the time limit of {self.options['timeout']:g} s "
                               "(rule option 'timeout')") from None

    def _matches(self, ctx: CheckContext) -> Iterator[Match]:
        suggestion = self.options["suggestion"]
        template = self.options["replacement"]
        safe = self.options["safe"]
        text = ctx.text
        if self._requires is not None and self._requires.search(text, timeout=self.options["timeout"]) is None:
            return
        for m in self._pattern.finditer(text, timeout=self.options["timeout"]):
            if m.end() == m.start():
                continue
            start, end = m.start(), m.end()
            if template is not None:
                replaced = m.expand(template)
                yield Match(Span(start, end), (replaced,), safe=safe, message_vars=(("suggestion", replaced),))
                continue
            if self.options["anchor_line"]:
                while start < end and text[start] in " \t":
                    start += 1
                # delete the whole line including its line break
                del_end = end + 1 if end < len(text) and text[end] == "\n" else end
            else:
                del_end = end
            if suggestion is None:
                yield Match(Span(start, end))
            elif suggestion == "":
                yield Match(
                    Span(start, end), ("",), safe=safe,
                    message_vars=(("suggestion", "(delete)"),), edit_span=Span(start, del_end),
                )
            else:
                yield Match(Span(start, end), (str(suggestion),), safe=safe, message_vars=(("suggestion", str(suggestion)),))


def _compile(options: dict[str, Any]) -> Any:
    """All patterns as one expression (whole lines with anchor_line)."""
    flags = regex.IGNORECASE if options["ignore_case"] else 0
    body = "|".join(f"(?:{p})" for p in options["patterns"])
    if options["anchor_line"]:
        body = rf"(?m)^[ \t]*(?:{body})[ \t.:!…]*$"
    return regex.compile(body, flags | regex.VERSION0)
