"""Speed: words per second in one process over the clean corpus (first pass with cold caches,
second pass warm), words per second of the real `newslint check CORPUS` command on one core
(--jobs 1) and on all cores (the default), and start-up + check of one short article as a fresh
`newslint check` process (what a pre-commit hook pays).

Usage: python bench/throughput.py [--corpus DIR] [--limit N] [--runs 5] [--select IDS] [--by-rule] [--gc]
                                  [--command-runs 2] [--command-only | --no-command]
Every run of the command is a first pass: a fresh process whose in-memory caches start cold (the
dictionary files compiled on disk are reused, as on any run after the first). Its wall time
counts everything: start-up, finding and reading the files, checking, printing the findings.
Targets (issues 2 and 17): >= 300,000 words/s for the command on all cores (this 2-core machine)
on the first pass; start-up + one article <= 0.5 s. Other work on the machine slows the
all-cores figure most: the load average is printed with it.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg, load_corpus, word_count  # noqa: E402

from newslint import Linter  # noqa: E402
from newslint.document import Document  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


class GcClock:
    """Seconds spent in the garbage collector, by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0]
        self._began = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.spent[info["generation"]] += time.perf_counter() - self._began

    def reset(self) -> None:
        self.spent = [0.0, 0.0, 0.0]

    def report(self) -> str:
        return "  ".join(f"generation {g} {s:.2f} s" for g, s in enumerate(self.spent))


def per_rule_times(linter: Linter, docs: list[Document]) -> dict[str, float]:
    """Seconds spent in each rule over the documents."""
    from newslint.rules.kinds.base import CheckContext

    spent: dict[str, float] = defaultdict(float)
    for doc in docs:
        ctx = CheckContext(doc, linter.resources)
        for rule in linter.engine.rules:
            t = time.perf_counter()
            for _ in rule.check(ctx):
                pass
            spent[rule.spec.id] += time.perf_counter() - t
    return spent


def command_throughput(corpus: Path, limit: int, jobs: int | None, runs: int, words: int) -> list[float]:
    """Wall seconds of `newslint check CORPUS [--jobs N]` in fresh processes (findings to /dev/null)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus
        if limit:  # the first `limit` articles, as links in a folder of their own
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            for f in sorted(corpus.glob("*.txt"))[:limit]:
                (folder / f.name).symlink_to(f.resolve())
        cmd = [sys.executable, "-m", "newslint", "check", str(folder), "--fail-on", "never", "--no-config",
               *([] if jobs is None else ["--jobs", str(jobs)])]
        walls = []
        for run in range(1, runs + 1):
            load = os.getloadavg()[0]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime  # the command and its workers
            if proc.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
            walls.append(wall)
            label = "one core (--jobs 1)" if jobs == 1 else f"all cores (--jobs {jobs or 'default'})"
            print(f"newslint check, {label}, run {run}: wall {wall:.2f} s ({words / wall:,.0f} words/s)  "
                  f"cpu {cpu:.2f} s in all processes  load average before {load:.1f}, after {os.getloadavg()[0]:.1f}",
                  flush=True)
        return walls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes timed for start-up")
    parser.add_argument("--select", default="", help="comma-separated rule selectors")
    parser.add_argument("--by-rule", action="store_true", help="also time each rule separately")
    parser.add_argument("--gc", action="store_true", help="also report the time spent in garbage collections, by generation")
    parser.add_argument("--command-runs", type=int, default=2, help="runs of the `newslint check` command per setting")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--command-only", action="store_true", help="only time the `newslint check` command")
    group.add_argument("--no-command", action="store_true", help="do not time the `newslint check` command")
    args = parser.parse_args()
    articles = load_corpus(args.corpus, args.limit)
    words = sum(word_count(t) for _, t in articles)
    if not args.no_command:
        from newslint.batch import default_jobs

        print(f"{len(articles)} articles, {words:,} words; {default_jobs()} cores")
        best = {}
        for jobs in (1, None):
            best[jobs] = words / min(command_throughput(args.corpus, args.limit, jobs, args.command_runs, words))
        print(f"best run: one core {best[1]:,.0f} words/s, all cores {best[None]:,.0f} words/s "
              f"({best[None] / best[1]:.2f}x); target >= 300,000 words/s on all cores: "
              f"{'met' if best[None] >= 300_000 else 'NOT met'}")
        if args.command_only:
            return 0
    linter = Linter(select=[s for s in args.select.split(",") if s] or None)
    linter.check_text("Warm-up: Keir Starmer met Volodymyr Zelensky in Kyiv.")  # load dictionaries once
    docs = [Document(t, n) for n, t in articles]
    collecting = GcClock() if args.gc else None
    for label in ("first pass (cold caches)", "second pass (warm caches)"):
        if collecting is not None:
            collecting.reset()
        start = time.perf_counter()
        cpu = time.process_time()
        findings = 0
        for doc in docs:
            findings += len(linter.check_document(doc))
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
        print(f"{label}: articles {len(docs)}  words {words}  findings {findings}  "
              f"wall {elapsed:.2f} s ({words / elapsed:,.0f} words/s)  cpu {cpu:.2f} s ({words / cpu:,.0f} words/s)  "
              f"rules: {len(linter.engine.rules)}")
        if collecting is not None:
            print(f"  garbage collection: {collecting.report()}")
    if args.by_rule:
        fresh = Linter(select=[s for s in args.select.split(",") if s] or None)
        for rule_id, secs in sorted(per_rule_times(fresh, docs).items(), key=lambda kv: -kv[1]):
            print(f"  {rule_id}  {secs:6.2f} s  {words / secs:>12,.0f} words/s")
    seed = next((REPO / "seeds").glob("*.txt"))
    cmd = [sys.executable, "-m", "newslint", "check", str(seed)]
    subprocess.run(cmd, capture_output=True)  # warm the on-disk index cache
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t)
    print(f"start-up + check of {seed.name} ({word_count(seed.read_text())} words): "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s over {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
