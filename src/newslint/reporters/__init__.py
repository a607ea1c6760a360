"""Output formats. REPORTERS maps --format names to reporter classes."""

from __future__ import annotations

from .base import Reporter, Stats
from .github import GithubReporter
from .json import JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
}

__all__ = ["REPORTERS", "Reporter", "Stats"]
