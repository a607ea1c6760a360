"""Streaming readers for article archives: JSON Lines and CSV, optionally gzipped.

`iter_records()` yields one `Record` per article or one `BadRecord` per record that cannot be
used (invalid JSON, missing text field, undecodable or binary text, oversize record). It reads
line by line with a bounded buffer, so neither the archive nor one huge line is held in memory.
Only a file that cannot be opened at all raises `InputError`; damage inside the file (including
a truncated gzip stream) becomes a `BadRecord` and never stops the caller.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any, Union

from ..document import Document
from ..errors import InputError

MAX_RECORD_BYTES = 5 * 1024 * 1024
"""Default size limit of one record (a news article is rarely above 100 kB)."""

_READ_CHUNK = 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)


@dataclass(frozen=True, slots=True)
class Record:
    """One article from an archive. `line` is the 1-based line where the record starts."""

    id: str
    text: str
    date: date | None
    source: str | None
    line: int
    # the date field holds something that is not a date (why; not part of the record's identity)
    date_error: str | None = field(default=None, compare=False)

    def to_document(self, archive: str) -> Document:
        """A Document for the engine; the path names the archive and the record's line."""
        meta = {"id": self.id}
        if self.source is not None:
            meta["source"] = self.source
        return Document(self.text, f"{archive}:{self.line}", "text", article_date=self.date, meta=meta)


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that was skipped, and why."""

    line: int
    reason: str


ArchiveItem = Union[Record, BadRecord]


def archive_format(path: Path | str) -> str | None:
    """'jsonl' or 'csv' when the name looks like an archive (optionally .gz), else None."""
    name = os.path.basename(os.fspath(path).rstrip("/" + os.sep)).lower()  # no Path: called per file of a batch
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    return None


def is_archive(path: Path | str) -> bool:
    """True for .jsonl/.ndjson/.csv files, gzipped or not."""
    return archive_format(path) is not None


def iter_records(
    path: Path | str,
    text_field: str = "text",
    id_field: str | None = None,
    date_field: str | None = None,
    source_field: str | None = None,
    *,
    max_record_bytes: int = MAX_RECORD_BYTES,
    progress: Callable[[int], None] | None = None,
) -> Iterator[ArchiveItem]:
    """Stream the records of a .jsonl/.ndjson/.csv archive (optionally .gz).

    Without `id_field` (or when a record lacks it) the id is "<path>:<line>".
    `progress`, when given, is called after each item with the bytes of the file on disk
    read so far (compressed bytes for .gz), for progress bars.
    Raises InputError (on the first `next()`) only when the file cannot be opened.
    """
    path = Path(path)
    fmt = archive_format(path)
    if fmt is None:
        raise InputError(str(path), "not an archive (expected .jsonl, .ndjson or .csv, optionally .gz)")
    fields = _Fields(text_field, id_field, date_field, source_field, str(path))
    raw, binary = _open_binary(path)
    try:
        items = _iter_jsonl(binary, fields, max_record_bytes) if fmt == "jsonl" else _iter_csv(binary, fields, max_record_bytes)
        if progress is None:
            yield from items
        else:
            for item in items:
                yield item
                progress(raw.tell())
    finally:
        binary.close()
        raw.close()


def _open_binary(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """(the file on disk, the stream of its decompressed bytes)."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(name, "is a directory")
        raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by iter_records
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if path.name.lower().endswith(".gz"):
        return raw, gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw, raw


@dataclass(frozen=True)
class _Fields:
    text: str
    id: str | None
    date: str | None
    source: str | None
    archive: str


def _lookup(obj: dict[str, Any], key: str) -> Any:
    """obj[key], or a dotted path into nested objects ("meta.date"); KeyError when absent."""
    if key in obj:
        return obj[key]
    if "." in key:
        cur: Any = obj
        for part in key.split("."):
            if not isinstance(cur, dict) or part not in cur:
                raise KeyError(key)
            cur = cur[part]
        return cur
    raise KeyError(key)


def parse_date(value: Any) -> date | None:
    """An ISO date or datetime (string or epoch seconds) -> date; None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _text_problem(text: str) -> str | None:
    """Why an article text cannot be checked (binary, undecodable), or None."""
    if "\x00" in text:
        return "binary text (NUL characters); not checked"
    if _SURROGATE.search(text):
        return "text is not valid UTF-8 (undecodable bytes or lone surrogates); not checked"
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 20):
        return "binary text (many control characters); not checked"
    return None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
    return text if not _SURROGATE.search(text) else text.encode("utf-8", "replace").decode("utf-8")


def _make_record(get: Any, fields: _Fields, line: int, keys: list[str] | None = None) -> ArchiveItem:
    """Build a Record from a field getter (raises KeyError for missing fields); `keys`: the
    record's fields, named when the text field is missing."""
    try:
        text = get(fields.text)
    except KeyError:
        has = f" (the record has: {_shown_keys(keys)})" if keys is not None else ""
        return BadRecord(line, f"missing text field '{fields.text}'{has}")
    if not isinstance(text, str):
        return BadRecord(line, f"text field '{fields.text}' is {type(text).__name__ if text is not None else 'null'}, not a string")
    problem = _text_problem(text)
    if problem:
        return BadRecord(line, problem)
    record_id = None
    if fields.id:
        try:
            record_id = _optional_str(get(fields.id))
        except KeyError:
            record_id = None
    if not record_id:
        record_id = f"{fields.archive}:{line}"
    when = None
    date_error = None
    if fields.date:
        try:
            raw_date = get(fields.date)
        except KeyError:
            raw_date = None
        when = parse_date(raw_date)
        if when is None and raw_date not in (None, ""):
            shown = repr(raw_date) if len(repr(raw_date)) <= 60 else repr(raw_date)[:57] + "..."
            date_error = (f"date field '{fields.date}' is {shown}, not a date (ISO date or datetime, "
                          "or epoch seconds); checked without a date")
    source = None
    if fields.source:
        try:
            source = _optional_str(get(fields.source)) or None
        except KeyError:
            source = None
    return Record(record_id, text, when, source, line, date_error)


def _shown_keys(keys: list[str], limit: int = 12) -> str:
    shown = ", ".join(str(k)[:40] for k in keys[:limit])
    return (shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")) or "no fields"


def sample_fields(path: Path | str, records: int = 5) -> list[str]:
    """Field names (JSON Lines: keys of the first `records` objects, nested objects as dotted
    paths one level down; CSV: the header) of an archive, for 'which field holds the text?'
    messages. Empty when the file cannot be read."""
    path = Path(path)
    fmt = archive_format(path)
    seen: dict[str, None] = {}
    try:
        raw, binary = _open_binary(path)
    except InputError:
        return []
    try:
        if fmt == "csv":
            for _line, text, _size in _csv_records(binary, MAX_RECORD_BYTES):
                if text is not None and text.strip():
                    row = next(csv.reader(io.StringIO(text, newline="")), [])
                    return [h.lstrip("\ufeff").strip() for h in row]
            return []
        objects = 0
        for _line, line, _size, _quotes in _read_lines(binary, MAX_RECORD_BYTES):
            if line is None or not line.strip():
                continue
            try:
                obj = json.loads(line.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                continue
            if isinstance(obj, dict):
                for key, value in obj.items():
                    seen[str(key)] = None
                    if isinstance(value, dict):
                        seen.update((f"{key}.{sub}", None) for sub in value)
                objects += 1
                if objects >= records:
                    break
    except (EOFError, OSError, zlib.error, csv.Error):
        pass
    finally:
        binary.close()
        raw.close()
    return list(seen)


def _read_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int, int]]:
    """(line number, the line or None when it is longer than `limit`, its size, its '"' count) per physical line.

    An oversize line is skipped in bounded chunks rather than read whole.
    """
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            yield number, chunk, len(chunk), -1
            continue
        size = len(chunk)
        quotes = chunk.count(b'"')
        while not chunk.endswith(b"\n"):
            chunk = stream.readline(_READ_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            quotes += chunk.count(b'"')
        yield number, None, size, quotes


def _damaged(exc: BaseException) -> str:
    return f"archive is truncated or corrupt ({type(exc).__name__}: {exc}); the rest of the file was not read"


def _iter_jsonl(stream: IO[bytes], fields: _Fields, limit: int) -> Iterator[ArchiveItem]:
    line = 0
    try:
        for line, raw, size, _ in _read_lines(stream, limit):
            if raw is None:
                yield BadRecord(line, f"record is {size} bytes; the limit is {limit} bytes; not checked")
                continue
            if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                decoded = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadRecord(line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); not checked")
                continue
            try:
                obj = json.loads(decoded)
            except json.JSONDecodeError as exc:
                yield BadRecord(line, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            except RecursionError:
                yield BadRecord(line, "invalid JSON: nested too deeply")
                continue
            if not isinstance(obj, dict):
                yield BadRecord(line, f"not a JSON object (got {type(obj).__name__})")
                continue
            yield _make_record(lambda key, o=obj: _lookup(o, key), fields, line, list(obj))
    except (EOFError, OSError, zlib.error) as exc:
        yield BadRecord(line + 1, _damaged(exc))


def _csv_records(stream: IO[bytes], limit: int) -> Iterator[tuple[int, str | None, int]]:
    """(start line, the record's text or None when oversize, size) for each CSV record.

    A record ends at a line break outside quotes; with the standard dialect (quote '"' doubled
    inside fields) that is where the number of quote characters seen so far is even.
    """
    start = 0
    parts: list[bytes] = []
    size = 0
    quotes = 0
    oversize = False
    for number, raw, n, skipped_quotes in _read_lines(stream, limit):
        if not parts and not oversize:
            start = number
        size += n
        if raw is None:
            oversize = True
            quotes += skipped_quotes
        else:
            quotes += raw.count(b'"')
        if not oversize:
            parts.append(raw)  # type: ignore[arg-type]
            if size > limit:
                oversize = True
                parts = []
        if quotes % 2 == 0:
            if oversize:
                yield start, None, size
            else:
                yield start, b"".join(parts).decode("utf-8", "surrogateescape"), size
            parts, size, quotes, oversize = [], 0, 0, False
    if parts or oversize:
        yield start, None if oversize else b"".join(parts).decode("utf-8", "surrogateescape"), size


def _iter_csv(stream: IO[bytes], fields: _Fields, limit: int) -> Iterator[ArchiveItem]:
    if csv.field_size_limit() < limit + 1:
        csv.field_size_limit(limit + 1)
    header: list[str] | None = None
    index: dict[str, int] = {}
    line = 0
    try:
        for line, text, size in _csv_records(stream, limit):
            if text is None:
                if header is None:
                    yield BadRecord(line, f"CSV header is over {limit} bytes; the file was not read")
                    return
                yield BadRecord(line, f"record is {size} bytes; the limit is {limit} bytes; not checked")
                continue
            if not text.strip():
                continue
            try:
                row = next(csv.reader(io.StringIO(text, newline="")))
            except (csv.Error, StopIteration) as exc:
                yield BadRecord(line, f"invalid CSV: {exc}")
                continue
            if header is None:
                header = [h.lstrip("\ufeff").strip() for h in row]
                index = {name: i for i, name in enumerate(header)}
                if fields.text not in index:
                    shown = ", ".join(header[:12]) or "(empty)"
                    yield BadRecord(line, f"no '{fields.text}' column in the CSV header (columns: {shown}); the file was not read")
                    return
                continue

            def get(key: str, row: list[str] = row) -> str:
                i = index.get(key)
                if i is None or i >= len(row):
                    raise KeyError(key)
                return row[i]

            yield _make_record(get, fields, line)
    except (EOFError, OSError, zlib.error) as exc:
        yield BadRecord(line + 1, _damaged(exc))
