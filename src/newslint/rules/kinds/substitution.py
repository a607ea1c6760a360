"""substitution: a term list (wrong -> right), longest match first, capitalisation kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Match, Span
from ...termindex import TermIndex, normalise_term
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind


def literal_pattern(term: str) -> str:
    """Regex for a literal term: any whitespace run between words, any dash for a hyphen,
    any apostrophe for an apostrophe."""
    parts = []
    for ch in term.strip():
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "-\u2010\u2011":
            parts.append("[-\u2010\u2011]")
        elif ch in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def compile_terms(terms: list[str], ignore_case: bool) -> re.Pattern[str] | None:
    """One alternation of all terms, longest first, bounded by non-word characters."""
    if not terms:
        return None
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    body = "|".join(literal_pattern(t) for t in ordered)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-]|['’]\w)", flags)


class Substitution(RuleKind):
    """Flags every listed wrong term and suggests its replacement."""

    OPTIONS = {
        "swap": Option("str_map", "wrong term -> right term; several right terms separated by ' | '"),
        "ignore_case": Option("bool", "match regardless of case", True),
        "safe": Option("bool", "a single replacement may be applied by --fix", True),
    }

    def prepare(self) -> None:
        swap: dict[str, str] = self.options["swap"]
        self._ignore_case: bool = self.options["ignore_case"]
        self._table = {normalise_term(k, self._ignore_case): v for k, v in swap.items()}
        self._terms = TermIndex(swap, self._ignore_case)

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        hay = ctx.normalised(self._ignore_case)
        for start, end in self._terms.finditer(ctx.text, hay):
            found = ctx.text[start:end]
            target = self._table.get(" ".join(hay[start:end].split()))
            if target is None:
                continue
            # as the rule writes them: the engine gives them the case of the text (engine.cased)
            options = [t.strip() for t in target.split(" | ") if t.strip()]
            if found == options[0]:
                continue
            yield Match(
                Span(start, end),
                tuple(options),
                safe=self.options["safe"] and len(options) == 1,
                message_vars=(("suggestion", options[0]),),
            )
