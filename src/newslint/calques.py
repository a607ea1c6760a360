"""Organisation names translated word for word from their native name ("Party of the Workers"
for Brazil's Partido dos Trabalhadores, the Workers' Party; "Frankfurt General Newspaper" for
the Frankfurter Allgemeine Zeitung).

The renderings are generated, not listed: each curated organisation's `native` names are
translated word by word with a compact bilingual lexicon of organisation-name words (the
`org_words` section of a dictionary file: language -> word -> English renderings; the shipped one
is rules/dictionaries/org_words.yaml). A native name is rendered in a language whose lexicon
holds every one of its words, in the native word order, each English word capitalised except
the small function words. A rendering that is itself a known name (the English name, an
accepted form of any entry) or the native name again is no calque.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from .errors import DictionaryError
from .textutil import fold

MAX_RENDERINGS = 32  # per native name (several renderings per word multiply)
SMALL_WORDS = frozenset("of the and for in on to a an at by with from".split())
# French and Italian elision ("l'Union", "dell'Economia", "d'Italia") and hyphens split words
_WORD = re.compile(r"[^\W\d_]+['’]|[^\W_]+(?:\.[^\W_]+)*\.?")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]+)?$")


def parse_org_words(raw: Any, where: str, line_of: Any) -> dict[str, dict[str, tuple[str, ...]]]:
    """Validate an `org_words` section: {language: {word: rendering or [renderings]}}; raise
    DictionaryError naming the file, line and key."""
    if not isinstance(raw, dict):
        raise DictionaryError(where, "'org_words' must map a language code to {word: English renderings}",
                              line_of(), "org_words")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, words in raw.items():
        if not isinstance(lang, str) or not _LANGUAGE.match(lang):
            raise DictionaryError(where, f"'{lang}' is not a language code (fr, es, de, it, pt, ru ...)",
                                  line_of(str(lang)), f"org_words.{lang}")
        if not isinstance(words, dict):
            raise DictionaryError(where, "a language's words must be a mapping {word: rendering}", line_of(lang),
                                  f"org_words.{lang}")
        table: dict[str, tuple[str, ...]] = {}
        for word, rendering in words.items():
            key = f"org_words.{lang}.{word}"
            if not isinstance(word, str) or not word.strip() or " " in word.strip():
                raise DictionaryError(where, "a lexicon word must be one word", line_of(lang, str(word)), key)
            values = [rendering] if isinstance(rendering, str) else rendering
            if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                raise DictionaryError(where, "a rendering must be a string or a list of strings ('' drops the word)",
                                      line_of(lang, word), key)
            table[fold(word).rstrip("’'")] = tuple(dict.fromkeys(v.strip() for v in values))
        out[lang] = table
    return out


def merge_org_words(into: dict[str, dict[str, tuple[str, ...]]], more: Mapping[str, Mapping[str, tuple[str, ...]]]) -> None:
    """Add a file's words to the merged lexicon (renderings of one word are joined)."""
    for lang, words in more.items():
        table = into.setdefault(lang, {})
        for word, renderings in words.items():
            table[word] = tuple(dict.fromkeys((*table.get(word, ()), *renderings)))


_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"})


def latin(name: str) -> str:
    """A Cyrillic name in the Latin letters the `ru` lexicon is written in (BGN/PCGN-like, no
    marks: "Федеральная служба" -> "federalnaya sluzhba"); other names unchanged."""
    if not any("\u0400" <= c <= "\u04ff" for c in name):
        return name
    return name.lower().translate(_CYRILLIC)


def native_words(name: str) -> list[str]:
    """The words of a native name, folded ("l'Économie" -> ["l", "economie"])."""
    return [fold(w).rstrip("’'") for w in _WORD.findall(name)]


def _cased(words: Sequence[str]) -> str:
    out = []
    for i, w in enumerate(" ".join(words).split()):
        out.append(w if i == 0 or w.lower() not in SMALL_WORDS else w.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def renderings(name: str, lexicon: Mapping[str, Mapping[str, tuple[str, ...]]]) -> Iterator[str]:
    """Word-for-word English renderings of a native name, in every language whose lexicon
    holds all its words (at most MAX_RENDERINGS per language)."""
    words = native_words(latin(name))
    if not words:
        return
    seen: set[str] = set()
    for table in lexicon.values():
        choices = []
        for w in words:
            options = table.get(w)
            if options is None:
                break
            choices.append(options)
        else:
            for n, combination in enumerate(product(*choices)):
                if n >= MAX_RENDERINGS:
                    break
                parts = [c for c in combination if c]
                if not parts:
                    continue
                text = _cased(parts)
                if text not in seen:
                    seen.add(text)
                    yield text


def calques(entries: Iterable[Any], lexicon: Mapping[str, Mapping[str, tuple[str, ...]]],
            known: Any) -> dict[str, int]:
    """Rendering -> entry number for every organisation with native names. `known(text)` says
    whether a text is a known name (then it is no calque). A rendering of two different
    organisations with different English names is dropped."""
    out: dict[str, int] = {}
    clash: set[str] = set()
    entries = list(entries)

    def entries_canonical(i: int) -> str:
        return str(entries[i].canonical)

    for i, entry in enumerate(entries):
        if entry.kind != "org" or not entry.native:
            continue
        own = {fold(f) for f, _ in entry.forms()}
        for name in entry.native:
            for text in renderings(name, lexicon):
                key = fold(text)
                if key in own or sum(w.lower() not in SMALL_WORDS for w in text.split()) < 2 or known(text):
                    continue  # the English name itself, a single word ("The World"), another known name
                if text in out and entries_canonical(out[text]) != entry.canonical:
                    clash.add(text)  # two organisations' names render alike: no guess
                out[text] = i
    for text in clash:
        del out[text]
    return out
