"""recurring_line: a line found word for word in many articles of one source. Only `newslint report`
sees many articles at once; there the lines are counted per source after the run (see
newslint.report.recurring). A single article gives no finding."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Match
from ..spec import Option
from .base import CheckContext, RuleKind


class RecurringLine(RuleKind):
    """The thresholds of the report's recurring-line pass; nothing to find in one article."""

    OPTIONS = {
        "min_articles": Option("int", "a line must be in at least this many articles of one source", 5, minimum=2),
        "min_share": Option("float", "and in at least this share of that source's articles", 0.02, minimum=0.0, maximum=1.0),
        "max_chars": Option("int", "longest line counted, in characters", 200, minimum=10),
        "min_letters": Option("int", "fewest letters in a line counted", 4, minimum=1),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        return iter(())
