"""Untranslated text: runs in another script inside English copy, and whole sentences in
another Latin-script language (found with a light stop-word profile, no language model)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ...model import Match, Span
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind
from .homoglyph import script_of
from .structure import document_sentences

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_LATIN = regex.compile(r"\p{Latin}")
# What may stand between two words of one run: spaces (no line break), punctuation, digits.
_GAP = regex.compile(r"[^\S\r\n]{0,3}[\p{P}\p{N}\p{Zs}\u00b7\u30fb]{0,3}[^\S\r\n]{0,3}")

SCRIPT_LABELS = {
    "CJK": "Chinese/Japanese (CJK)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean",
}


def _label(script: str) -> str:
    return SCRIPT_LABELS.get(script, script.title())


class ForeignScript(RuleKind):
    """Flags runs of letters in a non-Latin script (Cyrillic, Greek, Arabic, Hebrew, CJK,
    Devanagari, ...) outside direct quotes and outside known native-script names."""

    OPTIONS = {
        "min_letters": Option("int", "shortest run flagged, in letters (single Greek letters are symbols)", 2, minimum=1),
        "skip_quotes": Option("bool", "leave runs inside direct quotes alone", True),
        "allow_parenthesised": Option("bool", "leave a run that fills a parenthesis alone (a gloss: 'Kommersant (Коммерсантъ)')", True),
        "max_name_words": Option("int", "longest native-script name looked up in the dictionaries, in words", 5, minimum=1),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if text.isascii():
            return
        for run in self._runs(text):
            start, end = run[0][0], run[-1][1]
            if self.options["skip_quotes"] and ctx.quotes.contains(start, end):
                continue
            if any(s < end and start < e for s, e in ctx.known_name_spans):
                continue
            if self.options["allow_parenthesised"] and self._parenthesised(text, start, end):
                continue
            for sub_start, sub_end in self._unknown_parts(text, run):
                letters = sum(1 for c in text[sub_start:sub_end] if c.isalpha())
                if letters < self.options["min_letters"]:
                    continue
                first = next(c for c in text[sub_start:sub_end] if c.isalpha())
                yield Match(Span(sub_start, sub_end), (), message_vars=(("script", _label(script_of(first))),))

    @staticmethod
    def _runs(text: str) -> list[list[tuple[int, int]]]:
        """Consecutive all-foreign words, merged across short punctuation gaps."""
        runs: list[list[tuple[int, int]]] = []
        last_end = -1
        for m in _LETTERS.finditer(text):
            word = m.group()
            if word.isascii() or _LATIN.search(word):
                last_end = -1  # a Latin (or mixed) word ends the run
                continue
            if not any(c.isalpha() and script_of(c) not in ("", "LATIN") for c in word):
                continue
            gap = text[last_end:m.start()] if last_end >= 0 else None
            if runs and gap is not None and _GAP.fullmatch(gap):
                runs[-1].append((m.start(), m.end()))
            else:
                runs.append([(m.start(), m.end())])
            last_end = m.end()
        return runs

    @staticmethod
    def _parenthesised(text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 8):start].rstrip(" \t")
        after = text[end:end + 8].lstrip(" \t")
        return before.endswith(("(", "[")) and after.startswith((")", "]"))

    def _unknown_parts(self, text: str, run: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Parts of a run that are not a known name (dictionary forms, native forms included)."""
        index = self.resources.names
        covered = [False] * len(run)
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + self.options["max_name_words"]) - 1, i - 1, -1):
                phrase = text[run[i][0]:run[j][1]]
                if index.lookup(phrase) or (i == j and index.is_known_token(fold(phrase))):
                    for k in range(i, j + 1):
                        covered[k] = True
                    i = j
                    break
            i += 1
        part: list[tuple[int, int]] = []
        for word, known in zip(run, covered):
            if known:
                if part:
                    yield part[0][0], part[-1][1]
                part = []
            else:
                part.append(word)
        if part:
            yield part[0][0], part[-1][1]


# Function words of other Latin-script languages, minus those that are also English words.
STOPWORDS = {
    "Spanish": "el los las del que y por con para es está son se lo su sus al como más pero sobre este esta "
               "fue muy también ya entre cuando porque desde hasta donde hay les nos una un una ha han sido ser "
               "dijo según sin embargo mientras".split(),
    "French": "le la les des du une et est que qui dans pour pas ne en sur au aux avec ce cette il elle ils nous vous sont "
              "ont été mais ou plus par sa ses leur être avoir fait comme très selon aussi même après lors".split(),
    "German": "der das und ist nicht ein eine einen dem den des mit von zu auf für sich auch im dass wird werden "
              "sind wir sie ich er hat haben nach bei aus wie oder aber noch nur über vor zum zur einer sagte".split(),
    "Italian": "il lo gli di della che è una per con non sono nel nella alla dei delle anche come più ma "
               "questo questa si ci al degli ha stato essere ancora dopo secondo".split(),
    "Portuguese": "os do da dos das que em no na um uma para com não é se por mais foi ao seu sua como mas "
                  "também são está ele ela pelo pela entre disse segundo".split(),
    "Dutch": "het een en van dat niet op te zijn met voor er maar om ook als bij aan nog wordt werd naar uit "
             "heeft ze wij hij deze dit zich tegen volgens".split(),
}
ENGLISH = frozenset(
    "the of and to in a is that for on with as was by at it from he she said be has have are were an this "
    "which will would not but or its their they we had been after about more than also who his her our "
    "there could should can may new one two last year".split()
)
_PROFILES = {lang: frozenset(w for w in words if w not in ENGLISH) for lang, words in STOPWORDS.items()}
_WORDS = regex.compile(r"\p{L}+")
ALL_FOREIGN = frozenset(w for p in _PROFILES.values() for w in p)
_PUNCT = "\"'“”‘’«»„()[],.;:!?¿¡…-–—"
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in _PUNCT})


def foreign_word_bound(text: str) -> int:
    """At least the number of words of `text` that are foreign function words once punctuation
    is stripped from their ends (the pieces between punctuation are counted, a superset, since
    no such word holds punctuation): a cheap test that rules a text out."""
    return sum(map(ALL_FOREIGN.__contains__, text.casefold().translate(_PUNCT_TO_SPACE).split()))


def guess_language(sentence: str) -> tuple[str, int, int, int]:
    """(best other language, its stop-word hits, English stop-word hits, words) of a sentence."""
    raw = _WORDS.findall(sentence)
    words = [w.casefold() for w in raw]
    english = sum(1 for w in words if w in ENGLISH)
    # a function word between two capitalised words belongs to a name ("Caisse Nationale du Batiment")
    in_name = {i for i in range(1, len(raw) - 1) if raw[i - 1][:1].isupper() and raw[i + 1][:1].isupper()
               and raw[i][:1].islower()}
    best, hits = "", 0
    for lang, profile in _PROFILES.items():
        n = sum(1 for i, w in enumerate(words) if w in profile and i not in in_name)
        if n > hits:
            best, hits = lang, n
    return best, hits, english, len(words)


def foreign_document(ctx: CheckContext, min_sentences: int = 3, share: float = 0.6) -> tuple[str, int, int] | None:
    """(language, foreign sentences, judged sentences) when most sentences of the document are in one
    other language: the document was not translated. Computed once per document."""
    key = ("foreign-document", min_sentences, share)
    if key in ctx.memo:
        return ctx.memo[key]  # type: ignore[return-value]
    verdict = None
    runs = ctx.letter_runs()
    foreign = sum(map(ALL_FOREIGN.__contains__, runs)) if ctx.text.isascii() else foreign_word_bound(ctx.text)
    if foreign < max(2 * min_sentences, 0.1 * len(runs)):  # a text in another language is a third function words
        ctx.memo[key] = None  # cheap first test: too few foreign function words in the whole document
        return None
    counts: dict[str, int] = {}
    judged = 0
    for start, end in document_sentences(ctx):
        lang, hits, english, n = guess_language(ctx.text[start:end])
        if n < 4:
            continue
        judged += 1
        if lang and hits >= 2 and hits >= 0.2 * n and english * 3 <= hits:
            counts[lang] = counts.get(lang, 0) + 1
    if counts and judged >= min_sentences:
        lang, n_foreign = max(counts.items(), key=lambda kv: kv[1])
        if n_foreign >= share * judged:
            verdict = (lang, n_foreign, judged)
    ctx.memo[key] = verdict
    return verdict


class ForeignSentence(RuleKind):
    """Flags a Latin-script sentence whose function words are those of another language
    (Spanish, French, German, Italian, Portuguese, Dutch) rather than English."""

    OPTIONS = {
        "min_words": Option("int", "shortest sentence judged, in words", 6, minimum=3),
        "min_hits": Option("int", "fewest function words of the other language", 3, minimum=1),
        "min_share": Option("float", "their smallest share of the sentence's words", 0.25, minimum=0.0, maximum=1.0),
        "skip_quotes": Option("bool", "leave sentences inside direct quotes alone", True),
        "document_share": Option("float", "share of a document's sentences in one other language that makes the whole "
                                 "document one untranslated text (one finding, not one per sentence)", 0.6, minimum=0.0, maximum=1.0),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if text.isascii():  # cheap first test over the whole document: its letter runs are a superset
            if sum(map(ALL_FOREIGN.__contains__, ctx.letter_runs())) < self.options["min_hits"]:
                return
        elif foreign_word_bound(text) < self.options["min_hits"]:
            return
        whole = foreign_document(ctx, share=self.options["document_share"])
        if whole is not None:
            lang, n_foreign, judged = whole
            start, end = document_sentences(ctx)[0]
            yield Match(Span(start, end), (), message=(
                f"the whole document looks like {lang}, not English ({n_foreign} of {judged} sentences): "
                "it was not translated"))
            return
        for start, end in document_sentences(ctx):
            sentence = text[start:end]
            if foreign_word_bound(sentence) < self.options["min_hits"]:
                continue  # and over each sentence
            lang, hits, english, n = guess_language(sentence)
            if n < self.options["min_words"] or hits < self.options["min_hits"]:
                continue
            if hits < self.options["min_share"] * n or english * 3 > hits:
                continue
            middle = (start + end) // 2
            if self.options["skip_quotes"] and ctx.quotes.contains(middle, middle + 1):
                continue
            yield Match(Span(start, end), (), message_vars=(("language", lang),))


def in_foreign_sentence(ctx: CheckContext, start: int, end: int) -> bool:
    """[start, end) lies in a sentence written in another language (six or more words, at least
    three and a quarter of them that language's function words, a third as many English ones):
    a quotation left in the original, judged by NL307, not word by word."""
    for s, e in document_sentences(ctx):
        if s <= start and end <= e:
            _, hits, english, n = guess_language(ctx.text[s:e])
            return n >= 6 and hits >= 3 and hits >= 0.25 * n and english * 3 <= hits
    return False
