"""Checking many inputs for `newslint check`, in this process or on all cores, with the same output.

Each input becomes a `Work` item; `check_work()` turns it into an `Outcome` (findings, fixes written,
and the lines the command prints for it, in order) without printing anything. `run()` hands the
outcomes back in input order, whether they were computed here (`jobs` 1, or a small batch) or by
worker processes, so the command's output and exit code do not depend on the number of jobs.

The parallel path follows flake8's `Manager.run_parallel`: state (the checkers, with their rules and
dictionaries) built once, before the workers are forked, so they share it; chunks of inputs sent
to the workers and plain results sent back; SIGINT ignored in workers (the parent stops the run);
a serial fallback when no process pool can be made; and an unreadable or failing input reported
as an error of that input, never a stopped run. The workers are a
`concurrent.futures.ProcessPoolExecutor` (as in `newslint report`): a killed worker is reported
(BrokenProcessPool) instead of hanging the run. At most WINDOW_PER_JOB chunks per worker are in
flight, so an archive of any size is checked in flat memory.
"""

from __future__ import annotations

import gc
import itertools
import os
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Union

from .config import CheckerPool, Settings
from .document import Document
from .errors import NewslintError
from .model import Finding

WINDOW_PER_JOB = 4
"""Chunks in flight per worker: enough to keep every worker busy while the head chunk is replayed."""

PARALLEL_MIN_BYTES = 64 * 1024
"""With the default --jobs, inputs smaller than this in total are checked in this process: below it,
starting the workers costs more than they save (measured with bench/jobs_breakeven.py)."""

MAX_CHUNK = 32
"""Most inputs in one task sent to a worker."""

WARM_UP = ("The minister said on Monday that the Talks would resume in the capital, \"as agreed,\" "
           "according to a statement; officials de la commission declined to comment.")
"""Checked once in the parent before the workers are forked: rules load their word lists and
indexes lazily, on the first document, and loaded here they are shared by every worker instead
of being loaded by each (invented text)."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def batch_jobs(files: list[Path], cores: int | None = None, requested: int | None = None, stdin: bool = False) -> int:
    """Workers for a batch: `requested` (--jobs), else all cores when the inputs together reach
    PARALLEL_MIN_BYTES (below it starting workers costs more than they save: 1); never more than
    there are inputs (an archive's records are not counted ahead)."""
    from .sources.archive import is_archive

    if requested is not None:
        jobs = requested
    else:
        jobs = 1
        total = 0
        for path in files:
            try:
                total += path.stat().st_size
            except OSError:
                continue  # reported when it is read
            if total >= PARALLEL_MIN_BYTES:
                jobs = cores or default_jobs()
                break
    if not any(is_archive(p) for p in files):
        jobs = min(jobs, len(files) + int(stdin))
    return max(1, jobs)


def chunk_size_for(files: list[Path], jobs: int) -> int:
    """Inputs per task: a few tasks per worker for a small batch (so every worker gets some), up to
    MAX_CHUNK (so the per-task cost stays small); archives, whose records are not counted ahead,
    go by MAX_CHUNK."""
    from .sources.archive import is_archive

    if any(is_archive(p) for p in files):
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, len(files) // (max(1, jobs) * WINDOW_PER_JOB)))


@dataclass(frozen=True)
class Job:
    """What the command asks of every input."""

    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    date: date | None = None  # --date: wins over the document's own date and the config's
    stdin_fix: bool = False  # --fix with standard input: its (fixed) text goes to stdout


@dataclass(frozen=True)
class Work:
    """One input to check: a file to read (`path`, no `doc`), or a document already read (standard
    input, an archive record: `doc`, no `path`)."""

    settings: Settings
    config_date: date | None = None
    path: Path | None = None
    doc: Document | None = None


@dataclass(frozen=True)
class Notice:
    """A line the command prints between inputs (a warning about the config), in input order.
    `fatal`: the run stops there with exit code 2, as when one process meets it."""

    message: str
    fatal: bool = False


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read or checked (the command prints it and counts an error)."""

    path: str
    message: str
    line: int | None = None

    def error(self) -> NewslintError:
        """As the error the command reports."""
        return NewslintError(self.path, self.message, self.line)


Item = Union[Work, Notice, InputProblem]


@dataclass
class Outcome:
    """What checking one input produced (plain data: it crosses from a worker to the parent)."""

    doc: Document | None = None  # None: the input could not be read (see `problem`)
    findings: list[Finding] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)  # ("err" | "out", text), in order
    fixable: int = 0
    fixed: int = 0
    errors: int = 0
    changed: bool = False
    problem: InputProblem | None = None


def unified_diff(before: str, after: str, name: str) -> str:
    """`diff -u` of two texts; a last line without a newline is marked as diff does."""
    import difflib

    lines = list(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                      fromfile=f"a/{name}", tofile=f"b/{name}"))
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def check_work(work: Work, job: Job, pool: CheckerPool) -> Outcome:
    """Read (when needed), check and fix one input; never raises for a bad input or a failing check."""
    from .sources import read_path

    doc = work.doc
    if doc is None:
        assert work.path is not None
        try:
            doc = read_path(work.path)
        except NewslintError as exc:
            return Outcome(problem=InputProblem(exc.path, exc.message, exc.line))
    try:
        return _check_document(doc, work, job, pool)
    except NewslintError as exc:
        return Outcome(problem=InputProblem(exc.path, exc.message, exc.line))
    except Exception as exc:  # noqa: BLE001 - a bug met on one input must not stop the others
        return Outcome(problem=InputProblem(doc.path, f"internal error while checking: {type(exc).__name__}: {exc}"))


def _check_document(doc: Document, work: Work, job: Job, pool: CheckerPool) -> Outcome:
    from .fixer import atomic_write, fix_until_stable, wanted_fixes

    checker = pool.get(work.settings)
    out = Outcome(doc=doc)
    when = job.date or doc.article_date or work.config_date
    if not doc.text.strip():
        out.messages.append(("err", f"{doc.path}: empty file, nothing to check"))
    if job.fix or job.diff:
        outcome = fix_until_stable(checker, doc, unsafe=job.unsafe_fixes, article_date=when)
        if not outcome.converged:
            out.messages.append(("err", f"warning: {doc.path}: fixes did not settle after {outcome.passes} passes "
                                        f"(rules {', '.join(outcome.failing_rules)}); the text was left unchanged"))
        findings = outcome.findings
        if outcome.changed:
            out.changed = True
            if job.diff:
                out.messages.append(("out", unified_diff(doc.text, outcome.text, doc.path)))
            elif doc.meta.get("archive"):
                out.errors += 1
                out.messages.append(("err", f"error: {doc.path}: --fix cannot rewrite a record inside an archive; "
                                            "use --diff to see the fixes"))
                findings = outcome.initial_findings
            elif work.path is None:
                out.messages.append(("out", outcome.text))
                out.fixed += outcome.applied_count
            else:
                try:
                    atomic_write(work.path, outcome.text)
                except OSError as exc:
                    out.errors += 1
                    out.messages.append(("err", f"error: {doc.path}: cannot write the fixes: {exc.strerror or exc}"))
                    findings = outcome.initial_findings
                else:
                    out.fixed += outcome.applied_count
                    plural = "s" if outcome.applied_count != 1 else ""
                    out.messages.append(("err", f"{doc.path}: fixed {outcome.applied_count} problem{plural}"))
        elif work.path is None and job.stdin_fix:
            out.messages.append(("out", doc.text))  # nothing to fix: the text passes through unchanged
    else:
        findings = checker.check_document(doc, when)
    if (job.fix or job.diff) and outcome.changed and findings is outcome.findings:
        from .sources import reread

        out.doc = reread(doc, outcome.text)  # the findings point into the fixed text (baseline, SARIF fingerprints)
    out.findings = findings
    out.fixable = len(wanted_fixes(findings, job.unsafe_fixes))
    return out


# --- running: here, or on worker processes --------------------------------------------------------

def run(items: Iterable[Item], job: Job, pool: CheckerPool, jobs: int,
        chunk_size: int = MAX_CHUNK) -> Generator[tuple[Item, Outcome | None], None, None]:
    """Each item with its outcome (None for a Notice or InputProblem), in the order of `items`.

    `jobs` > 1: checked by that many worker processes (forked on Linux, so they share the checkers
    already in `pool`); if no pool of processes can be made, everything is checked here.
    """
    if jobs <= 1:
        yield from _serial(items, job, pool)
    else:
        yield from _parallel(iter(items), job, pool, jobs, max(1, chunk_size))


def _serial(items: Iterable[Item], job: Job, pool: CheckerPool) -> Iterator[tuple[Item, Outcome | None]]:
    for item in items:
        yield item, check_work(item, job, pool) if isinstance(item, Work) else None


_WORKER: dict[str, Any] = {}


def _init_worker(job: Job, pool: CheckerPool, stop: Any) -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it sets `stop`); the checkers
    (inherited when forked) are kept for every chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _WORKER.update(job=job, pool=pool, stop=stop)


def _check_chunk(works: list[Work]) -> list[Outcome]:
    """Task of a worker: a chunk of inputs -> their outcomes, in the same order (cut short when
    the run is stopped: the parent then uses none of them)."""
    job, pool, stop = _WORKER["job"], _WORKER["pool"], _WORKER["stop"]
    outcomes = []
    for work in works:
        if stop.is_set():
            break
        outcomes.append(check_work(work, job, pool))
    return outcomes


def _preload(pool: CheckerPool) -> None:
    """Have every checker load what its rules load on a first document (see WARM_UP)."""
    for checker in pool.checkers():
        try:
            checker.check_document(Document(WARM_UP, "<warm-up>"))
        except Exception:  # noqa: BLE001 - a rule that fails here fails on the real input, where it is reported
            continue


class WorkerDied(Exception):
    """A worker process ended while checking (killed, out of memory); names the first input it held."""


def _parallel(items: Iterator[Item], job: Job, pool: CheckerPool, jobs: int, chunk_size: int) -> Iterator[tuple[Item, Outcome | None]]:
    """Items are taken from `items` only as chunks are sent: the caller resolves each input's
    settings (building its checker) as it yields it, so the first chunk's checkers exist in this
    process when the workers are forked at the first submit, and the workers share them."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    fork = sys.platform.startswith("linux")
    try:
        context = multiprocessing.get_context("fork" if fork else "spawn")
        worker_pool = pool if fork else CheckerPool(pool.grammar, pool.languagetool_url)  # spawned: built there
        halt = context.Event()
        executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(job, worker_pool, halt))
    except (OSError, ImportError, NotImplementedError):  # no semaphores or pipes here: one process
        yield from _serial(items, job, pool)
        return
    # a chunk of work items with its future, or a lone notice/problem (no future), in input order
    pending: deque[tuple[list[Item], Future[list[Outcome]] | None]] = deque()
    in_flight = 0
    window = WINDOW_PER_JOB * jobs
    started = False
    serial_from: list[Item] | None = None  # the workers could not be started: what is left to do here

    def submit(chunk: list[Item]) -> None:
        nonlocal started, in_flight
        works = [w for w in chunk if isinstance(w, Work)]  # a chunk holds work items only
        if started:
            future = executor.submit(_check_chunk, works)
        else:
            # the workers are forked at the first submit: Ctrl-C is blocked until they ignore it, and
            # the inherited objects are kept away from the collector (no copy-on-write of shared pages)
            if fork:
                _preload(pool)
            blocked = hasattr(signal, "pthread_sigmask")
            if blocked:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            gc.freeze()
            try:
                future = executor.submit(_check_chunk, works)
            finally:
                gc.unfreeze()
                if blocked:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            started = True
        pending.append((chunk, future))
        in_flight += 1

    def take() -> Iterator[tuple[Item, Outcome | None]]:
        nonlocal in_flight
        chunk, future = pending.popleft()
        if future is None:
            yield chunk[0], None
            return
        in_flight -= 1
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            first = next((str(w.path or (w.doc.path if w.doc else "?")) for w in chunk if isinstance(w, Work)), "?")
            raise WorkerDied(f"a worker process died while checking {first} or an input after it "
                             "(killed, or out of memory?)") from None
        yield from zip(chunk, outcomes)

    try:
        chunk: list[Item] = []
        stop = False
        for item in items:
            if isinstance(item, Work):
                chunk.append(item)
                if len(chunk) < chunk_size:
                    continue
            if chunk:
                try:
                    submit(chunk)
                except (OSError, BrokenProcessPool):
                    if started:
                        raise
                    serial_from = [*chunk, *([] if isinstance(item, Work) else [item])]
                    break
                chunk = []
            if not isinstance(item, Work):
                pending.append(([item], None))
                stop = isinstance(item, Notice) and item.fatal
            while in_flight >= window:
                yield from take()
            if stop:
                break
        else:
            if chunk:
                try:
                    submit(chunk)
                except (OSError, BrokenProcessPool):
                    if started:
                        raise
                    serial_from = chunk
        if serial_from is not None:  # the workers could not be started (no fork here): one process
            for queued, _ in pending:
                yield queued[0], None
            pending.clear()
            yield from _serial(itertools.chain(serial_from, items), job, pool)
            return
        while pending:
            yield from take()
    except BaseException:  # Ctrl-C, or the caller stopped: the workers end the input they are on
        halt.set()
        raise
    finally:
        try:
            executor.shutdown(wait=True, cancel_futures=True)  # after Ctrl-C: only the chunks already running finish
        except KeyboardInterrupt:  # a second Ctrl-C while they finish: stop them now
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                process.terminate()
            raise
