"""substitution: a term list (wrong -> right), longest match first, capitalisation kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Match, Severity, Span
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
        "native_calques": Option("bool", "also the organisation names translated word for word from the dictionaries' "
                                 "native names with their org_words lexicon (-> the English name; a warning at most, "
                                 "never fixed automatically)", False),
    }

    def prepare(self) -> None:
        swap: dict[str, str] = dict(self.options["swap"])
        self._ignore_case: bool = self.options["ignore_case"]
        self._table = {normalise_term(k, self._ignore_case): v for k, v in swap.items()}
        self._terms: TermIndex | None = TermIndex(swap, self._ignore_case) if not self.options["native_calques"] else None
        self._generated: frozenset[str] = frozenset()  # normalised generated terms (native_calques)

    def _term_index(self) -> TermIndex:
        """The listed terms, and with native_calques the generated renderings (built on first use:
        they need the dictionaries)."""
        if self._terms is None:
            swap: dict[str, str] = dict(self.options["swap"])
            curated = self.resources.curated_names
            listed = {normalise_term(k, self._ignore_case) for k in swap}
            generated = set()
            for text, entry in getattr(curated, "calques", {}).items():
                key = normalise_term(text, self._ignore_case)
                if key not in listed:  # a listed term says it better
                    swap[text] = curated.entries[entry].canonical
                    generated.add(key)
            self._generated = frozenset(generated)
            self._table = {normalise_term(k, self._ignore_case): v for k, v in swap.items()}
            self._terms = TermIndex(swap, self._ignore_case)
        return self._terms

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        terms = self._term_index()
        hay = ctx.normalised(self._ignore_case)
        for start, end in terms.finditer(ctx.text, hay):
            found = ctx.text[start:end]
            key = " ".join(hay[start:end].split())
            target = self._table.get(key)
            if target is None:
                continue
            generated = key in self._generated
            # as the rule writes them: the engine gives them the case of the text (engine.cased)
            options = [t.strip() for t in target.split(" | ") if t.strip()]
            if found == options[0]:
                continue
            yield Match(
                Span(start, end),
                tuple(options),
                safe=self.options["safe"] and len(options) == 1 and not generated,
                message_vars=(("suggestion", options[0]),),
                severity=Severity.WARNING if generated and self.spec.severity == Severity.ERROR else None,
            )
