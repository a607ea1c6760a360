"""Train the replaced-word head of newslint's --deep wording model.

Training text (never the research-only news-en corpus): the sentences of
bench/phrasing/train.txt (written for newslint; both halves of each pair) and news-style text the
Apache-2.0 SmolLM2 model generated itself (tools/wording_generate.py). Clean sentences are
corrupted the way spinners and translators corrupt them (recipe "spin": thesaurus swaps of 1-3
common words; recipe "mt": preposition and article swaps and rare-synonym swaps), and the head
learns which words were replaced. bench/phrasing/heldout.txt is never read here.

Features are cached on disk (outside the repository). Run under `nice -n 10`:

    nice -n 10 python tools/train_wording.py --generated ~/.cache/newslint-train/generated.jsonl \
        --recipes spin,mt --features scalar --out src/newslint/wording/data/head.npz
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

import phrasing_data  # noqa: E402
from phrasing_data import FeatureCache, extract_group  # noqa: E402
from newslint.resources import Resources, cache_dir  # noqa: E402
from newslint.wording.thesaurus import Thesaurus  # noqa: E402
from newslint.wording.words import FUNCTION_WORDS, split_words  # noqa: E402

CACHE = Path.home() / ".cache" / "newslint-train"
PREPOSITIONS = ["in", "on", "at", "of", "for", "to", "from", "with", "by", "about", "into", "over", "after", "during", "under"]
ARTICLES = ["the", "a", "an"]


def sentences_of(text: str) -> list[str]:
    out = []
    for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
        s = s.strip()
        n = len(s.split())
        if 8 <= n <= 45 and s[-1:] in ".!?" and not re.search(r"https?:|www\.|[#<>{}|@]|\*\*", s) and s[:1].isupper():
            out.append(s)
    return out


def forward_table(th: Thesaurus) -> dict[str, list[str]]:
    """original -> printed forms (the thesaurus read forwards)."""
    fwd: dict[str, list[str]] = defaultdict(list)
    for printed, originals in th.table.items():
        for o in originals:
            fwd[o].append(printed)
    return fwd


def corrupt(sentence: str, recipe: str, fwd: dict[str, list[str]], zipf, rng: random.Random
            ) -> tuple[str, list[tuple[int, int]]] | None:
    """A corrupted copy of `sentence` and the printed spans that were replaced."""
    words = [w for w in split_words(sentence) if w.checkable]
    if not words:
        return None
    choices: list[tuple[int, int, str]] = []
    if recipe == "spin":
        pool = [w for w in words if w.lower not in FUNCTION_WORDS and fwd.get(w.lower)]
        rng.shuffle(pool)
        for w in pool[: rng.choice([1, 1, 2, 2, 3])]:
            options = [p for p in fwd[w.lower] if zipf(p.split(" ")[0]) >= 2.0]
            if not options:
                continue
            p = rng.choice(options)
            choices.append((w.start, w.end, p))
    elif recipe == "mt":
        preps = [w for w in words if w.lower in PREPOSITIONS]
        arts = [w for w in words if w.lower in ARTICLES]
        content = [w for w in words if w.lower not in FUNCTION_WORDS and fwd.get(w.lower)]
        kind = rng.choice(["prep", "prep", "art", "rare"])
        if kind == "prep" and preps:
            w = rng.choice(preps)
            choices.append((w.start, w.end, rng.choice([p for p in PREPOSITIONS if p != w.lower])))
        elif kind == "art" and arts:
            w = rng.choice(arts)
            choices.append((w.start, w.end, rng.choice([a for a in ARTICLES if a != w.lower])))
        elif content:
            w = rng.choice(content)
            rare = [p for p in fwd[w.lower] if zipf(p.split(" ")[0]) <= zipf(w.lower) - 1.0 and zipf(p.split(" ")[0]) >= 1.5]
            if rare:
                choices.append((w.start, w.end, rng.choice(rare)))
    if not choices:
        return None
    choices.sort()
    out, spans, pos, shift = [], [], 0, 0
    for s, e, rep in choices:
        orig = sentence[s:e]
        if orig[:1].isupper():
            rep = rep[:1].upper() + rep[1:]
        out.append(sentence[pos:s])
        start = s + shift
        out.append(rep)
        spans.append((start, start + len(rep)))
        shift += len(rep) - len(orig)
        pos = e
    out.append(sentence[pos:])
    return "".join(out), spans


LEFT_ONLY = ("rescored", "right_gain", "total_gain", "right_len")


def columns(kind: str) -> list[int]:
    """Feature columns of a feature set: "left" (left context only), "scalar" (with the re-scored
    candidates), "hidden" (scalar plus the model's hidden states)."""
    from newslint.wording.features import SCALAR_FEATURES

    n = len(SCALAR_FEATURES)
    if kind == "left":
        return [i for i, f in enumerate(SCALAR_FEATURES) if f not in LEFT_ONLY]
    return list(range(n))


def recall_at(scores_clean, n_clean_words, scores_spans, densities=(0.5, 1, 2, 5)):
    """Recall of replaced spans (a span counts when any of its words scores above the threshold)
    at thresholds giving each density of flags per 1,000 clean words."""
    import numpy as np

    out = {}
    sc = np.sort(np.asarray(scores_clean))[::-1]
    for d in densities:
        k = int(d * n_clean_words / 1000)
        thr = sc[k] if k < len(sc) else -1.0
        out[d] = (float(np.mean([max(s) > thr if s else False for s in scores_spans])), float(thr))
    return out


def validate(rows_by_group, feature_kinds=("left", "scalar", "hidden"), models=("logreg", "mlp"),
             recipe_sets=(("spin",), ("spin", "mt"), ("spin", "mt", "pair"))):
    """2-fold validation on the written training pairs: train on synthetic rows of one fold's
    sentences (and the generated text), measure on the other fold's real pairs and clean words."""
    import numpy as np

    for kind, model, recipes in [(k, m, r) for k in feature_kinds for m in models for r in recipe_sets]:
        if kind == "hidden" and model == "mlp":
            continue
        if True:
            res = []
            for fold in (0, 1):
                tr = [r for r in rows_by_group if r["fold"] != fold and r["group"] in ("clean", *recipes)]
                te_pairs = [r for r in rows_by_group if r["fold"] == fold and r["group"] == "pair"]
                te_clean = [r for r in rows_by_group if r["fold"] == fold and r["group"] == "clean" and r["own"]]
                cols = columns(kind)
                def mat(rows):
                    X = np.array([[r["x"][c] for c in cols] for r in rows], dtype=np.float32)
                    if kind == "hidden":
                        X = np.hstack([X, np.array([r["h"] for r in rows], dtype=np.float32)])
                    return X
                from newslint.wording.head import fit_head
                head = fit_head(mat(tr), np.array([r["y"] for r in tr]), model=model,
                                hidden_dims=1152 if kind == "hidden" else 0, C=0.05 if kind == "hidden" else 1.0)
                clean_scores = head.predict(mat(te_clean)) if te_clean else []
                n_words = sum(r["n_words"] for r in te_clean if r["first"])
                # spans: group pair rows by (sentence, span)
                spans = defaultdict(list)
                ps = head.predict(mat(te_pairs)) if te_pairs else []
                for r, p in zip(te_pairs, ps):
                    if r["span"] is not None:
                        spans[(r["sent"], r["span"])].append(float(p))
                all_spans = [spans.get(k, []) for k in {(r["sent"], sp) for r in te_pairs for sp in r["spans"]}]
                res.append((clean_scores, n_words, all_spans))
            clean = np.concatenate([np.asarray(c) for c, _, _ in res])
            n = sum(x for _, x, _ in res)
            sp = [s for _, _, ss in res for s in ss]
            r = recall_at(clean, n, sp)
            print(f"{kind:7} {model:6} {'+'.join(recipes):8} clean words {n}, spans {len(sp)}: " +
                  "  ".join(f"@{d}/1k recall {v[0]:.2f} (thr {v[1]:.3f})" for d, v in r.items()), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--generated", type=Path, default=CACHE / "generated.jsonl")
    ap.add_argument("--max-generated", type=int, default=4000, help="generated sentences used")
    ap.add_argument("--recipes", default="spin,mt")
    ap.add_argument("--copies", type=int, default=2, help="corrupted copies per clean sentence and recipe")
    ap.add_argument("--features", default="scalar", choices=["left", "scalar", "hidden"])
    ap.add_argument("--model", choices=["logreg", "mlp"], default="mlp")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--density", type=float, default=1.0, help="flags per 1,000 clean words at the shipped threshold")
    ap.add_argument("--group", type=int, default=6, help="sentences read together as one text")
    ap.add_argument("--validate", action="store_true", help="2-fold validation on the written training pairs")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    from newslint.wording.features import LMFeatures
    from newslint.wording.lm import load_language_model
    from newslint.wording.models import default_model_path

    rng = random.Random(args.seed)
    th = Thesaurus.load()
    fwd = forward_table(th)
    zipf = Resources().lexicon.zipf
    want_hidden = args.features == "hidden" or args.validate
    lm = load_language_model(default_model_path(), cache_dir(), threads=1)
    extractor = LMFeatures(lm, th, zipf, rescore=True, hidden=True)
    cache = FeatureCache("v3")

    train_items = phrasing_data.load(phrasing_data.TRAIN)
    clean: list[tuple[str, int, bool]] = [(it.original, n % 2, True) for n, it in enumerate(train_items)]
    if args.generated.is_file():
        gen: list[str] = []
        for line in args.generated.read_text(encoding="utf-8").splitlines():
            gen += sentences_of(json.loads(line)["text"])
        rng.shuffle(gen)
        clean += [(g, -1, False) for g in gen[: args.max_generated]]
    print(f"{len(clean)} clean sentences ({len(clean) - len(train_items)} generated)", file=sys.stderr)
    examples: list[tuple[str, list[tuple[int, int]], str, int, bool]] = []  # sentence, spans, group, fold, own
    for s, fold, own in clean:
        examples.append((s, [], "clean", fold, own))
        for recipe in args.recipes.split(","):
            for _ in range(args.copies):
                got = corrupt(s, recipe, fwd, zipf, rng)
                if got:
                    examples.append((got[0], got[1], recipe, fold, own))
    for n, it in enumerate(train_items):  # the written pairs themselves, with their real labels
        if it.edits:
            examples.append((it.printed, [(e.start, e.end) for e in it.edits], "pair", n % 2, True))
    t0 = time.time()
    rows: list[dict] = []
    order = list(range(len(examples)))
    random.Random(5).shuffle(order)  # groups mix sentences of every kind
    for g0 in range(0, len(order), args.group):
        idx = order[g0:g0 + args.group]
        per = extract_group(extractor, cache, [examples[i][0] for i in idx])
        for n, got in zip(idx, per):
            s, spans, g, fold, own = examples[n]
            words = split_words(s)
            first = True
            for li, feats, _c, hid in got:
                w = words[li]
                span = next(((a_, b_) for a_, b_ in spans if w.start < b_ and a_ < w.end), None)
                rows.append({"x": feats, "h": hid, "y": int(span is not None), "group": g, "fold": fold, "own": own,
                             "sent": n, "span": span, "spans": spans, "n_words": len(words), "first": first,
                             "word": w.text, "text": s, "cands": _c})
                first = False
        if (g0 // args.group) % 20 == 0:
            print(f"{g0}/{len(examples)} sentences, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
            cache.save()
    cache.save()
    print(f"{len(rows)} words, {sum(r['y'] for r in rows)} replaced", file=sys.stderr)
    if args.validate:
        validate(rows)
    if args.out:
        from newslint.wording.head import fit_head

        kind = args.features
        cols = columns(kind)
        groups = ("clean", *args.recipes.split(","), "pair")

        def mat(rs: list[dict]) -> np.ndarray:
            X = np.array([[r["x"][c] for c in cols] for r in rs], dtype=np.float32)
            if kind == "hidden":
                X = np.hstack([X, np.array([r["h"] for r in rs], dtype=np.float32)])
            return X

        # the operating threshold, from out-of-fold scores of the written clean sentences (2 folds)
        clean_scores: list[float] = []
        clean_words = 0
        for fold in (0, 1):
            tr = [r for r in rows if r["fold"] != fold and r["group"] in groups]
            te = [r for r in rows if r["fold"] == fold and r["group"] == "clean" and r["own"]]
            h = fit_head(mat(tr), np.array([r["y"] for r in tr]), model=args.model,
                         hidden_dims=1152 if kind == "hidden" else 0, seed=args.seed)
            clean_scores += h.predict(mat(te)).tolist()
            clean_words += sum(r["n_words"] for r in te if r["first"])
        ranked = sorted(clean_scores, reverse=True)
        k = int(args.density * clean_words / 1000)
        threshold = float(ranked[k]) if k < len(ranked) else 0.5
        warning_at = float(min(0.999, ranked[0] + 0.01))  # above every out-of-fold clean score
        use = [r for r in rows if r["group"] in groups]
        from newslint.wording.features import SCALAR_FEATURES

        head = fit_head(mat(use), np.array([r["y"] for r in use]), model=args.model,
                        hidden_dims=1152 if kind == "hidden" else 0, seed=args.seed,
                        names=tuple(SCALAR_FEATURES[c] for c in cols),
                        meta={"features": kind, "model": args.model, "recipes": args.recipes, "sentences": len(clean),
                              "threshold": threshold, "warning_at": warning_at,
                              "calibration": f"{args.density} flags per 1,000 words on {clean_words} out-of-fold words of bench/phrasing/train.txt",
                              "extractor": {"rescore_top": extractor.rescore_top, "rescore_min_gain": extractor.rescore_min_gain,
                                            "max_candidates": extractor.max_candidates}})
        head.save(args.out)
        print(f"wrote {args.out}: threshold {threshold:.3f}, warning_at {warning_at:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
