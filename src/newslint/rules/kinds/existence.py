"""existence: patterns that should not appear (boilerplate, banned forms)."""

from __future__ import annotations

import itertools
import math
import time
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
        # whole lines: the lines after the first are found by searching for their line break, a
        # literal the engine finds fast (the pattern opening with ^ is tried at every position)
        self._next_line = _compile(self.options, after_line_break=True) if self.options["anchor_line"] else None
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
        for m in self._found(text):
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

    def _found(self, text: str) -> Iterator[Any]:
        """The matches of the patterns, as the expression's finditer gives them (one by one: those
        found before the time limit are kept)."""
        timeout = self.options["timeout"]
        if self._next_line is None:
            yield from self._pattern.finditer(text, timeout=timeout)
            return
        # whole lines: the expression tried at each line start only (at the start of the text and at a
        # line a match ended on; the other line starts by a search for the line break before them)
        deadline = time.monotonic() + timeout
        pos = 0
        given = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("regex timed out")
            m = self._pattern.match(text, pos, timeout=left) if pos == 0 or text[pos - 1] == "\n" else None
            if m is None:
                m = self._next_line.search(text, pos, timeout=left)
                if m is None:
                    return
            if m.end() == m.start():  # finditer steps past an empty match its own way: its matches after ours
                yield from itertools.islice(self._pattern.finditer(text, timeout=max(left, 0.001)), given, None)
                return
            yield m
            given += 1
            pos = m.end()

def _compile(options: dict[str, Any], after_line_break: bool = False) -> Any:
    """All patterns as one expression (whole lines with anchor_line; `after_line_break`: a whole
    line after a line break, the match starting after it)."""
    flags = regex.IGNORECASE if options["ignore_case"] else 0
    body = "|".join(f"(?:{p})" for p in options["patterns"])
    if options["anchor_line"]:
        start = r"\n\K" if after_line_break else "^"
        body = rf"(?m){start}[ \t]*(?:{body})[ \t.:!…]*$"
    return regex.compile(body, flags | regex.VERSION0)
