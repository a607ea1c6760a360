"""A romanisation key: one person's name written by different transliteration systems folds to
the same key ("Prigojine" / "Prigozhin", "Shmygal" / "Shmyhal", "Poutine" / "Putin").

The folding is data (the `romanisation` list of a dictionary file; the shipped one is
rules/dictionaries/romanisation.yaml). Each rule rewrites a letter cluster:

    - {from: [tsch, tch], to: ch}       # German, French
    - {from: "^ye", to: e}              # "^" anchors at the start of a word, "$" at its end
    - {from: j, to: [j, zh, y, kh]}     # several readings make several keys

A word is lower-cased, then rewritten in passes until nothing changes: in each pass every place
where a rule's cluster starts is rewritten, left to right, the longest cluster first (the first
rule listed among equally long ones). Then accents are dropped, doubled letters written once, and
the passes run again. A rule with several readings forks the word, so a word has a small set of
keys (at most MAX_KEYS); two spellings match when their sets share a key.

Rules that undo each other ("ou" -> "u" and "u" -> "ou") or grow without end ("u" -> "ou") would
never finish: they are a load error naming the file, the line and the rule's key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import DictionaryError
from .textutil import strip_accents

MAX_KEYS = 32  # keys kept per word (several readings multiply)
MAX_STEPS = 24  # rewritings explored per word before the rules are declared to loop
_CLUSTER = re.compile(r"^\^?(?:[^\W\d_]|['’-])+\$?$")
_DOUBLE = re.compile(r"([^\W\d_])\1+")
ROMANISATION_KEYS = {"from", "to", "note"}


@dataclass(frozen=True)
class RomanisationRule:
    """One rewrite: any of `sources` (anchored with ^ / $) becomes each of `readings`."""

    sources: tuple[str, ...]
    readings: tuple[str, ...]
    where: str = ""
    line: int | None = None
    index: int = 0

    def error(self, message: str) -> DictionaryError:
        """A load error naming this rule's file, line and key."""
        return DictionaryError(self.where, message, self.line, f"romanisation[{self.index}].from")


class RomanisationLoop(Exception):
    """The rules keep rewriting a word (a cycle, or a word that grows)."""


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def parse_rules(raw: Any, where: str, line_of: Any) -> list[RomanisationRule]:
    """Validate a `romanisation` list; `line_of(i)` gives the line of item i. Raises
    DictionaryError naming the file, line and key; also when the rules loop."""
    if not isinstance(raw, list):
        raise DictionaryError(where, "'romanisation' must be a list of {from, to} rules", line_of(None), "romanisation")
    rules: list[RomanisationRule] = []
    for i, item in enumerate(raw):
        line = line_of(i)
        if not isinstance(item, dict):
            raise DictionaryError(where, "a romanisation rule must be a mapping {from, to}", line, f"romanisation[{i}]")
        for key in item:
            if key not in ROMANISATION_KEYS:
                raise DictionaryError(where, f"unknown romanisation key '{key}'", line, f"romanisation[{i}].{key}")
        sources = _strings(item.get("from"))
        if sources is None:
            raise DictionaryError(where, "'from' must be a letter cluster or a list of them", line, f"romanisation[{i}].from")
        readings = _strings(item.get("to")) if item.get("to") != "" else ("",)
        if readings is None:
            raise DictionaryError(where, "'to' must be a string or a list of strings", line, f"romanisation[{i}].to")
        for s in sources:
            core = s.lstrip("^").rstrip("$")
            if not core or not _CLUSTER.match(s) or s.count("^") > 1 or s.count("$") > 1:
                raise DictionaryError(where, f"'from' {s!r} must be letters, optionally with ^ before or $ after",
                                      line, f"romanisation[{i}].from")
        for r in readings:
            if r and (not _CLUSTER.match(r) or "^" in r or "$" in r):
                raise DictionaryError(where, f"'to' {r!r} must be letters (or empty)", line, f"romanisation[{i}].to")
        rules.append(RomanisationRule(tuple(s.casefold() for s in sources), tuple(r.casefold() for r in readings),
                                      where, line, i))
    check_termination(rules)
    return rules


def check_termination(rules: Sequence[RomanisationRule]) -> None:
    """Raise the first looping rule's load error: every rule's clusters and readings must come to
    rest under the whole rule set."""
    if not rules:
        return
    key = RomanisationKey(rules)
    for rule in rules:
        for text in (*(s.lstrip("^").rstrip("$") for s in rule.sources), *rule.readings):
            if not text:
                continue
            try:
                key.keys(text, strict=True)
            except RomanisationLoop as exc:
                raise rule.error(f"the romanisation rules never come to rest on {text!r} ({exc}): "
                                 "two rules undo each other or a rule's reading contains its own cluster") from None


class RomanisationKey:
    """The compiled rules: `keys(word)` is the set of romanisation keys of one word."""

    def __init__(self, rules: Iterable[RomanisationRule]) -> None:
        self.rules = list(rules)
        # per first letter: (cluster, only at a word's start, only at its end, readings), longest first
        by_first: dict[str, list[tuple[str, bool, bool, tuple[str, ...]]]] = {}
        ranked = []
        for order, rule in enumerate(self.rules):
            for s in rule.sources:
                core = s.lstrip("^").rstrip("$")
                ranked.append((-len(core), order, (core, s.startswith("^"), s.endswith("$"), rule.readings)))
        for _, _, alt in sorted(ranked, key=lambda r: (r[0], r[1])):
            by_first.setdefault(alt[0][0], []).append(alt)
        self._by_first = by_first
        self._memo: dict[str, frozenset[str]] = {}

    def _pass(self, word: str) -> list[str]:
        """One pass over the word: every reading of every rewrite (at most MAX_KEYS words)."""
        by_first = self._by_first
        outs: list[str] | None = None
        at = i = 0
        n = len(word)
        while i < n:
            alts = by_first.get(word[i])
            if alts is not None:
                for core, at_start, at_end, readings in alts:
                    end = i + len(core)
                    if not word.startswith(core, i) or (at_start and i > 0 and word[i - 1].isalpha()) \
                            or (at_end and end < n and word[end].isalpha()):
                        continue
                    gap = word[at:i]
                    outs = [o + gap + r for o in (outs if outs is not None else [""]) for r in readings][:MAX_KEYS]
                    at = i = end
                    break
                else:
                    i += 1
                continue
            i += 1
        if outs is None:
            return [word]
        tail = word[at:]
        return [o + tail for o in outs]

    def _settle(self, word: str, strict: bool) -> set[str]:
        """Words the passes come to rest on, starting from `word` (a depth-first search that
        reports a cycle or too many steps as RomanisationLoop when strict)."""
        done: dict[str, set[str]] = {}
        steps = 0
        longest = 3 * len(word) + 12  # a word rewritten longer than this grows without end

        def visit(w: str, path: tuple[str, ...]) -> set[str]:
            nonlocal steps
            if w in done:
                return done[w]
            steps += 1
            if steps > MAX_STEPS * MAX_KEYS or len(path) > MAX_STEPS or len(w) > longest:
                if strict:
                    raise RomanisationLoop(f"it keeps growing or changing: {' -> '.join(p[:20] for p in path[:5])} ...")
                return {w}
            outs = self._pass(w)
            rest: set[str] = set()
            if w in outs:
                rest.add(w)  # a fixed point: no rule changed it (or every reading kept it)
            for o in dict.fromkeys(outs):
                if o == w:
                    continue
                if o in path:
                    if strict:
                        raise RomanisationLoop(" -> ".join((*path[path.index(o):], o)))
                    continue
                rest |= visit(o, (*path, o))
                if len(rest) >= MAX_KEYS:
                    break
            done[w] = rest or {w}
            return done[w]

        return visit(word, (word,))

    def keys(self, word: str, strict: bool = False) -> frozenset[str]:
        """The keys of a word (remembered). `strict` raises RomanisationLoop instead of cutting a
        rewriting short."""
        found = None if strict else self._memo.get(word)
        if found is not None:
            return found
        first = self._settle(word.casefold(), strict)
        out: set[str] = set()
        for w in first:
            plain = _DOUBLE.sub(r"\1", strip_accents(w).replace("'", "").replace("’", ""))
            for k in self._settle(plain, strict):
                out.add(_DOUBLE.sub(r"\1", k))
            if len(out) >= MAX_KEYS:
                break
        found = frozenset(sorted(out)[:MAX_KEYS])
        if not strict:
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[word] = found
        return found

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_memo"] = {}
        return state

    def same(self, a: str, b: str) -> bool:
        """Whether two words share a key."""
        return not self.keys(a).isdisjoint(self.keys(b))


class RomanisedPeople:
    """Curated people's names indexed by romanisation key: which name forms hold a word with a
    given key, and at which place (built with the curated index and kept in its cache)."""

    def __init__(self, key: RomanisationKey, forms: Iterable[tuple[int, str, bool]]) -> None:
        """`forms`: (entry number, spelling, accepted?) of every accepted or discouraged form of a person.
        A person's surname words are its one-word forms ("Xi", "Putin"), else the last word of
        each longer form."""
        from .textutil import fold

        self.key = key
        self.forms: list[tuple[int, str, tuple[str, ...], bool]] = []  # (entry, spelling, folded words, accepted?)
        self.word_keys: dict[str, frozenset[str]] = {}  # folded word of a form -> its keys
        self.by_key: dict[str, list[tuple[int, int]]] = {}  # key -> [(form number, place of the word)]
        self.surnames: dict[int, dict[str, str]] = {}  # entry -> {folded surname word: as written}
        one_word: dict[int, dict[str, str]] = {}
        last_word: dict[int, dict[str, str]] = {}
        for entry, form, accepted in forms:
            words = form.split()
            folded = tuple(fold(w).replace(".", "") for w in words)
            if not all(w.replace("-", "").replace("'", "").isalpha() for w in folded):
                continue  # initials, numbers: no key
            n = len(self.forms)
            self.forms.append((entry, form, folded, accepted))
            for place, (word, fw) in enumerate(zip(words, folded)):
                keys = self.word_keys.get(fw)
                if keys is None:
                    keys = self.word_keys[fw] = key.keys(word)
                for k in keys:
                    self.by_key.setdefault(k, []).append((n, place))
            if not accepted:
                continue
            if len(words) == 1:
                one_word.setdefault(entry, {}).setdefault(folded[0], words[0])
            else:
                last_word.setdefault(entry, {}).setdefault(folded[-1], words[-1])
        self.surnames = {e: one_word.get(e) or last_word[e] for e in {*one_word, *last_word}}
        # tuples, not lists: the garbage collector stops walking them
        self.by_key = {k: tuple(v) for k, v in self.by_key.items()}  # type: ignore[misc]

    def keys(self, word: str) -> frozenset[str]:
        """The keys of a written word."""
        return self.key.keys(word)

    def matches(self, word: str, form_word: str) -> bool:
        """Whether a written word and a folded word of a form share a key."""
        keys = self.word_keys.get(form_word)
        if keys is None:
            keys = self.key.keys(form_word)
        return not keys.isdisjoint(self.key.keys(word))

    def places(self, word: str) -> list[tuple[int, int]]:
        """(form number, place) of every form word sharing a key with the written word."""
        found: dict[tuple[int, int], None] = {}
        for k in self.key.keys(word):
            for hit in self.by_key.get(k, ()):
                found[hit] = None
        return list(found)
