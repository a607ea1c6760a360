"""False alarms on clean, professionally edited news: findings per 1,000 words by rule and severity.

Usage: python bench/noise.py [--corpus DIR] [--limit N] [--select IDS] [--show N] [--date YYYY-MM-DD] [--deep]
The budget (issue 2): warnings + errors <= 0.5 per 1,000 words on ../shared/corpus/news-en.
--deep adds the wording model's rules (NL210, NL211; about 100 words/s: use --limit, and
--select NL21 to measure them alone).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import corpus_arg, load_corpus, word_count  # noqa: E402

from newslint import Linter  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus_arg(parser)
    parser.add_argument("--select", default="", help="comma-separated rule selectors (default: all default rules)")
    parser.add_argument("--show", type=int, default=8, help="examples shown per rule")
    parser.add_argument("--date", default="", help="article date given to date-dependent checks")
    parser.add_argument("--deep", action="store_true", help="switch on the wording model (needs the deep extra)")
    args = parser.parse_args()
    articles = load_corpus(args.corpus, args.limit)
    linter = Linter(select=[s for s in args.select.split(",") if s] or None, deep=args.deep)
    when = date.fromisoformat(args.date) if args.date else None
    words = 0
    by_rule: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = defaultdict(Counter)
    for name, text in articles:
        words += word_count(text)
        for f in linter.check_text(text, when, name):
            by_rule[f.rule_id] += 1
            by_sev[f.severity.value] += 1
            examples[f.rule_id][f"{f.matched!r} -> {f.suggestions[:1]}"] += 1
    per_k = lambda n: 1000.0 * n / max(words, 1)  # noqa: E731
    print(f"articles: {len(articles)}  words: {words}")
    print(f"findings per 1,000 words: total {per_k(sum(by_rule.values())):.3f}  "
          f"warnings+errors {per_k(by_sev['warning'] + by_sev['error']):.3f}  info {per_k(by_sev['info']):.3f}")
    for sev in ("error", "warning", "info"):
        print(f"  {sev:<8} {by_sev[sev]:>6}  {per_k(by_sev[sev]):.3f}/1k")
    for rule, n in by_rule.most_common():
        print(f"\n{rule}: {n} ({per_k(n):.3f}/1k words)")
        for ex, c in examples[rule].most_common(args.show):
            print(f"    {c:>4}  {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
