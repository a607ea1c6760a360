"""The batch job: read sources, skip what is cached, check the rest on workers, store each chunk atomically.

The model is flake8's `Manager.run_parallel`: state (a Linter) built once per worker process, chunks
sent to the workers and results taken as they complete (unordered), plain data both ways, SIGINT
ignored in workers, a serial path for one job, and an unreadable input recorded (as a bad record)
instead of stopping the run. Workers are a `concurrent.futures.ProcessPoolExecutor` rather than a
`multiprocessing.Pool`: a Pool whose worker is killed (SIGKILL, the OOM killer) waits forever for the
lost task and can deadlock in `terminate()`; the executor reports it (BrokenProcessPool), so the run
stops with an error and the next run resumes. Chunks are fed from the main thread, at most
WINDOW_PER_WORKER per worker in flight, so memory stays flat whatever the archive's size.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from .inputs import Article, ArticleMeta, BadInput, iter_inputs, reread, source_size
from .options import ReportError, ReportOptions, ruleset_version
from .store import CacheReader, Store
from .worker import CheckResult, Doc, check_documents

WINDOW_PER_WORKER = 3  # chunks in flight per worker: enough to keep workers busy, small enough for flat memory


class Progress(Protocol):
    """What the runner tells its caller as it goes (the CLI draws a bar from it)."""

    def start(self, total_bytes: int) -> None: ...
    def advance(self, nbytes: int, articles: int, bad: int) -> None: ...
    def stop(self) -> None: ...


class _NoProgress:
    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int, articles: int, bad: int) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class Chunk:
    """A batch of inputs: metadata of every article, bad inputs, and the documents still to check."""

    number: int
    articles: list[ArticleMeta]
    bad: list[BadInput]
    docs: list[Doc]
    size: int


@dataclass
class RunSummary:
    """Counts of a finished (or interrupted) run."""

    run_id: int
    status: str
    articles: int = 0
    checked: int = 0
    cached: int = 0
    bad_records: int = 0
    findings: int = 0
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    recurring: int = 0  # lines found recurring in many articles of a source (probable boilerplate)
    out: Path = Path(".")
    files: list[Path] = field(default_factory=list)


class Feeder:
    """Turns the sources into chunks, dropping documents whose findings are already stored.

    Documents already in flight in an earlier chunk are not sent twice; each chunk is kept in
    `pending` until its results are stored (`done()`).
    """

    def __init__(self, options: ReportOptions, ruleset: str, db_path: Path) -> None:
        self.options = options
        self.ruleset = ruleset
        self.db_path = db_path
        self.pending: dict[int, Chunk] = {}
        self.in_flight: set[str] = set()
        self._default_date: date | None = None

    def done(self, number: int) -> Chunk:
        """Forget a stored chunk."""
        chunk = self.pending.pop(number)
        self.in_flight.difference_update(key for key, _ in chunk.docs)
        return chunk

    def chunks(self) -> Iterator[Chunk]:
        """Chunks of `options.chunk_size` inputs, in source order."""
        opts = self.options
        cache = CacheReader(self.db_path, self.ruleset)
        try:
            default = date.fromisoformat(opts.default_date) if opts.default_date else None
            self._default_date = default
            items = iter_inputs([Path(s) for s in opts.sources], opts.fields, opts.max_record_bytes, default, cache.stamps())
            for number in itertools.count():
                batch = list(itertools.islice(items, opts.chunk_size))
                if not batch:
                    return
                chunk = self._make(number, batch, cache)
                self.pending[number] = chunk
                yield chunk
        finally:
            cache.close()

    def _make(self, number: int, batch: list[Article | BadInput], cache: CacheReader) -> Chunk:
        known = cache.known(list({i.meta.content_hash for i in batch if isinstance(i, Article)}))
        # an unread file (unchanged since it was checked) whose check has gone since: read it now
        batch = [reread(i, self._default_date) if isinstance(i, Article) and i.doc is None
                 and i.meta.content_hash not in known else i for i in batch]
        articles = [i for i in batch if isinstance(i, Article)]
        bad = [i for i in batch if isinstance(i, BadInput)]
        known |= cache.known(list({a.meta.content_hash for a in articles} - known))
        docs: list[Doc] = []
        for a in articles:
            key = a.meta.content_hash
            if key in known or key in self.in_flight:
                continue
            self.in_flight.add(key)
            docs.append((key, a.doc))
        size = sum(a.size for a in articles) + sum(b.size for b in bad)
        return Chunk(number, [a.meta for a in articles], bad, docs, size)


# --- engines: each turns chunks into (chunk number, results) as they complete; a chunk with nothing
# --- to check is handed straight back through `store_empty` --------------------------------------------

Results = Generator[tuple[int, list[CheckResult]], None, None]


def _serial(chunks: Iterator[Chunk], linter: Any) -> Results:
    for chunk in chunks:
        yield chunk.number, check_documents(linter, chunk.docs)


def _local(options: ReportOptions, chunks: Iterator[Chunk], jobs: int, store_empty: Callable[[int], None]) -> Results:
    """Worker processes, each building its Linter once (initializer, from the options).

    On Linux they are forked (fast, nothing re-imported); the executor forks them all before it
    starts its own thread, and the parent runs no other thread. Elsewhere they are spawned.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    from .worker import check_in_pool, init_pool_worker

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=init_pool_worker, initargs=(options.linter,))
    window = WINDOW_PER_WORKER * jobs
    running: set[Future[tuple[int, list[CheckResult]]]] = set()
    try:
        for chunk in chunks:
            if not chunk.docs:
                store_empty(chunk.number)
                continue
            running.add(executor.submit(check_in_pool, (chunk.number, chunk.docs)))
            while len(running) >= window:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    except BrokenProcessPool:
        raise ReportError("a worker process died (killed, or out of memory?); the results stored so far are kept: "
                          "run the same command again to resume") from None
    finally:
        executor.shutdown(wait=True, cancel_futures=True)  # at most the chunks already running finish


def _dask(options: ReportOptions, chunks: Iterator[Chunk], jobs: int, ruleset: str, store_empty: Callable[[int], None]) -> Results:
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise ReportError("--engine dask needs dask[distributed]: pip install 'newslint[report]'") from None
    Client, LocalCluster, as_completed = distributed.Client, distributed.LocalCluster, distributed.as_completed
    from .worker import check_on_dask

    with contextlib.ExitStack() as stack:
        if options.scheduler:
            try:
                client = stack.enter_context(Client(options.scheduler, timeout=f"{options.scheduler_timeout}s"))
            except (OSError, TimeoutError) as exc:
                raise ReportError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from None
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=40))
            client = stack.enter_context(Client(cluster))
        window = max(4, WINDOW_PER_WORKER * max(1, sum(client.nthreads().values())))
        running = as_completed()
        count = 0
        for chunk in chunks:
            if not chunk.docs:
                store_empty(chunk.number)
                continue
            running.add(client.submit(check_on_dask, options.linter, chunk.number, chunk.docs, pure=False))
            count += 1
            while count >= window:
                yield _dask_result(next(running), ruleset)
                count -= 1
        for future in running:
            yield _dask_result(future, ruleset)


def _dask_result(future: Any, ruleset: str) -> tuple[int, list[CheckResult]]:
    number, worker_ruleset, results = future.result()
    if worker_ruleset != ruleset:
        raise ReportError(
            f"a Dask worker checks with other rules or dictionaries (version {worker_ruleset}, here {ruleset}): "
            "install the same newslint and make --rules/--dictionary paths readable on every worker")
    return number, results


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _exclusive(directory: Path) -> Iterator[None]:
    """One run at a time per output folder (the lock goes away with the process, even on SIGKILL)."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock
        yield
        return
    with open(directory / ".newslint-report.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReportError(f"{directory}: another `newslint report` is writing to this folder") from None
        yield


def run_report(options: ReportOptions, progress: Progress | None = None) -> RunSummary:
    """Run (or resume) a report into options.out; write report.html and the exports when it completes."""
    from .exports import write_exports
    from .html import write_html

    show = progress is not None
    progress = progress or _NoProgress()
    out = Path(options.out)
    jobs = options.jobs or default_jobs()
    if options.engine not in ("local", "dask"):
        raise ReportError(f"unknown engine {options.engine!r} (local or dask)")
    if options.scheduler and options.engine != "dask":
        raise ReportError("--scheduler needs --engine dask")
    for source in options.sources:
        if not Path(source).exists():
            raise ReportError(f"{source}: no such file or directory")
    started = time.perf_counter()
    with _exclusive(out):
        store = Store(out)
        try:
            ruleset = ruleset_version(options.linter)
            engine_name = "dask" if options.engine == "dask" else ("serial" if jobs == 1 else "local")
            run_id = store.begin_run(ruleset, engine_name, jobs, options.describe())
            summary = RunSummary(run_id, "running", engine=engine_name, workers=jobs, out=out)
            feeder = Feeder(options, ruleset, store.path)
            progress.start(sum(source_size(Path(s)) for s in options.sources) if show else 0)

            def store_chunk(number: int, results: list[CheckResult]) -> None:
                chunk = feeder.done(number)
                written = store.write_chunk(run_id, ruleset, chunk.articles, chunk.bad, results)
                summary.articles += written
                checked = sum(1 for r in results if r.error is None)
                summary.checked += checked
                summary.cached += written - min(written, checked)
                summary.bad_records += len(chunk.bad) + (len(chunk.articles) - written)
                progress.advance(chunk.size, written, len(chunk.bad) + len(chunk.articles) - written)

            try:
                chunks = feeder.chunks()
                first = None
                for chunk in chunks:  # cached chunks need no worker: store them before starting any
                    if chunk.docs:
                        first = chunk
                        break
                    store_chunk(chunk.number, [])
                if first is not None:
                    work = itertools.chain([first], chunks)
                    # Build the rules and dictionaries here once, only now that there is work: a bad rule
                    # file is one clear error, and compiled dictionary caches are written once, before
                    # the workers load them (instead of every worker compiling them at the same time).
                    linter = options.linter.build() if engine_name != "dask" or not options.scheduler else None
                    if engine_name == "serial":
                        stream = _serial(work, linter)
                    else:
                        del linter  # workers build their own from the options (no SQLite handle crosses a fork)
                        store_empty = lambda number: store_chunk(number, [])  # noqa: E731
                        stream = (_dask(options, work, jobs, ruleset, store_empty) if engine_name == "dask"
                                  else _local(options, work, jobs, store_empty))
                    with contextlib.closing(stream):  # an error here shuts the workers down at once
                        for number, results in stream:
                            store_chunk(number, results)
            except BaseException as exc:
                summary.status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
                summary.seconds = time.perf_counter() - started
                with contextlib.suppress(Exception):
                    store.finish_run(run_id, summary.status, vars(summary), summary.seconds)
                raise
            finally:
                progress.stop()
            from .recurring import thresholds_for

            limits = thresholds_for(options.linter)
            if limits is not None:
                summary.recurring = store.mark_recurring(run_id, ruleset, limits)
            summary.status = "complete"
            summary.seconds = time.perf_counter() - started
            store.finish_run(run_id, "complete", vars(summary), summary.seconds)
        finally:
            store.close()
        summary.findings = write_html(out, run_id, top=options.top)
        if options.exports:
            summary.files += write_exports(out, run_id)
        summary.files.insert(0, out / "report.html")
        summary.seconds = time.perf_counter() - started
        return summary


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use `newslint report`")
