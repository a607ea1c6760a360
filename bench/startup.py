"""Start-up plus check of one Markdown article, as pre-commit runs it: wall time of
`newslint check article.md` in a fresh process (median of N runs).

    python bench/startup.py            # seed article as Markdown, 15 runs
    python bench/startup.py --runs 30 --article path/to/article.md

Also prints the bare interpreter start and `import newslint.cli` for comparison, and the
first (cold-cache) run separately: the first run after installing builds the dictionary cache.
Target: <= 0.5 s median. Timing is noisy on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def markdown_article(folder: Path) -> Path:
    """The seed article turned into a Markdown file with front matter, a heading and a link."""
    seed = next((REPO / "seeds").glob("*.txt"))
    body = seed.read_text(encoding="utf-8")
    title, _, rest = body.partition("\n")
    text = (f"---\ntitle: {title.strip()!r}\ndate: 2025-03-01\n---\n# {title.strip()}\n\n{rest.strip()}\n\n"
            "[Source](https://example.com/story)\n")
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    return path


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], env: dict[str, str], cwd: Path, label: str = "") -> float:
    """Wall time of one run; its CPU time (user + sys, less sensitive to a busy machine) is kept in CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(label, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--article", type=Path, help="a Markdown article (default: the seed article as Markdown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = args.article.resolve() if args.article else markdown_article(folder)
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "xdg"), "NO_COLOR": "1"}
        check = [sys.executable, "-c", "from newslint.cli import main; main()", "check", str(article)]
        cold = timed(check, env, folder)  # may build the dictionary cache
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "import newslint.cli": [sys.executable, "-c", "import newslint.cli"],
            "newslint check article.md": check,
        }
        runs = {name: [timed(cmd, env, folder, name) for _ in range(args.runs)] for name, cmd in commands.items()}
    print(f"article: {article.name}  runs: {args.runs}  python: {sys.version.split()[0]}")
    print(f"first run (cold cache possible): {cold:.3f} s")
    for name, values in runs.items():
        print(f"{name:<28} wall median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"
              f"   cpu median {statistics.median(CPU[name]):.3f} s")
    median = statistics.median(runs["newslint check article.md"])
    print(f"target <= 0.500 s wall: {'met' if median <= 0.5 else 'NOT met'} ({median:.3f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
