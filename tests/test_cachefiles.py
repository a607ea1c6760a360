"""The cache directory stays bounded: stale temporary files of killed writers, files of earlier
versions and all but the newest cache files of each kind are removed when a cache file is written."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newslint import Linter
from newslint.cachefiles import KEEP, STALE_TEMPORARY_S, prune_cache


def make(path: Path, age_s: float, now: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    os.utime(path, (now - age_s, now - age_s))
    return path


def test_stale_temporary_files_go_and_fresh_ones_stay(tmp_path: Path) -> None:
    now = time.time()
    killed = make(tmp_path / ".tmp-bigindex-abc.sqlite", STALE_TEMPORARY_S + 60, now)
    killed_stage = make(tmp_path / ".tmp-bigindex-abc.sqlite-stage", STALE_TEMPORARY_S + 60, now)
    busy = make(tmp_path / ".tmp-bigindex-def.sqlite", 60, now)  # a build running now
    index = make(tmp_path / "bigindex-0123.sqlite", STALE_TEMPORARY_S * 30, now)
    removed = prune_cache(tmp_path, now)
    assert sorted(removed) == sorted([killed, killed_stage])
    assert busy.exists() and index.exists()


def test_only_the_newest_files_of_a_kind_are_kept(tmp_path: Path) -> None:
    now = time.time()
    keep = KEEP["names-*.pickle"]
    files = [make(tmp_path / f"names-{i:04d}.pickle", age_s=i * 10, now=now) for i in range(keep + 5)]
    obsolete = make(tmp_path / "lexicon-aaaa.marshal", 10, now)
    removed = prune_cache(tmp_path, now)
    assert sorted(removed) == sorted(files[keep:] + [obsolete])
    assert all(f.exists() for f in files[:keep])


def test_a_new_dictionary_set_prunes_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing a compiled dictionary is what triggers pruning, through the public API."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(cache))
    now = time.time()
    stale = make(cache / ".tmp-names.pickle", STALE_TEMPORARY_S + 60, now)
    desk = tmp_path / "desk.yaml"
    desk.write_text("entries:\n  - {id: person:amaru-quispe, kind: person, canonical: Amaru Quispe}\n", encoding="utf-8")
    linter = Linter(select=["NL101"], dictionary_paths=[desk], big_names=False)
    assert linter.check_text("Amaru Quispe spoke.") == []
    assert not stale.exists()
    assert list(cache.glob("names-*.pickle"))
