"""Short untranslated fragments in French, Spanish, German, Italian, Portuguese or Dutch inside
English sentences, found with per-language word frequencies ("the reform de las pensiones",
"(et pourtant)"), and the verdict that a whole document is in another language."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import regex

from ...model import Match, Span
from ...resources import SortedTable, builtin_rules_dir
from ...textutil import fold, fold_keep_accents
from ..spec import Option, RuleSpec
from .base import CheckContext, RuleKind
from .script import foreign_document, in_foreign_sentence

log = logging.getLogger("newslint")

WORD_LIST = "foreign_words.tsv"
COMPILED = ("en", "fr", "es", "de", "it", "pt", "nl")  # the columns of foreign_words.tsv
LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}
EXTRA = "languages"  # the optional dependency group that brings wordfreq for other languages
# a word: letters, with inner apostrophes (elisions: d'état, l'anno) and hyphens
_TOKEN = regex.compile(r"\p{L}+(?:['’\-]\p{L}+)*")
# what may stand between two words of one fragment: spaces only (punctuation ends a fragment)
_SPACE = regex.compile(r"[ \t\u00a0]+")
_BRACKETED = re.compile(r"[(\[]([^\W\d_A-Z]{2,})[)\]]")
WHOLE_LIST_AFTER = 8
"""Documents whose words are looked up one by one in the frequency table (a few milliseconds each)
before the whole candidate list is read from the cache (about 30 ms, then set operations in C):
a one-file check never reads it."""
_MEMO_SIZE = 200_000  # words remembered across documents (then forgotten at once)
_UNITS = frozenset("ha km kg cm mm mg ml kw mw gw hp bn mn pc".split())  # "(ha)" is hectares


def _bracketed_candidate(text: str, codes: dict[str, int]) -> bool:
    """A candidate word that fills a bracket, "(y)", "[und]": _BRACKETED tried at each opening
    bracket (found with str.find; its matches cannot overlap, so these are all of them)."""
    for opening in "([":
        at = text.find(opening)
        while at >= 0:
            m = _BRACKETED.match(text, at)
            if m is not None and m.group(1) in codes:
                return True
            at = text.find(opening, at + 1)
    return False


class WordFrequencies:
    """Zipf frequencies of words in English and the six compiled languages (a sorted table read by
    binary search), and of other languages through wordfreq when it is installed."""

    def __init__(self, path: Path) -> None:
        self._table = SortedTable(path)
        self.path = path
        self._candidates: dict[tuple[float, float, float], dict[str, int]] = {}
        self._rare: dict[int, frozenset[str]] = {}  # id of a code table (kept alive in _candidates) -> its rare words

    def rare_candidates(self, codes: dict[str, int]) -> frozenset[str]:
        """The candidates rare in English (code 2), as a set (made once per code table)."""
        found = self._rare.get(id(codes))
        if found is None:
            found = self._rare[id(codes)] = frozenset(w for w, c in codes.items() if c == 2)
        return found

    def candidates(self, min_zipf: float, min_margin: float, max_english: float) -> dict[str, int]:
        """Every word that is common in one of the compiled languages and more common there than in
        English -> 2 when it is also rare in English (below max_english), else 1 (read once: the
        cheap first test of a document)."""
        key = (min_zipf, min_margin, max_english)
        found = self._candidates.get(key)
        if found is None:
            codes: dict[str, int] = {}
            with open(self.path, encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("#"):
                        continue
                    word, *zipfs = line.rstrip("\n").split("\t")
                    en = int(zipfs[0]) / 10.0
                    if any(int(z) / 10.0 >= min_zipf and int(z) / 10.0 - en >= min_margin for z in zipfs[1:]):
                        codes[word] = 2 if en < max_english else 1
            found = self._candidates[key] = codes
        return found

    def code(self, word: str, min_zipf: float, min_margin: float, max_english: float) -> int:
        """One word's entry of candidates() (0 when it is none), by binary search of the table:
        what the first documents of a run ask, before the whole list is worth reading."""
        row = self._table.get(word)
        if not row:
            return 0
        en = row[0] / 10.0
        if any(z / 10.0 >= min_zipf and z / 10.0 - en >= min_margin for z in row[1:]):
            return 2 if en < max_english else 1
        return 0

    def zipf(self, word: str) -> dict[str, float]:
        """{language: zipf} of a lower-case word; {} when it is common in none of the languages."""
        row = self._table.get(word)
        return {lang: z / 10.0 for lang, z in zip(COMPILED, row)} if row else {}


@lru_cache(maxsize=4)
def _frequencies(path: str) -> WordFrequencies:
    return WordFrequencies(Path(path))


def _wordfreq_zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency  # optional: the 'languages' extra

    return float(zipf_frequency(word, lang))


class ForeignPhrase(RuleKind):
    """Flags a run of two or more lower-case words that are common in one of French, Spanish,
    German, Italian, Portuguese or Dutch and rare in English, inside English copy, and a lone
    foreign function word in brackets; one finding for a document wholly in another language."""

    OPTIONS = {
        "languages": Option("str_list", "languages looked for (wordfreq codes); fr es de it pt nl are compiled in, "
                            "others need wordfreq (the 'languages' extra)", list(LANGUAGE_NAMES)),
        "word_list": Option("str", "compiled word list (in the built-in dictionaries folder unless a path)", WORD_LIST),
        "min_zipf": Option("float", "a word of the fragment is at least this common in its language (Zipf)", 3.0),
        "min_margin": Option("float", "and at least this much more common there than in English (Zipf)", 1.0),
        "min_total_margin": Option("float", "the margins of the fragment's words add up to at least this", 3.5),
        "max_english_zipf": Option("float", "at least one word of the fragment is rarer than this in English (Zipf)", 3.5),
        "min_words": Option("int", "shortest fragment, in words (one in brackets is enough for a function word)", 2, minimum=2),
        "quote_words": Option("int", "a direct quote of this many words or more is a deliberate quotation: left alone", 6, minimum=1),
        "allow": Option("str_list", "loanwords and set phrases English uses (lower case)", []),
        "glossary": Option("str_map", "'lang:fragment' (or 'fragment') -> English: such a fragment is flagged even "
                           "alone, with its English as the suggestion", {}),
    }

    @classmethod
    def validate(cls, spec: RuleSpec) -> None:
        for lang in spec.options["languages"]:
            if not regex.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z]+)?", lang):
                raise ValueError(f"option 'languages': '{lang}' is not a language code (fr, es, de ...)")

    def prepare(self) -> None:
        self._allow = {fold(p) for p in self.options["allow"]}
        self._glossary: dict[str, str] = {}
        self._glossary_language: dict[str, str] = {}
        for key, english in self.options["glossary"].items():
            lang, sep, phrase = key.partition(":")
            if not sep or lang not in LANGUAGE_NAMES:
                lang, phrase = "", key
            # accents kept: 'según el' (according to the) must not find 'según él' (according to him)
            self._glossary[fold_keep_accents(phrase)] = english
            if lang:
                self._glossary_language[fold_keep_accents(phrase)] = LANGUAGE_NAMES[lang]
        self._glossary_words = max((len(k.split()) for k in self._glossary), default=0)
        self._glossary_phrase_words = frozenset(w for k in self._glossary for w in k.split(" "))
        # a bracketed word is flagged at Zipf 5.5 and a margin of 2 (_bracketed): then it is a candidate too
        self._brackets_are_candidates = self.options["min_zipf"] <= 5.5 and self.options["min_margin"] <= 2.0
        self._glossary_single: frozenset[str] | None = None  # made on first use (needs the word list)
        self._cue_words: frozenset[str] | None = None  # glossary words and rare candidates together
        self._codes: dict[str, int] | None = None  # candidate words -> 2 (rare in English) or 1
        self._documents = 0  # documents looked at (the whole candidate list is read after WHOLE_LIST_AFTER)
        self._langs = [lang for lang in self.options["languages"]]
        self._extra_langs = [lang for lang in self._langs if lang not in COMPILED]
        self._warned = False
        self._table: WordFrequencies | None = None
        self._unavailable: str | None = None
        self._zipf_memo: dict[str, dict[str, float]] = {}  # word -> _zipfs(word)
        self._fold_memo: dict[str, str] = {}  # word -> fold_keep_accents(word)

    def _load(self) -> bool:
        """Open the word list (and check wordfreq for other languages); warn once and skip the
        rule when something is missing."""
        if self._table is not None:
            return True
        if self._unavailable is None:
            name = self.options["word_list"]
            path = Path(name) if ("/" in name or "\\" in name) else builtin_rules_dir() / "dictionaries" / name
            if not path.is_file():
                self._unavailable = (f"rule {self.spec.id} ({self.spec.name}) skipped: its word list {path} is missing; "
                                     f"rebuild it with `pip install 'newslint[build-data]'` and `python tools/build_data.py --only foreign`")
            elif self._extra_langs:
                try:
                    import wordfreq  # noqa: F401
                except ImportError:
                    self._unavailable = (f"rule {self.spec.id} ({self.spec.name}) skipped: languages {', '.join(self._extra_langs)} "
                                         f"need wordfreq; install the '{EXTRA}' extra: pip install 'newslint[{EXTRA}]'")
            if self._unavailable is None:
                self._table = _frequencies(str(path))
                return True
        if not self._warned:
            log.warning(self._unavailable)
            self._warned = True
        return False

    def _make_glossary_single(self) -> None:
        """The word of each glossary phrase that is rarest in English, kept when it is rare there."""
        # the word of each glossary phrase that is rarest in English: one of them in a document
        # makes it worth a look ("plus" of "de plus" would be in every other one)
        english = self.resources.lexicon.zipf  # every English word, not only those of the foreign list
        phrases = [key.partition(":")[2] or key for key in self.options["glossary"]]  # as written, accents kept
        rarest = (min(regex.findall(r"\p{L}+", k.lower()), key=lambda w: (len(w) < 4, english(fold(w)), -len(w)), default="")
                  for k in phrases)
        singles = {w for w in rarest if len(w) >= 4 and english(fold(w)) < 3.0}
        self._glossary_single = frozenset(singles | {fold(w) for w in singles})

    def _zipfs(self, word: str) -> dict[str, float]:
        """{language: zipf} of a lower-case word (remembered across documents: read, never changed)."""
        found = self._zipf_memo.get(word)
        if found is None:
            assert self._table is not None
            found = self._table.zipf(word)
            if self._extra_langs:
                found = dict(found)
                if "en" not in found:
                    found["en"] = _wordfreq_zipf(word, "en")
                for lang in self._extra_langs:
                    found[lang] = _wordfreq_zipf(word, lang)
            if len(self._zipf_memo) >= _MEMO_SIZE:
                self._zipf_memo.clear()
            self._zipf_memo[word] = found
        return found

    def _folded(self, word: str) -> str:
        """fold_keep_accents of a word, remembered across documents (most words of a batch recur)."""
        found = self._fold_memo.get(word)
        if found is None:
            found = fold_keep_accents(word)
            if len(self._fold_memo) >= _MEMO_SIZE:
                self._fold_memo.clear()
            self._fold_memo[word] = found
        return found

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if not self._load():
            return
        if not self._extra_langs and not self._worth_a_look(ctx):
            return
        if foreign_document(ctx) is not None:
            return  # the whole document is in another language: one finding, NL307's
        text = ctx.text
        for run in self._runs(text):
            if self._may_be_foreign(run):
                yield from self._judge(ctx, run)

    def _may_be_foreign(self, run: list[tuple[int, int, str]]) -> bool:
        """Cheap first test of a run (per word, dictionary lookups): _judge can find something in it
        only if a word is a candidate (common in a language and more common there than in English,
        what its stretches and a bracketed word need) or a word of a glossary phrase. Every run is
        judged while the whole candidate list is not read, or when other languages are asked of
        wordfreq or the options ask less of a bracketed word than of the list."""
        codes = self._codes
        if codes is None or not self._brackets_are_candidates or self._extra_langs:
            return True
        for _, _, word in run:
            key = word.casefold()
            if key in codes or key.replace("’", "'") in codes:
                return True
            folded = self._folded(word)
            if folded in self._glossary_phrase_words or " " in folded:
                return True
        return False

    def _worth_a_look(self, ctx: CheckContext) -> bool:
        """Cheap first test in C over the document's lower-cased letter runs: two neighbouring words
        that are foreign candidates, a glossary word, or a word in brackets."""
        assert self._table is not None
        words = ctx.letter_runs()
        if self._glossary_single is None:
            self._make_glossary_single()
        assert self._glossary_single is not None
        codes = self._codes
        self._documents += 1
        if codes is None and self._documents > WHOLE_LIST_AFTER:
            # parsed once and kept in the cache folder (a pickle reads in a few milliseconds)
            table, key = self._table, (self.options["min_zipf"], self.options["min_margin"], self.options["max_english_zipf"])
            codes = self._codes = self.resources._cached(  # noqa: SLF001 - the shared cache of compiled data
                "foreign-candidates-{:g}-{:g}-{:g}".format(*key), [table.path], lambda: table.candidates(*key))
        if codes is not None:
            rare_words = self._table.rare_candidates(codes)
            if self._cue_words is None:
                self._cue_words = rare_words | self._glossary_single
            cue_words = self._cue_words
        else:  # one of the first documents: the list's entries of this document's words only
            key = (self.options["min_zipf"], self.options["min_margin"], self.options["max_english_zipf"])
            asked = set(words)
            if "(" in ctx.text:
                asked.update(m.group(1) for m in _BRACKETED.finditer(ctx.text))
            codes = {w: c for w in asked if (c := self._table.code(w, *key))}
            rare_words = frozenset(w for w, c in codes.items() if c == 2)
            cue_words = rare_words | self._glossary_single
        runs = ctx.letter_run_set()  # set against set: the smaller one is walked
        cues = cue_words.intersection(runs)  # one pass in C: the glossary words and rare candidates
        if not cues:
            return "(" in ctx.text and _bracketed_candidate(ctx.text, codes)
        if not self._glossary_single.isdisjoint(cues):
            return True
        if "(" in ctx.text and _bracketed_candidate(ctx.text, codes):
            return True
        rare = rare_words.intersection(cues)
        # a rare candidate next to another candidate, the two written in lower case with a space
        # between (the runs are lower-cased: capitalised names are most of them)
        text = ctx.text
        seen: set[tuple[str, str]] = set()  # each pair is looked for in the text once
        for word in rare:
            if word not in text:
                continue  # written capitalised only ("Del", "Der"): no pair of it is in the text
            at = words.index(word)
            while True:
                for i, j in ((at - 1, at), (at, at + 1)):
                    if 0 <= i and j < len(words) and words[i] in codes and words[j] in codes \
                            and (words[i], words[j]) not in seen:
                        seen.add((words[i], words[j]))
                        if f"{words[i]} {words[j]}" in text:
                            return True
                try:
                    at = words.index(word, at + 1)
                except ValueError:
                    break
        return False

    def _runs(self, text: str) -> Iterator[list[tuple[int, int, str]]]:
        """Runs of lower-case words separated only by spaces (a capitalised word, punctuation or a
        line break ends a run), with a single word kept when it fills a bracket."""
        run: list[tuple[int, int, str]] = []
        for m in _TOKEN.finditer(text):
            word = m.group()
            if run and not _SPACE.fullmatch(text[run[-1][1]:m.start()]):
                yield run
                run = []
            if not word[0].islower():
                if run:
                    yield run
                run = []
                continue
            run.append((m.start(), m.end(), word))
        if run:
            yield run

    def _glossary_hits(self, ctx: CheckContext, run: list[tuple[int, int, str]]) -> Iterator[Match]:
        """Phrases of the glossary inside a run, longest first (any length: they are foreign for sure)."""
        words = [self._folded(w) for _, _, w in run]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + self._glossary_words), i, -1):
                english = self._glossary.get(" ".join(words[i:j]))
                if english is not None:
                    start, end = run[i][0], run[j - 1][1]
                    if not self._deliberate(ctx, start, end, "") and not in_foreign_sentence(ctx, start, end):
                        yield Match(Span(start, end), (english,), safe=False,
                                    message_vars=(("language", self._glossary_language.get(" ".join(words[i:j]), "another language")),))
                    i = j - 1
                    break
            i += 1

    def _judge(self, ctx: CheckContext, run: list[tuple[int, int, str]]) -> Iterator[Match]:
        text = ctx.text
        if self._glossary:
            hits = list(self._glossary_hits(ctx, run))
            if hits:
                yield from hits
                return
        if len(run) == 1:
            yield from self._bracketed(ctx, run[0])
            return
        rows = [self._zipfs(w.casefold().replace("’", "'")) for _, _, w in run]
        best: tuple[int, int, str] | None = None  # (first, last, language) of the longest foreign stretch
        for lang in self._langs:
            i = 0
            while i < len(run):
                j = i
                while j < len(run) and self._in_language(rows[j], lang):
                    j += 1
                if j - i >= self.options["min_words"] and (best is None or j - i > best[1] - best[0] + 1):
                    best = (i, j - 1, lang)
                i = j + 1 if j == i else j
        if best is None:
            return
        first, last, lang = best
        margins = [rows[k].get(lang, 0.0) - rows[k].get("en", 0.0) for k in range(first, last + 1)]
        if sum(margins) < self.options["min_total_margin"]:
            return
        if min(rows[k].get("en", 0.0) for k in range(first, last + 1)) >= self.options["max_english_zipf"]:
            return  # every word is an ordinary English word too ("de la", "per se")
        start, end = run[first][0], run[last][1]
        phrase = fold(text[start:end])
        if any(a == phrase or f" {a} " in f" {phrase} " for a in self._allow):
            return
        if self._deliberate(ctx, start, end, lang):
            return
        if in_foreign_sentence(ctx, start, end):
            return  # the whole sentence is foreign: NL307's finding
        translation = self._glossary.get(fold_keep_accents(text[start:end]))
        name = LANGUAGE_NAMES.get(lang, lang)
        yield Match(Span(start, end), (translation,) if translation else (), safe=False,
                    message_vars=(("language", name),))

    def _in_language(self, row: dict[str, float], lang: str) -> bool:
        z = row.get(lang, 0.0)
        return z >= self.options["min_zipf"] and z - row.get("en", 0.0) >= self.options["min_margin"]

    def _bracketed(self, ctx: CheckContext, token: tuple[int, int, str]) -> Iterator[Match]:
        """One foreign function word that fills a bracket: "(y)", "[und]"."""
        start, end, word = token
        text = ctx.text
        if len(word) < 2 or word.casefold() in _UNITS or start == 0 or end >= len(text) or text[start - 1] not in "([" or text[end] not in ")]":
            return
        row = self._zipfs(word.casefold())
        for lang in self._langs:
            z = row.get(lang, 0.0)
            if z >= 5.5 and z - row.get("en", 0.0) >= 2.0:
                translation = self._glossary.get(fold_keep_accents(word))
                yield Match(Span(start, end), (translation,) if translation else (), safe=False,
                            message_vars=(("language", LANGUAGE_NAMES.get(lang, lang)),))
                return

    def _deliberate(self, ctx: CheckContext, start: int, end: int, lang: str) -> bool:
        """A quotation of a whole sentence, or the title of a work or a name starting with a capital
        ("La vita è bella", "Assemblée nationale")."""
        text = ctx.text
        if ctx.quotes.contains(start, end):
            for q_start, q_end in ctx.quotes.overlapping(start, end):
                if len(_TOKEN.findall(text, q_start, q_end)) >= self.options["quote_words"]:
                    return True
        before = text[max(0, start - 40):start]
        prev = list(_TOKEN.finditer(before))
        if prev and prev[-1].end() == len(before.rstrip(" \t")) and _SPACE.fullmatch(before[prev[-1].end():] or " "):
            word = prev[-1].group()
            if word[0].isupper():
                row = self._zipfs(word.casefold())
                if lang and row.get(lang, 0.0) >= self.options["min_zipf"]:
                    return True  # a capitalised word of the same language starts a title or a name
        return False

