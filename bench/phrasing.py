"""Precision-recall of the replaced-word detector (NL210, --deep) on the HELD-OUT phrasing pairs
(bench/phrasing/heldout.txt, never used in training or tuning), against random flagging at the
same density.

For thresholds giving 0.25 ... 10 flags per 1,000 clean words (the original sentences of the
held-out pairs and its clean sentences), prints the recall of the swapped spans (a span counts
when a word in it is flagged), the share whose original is among the top 3 suggestions, and the
same for a random flagger of checkable words at the same density (with the same suggestions).
`--news-en N` also measures the density on N clean articles of ../shared/corpus/news-en
(research-only corpus: measured, never trained on). `--documents` scores whole documents (the
spun-article score, NL211): held-out spun sentences and clean ones packed into documents, and
news-en articles for the 1 % calibration.

    nice -n 10 python bench/phrasing.py [--news-en 300] [--documents]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import phrasing_data  # noqa: E402
from phrasing_data import FeatureCache, extract_group  # noqa: E402

DENSITIES = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
GROUP = 6  # sentences read together, as in training


def word_count(text: str) -> int:
    from newslint.wording.words import split_words

    return len(split_words(text))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news-en", type=int, default=0, help="also measure the flag density on N news-en articles")
    ap.add_argument("--documents", action="store_true", help="document-level spun score curve")
    ap.add_argument("--head", type=Path, default=None, help="head file (default: the shipped one)")
    ap.add_argument("--styles", default="spin,mt,tp", help="which pair styles count for recall")
    ap.add_argument("--cheap", action="store_true", help="only the cheap spun score without the model (document curve)")
    args = ap.parse_args()
    if args.cheap:
        cheap_curve(args.news_en)
        return
    import numpy as np

    from newslint.resources import Resources, cache_dir
    from newslint.wording.detector import HEAD_FILE
    from newslint.wording.features import LMFeatures
    from newslint.wording.head import Head
    from newslint.wording.lm import load_language_model
    from newslint.wording.models import default_model_path
    from newslint.wording.thesaurus import DATA, Thesaurus
    from newslint.wording.words import split_words

    head = Head.load(args.head or DATA / HEAD_FILE)
    settings = (head.meta or {}).get("extractor", {})
    t0 = time.time()
    lm = load_language_model(default_model_path(), cache_dir(), threads=1)
    print(f"model loaded in {time.time() - t0:.1f} s", file=sys.stderr)
    extractor = LMFeatures(lm, Thesaurus.load(), Resources().lexicon.zipf, hidden=head.hidden_dims > 0,
                           **{k: v for k, v in settings.items() if k in ("rescore_top", "rescore_min_gain", "max_candidates")})
    cache = FeatureCache("bench-v3")
    items = phrasing_data.load(phrasing_data.HELDOUT)
    styles = set(args.styles.split(","))
    # sentences to read: the original of every item (clean text) and the printed form of pairs
    sentences: list[tuple[str, str, object]] = []  # (kind, text, item)
    for it in items:
        sentences.append(("clean", it.original, it))
        if it.edits and it.style in styles:
            sentences.append(("printed", it.printed, it))
    order = list(range(len(sentences)))
    random.Random(11).shuffle(order)
    rows: dict[int, list] = {}
    started = time.time()
    for g in range(0, len(order), GROUP):
        idx = order[g:g + GROUP]
        for i, got in zip(idx, extract_group(extractor, cache, [sentences[i][1] for i in idx])):
            rows[i] = got
    cache.save()
    elapsed = time.time() - started

    def probs(got: list) -> list[float]:
        if not got:
            return []
        X = np.array([g[1] for g in got], dtype=np.float32)[:, head.columns()]
        if head.hidden_dims:
            X = np.hstack([X, np.array([g[3] for g in got], dtype=np.float32)])
        return head.predict(X).tolist()

    clean_scores: list[float] = []
    clean_words = 0
    clean_checkable = 0
    spans: list[dict] = []
    for i, (kind, text, it) in enumerate(sentences):
        got = rows.get(i, [])
        p = probs(got)
        words = split_words(text)
        if kind == "clean":
            clean_scores += p
            clean_words += len(words)
            clean_checkable += sum(w.checkable for w in words)
            continue
        for e in it.edits:  # type: ignore[attr-defined]
            inside = [(g, pr) for g, pr in zip(got, p) if words[g[0]].start < e.end and e.start < words[g[0]].end]
            n_check = sum(1 for w in words if w.checkable and w.start < e.end and e.start < w.end)
            best = max(inside, key=lambda x: x[1]) if inside else None
            top3 = [c.lower() for c, _ in best[0][2][:3]] if best else []
            # the suggestion a random flagger would show at this span (same engine)
            any_top3 = any(e.original.lower() in [c.lower() for c, _ in g[2][:3]] for g, _ in inside)
            spans.append({"style": it.style, "score": best[1] if best else -1.0,  # type: ignore[attr-defined]
                          "top3": e.original.lower() in top3, "n_check": n_check, "any_top3": any_top3,
                          "one_word": " " not in e.found.strip() and " " not in e.original.strip()})
    scored_words = sum(len(r) for r in rows.values())
    print(f"held-out: {len(items)} items, {len(spans)} swapped spans ({', '.join(sorted(styles))}), "
          f"{clean_words} clean words ({clean_checkable} checkable); features for {scored_words} words in "
          f"{elapsed:.0f} s (cached after the first run)")
    sc = np.sort(np.array(clean_scores))[::-1]
    news = news_scores(args.news_en, extractor, head, probs) if args.news_en else None
    print()
    print("flags/1k clean | threshold | recall | orig in top 3 | random recall | random top 3 | recall/random"
          + (" | news-en flags/1k" if news else ""))
    print("---|---|---|---|---|---|---" + ("|---" if news else ""))
    for d in DENSITIES:
        k = int(round(d * clean_words / 1000))
        thr = float(sc[k]) if k < len(sc) else 0.0
        flagged = [s for s in spans if s["score"] > thr]
        recall = len(flagged) / len(spans)
        top3 = sum(s["top3"] for s in flagged) / len(spans)
        p = min(1.0, k / max(1, clean_checkable))  # random flagger: each checkable word with this chance
        rnd = sum(1 - (1 - p) ** s["n_check"] for s in spans) / len(spans)
        rnd_top3 = sum((1 - (1 - p) ** s["n_check"]) * s["any_top3"] for s in spans) / len(spans)
        ratio = recall / rnd if rnd else float("inf")
        line = f"{d:g} | {thr:.3f} | {recall:.3f} | {top3:.3f} | {rnd:.4f} | {rnd_top3:.4f} | {ratio:.0f}x"
        if news:
            nscores, nwords = news
            line += f" | {1000 * sum(1 for x in nscores if x > thr) / nwords:.2f}"
        print(line)
    if news:
        # the density: flags per 1,000 words of clean NEWS (news-en), not of the held-out clean sentences
        nscores, nwords = news
        ns = np.sort(np.array(nscores))[::-1]
        k_news = int(1.0 * nwords / 1000)  # at most this many flags on news-en
        thr_news = float(ns[k_news]) if k_news < len(ns) else 0.0
        flagged = [s for s in spans if s["score"] > thr_news]
        recall = len(flagged) / len(spans)
        top3 = sum(s["top3"] for s in flagged) / len(spans)
        held = sum(1 for x in clean_scores if x > thr_news)
        p = min(1.0, clean_words / 1000 / max(1, clean_checkable))  # random flagger: 1 flag per 1,000 words
        rnd = sum(1 - (1 - p) ** s["n_check"] for s in spans) / len(spans)
        print(f"at <= 1 flag per 1,000 news-en words (threshold {thr_news:.3f}, {1000 * sum(1 for x in nscores if x > thr_news) / nwords:.2f}/1k "
              f"on {nwords} news-en words; {1000 * held / clean_words:.2f}/1k held-out clean): recall {recall:.3f}, original in top 3 "
              f"{top3:.3f}; random flagging at 1 per 1,000 words {rnd:.4f} ({recall / rnd:.0f}x)")
    print()
    for style in sorted(styles):
        ss = [s for s in spans if s["style"] == style]
        if ss:
            k = int(round(1.0 * clean_words / 1000))
            thr = float(sc[k]) if k < len(sc) else 0.0
            print(f"style {style}: {len(ss)} spans, recall at 1 flag/1k clean words {sum(s['score'] > thr for s in ss) / len(ss):.3f}")
    thr_meta = (head.meta or {}).get("threshold")
    if thr_meta is not None:
        n_fp = sum(1 for x in clean_scores if x >= thr_meta)
        rec = sum(1 for s in spans if s["score"] >= thr_meta) / len(spans)
        print(f"shipped threshold {thr_meta:.3f}: {1000 * n_fp / clean_words:.2f} flags per 1,000 held-out clean words, recall {rec:.3f}"
              + (f", news-en {1000 * sum(1 for x in news[0] if x >= thr_meta) / news[1]:.2f} per 1,000 words" if news else ""))
    if args.documents:
        documents(items, rows, sentences, probs, head, args, extractor)


def news_scores(n: int, extractor, head, probs):  # type: ignore[no-untyped-def]
    """Detector probabilities of the checkable words of the first n news-en articles."""
    from _corpus import DEFAULT_CORPUS, load_corpus

    from newslint.wording.words import split_words

    cache = FeatureCache("bench-news-v3")
    scores: list[float] = []
    words = 0
    for name, text in load_corpus(DEFAULT_CORPUS, n):
        got = cache.get(name)
        if got is None:
            ws = split_words(text)
            got = [(s.index, s.features, s.candidates[:3], None) for s in extractor.extract(text, ws)]
            cache.put(name, got)
        scores += probs(got)
        words += len(split_words(text))
    cache.save()
    return scores, words


def documents(items, rows, sentences, probs, head, args, extractor) -> None:  # type: ignore[no-untyped-def]
    """The spun-article score (flags per 1,000 words at the shipped threshold) on documents made
    of held-out sentences: spun ones (printed spin sentences) and clean ones (originals and clean
    sentences), and on news-en articles."""
    import numpy as np

    thr = (head.meta or {}).get("threshold", 0.5)
    rng = random.Random(3)
    by_kind: dict[str, list[tuple[int, int]]] = {"spun": [], "clean": []}  # (flags, words) per sentence
    for i, (kind, text, it) in enumerate(sentences):
        p = probs(rows.get(i, []))
        n = word_count(text)
        if kind == "printed" and it.style == "spin":
            by_kind["spun"].append((sum(x >= thr for x in p), n))
        elif kind == "clean":
            by_kind["clean"].append((sum(x >= thr for x in p), n))
    docs: dict[str, list[float]] = {}
    for kind, ss in by_kind.items():
        rng.shuffle(ss)
        docs[kind] = [1000 * sum(f for f, _ in ss[j:j + 10]) / sum(n for _, n in ss[j:j + 10]) for j in range(0, len(ss) - 9, 10)]
    print()
    print(f"documents of 10 held-out sentences: spun {len(docs['spun'])}, clean {len(docs['clean'])}")
    print("spun: " + ", ".join(f"{x:.1f}" for x in sorted(docs["spun"])))
    print("clean: " + ", ".join(f"{x:.1f}" for x in sorted(docs["clean"])))
    if args.news_en:
        from _corpus import DEFAULT_CORPUS, load_corpus

        from newslint.wording.words import split_words

        cache = FeatureCache("bench-news-v3")
        rates = []
        for name, text in load_corpus(DEFAULT_CORPUS, args.news_en):
            got = cache.get(name)
            n = len(split_words(text))
            if got is None or n < 80:
                continue
            rates.append(1000 * sum(x >= thr for x in probs(got)) / n)
        if rates:
            q = np.percentile(rates, [50, 90, 99])
            print(f"news-en articles of 80+ words: {len(rates)}; swaps per 1,000 words median {q[0]:.1f}, "
                  f"90th {q[1]:.1f}, 99th {q[2]:.1f}, max {max(rates):.1f}")
            from newslint.resources import builtin_rules_dir
            from newslint.rules.loader import load_rules

            opts = next(s for s in load_rules([builtin_rules_dir()]) if s.id == "NL211").options
            for level in ("info_at", "warning_at"):
                at = float(opts[level])
                print(f"NL211 {level} {at:g}/1k: news-en {100 * np.mean(np.array(rates) >= at):.1f} % of articles, "
                      f"held-out spun documents {sum(x >= at for x in docs['spun'])}/{len(docs['spun'])}, "
                      f"clean {sum(x >= at for x in docs['clean'])}/{len(docs['clean'])}")
            at99 = float(np.percentile(rates, 99))
            print(f"a warning level reached by 1 % of news-en ({at99:.1f}/1k) is reached by "
                  f"{sum(x >= at99 for x in docs['spun'])}/{len(docs['spun'])} held-out spun documents")


def cheap_curve(news_n: int) -> None:
    """The cheap spun score (no model) on documents of held-out sentences and on news-en."""
    import numpy as np

    from newslint.resources import Resources
    from newslint.wording.spun import cheap_spun_score
    from newslint.wording.thesaurus import Thesaurus

    th = Thesaurus.load()
    zipf = Resources().lexicon.zipf
    items = phrasing_data.load(phrasing_data.HELDOUT)
    rng = random.Random(3)
    spun = [it.printed for it in items if it.style == "spin"]
    clean = [it.original for it in items]
    rng.shuffle(spun)
    rng.shuffle(clean)
    docs_spun = [cheap_spun_score(" ".join(spun[j:j + 10]), th, zipf) for j in range(0, len(spun) - 9, 10)]
    docs_clean = [cheap_spun_score(" ".join(clean[j:j + 10]), th, zipf) for j in range(0, len(clean) - 9, 10)]
    print(f"cheap spun score (no model), documents of 10 held-out sentences: spun {len(docs_spun)}, clean {len(docs_clean)}")
    print("spun: " + ", ".join(f"{x:.0f}" for x in sorted(docs_spun)))
    print("clean: " + ", ".join(f"{x:.0f}" for x in sorted(docs_clean)))
    if news_n:
        from _corpus import DEFAULT_CORPUS, load_corpus

        rates = [cheap_spun_score(t, th, zipf) for _, t in load_corpus(DEFAULT_CORPUS, news_n) if len(t.split()) >= 150]
        q = np.percentile(rates, [50, 90, 99])
        print(f"news-en articles of 150+ words: {len(rates)}; median {q[0]:.0f}, 90th {q[1]:.0f}, 99th {q[2]:.0f}")
        for x in sorted(docs_spun):
            print(f"  spun document at {x:.0f}: above {100 * np.mean(np.array(rates) < x):.0f} % of news-en")


if __name__ == "__main__":
    main()
