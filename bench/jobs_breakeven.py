"""Where checking on all cores starts to pay: wall time of `newslint check FOLDER` with --jobs 1
and with --jobs N (all cores) for folders of the first K articles of the clean corpus, in fresh
processes taken in turn (the machine's speed drifts). The default --jobs uses one process below
newslint.batch.PARALLEL_MIN_BYTES of input; this shows whether that is where the two cross.

Usage: python bench/jobs_breakeven.py [--corpus DIR] [--sizes 2,4,8,16,32,64,128,256] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg  # noqa: E402


def wall(cmd: list[str]) -> float:
    """Seconds of one run (output discarded)."""
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main() -> int:
    from newslint.batch import PARALLEL_MIN_BYTES, default_jobs

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    parser.add_argument("--sizes", default="2,4,8,16,32,64,128,256", help="numbers of articles to try")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per setting (median)")
    args = parser.parse_args()
    cores = default_jobs()
    if cores < 2:
        raise SystemExit("one core: nothing to compare")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt articles in {args.corpus} (pass --corpus)")
    print(f"cores {cores}; default --jobs goes parallel from {PARALLEL_MIN_BYTES:,} bytes; load average {os.getloadavg()[0]:.1f}")
    print(f"{'articles':>8} {'bytes':>9} {'--jobs 1':>9} {f'--jobs {cores}':>9}  faster")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / str(size)
            folder.mkdir()
            for f in files[:size]:
                (folder / f.name).symlink_to(f.resolve())
            nbytes = sum(f.stat().st_size for f in files[:size])
            base = [sys.executable, "-m", "newslint", "check", str(folder), "--no-config", "--fail-on", "never"]
            one: list[float] = []
            many: list[float] = []
            wall(base + ["--jobs", "1"])  # warm the page cache
            for _ in range(args.runs):
                one.append(wall(base + ["--jobs", "1"]))
                many.append(wall(base + ["--jobs", str(cores)]))
            a, b = statistics.median(one), statistics.median(many)
            print(f"{size:>8} {nbytes:>9,} {a:>8.3f}s {b:>8.3f}s  {'all cores' if b < a else 'one'} ({a / b:.2f}x)", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
