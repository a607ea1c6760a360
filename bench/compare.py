"""Speed of this checkout against another one at the same moment: fresh processes alternate
between the two (this machine's speed drifts by 15-25 % from run to run, so figures taken at
different times cannot be compared).

Usage: python bench/compare.py OTHER [--rounds 2] [--corpus DIR] [--limit N] [--other-ignore IDS]
OTHER is the root of another checkout, e.g. made with `git worktree add /tmp/old <commit>`, or
this checkout itself with `--other-ignore NL315,NL316`: the cost of those rules at this moment.
Each process checks every article twice (first pass with cold caches, second pass warm) and
reports CPU seconds; the same findings count is required of both checkouts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from _corpus import load_corpus, word_count
from pathlib import Path
from newslint import Linter
from newslint.document import Document
articles = load_corpus(Path(sys.argv[2]), int(sys.argv[3]))
docs = [Document(t, n) for n, t in articles]
linter = Linter(ignore=[i for i in sys.argv[4].split(",") if i] or None)
linter.check_text("Warm-up: Keir Starmer met Volodymyr Zelensky in Kyiv.")
out = {"words": sum(word_count(t) for _, t in articles)}
for label in ("cold", "warm"):
    cpu = time.process_time()
    out["findings"] = sum(len(linter.check_document(d)) for d in docs)
    out[label] = time.process_time() - cpu
print(json.dumps(out))
"""


def measure(checkout: Path, corpus: Path, limit: int, ignore: str = "") -> dict[str, float]:
    """One fresh process importing newslint from `checkout`/src (the rules in `ignore` off)."""
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(REPO / "bench"), str(corpus), str(limit), ignore],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{checkout}: the measuring process failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="root of the other checkout")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (one process of each per round)")
    parser.add_argument("--other-ignore", default="", help="comma-separated rule ids the other run leaves out")
    corpus_arg(parser)
    args = parser.parse_args()
    if not (args.other / "src" / "newslint").is_dir():
        raise SystemExit(f"{args.other}: not a newslint checkout (no src/newslint)")
    findings = {}
    for round_number in range(1, args.rounds + 1):
        for name, checkout in (("other", args.other), ("this", REPO)):
            r = measure(checkout, args.corpus, args.limit, args.other_ignore if name == "other" else "")
            findings[name] = r["findings"]
            print(f"round {round_number}  {name:5}  first pass {r['words'] / r['cold']:>9,.0f} words/s ({r['cold']:.2f} s cpu)  "
                  f"second pass {r['words'] / r['warm']:>9,.0f} words/s ({r['warm']:.2f} s cpu)  findings {r['findings']}")
    if findings["other"] != findings["this"]:
        print(f"note: the findings differ ({findings['other']} vs {findings['this']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
