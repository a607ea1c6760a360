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
        grammar: str | None = None,
        languagetool_url: str | None = None,
        big_names: bool | None = None,
        vale_config: Path | str | None = None,
        deep: bool = False,
        deep_model: str | None = None,
    ) -> None:
        folders = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in rule_paths]
        self.specs: list[RuleSpec] = load_rules(folders)
        if grammar is not None or languagetool_url is not None:  # opt-in grammar backend (NL5xx)
            from .grammar import enable_grammar

            self.specs, select = enable_grammar(self.specs, select, grammar, languagetool_url)
        if deep or deep_model:  # opt-in wording model (NL210, NL211): raises ConfigError without the extra
            from .wording.switch import enable_deep

            self.specs, select = enable_deep(self.specs, select, deep_model)
        # big_names: also the open-data names (people, places) through the compiled big index;
        # None = $NEWSLINT_BIG_NAMES, else the default (resources.big_names_default)
        self.resources = Resources([Path(p) for p in dictionary_paths], big_names=big_names)
        self.engine = Engine(self.specs, self.resources, select, ignore, severities, accept, quotes)
        from .grammar import rule_sources

        self._sources = rule_sources(self.engine.rules)
        # a Vale configuration whose styles also run (findings named Style.Rule); raises ValeError
        self.vale = None
        if vale_config is not None:
            from .vale import ValeChecker

            self.vale = ValeChecker.load(Path(vale_config))

    @property
    def notices(self) -> list[str]:
        """One-line warnings from optional backends (e.g. LanguageTool unreachable); also logged."""
        vale = list(self.vale.warnings) if self.vale is not None else []
        return [n for r in self.engine.rules for n in getattr(r, "notices", ())] + [f"vale: {w}" for w in vale]

    def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
        """Findings for a Document (offsets into doc.text)."""
        findings = self.engine.check(doc, article_date)
        if self._sources:
            from .grammar import tag_sources

            findings = tag_sources(findings, self._sources)
        if self.vale is not None:
            from .suppress import drop_accepted

            extra = drop_accepted(doc, self.vale.check(doc), self.engine.accept)
            if extra:
                findings = sorted([*findings, *extra], key=Finding.sort_key)
        return findings

    def check_text(self, text: str, article_date: date | None = None, path: str = "<text>") -> list[Finding]:
        """Findings for plain text."""
        return self.check_document(Document(text, path), article_date)


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
