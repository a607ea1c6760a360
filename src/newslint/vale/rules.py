"""Vale rules (one YAML file each) compiled into matchers that behave as Vale's extension points do.

Supported extension points: existence, substitution, occurrence, repetition, consistency,
capitalization, conditional, and sequence with `pattern` tokens. The others (spelling,
readability, metric, script, and sequence tokens with `tag`) need a dictionary, a tagger or a
script engine: such a rule is skipped with one warning naming it. Keys Vale knows that newslint
does not apply are named in one warning per rule; the rule still runs.

Regular expressions are Vale's (Go regexp2) written for the `regex` module, which reads the same
syntax for everything styles use (look-arounds, named groups, \\p{L}, POSIX classes, \\z), and
each rule's matching on one document is time-limited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .ini import LEVELS, ValeError
from .scopes import SUPPORTED_SCOPES, Block, Selector

TIMEOUT_S = 1.0
WORD = r"(?m)\b(?:{})\b"
NONWORD = r"(?m)(?:{})"

COMMON_KEYS = {"extends", "message", "description", "level", "scope", "link", "limit", "action", "name", "code", "vocab"}
TYPE_KEYS: dict[str, set[str]] = {
    "existence": {"tokens", "raw", "append", "ignorecase", "nonword", "exceptions"},
    "substitution": {"swap", "ignorecase", "nonword", "exceptions", "capitalize", "pos"},
    "occurrence": {"token", "max", "min", "ignorecase"},
    "repetition": {"tokens", "max", "ignorecase", "alpha", "exceptions"},
    "consistency": {"either", "nonword", "ignorecase"},
    "capitalization": {"match", "style", "exceptions", "indicators", "threshold", "prefix"},
    "conditional": {"first", "second", "exceptions", "ignorecase"},
    "sequence": {"tokens", "ignorecase"},
    "spelling": {"custom", "dicpath", "dictionaries", "filters", "ignore", "append", "threshold", "aff", "dic"},
    "readability": {"metrics", "grade"},
    "metric": {"formula", "condition"},
    "script": {"script"},
}
UNSUPPORTED_TYPES = {"spelling": "needs a Hunspell dictionary", "readability": "computes readability metrics",
                     "metric": "computes document metrics", "script": "runs Tengo scripts"}
# keys Vale knows that newslint reads but does not apply (the rule still runs)
NOT_APPLIED = {"pos", "prefix", "code"}
SEVERITY = {"suggestion": "info", "warning": "warning", "error": "error"}


@dataclass(frozen=True)
class Alert:
    """What a rule found in a block: a span relative to the block, a message, suggestions."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()


def go_format(message: str, *args: str) -> str:
    """Vale's message substitution: Go's `%s` (and `%[2]s` explicit indexes) filled in order;
    a placeholder without an argument becomes empty, `%%` is a percent sign."""
    position = 0

    def fill(m: re.Match[str]) -> str:
        nonlocal position
        if m.group(0) == "%%":
            return "%"
        if m.group(1):
            position = int(m.group(1)) - 1
        value = args[position] if 0 <= position < len(args) else ""
        position += 1
        return f'"{value}"' if m.group(2) == "q" else value

    return re.sub(r"%%|%(?:\[(\d+)\])?([svqd])", fill, message)


def to_sentence(words: list[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b' or 'c' (Vale's list of suggestions in a message)."""
    quoted = [f"'{w}'" for w in words]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join(quoted[:-1]) + ", or " + quoted[-1]


def compile_re(pattern: str, where: Callable[[str], ValeError], flags: int = 0) -> Any:
    """Compile a Vale regular expression; a pattern that does not compile is a ValeError."""
    try:
        return regex.compile(pattern, flags | regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise where(f"invalid regular expression {pattern!r}: {exc}") from None


def check_each(patterns: list[str], key: str, where: Callable[..., ValeError]) -> None:
    """Compile each pattern of a list alone, so that a bad one is named with its line."""
    for index, pattern in enumerate(patterns):
        try:
            regex.compile(pattern, regex.VERSION0)
        except (regex.error, OverflowError, RecursionError) as exc:
            raise where(f"invalid regular expression in '{key}': {pattern!r}: {exc}", key, index) from None


def _exceptions_re(terms: list[str], where: Callable[[str], ValeError]) -> Any | None:
    """Vale's exception list: case-sensitive unless a term starts with (?i), longest first, word-bounded."""
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    body = "|".join(f"(?i:{t[4:]})" if t.startswith("(?i)") else f"(?-i:{t})" for t in ordered)
    return compile_re(WORD.format(body), where)


def _is_phrase(s: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def _cap_first(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass
class ValeRule:
    """A loaded Vale rule: its name (Style.Rule), common keys and the matcher of its extension point."""

    name: str
    path: Path
    extends: str
    message: str
    level: str
    scope: Selector
    link: str = ""
    limit: int = 0
    action: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    exceptions: Any = None

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        """Alerts of this rule in one block (`state` is per document: consistency and conditional
        remember what earlier blocks held)."""
        raise NotImplementedError

    def excepted(self, text: str) -> bool:
        """Whether an exception term occurs in `text` (Vale: a search, not a full match)."""
        return self.exceptions is not None and self.exceptions.search(text, timeout=TIMEOUT_S) is not None

    def action_suggestions(self, matched: str) -> tuple[str, ...] | None:
        """Suggestions of an `action` (replace with params, remove), None when it gives none."""
        name = self.action.get("name") if isinstance(self.action, dict) else None
        params = self.action.get("params") or [] if isinstance(self.action, dict) else []
        if name == "replace" and params:
            return tuple(str(p) for p in params)
        if name == "remove":
            return ("",)
        return None


class Existence(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        tokens = [str(t) for t in d.get("tokens") or [] if str(t).strip()]
        check_each(tokens, "tokens", where)
        raw = "".join(str(r) for r in d.get("raw") or [])
        word = not d.get("nonword", False) and bool(tokens)
        template = WORD if word else NONWORD
        body = template.format("|".join(tokens))
        pattern = body + raw if d.get("append") else raw + body
        self.pattern = compile_re(("(?i)" if d.get("ignorecase") else "") + pattern, where)
        self.exceptions = _exceptions_re(list(d.get("exceptions") or []) + (accepted if d.get("vocab", True) else []), where)

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        for m in self.pattern.finditer(block.text, timeout=TIMEOUT_S):
            if m.end() == m.start() or self.excepted(m.group().strip()):
                continue
            yield Alert(m.start(), m.end(), go_format(self.message, m.group()), self.action_suggestions(m.group()) or ())


class Substitution(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        swap = d.get("swap") or {}
        if not isinstance(swap, dict):
            raise where("'swap' must be a mapping of patterns to replacements")
        self.keys = sorted((str(k) for k in swap), key=len, reverse=True)
        self.replacements = [("" if swap[k] is None else str(swap[k])) for k in sorted(swap, key=lambda k: len(str(k)), reverse=True)]
        groups = []
        for key in self.keys:
            try:  # name the key that is wrong, before joining
                regex.compile(key, regex.VERSION0)
            except (regex.error, OverflowError, RecursionError) as exc:
                raise where(f"invalid regular expression in 'swap': {key!r}: {exc}", "swap", key) from None
            groups.append("(" + regex.sub(r"(?<!\\)\((?!\?)", "(?:", key) + ")")
        template = NONWORD if d.get("nonword") else WORD
        self.pattern = compile_re(("(?i)" if d.get("ignorecase") else "") + template.format("|".join(groups)), where)
        self.ignorecase = bool(d.get("ignorecase"))
        self.exceptions = _exceptions_re(list(d.get("exceptions") or []) + (accepted if d.get("vocab", True) else []), where)

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        for m in self.pattern.finditer(block.text, timeout=TIMEOUT_S):
            index = next((i for i in range(len(self.keys)) if m.group(i + 1) is not None), None)
            if index is None:
                continue
            start, end = m.span(index + 1)
            observed = block.text[start:end].strip()
            expected = self.replacements[index]
            if self.data.get("capitalize") and observed and observed == _cap_first(observed):
                expected = _cap_first(expected)
            if regex.search(r"\$\d", expected):  # $1: the key's groups, applied to what was found
                key = ("(?i)" if self.ignorecase else "") + self.keys[index]
                expected = regex.sub(key, regex.sub(r"\$(\d+)", r"\\\1", expected), observed, count=1)
            if self._same(expected, observed) or self.excepted(observed):
                continue
            options = tuple(o for o in expected.split("|")) if expected else ("",)
            message_expected = expected
            if self.action.get("name") == "replace" and not self.action.get("params"):
                message_expected = to_sentence(list(options))
                message = self.message
                for spec in ("'%s'", '"%s"'):  # Vale: don't quote twice
                    if message.count(spec) == 2:
                        message = message.replace(spec, "%s", 1)
                text = go_format(message, message_expected, observed)
            else:
                text = go_format(self.message, message_expected, observed)
            yield Alert(start, end, text, options)

    @staticmethod
    def _same(expected: str, observed: str) -> bool:
        if _is_phrase(expected):
            return expected == observed
        try:
            return regex.fullmatch(expected, observed, timeout=TIMEOUT_S) is not None
        except regex.error:
            return expected == observed


class Occurrence(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        self.pattern = compile_re(("(?i)" if d.get("ignorecase") else "") + f"(?:{d.get('token', '')})", where)
        self.max = int(d.get("max") or 0)
        self.min = int(d.get("min") or 0)

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        found = [m for m in self.pattern.finditer(block.text, timeout=TIMEOUT_S)]
        count = len(found)
        if (self.max > 0 and count > self.max) or (self.min > 0 and count < self.min):
            first = next((m for m in found if m.group().strip()), None)
            start, end = (first.start(), first.end()) if first is not None else (0, 0)
            yield Alert(start, end, go_format(self.message, str(count)))


class Repetition(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        tokens = [str(t) for t in d.get("tokens") or []]
        check_each(tokens, "tokens", where)
        self.pattern = compile_re(("(?i)" if d.get("ignorecase") else "") + "(" + "|".join(tokens) + ")", where)
        self.max = int(d.get("max") or 0)
        self.exceptions = _exceptions_re(list(d.get("exceptions") or []) + (accepted if d.get("vocab", True) else []), where)

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        previous, previous_start, count = "", 0, 0
        alpha, nocase = bool(self.data.get("alpha")), bool(self.data.get("ignorecase"))
        for m in self.pattern.finditer(block.text, timeout=TIMEOUT_S):
            current = m.group().strip()
            hit = current != "" and (current.casefold() == previous.casefold() if nocase else current == previous)
            hit = hit and (not alpha or current.isalpha())
            if hit:
                count += 1
            if hit and count > self.max:
                span = block.text[previous_start:m.end()]
                if "\n" not in span and not self.excepted(span):
                    yield Alert(previous_start, m.end(), go_format(self.message, current))
                    count = 0
            previous_start, previous = m.start(), current


class Consistency(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        either = d.get("either") or {}
        if not isinstance(either, dict):
            raise where("'either' must be a mapping of one form to the other")
        template = NONWORD if d.get("nonword") else WORD
        flags = "(?i)" if d.get("ignorecase") else ""
        self.pairs = []
        for one, other in either.items():
            pattern = compile_re(flags + template.format(f"(?P<a>{one})|(?P<b>{other})"), where)
            self.pairs.append((str(one), pattern))

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        seen: dict[str, set[str]] = state.setdefault(("consistency", self.name), {})
        for key, pattern in self.pairs:
            last = None
            for m in pattern.finditer(block.text, timeout=TIMEOUT_S):
                seen.setdefault(key, set()).add("a" if m.group("a") is not None else "b")
                last = m
            if last is not None and seen.get(key) == {"a", "b"}:
                yield Alert(last.start(), last.end(), go_format(self.message, last.group()))


class Conditional(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data  # Vale reads `ignorecase` here but does not apply it to first/second; nor does newslint
        self.first = compile_re(str(d.get("first", "")), where)
        self.second = compile_re(str(d.get("second", "")), where)
        self.exceptions = _exceptions_re(list(d.get("exceptions") or []) + (accepted if d.get("vocab", True) else []), where)

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        defined: set[str] = state.setdefault(("conditional", self.name), set())
        for m in self.second.finditer(block.text, timeout=TIMEOUT_S):
            defined.update(g for g in m.groups() if g)
        for m in self.first.finditer(block.text, timeout=TIMEOUT_S):
            if m.group() not in defined and not self.excepted(m.group()):
                yield Alert(m.start(), m.end(), go_format(self.message, m.group()))


AP_SMALL = frozenset("a an the and but or nor for so yet as at by in of off on per to up via".split())
CHICAGO_SMALL = AP_SMALL | frozenset(
    "about above across after against along amid among around before behind below beneath beside between beyond "
    "despite down during except from inside into like near onto out outside over past since through throughout "
    "till toward towards under underneath until upon with within without".split())
_WORDS = regex.compile(r"[\p{N}\p{L}*]+[^\s]*")


class Capitalization(ValeRule):
    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        d = self.data
        self.match = str(d.get("match", "$title"))
        self.style = str(d.get("style", "AP"))
        self.threshold = float(d.get("threshold") or 0.8)
        terms = list(d.get("exceptions") or []) + (accepted if d.get("vocab", True) else [])
        self.exception_words = {str(t) for t in terms}
        self.exceptions = _exceptions_re(terms, where)
        self.regex = None if self.match.startswith("$") else compile_re(self.match, where)
        if self.match.startswith("$") and self.match not in ("$title", "$sentence", "$lower", "$upper"):
            raise where(f"'match' must be $title, $sentence, $lower, $upper or a pattern, got {self.match!r}")

    def _title(self, s: str) -> str:
        small = CHICAGO_SMALL if self.style == "Chicago" else AP_SMALL
        words = s.split(" ")
        last = max((i for i, w in enumerate(words) if w), default=0)
        out = []
        for i, w in enumerate(words):
            bare = w.strip("\"'“”‘’()[]:;,.!?")
            if not w or w in self.exception_words or bare in self.exception_words or (len(bare) > 1 and bare.isupper()):
                out.append(w)
            elif 0 < i < last and bare.lower() in small and not words[i - 1].endswith(":"):
                out.append(w.lower())
            else:
                pieces = w.split("-")  # step-by-step -> Step-by-Step
                out.append("-".join(_cap_first(p) if k == 0 or p.lower() not in small else p.lower()
                                    for k, p in enumerate(pieces)))
        return " ".join(out)

    def _sentence(self, s: str) -> str:
        words = s.split(" ")
        out = []
        first = True
        for w in words:
            bare = w.strip("\"'“”‘’()[]:;,.!?")
            if not w:
                out.append(w)
            elif w in self.exception_words or bare in self.exception_words or (len(bare) > 1 and bare.isupper()):
                out.append(w)
                first = False
            elif first:
                out.append(_cap_first(w.lower()) if not any(c.isupper() for c in w[1:]) else w)
                first = False
            else:
                out.append(w.lower())
            if any(w.endswith(str(i)) for i in self.data.get("indicators") or []):
                first = True  # after an indicator (e.g. ':') a new capitalised phrase may start
        return " ".join(out)

    def _check(self, text: str) -> tuple[str, bool]:
        if self.match == "$lower":
            return text.lower(), text == text.lower() or self.excepted(text)
        if self.match == "$upper":
            return text.upper(), text == text.upper() or self.excepted(text)
        if self.regex is not None:
            return self.match, self.regex.search(text, timeout=TIMEOUT_S) is not None or self.excepted(text)
        expected = self._title(text) if self.match == "$title" else self._sentence(text)
        observed, wanted = _WORDS.findall(text), _WORDS.findall(expected)
        if not observed:
            return expected, True
        count = 0
        for i, w in enumerate(observed):
            if i >= len(wanted) or w == wanted[i] or w in self.exception_words or self.excepted(w):
                count += 1
            elif self.match == "$title" and w == w.upper():
                count += 1
            elif self.match == "$sentence" and i == 0 and w != _cap_first(w.lower()) and not w.isupper():
                return expected, False
        return expected, count / len(observed) >= self.threshold

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        expected, ok = self._check(block.text)
        if not ok:
            suggestions = (expected,) if self.match in ("$title", "$sentence", "$lower", "$upper") else ()
            yield Alert(0, len(block.text), go_format(self.message, block.text, expected), suggestions)


@dataclass
class _Token:
    pattern: Any
    negate: bool
    skip: int


class Sequence(ValeRule):
    """sequence with `pattern` tokens: the words of a sentence must match the tokens in order;
    `skip: N` lets up to N other words stand before a token, `negate` inverts a token."""

    WORD_RE = regex.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

    def compile(self, accepted: list[str], where: Callable[[str], ValeError]) -> None:
        flags = "(?i)" if self.data.get("ignorecase") else ""
        self.tokens = []
        for i, tok in enumerate(self.data.get("tokens") or []):
            if not isinstance(tok, dict) or not tok.get("pattern"):
                raise where(f"sequence token {i + 1} has no 'pattern'")
            self.tokens.append(_Token(compile_re(flags + NONWORD.format(tok["pattern"]), where),
                                      bool(tok.get("negate")), int(tok.get("skip") or 0)))

    def _match_at(self, words: list[Any], i: int) -> list[Any] | None:
        matched: list[Any] = []
        pos = i
        for k, tok in enumerate(self.tokens):
            limit = tok.skip if k > 0 else 0
            for extra in range(limit + 1):
                if pos + extra >= len(words):
                    return None
                hit = tok.pattern.search(words[pos + extra].group(), timeout=TIMEOUT_S) is not None
                if hit != tok.negate:
                    matched.append(words[pos + extra])
                    pos = pos + extra + 1
                    break
            else:
                return None
        return matched

    def run(self, block: Block, state: dict[str, Any]) -> Iterator[Alert]:
        words = list(self.WORD_RE.finditer(block.text))
        i = 0
        while i < len(words):
            found = self._match_at(words, i)
            if found:
                yield Alert(found[0].start(), found[-1].end(),
                            go_format(self.message, *(w.group() for w in found)))
                i = words.index(found[-1]) + 1
            else:
                i += 1


KINDS: dict[str, type[ValeRule]] = {
    "existence": Existence, "substitution": Substitution, "occurrence": Occurrence, "repetition": Repetition,
    "consistency": Consistency, "capitalization": Capitalization, "conditional": Conditional, "sequence": Sequence,
}


def build_rule(name: str, path: Path, data: Any, accepted: list[str], line_of: Callable[..., int | None]) -> tuple[ValeRule | None, str | None]:
    """Compile one rule: (rule, warning). A rule newslint cannot run gives (None, why); a rule
    Vale itself would refuse (no extends, a bad level, an invalid regex) raises ValeError."""
    def where(message: str, *key: str | int) -> ValeError:
        return ValeError(str(path), f"{name}: {message}", line_of(*key) if key else None, ".".join(str(k) for k in key) or None)

    if not isinstance(data, dict):
        raise where("a Vale rule must be a YAML mapping")
    extends = data.get("extends")
    if not isinstance(extends, str) or not extends:
        raise where("missing the required 'extends' key")
    if extends not in TYPE_KEYS:
        raise where(f"'extends' must be one of {', '.join(sorted(TYPE_KEYS))}, got {extends!r}", "extends")
    if extends in UNSUPPORTED_TYPES:
        return None, f"{name}: extension point '{extends}' is not supported by newslint ({UNSUPPORTED_TYPES[extends]}); rule skipped"
    if "message" not in data:
        raise where("missing the required 'message' key")
    level = str(data.get("level", "suggestion"))
    if level not in LEVELS:
        raise where(f"'level' must be one of {', '.join(LEVELS)}, got {level!r}", "level")
    scope_value = data.get("scope", ["text"])
    scopes = [scope_value] if isinstance(scope_value, str) else [str(s) for s in scope_value or ["text"]]
    notes: list[str] = []
    unknown = sorted(k for k in data if k not in COMMON_KEYS | TYPE_KEYS[extends])
    if unknown:
        notes.append(f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} ignored")
    not_applied = sorted(k for k in data if k in NOT_APPLIED)
    if not_applied:
        notes.append(f"key{'s' if len(not_applied) > 1 else ''} {', '.join(not_applied)} not applied")
    action = data.get("action") or {}
    if isinstance(action, dict) and action.get("name") not in (None, "replace", "remove"):
        notes.append(f"action '{action.get('name')}' gives no fix in newslint")
    parts = {p.lstrip("~").split(".")[0] for s in scopes for alt in s.split("|") for p in [alt.strip()] if p}
    unsupported_scopes = sorted(parts - set(SUPPORTED_SCOPES))
    if unsupported_scopes:
        return None, (f"{name}: scope {', '.join(unsupported_scopes)} is not supported by newslint "
                      f"(supported: {', '.join(SUPPORTED_SCOPES)}); rule skipped")
    if extends == "sequence" and any(isinstance(t, dict) and t.get("tag") for t in data.get("tokens") or []):
        return None, f"{name}: sequence tokens with 'tag' need a part-of-speech tagger, which newslint does not have; rule skipped"
    try:
        limit = int(data.get("limit") or 0)
    except (TypeError, ValueError):
        raise where("'limit' must be a number", "limit") from None
    rule = KINDS[extends](name=name, path=path, extends=extends, message=str(data["message"]), level=level,
                          scope=Selector.parse(scopes), link=str(data.get("link") or ""), limit=limit,
                          action=action if isinstance(action, dict) else {}, data=data)
    try:
        rule.compile(accepted, where)  # type: ignore[attr-defined]
    except (TypeError, ValueError) as exc:
        raise where(f"cannot read its keys: {exc}") from None
    return rule, (f"{name}: " + "; ".join(notes)) if notes else None
