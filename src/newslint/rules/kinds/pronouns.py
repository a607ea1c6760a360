"""pronoun_gender: a pronoun that contradicts the one known person it can refer to.

Machine translation from languages that drop subjects or mark gender elsewhere (Italian,
Spanish, Portuguese, Chinese) often writes "he" for a woman ("Schlein ... He closely
monitors"). When the only person a paragraph names is a curated person whose `gender` the
dictionary gives, and the sentence of a pronoun and the one before hold no other candidate
antecedent, a pronoun of the other gender is flagged with the corrected one. Precision first:

* the person is named (correctly or as a near miss) before the pronoun, in its sentence or the
  one before, and the paragraph names nobody else: no other known person, no capitalised name
  that looks like a person's (a word many people carry as a given name or surname, or after
  Mr/Mrs/Ms/Dr), and no person noun (minister, spokesman, husband, coach ...) in the two sentences;
* the two sentences hold no pronoun that fits the person (she ... his: "his" is someone else);
* pronouns inside direct quotes are never judged (a woman quoted about a man: "He failed");
* "His Majesty", "Her Excellency" are titles, not pronouns.
Never fixed automatically.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ...dictionaries import ACCEPTED
from ...model import Match, Span
from ...textutil import match_case, paragraphs
from ..spec import Option
from .base import CheckContext, RuleKind
from .names import names_helper

_MALE = r"he|him|his|himself"
_FEMALE = r"she|her|hers|herself"
_PRONOUNS = {
    "female": re.compile(rf"\b(?:{_MALE})\b", re.IGNORECASE),  # wrong for a woman
    "male": re.compile(rf"\b(?:{_FEMALE})\b", re.IGNORECASE),  # wrong for a man
}
_FITTING = {"female": _PRONOUNS["male"], "male": _PRONOUNS["female"]}
_ANY_PRONOUN = re.compile(r"\b(?:[Hh](?:e|im|is|imself|er|ers|erself)|[Ss]he|HE|HIM|HIS|SHE|HER)\b")
_HONORIFIC = re.compile(r"\s+(?:Majesty|Majesty's|Highness|Holiness|Excellency|Eminence|Grace|Royal)\b")
_SWAP = {"he": "she", "him": "her", "his": "her", "himself": "herself",
         "she": "he", "hers": "his", "herself": "himself"}
# after "her": a word that starts a noun phrase makes it possessive ("her party" -> "his party")
_NOT_NOUN_START = frozenset(
    "to and or but that than as at by for from in into of on onto with about after before since until over under "
    "against during without through across a an the this these those it its there then now again also too very so "
    "because if when while who which".split())
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’-]*)")
# a sentence ends at . ! ? (and closing quotes) before white space and a capital, digit or quote
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_TITLE_GAP = re.compile(r"(?:\s+[A-Z][\w'’.\-]*){0,4}\s+")  # capitalised words between a title and the name
_DESCRIBING = ("the|a|an|former|then|new|current|acting|interim|outgoing|incoming|deputy|vice|prime|foreign|finance|"
               "defence|defense|interior|justice|health|economy|economic|trade|energy|education|labour|labor|culture|"
               "environment|agriculture|transport|digital|first|chief|party|opposition|senior|junior")
# ", the prime minister", ", Estonia's foreign minister": a description of the person named right before
_APPOSITION = re.compile(rf",\s+(?:(?:{_DESCRIBING}|[A-Z][\w'’.\-]*|[\w\-]+['’]s)\s+){{0,4}}")
_HONORIFIC_BEFORE = frozenset("mr mrs ms miss dr sir dame lord lady madam mme mlle herr frau sr sra".split())

PERSON_NOUNS = (
    "man woman boy girl child baby son daughter father mother husband wife brother sister uncle aunt nephew niece "
    "grandfather grandmother grandson granddaughter boyfriend girlfriend partner fiance fiancee widow widower "
    "gentleman lady king queen prince princess emperor empress pope cardinal bishop priest imam rabbi monk nun "
    "president premier chancellor minister secretary senator congressman congresswoman lawmaker legislator mp deputy "
    "governor mayor ambassador envoy diplomat consul official spokesman spokeswoman spokesperson adviser advisor aide "
    "leader chief head chairman chairwoman chair director manager executive ceo founder owner boss employer employee "
    "worker colleague counterpart rival opponent predecessor successor candidate nominee incumbent challenger "
    "judge justice magistrate prosecutor lawyer attorney defendant suspect accused victim witness plaintiff "
    "officer policeman policewoman soldier general commander colonel captain sergeant lieutenant admiral pilot "
    "driver passenger player striker goalkeeper defender midfielder coach manager captain referee athlete champion "
    "doctor nurse patient surgeon scientist researcher professor teacher student pupil journalist reporter editor "
    "writer author poet artist actor actress singer musician director producer analyst economist banker trader "
    "investor businessman businesswoman entrepreneur farmer resident citizen voter activist protester demonstrator "
    "militant fighter rebel gunman attacker killer hostage prisoner detainee refugee migrant tourist visitor guest "
    "host friend neighbour neighbor ally critic supporter follower fan member delegate representative negotiator "
    "mediator observer expert specialist engineer consultant commissioner inspector investigator detective agent "
    "spy source insider heir monarch ruler dictator strongman president-elect speaker"
).split()


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of text[start:end]."""
    out: list[tuple[int, int]] = []
    at = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((at, m.end()))
        at = m.end()
    if at < end:
        out.append((at, end))
    return out


def corrected(pronoun: str, text: str, end: int) -> str:
    """The pronoun of the other gender, with the case it was written in; "her" becomes "his"
    before a noun phrase, else "him"."""
    low = pronoun.lower()
    if low == "her":
        m = _NEXT_WORD.match(text, end)
        low_out = "his" if m is not None and m.group(1).lower() not in _NOT_NOUN_START else "him"
    else:
        low_out = _SWAP[low]
    return match_case(pronoun, low_out)  # (the engine recases it too, with the line)


class PronounGender(RuleKind):
    """Flags he/his for a known woman, she/her for a known man, where nobody else fits."""

    ORDER = 30
    OPTIONS = {
        "person_nouns": Option("str_list", "singular nouns for people: one in the sentence of a pronoun or the one before is "
                               "another candidate antecedent, so the pronoun is not judged", PERSON_NOUNS),
        "name_word_count": Option("int", "a capitalised word carried by at least this many biography titles as a given "
                                  "name or surname is taken for a person's name (another candidate antecedent)", 10, minimum=1),
    }

    def prepare(self) -> None:
        self._names = names_helper(self.resources)
        self._titles: frozenset[str] | None = None
        nouns = {n.lower() for n in self.options["person_nouns"]}  # (plurals are no antecedents of he or she)
        self._noun = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, nouns), key=len, reverse=True)) + r")\b",
                                re.IGNORECASE) if nouns else None

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        index = self.resources.names
        hits = self._names.analyse(ctx)
        named = [h for h in hits if h.relation in ACCEPTED or h.relation == "near"]
        if not any(getattr(index.entry(h.entry), "gender", None) in _PRONOUNS for h in named) \
                or _ANY_PRONOUN.search(text) is None:
            return  # (most articles: no known person with a gender)
        people = [h for h in named if index.entry(h.entry).kind == "person"]
        # a surname alone is this person only when the article names them in full and nobody
        # else of that surname ("Aquino" is not Benigno Aquino in a story on Corazon Aquino)
        in_full = {h.entry for h in people if " " in text[h.start:h.end].strip()}
        people = [h for h in people if h.entry in in_full]
        if not people:
            return
        previous: tuple[int, int] | None = None
        for pstart, pend in paragraphs(text):
            before, previous = previous, (pstart, pend)
            named = [h for h in people if pstart <= h.start < pend]
            if not named or len({h.entry for h in named}) != 1:
                continue  # nobody, or two people: "he" may be the other one
            entry = index.entry(named[0].entry)
            gender = getattr(entry, "gender", None)
            wrong = _PRONOUNS.get(gender or "")
            if wrong is None or wrong.search(text, pstart, pend) is None:
                continue
            if self._another_name(ctx, pstart, pend, hits) or self._shared_surname(text, named[0].entry, people):
                continue
            if before is not None and (any(before[0] <= h.start < before[1] and h.entry != named[0].entry for h in people)
                                       or self._another_name(ctx, before[0], before[1], hits, named[0].entry)):
                continue  # the paragraph before names someone else: "he said" may be them
            yield from self._judge(ctx, pstart, pend, named, entry.canonical, wrong, _FITTING[gender or ""])

    def _judge(self, ctx: CheckContext, pstart: int, pend: int, named: Sequence[Any], who: str,
               wrong: re.Pattern[str], fitting: re.Pattern[str]) -> Iterator[Match]:
        text = ctx.text
        sentences = _sentences(text, pstart, pend)
        for k, (s0, s1) in enumerate(sentences):
            w0 = sentences[k - 1][0] if k else s0
            for m in wrong.finditer(text, s0, s1):
                if ctx.quotes.contains(m.start(), m.end()) or _HONORIFIC.match(text, m.end()):
                    continue  # a quote speaks of someone else; "His Majesty" is a title
                if not any(w0 <= h.start and h.end <= m.start() for h in named):
                    continue  # the person is not named just before the pronoun
                if fitting.search(text, w0, s1) is not None:
                    continue  # "she ... his": the other pronoun is someone else's
                if self._person_noun(text, w0, s1, named):
                    continue  # "the minister", "her husband": another candidate antecedent
                fix = corrected(m.group(0), text, m.end())
                yield Match(Span(m.start(), m.end()), (fix,), safe=False,
                            message_vars=(("suggestion", fix), ("entry", who)))

    def _person_noun(self, text: str, start: int, end: int, named: Sequence[Any]) -> bool:
        """A person noun in text[start:end] outside the person's own name."""
        if self._noun is None:
            return False
        for m in self._noun.finditer(text, start, end):
            if any(h.start <= m.start() < h.end  # a word of the name itself
                   or (m.end() <= h.start and _TITLE_GAP.fullmatch(text, m.end(), h.start))  # "Prime Minister Tiiu Serkland"
                   or (h.end <= m.start() and _APPOSITION.fullmatch(text, h.end, m.start()))  # "Serkland, the prime minister"
                   for h in named):
                continue  # the person's own title or description
            return True
        return False

    def _shared_surname(self, text: str, entry: int, people: Sequence[Any]) -> bool:
        """Whether the article names someone else with the person's surname ("Ramon Diaz" beside
        Yolanda Diaz): a capitalised word before the surname that is neither inside one of the
        person's own mentions nor a title word."""
        own = [(h.start, h.end) for h in people if h.entry == entry]
        surnames = {text[s:e].split()[-1] for s, e in own}
        titles = self._title_words()
        for surname in surnames:
            if len(surname) < 2:
                continue
            for m in re.finditer(rf"\b([A-Z][\w'’.\-]*)\s+{re.escape(surname)}\b", text):
                if any(s <= m.start() < e for s, e in own) or m.group(1).lower() in titles:
                    continue
                if m.start() == 0 or text[:m.start()].rstrip()[-1:] in ".!?\"”\n" or not text[:m.start()].strip():
                    if self.resources.lexicon.zipf(m.group(1).lower()) >= 4.0:
                        continue  # a sentence starting "But Diaz said"
                return True
        return False

    def _title_words(self) -> frozenset[str]:
        """Every word of the catalogue's titles, lower case ("prime", "minister", "president")."""
        if self._titles is None:
            from .titles import build_catalogue

            dictionary = self.resources.curated_names.dictionary
            cat = build_catalogue(dictionary.titles, dictionary.entries)
            self._titles = frozenset(w for t in cat.classes for w in t.split())
        return self._titles

    def _another_name(self, ctx: CheckContext, pstart: int, pend: int, hits: Sequence[Any], entry: int | None = None) -> bool:
        """Whether the paragraph holds a capitalised name that may be another person's: a known
        person's (another entry), or an unknown word that many people carry as a given name or
        surname, or any capitalised word after Mr/Mrs/Ms/Dr. Words of known places and
        organisations and the first word of a sentence are no names of people."""
        lexicon = self.resources.lexicon
        limit = self.options["name_word_count"]
        text = ctx.text
        index = self.resources.names
        covered = []
        for h in hits:
            if pstart <= h.start < pend:
                if entry is not None and h.entry != entry and index.entry(h.entry).kind == "person":
                    return True  # another known person
                covered.append((h.start, h.end))
        for offset, _, runs in self._names.stretches(ctx):
            if offset >= pend:
                break
            if offset < pstart:
                continue
            for words, _, _, _ in runs:
                for i, (start, end, word, key) in enumerate(words):
                    at = offset + start
                    if any(s <= at < e for s, e in covered):
                        continue
                    before = text[max(pstart, at - 6):at].split()
                    if before and before[-1].rstrip(".").lower() in _HONORIFIC_BEFORE:
                        return True  # "Mr Tamm"
                    if word.isupper() or not key.isalpha() or lexicon.zipf(key) >= 4.0:
                        continue  # acronyms, numbers, ordinary words ("The", "But", "Monday")
                    if lexicon.given_count(key) >= limit or lexicon.surname_count(key) >= limit:
                        return True
        return False
