"""The words a spinner or a translator may have replaced: for a printed word, the common words it
can stand for (a thesaurus read backwards), with English inflection carried over
("stated" -> "said", "costs" -> "prices")."""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

DATA = Path(str(importlib_resources.files("newslint"))) / "wording" / "data"
THESAURUS_FILE = "thesaurus.tsv.gz"

# irregular verb forms: base -> (past, past participle, third person, gerund)
_IRREGULAR = """
be was been is being|become became become becomes becoming|begin began begun begins beginning|
break broke broken breaks breaking|bring brought brought brings bringing|build built built builds building|
buy bought bought buys buying|catch caught caught catches catching|choose chose chosen chooses choosing|
come came come comes coming|cost cost cost costs costing|cut cut cut cuts cutting|deal dealt dealt deals dealing|
do did done does doing|draw drew drawn draws drawing|drive drove driven drives driving|eat ate eaten eats eating|
fall fell fallen falls falling|feel felt felt feels feeling|fight fought fought fights fighting|find found found finds finding|
flee fled fled flees fleeing|fly flew flown flies flying|forget forgot forgotten forgets forgetting|get got got gets getting|
give gave given gives giving|go went gone goes going|grow grew grown grows growing|have had had has having|
hear heard heard hears hearing|hide hid hidden hides hiding|hit hit hit hits hitting|hold held held holds holding|
hurt hurt hurt hurts hurting|keep kept kept keeps keeping|know knew known knows knowing|lay laid laid lays laying|
lead led led leads leading|leave left left leaves leaving|lend lent lent lends lending|let let let lets letting|
lie lay lain lies lying|lose lost lost loses losing|make made made makes making|mean meant meant means meaning|
meet met met meets meeting|pay paid paid pays paying|put put put puts putting|quit quit quit quits quitting|
read read read reads reading|ride rode ridden rides riding|rise rose risen rises rising|run ran run runs running|
say said said says saying|see saw seen sees seeing|seek sought sought seeks seeking|sell sold sold sells selling|
send sent sent sends sending|set set set sets setting|shake shook shaken shakes shaking|shoot shot shot shoots shooting|
show showed shown shows showing|shut shut shut shuts shutting|sing sang sung sings singing|sink sank sunk sinks sinking|
sit sat sat sits sitting|sleep slept slept sleeps sleeping|speak spoke spoken speaks speaking|spend spent spent spends spending|
split split split splits splitting|spread spread spread spreads spreading|stand stood stood stands standing|
steal stole stolen steals stealing|strike struck struck strikes striking|swear swore sworn swears swearing|
take took taken takes taking|teach taught taught teaches teaching|tear tore torn tears tearing|tell told told tells telling|
think thought thought thinks thinking|throw threw thrown throws throwing|understand understood understood understands understanding|
wake woke woken wakes waking|wear wore worn wears wearing|win won won wins winning|withdraw withdrew withdrawn withdraws withdrawing|
write wrote written writes writing|overcome overcame overcome overcomes overcoming|undertake undertook undertaken undertakes undertaking|
forecast forecast forecast forecasts forecasting|upset upset upset upsets upsetting|bet bet bet bets betting|bid bid bid bids bidding|
sweep swept swept sweeps sweeping|slide slid slid slides sliding|bind bound bound binds binding|feed fed fed feeds feeding|
"""

# form kinds: "" base, "s" third person / plural, "ed" past / participle, "ing" gerund
_FORMS: dict[str, dict[str, str]] = {}  # base -> {kind: form}
_BASE_OF: dict[str, list[tuple[str, str]]] = {}  # form -> [(base, kind)]
for _entry in _IRREGULAR.split("|"):
    _parts = _entry.split()
    if len(_parts) == 5:
        _base, _past, _part, _third, _ger = _parts
        _FORMS[_base] = {"": _base, "ed": _past, "en": _part, "s": _third, "ing": _ger}
        for _kind, _form in (("ed", _past), ("en", _part), ("s", _third), ("ing", _ger)):
            _BASE_OF.setdefault(_form, []).append((_base, _kind))

_VOWELS = set("aeiou")


def _regular(base: str, kind: str) -> str:
    """A regular inflection of `base` ("" base, "s", "ed"/"en", "ing")."""
    if kind == "":
        return base
    irregular = _FORMS.get(base)
    if irregular is not None:
        return irregular[kind]
    if kind == "s":
        if base.endswith(("s", "x", "z", "ch", "sh")):
            return base + "es"
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            return base[:-1] + "ies"
        return base + "s"
    if kind in ("ed", "en"):
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
            return base[:-1] + "ied"
        return base + "ed"
    if kind == "ing":
        if base.endswith("ie"):
            return base[:-2] + "ying"
        if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
            return base[:-1] + "ing"
        return base + "ing"
    return base


def analyses(word: str) -> list[tuple[str, str]]:
    """Possible (base, kind) readings of an inflected lower-case word, the word itself first."""
    out: list[tuple[str, str]] = [(word, "")]
    out += _BASE_OF.get(word, [])
    w = word
    if w.endswith("ies") and len(w) > 4:
        out.append((w[:-3] + "y", "s"))
    if w.endswith("es") and len(w) > 3:
        out.append((w[:-2], "s"))
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.append((w[:-1], "s"))
    if w.endswith("ied") and len(w) > 4:
        out.append((w[:-3] + "y", "ed"))
    if w.endswith("ed") and len(w) > 4:
        out += [(w[:-2], "ed"), (w[:-1], "ed")]
        if w[-3] == w[-4]:
            out.append((w[:-3], "ed"))
    if w.endswith("ing") and len(w) > 5:
        out += [(w[:-3], "ing"), (w[:-3] + "e", "ing")]
        if w[-4] == w[-5]:
            out.append((w[:-4], "ing"))
    return out


def inflect(base: str, kind: str) -> str:
    """`base` (a word or phrase: its first word is inflected, "lay off" -> "laid off") in form `kind`."""
    if kind == "":
        return base
    first, sep, rest = base.partition(" ")
    return _regular(first, kind) + sep + rest


class Thesaurus:
    """Printed word or phrase -> the common words it may stand for, most frequent first."""

    def __init__(self, table: dict[str, tuple[str, ...]], known: "set[str] | None" = None) -> None:
        self.table = table
        self.known = known  # words an inflected candidate must be (None: accept all)
        self.max_phrase_words = max((k.count(" ") + 1 for k in table), default=1)

    @classmethod
    def load(cls, path: Path | None = None) -> "Thesaurus":
        table: dict[str, tuple[str, ...]] = {}
        with gzip.open(path or DATA / THESAURUS_FILE, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                printed, _, originals = line.rstrip("\n").partition("\t")
                if printed and originals:
                    table[printed] = tuple(originals.split("|"))
        return cls(table)

    def candidates(self, printed: str, limit: int = 30) -> list[str]:
        """Likely originals of a printed lower-case word or phrase, in the printed word's form
        (the table holds inflected forms: it was built with `inflect`)."""
        return list(self.table.get(printed, ())[:limit])


@lru_cache(maxsize=65536)
def _candidates(th: Thesaurus, printed: str, limit: int) -> tuple[str, ...]:
    return th.table.get(printed, ())[:limit]
