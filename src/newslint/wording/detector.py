"""The replaced-word detector: words of a text -> features (a FeatureSource) -> the trained head
-> words that were probably swapped, each with its likely originals.

The feature source is the language model (features.LMFeatures) under --deep; tests use a small
stand-in with the same interface, so everything here runs without the model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from . import DeepUnavailable
from .features import WordScores
from .head import Head
from .thesaurus import DATA
from .words import Word, split_words

HEAD_FILE = "head.npz"
DEFAULT_MAX_WORDS = 20_000  # words per document read by the model; the rest is skipped with a notice
DEFAULT_MAX_SECONDS = 60.0


class FeatureSource(Protocol):
    """Gives per-word features for the checkable words of a text."""

    def extract(self, text: str, words: list[Word], deadline: Callable[[], bool] | None = None) -> list[WordScores]: ...


@dataclass(frozen=True, slots=True)
class Swap:
    """A word the detector thinks a spinner or translator put in place of another."""

    start: int
    end: int
    text: str
    probability: float
    suggestions: tuple[str, ...]  # likely originals, best first


@dataclass
class DocumentScores:
    """Everything the detector says about one document."""

    words: int  # words read by the model
    checked: int  # checkable words scored
    probabilities: list[float]  # per scored word
    swaps: list[Swap]  # words at or above the detector's threshold
    notice: str = ""  # why part of the document was not read (length or time limit)


class Detector:
    """Trained head over a feature source."""

    def __init__(self, source: FeatureSource, head: Head, threshold: float | None = None,
                 max_words: int = DEFAULT_MAX_WORDS, max_seconds: float = DEFAULT_MAX_SECONDS) -> None:
        self.source = source
        self.head = head
        meta = head.meta or {}
        self.threshold = float(threshold if threshold is not None else meta.get("threshold", 0.5))
        self.max_words = max_words
        self.max_seconds = max_seconds
        self._lock = threading.Lock()  # the model is not re-entrant

    def score(self, text: str) -> DocumentScores:
        """Score the checkable words of `text` (bounded by max_words and max_seconds)."""
        import numpy as np

        words = split_words(text)
        notice = ""
        if len(words) > self.max_words:
            notice = (f"only the first {self.max_words:,} of {len(words):,} words were read by the wording model "
                      "(a length limit per document)")
            words = words[: self.max_words]
        if not any(w.checkable for w in words):
            return DocumentScores(len(words), 0, [], [], notice)
        started = time.monotonic()
        stopped = False

        def deadline() -> bool:
            nonlocal stopped
            stopped = time.monotonic() - started > self.max_seconds
            return stopped

        with self._lock:
            scores = self.source.extract(text, words, deadline)
        if stopped and not notice:
            notice = (f"the wording model stopped after {self.max_seconds:g} s on this document; "
                      "its later words were not read")
        if not scores:
            return DocumentScores(len(words), 0, [], [], notice)
        X = np.array([s.features for s in scores], dtype=np.float32)[:, self.head.columns()]
        if self.head.hidden_dims:
            X = np.hstack([X, np.stack([np.asarray(s.hidden, dtype=np.float32) for s in scores])])
        probs = self.head.predict(X).tolist()
        swaps = []
        for s, p in zip(scores, probs):
            if p >= self.threshold:
                w = words[s.index]
                if s.candidates and is_abbreviation(w.lower, s.candidates[0][0].lower()):
                    continue  # "pct" for percent, "govt" for government: a house style, not a swap
                swaps.append(Swap(w.start, w.end, w.text, float(p), tuple(c for c, _ in s.candidates[:3])))
        return DocumentScores(len(words), len(scores), probs, swaps, notice)


def is_abbreviation(short: str, long: str) -> bool:
    """`short` (at most 4 letters) abbreviates `long`: same first letter, its letters in order."""
    from .words import FUNCTION_WORDS

    if not 2 <= len(short) <= 4 or len(long) < len(short) + 2 or short[0] != long[0] or " " in long or short in FUNCTION_WORDS:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


_LOADED: dict[tuple[str, int], Detector] = {}
_LOAD_LOCK = threading.Lock()


def load_detector(model: str = "smollm2", threads: int = 1, head_path: Path | None = None) -> Detector:
    """The --deep detector for a model name or .gguf path, loaded once per process."""
    from ..resources import Resources, cache_dir
    from .features import LMFeatures
    from .lm import load_language_model
    from .models import model_path
    from .thesaurus import Thesaurus

    key = (model, threads)
    with _LOAD_LOCK:
        found = _LOADED.get(key)
        if found is not None:
            return found
        path = model_path(model)
        lm = load_language_model(path, cache_dir(), threads=threads)
        head = Head.load(head_path or DATA / HEAD_FILE)
        settings = (head.meta or {}).get("extractor", {})
        source = LMFeatures(lm, Thesaurus.load(), Resources().lexicon.zipf, hidden=head.hidden_dims > 0,
                            **{k: v for k, v in settings.items() if k in ("rescore_top", "rescore_min_gain", "max_candidates")})
        detector = Detector(source, head)
        _LOADED[key] = detector
        return detector


def deep_available() -> str | None:
    """None when the deep extra is installed, else a one-line reason."""
    import importlib.util

    for module, package in (("torch", "torch"), ("gguf", "gguf"), ("tokenizers", "tokenizers"), ("numpy", "numpy")):
        if importlib.util.find_spec(module) is None:
            return f"--deep needs the deep extra ({package} is not installed): pip install 'newslint[deep]'"
    return None


__all__ = ["Detector", "DocumentScores", "FeatureSource", "Swap", "load_detector", "deep_available", "DeepUnavailable"]
