"""The closed set of rule kinds, and rule selection by id prefix or name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .kinds.acronyms import AcronymMismatch
from .kinds.attribution import Attribution
from .kinds.base import RuleKind
from .kinds.boilerplate import Boilerplate
from .kinds.capitalisation import Capitalisation
from .kinds.consistency import SpellingConsistency
from .kinds.existence import Existence
from .kinds.exonyms import PlaceExonym
from .kinds.foreign import ForeignPhrase
from .kinds.foreign_word import ForeignWord
from .kinds.fuzzy_phrase import FuzzyPhrase
from .kinds.grammar import Grammar
from .kinds.homoglyph import InvisibleCharacter, MixedScript
from .kinds.mojibake import Mojibake
from .kinds.names import Names
from .kinds.organisations import LowercaseOrganisation
from .kinds.presiding import PresidingOfficer
from .kinds.pronouns import PronounGender
from .kinds.recurring import RecurringLine
from .kinds.repetition import Repetition
from .kinds.script import ForeignScript, ForeignSentence
from .kinds.spelling import Spelling
from .kinds.slips import DoubledAuxiliary, DoubledSubject, StrayPunctuation
from .kinds.structure import Guillemet, MarkupLeftover, RepeatedSentence, Unbalanced
from .kinds.substitution import Substitution
from .kinds.titles import Titles
from .kinds.wording import ReplacedWord, SpunArticle
from .kinds.suppression import Suppression
from .spec import RuleSpec

KINDS: dict[str, type[RuleKind]] = {
    "substitution": Substitution,
    "existence": Existence,
    "boilerplate": Boilerplate,
    "capitalisation": Capitalisation,
    "lowercase_organisation": LowercaseOrganisation,
    "fuzzy_phrase": FuzzyPhrase,
    "repetition": Repetition,
    "names": Names,
    "place_exonym": PlaceExonym,
    "titles": Titles,
    "pronoun_gender": PronounGender,
    "presiding_officer": PresidingOfficer,
    "acronym_mismatch": AcronymMismatch,
    "spelling_consistency": SpellingConsistency,
    "suppression": Suppression,
    "mojibake": Mojibake,
    "mixed_script": MixedScript,
    "invisible_character": InvisibleCharacter,
    "foreign_script": ForeignScript,
    "foreign_sentence": ForeignSentence,
    "foreign_phrase": ForeignPhrase,
    "foreign_word": ForeignWord,
    "unbalanced": Unbalanced,
    "repeated_sentence": RepeatedSentence,
    "guillemet": Guillemet,
    "markup_leftover": MarkupLeftover,
    "attribution": Attribution,
    "grammar": Grammar,
    "stray_punctuation": StrayPunctuation,
    "spelling": Spelling,
    "recurring_line": RecurringLine,
    "doubled_subject": DoubledSubject,
    "doubled_auxiliary": DoubledAuxiliary,
    "replaced_word": ReplacedWord,
    "spun_article": SpunArticle,
}


def _specificity(spec: RuleSpec, patterns: Iterable[str]) -> int:
    """Length of the longest pattern that selects `spec` (-1 when none does)."""
    best = -1
    for pattern in patterns:
        p = pattern.strip()
        if not p:
            continue
        if p.upper() == "ALL":
            best = max(best, 0)
        elif p == spec.name or p.upper() == spec.id:
            best = max(best, 100)
        elif spec.id.startswith(p.upper()):
            best = max(best, len(p))
    return best


def is_selected(spec: RuleSpec, select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Decide whether a rule runs: the longest matching select/ignore pattern wins;
    on a tie, ignore wins. Without any select, rules run if enabled by default."""
    sel = _specificity(spec, select or [])
    ign = _specificity(spec, ignore or [])
    if sel < 0 and ign < 0:
        return spec.default_enabled and not select
    if sel < 0 and ign >= 0:
        return False
    return sel > ign or (sel >= 0 and ign < 0)


def unknown_selectors(specs: list[RuleSpec], patterns: Iterable[str]) -> list[str]:
    """Patterns that select no rule at all (usually a typo)."""
    return [p for p in patterns if p.strip() and p.upper() != "ALL" and all(_specificity(s, [p]) < 0 for s in specs)]


def unknown_selector_message(specs: list[RuleSpec], pattern: str) -> str:
    """"'NL1O1' matches no rule; did you mean NL101 (misspelled-name), ...?" with the closest
    rule ids, names and id prefixes (rapidfuzz)."""
    from ..suggest import closest

    by_id = {s.id: s for s in specs}
    by_name = {s.name: s for s in specs}
    families: dict[str, int] = {}
    for s in specs:
        for prefix in (s.id[:3], s.id[:4]):
            families[prefix] = families.get(prefix, 0) + 1
    shown = []
    short = re.fullmatch(r"[A-Za-z]{2}(\d{1,2})", pattern.strip())
    if short:  # an unknown family ('NL7'): the families of that length
        choices = sorted(f for f in families if len(f) == len(pattern.strip()))
        near = choices if len(choices) <= 9 else closest(pattern, choices, limit=5)
    else:
        near = closest(pattern, [*by_id, *by_name])
    for choice in near:
        if choice in by_id:
            shown.append(f"{choice} ({by_id[choice].name})")
        elif choice in by_name:
            shown.append(f"{choice} ({by_name[choice].id})")
        else:
            shown.append(f"{choice} ({families[choice]} rule{'s' if families[choice] != 1 else ''})")
    hint = f"; did you mean {', '.join(shown)}?" if shown else " (`newslint rules` lists every rule)"
    return f"'{pattern}' matches no rule{hint}"
