"""Harper through harper-py: offline English grammar, spelling and style in Rust (no Java, no
server). Spans are code points of the Python str, so no offset conversion is needed."""

from __future__ import annotations

from typing import Any

from . import BackendUnavailable, GrammarBackend, GrammarIssue

INSTALL_HINT = "pip install 'newslint[harper]'"
DIALECTS = ("american", "british", "australian", "canadian", "indian")
SPELLING_KINDS = frozenset({"Spelling"})
STYLE_KINDS = frozenset({"Style", "Readability", "Enhancement", "Formatting", "Redundancy"})


class HarperBackend(GrammarBackend):
    """Grammar through Harper, in process."""

    name = "harper"

    def __init__(self, dialect: str = "american", disabled_rules: tuple[str, ...] = (), words: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.dialect = dialect
        self.disabled_rules = tuple(disabled_rules)
        self.words = tuple(words)
        self.linter: Any = None

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> "HarperBackend":
        """Build from the grammar rule's options."""
        return cls(dialect=str(options.get("dialect", "american")), disabled_rules=tuple(options.get("disabled_rules") or ()),
                   words=tuple(options.get("accept_words") or ()))

    def _start(self) -> None:
        try:
            import harper
        except ImportError:
            raise BackendUnavailable(f"Harper backend needs harper-py ({INSTALL_HINT})") from None
        linter = harper.Linter(harper.Dialect[self.dialect.upper()])
        if self.disabled_rules:
            config = linter.get_lint_config()
            unknown = [r for r in self.disabled_rules if r not in config]
            if unknown:
                raise BackendUnavailable(f"Harper has no rule named {', '.join(unknown)}")
            config.update({r: False for r in self.disabled_rules})
            linter.set_lint_config(config)
        if self.words:
            linter.import_words(list(self.words))
        self.linter = linter

    def _check(self, text: str) -> list[GrammarIssue]:
        from harper import SuggestionKind

        issues: list[GrammarIssue] = []
        for rule, lints in self.linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                replacements: list[str] = []
                for s in lint.suggestions:
                    if s.kind == SuggestionKind.REMOVE:
                        replacements.append("")
                    elif s.kind == SuggestionKind.INSERT_AFTER:
                        replacements.append(lint.problem_text + s.replacement_text)
                    else:
                        replacements.append(s.replacement_text)
                kind = str(lint.lint_kind)
                issues.append(GrammarIssue(
                    start=lint.span.start, end=lint.span.end, message=str(lint.message),
                    replacements=tuple(dict.fromkeys(replacements)), rule=str(rule), category=kind,
                    spelling=kind in SPELLING_KINDS, style=kind in STYLE_KINDS,
                ))
        issues.sort(key=lambda i: (i.start, i.end))
        return issues
