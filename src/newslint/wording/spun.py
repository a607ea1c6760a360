"""A cheap document-level spun score without the language model: how many content words per
1,000 words have a thesaurus synonym that is far more common (spinners replace common words with
rarer synonyms). Measured in bench/phrasing.py --cheap: it does NOT separate spun from clean news
well enough to run by default, so newslint uses the model's per-word scores (--deep) instead."""

from __future__ import annotations

from collections.abc import Callable

from .thesaurus import Thesaurus
from .words import FUNCTION_WORDS, split_words


def cheap_spun_score(text: str, thesaurus: Thesaurus, zipf: Callable[[str], float], min_gain: float = 1.5) -> float:
    """Words per 1,000 that have a synonym at least `min_gain` Zipf units more common."""
    words = split_words(text)
    if not words:
        return 0.0
    hits = 0
    for w in words:
        if not w.checkable or w.lower in FUNCTION_WORDS:
            continue
        cands = thesaurus.candidates(w.lower, 10)
        if cands and max(zipf(c.split(" ")[0]) for c in cands) - zipf(w.lower) >= min_gain:
            hits += 1
    return 1000.0 * hits / len(words)
