"""Baseline: findings already known (a back catalogue) are recorded in a file and not reported.

A finding is identified by its file (relative to the baseline file's folder; an archive record
as 'archive.jsonl:<record>'), its rule and a fingerprint of the matched text and its
neighbourhood: up to CONTEXT_WORDS words on each side within the same paragraph, taken from the
lintable text (markup and code blanked) with whitespace collapsed. Never line numbers: an edit
in another paragraph, markup changes or re-wrapping a paragraph keep the baseline valid.
The same fingerprint twice in one file is counted: a third occurrence is reported.

Matching has two passes per file: first by the full fingerprint; then a finding whose
neighbourhood was edited still matches a baseline entry of the same rule and matched text that
nothing else in the file matched (as GitHub code scanning re-identifies alerts).
The fingerprint is also SARIF's `partialFingerprints`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import Document
from .errors import ConfigError
from .model import Finding

FORMAT_KEY = "newslint_baseline"
FORMAT_VERSION = 1
CONTEXT_WORDS = 3
_WINDOW = 200  # characters searched on each side for the context words
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def _words_before(text: str, start: int) -> list[str]:
    lo = max(0, start - _WINDOW)
    window = text[lo:start]
    breaks = list(_PARAGRAPH_BREAK.finditer(window))
    if breaks:  # only the finding's own paragraph
        lo, window = lo + breaks[-1].end(), window[breaks[-1].end():]
    words = window.split()
    if lo > 0 and words and not text[lo].isspace() and not text[lo - 1].isspace():
        words = words[1:]  # cut inside a word: its start depends on text further away
    return words[-CONTEXT_WORDS:]


def _words_after(text: str, end: int) -> list[str]:
    hi = min(len(text), end + _WINDOW)
    window = text[end:hi]
    found = _PARAGRAPH_BREAK.search(window)
    if found:
        hi, window = end + found.start(), window[:found.start()]
    words = window.split()
    if hi < len(text) and words and not text[hi - 1].isspace() and not text[hi].isspace():
        words = words[:-1]
    return words[:CONTEXT_WORDS]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def fingerprints(doc: Document, finding: Finding) -> tuple[str, str]:
    """(fingerprint of rule, matched text and the words around it in its paragraph; fingerprint
    of rule and matched text alone) of a finding pointing into doc.text."""
    start, end = finding.span.start, finding.span.end
    matched = " ".join(doc.text[start:end].split())
    context = doc.lint_text
    return (_hash(finding.rule_id, matched, " ".join(_words_before(context, start)), " ".join(_words_after(context, end))),
            _hash(finding.rule_id, matched))


def fingerprint(doc: Document, finding: Finding) -> str:
    """The stable id of a finding (rule, matched text, neighbourhood): baseline and SARIF."""
    return fingerprints(doc, finding)[0]


def document_key(doc: Document, folder: Path) -> str:
    """The document's name in a baseline kept in `folder`: its path relative to that folder
    ('/' separators), an archive record as 'archive.jsonl:<record>'."""
    archive = doc.meta.get("archive")
    name = archive if archive else doc.path
    if name.startswith("<"):  # <stdin>, <text>
        key = name
    else:
        key = Path(os.path.relpath(os.path.abspath(name), folder)).as_posix()
    return f"{key}:{doc.meta.get('record', '')}" if archive else key


Key = tuple[str, str, str]  # (document key, rule id, fingerprint)


@dataclass
class Baseline:
    """A loaded baseline file; `split()` consumes its counts as findings are matched."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    text_of: dict[Key, str] = field(default_factory=dict)  # entry -> fingerprint of rule and matched text
    matched_by_doc: Counter[str] = field(default_factory=Counter)
    checked_docs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        """Read a baseline file; a missing or malformed one is a ConfigError naming it."""
        shown = str(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ConfigError(shown, f"no such baseline file (write one with --write-baseline {shown})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(shown, f"cannot read the baseline file: {getattr(exc, 'strerror', None) or exc}") from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ConfigError(shown, f"the baseline file is not valid JSON: {exc.msg} (column {exc.colno}); "
                                     "write it again with --write-baseline", exc.lineno) from None
        except RecursionError:
            raise ConfigError(shown, "the baseline file is not valid JSON: nested too deeply") from None
        if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION or not isinstance(data.get("findings"), list):
            raise ConfigError(shown, f"not a newslint baseline (expected an object with \"{FORMAT_KEY}\": "
                                     f"{FORMAT_VERSION} and a \"findings\" list); write it with --write-baseline")
        baseline = cls(path)
        for index, entry in enumerate(data["findings"]):
            if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) and entry.get(k)
                                                    for k in ("path", "rule", "fingerprint", "text"))
                    and isinstance(entry.get("count", 1), int) and not isinstance(entry.get("count", 1), bool)
                    and entry.get("count", 1) >= 1):
                raise ConfigError(shown, f"baseline entry {index + 1} needs 'path', 'rule', 'fingerprint', 'text' "
                                         "(strings) and 'count' (a positive integer)", key=f"findings[{index}]")
            key = (entry["path"], entry["rule"], entry["fingerprint"])
            baseline.counts[key] += entry.get("count", 1)
            baseline.text_of[key] = entry["text"]
        return baseline

    def split(self, doc: Document, findings: list[Finding]) -> tuple[list[Finding], int]:
        """(the findings to report, how many the baseline holds) for one document (findings
        pointing into doc.text)."""
        key = document_key(doc, self.path.parent)
        self.checked_docs.add(key)
        if not findings or not self.counts:
            return findings, 0
        left: list[tuple[Finding, str]] = []
        matched = 0
        for f in findings:  # pass 1: the full fingerprint
            full, text = fingerprints(doc, f)
            entry = (key, f.rule_id, full)
            if self.counts.get(entry, 0) > 0:
                self.counts[entry] -= 1
                matched += 1
            else:
                left.append((f, text))
        if left:  # pass 2: same rule and matched text, neighbourhood edited
            spare: dict[tuple[str, str], list[Key]] = defaultdict(list)
            for entry, n in self.counts.items():
                if n > 0 and entry[0] == key:
                    spare[(entry[1], self.text_of[entry])].append(entry)
            kept: list[Finding] = []
            for f, text in left:
                entries = [e for e in spare.get((f.rule_id, text), ()) if self.counts[e] > 0]
                if entries:
                    self.counts[entries[0]] -= 1
                    matched += 1
                else:
                    kept.append(f)
        else:
            kept = []
        self.matched_by_doc[key] += matched
        return kept, matched

    def gone(self) -> int:
        """Baselined findings of the documents checked in this run that were not found again
        (fixed since the baseline was written)."""
        return sum(n for (doc, _rule, _fp), n in self.counts.items() if doc in self.checked_docs and n > 0)


@dataclass
class BaselineWriter:
    """Collects the findings of a run and writes them as a baseline file."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)
    text_of: dict[Key, str] = field(default_factory=dict)
    matched: dict[Key, str] = field(default_factory=dict)

    def add(self, doc: Document, findings: list[Finding]) -> None:
        """Record one document's findings (pointing into doc.text)."""
        key = document_key(doc, self.path.parent)
        for f in findings:
            full, text = fingerprints(doc, f)
            entry = (key, f.rule_id, full)
            self.counts[entry] += 1
            self.text_of[entry] = text
            self.matched.setdefault(entry, " ".join(f.matched.split())[:120])

    def payload(self) -> dict[str, Any]:
        """The file's content: entries sorted by path, rule and fingerprint (stable diffs)."""
        return {
            FORMAT_KEY: FORMAT_VERSION,
            "comment": "Findings newslint does not report (newslint check --baseline). Regenerate with --write-baseline.",
            "findings": [
                {"path": p, "rule": r, "fingerprint": fp, "text": self.text_of[(p, r, fp)], "count": n,
                 "matched": self.matched[(p, r, fp)]}
                for (p, r, fp), n in sorted(self.counts.items())
            ],
        }

    def write(self) -> int:
        """Write the file atomically; returns the number of findings recorded."""
        from .fixer import atomic_write

        atomic_write(self.path, json.dumps(self.payload(), ensure_ascii=False, indent=1) + "\n")
        return sum(self.counts.values())


class BaselineRun:
    """The baseline side of one `newslint check` run: which baseline file applies to a document
    (--baseline, else its config's `baseline:`; none with --no-baseline), or recording every
    finding for --write-baseline (then nothing is reported)."""

    def __init__(self, explicit: Path | None = None, disabled: bool = False, write: Path | None = None) -> None:
        self.explicit = explicit.resolve() if explicit is not None else None
        self.disabled = disabled
        self.writer = BaselineWriter(write.resolve()) if write is not None else None
        self.loaded: dict[Path, Baseline] = {}
        self.baselined = 0

    def baseline_for(self, configured: Path | None) -> Baseline | None:
        """The loaded baseline for a document whose config names `configured` (raises ConfigError)."""
        path = self.explicit or (None if self.disabled else configured)
        if path is None:
            return None
        if path not in self.loaded:
            self.loaded[path] = Baseline.load(path)
        return self.loaded[path]

    def filter(self, doc: Document, findings: list[Finding], configured: Path | None) -> list[Finding]:
        """The findings of `doc` to report (its findings point into doc.text); `configured`: the
        `baseline:` of its config."""
        if self.writer is not None:
            self.writer.add(doc, findings)
            return []
        baseline = self.baseline_for(configured)
        if baseline is None:
            return findings
        kept, matched = baseline.split(doc, findings)
        self.baselined += matched
        return kept

    def summary(self) -> list[str]:
        """Lines for stderr at the end of the run."""
        lines = []
        for baseline in self.loaded.values():
            matched = sum(baseline.matched_by_doc.values())
            if matched:
                lines.append(f"{matched} finding{'s' if matched != 1 else ''} in the baseline {baseline.path.name} not reported")
            gone = baseline.gone()
            if gone:
                lines.append(f"{gone} baselined finding{'s' if gone != 1 else ''} no longer occur{'s' if gone == 1 else ''} "
                             f"in the files checked; --write-baseline {baseline.path.name} drops {'them' if gone != 1 else 'it'}")
        return lines
