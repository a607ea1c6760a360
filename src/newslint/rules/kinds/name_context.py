"""Name checks that need the whole article, run after the per-stretch analysis of names.py:

* title evidence: "Prime Minister Fitso" where the one person holding that title at the
  article's date, and the only known person near the spelling, is Robert Fico;
* lower-case surnames of known people after a given name or a title ("Keir starmer",
  "Chancellor merz"); ordinary words elsewhere ("a trump card") are no names;
* the article's own spelling: a correction suggests the spelling of that person the article
  already uses ("Zelenskyy" in an article that writes Volodymyr Zelenskyy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ...bigindex import BIG_OFFSET
from ...dictionaries import ACCEPTED, NATIVE, NameIndex, NameSource
from ...resources import Lexicon
from ...textutil import RangeSet, fold

if TYPE_CHECKING:
    from .titles import Catalogue, TitleHolders

# a word of letters right after a capitalised stretch: " starmer", " merz's"
_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_]+)(?![\w\-])")
_PAST_MODIFIERS = frozenset({"former", "ex", "late", "then"})
_DESCRIPTORS = frozenset({"leader", "chief", "head", "boss", "supremo"})  # as NL103: news shorthand, not titles
MAX_TITLE_CLASSES = 2  # a title of more classes (Chairman, Leader) says too little about who is meant
COMMON_WORD_ZIPF = 3.5
_LOWER_TITLE_WORDS = 6  # a title of at most this many words before a lower-case surname


@dataclass
class TitleData:
    """The title catalogue and who held which title (built once per names rule)."""

    catalogue: Catalogue
    holders: TitleHolders
    surnames: list[str]  # every curated person's surname words, folded (for "no other person fits")
    surname_owner: list[int]
    lower_surnames: dict[str, list[int]]  # folded surname -> people with it
    before_surname: frozenset[str]  # folded words that may stand before a surname: given names, titles' last words
    candidates: dict[str, tuple[tuple[int, ...], bool]] = field(default_factory=dict)  # stretch -> _stretch_info


def build_title_data(curated: NameIndex) -> TitleData:
    """Catalogue, title holders and surname lists of the curated dictionary."""
    from .titles import TitleHolders, build_catalogue

    dictionary = curated.dictionary
    cat = build_catalogue(dictionary.titles, dictionary.entries)
    surnames: list[str] = []
    owners: list[int] = []
    lower: dict[str, list[int]] = {}
    for entry, words in person_surnames(curated).items():
        for folded in words:
            surnames.append(folded)
            owners.append(entry)
            lower.setdefault(folded, []).append(entry)
    given = {fold(w).replace(".", "") for e in curated.entries if e.kind == "person"
             for form in (e.canonical, *e.variants, *((e.full_name,) if e.full_name else ())) for w in form.split()[:-1]}
    return TitleData(cat, TitleHolders(cat, dictionary.entries), surnames, owners, lower, frozenset(given | cat.last_words))


def person_surnames(curated: NameIndex) -> dict[int, dict[str, str]]:
    """Entry -> {folded surname: as written} for every curated person (one-word forms, else the
    last word of the longer forms)."""
    rom = curated.romanised
    if rom is not None:
        return rom.surnames
    out: dict[int, dict[str, str]] = {}
    for i, e in enumerate(curated.entries):
        if e.kind == "person":
            word = e.canonical.split()[-1]
            out[i] = {fold(word): word}
    return out


def later_mentions(names: Any, text: str, hits: Sequence[Any], stretches: Sequence[Any], index: NameSource,
                   lexicon: Lexicon) -> Iterator[Any]:
    """Words that match no name, in an article that names curated people in full: a surname of
    one of them within two edits or in another romanisation (Names._later_mention)."""
    from .names import Tok

    people = sorted({h.entry for h in hits if h.relation in ACCEPTED and h.entry < BIG_OFFSET
                     and " " in text[h.start:h.end].strip() and index.entry(h.entry).kind == "person"})
    if not people:
        return
    covered = RangeSet.merged((h.start, h.end) for h in hits)
    max_given = names.options["max_given_count"]
    for offset, _, analysed in stretches:
        for words, owner, _, corporate in analysed:
            if corporate:
                continue
            for k, (start, end, written, key) in enumerate(words):
                if owner[k] is not None or len(key) < 4 or not key.isalpha() or written.isupper():
                    continue
                start += offset
                if covered.covers(start):
                    continue
                tok = Tok(start, end + offset, written, key)
                if not names._could_be_slip(tok, lexicon, max_given) or not names._unknown_word(tok, index, lexicon):
                    continue
                hit = names._later_mention(tok, people)
                if hit is not None:
                    yield hit


def title_evidence(names: Any, text: str, hits: Sequence[Any], stretches: Sequence[Any], data: TitleData,
                   index: NameSource, lexicon: Lexicon, when: Any) -> Iterator[Any]:
    """Surnames right after a title that match nothing: corrected to the one person who held that
    title at the article's date (any time after "former") when the spelling is within three
    edits (at most half its letters; same first letter, or a shared romanisation key) and no
    other known person's surname is as close."""
    from .names import NameHit, Tok
    from .titles import match_title

    cat = data.catalogue
    covered = RangeSet.merged((h.start, h.end) for h in hits)
    rom = names.resources.curated_names.romanised
    surnames = person_surnames(names.resources.curated_names)
    for offset, stretch, analysed in stretches:
        for k in _stretch_info(data, stretch, analysed)[0]:
            start, end, written, key = analysed[k][0][-1]
            start += offset
            end += offset
            if covered.covers(start):
                continue
            tok = Tok(start, end, written, key)
            if not names._could_be_slip(tok, lexicon, names.options["max_given_count"]) or not names._unknown_word(tok, index, lexicon):
                continue
            m = match_title(cat, text[max(0, start - 120):start])
            if m is None or fold(m.title) in _DESCRIPTORS:
                continue
            classes = cat.classes.get(fold(m.title), frozenset())
            if not classes or len(classes) > MAX_TITLE_CLASSES:
                continue
            countries = cat.countries.get(fold(m.adj).replace(".", "")) if m.adj else None
            past = (m.mod or "").lower() in _PAST_MODIFIERS
            people = data.holders.ever_held(classes, countries) if past else data.holders.holders(classes, when, countries)
            limit = max(1, min(3, len(key) // 2))
            fits: dict[int, tuple[int, str]] = {}
            for person in people:
                for folded, shown in surnames.get(person, {}).items():
                    d = OSA.distance(key, folded, score_cutoff=max(limit, 3))
                    same_key = rom is not None and rom.matches(written, folded)
                    if (d <= limit and key[0] == folded[0]) or (same_key and d <= max(3, len(folded) // 2)):
                        if person not in fits or d < fits[person][0]:
                            fits[person] = (d, shown)
            if len(fits) != 1:
                continue
            person, (d, shown) = next(iter(fits.items()))
            # no other known person's surname is as close
            others = process.extract(key, data.surnames, scorer=OSA.distance, score_cutoff=d, limit=None)
            if any(data.surname_owner[i] != person for _, _, i in others):
                continue
            yield NameHit(start, end, person, "near", shown, "title")


NOTHING_TO_SEE = ((), False)


def interesting(data: TitleData, stretches: Sequence[Any]) -> list[Any]:
    """The stretches the document passes look at (most have nothing: one memo lookup each)."""
    memo = data.candidates
    return [s for s in stretches if (memo.get(s[1]) or _stretch_info(data, s[1], s[2])) != NOTHING_TO_SEE]


def _stretch_info(data: TitleData, stretch: str, analysed: Sequence[Any]) -> tuple[tuple[int, ...], bool]:
    """What the document passes look at in a stretch, remembered per stretch: the runs that may
    end in a surname after a title (the last word matches no name and is a plain word; the word
    before is a title's last word), and whether the stretch ends in a given name or a title's
    last word (a surname in lower case may follow)."""
    found = data.candidates.get(stretch)
    if found is None:
        last_words = data.catalogue.last_words
        out = []
        for k, (words, owner, _, corporate) in enumerate(analysed):
            key, written = words[-1][3], words[-1][2]
            if owner[-1] is not None or corporate or len(key) < 3 or not key.isalpha() or written.isupper():
                continue
            if len(words) >= 2 and words[-2][3] in last_words:
                out.append(k)
        tail = analysed[-1][0] if analysed else ()
        lower = bool(tail) and tail[-1][3] in data.before_surname and tail[-1][1] == len(stretch)
        if len(data.candidates) > 100_000:
            data.candidates.clear()
        found = data.candidates[stretch] = (tuple(out), lower)
    return found


def lowercase_surnames(names: Any, text: str, hits: Sequence[Any], stretches: Sequence[Any], data: TitleData,
                       index: NameSource, lexicon: Lexicon) -> Iterator[Any]:
    """A known person's surname written in lower case right after the given name ("Keir
    starmer") or a title the person held ("Chancellor merz", "Prime Minister starmer"). A
    surname that is a common English word (trump, bush, may) only when the article also names
    the person with a capital."""
    from .names import NameHit

    cat = data.catalogue
    lower = data.lower_surnames
    named = {h.entry for h in hits if h.relation in ACCEPTED}
    surnames = person_surnames(names.resources.curated_names)
    for offset, stretch, analysed in stretches:
        if not _stretch_info(data, stretch, analysed)[1]:
            continue  # no given name or title last, or punctuation or a possessive ends the name
        words = analysed[-1][0]
        end = offset + len(stretch)
        m = _NEXT_WORD.match(text, end)
        if m is None or not m.group(1)[0].islower():
            continue
        word = m.group(1)
        key = fold(word)
        people = lower.get(key)
        if not people:
            continue
        common = lexicon.zipf(key) >= COMMON_WORD_ZIPF
        found: int | None = None
        # after the given name(s): the words before and the capitalised surname are a known form
        for n_given in (1, 2, 3):
            if n_given > len(words):
                break
            given = words[-n_given:]
            if len(words) > n_given and words[-n_given - 1][2][:1].isupper() and not words[-n_given - 1][2].isupper():
                continue  # "Mother Theresa may": a longer capitalised name before the given name
            phrase = " ".join(w[2] for w in given) + " " + word[0].upper() + word[1:]
            refs = [r for r in index.lookup(phrase) if r.relation in ACCEPTED and r.entry in people
                    and (not common or r.entry in named)]
            if refs:
                found = refs[0].entry
                break
        if found is None and words[-1][3] in cat.last_words:
            t = _title_before(cat, text, m.start(1))
            if t is not None:
                classes = cat.classes.get(fold(t.title), frozenset())
                if classes and fold(t.title) not in _DESCRIPTORS:
                    held = [p for p in people if data.holders.held(p, classes)]
                    if common:
                        held = [p for p in held if p in named]
                    if held:
                        found = held[0]
        if found is None:
            continue
        shown = surnames.get(found, {}).get(key, word[0].upper() + word[1:])
        yield NameHit(m.start(1), m.end(1), found, "near", shown, "lowercase")


def _title_before(cat: Catalogue, text: str, start: int) -> Any:
    """The title ending right before `start`, as titles.match_title finds it."""
    from .titles import match_title

    return match_title(cat, text[max(0, start - 120):start])


def article_spellings(hits: Sequence[Any], text: str, index: NameSource) -> list[Any]:
    """Corrections of a person suggest the spelling of that person the article already uses (an
    accepted form of the same number of words; for a surname alone, also the last word of a
    longer form), first written first, instead of the dictionary's canonical spelling."""
    if not any(h.relation == "near" for h in hits):
        return list(hits)
    spelled: dict[int, list[str]] = {}
    for h in sorted(hits, key=lambda h: h.start):
        if h.relation in ACCEPTED and h.relation != NATIVE:
            spelled.setdefault(h.entry, []).append(text[h.start:h.end])
    if not spelled:
        return list(hits)
    out = []
    for h in hits:
        if h.relation == "near" and h.entry in spelled and h.how != "lowercase" and index.entry(h.entry).kind == "person":
            n = len(h.suggestion.split())
            same = [s for s in spelled[h.entry] if len(s.split()) == n]
            if n == 1:
                same += [s.split()[-1] for s in spelled[h.entry] if len(s.split()) > 1]
            if same and fold(same[0]) != fold(h.suggestion) and fold(same[0]) != fold(text[h.start:h.end]):
                h = h._replace(suggestion=same[0])
        out.append(h)
    return out

