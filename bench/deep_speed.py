"""Speed and memory of the --deep wording model on one core: cached load time, words per second
over clean news articles (../shared/corpus/news-en), peak memory. Reports wall time and CPU time
(on a shared machine the CPU time is the fairer figure for "one core").

    python bench/deep_speed.py [--limit 60]

Run `newslint check --deep` once before, so that the converted model is in the cache.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _corpus import DEFAULT_CORPUS, load_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=60, help="news-en articles to read")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    from newslint.wording.detector import load_detector

    det = load_detector(threads=args.threads)
    load_wall, load_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    docs = load_corpus(DEFAULT_CORPUS, args.limit)
    words = 0
    wall1, cpu1 = time.perf_counter(), time.process_time()
    for _, text in docs:
        scores = det.score(text)
        words += scores.words
    wall, cpu = time.perf_counter() - wall1, time.process_time() - cpu1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cached load: {load_wall:.2f} s wall, {load_cpu:.2f} s CPU (target 5 s)")
    print(f"{words} words in {len(docs)} articles: {words / wall:.0f} words/s wall, {words / cpu:.0f} words/s CPU "
          f"on {args.threads} thread(s) (target 150)")
    print(f"peak memory: {peak_mb:.0f} MB (target 2,048 MB)")


if __name__ == "__main__":
    main()
