"""attribution: direct quotes whose speaker is only a pronoun ("he said") with no named person
before them, and quotes given to a plural group by "he" or "she"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...model import Match, Span
from ...textutil import fold, paragraphs
from ..spec import Option
from .base import CheckContext, RuleKind

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|noted|explained|continued|insisted|argued|warned|wrote|writes|"
    "declared|remarked|replied|asked|stressed|emphasised|emphasized|claimed|concluded|recalled|acknowledged|"
    "admitted|announced|commented|conceded|confirmed|predicted|suggested|urged|vowed|cautioned|complained|"
    "observed|answered|responded|maintained|reiterated|countered|quipped|joked|recounted|lamented|boasted|"
    # verbs machine translation carries over from French, Spanish, Italian ("a souligné", "a martelé")
    "underlined|underscored|affirmed|clarified|pointed out|hammered"
)
# more such verbs ("a précisé", "indicó"), trusted only right next to a pronoun ("he indicated"): after
# "the" they are mostly adjectives ("the reported figures", "an estimated 5,000")
PRONOUN_SPEECH_VERBS = SPEECH_VERBS + "|specified|indicated|assured|estimated|highlighted|revealed|reported"
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
_OPEN_MARKS = "“\"«„‹‘'"
_CLOSE_MARKS = "”\"»“›’'"
# "…,” he said" / "…?” she asked" / "…,” said he"
_AFTER = re.compile(rf"[\s,]*(?P<phrase>(?P<pron>he|she)\s+(?:also\s+|later\s+|then\s+|again\s+)?(?:{PRONOUN_SPEECH_VERBS})\b"
                    rf"|(?:{PRONOUN_SPEECH_VERBS})\s+(?P<pron2>he|she)\b)")
# "He told reporters: “…”" / "She added, “…”" just before the opening mark
_BEFORE = re.compile(rf"(?:^|[.!?]\s+)(?P<phrase>(?P<pron>He|She)\s+(?:also\s+|later\s+|then\s+)?(?:{PRONOUN_SPEECH_VERBS})"
                     rf"(?:\s+[\w']+){{0,3}})\s*[,:]\s*$")

GROUP_NOUNS = (
    "officials|ministers|executives|leaders|spokesmen|spokespeople|diplomats|lawmakers|legislators|authorities|"
    "analysts|economists|traders|dealers|sources|negotiators|representatives|delegates|members|officers|"
    "investigators|prosecutors|researchers|scientists|experts|residents|witnesses|protesters|managers|directors|"
    "politicians|senators|governments|ministries|bankers|regulators|agencies|companies|parties|allies|rebels|"
    "militants|troops|soldiers|activists|organisers|organizers|critics|advisers|advisors|aides|staff|police"
)
# a group as the subject of a speech act: "officials said", "the ministers have made clear"
_GROUP = re.compile(rf"\b(?P<group>(?:(?:the|The|its|their|[A-Z][\w.'’-]*|[a-z]+'s)\s+){{0,4}}(?:{GROUP_NOUNS}))"
                    rf"(?:\s+(?:have|had|has|also|\w+ly)){{0,2}}\s+(?:{SPEECH_VERBS}|made\s+(?:it\s+)?clear)\b")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")

TITLES = frozenset(
    "president|vice|prime|minister|secretary|chancellor|premier|king|queen|prince|princess|pope|sheikh|emir|"
    "mr|mrs|ms|miss|dr|sir|dame|lord|lady|sen|senator|rep|representative|gov|governor|mayor|judge|justice|"
    "general|gen|col|colonel|lt|capt|captain|admiral|adm|sgt|commander|chief|chairman|chairwoman|chair|ceo|"
    "director|ambassador|spokesman|spokeswoman|spokesperson|commissioner|envoy|deputy|foreign|defence|defense|"
    "finance|interior|state|trade|consul|father|rev|bishop|cardinal|rabbi|imam|ayatollah|crown|grand|"
    "attorney|speaker|leader|officer|executive|managing|head|treasurer|analyst|economist".split("|")
)
PARTICLES = frozenset("de|da|di|du|del|della|der|den|van|von|bin|ibn|al|el|la|le|ter|dos|das|y".split("|"))
FUNCTION_WORDS = frozenset(
    "the|a|an|but|and|or|so|yet|in|on|at|for|from|with|by|of|to|as|if|when|while|after|before|during|since|"
    "however|meanwhile|also|still|this|that|these|those|there|it|its|he|she|they|we|i|his|her|their|our|"
    "one|two|some|many|most|all|both|each|neither|nor|not|no|asked|under|over|despite|although|though|"
    "until|unless|because|instead|earlier|later|separately|last|next|six|five|four|three".split("|")
)
_W = r"(?:[\w'’-]+(?:\.\w+)+\.?|[\w'’-]+)"  # a word; "U.S." keeps its dots, "test." does not
ROLES = (
    "official|spokesman|spokeswoman|spokesperson|analyst|trader|dealer|economist|banker|source|diplomat|executive|"
    "specialist|expert|minister|director|manager|lawyer|attorney|adviser|advisor|aide|negotiator|delegate|"
    "representative|member|officer|observer|strategist|broker|consultant|researcher|scientist|worker|resident|"
    "witness|farmer|engineer|investor|insider|participant|chairman|chairwoman|president|leader|businessman|"
    "businesswoman|man|woman|student|teacher|doctor|soldier|journalist|commentator|activist|employee|buyer|"
    "seller|exporter|importer|producer|operator|planner|auditor|regulator|owner|partner|secretary|ambassador|"
    "envoy|mediator|judge|prosecutor|policeman|policewoman|lawmaker|legislator|senator|congressman|congresswoman|"
    "mayor|governor|chancellor|premier|king|queen|prince|pope|general|commander|chief|head|founder|author|"
    "representative|speaker|candidate|mp|refiner|producer|importer|exporter"
)
# an explicitly unnamed source: "a spokesman", "one senior banking official", "another trader"
_ANONYMOUS = re.compile(rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:{_W}\s+){{0,4}}?(?:{ROLES})\b")
# a paragraph that continues a chain of reported speech whose speaker was named earlier:
# a pronoun subject, or a definite description that speaks ("the mayor said")
_CHAIN = re.compile(rf"\b(?:[Hh]e|[Ss]he)\b|\b[Tt]he\s+(?:{_W}\s+){{0,4}}?(?:also\s+)?(?:{SPEECH_VERBS})\b")
# a person described, not named ("the US president"): "he" may refer to them, so a chain stops
_DESCRIPTION = re.compile(rf"\b[Tt]he\s+(?:{_W}\s+){{0,3}}?(?:{ROLES})\b")
_LOWER_DATE = re.compile(r"\b(?:jan|feb|march|april|may|june|july|aug|sept|oct|nov|dec)[a-z]*\.? \d")
NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december god".split()
)
_CAP_TOKEN = re.compile(r"[A-Z][\w'’.\-]*")
_WORD_CHARS = re.compile(r"\w+")
_LOWER_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[a-z]")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_SPEECH_VERB_AFTER = re.compile(rf"\s*,?\s*(?:{SPEECH_VERBS})\b")
_SPEECH_VERB_BEFORE = re.compile(r"\b(?:said|according to|told)\s+$")


@dataclass(frozen=True)
class QuoteAttribution:
    """A direct quote attributed by a pronoun."""

    quote: tuple[int, int]
    phrase: tuple[int, int]  # "he said"
    pronoun: str


def _pronoun_quotes(ctx: CheckContext, min_words: int) -> list[QuoteAttribution]:
    text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
    found: list[QuoteAttribution] = []
    for start, end in ctx.quotes:
        quoted = text[start:end].rstrip(" ")  # (a closing mark written as a reference is padded with spaces)
        if text[start] not in _OPEN_MARKS or len(quoted) < 2 or quoted[-1] not in _CLOSE_MARKS:
            continue  # an unclosed quote runs to the paragraph end
        if len(_WORD_CHARS.findall(text, start, end)) < min_words:
            continue  # a scare quote ("hope"), not reported speech
        tail = text[end:end + 60]
        m = _AFTER.match(tail)
        if m:
            pron = m.group("pron") or m.group("pron2")
            found.append(QuoteAttribution((start, end), (end + m.start("phrase"), end + m.end("phrase")), pron))
            continue
        head_start = max(0, start - 80)
        head = text[head_start:start]
        m = _BEFORE.search(head)
        if m:
            found.append(QuoteAttribution((start, end), (head_start + m.start("phrase"), head_start + m.end("phrase")),
                                          m.group("pron").lower()))
    return found


class Attribution(RuleKind):
    """Checks who a pronoun-attributed quote belongs to.

    mode `unattributed`: no named person in the quote's paragraph (before it) or the paragraph
    before (a run of quoted paragraphs counts as one). mode `group`: the nearest speaker-like
    subject before the quote is a plural group ("officials have said ...", "the ministers").
    """

    OPTIONS = {
        "mode": Option("str", "what to report", "unattributed", choices=("unattributed", "group")),
        "min_quote_words": Option("int", "shortest quote checked, in words (shorter ones are scare quotes)", 3, minimum=1),
        "paragraphs_before": Option("int", "paragraphs before the quote's own searched for a name", 1, minimum=0),
        "max_chain": Option("int", "most paragraphs searched back along a chain of 'he said' paragraphs", 8, minimum=1),
        "chain_gaps": Option("int", "background paragraphs (no pronoun, no person described) a chain may skip", 1, minimum=0),
        "max_lookback": Option("int", "most characters before a quote searched for its speaker (keeps a huge paragraph linear)", 4000, minimum=200),
    }

    def prepare(self) -> None:
        self._person_memo: dict[str, bool] = {}  # phrase -> names a person (the same names recur)
        self._lowered_name_memo: dict[str, bool] = {}  # lower-case word -> a rare word that is a known name
        self._window_options = tuple(self.options[k] for k in ("paragraphs_before", "max_chain", "chain_gaps", "max_lookback"))

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        if not any(m in text for m in _OPEN_MARKS):
            return
        min_words = self.options["min_quote_words"]
        quotes = ctx.memo.get(("attribution:quotes", min_words))
        if quotes is None:  # NL401 and NL402 read the same quotes
            quotes = ctx.memo[("attribution:quotes", min_words)] = _pronoun_quotes(ctx, min_words)
        if not quotes:
            return
        lowered_copy = ctx.memo.get("attribution:lowercased")
        if lowered_copy is None:
            lowered_copy = ctx.memo["attribution:lowercased"] = _lowercased(text)
        if lowered_copy:
            return  # all-lower-case copy has no capitalised names to find
        paras = paragraphs(text)
        para_starts = [s for s, _e in paras]
        for qa in quotes:
            # the speaker search of a quote is shared by the rules that use the same window options
            key = ("attribution:speakers", qa.quote[0], self._window_options)
            known = ctx.memo.get(key)
            if known is None:
                window = self._window(ctx, paras, para_starts, qa.quote[0])
                lowered = self._lowercased(ctx, window)
                speakers = [] if lowered else self._persons(ctx, window) + self._anonymous_sources(ctx, window)
                known = ctx.memo[key] = (window, lowered, speakers)
            window, lowered, speakers = known  # type: ignore[misc]
            if lowered:
                continue  # lower-cased copy: names cannot be told from words
            if self.options["mode"] == "unattributed":
                if not speakers:
                    yield Match(Span(*qa.phrase), message_vars=(("pronoun", qa.pronoun),))
                continue
            group = self._last_group(ctx, window)
            if group is None:
                continue
            if speakers and max(s for s, _e in speakers) > group[0]:
                continue  # someone is named after the group: "he" is that person
            between = (group[1], qa.quote[0])
            if self._matches(ctx, between, qa.quote[0], _PRONOUN) or self._matches(ctx, between, qa.quote[0], _DESCRIPTION):
                continue  # "he" or "the trade official" after the group: the chain has another subject
            yield Match(Span(*qa.phrase), message_vars=(("pronoun", qa.pronoun), ("group", text[group[0]:group[1]])))

    def _window(self, ctx: CheckContext, paras: tuple[tuple[int, int], ...], para_starts: list[int],
                quote_start: int) -> tuple[int, int]:
        """From the start of the paragraph before the quote's own to the quote, extended further
        back while the earliest paragraph continues a chain (a pronoun subject, a quoted
        paragraph, "the official said"): the antecedent of such a chain lies before it. Never
        more than `max_lookback` characters."""
        floor = max(0, quote_start - self.options["max_lookback"])
        idx = max(0, bisect.bisect_right(para_starts, quote_start) - 1)
        if paras[idx][0] < floor:
            return floor, quote_start  # one huge paragraph
        first = max(0, idx - self.options["paragraphs_before"])
        gaps = self.options["chain_gaps"]
        while first > 0 and idx - first < self.options["max_chain"] and paras[first][0] > floor:
            if self._matches(ctx, paras[first], quote_start, _CHAIN, quoted=True):
                first -= 1
            elif gaps > 0 and not self._matches(ctx, paras[first], quote_start, _DESCRIPTION) \
                    and self._matches(ctx, paras[first - 1], quote_start, _CHAIN, quoted=True):
                gaps -= 1  # a background paragraph inside the chain ("Other projects include ...")
                first -= 1
            else:
                break
        return max(paras[first][0], floor), quote_start

    def _matches(self, ctx: CheckContext, para: tuple[int, int], limit: int, pattern: re.Pattern[str],
                 quoted: bool = False) -> bool:
        """Whether the paragraph (up to `limit`, outside quotes) matches; with `quoted`, a
        paragraph that opens with a quote mark matches too."""
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        start, end = para[0], min(para[1], limit)
        if quoted and text[start:start + 3].lstrip()[:1] in _OPEN_MARKS:
            return True
        return any(pattern.search(text, s, e) for s, e in self._outside_quotes(ctx, (start, end)))

    def _lowercased(self, ctx: CheckContext, window: tuple[int, int]) -> bool:
        """Whether the window is lower-cased copy: a sentence starting in lower case, a month
        in lower case before a day ("march 4"), or a known name written in lower case."""
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        for s, e in self._outside_quotes(ctx, window):
            part = text[s:e]
            if _LOWER_SENTENCE_START.search(part) or _LOWER_DATE.search(part):
                return True
            if any(map(self._lowered_name, _LOWER_WORD.findall(part))):
                return True
        return False

    def _lowered_name(self, word: str) -> bool:
        """A lower-case word that is rare in English and a known name when capitalised (decided
        once per word: the same words recur in every window)."""
        found = self._lowered_name_memo.get(word)
        if found is None:
            found = self.resources.lexicon.zipf(word) < 3.0 and bool(self.resources.names.lookup(word.capitalize()))
            if len(self._lowered_name_memo) > 100_000:
                self._lowered_name_memo.clear()
            self._lowered_name_memo[word] = found
        return found

    def _anonymous_sources(self, ctx: CheckContext, window: tuple[int, int]) -> list[tuple[int, int]]:
        """Explicitly unnamed singular sources: "a spokesman", "one senior banking official"."""
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        return [(m.start(), m.end()) for s, e in self._outside_quotes(ctx, window) for m in _ANONYMOUS.finditer(text, s, e)]

    @staticmethod
    def _outside_quotes(ctx: CheckContext, window: tuple[int, int]) -> list[tuple[int, int]]:
        """Parts of the window that are not inside a direct quote."""
        parts: list[tuple[int, int]] = []
        pos, end = window
        for qs, qe in ctx.quotes.overlapping(pos, end):
            if qs > pos:
                parts.append((pos, qs))
            pos = max(pos, qe)
        if pos < end:
            parts.append((pos, end))
        return parts

    def _persons(self, ctx: CheckContext, window: tuple[int, int]) -> list[tuple[int, int]]:
        """Spans of named people in the window, outside quotes."""
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        out: list[tuple[int, int]] = []
        key = ("attribution:sorted-names", len(ctx.known_name_spans))
        spans = ctx.memo.get(key)
        if spans is None:
            spans = ctx.memo[key] = sorted(ctx.known_name_spans)
        for s, e in spans[bisect.bisect_left(spans, (window[0], -1)):]:
            if s >= window[1]:
                break
            if not ctx.quotes.contains(s, e) and self._is_person(text[s:e]):
                out.append((s, e))
        found = ctx.memo.setdefault("attribution:person-in-run", {})  # shared by NL401 and NL402
        assert isinstance(found, dict)
        for part in self._outside_quotes(ctx, window):
            for run in _capitalised_runs(text, *part):
                key = tuple(run)
                if key not in found:  # overlapping windows meet the same runs again
                    found[key] = self._person_in_run(text, run)
                span = found[key]
                if span is not None:
                    out.append(span)
        return sorted(set(out))

    def _is_person(self, phrase: str) -> bool:
        found = self._person_memo.get(phrase)
        if found is None:
            names = self.resources.names
            found = any(names.entry(h.entry).kind == "person" for h in names.lookup(phrase))
            if len(self._person_memo) > 100_000:
                self._person_memo.clear()
            self._person_memo[phrase] = found
        return found

    def _person_in_run(self, text: str, run: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The span of a person's name inside a capitalised run, or None."""
        names = self.resources.names
        lexicon = self.resources.lexicon
        toks = [text[s:e] for s, e in run]
        # dictionary first: the longest sub-run that is a known entry decides
        for length in range(len(run), 0, -1):
            for i in range(0, len(run) - length + 1):
                phrase = text[run[i][0]:run[i + length - 1][1]]
                hits = names.lookup(phrase)
                if not hits:
                    continue
                if any(names.entry(h.entry).kind == "person" for h in hits):
                    return run[i][0], run[i + length - 1][1]
        known_other = {i for i, t in enumerate(toks) if self._known_non_person(t)}
        # a title followed by a name: "Foreign Minister Smith", "Mr Jones"
        last_title = max((i for i, t in enumerate(toks) if fold(t).rstrip(".") in TITLES), default=-1)
        rest = [i for i in range(last_title + 1, len(toks)) if i not in known_other and not _is_caps(toks[i])]
        if last_title >= 0 and rest and rest[0] == last_title + 1 and any(self._namelike(toks[i]) for i in rest):
            return run[rest[0]][0], run[rest[-1]][1]
        if last_title >= 0:
            return None
        cands = [i for i in range(len(toks)) if i not in known_other and not _is_caps(toks[i])]
        if not cands:
            return None
        first, last = toks[cands[0]], toks[cands[-1]]
        # "John Smith": a common given name followed by another capitalised word
        if len(cands) >= 2 and lexicon.given_count(fold(first)) >= 20:
            return run[cands[0]][0], run[cands[-1]][1]
        # "Smith said" / "said Smith"
        after = text[run[-1][1]:run[-1][1] + 30]
        before = text[max(0, run[0][0] - 25):run[0][0]]
        if _SPEECH_VERB_AFTER.match(after) or _SPEECH_VERB_BEFORE.search(before):
            if lexicon.surname_count(fold(last)) >= 3 or lexicon.zipf(fold(last)) < 3.5:
                return run[cands[0]][0], run[cands[-1]][1]
        # "Shultz, travelling to China, ...": a lone word that is rare in English or a surname;
        # "Corazon Aquino": a run ending in a common surname
        if len(cands) == 1 and self._strong_name(first):
            return run[cands[0]][0], run[cands[0]][1]
        if len(cands) >= 2 and lexicon.surname_count(fold(last)) >= 50 and self._strong_name(last):
            return run[cands[0]][0], run[cands[-1]][1]
        if len(cands) >= 2 and all(lexicon.zipf(fold(toks[i])) < 3.0 and self._strong_name(toks[i]) for i in cands):
            return run[cands[0]][0], run[cands[-1]][1]  # "Manaspas Xuto": every word rare
        return None

    def _known_non_person(self, token: str) -> bool:
        """A curated place or organisation, or a large place from a bulk list ("Russia", "Moscow");
        a small town of a gazetteer ("Fujioka", "Nogales") does not rule out a surname."""
        names = self.resources.names
        for hit in names.lookup(token):
            entry = names.entry(hit.entry)
            if entry.kind != "person" and (entry.source_weight >= 3 or entry.prominence >= 500_000):
                return True
        return False

    def _strong_name(self, token: str) -> bool:
        """A single word that is very likely a person's name."""
        parts = token.split("-")
        if any(not p[:1].isupper() or p.casefold() in FUNCTION_WORDS for p in parts):
            return False  # "The-for-TAT" is no name; "Holden-Brown" is
        key = fold(token)
        if key in NOT_NAMES or not token.replace("-", "").replace("'", "").isalpha():
            return False
        lexicon = self.resources.lexicon
        zipf = lexicon.zipf(key)
        return zipf < 3.0 or (zipf < 5.0 and lexicon.surname_count(key) >= 20) or lexicon.given_count(key) >= 50

    def _namelike(self, token: str) -> bool:
        """A word that can be a person's name: rare in English, or common as a given name or surname."""
        lexicon = self.resources.lexicon
        key = fold(token)
        return lexicon.zipf(key) < 4.0 or lexicon.given_count(key) >= 20 or lexicon.surname_count(key) >= 20

    def _last_group(self, ctx: CheckContext, window: tuple[int, int]) -> tuple[int, int] | None:
        text = ctx.text  # the text a reader sees (HTML: no tags, references decoded), at original offsets
        last = None
        for part in self._outside_quotes(ctx, window):
            for m in _GROUP.finditer(text, *part):
                last = (m.start("group"), m.end("group"))
        return last


def _lowercased(text: str) -> bool:
    """True for copy written in lower case: fewer than half its sentences start with a capital."""
    starts = [m.group(1) for m in re.finditer(r"(?:^|[.!?]\s+)[\"“'‘(]*(\w)", text[:20000], re.MULTILINE)]
    letters = [c for c in starts if c.isalpha()]
    return len(letters) >= 3 and sum(1 for c in letters if c.isupper()) * 2 < len(letters)


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _sentence_initial(text: str, pos: int, floor: int) -> bool:
    i = pos - 1
    while i >= floor and text[i] in " \t\"“‘'(«":
        i -= 1
    return i < floor or text[i] in ".!?:;\n"


_TOKEN = re.compile(r"\w[\w'’\-.]*")


def _capitalised_runs(text: str, start: int, end: int) -> Iterator[list[tuple[int, int]]]:
    """Runs of capitalised words (particles such as de/van/bin allowed inside), without a
    sentence-initial function word; possessive 's and a final full stop are not part of a word."""
    run: list[tuple[int, int]] = []
    prev_end = -1
    prev_closed = False  # the previous token ended with a full stop or a possessive
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        word = raw.rstrip(".")
        possessive = word.endswith(("'s", "’s"))
        if possessive:
            word = word[:-2]
        s, e = m.start(), m.start() + len(word)
        joins = bool(run) and not prev_closed and text[prev_end:s] in (" ", "\u00a0")
        if word and _CAP_TOKEN.fullmatch(word):
            if run and not joins:
                yield _trim(text, run)
                run = []
            if run or not (_sentence_initial(text, s, start) and word.casefold() in FUNCTION_WORDS):
                run.append((s, e))
        elif joins and word.casefold() in PARTICLES:
            run.append((s, e))
        elif run:
            yield _trim(text, run)
            run = []
        prev_end = m.end()
        prev_closed = raw.endswith(".") or possessive
    if run:
        yield _trim(text, run)


def _trim(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while len(run) > 1 and text[run[-1][0]:run[-1][1]].casefold() in PARTICLES:
        run = run[:-1]
    return run
