"""grammar: findings from a grammar backend (LanguageTool or Harper), opt-in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...grammar import BACKEND_NAMES, GrammarBackend, make_backend
from ...grammar.harper import DIALECTS
from ...model import Match, Severity, Span
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind
from .script import ALL_FOREIGN as FUNCTION_WORDS


class Grammar(RuleKind):
    """Runs a grammar backend over the lint text. The backend starts on first use, with a short
    pre-flight check; when it cannot be used it warns once and the rule yields nothing.
    Spelling matches inside names resolved by the names rules (or known to the dictionaries)
    are dropped; style and typography matches are reported as info. Fixes are never safe."""

    CASE_FINAL = True  # the checker's own, already cased

    ORDER = 90  # after the names rules, whose resolved spans it reads
    OPTIONS = {
        "backend": Option("str", "which grammar checker", "languagetool", choices=BACKEND_NAMES),
        "url": Option("str", "LanguageTool server URL (else $NEWSLINT_LANGUAGETOOL_URL, else a local install)", ""),
        "language": Option("str", "language code sent to LanguageTool", "en-US"),
        "dialect": Option("str", "Harper's English dialect", "american", choices=DIALECTS),
        "timeout": Option("float", "seconds one LanguageTool request may take", 15.0, minimum=0.1),
        "preflight_timeout": Option("float", "seconds the first LanguageTool contact may take", 2.0, minimum=0.05),
        "disabled_rules": Option("str_list", "the backend's rule ids that are never reported", []),
        "max_chars": Option("int", "longest piece of text sent to LanguageTool in one request", 20000, minimum=200),
        "drop_spelling_in_names": Option("bool", "drop spelling matches on known names", True),
        "spelling": Option("str", "spelling matches kept: all, lowercase (capitalised words are names: the names rules' job) or off",
                           "all", choices=("all", "lowercase", "off")),
        "accept_words": Option("str_list", "words never reported as misspelled (e.g. wire abbreviations)", []),
        "skip_all_caps": Option("bool", "drop matches on all-capital text (headlines, datelines, tickers)", True),
        "dialect_variants": Option("bool", "accept British spellings of known words (labour, centre, totalled, organisation)", True),
        "max_suggestions": Option("int", "suggestions kept per finding", 5, minimum=1),
    }

    def prepare(self) -> None:
        self.backend: GrammarBackend = make_backend(self.options["backend"], self.options)

    @property
    def source(self) -> str:
        """The backend that produced this rule's findings."""
        return self.backend.name

    @property
    def notices(self) -> list[str]:
        """Warnings the backend gave (at most one: why it is not used)."""
        return self.backend.notices

    def preflight(self) -> bool:
        """Start the backend now (the CLI may call this before the first file); True if usable."""
        return self.backend.preflight()

    def _dialect_variant(self, word: str, replacements: tuple[str, ...]) -> bool:
        """A British (or otherwise doubled-consonant) spelling of a known American word."""
        us = to_american(word)
        if us == word.casefold():
            return False
        return us in {r.casefold() for r in replacements} or self.resources.lexicon.zipf(us) >= 3.0

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if not text.strip():
            return
        drop_names = self.options["drop_spelling_in_names"]
        names = self.resources.names if drop_names else None
        spelling = self.options["spelling"]
        accepted = {w.casefold() for w in self.options["accept_words"]}
        for issue in self.backend.check(text):
            if not 0 <= issue.start < issue.end <= len(text):
                continue
            word = text[issue.start:issue.end]
            if self.options["skip_all_caps"] and (_all_caps(word) or _all_caps(_line_of(text, issue.start))):
                continue  # an all-capital word, or a headline line
            if issue.spelling:
                if spelling == "off" or word.casefold() in accepted or len(word.strip(".'’")) < 2:
                    continue
                if word.casefold() in FUNCTION_WORDS:
                    continue  # "und", "du", "della" inside foreign names
                if self.options["dialect_variants"] and self._dialect_variant(word, issue.replacements):
                    continue
                if spelling == "lowercase" and any(c.isupper() for c in word):
                    continue
                if drop_names and any(s < issue.end and issue.start < e for s, e in ctx.known_name_spans):
                    continue
                if names is not None and word[:1].isupper() and (names.lookup(word) or names.is_known_token(fold(word))):
                    continue
            yield Match(
                Span(issue.start, issue.end),
                tuple(issue.replacements[: self.options["max_suggestions"]]),
                safe=False,
                severity=Severity.INFO if issue.style else None,
                message_vars=(("detail", issue.message.strip()), ("backend", self.backend.name),
                              ("backend_rule", issue.rule)),
            )


# British -> American spelling rewrites (word endings and a few stems)
_UK_US = [
    (re.compile(r"isation(s?)$"), r"ization\1"), (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"), (re.compile(r"our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"), (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"ogue(s?)$"), r"og\1"), (re.compile(r"ence(s?)$"), r"ense\1"), (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"ae"), "e"), (re.compile(r"oe"), "e"),
]


def to_american(word: str) -> str:
    """The American spelling a British form most likely corresponds to (lower case)."""
    w = word.casefold()
    for pattern, repl in _UK_US:
        w = pattern.sub(repl, w)
    return w


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
