"""Keep the cache directory bounded: temporary files of killed writers, old entries of each kind
of cache file and files of earlier versions are removed whenever a new cache file is written."""

from __future__ import annotations

import os
import time
from pathlib import Path

STALE_TEMPORARY_S = 24 * 3600  # a writer still busy after a day was killed: its temporary file is garbage
# cache files kept per kind, newest first (a file in use has its time refreshed once a day)
KEEP = {
    "names-*.pickle": 64,  # compiled curated dictionaries, one per set of dictionary files
    "yaml/*.marshal": 512,  # parsed YAML of rule and config files
    # word tables the rules compile (a rule module's own source is part of each key: resources._cached)
    "foreign-candidates-*.pickle": 16,
    "symspell-*.pickle": 32,
    "spelling-*.pickle": 16,
}
OBSOLETE = ("lexicon-*.marshal",)  # written by earlier versions, read by none
TEMPORARY = (".tmp-*", "yaml/.tmp-*")


def touch_in_use(path: Path) -> None:
    """Mark a cache file as used (at most once a day, so a start-up rarely writes)."""
    try:
        if time.time() - path.stat().st_mtime > STALE_TEMPORARY_S:
            os.utime(path)
    except OSError:
        pass


def prune_cache(directory: Path, now: float | None = None) -> list[Path]:
    """Remove stale temporary files, files of earlier versions and all but the newest cache files
    of each kind; returns what was removed. Errors (a file another process just removed, a
    read-only cache) are ignored: pruning is housekeeping, never a failure."""
    now = time.time() if now is None else now
    removed: list[Path] = []

    def remove(path: Path) -> None:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass

    def mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return now

    for pattern in TEMPORARY:
        for path in directory.glob(pattern):
            if path.is_file() and now - mtime(path) > STALE_TEMPORARY_S:
                remove(path)
    for pattern in OBSOLETE:
        for path in directory.glob(pattern):
            remove(path)
    for pattern, keep in KEEP.items():
        files = sorted(directory.glob(pattern), key=mtime, reverse=True)
        for path in files[keep:]:
            remove(path)
    return removed
