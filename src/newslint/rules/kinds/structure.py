"""Structural damage: unbalanced quotes and brackets, repeated sentences, stray guillemets and
markup left behind by scrapers ("&amp;", "&nbsp;", "<br>", "[caption ...]")."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ...model import Match, Span
from ...textutil import paragraphs
from ..spec import Option
from .base import CheckContext, RuleKind

# --- sentences -----------------------------------------------------------------------------

ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt cmdr adm gov sen rep rev hon no nos vs etc inc corp co "
    "ltd plc bros jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig approx dept est u.s u.k u.n "
    "e.g i.e a.m p.m pct".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u00c0-\u024f\u0370-\u04ff])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def document_sentences(ctx: CheckContext) -> list[tuple[int, int]]:
    """sentence_spans() of the lint text, computed once per document."""
    cached = ctx.memo.get("sentences")
    if cached is None:
        cached = ctx.memo["sentences"] = sentence_spans(ctx.text)
    return cached  # type: ignore[return-value]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, paragraph by paragraph, trimmed of white space."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        pos = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            head = text[max(pos, m.start() - 12):m.start() + 1]
            lw = _LAST_WORD.search(head)
            if text[m.start()] == "." and m.end() == m.start() + 1 and lw:
                word = lw.group(1).casefold()
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue  # "Mr. Smith", "J. Smith", "U.S. officials"
            out.append((pos, m.end()))
            pos = m.end()
        out.append((pos, p_end))
    spans: list[tuple[int, int]] = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


# --- unbalanced quotes and brackets --------------------------------------------------------

_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_QUOTE_CHARS = re.compile(r'[“”"]')
_BRACKET_CHARS = re.compile(r"[()\[\]{}]")
_LIST_MARKER = re.compile(r"(?:^|[\s(])(?:[0-9]{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")


class Unbalanced(RuleKind):
    """Flags a quotation mark or bracket without its partner in the same paragraph. A paragraph
    that leaves a quote open is fine when the next paragraph opens a quote again (the news
    convention for a quote running over several paragraphs)."""

    OPTIONS = {
        "check": Option("str", "what to check", "quotes", choices=("quotes", "brackets")),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        paras = paragraphs(text)
        for i, (start, end) in enumerate(paras):
            next_start = paras[i + 1][0] if i + 1 < len(paras) else None
            if self.options["check"] == "quotes":
                yield from self._quotes(text, start, end, next_start)
            else:
                yield from self._brackets(text, start, end)

    @staticmethod
    def _continues(text: str, next_start: int | None) -> bool:
        return next_start is not None and text[next_start:next_start + 8].lstrip()[:1] in ("“", '"')

    def _quotes(self, text: str, start: int, end: int, next_start: int | None) -> Iterator[Match]:
        open_at = -1
        open_mark = ""
        for m in _QUOTE_CHARS.finditer(text, start, end):
            i, c = m.start(), m.group()
            if c == "“":
                if open_at >= 0:
                    yield Match(Span(open_at, open_at + 1), message_vars=(("problem", "is never closed"),))
                open_at, open_mark = i, c
            elif c == "”":
                if open_at >= 0:
                    open_at = -1
                else:
                    yield Match(Span(i, i + 1), message_vars=(("problem", "closes no opening quote"),))
            elif c == '"':
                if i > start and text[i - 1].isdigit():
                    continue  # inches: 12" pipe
                if i > start and text[i - 1].isalpha() and text[i + 1:i + 2].isalpha():
                    continue  # a mangled apostrophe between letters: Indonesia"s, isn"t
                if open_at >= 0:
                    if open_mark == "“" and "”" in text[i:end]:
                        continue  # straight marks nested in a curly quote
                    open_at = -1
                else:
                    open_at, open_mark = i, c
        if open_at >= 0 and not self._continues(text, next_start):
            yield Match(Span(open_at, open_at + 1), message_vars=(("problem", "is never closed"),))

    @staticmethod
    def _brackets(text: str, start: int, end: int) -> Iterator[Match]:
        stack: list[tuple[str, int]] = []
        for m in _BRACKET_CHARS.finditer(text, start, end):
            i, c = m.start(), m.group()
            if c in _OPENERS:
                if c == "(" and i + 1 < end and text[i - 1:i] in (":", ";"):
                    continue  # ":(" smiley
                stack.append((c, i))
            elif c in _CLOSERS:
                if c == ")" and (text[i - 1:i] in (":", ";") or _LIST_MARKER.search(text[max(start, i - 6):i])) \
                        and not (stack and stack[-1][0] == "("):
                    continue  # list marker "a)" / "2)" or a ":)" smiley
                if stack and stack[-1][0] == _CLOSERS[c]:
                    stack.pop()
                elif stack and any(o == _CLOSERS[c] for o, _ in stack):
                    while stack and stack[-1][0] != _CLOSERS[c]:
                        o, at = stack.pop()
                        yield Match(Span(at, at + 1), message_vars=(("problem", "is never closed"),))
                    stack.pop()
                elif stack:  # "[of leading indicators)": the wrong closer for the open bracket
                    o, at = stack.pop()
                    yield Match(Span(at, at + 1), message_vars=(("problem", f"is closed by '{c}'"),))
                else:
                    yield Match(Span(i, i + 1), message_vars=(("problem", "closes nothing"),))
        for _o, at in stack:
            yield Match(Span(at, at + 1), message_vars=(("problem", "is never closed"),))


# --- repeated sentences --------------------------------------------------------------------

_WORDISH = re.compile(r"\w+")
_SENTENCE_END = frozenset(".!?…\"”’)")


class RepeatedSentence(RuleKind):
    """Flags a sentence, or a run of consecutive sentences, that repeats an earlier passage word
    for word; the fix deletes the repeat (safe when it directly follows the first copy)."""

    CASE_FINAL = True  # a sentence deleted

    OPTIONS = {
        "min_words": Option("int", "shortest sentence compared, in words", 6, minimum=2),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        seen: dict[str, int] = {}  # sentence key -> index of its first copy
        spans = document_sentences(ctx)
        repeats: list[tuple[int, int]] = []  # (index of the repeat, index of the first copy)
        for i, (start, end) in enumerate(spans):
            sentence = text[start:end]
            key = " ".join(sentence.casefold().split())
            if key not in seen:
                seen[key] = i
                continue
            words = _WORDISH.findall(sentence)
            if len(words) < self.options["min_words"] or sentence[-1] not in _SENTENCE_END:
                continue  # short, or a table row / heading rather than a sentence
            if sum(1 for w in words if any(c.isdigit() for c in w)) * 3 > len(words):
                continue  # mostly figures: a table row
            repeats.append((i, seen[key]))
        # consecutive repeats of consecutive sentences form one repeated passage
        runs: list[list[tuple[int, int]]] = []
        for rep in repeats:
            if runs and rep[0] == runs[-1][-1][0] + 1 and rep[1] == runs[-1][-1][1] + 1:
                runs[-1].append(rep)
            else:
                runs.append([rep])
        for run in runs:
            start, end = spans[run[0][0]][0], spans[run[-1][0]][1]
            original_end = spans[run[-1][1]][1]
            del_start = start
            while del_start > 0 and text[del_start - 1] in " \t":
                del_start -= 1
            adjacent = original_end <= start and not text[original_end:start].strip()
            message = None if len(run) == 1 else f"passage of {len(run)} sentences repeated word for word; delete the repeat"
            yield Match(
                Span(start, end), ("",), safe=adjacent, edit_span=Span(del_start, end),
                message_vars=(("suggestion", "(delete)"),), message=message,
            )


# --- guillemets ----------------------------------------------------------------------------

_GUILLEMET_PAIRS = {"«": ("»", "“", "”"), "‹": ("›", "‘", "’")}
_GUILLEMETS = frozenset("«»‹›")


class Guillemet(RuleKind):
    """Flags guillemets in English copy: a «quoted» pair gets English quotation marks as the
    suggestion; a lone guillemet (a scraper's breadcrumb "Home » World") is flagged as stray."""

    CASE_FINAL = True  # the same words in other quotation marks

    OPTIONS = {
        "max_quote_length": Option("int", "longest «...» pair converted as a whole, in characters", 600, minimum=10),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if not any(g in text for g in _GUILLEMETS):
            return
        for start, end in paragraphs(text):
            i = start
            while i < end:
                c = text[i]
                if c in _GUILLEMET_PAIRS:
                    closer, left, right = _GUILLEMET_PAIRS[c]
                    j = text.find(closer, i + 1, end)
                    nested = text.find(c, i + 1, j) if j > 0 else -1
                    if j > 0 and nested < 0 and j - i <= self.options["max_quote_length"]:
                        inner = text[i + 1:j].strip(" \u00a0\u202f")
                        yield Match(Span(i, j + 1), (f"{left}{inner}{right}",),
                                    message_vars=(("problem", "are not English quotation marks"),))
                        i = j + 1
                        continue
                    yield Match(Span(i, i + 1), message_vars=(("problem", "is stray"),))
                elif c in _GUILLEMETS:
                    yield Match(Span(i, i + 1), message_vars=(("problem", "is stray"),))
                i += 1


# --- markup leftovers ----------------------------------------------------------------------

HTML_TAGS = (
    "a|abbr|article|aside|b|blockquote|br|caption|center|cite|code|dd|del|div|dl|dt|em|figcaption|figure|font|"
    "footer|h[1-6]|header|hr|i|iframe|img|ins|li|mark|nav|noscript|ol|p|picture|pre|q|s|script|section|small|"
    "source|span|strike|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul|video|wbr"
)
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
# lower-case tag names only, unless the tag has attributes: Reuters' "<IBM>", "<SRD>" are tickers
_TAG = (rf"</?(?:{HTML_TAGS})(?:\s[^<>]{{0,300}}?)?\s*/?>"
        rf"|</?(?i:{HTML_TAGS})\s+[\w:-]+\s*=[^<>]{{0,300}}?>")
_SHORTCODE = r"\[/?(?:caption|gallery|embed|video|audio|playlist|wp_\w+|vc_\w+|et_pb_\w+|su_\w+)\b[^\[\]\n]{0,300}\]"
_MARKUP = re.compile(rf"(?P<entity>{_ENTITY})|(?P<tag>{_TAG})|(?P<shortcode>{_SHORTCODE})")


class MarkupLeftover(RuleKind):
    """Flags HTML character references, HTML tags and CMS shortcodes left in the visible text;
    the safe fix decodes the reference or removes the markup."""

    CASE_FINAL = True  # markup deleted

    OPTIONS = {
        "entities": Option("bool", "check character references (&amp; &nbsp; &#8217;)", True),
        "tags": Option("bool", "check HTML tags (<br>, <p>, </span>)", True),
        "shortcodes": Option("bool", "check CMS shortcodes ([caption ...], [/caption])", True),
    }

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        text = ctx.text
        if "&" not in text and "<" not in text and "[" not in text:
            return
        for m in _MARKUP.finditer(text):
            found = m.group()
            if m.lastgroup == "entity":
                if not self.options["entities"]:
                    continue
                decoded = html.unescape(found)
                if decoded == found:
                    continue
                decoded = decoded.replace("\u00a0", " ")
                yield Match(Span(m.start(), m.end()), (decoded,), safe=True,
                            message_vars=(("what", "an HTML character reference"),))
                continue
            if not self.options[f"{m.lastgroup}s"]:
                continue
            before = text[m.start() - 1] if m.start() > 0 else " "
            after = text[m.end()] if m.end() < len(text) else " "
            replacement = "" if before.isspace() or after.isspace() or not after.isalnum() else " "
            what = "an HTML tag" if m.lastgroup == "tag" else "a CMS shortcode"
            action = "replace it with a space" if replacement else "delete it"
            yield Match(Span(m.start(), m.end()), (replacement,), safe=True,
                        message=f"'{{found}}' is {what} left in the text; {action}")
