"""Readers: files and streams -> Documents. READERS maps a suffix to a reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document, mask

if TYPE_CHECKING:
    from ..exclude import ExcludeSettings
from ..errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024


def decode(raw: bytes, name: str) -> str:
    """Bytes -> text; binary or non-UTF-8 input is an InputError naming the file."""
    if b"\x00" in raw[:8192]:
        raise InputError(name, "looks like a binary file (NUL bytes); not checked")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(name, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); not checked", line) from None
    return text


def read_plain(path: Path, text: str) -> Document:
    """Plain text: everything is lintable except `newslint:` suppression comments."""
    if "newslint" not in text:
        return Document(text, str(path), "text")
    from ..suppress import directive_ranges

    ranges = directive_ranges(text, plain=True)
    if not ranges:
        return Document(text, str(path), "text")
    keep, pos = [], 0
    for start, end, _ in ranges:
        keep.append((pos, start))
        pos = end
    keep.append((pos, len(text)))
    return Document(text, str(path), "text", mask(text, keep))


def read_markdown(path: Path, text: str) -> Document:
    """Markdown (imported lazily: markdown-it-py is loaded only for Markdown input)."""
    from .markdown import read_markdown as read

    return read(path, text)


def read_html(path: Path, text: str) -> Document:
    """HTML: visible text only."""
    from .html import read_html as read

    return read(path, text)


READERS: dict[str, Callable[[Path, str], Document]] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".mdown": read_markdown,
    ".mkd": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
}

KIND_READERS: dict[str, Callable[[Path, str], Document]] = {
    "text": read_plain,
    "markdown": read_markdown,
    "html": read_html,
}


def reread(doc: Document, text: str) -> Document:
    """The same kind of document with new text (after fixes): its reader runs again on `text`."""
    reader = KIND_READERS.get(doc.kind, read_plain)
    new = reader(Path(doc.path), text)
    return replace(new, path=doc.path, meta={**doc.meta, **new.meta},
                   article_date=new.article_date or doc.article_date)


def read_path(path: Path) -> Document:
    """Read one file into a Document (reader chosen by suffix; unknown suffixes as plain text)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(name, f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes; not checked")
        with open(path, "rb") as fh:  # bounded: a device (/dev/zero) or a growing file reports size 0
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(name, f"more than {MAX_FILE_BYTES} bytes; not checked")
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    text = decode(raw, name)
    reader = READERS.get(path.suffix.lower(), read_plain)
    return reader(path, text)


def read_stdin(raw: bytes, name: str = "<stdin>") -> Document:
    """Standard input as one document (read at most MAX_FILE_BYTES + 1 bytes of it: more is refused)."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(name, f"more than {MAX_FILE_BYTES} bytes; not checked")
    text = decode(raw, name)
    reader = READERS.get(Path(name).suffix.lower(), read_plain)
    return reader(Path(name), text)


CHECKED_SUFFIXES = tuple(READERS)


def expand_paths(paths: list[Path], settings_for: "Callable[[Path], ExcludeSettings] | None" = None) -> list[Path]:
    """Files given directly, plus files with a known suffix (.txt, .md, .html, ...) found
    recursively in folders (sorted), without what `settings_for(folder)` excludes (default:
    hidden files and folders, node_modules, __pycache__; no .gitignore)."""
    from ..exclude import walk

    return walk(paths, CHECKED_SUFFIXES, settings_for or _default_exclusion).files


def _default_exclusion(folder: Path) -> "ExcludeSettings":
    from ..exclude import DEFAULT_EXCLUDE, ExcludeSettings, PatternSet

    return ExcludeSettings((PatternSet(Path.cwd(), DEFAULT_EXCLUDE),), respect_gitignore=False)
