"""pronoun_gender: a pronoun that contradicts the one known person it can refer to.

Machine translation from languages that drop subjects or mark gender elsewhere (Italian,
Spanish, Portuguese, Chinese) often writes "he" for a woman ("Serkland ... He listened
closely"). When the only person a paragraph names is a curated person whose `gender` the
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
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from ...dictionaries import ACCEPTED
from ...model import Match, Severity, Span
from ...textutil import RangeSet, fold, match_case, paragraphs
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
# the pronouns as the document's lower-cased letter runs hold them: a document with none of them
# is ruled out by one set operation in C before _ANY_PRONOUN scans it
_PRONOUN_RUNS = frozenset("he him his himself she her hers herself".split())
_GENDERS = frozenset(_PRONOUNS)
_WRONG_RUNS = {"female": frozenset(_MALE.split("|")), "male": frozenset(_FEMALE.split("|"))}  # as _PRONOUNS finds them
_SURE_PRONOUNS = (" he ", " his ", " He ", " her ", " she ", " She ", " him ", " His ", " Her ")
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
# "... served as deputy secretary of": a role predicated of a person named before it, not another person
_AS_ROLE = re.compile(r"\bas\s+(?:(?:the|a|an)\s+)?(?:[\w'’\-]+\s+){0,3}$", re.IGNORECASE)
_NONSPACE = re.compile(r"\S+")
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


GIVEN_NAMES = "given_names.tsv"
# given names of one gender in the US lists but often of the other elsewhere (Italian Andrea, Nicola,
# Simone; French Jean, Dominique; Catalan Joan; Russian Valery, Nikita; British Lindsay, Hilary)
AMBIGUOUS_GIVEN_NAMES = (
    "andrea nicola simone michele daniele gabriele emanuele raffaele samuele jean dominique claude camille sacha "
    "sasha kim jan joan rosario alexis laurence ariel noa eli yuri nikita ira valery valeri toni mika marian carol "
    "ashley lindsay hilary jocelyn shannon leslie carey kerry tracy vivian beverley marion dana robin sandy lynn "
    "jamie evelyn rene dagny ilya"
).split()
# a capitalised word, then more: a given name and a surname (particles between: "Ana de Souza")
_NAME_RUN = regex.compile(r"(?<![\p{L}\p{N}'’.\-])\p{Lu}\p{Ll}+(?:[ \u00a0](?:(?:de|da|do|dos|das|del|della|di|du|van|von|der|den|le|la|bin|ibn|al|el)[ \u00a0])*\p{Lu}[\p{Ll}'’\-]*\p{Ll})+")
_COMMON_WORD_ZIPF = 4.0  # a given name this common in English is an ordinary word ("Grace", "April")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;\n\"“”‘’(\[—–-])\s*$")


@dataclass(frozen=True)
class Mention:
    """A person named in the article: where, who (a dictionary entry id, or "~Surname" for a person
    no dictionary knows), the gender and the name shown in the message."""

    start: int
    end: int
    entry: Any
    gender: str
    who: str
    guessed: bool = False  # the gender comes from the given name, not from a dictionary


@lru_cache(maxsize=4)
def _given_name_table(path: str) -> dict[str, str]:
    """Folded given name -> 'female' or 'male', for names that are overwhelmingly one gender."""
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            name, gender, *_ = line.rstrip("\n").split("\t")
            table[name] = gender
    return table


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
        "given_names": Option("str", "table of given names and their gender, for people the dictionaries give no gender "
                              "(in the built-in dictionaries folder unless a path; '' switches this off)", GIVEN_NAMES),
        "ambiguous_given_names": Option("str_list", "given names never used to guess a gender (one gender in the "
                                        "table's sources, often the other elsewhere)", AMBIGUOUS_GIVEN_NAMES),
        "guessed_severity": Option("str", "severity of a finding whose gender comes from the given name",
                                   "info", choices=("info", "warning", "error")),
    }

    def prepare(self) -> None:
        self._names = names_helper(self.resources)
        self._titles: frozenset[str] | None = None
        nouns = {n.lower() for n in self.options["person_nouns"]}  # (plurals are no antecedents of he or she)
        self._noun = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, nouns), key=len, reverse=True)) + r")\b",
                                re.IGNORECASE) if nouns else None
        self._ambiguous = frozenset(fold(n) for n in self.options["ambiguous_given_names"])
        self._given: dict[str, str] | None = None
        self._gendered: frozenset[str] | None = None  # the keys of _given that give a gender
        self._rare_given: dict[str, bool] = {}  # gendered given name -> no common English word

    def _given_gender(self, word: str) -> str | None:
        """The gender of a given name, when the table says it is overwhelmingly one."""
        if self._given is None:
            from ...resources import builtin_rules_dir

            name = self.options["given_names"]
            if not name:
                self._given = {}
            else:
                path = Path(name) if ("/" in name or "\\" in name) else builtin_rules_dir() / "dictionaries" / name
                self._given = _given_name_table(str(path)) if path.is_file() else {}
        key = fold(word.split("-")[0])
        return None if key in self._ambiguous else self._given.get(key)

    def _gendered_keys(self) -> frozenset[str]:
        """The folded given names _given_gender answers for (the table's, less the ambiguous ones)."""
        if self._gendered is None:
            self._given_gender("")  # loads the table
            assert self._given is not None
            self._gendered = frozenset(self._given) - self._ambiguous
        return self._gendered

    def _rare_given_name(self, key: str) -> bool:
        """A gendered given name (folded) that is no common English word, as _unknown_people asks
        of the given name it takes (remembered across documents)."""
        found = self._rare_given.get(key)
        if found is None:
            found = self._rare_given[key] = self.resources.lexicon.zipf(key) < _COMMON_WORD_ZIPF
        return found

    def _may_name_someone(self, run: str) -> bool:
        """Cheap first test of a run of capitalised words: one of its words can be the gendered,
        uncommon given name _unknown_people looks for (a word of no hyphen: the name itself; a
        hyphenated one: its first part, the rest may make it uncommon)."""
        gendered = self._gendered_keys()
        for word in fold(run).split():
            if "-" in word:
                if word.split("-")[0] in gendered:
                    return True
            elif word in gendered and self._rare_given_name(word):
                return True
        return False

    def _no_given_name(self, ctx: CheckContext, genders: Collection[str] = _GENDERS) -> bool:
        """Whether a document in ASCII holds none of the given names (of these genders)
        _may_name_someone looks for: such a name is a whole run of letters (a set operation in C
        finds the candidates among the document's lower-cased letter runs), written capitalised
        before a space (or, the first part of a hyphenated word, before a hyphen), as _NAME_RUN's
        words other than its last are."""
        text = ctx.text
        if not text.isascii():
            return False  # folding strips accents: the letter runs are no superset
        if not genders:
            return True
        present = self._given_names_present(ctx)  # (loads the table)
        assert self._given is not None
        every = len(genders) == len(_GENDERS)
        for word in present:
            if not every and self._given[word] not in genders:
                continue
            written = word.capitalize()
            if f"{written}-" in text or (self._rare_given_name(word) and f"{written} " in text):
                return False
        return True

    def _given_names_present(self, ctx: CheckContext) -> frozenset[str]:
        """The gendered given names among the document's lower-cased letter runs (one set operation
        in C, made once per document: _no_given_name is asked twice)."""
        key = ("pronoun-given-names", id(self))
        found = ctx.memo.get(key)
        if found is None:
            found = ctx.memo[key] = self._gendered_keys().intersection(ctx.letter_run_set())
        return found  # type: ignore[return-value]

    @staticmethod
    def _contradicted_genders(ctx: CheckContext) -> frozenset[str]:
        """The genders a pronoun of the document can contradict ('female' when it has he, him, his
        or himself): read from its lower-cased letter runs when it is ASCII (case-insensitive
        matching of other scripts has exceptions: 'İ' matches 'i'), else both."""
        if not ctx.text.isascii():
            return _GENDERS
        runs = ctx.letter_run_set()
        return frozenset(g for g in _GENDERS if not _WRONG_RUNS[g].isdisjoint(runs))

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if _PRONOUN_RUNS.isdisjoint(ctx.letter_run_set()):
            return
        if not any(map(text.__contains__, _SURE_PRONOUNS)) and _ANY_PRONOUN.search(text) is None:
            return  # (a pronoun between spaces is a match of _ANY_PRONOUN: no scan needed)
        hits = self._names.analyse(ctx)
        # every finding is a pronoun of _PRONOUNS[gender] for a person of that gender: when the
        # document has no such pronoun for any gender of its known people, and no given name of
        # that gender for a person no dictionary knows, nothing can be found
        contradicted = self._contradicted_genders(ctx)
        people = self._known_people(ctx, hits)
        if not any(m.gender in contradicted for m in people) and self._no_given_name(ctx, contradicted):
            return
        people.extend(self._unknown_people(ctx, hits))
        people.sort(key=lambda m: m.start)
        if not people:
            return
        yield from self._opening(ctx, people, hits)
        previous: tuple[int, int] | None = None
        for pstart, pend in paragraphs(text):
            before, previous = previous, (pstart, pend)
            named = [h for h in people if pstart <= h.start < pend]
            if not named or len({h.entry for h in named}) != 1:
                continue  # nobody, or two people: "he" may be the other one
            person = named[0]
            wrong = _PRONOUNS.get(person.gender)
            if wrong is None or wrong.search(text, pstart, pend) is None:
                continue
            own = [(h.start, h.end) for h in people if h.entry == person.entry]
            # a gender guessed from the given name asks more: any word a biography title carries as a
            # name is another candidate ("the letter from Nakasone to Margaret Thatcher ... he")
            limit = 1 if person.guessed else self.options["name_word_count"]
            if self._another_name(ctx, pstart, pend, hits, own=own, limit=limit) or self._shared_surname(text, person.entry, people):
                continue
            # people of the named person's gender cannot be what the contradicting pronoun stands for
            alike = {h.entry for h in people if h.gender == person.gender}
            if before is not None and (any(before[0] <= h.start < before[1] and h.entry not in alike for h in people)
                                       or self._another_name(ctx, before[0], before[1], hits, person.entry, own, limit, alike)):
                continue  # the paragraph before names someone else whom the pronoun fits: "he said" may be them
            severity = Severity(self.options["guessed_severity"]) if person.guessed else None
            for match in self._judge(ctx, pstart, pend, named, person.who, wrong, _FITTING[person.gender]):
                yield Match(match.span, match.suggestions, match.safe, match.message_vars, severity=severity)

    def _opening(self, ctx: CheckContext, people: Sequence[Mention], hits: Sequence[Any]) -> Iterator[Match]:
        """An article that opens with a pronoun and names its subject in the next sentence, the way
        Italian, Spanish or Portuguese copy drops the subject ("He listened closely ... . Tiiu
        Serkland then rose ..."): when that next sentence opens with a person (after titles) of the
        other gender, everyone the two sentences name is of that gender, the opening sentence names
        nobody and holds no person noun and no pronoun that fits, its pronouns contradict that
        person (at info: the antecedent is read forward)."""
        text = ctx.text
        first_paragraph = next(((a, b) for a, b in paragraphs(text) if text[a:b].strip()), None)
        if first_paragraph is None:
            return
        sentences = _sentences(text, *first_paragraph)
        if len(sentences) < 2:
            return
        (a0, a1), (b0, b1) = sentences[0], sentences[1]
        if any(h.start < b0 for h in people):
            return  # the opening sentence names someone
        second = [h for h in people if b0 <= h.start < b1]
        if not second or second[0].gender not in _PRONOUNS:
            return
        subject = second[0]
        titles = self._title_words()
        lead = text[b0:subject.start].split()
        if any(w.strip("\"“‘(").rstrip(".").lower() not in titles for w in lead):
            return  # the next sentence does not open with the person
        if any(h.gender != subject.gender for h in second) or _FITTING[subject.gender].search(text, a0, a1):
            return
        if (self._noun is not None and self._noun.search(text, a0, a1)) or self._person_noun(text, b0, b1, second):
            return
        own = [(h.start, h.end) for h in second]
        if self._another_name(ctx, a0, b1, hits, own=own, limit=1):
            return
        for m in _PRONOUNS[subject.gender].finditer(text, a0, a1):
            if ctx.quotes.contains(m.start(), m.end()) or _HONORIFIC.match(text, m.end()):
                continue
            fix = corrected(m.group(0), text, m.end())
            yield Match(Span(m.start(), m.end()), (fix,), safe=False, severity=Severity.INFO,
                        message="'{found}' opens the article and contradicts {entry}, whom the next sentence names; write '{suggestion}'",
                        message_vars=(("suggestion", fix), ("entry", subject.who)))

    def _known_people(self, ctx: CheckContext, hits: Sequence[Any]) -> list[Mention]:
        """The mentions of known people with a gender, in the order of the hits: people named in full
        somewhere whose dictionary entry gives it, or whose given name is overwhelmingly one gender
        (check() adds _unknown_people's)."""
        text = ctx.text
        index = self.resources.names
        named = [h for h in hits if (h.relation in ACCEPTED or h.relation == "near") and index.entry(h.entry).kind == "person"]
        # a surname alone is this person only when the article names them in full and nobody
        # else of that surname ("Aquino" is not Benigno Aquino in a story on Corazon Aquino)
        in_full = {h.entry for h in named if " " in text[h.start:h.end].strip()}
        out: list[Mention] = []
        genders: dict[int, tuple[str, bool] | None] = {}
        for h in named:
            if h.entry not in in_full:
                continue
            if h.entry not in genders:
                entry = index.entry(h.entry)
                gender = getattr(entry, "gender", None)
                if gender in _PRONOUNS:
                    genders[h.entry] = (gender, False)
                else:
                    guess = self._given_gender(entry.canonical.split()[0]) if " " in entry.canonical else None
                    genders[h.entry] = (guess, True) if guess else None
            found = genders[h.entry]
            if found is not None:
                out.append(Mention(h.start, h.end, h.entry, found[0], index.entry(h.entry).canonical, found[1]))
        return out

    def _unknown_people(self, ctx: CheckContext, hits: Sequence[Any]) -> list[Mention]:
        """People no dictionary knows, written with a given name the table genders and a surname,
        not inside a known name, a place or an organisation; and each later mention of the surname
        alone."""
        text = ctx.text
        if not self.options["given_names"] or self._no_given_name(ctx):
            return []
        covered = RangeSet.merged((h.start, h.end) for h in hits)
        titles = self._title_words()
        lexicon = self.resources.lexicon
        found: dict[str, Mention] = {}
        for m in _NAME_RUN.finditer(text):
            if not self._may_name_someone(m.group()):
                continue  # no word can be the given name below (most runs: places, organisations)
            words = [(w.start(), w.end(), w.group()) for w in _NONSPACE.finditer(m.group())]
            at_start = _SENTENCE_START_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
            i = 0  # leading titles ("Judge", "Prime Minister"), or an ordinary word opening a sentence ("But")
            while i < len(words) - 2 and (words[i][2].rstrip(".").lower() in titles or words[i][2].rstrip(".").lower() in _HONORIFIC_BEFORE
                                          or (i == 0 and at_start and lexicon.zipf(fold(words[i][2])) >= 4.0)):
                i += 1
            if i == 0 and not at_start:
                prev = re.search(r"([A-Z][\w'’.\-]*)\s+$", text[max(0, m.start() - 40):m.start()])
                if prev is not None and prev.group(1).rstrip(".").lower() not in titles \
                        and prev.group(1).rstrip(".").lower() not in _HONORIFIC_BEFORE:
                    continue  # a capitalised word before that is no title: part of another name
            given = words[i][2]
            start, end = m.start() + words[i][0], m.end()
            gender = self._given_gender(given)
            if gender is None or lexicon.zipf(fold(given)) >= _COMMON_WORD_ZIPF:
                continue  # no gendered given name, or an ordinary word ("Grace", "April", "Georgia")
            if covered.contains(start, end):
                continue  # part of a known name, place or organisation
            surname = re.sub(r"['’]s$", "", words[-1][2])  # "Quastberg's"
            end -= len(words[-1][2]) - len(surname)
            if self._given_gender(surname) is not None or len(surname) < 2:
                continue  # "Mary Ann": no surname written
            key = "~" + surname
            if key in found and found[key].gender != gender:
                found[key] = Mention(-1, -1, key, "", "")  # two people of that surname: judge neither
                continue
            found.setdefault(key, Mention(start, end, key, gender, text[start:end], True))
        out: list[Mention] = []
        for key, first in found.items():
            if not first.gender:
                continue
            surname = key[1:]
            # (the surname first, then the character before it: a pattern led by a literal is
            # searched for fast)
            written = re.escape(surname)
            for m in re.finditer(rf"{written}(?<![\w'’.\-]{written})(?![\w\-])", text):
                if m.start() < first.end and m.start() >= first.start:
                    continue  # the full mention itself
                if covered.covers(m.start()):
                    continue
                out.append(Mention(m.start(), m.end(), key, first.gender, first.who, True))
            out.append(first)
        return out

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
                   or (h.end <= m.start() and _AS_ROLE.search(text, h.end, m.start()) is not None)  # "Serkland ... as secretary"
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

    def _another_name(self, ctx: CheckContext, pstart: int, pend: int, hits: Sequence[Any], entry: Any = None,
                      own: Sequence[tuple[int, int]] = (), limit: int | None = None, alike: Collection[int] = ()) -> bool:
        """Whether the paragraph holds a capitalised name that may be another person's: a known
        person's (another entry, not one of `alike`: known people of the named person's gender), or an unknown word that many people carry as a given name or
        surname, or any capitalised word after Mr/Mrs/Ms/Dr. Words of known places and
        organisations and the first word of a sentence are no names of people."""
        lexicon = self.resources.lexicon
        if limit is None:
            limit = self.options["name_word_count"]
        text = ctx.text
        index = self.resources.names
        spans = list(own)  # the person's own mentions (of a person no dictionary knows, not among hits)
        for h in hits:
            if pstart <= h.start < pend:
                if entry is not None and h.entry != entry and h.entry not in alike and index.entry(h.entry).kind == "person":
                    return True  # another known person
                spans.append((h.start, h.end))
        covered = RangeSet.merged(spans)
        for offset, _, runs in self._names.stretches(ctx):
            if offset >= pend:
                break
            if offset < pstart:
                continue
            for words, _, _, _ in runs:
                for i, (start, end, word, key) in enumerate(words):
                    at = offset + start
                    if covered.covers(at):
                        continue
                    before = text[max(pstart, at - 6):at].split()
                    if before and before[-1].rstrip(".").lower() in _HONORIFIC_BEFORE:
                        return True  # "Mr Tamm"
                    if word.isupper() or not key.isalpha() or lexicon.zipf(key) >= 4.0:
                        continue  # acronyms, numbers, ordinary words ("The", "But", "Monday")
                    if lexicon.given_count(key) >= limit or lexicon.surname_count(key) >= limit:
                        return True
        return False
