"""Per-word features for the replaced-word head, from a frozen causal language model.

For each checkable word: how likely the model finds it after its left context, how likely the
thesaurus' candidate originals would have been there, how well the next words follow it and
would follow the best candidate (the candidate is put in its place and the next tokens are
re-scored), how common the word and the candidate are, and optionally the model's hidden states at
the word and at the next word (the "ELECTRA" features). The same code serves training
(tools/train_wording.py), the benchmark (bench/phrasing.py) and the --deep rule.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .thesaurus import Thesaurus
from .words import FUNCTION_WORDS, Word

SCALAR_FEATURES = (
    "lp_word_first", "lp_word_total", "word_tokens", "entropy", "lp_top1", "log_rank",
    "has_candidate", "lp_best_candidate", "best_minus_word", "top3_minus_word",
    "zipf_word", "zipf_best", "zipf_gain", "lp_next_word", "function_word", "sentence_initial",
    "rescored", "right_gain", "total_gain", "right_len",
)
NO_CANDIDATE_LP = -25.0
RIGHT_TOKENS = 4  # next tokens re-scored after a candidate
MAX_WINDOW_TOKENS = 160
SHAPE_STEP = 32  # model inputs are padded to a multiple of this many tokens (see _padded)


def _bucket(n: int, step: int = SHAPE_STEP) -> int:
    """`n` rounded up to a multiple of `step`."""
    return -(-n // step) * step


def _padded(seq: list[int], pad: int) -> list[int]:
    """`seq` with `pad` tokens after it up to a multiple of SHAPE_STEP."""
    return seq + [pad] * (_bucket(len(seq)) - len(seq))


@dataclass
class WordScores:
    """What the model said about one word: features and scored candidate originals."""

    index: int  # into the document's word list
    features: list[float]
    candidates: list[tuple[str, float]] = field(default_factory=list)  # (candidate, score), best first
    hidden: Any = None  # (2 * dim) float32 tensor, when asked for


def _windows(words: list[Word], text: str, encode: Callable[[str], tuple[list[int], list[tuple[int, int]]]],
             limit: int) -> list[tuple[int, int]]:
    """Character spans of windows of whole sentences of at most `limit` tokens (roughly, 3
    characters a token); a sentence longer than that is cut between words."""
    pieces: list[tuple[int, int]] = []  # sentences, long ones cut
    max_chars = limit * 3
    current: tuple[int, int] | None = None
    sentence = -1
    for w in words:
        if current is not None and (w.sentence != sentence or w.end - current[0] > max_chars):
            pieces.append(current)
            current = None
        current = (w.start, w.end) if current is None else (current[0], w.end)
        sentence = w.sentence
    if current is not None:
        pieces.append(current)
    out: list[tuple[int, int]] = []
    window: tuple[int, int] | None = None
    for start, end in pieces:
        # a sentence's span runs to its last word; take its closing punctuation too
        while end < len(text) and text[end] in ".!?\"'”’)]":
            end += 1
        if window is not None and end - window[0] <= max_chars:
            window = (window[0], end)
        else:
            if window is not None:
                out.append(window)
            window = (start, end)
    if window is not None:
        out.append(window)
    return out


class LMFeatures:
    """Extract per-word features with a `LanguageModel` (see lm.py)."""

    def __init__(self, lm: Any, thesaurus: Thesaurus, zipf: Callable[[str], float], rescore: bool = True,
                 hidden: bool = False, max_candidates: int = 20, rescore_top: int = 2,
                 rescore_min_gain: float = 1.0) -> None:
        self.lm = lm
        self.torch = lm.torch
        self.thesaurus = thesaurus
        self.zipf = zipf
        self.rescore = rescore
        self.hidden = hidden
        self.max_candidates = max_candidates
        self.rescore_top = rescore_top
        self.rescore_min_gain = rescore_min_gain  # candidates this far below the word are not re-scored
        self._cand_tokens: dict[str, list[int]] = {}

    def _tokens(self, s: str) -> list[int]:
        found = self._cand_tokens.get(s)
        if found is None:
            found = self.lm.encode(s)[0]
            if len(self._cand_tokens) > 200_000:
                self._cand_tokens.clear()
            self._cand_tokens[s] = found
        return found

    def extract(self, text: str, words: list[Word], deadline: Callable[[], bool] | None = None) -> list[WordScores]:
        """Scores of the checkable words of `text` (words from words.split_words(text))."""
        out: list[WordScores] = []
        index_of = {id(w): i for i, w in enumerate(words)}
        for ws, we in _windows(words, text, self.lm.encode, MAX_WINDOW_TOKENS):
            if deadline is not None and deadline():
                break
            in_window = [w for w in words if ws <= w.start and w.end <= we]
            if any(w.checkable for w in in_window):
                out.extend(self._window(text, ws, we, in_window, index_of))
        return out

    def _window(self, text: str, ws: int, we: int, words: list[Word], index_of: dict[int, int]) -> list[WordScores]:
        torch = self.torch
        lm = self.lm
        chunk = text[ws:we]
        ids, offsets = lm.encode(chunk)
        if not ids:
            return []
        ids = ids[: MAX_WINDOW_TOKENS * 2]
        offsets = offsets[: len(ids)]
        seq = [lm.config.bos] + ids
        # padded at the end to a multiple of SHAPE_STEP: a causal model's rows for the real tokens
        # do not see the padding, and the matrix library keeps a compiled routine per input shape
        # (one per length grew the process by 1 GB over 150 articles)
        logp, hidden, past, _ = lm.forward([_padded(seq, lm.config.eos)])
        logp = logp[0, : len(seq)]  # (T+1, V): row r predicts seq[r+1], i.e. ids[r]
        hidden = hidden[0, : len(seq)]
        T = len(ids)
        targets = torch.tensor(ids)
        token_lp = logp[:T].gather(1, targets.unsqueeze(1)).squeeze(1)
        token_lp_l = token_lp.tolist()
        spans = _word_tokens(words, offsets, ws, T)
        # entropy, best and rank only where a checked word starts (the full rows are large)
        rows = sorted({spans[k][0] for k, w in enumerate(words) if w.checkable and spans[k]})
        entropy: dict[int, float] = {}
        top1: dict[int, float] = {}
        rank: dict[int, int] = {}
        if rows:
            sel = logp[torch.tensor(rows)]
            own = token_lp[torch.tensor(rows)].unsqueeze(1)
            entropy = dict(zip(rows, (-(sel.exp() * sel).sum(-1)).tolist()))
            top1 = dict(zip(rows, sel.max(-1).values.tolist()))
            rank = dict(zip(rows, (sel > own).sum(-1).tolist()))
        pending: list[dict[str, Any]] = []
        for k, w in enumerate(words):
            toks = spans[k]
            if not w.checkable or not toks or toks[0] == 0:
                continue  # the window's first word has no left context to be judged by
            first = toks[0]
            lower = w.lower
            lead = chunk[offsets[first][0]:w.start - ws]  # the space before the word, if any
            row = logp[first]
            scored: list[tuple[str, float, list[int]]] = []
            for c in self.thesaurus.candidates(lower, self.max_candidates):
                if same_word(lower, c):
                    continue
                form = c[:1].upper() + c[1:] if w.text[:1].isupper() else c
                ctoks = self._tokens(lead + form)
                if ctoks:  # left-context score: first token, a small charge for each further token
                    scored.append((form, float(row[ctoks[0]]) - 0.5 * (len(ctoks) - 1), ctoks))
            scored.sort(key=lambda x: -x[1])
            nxt = spans[k + 1] if k + 1 < len(words) else []
            pending.append({"k": k, "w": w, "toks": toks, "scored": scored, "nxt": nxt,
                            "right": list(range(toks[-1] + 1, min(T, toks[-1] + 1 + RIGHT_TOKENS)))})
        # re-score the best candidates with the words that follow, all in one batched call
        jobs: list[tuple[int, int]] = []  # (pending index, candidate index)
        for pi, item in enumerate(pending):
            scored = item["scored"]
            lp_first = token_lp_l[item["toks"][0]]
            if self.rescore and scored and item["right"] and scored[0][1] - lp_first >= self.rescore_min_gain:
                jobs += [(pi, ci) for ci in range(min(self.rescore_top, len(scored)))]
        gains: dict[tuple[int, int], tuple[float, float]] = {}
        if jobs:
            variants = []
            for pi, ci in jobs:
                item = pending[pi]
                variants.append(item["scored"][ci][2] + [ids[x] for x in item["right"]])
            L = _bucket(max(len(v) for v in variants), 8)
            padded = [v + [lm.config.eos] * (L - len(v)) for v in variants]
            limits = [pending[pi]["toks"][0] + 1 for pi, _ in jobs]  # cached tokens before the word (with BOS)
            rows = _bucket(len(padded), 4)  # the batch too, by repeating its last row
            padded += [padded[-1]] * (rows - len(padded))
            limits += [limits[-1]] * (rows - len(limits))
            vlogp, _, _, _ = lm.forward(padded, past=past, past_limit=limits)
            for j, (pi, ci) in enumerate(jobs):
                item = pending[pi]
                v = variants[j]
                ct = item["scored"][ci][2]
                first_lp = float(logp[item["toks"][0], v[0]])
                rest = vlogp[j, torch.arange(len(v) - 1), torch.tensor(v[1:])].tolist()
                lp_c = first_lp + sum(rest[: len(ct) - 1])
                lp_r = sum(rest[len(ct) - 1:])
                base_w = sum(token_lp_l[x] for x in item["toks"])
                base_r = sum(token_lp_l[x] for x in item["right"])
                gains[(pi, ci)] = (lp_c + lp_r - base_w - base_r, lp_r - base_r)
        results: list[WordScores] = []
        for pi, item in enumerate(pending):
            k, w, toks, scored, nxt = item["k"], item["w"], item["toks"], item["scored"], item["nxt"]
            first = toks[0]
            lower = w.lower
            lp_first = token_lp_l[first]
            lp_total = sum(token_lp_l[x] for x in toks)
            lp_next = sum(token_lp_l[x] for x in nxt) if nxt else 0.0
            best_lp = scored[0][1] if scored else NO_CANDIDATE_LP
            top3 = scored[:3]
            top3_lse = math.log(sum(math.exp(x[1]) for x in top3)) if top3 else NO_CANDIDATE_LP
            done = [(ci, gains[(pi, ci)]) for ci in range(len(scored)) if (pi, ci) in gains]
            if done:
                done.sort(key=lambda x: -x[1][0])
                best_ci, (total_gain, right_gain) = done[0]
                best_form = scored[best_ci][0].lower()
                ranked = {scored[ci][0]: g[0] for ci, g in done}
                final = [(f, ranked.get(f, s_ - lp_total - 5.0)) for f, s_, _ in scored]
                final.sort(key=lambda x: -x[1])
                rescored = 1.0
            else:
                best_form = scored[0][0].lower() if scored else ""
                total_gain = best_lp - lp_first
                right_gain = 0.0
                final = [(f, s_ - lp_total) for f, s_, _ in scored]
                rescored = 0.0
            z_word = self.zipf(lower)
            z_best = self.zipf(best_form.split(" ")[0]) if best_form else 0.0
            feats = [
                lp_first, lp_total, float(len(toks)), entropy[first], top1[first], math.log1p(rank[first]),
                1.0 if scored else 0.0, best_lp, best_lp - lp_first, top3_lse - lp_first,
                z_word, z_best, z_best - z_word, lp_next,
                1.0 if lower in FUNCTION_WORDS else 0.0,
                1.0 if k == 0 or words[k - 1].sentence != w.sentence else 0.0,
                rescored, right_gain, total_gain, float(len(item["right"])),
            ]
            ws_ = WordScores(index_of[id(w)], feats, final)
            if self.hidden:
                h_next = hidden[nxt[-1] + 1] if nxt else hidden[toks[-1] + 1]
                ws_.hidden = torch.cat([hidden[toks[-1] + 1], h_next])
            results.append(ws_)
        return results


def same_word(a: str, b: str) -> bool:
    """Two spellings or forms of one word (defence/defense, fund/funds, organise/organize): never
    a swap, and never a suggestion."""
    if a == b:
        return True
    if " " in a or " " in b:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common >= 4 and abs(len(a) - len(b)) <= 3 and common >= min(len(a), len(b)) - 3:
        return True
    from rapidfuzz.distance import Levenshtein

    return len(a) >= 5 and a[:2] == b[:2] and Levenshtein.distance(a, b) <= 1


def _word_tokens(words: list[Word], offsets: list[tuple[int, int]], base: int, T: int) -> list[list[int]]:
    """The token indices of each word (tokens overlapping its characters)."""
    spans: list[list[int]] = []
    t = 0
    for w in words:
        s, e = w.start - base, w.end - base
        while t < T and offsets[t][1] <= s:
            t += 1
        toks = []
        u = t
        while u < T and offsets[u][0] < e:
            toks.append(u)
            u += 1
        spans.append(toks)
    return spans
