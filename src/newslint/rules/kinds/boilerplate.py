"""boilerplate: page furniture a scraper kept — by pattern (existence patterns, whole lines) and
by structure: short lines at the start or end of an article with no sentence punctuation that
read as interface text (a UI verb, a 'Label: value' credit, a reading-time or timestamp widget,
a rating widget, a comment form), the rest of the page after such a line at the end, and inline
placeholders and citation markers anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Match, Severity, Span
from ..spec import Option
from .base import CheckContext
from .existence import Existence

_NONBLANK_LINE = re.compile(r"[^\n]*[^\s][^\n]*")
_LONGEST_LINE = 240  # characters: a furniture line (25 words at most) is never longer
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
# inline: "[ad_1]", "[ads]", "[/advert]" (ad placeholders of auto-posting plugins) and
# Wikipedia citation markers glued to a word or punctuation: "said.[12]", "[citation needed]"
_PLACEHOLDER = re.compile(r"\[/?(?:ads?|advert(?:isement)?|adsense|banner|sponsor(?:ed)?)(?:[_-]?[a-z0-9]+)*\]", re.IGNORECASE)
# (led by its literal "[", which the engine finds fast, the character before tested after it)
_CITATION = re.compile(r"\[(?:(?<=[^\W_]\[)|(?<=[.,;:!?”\"’)]\[))(?:\d{1,3}|citation needed|note \d{1,3}|[a-z])\](?:\[(?:\d{1,3}|[a-z])\])*")
_TIME_TOKENS = frozenset(
    "min mins minute minutes sec secs second seconds hour hours hr hrs h m s day days week weeks month months "
    "year years ago read reading time listen views view shares comments updated published just now "
    "yesterday today".split()
)
_WIDGET_CUES = frozenset("ago read reading listen views".split())
_RATING = re.compile(r"[★☆✩✭]|\b\d(?:\.\d)?\s*(?:/\s*5|out\s+of\s+(?:5|five|10))\b|\(\s*\d+\s+(?:votes?|ratings?|reviews?)\s*\)"
                     r"|\b(?:rate\s+this|rating\s*:|average\s+rating|\d+\s+votes?\b)", re.IGNORECASE)
_FORM = re.compile(r"\*\s*$|^\s*(?:name|e-?mail|website|comment)\s*\*|\bemail\s+address\s+will\s+not\s+be\s+published"
                   r"|\brequired\s+fields\b|\bsave\s+my\s+name\b|\bcancel\s+reply\b|\bpost\s+comment\b", re.IGNORECASE)
_CMS = re.compile(r"\b(?:wordpress|blogger|joomla|drupal|squarespace|wix)\b.*\b(?:theme|powered|template)\b"
                  r"|\b(?:theme|powered|template)\b.*\b(?:wordpress|blogger|joomla|drupal|squarespace|wix)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_CMS_NAMES = ("wordpress", "blogger", "joomla", "drupal", "squarespace", "wix")
_AGENCY_CREDIT = re.compile(r"\b(?:[A-Z][A-Za-z]+\s*/\s*(?:[A-Z][\w.'-]*\s*){1,3})$|©|\bvia\s+getty\b|\b(?:photo|image|picture)s?\s+by\b",
                            re.IGNORECASE)
_LIVE_LINK = re.compile(r"\s[–—-]\s+(?:[a-z]+\s+)?(?:latest|live|live\s+updates|as\s+it\s+happened)$")
_GENERIC_AUTHOR = re.compile(r"^(?:posted\s+)?by\s+[a-z][\w.-]*$|^by\s+(?:admin|administrator|editor|staff|webmaster|author|guest|team|newsdesk|news\s+desk)$",
                             re.IGNORECASE)


class Boilerplate(Existence):
    """Whole-line patterns (the existence kind with anchor_line) plus a structural test for
    page furniture at the start and end of an article, and inline placeholders anywhere."""

    OPTIONS = {
        **Existence.OPTIONS,
        "anchor_line": Option("bool", "the match must fill its line (surrounding spaces and punctuation allowed)", True),
        "structural": Option("bool", "also flag page furniture found by structure, not by pattern", True),
        "edge_lines": Option("int", "lines at the start and at the end of an article where furniture is looked for", 4, minimum=0),
        "max_words": Option("int", "longest furniture line, in words", 10, minimum=1),
        "ui_verbs": Option("str_list", "interface verbs (and verb phrases) a furniture line starts with", []),
        "strong_phrases": Option("str_list", "interface phrases that make a short unpunctuated line furniture anywhere", []),
        "labels": Option("str_list", "labels of 'Label: value' furniture lines (Source, Photo, Tags ...)", []),
        "navigation": Option("str_list", "navigation and section labels flagged as a line of their own near the edges", []),
        "structural_severity": Option("str", "severity of findings made by structure", "info", choices=("info", "warning", "error")),
    }

    def prepare(self) -> None:
        super().prepare()
        self._verbs_re = _phrases_at_start(self.options["ui_verbs"])
        first_words = {p.split()[0].casefold() for p in self.options["strong_phrases"] + self.options["labels"] if p.split()}
        first_words |= {"by", "posted"}
        # what a furniture line inside the article starts with (an interface phrase, a label, a byline
        # with no name), or a CMS name anywhere in a line: the lines worth a look there
        self._first_words = tuple(sorted(first_words))
        self._strong_re = _phrases_at_start(self.options["strong_phrases"])
        labels = sorted({re.escape(v.casefold()) for v in self.options["labels"]}, key=len, reverse=True)
        self._label = re.compile(rf"^\(?\s*(?:{'|'.join(labels)})\s*[:|]\s*\S", re.IGNORECASE) if labels else None
        self._navigation = {" ".join(v.casefold().split()) for v in self.options["navigation"]}
        self._structural_severity = Severity(self.options["structural_severity"])

    def check(self, ctx: CheckContext) -> Iterator[Match]:
        found = list(super().check(ctx))
        yield from found
        if not self.options["structural"]:
            return
        taken = [(m.span.start, m.span.end) for m in found]
        for m in self._structural(ctx.text, ctx.normalised(True)):
            if not any(s < m.span.end and m.span.start < e for s, e in taken):
                taken.append((m.span.start, m.span.end))
                yield m

    # --- structure ---------------------------------------------------------------------------

    def _structural(self, text: str, lowered: str | None = None) -> Iterator[Match]:
        if "[" in text:
            for pattern, why in ((_PLACEHOLDER, "an ad placeholder"), (_CITATION, "a citation marker")):
                for m in pattern.finditer(text):
                    yield self._match(text, m.start(), m.end(), why, whole_line=False, safe=True)
        lines = [m.span() for m in _NONBLANK_LINE.finditer(text)]
        if len(lines) < 2:
            return  # one line: no page around it
        edge = self.options["edge_lines"]
        n = len(lines)
        head = set(range(1, min(edge + 1, n)))  # the first line is the headline: never furniture by itself
        tail = set(range(max(1, n - edge), n))
        look = head | tail
        # inside the article only lines that start like furniture (an interface phrase, a label, a
        # byline with no name) and lines naming a CMS are looked at, with the line after each (a link
        # under a "Related" heading)
        low = lowered if lowered is not None else text.lower()
        first = self._first_words
        for i, (start, end) in enumerate(lines):
            if i not in look and end - start <= _LONGEST_LINE and low[start:start + 30].lstrip(" \t(").startswith(first):
                look.update((i, i + 1))
        if any(name in low for name in _CMS_NAMES):
            for i, (start, end) in enumerate(lines):
                if any(name in low[start:end] for name in _CMS_NAMES):
                    look.add(i)
        tail_start = None
        for i in sorted(k for k in look if k < n):
            start, end = lines[i]
            if end - start > _LONGEST_LINE:
                if tail_start is not None and i > tail_start:
                    tail_start = None  # article text again: what came before was no page end
                continue  # a paragraph of copy, far longer than any furniture: not looked at
            line = text[start:end].strip()
            at_edge = i in head or i in tail
            why = self._furniture(line, at_edge, previous=text[lines[i - 1][0]:lines[i - 1][1]].strip() if i else "")
            if why is None and tail_start is not None and len(line.split()) <= 25:
                why = "page text after the article"  # everything after furniture at the end is page chrome
            if why is None:
                continue
            if i in tail and i > n // 2 and tail_start is None and why in ("a comment form", "an interface link", "an interface line"):
                tail_start = i  # a comment form or a button row: the page goes on, the article has ended
            s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            yield self._match(text, s, start + len(text[start:end].rstrip()), why, whole_line=True, safe=False)

    def _furniture(self, line: str, at_edge: bool, previous: str) -> str | None:
        """Why a line reads as page furniture, or None."""
        pieces = line.split()
        n = len(pieces)  # words, near enough (a furniture line has 25 at most)
        if not line or n > 25:
            return None
        punctuated = line[-1] in ".!?…" or bool(_SENTENCE_END.search(line))
        if punctuated and n > 12 and ":" not in line and "*" not in line:
            return None  # a sentence of copy (a comment form's long lines follow a shorter one: the page end)
        folded = " ".join(pieces).casefold()
        if any(c in folded for c in _CMS_NAMES) and _CMS.search(line):
            return "a site theme or CMS line"
        if not at_edge and punctuated and ":" not in line:
            return None  # a sentence inside the article: only credits ("Source: ...") can be one
        if at_edge and n <= 20 and _FORM.search(line):
            return "a comment form"
        if not punctuated and n <= 16:
            # the line, or its last sentence after a question ("Want news first? Follow us on ..."),
            # starts with an interface phrase
            last = re.split(r"(?<=[.?!])\s+", folded)[-1]
            if self._strong_re is not None and (self._strong_re.match(folded) or self._strong_re.match(last)):
                return "an interface link"
        if n > self.options["max_words"]:
            return None
        if n <= 8 and self._label is not None and self._label.search(line):
            return "a credit or label line"
        if not punctuated and _GENERIC_AUTHOR.match(line.strip()):
            return "an author line without a name"
        if not punctuated and (words := _WORD.findall(folded)):
            rest = [w for w in words if w not in _TIME_TOKENS and not w.isdigit()]
            if len(rest) <= 3 and any(w in _WIDGET_CUES for w in words) and any(w.isdigit() for w in words):
                return "a reading-time or timestamp widget"
            if len(rest) <= 6 and _RATING.search(line):
                return "a rating widget"
        if not at_edge or punctuated:
            return None
        if self._verbs_re is not None and self._verbs_re.match(folded) and not _DIGIT.search(line):
            return "an interface line"  # ("Share 6.0p vs 4.1p" is a results table, not a button)
        if folded.strip(" :|»›>") in self._navigation:
            return "a navigation label"
        if n <= 8 and _AGENCY_CREDIT.search(line) and any(c.isupper() for c in line):
            return "a photo credit"
        if _LIVE_LINK.search(line):
            return "a related-story link"
        prev = " ".join(previous.casefold().split()).strip(" :|»›>")
        if n <= 16 and prev and (prev in ("related", "related stories", "related articles")
                                 or (self._strong_re is not None and self._strong_re.match(prev))):
            return "a related-story link"
        return None

    def _match(self, text: str, start: int, end: int, why: str, whole_line: bool, safe: bool) -> Match:
        del_end = end + 1 if whole_line and end < len(text) and text[end] == "\n" else end
        return Match(Span(start, end), ("",), safe=safe, severity=self._structural_severity,
                     message=f"'{{found}}' reads as page furniture ({why}), not article text; delete it",
                     message_vars=(("suggestion", "(delete)"),), edit_span=Span(start, del_end))


def _phrases_at_start(phrases: list[str]) -> "re.Pattern[str] | None":
    """One expression matching any of the phrases (lower case) as whole words at the start of a line."""
    folded = sorted({" ".join(p.casefold().split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile("(?:" + "|".join(re.escape(p) for p in folded) + r")(?=$|[ :])")
