"""The Python API: `check_text()` and the reusable `Linter`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from .document import Document
from .engine import Engine
from .model import Finding, Severity
from .resources import Resources, builtin_rules_dir
from .rules.loader import load_rules
from .rules.spec import RuleSpec


class Linter:
    """Rules and dictionaries loaded once; check many texts."""

    def __init__(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        rule_paths: Sequence[Path | str] = (),
        dictionary_paths: Sequence[Path | str] = (),
        severities: dict[str, Severity] | None = None,
        builtin: bool = True,
        accept: Iterable[str] = (),
        quotes: str = "check",
    ) -> None:
        folders = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in rule_paths]
        self.specs: list[RuleSpec] = load_rules(folders)
        self.resources = Resources([Path(p) for p in dictionary_paths])
        self.engine = Engine(self.specs, self.resources, select, ignore, severities, accept, quotes)

    def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
        """Findings for a Document (offsets into doc.text)."""
        return self.engine.check(doc, article_date)

    def check_text(self, text: str, article_date: date | None = None, path: str = "<text>") -> list[Finding]:
        """Findings for plain text."""
        return self.engine.check(Document(text, path), article_date)


@lru_cache(maxsize=8)
def _default_linter(select: tuple[str, ...] | None, ignore: tuple[str, ...] | None) -> Linter:
    return Linter(select=select, ignore=ignore)


def check_text(
    text: str,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    article_date: date | None = None,
) -> list[Finding]:
    """Check plain text with the built-in rules; findings sorted by position.

    >>> [f.rule_id for f in check_text("A ceasefire contract was agreed.")]
    ['NL201']
    """
    linter = _default_linter(tuple(select) if select is not None else None, tuple(ignore) if ignore is not None else None)
    return linter.check_text(text, article_date)
