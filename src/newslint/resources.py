"""Shared data for rules: built-in rule folder, dictionaries, word lists; compiled once and cached."""

from __future__ import annotations

import gc
import hashlib
import mmap
import os
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property, lru_cache
from importlib import resources as importlib_resources
from pathlib import Path

from . import __version__
from .cachefiles import prune_cache, touch_in_use
from .yamlutil import write_cache_file
from .dictionaries import INDEX_FORMAT, Dictionary, NameIndex, NameSource, load_dictionary, merge

DICTIONARY_SUFFIXES = (".yaml", ".yml", ".csv", ".jsonl", ".ndjson")
# compact open-data name lists compiled into the disk-backed big index (newslint.bigindex)
BIG_NAME_FILES = ("people_lists.tsv.gz", "places_geonames.tsv.gz", "people_titles.txt.gz")
BIG_SUFFIXES = (".tsv", ".tsv.gz", ".txt.gz")


def big_names_default() -> bool:
    """Whether the big open-data name index is used when a caller does not say:
    $NEWSLINT_BIG_NAMES (1/0), else on."""
    env = os.environ.get("NEWSLINT_BIG_NAMES", "").strip().lower()
    if env in ("0", "off", "no", "false"):
        return False
    return True


def builtin_rules_dir() -> Path:
    """The shipped rules/ folder: inside the installed package, or the checkout's top level."""
    packaged = Path(str(importlib_resources.files("newslint"))) / "_rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("newslint's built-in rules folder is missing from the installation")


def cache_dir() -> Path | None:
    """Where compiled indexes are cached ($NEWSLINT_CACHE_DIR, $XDG_CACHE_HOME/newslint, ~/.cache/newslint);
    None when caching is switched off (NEWSLINT_CACHE_DIR=off)."""
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


# modules whose code shapes the cached curated NameIndex and its tables (dictionaries.DERIVED_TABLES):
# their source is part of its cache key, so a changed module rebuilds it
INDEX_CODE = ("dictionaries.py", "romanise.py", "textutil.py", "roles.py", "yamlutil.py", "calques.py", "errors.py",
              "bigindex.py", "composite.py", "rules/kinds/names.py", "rules/kinds/name_context.py", "rules/kinds/titles.py")


def index_code() -> list[str]:
    """Source files of INDEX_CODE in this installation (those that exist)."""
    here = Path(__file__).resolve().parent
    return [str(here / name) for name in INDEX_CODE if (here / name).is_file()]


@lru_cache(maxsize=None)
def _source_digest(path: str) -> bytes:
    """sha256 of a module's source file (b"" when it cannot be read: a zip or bytecode-only install,
    where the version alone keys the cache)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return b""


LOAD_AFTER_SEARCHES = 8_000  # distinct keys searched before a table is read whole


class SortedTable:
    """Look up `key<TAB>numbers` lines of a file sorted by key, by binary search over a memory
    map: nothing is loaded at start-up, each key costs a few dozen byte comparisons once. After
    LOAD_AFTER_SEARCHES distinct keys (a batch run) the table is read whole into a dictionary."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - kept open for the map's lifetime
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        self._start = self._map.find(b"\n") + 1 if self._map[:1] == b"#" else 0
        self._memo: dict[str, tuple[int, ...]] = {}
        self._searches = 0
        self._loaded: dict[str, bytes] | None = None  # the whole table, once many keys were asked

    def __getstate__(self) -> dict[str, object]:
        raise TypeError("SortedTable is not picklable; rebuild it from its file")

    def get(self, key: str) -> tuple[int, ...]:
        """The numbers stored for `key`, or () when absent."""
        found = self._memo.get(key)
        if found is not None:
            return found
        if self._loaded is not None:
            raw = self._loaded.get(key)
            result = tuple(int(x) for x in raw.split(b"\t")) if raw else ()
        else:
            self._searches += 1
            if self._searches == LOAD_AFTER_SEARCHES:
                self._load()
            result = self._search(key)
        if len(self._memo) > 500_000:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _load(self) -> None:
        """Read the whole table into a dictionary: a batch of many articles asks for so many
        keys that one read (~0.1 s) costs less than the binary searches."""
        data = self._map[self._start:]
        loaded: dict[str, bytes] = {}
        for line in data.split(b"\n"):
            word, tab, numbers = line.partition(b"\t")
            if word or tab:
                loaded[word.decode("utf-8")] = numbers
        self._loaded = loaded

    def _search(self, key: str) -> tuple[int, ...]:
        """Binary search of the memory map for `key`."""
        target = key.encode("utf-8")
        data = self._map
        lo, hi = self._start, len(data)
        result: tuple[int, ...] = ()
        while lo < hi:
            mid = (lo + hi) // 2
            line_start = data.rfind(b"\n", lo, mid) + 1 if mid > lo else lo
            if line_start < lo:
                line_start = lo
            line_end = data.find(b"\n", line_start)
            if line_end == -1:
                line_end = len(data)
            tab = data.find(b"\t", line_start, line_end)
            word = data[line_start:tab if tab != -1 else line_end]
            if word == target:
                result = tuple(int(x) for x in data[tab + 1:line_end].split(b"\t")) if tab != -1 else ()
                break
            if word < target:
                lo = line_end + 1
            else:
                hi = line_start
        return result


class Lexicon:
    """Word frequencies and name-token counts used to guard fuzzy matches."""

    def __init__(self, english: SortedTable, name_tokens: SortedTable) -> None:
        self.english = english
        self.name_tokens = name_tokens
        self._zipf: dict[str, float] = {}

    def zipf(self, folded_word: str) -> float:
        """Zipf frequency of an English word (0 when unknown)."""
        found = self._zipf.get(folded_word)
        if found is None:
            row = self.english.get(folded_word)
            found = row[0] / 100.0 if row else 0.0
            if len(self._zipf) > 500_000:
                self._zipf.clear()
            self._zipf[folded_word] = found
        return found

    def given_count(self, folded_token: str) -> int:
        """How many biography titles start with this token."""
        found = self.name_tokens.get(folded_token)
        return found[0] if found else 0

    def surname_count(self, folded_token: str) -> int:
        """How many biography titles end with this token."""
        found = self.name_tokens.get(folded_token)
        return found[1] if found else 0


FREEZE_LOADED = False
"""Set by the command line (a process that ends after its inputs): what is unpickled from the cache
is then moved to the collector's permanent generation (gc.freeze) once loaded, so no collection of
the run walks it (about 40 ms of a one-file check). A library user's process keeps collecting it."""


@contextmanager
def _no_gc() -> Iterator[None]:
    """Garbage collection paused while a big cached index is unpickled: the hundreds of thousands
    of objects it creates would otherwise set off many collections that find nothing to free
    (the curated index loads in less than half the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if FREEZE_LOADED:
            gc.freeze()
        if enabled:
            gc.enable()


class Resources:
    """Dictionaries and word lists for one configuration, built lazily and cached on disk."""

    def __init__(self, dictionary_paths: list[Path] | None = None, use_builtin: bool = True, cache: bool = True,
                 big_names: bool | None = None) -> None:
        self.extra_paths = [Path(p) for p in (dictionary_paths or [])]
        self.use_builtin = use_builtin
        self.cache = cache
        self.big_names = big_names_default() if big_names is None else big_names

    def big_name_files(self) -> list[Path]:
        """Sources of the big index: the shipped open-data lists, then the user's .tsv(.gz)/.txt.gz lists."""
        files: list[Path] = []
        if self.use_builtin:
            base = builtin_rules_dir() / "dictionaries"
            files += [base / n for n in BIG_NAME_FILES if (base / n).is_file()]
        for p in self.extra_paths:
            if p.is_dir():
                files += sorted(q for q in p.iterdir() if q.name.endswith(BIG_SUFFIXES))
            elif p.name.endswith(BIG_SUFFIXES):
                files.append(p)
        return files

    def dictionary_files(self) -> list[Path]:
        """Every dictionary file in load order: built-in first, then the user's."""
        files: list[Path] = []
        if self.use_builtin:
            files += sorted(p for p in (builtin_rules_dir() / "dictionaries").iterdir()
                            if p.suffix in DICTIONARY_SUFFIXES)
        for p in self.extra_paths:
            if p.is_dir():
                files += sorted(q for q in p.iterdir() if q.suffix in DICTIONARY_SUFFIXES)
            elif not p.name.endswith(BIG_SUFFIXES):
                files.append(p)
        return files

    def _word_files(self) -> list[Path]:
        base = builtin_rules_dir() / "dictionaries"
        return [base / "english_words.tsv", base / "name_tokens.tsv"]

    def _fingerprint(self, files: list[Path], code: Iterable[str] = ()) -> str:
        """Key of a cached value: the version, the index format, each source file's path and
        content (size and time only for files of 64 MB or more), and the source of the modules
        whose code built the value (a changed module rebuilds it even when nobody bumped a format)."""
        h = hashlib.sha256(f"{__version__}:{INDEX_FORMAT}".encode())
        for f in files:
            h.update(str(f).encode())
            st = f.stat()
            if st.st_size < 64 << 20:
                h.update(hashlib.sha256(f.read_bytes()).digest())
            else:
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        for source in code:
            h.update(_source_digest(source))
        return h.hexdigest()[:24]

    def _cached(self, name: str, files: list[Path], build, code: Iterable[str] = ()):  # type: ignore[no-untyped-def]
        """The value `build()` makes from `files`, kept in the cache folder as a pickle keyed by the
        files' content, the version and the source of `build`'s module and of the modules in `code`."""
        directory = cache_dir() if self.cache else None
        target = None
        if directory is not None:
            built_by = getattr(build, "__code__", None)
            sources = [*code, *((built_by.co_filename,) if built_by is not None else ())]
            target = directory / f"{name}-{self._fingerprint(files, sources)}.pickle"
            try:
                with open(target, "rb") as fh, _no_gc():
                    value = pickle.load(fh)
                touch_in_use(target)
                return value
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                pass
        value = build()
        if target is not None and directory is not None:
            write_cache_file(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            prune_cache(directory)
        return value

    @cached_property
    def dictionary(self) -> Dictionary:
        """All dictionaries merged (later files override entries with the same id)."""
        return self.curated_names.dictionary

    @cached_property
    def curated_names(self) -> NameIndex:
        """The compiled in-memory index of the YAML/CSV/JSONL dictionaries."""
        files = self.dictionary_files()

        def build() -> NameIndex:
            index = NameIndex(merge(load_dictionary(f) for f in files))
            if self.cache and cache_dir() is not None:
                index.make_tables()  # kept with the index: later start-ups read them
            return index

        return self._cached("names", files, build, code=index_code())  # type: ignore[no-any-return]

    @cached_property
    def names(self) -> NameSource:
        """The name index the rules use: the curated index, joined with the big open-data index
        (compiled once into the cache directory) when big_names is on."""
        from .composite import CompositeNames

        big = None
        files = self.big_name_files() if self.big_names else []
        directory = cache_dir() if self.cache else None
        if files and directory is not None:  # the compiled big index lives in the cache: none, no big names
            import sqlite3

            from .bigindex import open_or_build

            try:
                big = open_or_build(files, directory)
            except (OSError, sqlite3.Error):
                big = None  # an unwritable cache: the curated names still work
        return CompositeNames(self.curated_names, big)

    @cached_property
    def lexicon(self) -> Lexicon:
        """English word frequencies and name-token counts."""
        english, names = self._word_files()
        return Lexicon(SortedTable(english), SortedTable(names))
