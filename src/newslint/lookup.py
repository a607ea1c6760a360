"""`newslint dict lookup`: dictionary candidates for a name, with scores and reasons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .document import Document
from .resources import Resources
from .textutil import fold


@dataclass(frozen=True)
class Candidate:
    """One dictionary form that may be what the user's name means."""

    form: str
    canonical: str
    entry_id: str
    kind: str
    relation: str
    score: float
    why: str


def _alignment(query: list[str], form: list[str]) -> str:
    parts = []
    for q, f in zip(query, form):
        if q == f:
            parts.append(f"'{q}' exact")
        else:
            parts.append(f"'{q}'->'{f}' {OSA.distance(q, f)} edit(s)")
    if len(query) != len(form):
        parts.append(f"{len(query)} vs {len(form)} words")
    return ", ".join(parts)


def lookup(name: str, dictionary_paths: list[Path] | None = None, limit: int = 10) -> tuple[list[Candidate], list[str]]:
    """Candidates for `name` (best first) and what the names rules would say about it."""
    from .api import Linter

    linter = Linter(select=["NL1"], dictionary_paths=dictionary_paths or [])
    resources: Resources = linter.resources
    index = resources.names
    key = fold(name)
    tokens = key.split()
    refs = {}
    for ref in index.lookup(name):
        refs[(ref.entry, ref.form)] = ref
    for tok in tokens:
        for ref in index.forms_with_token(tok):
            refs[(ref.entry, ref.form)] = ref
        for cand, _ in index.fuzzy_tokens(tok, 2):
            for ref in [*index.forms_with_token(cand), *index.exact_forms(cand)]:
                refs[(ref.entry, ref.form)] = ref
    out = []
    for ref in refs.values():
        entry = index.entry(ref.entry)
        score = fuzz.ratio(key, fold(ref.form))
        why = "exact match" if fold(ref.form) == key else _alignment(tokens, list(ref.tokens))
        out.append(Candidate(ref.form, entry.canonical, entry.id, entry.kind, ref.relation, score, why))
    out.sort(key=lambda c: (-c.score, c.form))
    verdicts = [f"{f.rule_id} {f.message}" for f in linter.check_document(Document(name))]
    return out[:limit], verdicts
