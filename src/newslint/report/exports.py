"""findings.csv and findings.parquet for analysts: one row per finding per article, streamed from the database."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .store import DB_NAME, connect

EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    # (column, Arrow type name) in file order
    ("article_id", "string"), ("origin", "string"), ("record_line", "int64"), ("source", "string"), ("date", "string"),
    ("rule_id", "string"), ("rule_name", "string"), ("severity", "string"), ("line", "int64"), ("column", "int64"),
    ("start", "int64"), ("end", "int64"), ("matched", "string"), ("suggestion", "string"), ("suggestions", "string"),
    ("fix_safe", "bool"), ("message", "string"), ("context_before", "string"), ("context_after", "string"),
    ("words", "int64"), ("content_hash", "string"),
)
_SELECT = """
SELECT a.article_id, a.origin, a.line, a.source, a.date, f.rule_id, f.rule_name, f.severity, f.line, f.col,
       f.start, f."end", f.matched, f.suggestion, f.suggestions, f.fix_safe, f.message, f.context_before, f.context_after,
       c.words, a.content_hash
FROM articles a
JOIN checks c ON c.content_hash = a.content_hash AND c.ruleset = a.ruleset
JOIN findings f ON f.content_hash = a.content_hash AND f.ruleset = a.ruleset
WHERE a.run_id = ?
ORDER BY a.origin, a.line, f.seq
"""
BATCH = 20_000


def _batches(db: Path, run_id: int) -> Iterator[list[tuple[Any, ...]]]:
    conn = connect(db, readonly=True)
    try:
        cur = conn.execute(_SELECT, (run_id,))
        while True:
            rows = cur.fetchmany(BATCH)
            if not rows:
                return
            yield rows
    finally:
        conn.close()


def write_csv(out: Path, run_id: int) -> Path:
    """out/findings.csv (UTF-8, header row, RFC 4180 quoting)."""
    target = out / "findings.csv"
    tmp = out / ".findings.csv.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([name for name, _ in EXPORT_COLUMNS])
        for rows in _batches(out / DB_NAME, run_id):
            writer.writerows(rows)
    tmp.replace(target)
    return target


def write_parquet(out: Path, run_id: int) -> Path | None:
    """out/findings.parquet, written in row groups (None when pyarrow is not installed)."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        return None
    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in EXPORT_COLUMNS])
    target = out / "findings.parquet"
    tmp = out / ".findings.parquet.tmp"
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        wrote = False
        for rows in _batches(out / DB_NAME, run_id):
            columns = list(zip(*rows))
            arrays = [pa.array([bool(v) for v in col] if kind == "bool" else col, type=types[kind])
                      for col, (_, kind) in zip(columns, EXPORT_COLUMNS)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())
    tmp.replace(target)
    return target


def write_exports(out: Path, run_id: int) -> list[Path]:
    """Both exports; the Parquet file only when pyarrow is available."""
    files = [write_csv(out, run_id)]
    parquet = write_parquet(out, run_id)
    if parquet is not None:
        files.append(parquet)
    return files
