"""Grammar backends: LanguageTool (language-tool-python, a server or a local install) and Harper
(harper-py, offline). Both are optional extras and off by default.

A backend is built lazily by the `grammar` rule kind; its first use runs a short pre-flight
check. When the backend cannot be used, it says so ONCE, as a warning on the `newslint` logger
(and in `notices`), and yields no issues; the other rules are not affected.
"""

from __future__ import annotations

import abc
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Finding
    from ..rules.spec import RuleSpec

log = logging.getLogger("newslint")

LANGUAGETOOL_URL_ENV = "NEWSLINT_LANGUAGETOOL_URL"


@dataclass(frozen=True, slots=True)
class GrammarIssue:
    """One problem found by a backend, in code-point offsets into the text it was given."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    rule: str = ""  # the backend's own rule id (MORFOLOGIK_RULE_EN_US, SpellCheck, ...)
    category: str = ""
    spelling: bool = False  # a spelling match (dropped inside resolved names)
    style: bool = False  # style/typography rather than an error (reported as info)


class BackendUnavailable(Exception):
    """The backend cannot be used now (not installed, unreachable, no local install)."""


class GrammarBackend(abc.ABC):
    """A grammar checker: `preflight()` once, then `check(text)` per document."""

    name = ""

    def __init__(self) -> None:
        self.notices: list[str] = []
        self._state = "new"  # new | ready | down
        # the clients are not thread-safe (harper-py raises on concurrent use; language-tool-python
        # keeps offset state on its Match class): one call at a time per backend
        self._lock = threading.Lock()

    @abc.abstractmethod
    def _start(self) -> None:
        """Import, connect or load; raise BackendUnavailable with a one-line reason."""

    @abc.abstractmethod
    def _check(self, text: str) -> list[GrammarIssue]:
        """Issues in `text`; may raise BackendUnavailable when the backend stops answering."""

    def close(self) -> None:
        """Release what `_start` acquired."""

    def __getstate__(self) -> dict[str, object]:
        """Picklable before start (a worker process builds its own client)."""
        state = dict(self.__dict__)
        state["_lock"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def preflight(self) -> bool:
        """Start the backend the first time; True when it can be used."""
        with self._lock:
            return self._ensure_started()

    def _ensure_started(self) -> bool:
        if self._state == "new":
            try:
                self._start()
                self._state = "ready"
            except BackendUnavailable as exc:
                self._down(str(exc))
            except Exception as exc:  # a client library failing in an unexpected way
                self._down(f"{self.name} failed to start: {type(exc).__name__}: {exc}")
        return self._state == "ready"

    def check(self, text: str) -> list[GrammarIssue]:
        """Issues in `text`, or [] when the backend is (or goes) down."""
        with self._lock:
            if not self._ensure_started():
                return []
            try:
                return self._check(text)
            except BackendUnavailable as exc:
                self._down(str(exc))
            except Exception as exc:
                self._down(f"{self.name} failed: {type(exc).__name__}: {exc}")
            return []

    def _down(self, reason: str) -> None:
        """Switch the backend off and say why, once."""
        self._state = "down"
        message = f"{reason}; grammar checks ({self.name}) skipped, the other rules still run"
        self.notices.append(message)
        log.warning(message)


BACKEND_NAMES = ("languagetool", "harper")


def make_backend(name: str, options: dict[str, object]) -> GrammarBackend:
    """A backend by name, configured from the rule's options (nothing is started yet)."""
    if name == "languagetool":
        from .languagetool import LanguageToolBackend

        return LanguageToolBackend.from_options(options)
    if name == "harper":
        from .harper import HarperBackend

        return HarperBackend.from_options(options)
    raise ValueError(f"unknown grammar backend '{name}' (known: {', '.join(BACKEND_NAMES)})")


def enable_grammar(specs: list["RuleSpec"], select: Iterable[str] | None, grammar: str | None,
                   languagetool_url: str | None) -> tuple[list["RuleSpec"], list[str] | None]:
    """Switch on the opt-in grammar rule of `grammar` (default: languagetool when only a URL is
    given) and pass the LanguageTool URL to the LanguageTool rules. Returns the new specs and
    the selection (the rule is added to an explicit selection)."""
    from dataclasses import replace

    from ..errors import ConfigError

    backend = grammar or ("languagetool" if languagetool_url else None)
    selected = None if select is None else list(select)
    if backend is None:
        return specs, selected
    if backend not in BACKEND_NAMES:
        raise ConfigError("--grammar", f"unknown grammar backend '{backend}' (known: {', '.join(BACKEND_NAMES)})")
    out: list[RuleSpec] = []
    enabled: list[str] = []
    for spec in specs:
        if spec.kind == "grammar":
            options = dict(spec.options)
            if languagetool_url and options.get("backend") == "languagetool":
                options["url"] = languagetool_url
            if options.get("backend") == backend:
                spec = replace(spec, options=options, default_enabled=True)
                enabled.append(spec.id)
            else:
                spec = replace(spec, options=options)
        out.append(spec)
    if not enabled:
        raise ConfigError("--grammar", f"no rule uses the grammar backend '{backend}'")
    if selected is not None:
        selected += enabled
    return out, selected


def tag_sources(findings: list["Finding"], sources: dict[str, str]) -> list["Finding"]:
    """Set `source` on findings of rules whose kind names a backend (languagetool, harper)."""
    if not sources:
        return findings
    from dataclasses import replace

    return [replace(f, source=sources[f.rule_id]) if f.rule_id in sources else f for f in findings]


def rule_sources(rules: Iterable[object]) -> dict[str, str]:
    """Rule id -> backend name, for the enabled rules whose kind has a `source`."""
    out: dict[str, str] = {}
    for rule in rules:
        source = getattr(rule, "source", None)
        if isinstance(source, str) and source != "newslint":
            out[rule.spec.id] = source  # type: ignore[attr-defined]
    return out
