"""Report inputs: folders of articles and JSONL/CSV archives, streamed as hashed items."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple, Union

from ..document import Document
from ..errors import NewslintError
from ..sources.archive import BadRecord, Record, is_archive, iter_records
from .options import ArchiveFields

FILE_LINE = 0  # `line` of an article that is a whole file


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Where an article comes from and what it contains (no text); one `articles` row."""

    origin: str  # absolute path of the file or archive
    line: int  # record's first line in an archive; 0 for a file
    article_id: str
    source: str | None
    date: str | None  # ISO date
    kind: str
    chars: int
    content_hash: str
    stamp: "FileStamp | None" = None  # a whole file: what it looked like on disk when it was read


class FileStamp(NamedTuple):
    """A file as it was on disk when read, and what its content hash was computed with. A file
    with the same stamp on the next run is not read again (as make, git and ruff do); a file
    changed within STAMP_RACY_NS of its stamp is always read (its mtime may not have moved)."""

    size: int
    mtime_ns: int
    date_key: str  # the default --date the hash was computed with ("" for none)
    version: str  # newslint version (readers may change what is lintable)


STAMP_RACY_NS = 2_000_000_000


class StoredStamp(NamedTuple):
    """A stamp from an earlier run: the stamp, when it was stored, and the article it gave."""

    stamp: FileStamp
    stamped_ns: int
    meta: "ArticleMeta"


@dataclass(frozen=True, slots=True)
class Article:
    """An article read from a source: its metadata and the Document to check."""

    meta: ArticleMeta
    doc: Document | None  # None: unchanged on disk since a run that checked it (not read again)
    size: int  # bytes it took in its source (for progress)


@dataclass(frozen=True, slots=True)
class BadInput:
    """An input that was skipped; one `bad_records` row."""

    origin: str
    line: int
    reason: str
    size: int = 0  # bytes it took in its source (for progress)


InputItem = Union[Article, BadInput]


def content_hash(doc: Document) -> str:
    """Hash of everything about an article that can change its findings: the text, what is lintable, the date."""
    article_date = doc.article_date
    h = hashlib.blake2b(digest_size=16)
    h.update(doc.kind.encode())
    h.update(b"\0" + (article_date.isoformat() if article_date else "").encode() + b"\0")
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    if doc.lint_text is not doc.text and doc.lint_text != doc.text:
        h.update(b"\0lint\0" + doc.lint_text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def article_suffixes() -> tuple[str, ...]:
    """File suffixes that have a reader (.txt, .md, .html, ... as registered in sources.READERS)."""
    from ..sources import READERS

    return tuple(sorted(READERS))


def _folder_files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """(path as given, absolute resolved path, path inside the folder with '/') of the article
    files under a folder, recursively, in a stable order, skipping hidden entries. Plain strings:
    a Path per file costs more than the stat of a cached re-run."""
    given = str(folder)
    resolved = str(folder.resolve())
    for root, dirs, files in os.walk(given):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        inside = root[len(given):].strip(os.sep)
        real_root = os.path.join(resolved, inside) if inside else resolved
        prefix = inside.replace(os.sep, "/") + "/" if inside else ""
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in suffixes:
                yield os.path.join(root, name), os.path.join(real_root, name), prefix + name


def source_size(path: Path) -> int:
    """Bytes on disk of a source (a folder: its article files), for the progress bar's total."""
    if path.is_dir():
        total = 0
        for _, real, _inside in _folder_files(path, article_suffixes()):
            try:
                total += os.stat(real).st_size
            except OSError:
                pass
        return total
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _dated(doc: Document, default: date | None) -> Document:
    """The document with the default article date when it has none of its own."""
    if default is None or doc.article_date is not None:
        return doc
    return replace(doc, article_date=default)


def _stamp_of(origin: str, default_date: date | None) -> FileStamp | None:
    from .. import __version__

    try:
        st = os.stat(origin)
    except OSError:
        return None
    return FileStamp(st.st_size, st.st_mtime_ns, default_date.isoformat() if default_date else "", __version__)


def _file_item(path: Path | str, origin: str | None = None, default_date: date | None = None, article_id: str | None = None,
               stamps: "dict[str, StoredStamp] | None" = None) -> InputItem:
    """One article file (`origin`: its absolute path, when the caller knows it already). With
    `stamps` (files an earlier run read and checked), an unchanged file is not read again."""
    from ..sources import read_path

    origin = origin or str(Path(path).resolve())
    stamp = _stamp_of(origin, default_date)
    if stamps and stamp is not None:
        stored = stamps.get(origin)
        if (stored is not None and stored.stamp == stamp and stamp.mtime_ns < stored.stamped_ns - STAMP_RACY_NS
                and stored.meta.article_id == (article_id or str(path))):
            return Article(stored.meta, None, stamp.size)
    path = Path(path)
    try:
        doc = read_path(path)
    except NewslintError as exc:
        return BadInput(origin, exc.line or FILE_LINE, exc.message, source_size(path))
    except (OSError, ValueError, RecursionError) as exc:  # a reader that failed on odd content
        return BadInput(origin, FILE_LINE, f"cannot read: {type(exc).__name__}: {exc}", source_size(path))
    own_date = doc.article_date.isoformat() if doc.article_date else None
    doc = _dated(doc, default_date)
    meta = ArticleMeta(origin, FILE_LINE, article_id or str(path), None, own_date, doc.kind, len(doc.text),
                       content_hash(doc), stamp)
    return Article(meta, doc, stamp.size if stamp is not None else len(doc.text.encode("utf-8", "surrogatepass")))


def reread(article: Article, default_date: date | None) -> InputItem:
    """An article skipped by its stamp, read after all (its stored check has gone)."""
    path = Path(article.meta.origin)
    return _file_item(path, article.meta.origin, default_date, article.meta.article_id)


def _archive_items(path: Path, fields: ArchiveFields, max_record_bytes: int, default_date: date | None = None) -> Iterator[InputItem]:
    origin = str(path.resolve())
    position = [0, 0]  # [bytes on disk read so far, bytes already reported]

    def advanced() -> int:
        step = position[0] - position[1]
        position[1] = position[0]
        return step

    def seen(offset: int) -> None:
        position[0] = offset

    try:
        for item in iter_records(path, fields.text, fields.id, fields.date, fields.source,
                                 max_record_bytes=max_record_bytes, progress=seen):
            if isinstance(item, BadRecord):
                yield BadInput(origin, item.line, item.reason, advanced())
                continue
            doc = _dated(item.to_document(str(path)), default_date)
            meta = ArticleMeta(origin, item.line, item.id, item.source, item.date.isoformat() if item.date else None,
                               doc.kind, len(doc.text), content_hash(doc))
            yield Article(meta, doc, advanced())
    except NewslintError as exc:
        yield BadInput(origin, exc.line or FILE_LINE, exc.message, source_size(path))


def iter_inputs(sources: list[Path], fields: ArchiveFields, max_record_bytes: int,
                default_date: date | None = None, stamps: "dict[str, StoredStamp] | None" = None) -> Iterator[InputItem]:
    """Every article and bad input of the sources, in order: folders recursively, archives record
    by record. Files whose stamp is in `stamps` are yielded unread (Article.doc is None)."""
    suffixes = article_suffixes()
    for source in sources:
        if source.is_dir():
            label = source.resolve().name or str(source)
            for path, origin, inside in _folder_files(source, suffixes):
                # the id names the file inside the folder given: "news/2024/a.txt" for folder "news"
                yield _file_item(path, origin, default_date, f"{label}/{inside}", stamps)
        elif is_archive(source):
            yield from _archive_items(source, fields, max_record_bytes, default_date)
        else:
            yield _file_item(source, None, default_date, None, stamps)
