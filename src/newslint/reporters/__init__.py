"""Output formats. REPORTERS maps --format names to reporter classes."""

from __future__ import annotations

from .base import Reporter, Stats
from .json import JsonReporter
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}

__all__ = ["REPORTERS", "Reporter", "Stats"]
