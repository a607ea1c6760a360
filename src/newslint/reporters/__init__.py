"""Output formats. REPORTERS maps --format names to reporter classes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from .base import Reporter, Stats


class _Reporters(Mapping[str, "type[Reporter]"]):
    """--format name -> reporter class; a format's module is imported when it is asked for (a
    one-file check in text never loads the SARIF or JSON writers)."""

    _WHERE = {
        "text": ("text", "TextReporter"),
        "json": ("json", "JsonReporter"),
        "sarif": ("sarif", "SarifReporter"),
        "github": ("github", "GithubReporter"),
    }

    def __getitem__(self, name: str) -> type[Reporter]:
        module, cls = self._WHERE[name]
        found: type[Reporter] = getattr(import_module(f"{__name__}.{module}"), cls)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._WHERE)

    def __len__(self) -> int:
        return len(self._WHERE)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()

__all__ = ["REPORTERS", "Reporter", "Stats"]
