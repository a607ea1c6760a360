"""`newslint report` throughput over the clean corpus with 1 and 2 workers, and a cached re-run.

Each run is a fresh `newslint report` process into a fresh output folder; a last run repeats the
2-worker run into the same folder (everything cached). Wall time, and the CPU time of the process
and its workers (os.wait4), are printed with the machine's load average: on shared cores the wall
time scaling understates the parallel speed-up, the CPU time does not.

By default the runs use a snapshot of the committed code and rules (`git archive HEAD src rules`,
put first on PYTHONPATH), so edits other people make to the working tree during the bench do not
change the ruleset version (which would turn the cached re-run into a full one); --no-snapshot
uses the working tree. The dictionaries' compiled caches are built once before the timed runs.

Usage: python bench/report_throughput.py [--corpus DIR] [--jobs 1 2] [--keep DIR] [--no-snapshot]
Targets (issue 6): 2 workers >= 1.8x the articles/s of 1; cached re-run <= 10 % of the first run's time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import DEFAULT_CORPUS  # noqa: E402


REPO = Path(__file__).resolve().parents[1]
ENV = dict(os.environ)


def snapshot(into: Path) -> None:
    """Extract HEAD's src/ and rules/ into `into` and make the runs import newslint from there."""
    into.mkdir(parents=True, exist_ok=True)
    tar = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", "src", "rules"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=tar.stdout, check=True)
    ENV["PYTHONPATH"] = os.pathsep.join([str(into / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"code and rules: snapshot of HEAD {commit} in {into}")


def warm_up() -> float:
    """Load the rules and dictionaries once (compiles their on-disk caches if needed); seconds taken."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from newslint.report.options import LinterOptions; LinterOptions().build()"],
                   env=ENV, check=True)
    return time.perf_counter() - started


def run(args: list[str]) -> dict[str, float | str]:
    """Run `newslint report ARGS` and measure it (wall, user and system CPU of it and its workers)."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newslint.cli", "report", *args, "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"newslint report failed ({proc.returncode}): {err}")
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "load": load, "summary": err.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles (default: ../shared/corpus/news-en)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to compare (default: 1 2)")
    parser.add_argument("--keep", type=Path, help="write the output folders here instead of a temporary folder")
    parser.add_argument("--no-snapshot", action="store_true", help="use the working tree, not a snapshot of HEAD")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus folder not found: {args.corpus} (pass --corpus)")
    articles = sum(1 for p in args.corpus.rglob("*.txt"))
    base = args.keep or Path(tempfile.mkdtemp(prefix="newslint-report-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {args.corpus} ({articles:,} .txt articles); cores: {os.cpu_count()}; "
          f"load average before: {os.getloadavg()[0]:.1f}")
    results: list[tuple[str, dict[str, float | str]]] = []
    try:
        if not args.no_snapshot:
            snapshot(base / "snapshot")
        print(f"rules and dictionaries loaded once before timing: {warm_up():.1f} s")
        for jobs in args.jobs:
            out = base / f"jobs{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            results.append((f"--jobs {jobs}, first run", run([str(args.corpus), "--out", str(out), "--jobs", str(jobs)])))
        last = args.jobs[-1]
        results.append((f"--jobs {last}, cached re-run", run([str(args.corpus), "--out", str(base / f"jobs{last}"), "--jobs", str(last)])))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print("| run | wall s | articles/s | user+sys CPU s | CPU per article ms | load avg at start |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in results:
        wall, cpu = float(r["wall"]), float(r["user"]) + float(r["sys"])
        print(f"| {name} | {wall:.1f} | {articles / wall:,.0f} | {cpu:.1f} | {1000 * cpu / articles:.2f} | {float(r['load']):.1f} |")
    print()
    first = {name: r for name, r in results}
    one, two = first.get("--jobs 1, first run"), first.get("--jobs 2, first run")
    if one and two:
        w1, w2 = float(one["wall"]), float(two["wall"])
        c1 = float(one["user"]) + float(one["sys"])
        c2 = float(two["user"]) + float(two["sys"])
        print(f"scaling 1 -> 2 workers, wall time: {w1 / w2:.2f}x (target >= 1.8x; other work on the same cores lowers it)")
        print(f"CPU time with 2 workers / with 1: {c2 / c1:.2f} (1.00 = no parallel overhead); "
              f"parallelism reached with 2 workers (CPU / wall): {c2 / w2:.2f} of 2")
    cached = results[-1][1]
    first_run = next(r for name, r in results if name == f"--jobs {last}, first run")
    print(f"cached re-run: {float(cached['wall']):.2f} s = {100 * float(cached['wall']) / float(first_run['wall']):.1f} % of the first run (target <= 10 %)")
    for name, r in results:
        print(f"  {name}: {r['summary']}")


if __name__ == "__main__":
    main()
