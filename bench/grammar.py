"""Grammar backends on clean news: findings per 1,000 words (by backend rule and severity) and
words per second.

Usage:
  python bench/grammar.py --backend harper [--corpus DIR] [--limit N] [--show N]
  python bench/grammar.py --backend languagetool --languagetool-url http://localhost:8081 [--limit N]

The findings are those of the grammar rule (NL501/NL502) in a normal run with the names rules on
(so spelling matches on resolved names are dropped, as for a user). words/s is the backend alone
(one `check` per article, after start-up), then the whole run; the machine is shared, so timings
are noisy.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg, load_corpus, word_count  # noqa: E402

from newslint import Linter  # noqa: E402

_BACKEND_RULE = re.compile(r"\[(?:harper|languagetool) ([^\]]+)\]$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    parser.add_argument("--backend", choices=("harper", "languagetool"), default="harper")
    parser.add_argument("--languagetool-url", default=None, help="LanguageTool server (else $NEWSLINT_LANGUAGETOOL_URL)")
    parser.add_argument("--show", type=int, default=5, help="examples shown per backend rule")
    args = parser.parse_args()
    articles = load_corpus(args.corpus, args.limit)
    rule_id = "NL502" if args.backend == "harper" else "NL501"

    started = time.perf_counter()
    linter = Linter(select=["NL1", rule_id], grammar=args.backend, languagetool_url=args.languagetool_url)
    grammar = next(r for r in linter.engine.rules if r.spec.id == rule_id)
    usable = grammar.preflight()  # type: ignore[attr-defined]
    startup = time.perf_counter() - started
    if not usable:
        print("backend not usable:", "; ".join(linter.notices))
        return 2

    words = sum(word_count(t) for _n, t in articles)
    t0 = time.perf_counter()
    for _name, text in articles:
        grammar.backend.check(text)  # type: ignore[attr-defined]
    backend_s = time.perf_counter() - t0

    by_rule: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for name, text in articles:
        for f in linter.check_text(text, path=name):
            if f.rule_id != rule_id:
                continue
            m = _BACKEND_RULE.search(f.message)
            key = m.group(1) if m else "?"
            by_rule[key] += 1
            by_sev[f.severity.value] += 1
            examples[key][f"{f.matched!r} -> {list(f.suggestions[:2])}"] += 1
    run_s = time.perf_counter() - t0

    per_k = lambda n: 1000.0 * n / max(words, 1)  # noqa: E731
    total = sum(by_rule.values())
    print(f"backend: {args.backend} ({rule_id})  articles: {len(articles)}  words: {words}")
    print(f"start-up (import + load + pre-flight): {startup:.2f} s")
    print(f"speed: backend alone {words / backend_s:,.0f} words/s; whole run with names rules {words / run_s:,.0f} words/s")
    print(f"findings per 1,000 words: total {per_k(total):.3f}  warnings+errors "
          f"{per_k(by_sev['warning'] + by_sev['error']):.3f}  info {per_k(by_sev['info']):.3f}")
    for rule, n in by_rule.most_common():
        print(f"\n{rule}: {n} ({per_k(n):.3f}/1k words)")
        for ex, c in examples[rule].most_common(args.show):
            print(f"    {c:>4}  {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
