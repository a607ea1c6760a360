"""The report database (SQLite, WAL): runs, articles, checks, findings, bad records.

Findings are cached by (content hash, ruleset version): an article whose text, kind and date are
unchanged, checked with the same rules and dictionaries, is never checked again. Each chunk of
results is written in ONE transaction (article rows + their check rows + findings + bad records),
so a run killed at any moment leaves only whole chunks behind, and the next run picks up from there.
The schema is documented in docs/report-schema.md.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from .inputs import FILE_LINE, ArticleMeta, BadInput, FileStamp, StoredStamp
from .recurring import SCHEMA as RECURRING_SCHEMA
from .recurring import Thresholds, mark_recurring
from .worker import FINDING_COLUMNS, CheckResult

SCHEMA_VERSION = 1
DB_NAME = "newslint.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id           INTEGER PRIMARY KEY,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    status           TEXT NOT NULL,
    ruleset          TEXT NOT NULL,
    newslint_version TEXT NOT NULL,
    engine           TEXT NOT NULL,
    workers          INTEGER NOT NULL,
    options          TEXT NOT NULL,
    articles         INTEGER NOT NULL DEFAULT 0,
    checked          INTEGER NOT NULL DEFAULT 0,
    cached           INTEGER NOT NULL DEFAULT 0,
    bad_records      INTEGER NOT NULL DEFAULT 0,
    seconds          REAL
);
CREATE TABLE IF NOT EXISTS checks (
    content_hash TEXT NOT NULL,
    ruleset      TEXT NOT NULL,
    words        INTEGER NOT NULL,
    findings     INTEGER NOT NULL,
    errors       INTEGER NOT NULL,
    warnings     INTEGER NOT NULL,
    run_id       INTEGER NOT NULL,
    PRIMARY KEY (content_hash, ruleset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
    content_hash   TEXT NOT NULL,
    ruleset        TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    rule_id        TEXT NOT NULL,
    rule_name      TEXT NOT NULL,
    severity       TEXT NOT NULL,
    message        TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    line           INTEGER NOT NULL,
    col            INTEGER NOT NULL,
    end_line       INTEGER NOT NULL,
    end_col        INTEGER NOT NULL,
    matched        TEXT NOT NULL,
    suggestion     TEXT,
    suggestions    TEXT NOT NULL,
    fix_safe       INTEGER NOT NULL,
    context_before TEXT NOT NULL,
    context_after  TEXT NOT NULL,
    PRIMARY KEY (content_hash, ruleset, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS findings_by_rule ON findings (ruleset, rule_id, matched);
CREATE TABLE IF NOT EXISTS articles (
    origin       TEXT NOT NULL,
    line         INTEGER NOT NULL,
    article_id   TEXT NOT NULL,
    source       TEXT,
    date         TEXT,
    kind         TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    ruleset      TEXT NOT NULL,
    run_id       INTEGER NOT NULL,
    PRIMARY KEY (origin, line)
);
CREATE INDEX IF NOT EXISTS articles_by_run ON articles (run_id);
CREATE INDEX IF NOT EXISTS articles_by_hash ON articles (content_hash);
CREATE TABLE IF NOT EXISTS bad_records (
    origin TEXT NOT NULL,
    line   INTEGER NOT NULL,
    reason TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (origin, line)
);
CREATE INDEX IF NOT EXISTS bad_records_by_run ON bad_records (run_id);
CREATE TABLE IF NOT EXISTS file_stamps (
    origin       TEXT PRIMARY KEY,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    date_key     TEXT NOT NULL,
    version      TEXT NOT NULL,
    stamped_ns   INTEGER NOT NULL,
    article_id   TEXT NOT NULL,
    date         TEXT,
    kind         TEXT NOT NULL,
    chars        INTEGER NOT NULL,
    content_hash TEXT NOT NULL
);
"""

_QUOTED_COLUMNS = ", ".join(f'"{c}"' for c in FINDING_COLUMNS)
_FINDING_INSERT = (
    f"INSERT OR IGNORE INTO findings (content_hash, ruleset, seq, {_QUOTED_COLUMNS}) "
    f"VALUES (?, ?, ?, {', '.join('?' for _ in FINDING_COLUMNS)})"
)
_ARTICLE_UPSERT = """
INSERT INTO articles (origin, line, article_id, source, date, kind, chars, content_hash, ruleset, run_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (origin, line) DO UPDATE SET
    article_id = excluded.article_id, source = excluded.source, date = excluded.date, kind = excluded.kind,
    chars = excluded.chars, content_hash = excluded.content_hash, ruleset = excluded.ruleset, run_id = excluded.run_id
"""
_STAMP_UPSERT = """
INSERT OR REPLACE INTO file_stamps (origin, size, mtime_ns, date_key, version, stamped_ns, article_id, date, kind, chars, content_hash)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_BAD_UPSERT = """
INSERT INTO bad_records (origin, line, reason, run_id) VALUES (?, ?, ?, ?)
ON CONFLICT (origin, line) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every user of the database needs."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=60)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=60, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a committed chunk survives a killed process
    conn.execute("PRAGMA busy_timeout=60000")
    return conn


class SchemaError(Exception):
    """The database was written by an incompatible newslint version."""


class Store:
    """Writes a run's results; one writer connection (the main thread)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / DB_NAME
        self.conn = connect(self.path)
        self.conn.executescript(SCHEMA)
        self.conn.executescript(RECURRING_SCHEMA)
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise SchemaError(f"{self.path}: schema version {row[0]}, this newslint writes version {SCHEMA_VERSION}; use another --out folder")

    def close(self) -> None:
        """Checkpoint the WAL and close."""
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()

    def begin_run(self, ruleset: str, engine: str, workers: int, options: dict[str, Any]) -> int:
        """A new run row; runs left 'running' by a killed process become 'interrupted'."""
        with self.transaction():
            self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, status, ruleset, newslint_version, engine, workers, options) VALUES (?, 'running', ?, ?, ?, ?, ?)",
                (_now(), ruleset, __version__, engine, workers, json.dumps(options, default=str)),
            )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def finish_run(self, run_id: int, status: str, counts: dict[str, int], seconds: float) -> None:
        """Record the outcome of a run (after rolling back a transaction that an interrupt left
        open: Ctrl-C can land between BEGIN and the `with` block that would end it)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, articles = ?, checked = ?, cached = ?, bad_records = ?, seconds = ? WHERE run_id = ?",
                (_now(), status, counts.get("articles", 0), counts.get("checked", 0), counts.get("cached", 0),
                 counts.get("bad_records", 0), seconds, run_id),
            )

    def transaction(self) -> "_Transaction":
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error)."""
        return _Transaction(self.conn)

    def write_chunk(self, run_id: int, ruleset: str, articles: Sequence[ArticleMeta], bad: Sequence[BadInput],
                    results: Iterable[CheckResult]) -> int:
        """Store one chunk atomically: new check rows and findings, article rows, bad records.

        Returns the number of articles written (articles whose check failed become bad records).
        """
        failed: dict[str, str] = {}
        with self.transaction():
            for r in results:
                if r.error is not None:
                    failed[r.content_hash] = r.error
                    continue
                errors = sum(1 for f in r.findings if f[2] == "error")
                warnings = sum(1 for f in r.findings if f[2] == "warning")
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO checks VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (r.content_hash, ruleset, r.words, len(r.findings), errors, warnings, run_id),
                )
                if cur.rowcount == 1 and r.findings:
                    self.conn.executemany(_FINDING_INSERT, [(r.content_hash, ruleset, seq, *row) for seq, row in enumerate(r.findings)])
                if cur.rowcount == 1 and r.lines:
                    self.conn.executemany('INSERT OR IGNORE INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)',
                                          [(r.content_hash, ruleset, *line) for line in r.lines])
            rows = [(a.origin, a.line, a.article_id, a.source, a.date, a.kind, a.chars, a.content_hash, ruleset, run_id)
                    for a in articles if a.content_hash not in failed]
            self.conn.executemany(_ARTICLE_UPSERT, rows)
            now = time.time_ns()
            self.conn.executemany(_STAMP_UPSERT, [
                (a.origin, *a.stamp, now, a.article_id, a.date, a.kind, a.chars, a.content_hash)
                for a in articles if a.stamp is not None and a.line == FILE_LINE and a.content_hash not in failed])
            bad_rows = [(b.origin, b.line, b.reason, run_id) for b in bad]
            bad_rows += [(a.origin, a.line, failed[a.content_hash], run_id) for a in articles if a.content_hash in failed]
            self.conn.executemany(_BAD_UPSERT, bad_rows)
        return len(rows)


    def mark_recurring(self, run_id: int, ruleset: str, limits: Thresholds) -> int:
        """Find the lines that recur in many articles of a source in this run; make them findings."""
        with self.transaction():
            return mark_recurring(self.conn, run_id, ruleset, limits)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


class CacheReader:
    """Which content hashes are already checked with a ruleset (its own read connection, any thread)."""

    def __init__(self, path: Path, ruleset: str) -> None:
        self.conn = connect(path, readonly=True)
        self.ruleset = ruleset

    def known(self, hashes: Sequence[str]) -> set[str]:
        """The subset of `hashes` that has a stored check."""
        found: set[str] = set()
        for i in range(0, len(hashes), 500):
            part = hashes[i:i + 500]
            marks = ",".join("?" * len(part))
            found.update(h for (h,) in self.conn.execute(
                f"SELECT content_hash FROM checks WHERE ruleset = ? AND content_hash IN ({marks})", (self.ruleset, *part)))
        return found

    def stamps(self) -> dict[str, StoredStamp]:
        """Stamps of files whose stored check is valid for this ruleset: origin -> stamp."""
        rows = self.conn.execute(
            "SELECT s.origin, s.size, s.mtime_ns, s.date_key, s.version, s.stamped_ns, s.article_id, s.date, s.kind, "
            "s.chars, s.content_hash FROM file_stamps s JOIN checks c ON c.content_hash = s.content_hash AND c.ruleset = ?",
            (self.ruleset,))
        return {origin: StoredStamp(FileStamp(size, mtime_ns, date_key, version), stamped_ns,
                                    ArticleMeta(origin, FILE_LINE, article_id, None, day, kind, chars, content_hash,
                                                FileStamp(size, mtime_ns, date_key, version)))
                for origin, size, mtime_ns, date_key, version, stamped_ns, article_id, day, kind, chars, content_hash in rows}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
