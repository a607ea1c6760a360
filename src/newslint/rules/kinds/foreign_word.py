"""foreign_word: one lower-case word left untranslated in an English sentence ("read to the
periodistas outside the court", "before the audiência"). NL318 needs two or more words; one word
needs a strong sign that it is not English:

* a letter with a diacritic, when the word written without it is no English word either ("según",
  "audiência"; but "café", "résumé", "naïve", "über" fold to English words and pass), or
* an ending English lacks in a word common in French, Spanish, German, Italian, Portuguese or
  Dutch and unknown to English ("periodistas", "manifestación", "regierungen", "totalmente"):
  each language's endings are the option `endings`.
Left alone: loanwords (option `allow`), words inside quotation marks or italics (marked as
foreign on purpose), words after a capitalised word of the same language (a name or a title:
"Assemblée nationale"), hyphenated and apostrophised words, words next to another foreign word
(NL318 judges the run), sentences and documents in another language (NL307's). Info: a hint.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import regex

from ...model import Match, Span
from ...resources import builtin_rules_dir
from ...textutil import fold
from ..spec import Option
from .base import CheckContext, RuleKind
from .foreign import LANGUAGE_NAMES, WORD_LIST, WordFrequencies, _frequencies
from .script import foreign_document, in_foreign_sentence

# a lower-case word standing alone: no letter, apostrophe, hyphen or digit touching it
_WORD = regex.compile(r"(?<![\p{L}\p{N}'’\-])\p{Ll}[\p{Ll}\p{Mn}]+(?![\p{L}\p{N}'’\-])")


@lru_cache(maxsize=4096)
def _word_at(word: str) -> Any:
    """Where `word` stands alone in a text, as _WORD finds it."""
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}'’\-]){regex.escape(word)}(?![\p{{L}}\p{{M}}\p{{N}}'’\-])")


_ITALIC_BEFORE = ("<i>", "<em>", "*", "_")
ENDINGS = {
    "es": ["ción", "ciones", "istas", "amente", "imiento", "imientos", "idad", "idades", "ería"],
    "pt": ["ção", "ções", "ões", "istas", "amente", "amento", "amentos", "idade", "idades"],
    "it": ["zione", "zioni", "amente", "mento", "menti", "ità", "isti"],
    "fr": ["ement", "ements", "eux", "euse", "euses", "ité", "ités"],
    "de": ["ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "lich", "liche", "lichen", "ische", "ischen"],
    "nl": ["heid", "heden", "lijk", "lijke", "ingen"],
}
LOANWORDS = (
    "señor señora señorita mañana jalapeño piñata niño niña café résumé fiancé fiancée naïve naïveté protégé "
    "protégée exposé cliché entrée née soirée rosé sauté sautéed flambé purée frappé touché passé risqué décor "
    "débâcle détente élan élite émigré façade garçon soupçon crème brûlée pièce fête crêpe rôle über doppelgänger "
    "führer müesli smörgåsbord ménage déjà première séance tête bête maître hôtel château gâteau coupé attaché "
    "habitué denouement dénouement blasé appliqué lamé mêlée outré pâté précis retroussé déclassé cortège "
    "chargé ingénue arrière mañanas caña cañon"
).split()


class ForeignWord(RuleKind):
    """Flags one lower-case word left in another language, when a diacritic or an ending shows it."""

    OPTIONS = {
        "min_zipf": Option("float", "an ending counts in a word at least this common in its language (Zipf)", 3.0),
        "min_margin": Option("float", "... and at least this much more common there than in English (Zipf)", 1.5),
        "max_english_zipf": Option("float", "a word (or its form without diacritics) this common in English is "
                                   "English (Zipf)", 2.5),
        "endings": Option("any", "language code -> endings English words lack", ENDINGS),
        "allow": Option("str_list", "loanwords English writes with their diacritics", LOANWORDS),
        "quote_words": Option("int", "a word inside a direct quote of fewer words than this is marked as foreign "
                              "(longer quotes are judged)", 4, minimum=1),
    }

    def prepare(self) -> None:
        self._allow = frozenset(w.casefold() for w in self.options["allow"])
        endings = self.options["endings"]
        if not isinstance(endings, dict) or not all(isinstance(k, str) and isinstance(v, list) for k, v in endings.items()):
            raise ValueError("option 'endings' must map language codes to lists of endings")
        self._endings: dict[str, tuple[str, ...]] = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in endings.items()}
        self._all_endings = tuple({e for es in self._endings.values() for e in es})
        self._table: WordFrequencies | None = None
        self._english: Any = None
        self._by_ending: frozenset[str] | None = None
        self._judged: set[str] = set()  # words of earlier documents, judged by _worth_looking_at ...
        self._worth: set[str] = set()  # ... and those of them worth a look

    def _load(self) -> None:
        self._table = _frequencies(str(builtin_rules_dir() / "dictionaries" / WORD_LIST))

    def _is_english(self, word: str) -> bool:
        """The word, or its form without diacritics, is an English word (symspellpy's word list is
        read from the cache when a document first has a word to ask about)."""
        if self._english is None:
            from .spelling import _load_words, _symspell_words

            _load_words(self.resources)
            self._english = _symspell_words()
        plain = fold(word)
        lexicon = self.resources.lexicon
        limit = self.options["max_english_zipf"]
        return (word in self._english or plain in self._english or lexicon.zipf(word) >= limit
                or lexicon.zipf(plain) >= limit)

    def _language(self, word: str) -> tuple[str, bool]:
        """(language code or '', whether an ending of that language marks the word) from the word's
        frequencies: the language it is common and clearly more common in than in English."""
        assert self._table is not None
        row = self._table.zipf(word)
        en = row.get("en", 0.0)
        best = ""
        for lang in LANGUAGE_NAMES:
            z = row.get(lang, 0.0)
            if z >= self.options["min_zipf"] and z - en >= self.options["min_margin"] and (not best or z > row.get(best, 0.0)):
                best = lang
        if best:
            for lang in sorted(LANGUAGE_NAMES, key=lambda l: -row.get(l, 0.0)):
                z = row.get(lang, 0.0)
                if z >= self.options["min_zipf"] and z - en >= self.options["min_margin"] and word.endswith(self._endings.get(lang, ())):
                    return lang, True
        return best, False

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        if self._table is None:
            self._load()
        text = ctx.text
        # the document's words that look foreign (a diacritic or an ending, no English word: most
        # documents have none); set operations in C: only words no earlier document had are judged one by one
        runs = ctx.letter_run_set()
        if len(self._judged) > 500_000:
            self._judged.clear()
            self._worth.clear()
        new = runs - self._judged
        if new:
            self._worth.update(w for w in new if self._worth_looking_at(w))
            self._judged.update(new)
        worth = runs & self._worth
        if not worth or foreign_document(ctx) is not None:
            return
        # only where those words stand (most documents have one or two of them), not every word
        places = sorted((m for w in worth for m in _word_at(w).finditer(text)), key=lambda m: m.start())
        for m in places:
            word = m.group()
            lang, _ = self._language(word)  # (the ending or the diacritic, and no English word: _worth_looking_at)
            start, end = m.span()
            if self._beside_foreign(text, start, end, lang) or self._marked_foreign(ctx, start, end) \
                    or self._in_name(text, start, lang) or in_foreign_sentence(ctx, start, end):
                continue
            yield Match(Span(start, end), (), safe=False,
                        message_vars=(("language", LANGUAGE_NAMES.get(lang, "another language")),))

    def _worth_looking_at(self, word: str) -> bool:
        """A lower-case word with a diacritic or an ending of a language it is common in, no
        loanword and no English word (check() keeps the answers across documents: most words of a
        batch recur, "agreement" and "régime" in many)."""
        if not (len(word) >= 4 and (not word.isascii() or word.endswith(self._all_endings))
                and word not in self._allow and _WORD.fullmatch(word) is not None):
            return False
        _, ending = self._language(word)
        return (ending or not word.isascii()) and not self._is_english(word)

    def _in_language(self, word: str, lang: str) -> bool:
        """The word is common in `lang` and more common there than in English (what NL318 builds
        its runs of: "la", "de las")."""
        assert self._table is not None
        row = self._table.zipf(word)
        z = row.get(lang, 0.0)
        return bool(z >= self.options["min_zipf"] and z - row.get("en", 0.0) >= 1.0)

    def _beside_foreign(self, text: str, start: int, end: int, lang: str) -> bool:
        """A neighbouring lower-case word (across a space) is of the same language: a run NL318 judges."""
        if not lang:
            return False
        before = regex.search(r"(\p{Ll}+) $", text[max(0, start - 30):start])
        after = regex.match(r" (\p{Ll}+)", text[end:end + 30])
        return any(w is not None and len(w.group(1)) >= 2 and self._in_language(w.group(1), lang) for w in (before, after))

    def _marked_foreign(self, ctx: CheckContext, start: int, end: int) -> bool:
        """Inside a short direct quote or italics: the writer marked the word as foreign."""
        original = ctx.doc.text
        if original[max(0, start - 4):start].endswith(_ITALIC_BEFORE):
            return True
        if ctx.quotes.contains(start, end):
            for q_start, q_end in ctx.quotes.overlapping(start, end):
                if len(_WORD.findall(ctx.text, q_start, q_end)) < self.options["quote_words"]:
                    return True
        return False

    def _in_name(self, text: str, start: int, lang: str) -> bool:
        """The word follows a capitalised word of the same language: part of a name or a title."""
        m = regex.search(r"(\p{Lu}\p{Ll}+) $", text[max(0, start - 30):start])
        if m is None:
            return False
        assert self._table is not None
        row = self._table.zipf(m.group(1).casefold())
        return any(row.get(code, 0.0) >= 3.0 and row.get(code, 0.0) > row.get("en", 0.0) for code in ([lang] if lang else LANGUAGE_NAMES))

