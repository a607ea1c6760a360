"""Slips of machine translation inside a sentence: a stray or doubled full stop ("the ministers. they",
"statements. ."), a subject written twice ("the prime minister He said") and two finite
auxiliaries in a row ("has have been", "could it can")."""

from __future__ import annotations

import re
from collections.abc import Iterator

import ahocorasick_rs

from ...model import Match, Span
from ..spec import Option
from .base import CheckContext, RuleKind
from .structure import ABBREVIATIONS

# --- stray and doubled full stops ----------------------------------------------------------

# a full stop between a lower-case word and a lower-case word on the same line: "the ministers. they"
# a full stop then a lower-case word (a scan led by the literal '.'), then the word before it is
# read backwards: "the ministers. they"
_STOP_THEN_LOWER = re.compile(r"\.[ \t]+([a-z]{2,})\b(?![.@/:]\w)")
_WORD_BEFORE = re.compile(r"(?<![\w.'’@/-])([a-z][a-z'’-]*[a-z])$")
# two full stops with only spaces between them, not part of an ellipsis: "statements. ." / "said.."
# (the full stop first, then the character before it: a pattern led by a literal is searched for fast)
_DOUBLE_STOP = re.compile(r"\.(?<![.…]\.)([ \t]*)\.(?![.…])")
# more abbreviations that take a lower-case word after them
_MORE_ABBREVIATIONS = frozenset(
    "al approx cf viz vol vols pp op ed eds incl excl ca esp dept min max nr tel abt bn mln dlrs pct cts shr "
    "avg ave blvd rd hwy km kg lb lbs oz yr yrs mos wk hr hrs sec secs govt intl natl assn corp cos".split()
)


class StrayPunctuation(RuleKind):
    """Flags a full stop inside a sentence (a lower-case word on both sides: "the ministers. they") and
    a doubled full stop ("statements. ."); abbreviations ("approx. ten", "et al. say") are left alone."""

    OPTIONS = {
        "stray_full_stop": Option("bool", "flag a full stop between two lower-case words", True),
        "doubled_full_stop": Option("bool", "flag two full stops in a row (not an ellipsis)", True),
        "abbreviations": Option("str_list", "more words that end in a full stop without ending a sentence", []),
    }

    def prepare(self) -> None:
        self._abbreviations = ABBREVIATIONS | _MORE_ABBREVIATIONS | {w.casefold().rstrip(".") for w in self.options["abbreviations"]}

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if self.options["stray_full_stop"]:
            for m in _STOP_THEN_LOWER.finditer(text):
                stop = m.start()
                if stop == 0 or not "a" <= text[stop - 1] <= "z":
                    continue  # "U.S. officials", "Corp. said": no lower-case word ends at the stop (as _WORD_BEFORE needs)
                w = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
                if w is None:
                    continue
                before, after = w.group(1), m.group(1)
                if before.casefold() in self._abbreviations or len(before) < 2:
                    continue
                if before == after:
                    continue  # "today. today": the repeated word (NL302) says it better
                yield Match(Span(stop, stop + 1), ("",), safe=False,
                            message_vars=(("what", "a full stop inside a sentence"), ("advice", "delete it (or capitalise the next word)"),
                                          ("suggestion", "(delete)")))
        if self.options["doubled_full_stop"] and (".." in text or ". ." in text):
            for m in _DOUBLE_STOP.finditer(text):
                if m.start() > 0 and (text[m.start() - 1] in " \t\n" or text[m.start() - 1].isdigit()):
                    continue  # ". ." after a space or "7.50..": a list or a table of leader dots
                line_start = text.rfind("\n", 0, m.start()) + 1
                if "..." in text[line_start:m.start()]:
                    continue  # a line with leader dots
                yield Match(Span(m.start(), m.end()), (".",), safe=True,
                            message_vars=(("what", "a doubled full stop"), ("advice", "write one"), ("suggestion", ".")))


# --- a subject written twice ---------------------------------------------------------------

_PRONOUNS = ("He", "She", "They", "It", "We")
_PRONOUN_FINDER = ahocorasick_rs.AhoCorasick([f" {p} " for p in _PRONOUNS], implementation=ahocorasick_rs.Implementation.DFA)
# a capitalised subject pronoun after a space and before a lower-case word (a scan led by the
# pronouns' capitals), then the word before it is read backwards: "minister He said"
_PRONOUN_MID = re.compile(r"(?<=[ \t])(He|She|They|It|We)[ \t]+([a-z][\w'’-]*)\b")
_WORD_THEN_SPACE = re.compile(r"(?<![\w'’-])([A-Za-z][\w'’-]*)([ \t]+)$")
# words after which a capitalised pronoun is no second subject (it may start a title or follow a verb)
_NOT_A_SUBJECT = frozenset(
    "a an the and or but nor so yet for of in on at to by with from as than that which who whom whose "
    "when where while if because although though since until unless after before said says told asked "
    "added wrote is are was were be been being has have had do does did will would can could shall "
    "should may might must not no this these those there here then also only just even called named "
    "titled entitled book film song album novel play show series headline".split()
)
# what may follow the pronoun: a verb or an adverb, never a noun of a title ("It Girl", "We Are")
_AFTER_PRONOUN = re.compile(
    r"(?:[a-z]+(?:ed|es|s)|said|says|told|added|will|would|can|could|may|might|must|shall|should|is|are|was|"
    r"were|has|have|had|did|does|do|also|then|later|never|already|still|now|just|not|went|came|took|gave|"
    r"made|met|saw|left|spoke|wrote|thinks|think|know|knew|want|wants|need|needs|hope|hopes)"
)


class DoubledSubject(RuleKind):
    """Flags a noun or name followed, in mid-sentence, by a capitalised subject pronoun that
    repeats it ("the prime minister He said", "Macron She added"): the pronoun is deleted."""

    OPTIONS = {
        "skip_words": Option("str_list", "more words after which a capitalised pronoun is left alone", []),
    }

    @staticmethod
    def _pronouns(text: str, places: list[tuple[int, int, int]]) -> Iterator["re.Match[str]"]:
        """Capitalised subject pronouns after a space and before a lower-case word, in text order,
        matched where the automaton found them (`places`: every " He ", " She " ...)."""
        found = []
        for _, at, _ in places:
            if at == 0 or not text[at - 1].isalpha():
                continue  # after a full stop, a comma or a quote: a new sentence or clause
            m = _PRONOUN_MID.match(text, at + 1)
            if m is not None:
                found.append(m)
        return iter(sorted(found, key=lambda m: m.start()))

    def prepare(self) -> None:
        self._skip = _NOT_A_SUBJECT | {w.casefold() for w in self.options["skip_words"]}

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        places = _PRONOUN_FINDER.find_matches_as_indexes(text, overlapping=True)  # one scan for the five
        if not places:
            return
        for p in self._pronouns(text, places):
            m = _WORD_THEN_SPACE.search(text, max(0, p.start() - 60), p.start())
            if m is None:
                continue
            word, pronoun, verb = m.group(1), p.group(1), p.group(2)
            if word.casefold() in self._skip or word.isupper():
                continue  # "said He", "LONDON He" (a dateline or a headline word)
            if not _AFTER_PRONOUN.fullmatch(verb):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _title_case_run(text[line_start:m.start()]):
                continue  # a headline in Title Case
            # the fix keeps the word and deletes the pronoun after it
            yield Match(Span(m.start(1), p.end(1)), (word,), safe=False,
                        message_vars=(("pronoun", pronoun), ("word", word)))


def _title_case_run(before: str) -> bool:
    """The line so far is three or more words, every one capitalised (a headline)."""
    words = re.findall(r"[A-Za-z][\w'’-]*", before)
    return len(words) >= 3 and all(w[0].isupper() or w in ("a", "an", "the", "of", "in", "on", "to", "for", "and") for w in words)


# --- two finite auxiliaries in a row -------------------------------------------------------

_BE = ("is", "are", "was", "were", "am")
_HAVE = ("has", "have", "had")
_MODALS = ("can", "could", "will", "would", "shall", "should", "may", "might", "must")
_SUBJ = ("it", "he", "she", "they", "we", "you", "i")
_AUX = "|".join(_BE + _HAVE + _MODALS + ("does", "did"))
_AUX_PAIR = re.compile(
    rf"(?<![\w'’-])({_AUX})[ \t]+(?:({'|'.join(_SUBJ)})[ \t]+)?({_AUX})(?![\w'’-])", re.IGNORECASE
)
# words that make a clause subject of the next verb ("what it is is", "all he had was"), or make
# the first word a noun ("the will", "a can")
_CLAUSE_OPENERS = frozenset(
    "what whatever who whoever whom where wherever however why when whenever which whichever all".split()
)
_DETERMINERS = frozenset("the a an his her their its my our your this that last free good political".split())


def _aux_pair_is_wrong(first: str, subject: str | None, second: str) -> bool:
    """Whether two auxiliaries (with or without a subject pronoun between) cannot both be finite verbs."""
    a, b = first.casefold(), second.casefold()
    if a == b:
        return False  # the repeated word (NL302) or a grammatical doubling ("had had")
    if subject is not None:
        # "could it can", "is it was": a question's auxiliary, then a second finite one
        # ("the problem is we were", "the fear was it might": a clause after a form of 'be' is grammatical)
        return a in _MODALS + ("has", "have", "does", "did") and b in _MODALS + _BE + ("has", "does", "did")
    if a in _HAVE and b in _HAVE:
        return b != "had"  # "has have been"; "has had", "have had" are perfect tenses
    if a in _BE and b in _BE:
        return True  # "is was"
    if a in _MODALS and b in _MODALS + _BE + ("has", "does", "did", "had"):
        return True  # "will would", "could is"
    return False


def _joins_a_word(c: str) -> bool:
    """A character _AUX_PAIR's look-arounds do not allow next to an auxiliary (in normalised text)."""
    return c.isalnum() or c in "_'-"


def _wrong_sequences() -> list[str]:
    """' a b ' and ' a s b ' for every pair of auxiliaries (with every subject pronoun s between)
    _aux_pair_is_wrong judges wrong: what the document's letter runs, joined by spaces, are
    searched for in one pass of an automaton (most documents hold only right ones: "would have",
    "is it")."""
    auxiliaries = _AUX.split("|")
    return [f" {a} {b} " for a in auxiliaries for b in auxiliaries if _aux_pair_is_wrong(a, None, b)] + \
        [f" {a} {s} {b} " for a in auxiliaries for b in auxiliaries if _aux_pair_is_wrong(a, "it", b) for s in _SUBJ]


class DoubledAuxiliary(RuleKind):
    """Flags two finite auxiliaries in a row ("has have been", "is was", "will would") or around a
    subject pronoun ("could it can"): one of them is left over from the translation."""

    OPTIONS = {}

    def prepare(self) -> None:
        sequences = _wrong_sequences()
        self._wrong = ahocorasick_rs.AhoCorasick(sequences, implementation=ahocorasick_rs.Implementation.DFA)
        self._wrong_in_text = ahocorasick_rs.AhoCorasick([q.strip() for q in sequences],
                                                         implementation=ahocorasick_rs.Implementation.DFA)

    def _may_hold_a_wrong_pair(self, ctx: CheckContext) -> bool:
        """Cheap first test in C: a wrong pair of auxiliaries among the letter runs, next to each
        other or around a pronoun. In ASCII text whose words are separated by one space or tab at
        most, the lower-cased text itself is searched (each sequence found standing alone, as
        _AUX_PAIR needs it); else the letter runs joined by spaces."""
        text = ctx.text
        if text.isascii() and "  " not in text and "\t" not in text:
            hay = ctx.normalised(True)  # lower case, a tab or line break a space, same length
            n = len(hay)
            return any((start == 0 or not _joins_a_word(hay[start - 1])) and (end == n or not _joins_a_word(hay[end]))
                       for _, start, end in self._wrong_in_text.find_matches_as_indexes(hay, overlapping=True))
        return bool(self._wrong.find_matches_as_indexes(f" {' '.join(ctx.letter_runs())} "))

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if not self._may_hold_a_wrong_pair(ctx):
            return
        for m in _AUX_PAIR.finditer(text):
            first, subject, second = m.group(1), m.group(2), m.group(3)
            if not _aux_pair_is_wrong(first, subject, second):
                continue
            before = re.findall(r"[\w'’]+", text[max(0, m.start() - 40):m.start()])
            if subject is None and any(w.casefold() in _CLAUSE_OPENERS for w in before[-3:]):
                continue  # "what it is was", "all he has is"
            if before and before[-1].casefold() in _DETERMINERS:
                continue  # "his will can", "a can could": a noun
            if first[0].isupper() and before and before[-1][0].isupper():
                continue  # "American Can is": a capitalised auxiliary inside a name
            if first[0].isupper() and first.casefold() in ("may", "will"):
                continue  # May (the month), Will (a name)
            middle = f"{subject} " if subject else ""
            if subject:
                options = (f"{subject} {second}", f"{first} {subject}")
            else:
                options = (second, first)
            yield Match(Span(m.start(), m.end()), options, safe=False,
                        message_vars=(("first", first), ("second", second), ("middle", middle)))
