"""Progress display for `newslint report`: a rich bar (rate, ETA) on a terminal; silent otherwise.

The bar is redrawn from the caller's thread (no refresh thread), at most 4 times a second, so the
runner can fork its workers at any time.
"""

from __future__ import annotations

import time
from typing import Any


class RichProgress:
    """Bar over the bytes of the sources, with articles, articles/s, bad records, elapsed time and ETA."""

    def __init__(self, console: Any) -> None:
        self.console = console
        self.bar: Any = None
        self.task: Any = None
        self.articles = 0
        self.bad = 0
        self.started = 0.0
        self.drawn = 0.0

    def start(self, total_bytes: int) -> None:
        """Show the bar."""
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.started = time.perf_counter()
        self.bar = Progress(
            TextColumn("[bold]newslint report[/]"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles · {task.fields[rate]}/s · {task.fields[bad]} bad"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False, auto_refresh=False, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = self.bar.add_task("report", total=max(1, total_bytes), articles="0", rate="–", bad="0")
        self.bar.start()
        self.bar.refresh()
        self.drawn = time.perf_counter()

    def advance(self, nbytes: int, articles: int, bad: int) -> None:
        """Count a stored chunk."""
        self.articles += articles
        self.bad += bad
        elapsed = max(1e-6, time.perf_counter() - self.started)
        self.bar.update(self.task, advance=nbytes, articles=f"{self.articles:,}", rate=f"{self.articles / elapsed:,.0f}", bad=f"{self.bad:,}")
        now = time.perf_counter()
        if now - self.drawn >= 0.25:
            self.bar.refresh()
            self.drawn = now

    def stop(self) -> None:
        """Fill the bar and stop redrawing."""
        if self.bar is not None:
            task = self.bar.tasks[0]
            self.bar.update(self.task, completed=task.total)
            self.bar.refresh()
            self.bar.stop()
