"""replaced_word and spun_article: words a spinner or a word-for-word translator swapped in,
found by the wording model (newslint.wording) under --deep, and one verdict per document."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from ...model import Match, Severity, Span
from ...wording import DeepUnavailable
from ..spec import Option
from .base import CheckContext, RuleKind

log = logging.getLogger("newslint")


class _DeepRule(RuleKind):
    """Shared loading of the --deep detector: lazily, once per process; when it cannot be used the
    rule says why once (a notice) and yields nothing, and the other rules still run."""

    ORDER = 95

    def prepare(self) -> None:
        self._detector: Any = None
        self._state = "new"  # new | ready | down
        self.notices: list[str] = []

    def __getstate__(self) -> dict[str, Any]:  # worker processes load their own model
        state = dict(self.__dict__)
        state["_detector"] = None
        state["_state"] = "new" if state.get("_state") == "ready" else state.get("_state")
        return state

    def detector(self) -> Any:
        """The detector, or None when it cannot be used (the reason is in `notices`)."""
        if self._state == "new" and self.options["model"] in self._failed():
            self._state = "down"  # another wording rule already tried and said why
        if self._state == "new":
            try:
                from ...wording.detector import deep_available, load_detector

                reason = deep_available()
                if reason:
                    raise DeepUnavailable(reason)
                self._detector = load_detector(self.options["model"])
                self._state = "ready"
            except DeepUnavailable as exc:
                self._down(str(exc))
            except Exception as exc:  # a library failing in an unexpected way
                self._down(f"the wording model failed to load: {type(exc).__name__}: {exc}")
        return self._detector if self._state == "ready" else None

    def _failed(self) -> dict[str, str]:
        """model -> why it cannot be used, shared by the wording rules of one Linter (said once)."""
        found = getattr(self.resources, "wording_failures", None)
        if found is None:
            found = {}
            self.resources.wording_failures = found  # type: ignore[attr-defined]
        return found

    def _down(self, reason: str) -> None:
        self._state = "down"
        message = f"{reason}; the wording checks (--deep) are skipped, the other rules still run"
        self._failed()[self.options["model"]] = message
        self.notices.append(message)
        log.warning(message)

    def preflight(self) -> bool:
        """Load the model now (the CLI calls this before the first file); True if usable."""
        return self.detector() is not None

    def document_scores(self, ctx: CheckContext) -> Any:
        """The detector's scores for this document, computed once for all wording rules."""
        detector = self.detector()
        if detector is None:
            return None
        key = ("wording-scores", self.options["model"])
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = detector.score(ctx.text)
        return found


class ReplacedWord(_DeepRule):
    """Words a spinner or translator probably put in place of another (a thesaurus synonym, a
    word-for-word rendering), with the likely original. Needs --deep (the wording model). Findings
    are info, warnings only at a probability where the detector was precise on held-out text;
    never fixed automatically."""

    OPTIONS = {
        "model": Option("str", "language model: a known name (smollm2) or a path to a .gguf file", "smollm2"),
        "threshold": Option("float", "detector probability at which a word is reported (0: the trained head's own)", 0.0, minimum=0.0),
        "warning_at": Option("float", "probability at which a finding is a warning instead of info (above every out-of-fold clean score in training and 0.2 per 1,000 words of news-en)", 0.99, minimum=0.0),
        "max_suggestions": Option("int", "likely originals offered per finding", 3, minimum=1),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        scores = self.document_scores(ctx)
        if scores is None:
            return
        threshold = self.options["threshold"] or None
        for swap in scores.swaps:
            if threshold is not None and swap.probability < threshold:
                continue
            severity = Severity.WARNING if swap.probability >= self.options["warning_at"] else Severity.INFO
            suggestions = tuple(swap.suggestions[: self.options["max_suggestions"]])
            yield Match(Span(swap.start, swap.end), suggestions, safe=False, severity=severity,
                        message_vars=(("probability", f"{swap.probability:.2f}"),
                                      ("originals", ", ".join(f"'{s}'" for s in suggestions) or "no likely original found")))


class SpunArticle(_DeepRule):
    """One finding per document that reads as machine-spun: how many words the detector thinks were
    swapped per 1,000 words, with examples. Info; a warning above a score that at most 1 % of
    clean news articles reach."""

    OPTIONS = {
        "model": Option("str", "language model: a known name (smollm2) or a path to a .gguf file", "smollm2"),
        "min_words": Option("int", "documents shorter than this get no verdict", 150, minimum=1),
        "info_at": Option("float", "swaps per 1,000 words at which the document is reported (info)", 10.0, minimum=0.0),
        "warning_at": Option("float", "swaps per 1,000 words at which the report is a warning (the 99th percentile of news-en articles, bench/phrasing.py --documents)", 25.0, minimum=0.0),
        "examples": Option("int", "example swaps named in the message", 3, minimum=0),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        scores = self.document_scores(ctx)
        if scores is None:
            return
        if scores.notice:
            yield Match(Span(0, 0), (), safe=False, severity=Severity.INFO,
                        message=f"wording model: {scores.notice}")
        if scores.words < self.options["min_words"]:
            return
        rate = 1000.0 * len(scores.swaps) / max(1, scores.words)
        if rate < self.options["info_at"]:
            return
        severity = Severity.WARNING if rate >= self.options["warning_at"] else Severity.INFO
        examples = sorted(scores.swaps, key=lambda s: -s.probability)[: self.options["examples"]]
        listed = "; ".join(f"'{s.text}'" + (f" (likely '{s.suggestions[0]}')" if s.suggestions else "") for s in examples)
        yield Match(Span(0, 0), (), safe=False, severity=severity,
                    message_vars=(("swaps", str(len(scores.swaps))), ("rate", f"{rate:.1f}"), ("examples", listed),
                                  ("words", str(scores.words))))


def spun_score(scores: Any) -> float:
    """Swaps per 1,000 words of a document's DocumentScores (the report's column)."""
    return 1000.0 * len(scores.swaps) / max(1, int(scores.words))
