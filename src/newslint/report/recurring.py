"""Lines that recur verbatim in many articles of one source: probable boilerplate that no single
article shows (a site's promo line, a syndication note, a signature). Each checked article's short
lines are stored with its findings; after a run they are counted per source, and a line in at least
`min_articles` articles and `min_share` of its source's articles becomes a finding of the
recurring-line rule (NL322) on every article that has it, and a row of the report's own section."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LINES_PER_ARTICLE = 80  # lines stored per article at most (the first and last ones)

SCHEMA = """
CREATE TABLE IF NOT EXISTS lines (
    content_hash TEXT NOT NULL,
    ruleset      TEXT NOT NULL,
    key          TEXT NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (content_hash, ruleset, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lines_by_key ON lines (ruleset, key);
CREATE TABLE IF NOT EXISTS recurring_lines (
    run_id   INTEGER NOT NULL,
    source   TEXT NOT NULL,
    text     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    total    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS recurring_by_run ON recurring_lines (run_id);
"""
SEQ_BASE = 1_000_000  # findings of this pass are numbered after any a rule made


@dataclass(frozen=True)
class Thresholds:
    """The recurring-line rule's options, as the report uses them."""

    rule_id: str
    rule_name: str
    severity: str
    min_articles: int
    min_share: float
    max_chars: int
    min_letters: int


def thresholds(linter: Any) -> Thresholds | None:
    """The options of the enabled rule of kind recurring_line, or None when no such rule runs."""
    for rule in linter.engine.rules:
        if rule.spec.kind == "recurring_line":
            o = rule.spec.options
            severity = linter.engine.severities.get(rule.spec.id, rule.spec.severity).value
            return Thresholds(rule.spec.id, rule.spec.name, severity, o["min_articles"], o["min_share"],
                              o["max_chars"], o["min_letters"])
    return None


def thresholds_for(options: Any) -> Thresholds | None:
    """thresholds() from a report's LinterOptions without building a Linter (rule files only)."""
    from ..model import Severity
    from ..resources import builtin_rules_dir
    from ..rules.loader import load_rules
    from ..rules.registry import is_selected

    specs = load_rules([builtin_rules_dir(), *(Path(p) for p in options.rule_paths)])
    levels: dict[str, Severity] = {}
    if options.severity:
        from ..config import expand_severities

        levels = expand_severities(specs, [(k, Severity(v)) for k, v in options.severity])
    for spec in specs:
        if spec.kind == "recurring_line" and is_selected(spec, options.select or [], options.ignore or []):
            o = spec.options
            return Thresholds(spec.id, spec.name, levels.get(spec.id, spec.severity).value, o["min_articles"],
                              o["min_share"], o["max_chars"], o["min_letters"])
    return None


def article_lines(text: str, limits: Thresholds) -> tuple[tuple[str, str, int, int, int], ...]:
    """(key, text, start, end, line number) of the distinct short lines of an article worth counting:
    at most `max_chars` long with `min_letters` letters; the first and last ones when there are many."""
    found: list[tuple[str, str, int, int, int]] = []
    seen: set[str] = set()
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(raw) + 1
        line = " ".join(raw.split())
        if not line or len(line) > limits.max_chars or sum(c.isalpha() for c in line) < limits.min_letters:
            continue
        key = hashlib.blake2b(line.casefold().encode("utf-8"), digest_size=8).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        lead = len(raw) - len(raw.lstrip())
        found.append((key, line, start + lead, start + len(raw.rstrip()), number))
    if len(found) > LINES_PER_ARTICLE:
        half = LINES_PER_ARTICLE // 2
        found = found[:half] + found[-half:]
    return tuple(found)


def mark_recurring(conn: sqlite3.Connection, run_id: int, ruleset: str, limits: Thresholds) -> int:
    """Count this run's stored lines per source, record the recurring ones and make them findings
    (replacing those of an earlier run of the same rules). Returns the number of recurring lines."""
    rule = limits.rule_id
    old = conn.execute("""SELECT content_hash, COUNT(*), SUM(severity = 'error'), SUM(severity = 'warning')
                          FROM findings WHERE ruleset = ? AND rule_id = ? GROUP BY content_hash""", (ruleset, rule)).fetchall()
    conn.executemany("""UPDATE checks SET findings = findings - ?, errors = errors - ?, warnings = warnings - ?
                        WHERE content_hash = ? AND ruleset = ?""", [(n, e, w, h, ruleset) for h, n, e, w in old])
    conn.execute("DELETE FROM findings WHERE ruleset = ? AND rule_id = ?", (ruleset, rule))
    conn.execute("DELETE FROM recurring_lines WHERE run_id = ?", (run_id,))
    totals = dict(conn.execute("SELECT COALESCE(source, ''), COUNT(*) FROM articles WHERE run_id = ? GROUP BY 1",
                               (run_id,)).fetchall())
    groups = conn.execute("""
        SELECT COALESCE(a.source, '') AS src, l.key, MIN(l.text), COUNT(*) AS n
        FROM articles a JOIN lines l ON l.content_hash = a.content_hash AND l.ruleset = a.ruleset
        WHERE a.run_id = ? GROUP BY src, l.key HAVING n >= ?""", (run_id, limits.min_articles)).fetchall()
    recurring = [(src, key, text, n) for src, key, text, n in groups if n >= limits.min_share * totals.get(src, 0)]
    added: dict[str, list[int]] = {}  # content hash -> [findings, errors, warnings]
    for src, key, text, n in recurring:
        total = totals.get(src, 0)
        conn.execute("INSERT INTO recurring_lines VALUES (?, ?, ?, ?, ?)", (run_id, src, text, n, total))
        where = f"of source '{src}'" if src else "of the archive"
        message = (f"'{{found}}' recurs verbatim in {n} of {total} articles {where}: probable boilerplate "
                   "(page text, promo or signature); delete it").replace("{found}", _short(text))
        rows = conn.execute("""
            SELECT DISTINCT a.content_hash, l.start, l."end", l.line, l.text
            FROM articles a JOIN lines l ON l.content_hash = a.content_hash AND l.ruleset = a.ruleset
            WHERE a.run_id = ? AND COALESCE(a.source, '') = ? AND l.key = ?""", (run_id, src, key)).fetchall()
        for content_hash, start, end, line, line_text in rows:
            cur = conn.execute(
                """INSERT OR IGNORE INTO findings (content_hash, ruleset, seq, rule_id, rule_name, severity, message, start,
                   "end", line, col, end_line, end_col, matched, suggestion, suggestions, fix_safe, context_before, context_after)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, '', ?, 0, '', '')""",
                (content_hash, ruleset, SEQ_BASE + line, rule, limits.rule_name, limits.severity, message, start, end,
                 line, line, 1 + end - start, line_text, json.dumps([""])))
            if cur.rowcount == 1:
                counts = added.setdefault(content_hash, [0, 0, 0])
                counts[0] += 1
                counts[1] += limits.severity == "error"
                counts[2] += limits.severity == "warning"
    conn.executemany("""UPDATE checks SET findings = findings + ?, errors = errors + ?, warnings = warnings + ?
                        WHERE content_hash = ? AND ruleset = ?""", [(f, e, w, h, ruleset) for h, (f, e, w) in added.items()])
    return len(recurring)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
