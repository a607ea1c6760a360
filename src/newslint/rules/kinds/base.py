"""Base class of rule kinds and the per-document context they share."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from ...document import Document
from ...model import Match
from ...termindex import letter_runs, lower_run_set, normalise
from ...textutil import RangeSet, document_quote_ranges
from ..spec import Option, RuleSpec

if TYPE_CHECKING:
    from ...resources import Resources


class CheckContext:
    """Everything about one document that several rules need, computed once."""

    def __init__(self, doc: Document, resources: "Resources", article_date: date | None = None) -> None:
        self.doc = doc
        self.text = doc.lint_text
        self.resources = resources
        self.article_date = article_date or doc.article_date
        # spans the names rules resolved as known names (grammar drops spelling matches there)
        self.known_name_spans: list[tuple[int, int]] = []
        self.memo: dict[object, object] = {}  # per-document results shared between rules

    def normalised(self, ignore_case: bool) -> str:
        """The lint text normalised for literal term search (same length), made once per document."""
        key = ("normalised", ignore_case)
        cached = self.memo.get(key)
        if cached is None:
            cached = self.memo[key] = normalise(self.text, ignore_case)
        return cached  # type: ignore[return-value]

    def letter_runs(self) -> list[str]:
        """The runs of letters of the lower-cased lint text, in order, made once per document
        (cheap first tests of rules: a doubled word, foreign function words)."""
        cached = self.memo.get("letter-runs")
        if cached is None:
            cached = self.memo["letter-runs"] = letter_runs(self.normalised(True))
        return cached  # type: ignore[return-value]

    def letter_run_set(self) -> frozenset[str]:
        """The distinct runs of letters of the lower-cased lint text, made once per document (set
        operations in C against word lists: which words of a list the document has)."""
        cached = self.memo.get("letter-run-set")
        if cached is None:
            # (the term lists' automata ask for the same set: made once)
            cached = self.memo["letter-run-set"] = lower_run_set(self.text, self.letter_runs())
        return cached  # type: ignore[return-value]

    @cached_property
    def quotes(self) -> RangeSet:
        """Direct quotes in the document, found in the text a reader sees (markup blanked,
        character references decoded) at offsets of the original text."""
        return RangeSet(document_quote_ranges(self.doc.text, self.doc.lint_text))


class RuleKind:
    """A kind of rule; a YAML rule is an instance of one kind with its options."""

    OPTIONS: ClassVar[dict[str, Option]] = {}
    ORDER: ClassVar[int] = 50  # lower runs first (names before grammar)
    # suggestions that are themselves a case fix or a repair of the found characters (lower-case
    # proper nouns, mojibake, homoglyphs, a grammar checker's own): the engine does not recase them
    CASE_FINAL: ClassVar[bool] = False

    def __init__(self, spec: RuleSpec, resources: "Resources") -> None:
        self.spec = spec
        self.options: dict[str, Any] = spec.options
        self.resources = resources
        self.prepare()

    @classmethod
    def validate(cls, spec: RuleSpec) -> None:
        """Check options beyond their types (e.g. that regexes compile); raise ValueError."""

    def prepare(self) -> None:
        """Build matchers from options once, at load time."""

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        """Yield matches in the document."""
        raise NotImplementedError
