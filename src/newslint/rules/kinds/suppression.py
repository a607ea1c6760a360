"""suppression: meta rules about inline suppression comments (reported by newslint.suppress)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Match
from .base import CheckContext, RuleKind


class Suppression(RuleKind):
    """Yields nothing itself: the engine's suppression step reports unused (NL901) and
    invalid (NL902) `newslint:` comments when these rules are enabled."""

    CASE_FINAL = True  # a comment deleted

    OPTIONS = {}
    ORDER = 99

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        return iter(())
