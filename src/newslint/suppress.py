"""Inline suppressions (`newslint: ignore NL101`), accepted words and the quote policy.

Where a directive may stand:
- in an HTML comment, in any kind of input: `<!-- newslint: ignore NL101 -->`;
- in plain text, also as a comment line starting with `#` or `//`:
  `# newslint: ignore NL101`, or at the end of a line after whitespace: `text  // newslint: ignore`.

What it does:
- `ignore [rules]` on a line of its own applies to the next non-blank line; with text on the
  same line (trailing, or before the text), to that line. Without rules it silences every rule there.
- `disable [rules]` ... `enable [rules]` silences the rules between the two lines (to the end
  of the file when no `enable` follows); `enable` without rules ends every open block.
- Rules are named by id (NL101), id prefix (NL1) or name (misspelled-name), separated by
  commas or spaces; text after `--` or `;` is a free comment (a reason). A finding is silenced when the line it starts on is covered.

A directive that silences nothing is reported as NL901 unused-suppression (info); one that
cannot be read (unknown verb, unknown rule) as NL902 invalid-suppression.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .document import Document
from .model import Applicability, Edit, Finding, Fix, Severity, Span
from .positions import LineIndex
from .rules.spec import RuleSpec
from .textutil import RangeSet

UNUSED_ID = "NL901"
INVALID_ID = "NL902"
VERBS = ("ignore", "disable", "enable")

# plain-text comment: '#' or '//' at the start of a line, or after whitespace at the end of a line
_LINE_COMMENT = re.compile(r"(?m)(?:^[ \t]*|(?<=[ \t]))(?:#|//)[ \t]*(?P<body>newslint\s*:[^\r\n]*)$")
_DIRECTIVE = re.compile(r"^\s*newslint\s*:\s*(?P<verb>[A-Za-z-]*)(?P<args>.*)$", re.DOTALL)
_RULE_TOKEN = re.compile(r"^(?:NL\d{0,3}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$", re.IGNORECASE)


@dataclass
class Directive:
    """One suppression comment."""

    verb: str
    rules: tuple[str, ...]  # empty: every rule
    span: Span  # the whole comment
    line: int  # line of the comment
    first: int  # first line it covers
    last: int  # last line it covers (inclusive)
    used: set[str] = field(default_factory=set)  # the rule patterns that silenced something (or "*")


@dataclass
class Problem:
    """A malformed directive: where, and what is wrong."""

    span: Span
    message: str


def line_comment_ok(doc: Document) -> bool:
    """Plain text accepts `#` / `//` comment lines; Markdown and HTML use HTML comments only."""
    return doc.kind == "text"


def directive_ranges(text: str, plain: bool) -> list[tuple[int, int, str]]:
    """(start, end, body) of every comment that starts with `newslint:`."""
    out: list[tuple[int, int, str]] = []
    pos = text.find("<!--")
    while pos >= 0:  # str.find, not a regex: linear even with many unclosed comments
        end = text.find("-->", pos + 4)
        if end < 0:
            break
        body = text[pos + 4 : end]
        if "newslint" in body and _DIRECTIVE.match(body):
            out.append((pos, end + 3, body))
        pos = text.find("<!--", end + 3)
    if plain:
        for m in _LINE_COMMENT.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), m.group("body")))
    out.sort()
    return out


def _matches(pattern: str, finding: Finding) -> bool:
    if pattern.upper().startswith("NL"):
        return finding.rule_id.startswith(pattern.upper())
    return pattern.lower() == finding.rule_name


def parse_directives(doc: Document, known: Iterable[RuleSpec]) -> tuple[list[Directive], list[Problem]]:
    """Read every directive of the document; blocks are resolved into line ranges."""
    text = doc.text
    known_list = list(known)
    lines = LineIndex(text)
    directives: list[Directive] = []
    problems: list[Problem] = []
    open_blocks: list[Directive] = []
    for start, end, body in directive_ranges(text, line_comment_ok(doc)):
        span = Span(start, end)
        m = _DIRECTIVE.match(body)
        assert m is not None
        verb = m.group("verb").lower()
        args = re.split(r"--|;", m.group("args"))[0].strip()  # text after '--' or ';' is a reason
        if verb not in VERBS:
            problems.append(Problem(span, f"unknown suppression '{m.group('verb') or '(none)'}'; use ignore, disable or enable"))
            continue
        tokens = tuple(t for t in re.split(r"[\s,]+", args) if t)
        bad = [t for t in tokens if not _RULE_TOKEN.match(t)]
        if bad:
            problems.append(Problem(span, f"cannot read '{bad[0]}' in a suppression; name rules by id (NL101), prefix (NL1) or name"))
            continue
        unknown = [t for t in tokens if not any(_specifies(t, s) for s in known_list)]
        if unknown:
            problems.append(Problem(span, f"'{unknown[0]}' names no rule"))
            continue
        line, _ = lines.line_col(start)
        end_line, _ = lines.line_col(end)
        if verb == "ignore":
            line_start = lines.line_start(line)
            next_start = lines.line_start(end_line + 1) if end_line < lines.line_count else len(text)
            trailing = text[line_start:start].strip() != "" or text[end:next_start].strip() != ""
            if trailing:
                first = last = line
            else:
                first = _next_nonblank_line(text, lines, end_line)
                last = first
            directives.append(Directive(verb, tokens, span, line, first, last))
        elif verb == "disable":
            d = Directive(verb, tokens, span, line, end_line, lines.line_count)
            directives.append(d)
            open_blocks.append(d)
        else:  # enable: closes the open blocks whose rules it names (all of them without rules)
            wanted = {_norm(t) for t in tokens}
            closing = [d for d in open_blocks if not tokens or (d.rules and {_norm(r) for r in d.rules} <= wanted)]
            if not closing:
                problems.append(Problem(span, "'enable' without a matching 'disable' before it"))
                continue
            for d in closing:
                d.last = line
                open_blocks.remove(d)
    return directives, problems


def _norm(token: str) -> str:
    return token.upper() if token.upper().startswith("NL") else token.lower()


def _specifies(token: str, spec: RuleSpec) -> bool:
    if token.upper().startswith("NL"):
        return spec.id.startswith(token.upper())
    return token.lower() == spec.name


def _next_nonblank_line(text: str, lines: LineIndex, after_line: int) -> int:
    line = after_line + 1
    while line <= lines.line_count:
        start = lines.line_start(line)
        end = lines.line_start(line + 1) if line < lines.line_count else len(text)
        if text[start:end].strip():
            return line
        line += 1
    return after_line + 1


def apply_suppressions(
    doc: Document,
    findings: list[Finding],
    known: Iterable[RuleSpec],
    enabled: dict[str, RuleSpec],
    severity_of: Callable[[RuleSpec], Severity],
) -> list[Finding]:
    """Drop suppressed findings; add NL901/NL902 findings when those rules are enabled."""
    if "newslint" not in doc.text:
        return findings
    known_list = list(known)
    directives, problems = parse_directives(doc, known_list)
    if not directives and not problems:
        return findings
    kept: list[Finding] = []
    for f in findings:
        silenced = False
        for d in directives:
            if d.first <= f.line <= d.last:
                if not d.rules:
                    d.used.add("*")
                    silenced = True
                else:
                    for pattern in d.rules:
                        if _matches(pattern, f):
                            d.used.add(pattern)
                            silenced = True
        if not silenced:
            kept.append(f)
    lines = LineIndex(doc.text)
    extra: list[Finding] = []
    unused_spec = enabled.get(UNUSED_ID)
    if unused_spec is not None:
        for d in directives:
            if d.verb == "enable":
                continue
            if not d.rules:
                if "*" not in d.used:
                    extra.append(_meta(doc, lines, unused_spec, severity_of, d.span,
                                       f"unused suppression: no finding on line {d.first}" if d.verb == "ignore"
                                       else "unused suppression: no finding in this block"))
                continue
            for pattern in d.rules:
                if pattern in d.used:
                    continue
                if not any(_specifies(pattern, s) for s in enabled.values() if s.id not in (UNUSED_ID, INVALID_ID)):
                    continue  # the rule did not run: cannot tell whether it would be used
                where = f"on line {d.first}" if d.verb == "ignore" else "in this block"
                extra.append(_meta(doc, lines, unused_spec, severity_of, d.span, f"unused suppression: no {pattern} finding {where}"))
    invalid_spec = enabled.get(INVALID_ID)
    if invalid_spec is not None:
        for p in problems:
            extra.append(_meta(doc, lines, invalid_spec, severity_of, p.span, p.message))
    if extra:
        kept.extend(extra)
        kept.sort(key=Finding.sort_key)
    return kept


def _meta(doc: Document, lines: LineIndex, spec: RuleSpec, severity_of: Callable[[RuleSpec], Severity],
          span: Span, message: str) -> Finding:
    line, col = lines.line_col(span.start)
    end_line, end_col = lines.line_col(span.end)
    return Finding(
        rule_id=spec.id, rule_name=spec.name, severity=severity_of(spec), message=message, span=span,
        line=line, column=col, end_line=end_line, end_column=end_col, matched=doc.text[span.start:span.end],
        fix=Fix(spec.id, (Edit(span, ""),), Applicability.DISPLAY_ONLY, "Delete the suppression comment"),
    )


# --- accepted words and the quote policy ----------------------------------------------------

def accept_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern over every accepted word or name (whole words)."""
    cleaned = sorted({" ".join(t.split()) for t in terms if t and t.strip()}, key=lambda t: (-len(t), t))
    if not cleaned:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in t.split(" ")) for t in cleaned)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def drop_accepted(doc: Document, findings: list[Finding], pattern: re.Pattern[str] | None) -> list[Finding]:
    """Drop findings whose matched text lies inside an occurrence of an accepted word or name."""
    if pattern is None or not findings:
        return findings
    occurrences = [(m.start(), m.end()) for m in pattern.finditer(doc.text)]
    if not occurrences:
        return findings
    starts = [s for s, _ in occurrences]

    def accepted(f: Finding) -> bool:
        i = bisect_right(starts, f.span.start) - 1
        return i >= 0 and f.span.end > f.span.start and occurrences[i][1] >= f.span.end

    return [f for f in findings if f.rule_id in (UNUSED_ID, INVALID_ID) or not accepted(f)]


def drop_quoted(findings: list[Finding], quotes: RangeSet) -> list[Finding]:
    """Quote policy `skip`: drop findings inside direct quotes."""
    return [f for f in findings if not quotes.contains(f.span.start, f.span.end)]


__all__ = ["accept_pattern", "apply_suppressions", "drop_accepted", "drop_quoted"]
