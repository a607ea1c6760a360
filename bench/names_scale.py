"""Names at scale: a realistic 1,000,000-name dictionary through the compiled big index.

Generates N people by recombining real given names and surnames from
rules/dictionaries/name_tokens.tsv (weighted by how often Wikipedia biography titles use
them; seeded RNG), a fifth with a middle name and its short form as a variant, written in
the compact format with weight 2 (suggestible, like a Wikidata build). Then, each phase in
its own process so peak memory is that phase's alone:

  build   compile the SQLite index (wall and CPU time, peak memory, database size)
  load    open the cached index in a fresh process (time to a usable NameSource)
  check   per-article check time on news articles with: the built-in (curated) dictionary
          only; the curated + 1M dictionary; the curated + shipped open data (default)

Usage: python bench/names_scale.py [--names 1000000] [--articles 300] [--select NL1] [--seed 7]
The machine is shared: wall-clock figures are noisy; CPU time is printed beside them.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg, load_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def peak_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _capitalise(token: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in token.split("-"))


def generate(path: Path, n: int, seed: int) -> dict[str, int]:
    """Write n people in the compact names format; returns counts."""
    from newslint.bigindex import COMPACT_COLUMNS, COMPACT_MAGIC

    given: list[tuple[str, int]] = []
    surname: list[tuple[str, int]] = []
    with open(ROOT / "rules" / "dictionaries" / "name_tokens.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            tok, g, s = line.rstrip("\n").split("\t")
            if len(tok) < 2 or not tok.replace("-", "").replace("'", "").isalpha():
                continue
            if int(g):
                given.append((tok, int(g)))
            if int(s):
                surname.append((tok, int(s)))
    rng = random.Random(seed)

    def sampler(pairs: list[tuple[str, int]]):  # type: ignore[no-untyped-def]
        words = [w for w, _ in pairs]
        cum = list(itertools.accumulate(c for _, c in pairs))
        total = cum[-1]
        return lambda: words[bisect.bisect_right(cum, rng.random() * total)]

    pick_given, pick_surname = sampler(given), sampler(surname)
    seen: set[str] = set()
    rows = []
    variants = 0
    while len(rows) < n:
        first, last = _capitalise(pick_given()), _capitalise(pick_surname())
        middle = _capitalise(pick_given()) if rng.random() < 0.2 else ""
        canonical = f"{first} {middle} {last}" if middle else f"{first} {last}"
        if canonical in seen:
            continue
        seen.add(canonical)
        var = f"{first} {last}" if middle else ""
        variants += bool(var)
        rows.append("\t".join(["person", canonical, var, "", "", "", "2", "0", "bench"]))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(COMPACT_MAGIC + "\n#" + "\t".join(COMPACT_COLUMNS) + "\n")
        fh.write("\n".join(rows) + "\n")
    return {"names": len(rows), "variants": variants, "given_pool": len(given), "surname_pool": len(surname)}


def phase_build(dict_path: Path, cache: Path) -> dict[str, float]:
    from newslint.bigindex import build_database, compiled_path

    target = compiled_path([dict_path], cache)
    t0, c0 = time.perf_counter(), cpu()
    stats = build_database([dict_path], target)
    return {"build_s": time.perf_counter() - t0, "build_cpu_s": cpu() - c0, "peak_mb": peak_mb(),
            "db_mb": target.stat().st_size / 1e6, **{f"rows_{k}": v for k, v in stats.items()}}


def phase_load(dict_path: Path, cache: Path) -> dict[str, float]:
    t0, c0 = time.perf_counter(), cpu()
    from newslint import resources

    resources.BIG_NAME_FILES = ()  # the generated dictionary alone
    res = resources.Resources(dictionary_paths=[dict_path], big_names=True)
    names = res.names
    names.lookup("Keir Starmer")
    names.fuzzy_tokens("starmre", 1)
    return {"load_s": time.perf_counter() - t0, "load_cpu_s": cpu() - c0, "peak_mb": peak_mb()}


def phase_check(mode: str, dict_path: Path, corpus: Path, n_articles: int, select: str) -> dict[str, float]:
    t0 = time.perf_counter()
    from newslint import Linter, resources

    chosen = [s for s in select.split(",") if s] or None
    if mode == "builtin":
        linter = Linter(select=chosen, big_names=False)
    elif mode == "1m":
        resources.BIG_NAME_FILES = ()  # the generated dictionary alone, without the shipped lists
        linter = Linter(select=chosen, dictionary_paths=[dict_path], big_names=True)
    else:
        linter = Linter(select=chosen, big_names=True)
    articles = load_corpus(corpus, n_articles)
    linter.check_text(articles[0][1])  # start-up: dictionaries loaded, caches warm
    startup = time.perf_counter() - t0
    times, findings = [], 0
    c0 = cpu()
    for name, text in articles:
        s = time.perf_counter()
        findings += sum(f.rule_id == "NL101" for f in linter.check_text(text, None, name))
        times.append(time.perf_counter() - s)
    times.sort()
    return {"startup_s": startup, "per_article_ms": 1000 * sum(times) / len(times),
            "median_ms": 1000 * times[len(times) // 2], "p95_ms": 1000 * times[int(len(times) * 0.95)],
            "cpu_per_article_ms": 1000 * (cpu() - c0) / len(times), "nl101": findings, "peak_mb": peak_mb()}


def run_phase(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--select", default="NL1", help="rules timed (default NL1: the names rules); '' = all default rules")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None, help="where the dictionary and cache go (default: a temp dir)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kind, *rest = args.phase
        if kind == "generate":
            t = time.perf_counter()
            result = {**generate(Path(rest[0]), int(rest[1]), int(rest[2])), "seconds": time.perf_counter() - t}  # type: ignore[dict-item]
        elif kind == "build":
            result = phase_build(Path(rest[0]), Path(rest[1]))
        elif kind == "load":
            os.environ["NEWSLINT_CACHE_DIR"] = rest[1]
            result = phase_load(Path(rest[0]), Path(rest[1]))
        else:
            os.environ["NEWSLINT_CACHE_DIR"] = rest[2]
            result = phase_check(rest[0], Path(rest[1]), Path(rest[3]), int(rest[4]), rest[5] if len(rest) > 5 else "")
        print(json.dumps(result))
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newslint-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    dict_path = work / f"people_{args.names}.tsv"
    counts = run_phase("generate", str(dict_path), str(args.names), str(args.seed))  # own process: Linux keeps
    # the peak resident size across exec, so the parent must stay small for the phases' peaks to be their own
    print(f"generated {counts['names']:,} names ({counts['variants']:,} with a short variant) from "
          f"{counts['given_pool']:,} given names and {counts['surname_pool']:,} surnames in {counts['seconds']:.1f} s; "
          f"file {dict_path.stat().st_size / 1e6:.1f} MB")
    b = run_phase("build", str(dict_path), str(cache))
    print(f"build: {b['build_s']:.1f} s wall, {b['build_cpu_s']:.1f} s CPU, peak {b['peak_mb']:.0f} MB, "
          f"database {b['db_mb']:.0f} MB (entries {b['rows_entries']:,}, forms {b['rows_forms']:,}, tokens {b['rows_tokens']:,}, "
          f"delete keys {b['rows_deletes']:,})")
    loads = [run_phase("load", str(dict_path), str(cache)) for _ in range(3)]
    best = min(loads, key=lambda r: r["load_s"])
    print(f"cached load (fresh process, import + open + first queries; best of 3): {best['load_s']:.2f} s wall, "
          f"{best['load_cpu_s']:.2f} s CPU, peak {best['peak_mb']:.0f} MB")
    corpus = str(args.corpus)
    ratios = {}
    peaks = [b["peak_mb"], best["peak_mb"]]
    for select in dict.fromkeys([args.select, ""]):
        results = {}
        for mode in ("builtin", "1m", "open"):
            results[mode] = r = run_phase("check", mode, str(dict_path), str(cache) if mode == "1m" else os.environ.get(
                "NEWSLINT_CACHE_DIR", str(Path.home() / ".cache" / "newslint")), corpus, str(args.articles), select)
            peaks.append(r["peak_mb"])
            label = {"builtin": "built-in (curated) only", "1m": f"curated + {args.names:,} names", "open": "curated + shipped open data"}[mode]
            print(f"check [{label}] {args.articles} articles, rules {select or 'all default'}: "
                  f"start-up {r['startup_s']:.2f} s, per article {r['per_article_ms']:.1f} ms (median {r['median_ms']:.1f}, "
                  f"p95 {r['p95_ms']:.1f}; CPU {r['cpu_per_article_ms']:.1f}), NL101 findings {r['nl101']:.0f}, peak {r['peak_mb']:.0f} MB")
        ratios[select or "all default"] = ratio = results["1m"]["cpu_per_article_ms"] / max(results["builtin"]["cpu_per_article_ms"], 1e-9)
        print(f"  per-article CPU with {args.names:,} names / built-in, rules {select or 'all default'}: {ratio:.2f}x (budget 2x)")
    print(f"budgets: cached load <= 2 s: {'ok' if best['load_s'] <= 2 else 'OVER'}; peak memory <= 1.5 GB: "
          f"{'ok' if max(peaks) <= 1536 else 'OVER'} (max {max(peaks):.0f} MB); per article <= 2x: "
          + ", ".join(f"{k} {'ok' if v <= 2 else 'OVER'}" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
