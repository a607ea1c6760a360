"""'Did you mean ...?': the closest known words to a typo (config keys, rule ids and names)."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """Up to `limit` choices most similar to `word`, best first (case-insensitive rapidfuzz ratio,
    none below `cutoff` of 100); when none is that close, choices that contain most of the word
    ('quote' -> 'unattributed-quote'; weighted ratio, 85 or more)."""
    from rapidfuzz import fuzz, process, utils

    pool = list(dict.fromkeys(choices))
    found = process.extract(word, pool, scorer=fuzz.ratio, processor=utils.default_process,
                            limit=limit, score_cutoff=cutoff)
    if not found and len(word) >= 4:
        found = process.extract(word, pool, scorer=fuzz.WRatio, processor=utils.default_process,
                                limit=limit, score_cutoff=85)
    best = found[0][1] if found else 0.0
    return [choice for choice, score, _index in found if score >= best - 10]  # not the also-rans


def did_you_mean(word: str, choices: Iterable[str], limit: int = 3) -> str:
    """"; did you mean 'x'?" (or "'x', 'y' or 'z'"), or "" when nothing is close."""
    near = closest(word, choices, limit)
    if not near:
        return ""
    quoted = [f"'{n}'" for n in near]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"; did you mean {listed}?"
