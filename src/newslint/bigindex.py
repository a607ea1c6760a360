"""A disk-backed NameSource for dictionaries of a million names and more.

The compact source files (shipped in rules/dictionaries/, or a newsroom's own) are compiled
once into an SQLite database in the user cache directory, named by a hash of their content
and of FORMAT, so a changed source builds a new one. Every lookup is an indexed query:

* ``forms``: folded form -> entry (exact lookup of a span, ``exact_forms``);
* ``token_forms``: token -> multi-word forms that may be suggested (anchored near misses);
* ``tokens``: every token of every form (``is_known_token``), with how many suggestible
  forms hold it (a token shared by very many names is no anchor: ``max_anchor_forms``);
* ``deletes``: SymSpell keys (CRC-32 of each string made by deleting up to two letters) ->
  token, so ``fuzzy_tokens`` never scans;
* ``damaged``: keys of forms whose non-ASCII letters were dropped or replaced by ``?`` /
  U+FFFD ("Alberto Nez Feijo", "Fran?ois") -> the form (``damaged_forms``).

What a source can vouch for decides how a name is used (``Entry.source_weight``):
weight 1 (a bare list such as biography titles, small towns) makes a name KNOWN only — never
flagged, never suggested; weight 2 (lists with variants, large places) may be suggested.

Compact format (UTF-8, optionally gzipped; ``#`` lines are comments; first line COMPACT_MAGIC):
    kind  canonical  variants  known  country  type  weight  prominence  source
``variants`` and ``known`` are ``|``-separated; ``known`` forms are accepted but never
suggested. Also read: a plain list of names (``.txt``/``.txt.gz``, one per line, weight 1),
and the normalised people TSV of ``newslint dict build-wikidata`` (header ``name alt_names ...``;
weight 2, or 1 for rows without variants from a bare title list).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz.distance import OSA

from .cachefiles import prune_cache
from .dictionaries import CANONICAL, VARIANT, Entry, FormRef, deletes
from .textutil import fold

# this process's id, kept current across fork() without a system call per query
_PROCESS = [os.getpid()]
os.register_at_fork(after_in_child=lambda: _PROCESS.__setitem__(0, os.getpid()))

# the one empty answer shared by every cache (most lookups find nothing; a long-lived empty list
# each would be walked by every full garbage collection): callers never change answers
NO_FORMS: list[FormRef] = []

FORMAT = 7  # bump when the database layout or the build rules change
COMPACT_MAGIC = "# newslint-names 1"
COMPACT_COLUMNS = ("kind", "canonical", "variants", "known", "country", "type", "weight", "prominence", "source")
BIG_OFFSET = 1_000_000_000  # entry ids of the big index start here (curated ids stay below)
TARGET_WEIGHT = 2  # forms of entries at least this weight may be suggested
# a one-word place is suggested on its own only when prominent: a country, region or continent,
# or a city of at least this population (an unknown word one edit from a town is weak evidence)
SINGLE_WORD_POPULATION = 1_000_000
SUGGEST_IN_NAME, SUGGEST_ALONE = 1, 2  # forms.target: in a multi-word window / also as one word
MAX_EDITS = 2
DAMAGE_MARK = "\ufffd"
_DAMAGE_RUN = re.compile(r"[?\ufffd]+")
_TITLE_SOURCE_PREFIXES = ("enwiki",)


@dataclass
class SourceEntry:
    """One entry as read from a source file, before indexing."""

    kind: str
    canonical: str
    variants: list[str]
    known: list[str]
    country: str
    type: str
    weight: int
    prominence: int
    source: str


# -- damaged names ---------------------------------------------------------------------------
def damage_keys(form: str) -> set[str]:
    """Folded keys of `form` with every non-ASCII letter dropped, and with each run of them
    replaced by one DAMAGE_MARK (what '?' or U+FFFD look like after normalise_damaged).
    Empty for forms without non-ASCII letters."""
    text = unicodedata.normalize("NFC", form)
    if all(ord(c) < 128 or not c.isalpha() for c in text):
        return set()
    dropped = fold("".join(c for c in text if ord(c) < 128 or not c.isalpha()))
    marked = normalise_damaged(fold("".join("?" if ord(c) >= 128 and c.isalpha() else c for c in text)))
    keys = {marked}
    # dropping letters can leave a real word ("Çan" -> "an"): keep that key only when every word
    # keeps two letters or more and five letters are left in all
    if all(sum(ch.isalpha() for ch in w) >= 2 for w in dropped.split()) and sum(ch.isalpha() for ch in dropped) >= 5 \
            and len(dropped.split()) == len(text.split()):
        keys.add(dropped)
    keys.discard(fold(text))
    return keys


def normalise_damaged(key: str) -> str:
    """Runs of '?' / U+FFFD (one per lost byte or per lost letter) become one DAMAGE_MARK."""
    return _DAMAGE_RUN.sub(DAMAGE_MARK, key)


# -- reading sources ---------------------------------------------------------------------------
def _open_text(path: Path):  # type: ignore[no-untyped-def]
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def read_source(path: Path) -> Iterator[SourceEntry]:
    """Entries of one source file in any of the three formats (see the module docstring)."""
    with _open_text(path) as fh:
        first = fh.readline().rstrip("\n")
        if first.startswith(COMPACT_MAGIC):
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                p = line.rstrip("\n").split("\t")
                p += [""] * (len(COMPACT_COLUMNS) - len(p))
                yield SourceEntry(p[0] or "person", p[1].strip(), _split(p[2]), _split(p[3]), p[4], p[5],
                                  int(p[6] or 1), int(p[7] or 0), p[8] or path.name)
        elif first.split("\t")[:2] == ["name", "alt_names"]:
            col = {c: i for i, c in enumerate(first.split("\t"))}
            for line in fh:
                p = line.rstrip("\n").split("\t")
                if len(p) < len(col) or not p[0].strip():
                    continue
                alts = _split(p[col["alt_names"]])
                source = p[col["source"]] if "source" in col else path.name
                weight = 1 if (not alts and source.startswith(_TITLE_SOURCE_PREFIXES)) else TARGET_WEIGHT
                variants = [a for a in alts if not has_initial(a)]
                known = [a for a in alts if a not in variants]
                country = p[col["country"]].split("|")[0] if "country" in col else ""
                yield SourceEntry("person", p[0].strip(), variants, known, country, "", weight, 0, source)
        else:
            lines = [first] if first and not first.startswith("#") else []
            for line in (*lines, *fh):
                name = line.strip()
                if name and not name.startswith("#"):
                    yield SourceEntry("person", name, [], [], "", "", 1, 0, path.name)


def has_initial(name: str) -> bool:
    """A form with an initial ("A. Galvin", "A.S. Galvin", "Galvin A"): accepted, never suggested."""
    for t in name.split():
        letters = t.replace(".", "")
        if len(letters) <= 1 or ("." in t and len(letters) <= 3):
            return True
    return False


def file_digest(path: Path, memo: dict[str, list[object]] | None = None) -> str:
    """SHA-256 of a file's content; `memo` (path -> [size, mtime_ns, digest]) skips re-reading a
    file whose size and modification time are unchanged."""
    st = path.stat()
    known = memo.get(str(path)) if memo is not None else None
    if known is not None and known[:2] == [st.st_size, st.st_mtime_ns]:
        return str(known[2])
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    if memo is not None:
        memo[str(path)] = [st.st_size, st.st_mtime_ns, digest]
    return digest


def sources_fingerprint(paths: list[Path], memo: dict[str, list[object]] | None = None) -> str:
    """Content hash of the source files (and of FORMAT): names the compiled database."""
    h = hashlib.sha256(f"bigindex:{FORMAT}".encode())
    for p in paths:
        h.update(p.name.encode())
        h.update(file_digest(p, memo).encode())
    return h.hexdigest()[:24]


# -- building ------------------------------------------------------------------------------------
SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE entries(id INTEGER PRIMARY KEY, kind TEXT, canonical TEXT, variants TEXT, known TEXT,
    country TEXT, type TEXT, weight INTEGER, prominence INTEGER, source TEXT);
CREATE TABLE tokens(token TEXT PRIMARY KEY, anchors INTEGER, flags INTEGER) WITHOUT ROWID;
CREATE TABLE bloom(name TEXT PRIMARY KEY, bits BLOB, m INTEGER, k INTEGER);
CREATE TABLE stage.forms(key TEXT, entry INTEGER, form TEXT, rel TEXT, target INTEGER);
CREATE TABLE stage.token_forms(token TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT);
CREATE TABLE stage.deletes(dkey INTEGER, token TEXT);
CREATE TABLE stage.damaged(dkey TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT);
"""
# the final tables are clustered on their lookup key (rows of one key are neighbours on disk),
# filled from the staging tables in key order by SQLite's own sorter
FINAL = """
CREATE TABLE forms(key TEXT, entry INTEGER, form TEXT, rel TEXT, target INTEGER,
    PRIMARY KEY(key, entry, form)) WITHOUT ROWID;  -- form '' = the entry's canonical spelling
INSERT OR IGNORE INTO forms SELECT key, entry, form, rel, target FROM stage.forms ORDER BY key, entry, form, target DESC;
CREATE TABLE token_forms(token TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT,
    PRIMARY KEY(token, entry, form)) WITHOUT ROWID;
INSERT OR IGNORE INTO token_forms SELECT * FROM stage.token_forms ORDER BY token, entry, form;
CREATE TABLE deletes(dkey INTEGER, token TEXT, PRIMARY KEY(dkey, token)) WITHOUT ROWID;
INSERT OR IGNORE INTO deletes SELECT * FROM stage.deletes ORDER BY dkey, token;
CREATE TABLE damaged(dkey TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT,
    PRIMARY KEY(dkey, entry, form)) WITHOUT ROWID;
INSERT OR IGNORE INTO damaged SELECT * FROM stage.damaged ORDER BY dkey, entry, form;
"""
TOKEN_IN_TARGET, TOKEN_IN_KNOWN = 1, 2
BLOOM_BITS_PER_KEY, BLOOM_HASHES = 12, 4


def is_acronym(form: str) -> bool:
    """All-capital one-word forms (matched case-sensitively by the curated index): not stored here."""
    return len(form) <= 12 and form.isupper() and " " not in form


def form_key(form: str) -> str:
    """The folded key a form is stored under (dots dropped: U.S. = US); same as fold() but
    faster for ASCII text, which is most of a big dictionary."""
    if form.isascii():
        key = " ".join(form.replace("`", "'").casefold().split())
    else:
        key = fold(form)
    return key.replace(".", "") if "." in key else key


def _delete_keys(token: str) -> set[int]:
    return {zlib.crc32(d.encode()) for d in deletes(token, MAX_EDITS)}


def _bloom_positions(key: str, m: int, k: int) -> Iterator[int]:
    data = key.encode()
    h1, h2 = zlib.crc32(data), zlib.adler32(data) | 1
    for i in range(k):
        yield (h1 + i * h2) % m


def _suggest_level(se: SourceEntry, n_tokens: int, suggestible: bool) -> int:
    """forms.target: 0 known only, SUGGEST_IN_NAME, or SUGGEST_ALONE (see SINGLE_WORD_POPULATION)."""
    if not suggestible or se.weight < TARGET_WEIGHT:
        return 0
    alone = n_tokens > 1 or se.kind != "place" or se.type in ("country", "region", "continent") \
        or se.prominence >= SINGLE_WORD_POPULATION
    return SUGGEST_ALONE if alone else SUGGEST_IN_NAME


def build_database(paths: list[Path], target: Path) -> dict[str, int]:
    """Compile the source files into an SQLite database at `target` (written atomically), streaming
    rows in batches so memory stays small. A later entry whose canonical key repeats an earlier
    entry of the same kind is merged into it (first canonical spelling kept, higher weight wins)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-bigindex-", suffix=".sqlite")
    os.close(fd)
    stage = tmp + "-stage"
    try:
        con = sqlite3.connect(tmp)
        con.execute("ATTACH DATABASE ? AS stage", (stage,))
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA stage.journal_mode=OFF; PRAGMA synchronous=OFF; "
                          "PRAGMA stage.synchronous=OFF; PRAGMA cache_size=-65536;" + SCHEMA)
        stats = _fill(con, paths)
        con.commit()
        con.executescript(FINAL)
        con.commit()
        con.execute("DETACH DATABASE stage")
        _fill_bloom(con, "forms", "SELECT DISTINCT key FROM forms", stats["forms"])
        _fill_bloom(con, "damaged", "SELECT DISTINCT dkey FROM damaged", stats["damaged"])
        _fill_bloom(con, "tokens", "SELECT token FROM tokens", stats["tokens"])
        con.executemany("INSERT INTO meta VALUES (?,?)", [("format", str(FORMAT)), *((k, str(v)) for k, v in stats.items())])
        con.commit()
        con.close()
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, stage):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return stats


def _fill_bloom(con: sqlite3.Connection, name: str, keys_sql: str, n_keys: int) -> None:
    m = max(1 << 13, n_keys * BLOOM_BITS_PER_KEY)
    bits = bytearray((m + 7) // 8)
    for (key,) in con.execute(keys_sql):
        for pos in _bloom_positions(key, m, BLOOM_HASHES):
            bits[pos >> 3] |= 1 << (pos & 7)
    con.execute("INSERT INTO bloom VALUES (?,?,?,?)", (name, bytes(bits), m, BLOOM_HASHES))


def _fill(con: sqlite3.Connection, paths: list[Path]) -> dict[str, int]:
    by_ckey: dict[str, int] = {}
    tokens: dict[str, list[int]] = {}
    merges: list[tuple[int, SourceEntry]] = []
    bufs: dict[str, list[tuple[object, ...]]] = {"entries": [], "forms": [], "token_forms": [], "damaged": []}
    counts = dict.fromkeys(bufs, 0)
    widths = {"entries": 10, "forms": 5, "token_forms": 5, "damaged": 5}

    def flush(force: bool = False) -> None:
        for table, rows in bufs.items():
            if rows and (force or len(rows) >= 50_000):
                where = table if table == "entries" else f"stage.{table}"
                con.executemany(f"INSERT INTO {where} VALUES ({','.join('?' * widths[table])})", rows)
                counts[table] += len(rows)
                rows.clear()

    n_entries = 0
    for path in paths:
        for se in read_source(path):
            if not se.canonical or is_acronym(se.canonical):
                continue
            ckey = form_key(se.canonical)
            if not ckey:
                continue
            slot_key = se.kind + "\t" + ckey
            eid = by_ckey.get(slot_key)
            merged = eid is not None
            if eid is None:
                n_entries += 1
                eid = by_ckey[slot_key] = n_entries
                bufs["entries"].append((eid, se.kind, se.canonical, "|".join(se.variants), "|".join(se.known),
                                        se.country, se.type, se.weight, se.prominence, se.source))
            else:
                merges.append((eid, se))
            seen: set[str] = set()
            for form, rel, suggestible in ((se.canonical, CANONICAL, True),
                                           *((v, VARIANT, True) for v in se.variants),
                                           *((k, VARIANT, False) for k in se.known)):
                if form in seen or is_acronym(form):
                    continue
                seen.add(form)
                key = form_key(form)
                if not key:
                    continue
                toks = key.split()
                level = _suggest_level(se, len(toks), suggestible)
                stored = "" if rel == CANONICAL and not merged else form
                bufs["forms"].append((key, eid, stored, VARIANT if merged else rel, level))
                for t in set(toks):
                    slot = tokens.get(t)
                    if slot is None:
                        slot = tokens[t] = [0, 0]
                    slot[1] |= TOKEN_IN_TARGET if level else TOKEN_IN_KNOWN
                    if level and len(toks) > 1:
                        slot[0] += 1
                        bufs["token_forms"].append((t, eid, form, rel, key))
                if not form.isascii():
                    for dkey in damage_keys(form):
                        bufs["damaged"].append((dkey, eid, form, rel, key))
            flush()
    flush(force=True)
    for eid, se in merges:  # rare: the same name in two sources
        variants, known, weight, prominence = con.execute(
            "SELECT variants, known, weight, prominence FROM entries WHERE id = ?", (eid,)).fetchone()
        con.execute("UPDATE entries SET variants = ?, known = ?, weight = ?, prominence = ? WHERE id = ?",
                    ("|".join(dict.fromkeys([*_split(variants), *se.variants])),
                     "|".join(dict.fromkeys([*_split(known), *se.known])),
                     max(weight, se.weight), max(prominence, se.prominence), eid))
    del by_ckey
    con.executemany("INSERT INTO tokens VALUES (?,?,?)", sorted((t, a, f) for t, (a, f) in tokens.items()))
    n_deletes = 0
    batch: list[tuple[int, str]] = []
    for t, (_, flags) in tokens.items():
        if flags & TOKEN_IN_TARGET and len(t) >= 4 and t.isalpha():
            batch.extend((d, t) for d in _delete_keys(t))
            if len(batch) >= 100_000:
                con.executemany("INSERT INTO stage.deletes VALUES (?,?)", batch)
                n_deletes += len(batch)
                batch.clear()
    con.executemany("INSERT INTO stage.deletes VALUES (?,?)", batch)
    n_deletes += len(batch)
    n_tokens = len(tokens)
    del tokens
    return {"entries": n_entries, "forms": counts["forms"], "tokens": n_tokens, "token_forms": counts["token_forms"],
            "deletes": n_deletes, "damaged": counts["damaged"]}


def compiled_path(paths: list[Path], directory: Path) -> Path:
    """Where the database for these sources lives in a cache directory. The content digests are
    remembered by size and mtime in the directory (bigindex-sources.json), so a start-up does not
    re-read megabytes of unchanged lists."""
    memo_file = directory / "bigindex-sources.json"
    try:
        memo = json.loads(memo_file.read_text(encoding="utf-8"))
        if not isinstance(memo, dict):
            memo = {}
    except (OSError, ValueError):
        memo = {}
    before = json.dumps(memo, sort_keys=True)
    name = f"bigindex-{sources_fingerprint(paths, memo)}.sqlite"
    if json.dumps(memo, sort_keys=True) != before:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-memo-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(memo, fh)
            os.replace(tmp, memo_file)
        except OSError:
            pass
    return directory / name


KEEP_BUILDS = 3  # compiled indexes kept per cache directory (other source sets), newest first


def open_or_build(paths: list[Path], directory: Path, **options: Any) -> BigIndex:
    """The compiled index of `paths`, built into `directory` when it is missing or stale."""
    target = compiled_path(paths, directory)
    if not target.exists():
        prune_cache(directory)  # temporary files of builds that were killed (~150 MB each)
        build_database(paths, target)
        builds = sorted(directory.glob("bigindex-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in builds[KEEP_BUILDS:]:  # builds of sources that changed since
            try:
                old.unlink()
            except OSError:
                pass
    return BigIndex(target, **options)


# -- querying ------------------------------------------------------------------------------------
_ENTRY_COLUMNS = "e.id, e.kind, e.canonical, e.variants, e.known, e.country, e.type, e.weight, e.prominence, e.source"


class BigIndex:
    """NameSource over a compiled database. Entry ids are BIG_OFFSET + row id. Queries that find
    forms fetch their entries in the same statement, and a Bloom filter (loaded at open, about
    1.5 bytes per form) answers most misses without touching the database."""

    def __init__(self, path: Path, max_anchor_forms: int = 20, title_tokens_known: bool = True,
                 offset: int = BIG_OFFSET) -> None:
        self.path = Path(path)
        self.offset = offset
        self.max_anchor_forms = max_anchor_forms
        self.token_mask = TOKEN_IN_TARGET | (TOKEN_IN_KNOWN if title_tokens_known else 0)
        self.run_cache: dict[object, object] = {}
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self._bloom: dict[str, tuple[bytes, int, int]] = {}
        self._reset_caches()

    def _reset_caches(self) -> None:
        self._entries: dict[int, Entry] = {}
        self._flags: dict[str, tuple[int, int]] = {}
        self._fuzzy: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._with_token: dict[str, list[FormRef]] = {}
        self._exact: dict[tuple[str, bool], list[FormRef]] = {}
        self._prefixes: dict[tuple[str, int], list[str] | None] = {}
        self._longest: int | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.update(_con=None, _pid=-1, _bloom={}, _entries={}, _flags={}, _fuzzy={}, _with_token={},
                     _exact={}, _prefixes={}, run_cache={})
        return state

    @property
    def con(self) -> sqlite3.Connection:
        """A read-only connection, reopened after a fork (worker processes)."""
        if self._con is None or self._pid != _PROCESS[0]:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # memory-mapped reads (no read() per page) and a page cache for the hot index pages
            self._con.execute("PRAGMA mmap_size = 1073741824")
            self._con.execute("PRAGMA cache_size = -32768")
            self._pid = _PROCESS[0]
        return self._con

    def longest_token(self) -> int:
        """Length of the longest token in the index (one scan, then remembered)."""
        if self._longest is None:
            self._longest = int(self.con.execute("SELECT max(length(token)) FROM tokens").fetchone()[0] or 0)
        return self._longest

    def stats(self) -> dict[str, int]:
        """Row counts recorded at build time."""
        return {k: int(v) for k, v in self.con.execute("SELECT k, v FROM meta WHERE k != 'format'")}

    def may_hold(self, key: str, table: str = "forms") -> bool:
        """False when no form (or damage key, table="damaged"; token, table="tokens") has this
        key (a Bloom filter: no false negatives)."""
        filt = self._bloom.get(table)
        if filt is None:
            row = self.con.execute("SELECT bits, m, k FROM bloom WHERE name = ?", (table,)).fetchone()
            filt = self._bloom[table] = (bytes(row[0]), int(row[1]), int(row[2]))
        bits, m, k = filt
        data = key.encode()
        h1, h2 = zlib.crc32(data), zlib.adler32(data) | 1
        for i in range(k):
            p = (h1 + i * h2) % m
            if not bits[p >> 3] & (1 << (p & 7)):
                return False
        return True

    def _entry_from_row(self, row: tuple) -> Entry:  # type: ignore[type-arg]
        eid, kind, canonical, variants, known, country, type_, weight, prominence, source = row
        i = self.offset + eid
        entry = self._entries.get(i)
        if entry is None:
            forms = f"{variants}|{known}" if variants and known else variants or known
            entry = Entry(id=f"big:{eid}", kind=kind, canonical=canonical,
                          variants=tuple(forms.split("|")) if forms else (), country=country or None,
                          type=type_ or None, source=source, source_weight=int(weight), prominence=int(prominence))
            self._bounded(self._entries)[i] = entry
        return entry

    def _refs(self, sql: str, args: tuple) -> list[FormRef]:  # type: ignore[type-arg]
        """Run a query whose rows are (rel, form or '', key, *entry columns)."""
        out: dict[tuple[int, str], FormRef] = {}
        entries = self._entries
        offset = self.offset
        split: dict[str, tuple[str, ...]] = {}
        for row in self.con.execute(sql, args):
            i = offset + row[3]
            entry = entries.get(i) or self._entry_from_row(row[3:])
            form = row[1] or entry.canonical
            key = row[2]
            toks = split.get(key)
            if toks is None:
                toks = split[key] = tuple(key.split())
            out.setdefault((i, form), FormRef(i, row[0], form, toks))
        return list(out.values())

    @staticmethod
    def _bounded(cache: dict, limit: int = 100_000) -> dict:  # type: ignore[type-arg]
        if len(cache) > limit:
            cache.clear()
        return cache

    # -- the NameSource interface ----------------------------------------------------------------
    def entry(self, i: int) -> Entry:
        """The entry a FormRef points to."""
        hit = self._entries.get(i)
        if hit is not None:
            return hit
        row = self.con.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.id = ?", (i - self.offset,)).fetchone()
        if row is None:
            raise KeyError(i)
        return self._entry_from_row(row)

    def lookup(self, text: str) -> list[FormRef]:
        """Exact matches of a span, known or suggestible (short all-capital words never match)."""
        if len(text) <= 5 and text.isupper():
            return []
        return self._forms(form_key(text), suggestible_only=False)

    def exact_forms(self, key: str) -> list[FormRef]:
        """Forms spelled exactly `key` that may be suggested on their own (one-word places only
        when prominent: see SINGLE_WORD_POPULATION)."""
        return self._forms(key, suggestible_only=True)

    def _forms(self, key: str, suggestible_only: bool) -> list[FormRef]:
        ck = (key, suggestible_only)
        hit = self._exact.get(ck)
        if hit is not None:
            return hit
        out: list[FormRef] = []
        if self.may_hold(key):
            out = self._refs(f"SELECT f.rel, f.form, f.key, {_ENTRY_COLUMNS} FROM forms f JOIN entries e ON e.id = f.entry "
                             "WHERE f.key = ?" + (f" AND f.target = {SUGGEST_ALONE}" if suggestible_only else ""), (key,))
        self._bounded(self._exact, 200_000)[ck] = out or NO_FORMS
        return out or NO_FORMS

    def keys_starting(self, prefix: str, limit: int = 2000) -> list[str] | None:
        """Folded forms (any weight) that start with `prefix`, by a range of the forms index; None
        when more than `limit` do (remembered per prefix)."""
        found = self._prefixes.get((prefix, limit), False)
        if found is not False:
            return found  # type: ignore[return-value]
        rows = self.con.execute("SELECT DISTINCT key FROM forms WHERE key >= ? AND key < ? LIMIT ?",
                                (prefix, prefix + "\U0010ffff", limit + 1)).fetchall()
        out = None if len(rows) > limit else [r[0] for r in rows]
        self._bounded(self._prefixes, 20_000)[prefix, limit] = out
        return out

    def forms_with_token(self, token: str) -> list[FormRef]:
        """Suggestible multi-word forms holding the token; none when more than max_anchor_forms
        names share it (a common given name or surname is no evidence for one person)."""
        hit = self._with_token.get(token)
        if hit is not None:
            return hit
        out: list[FormRef] = []
        anchors, flags = self._token_row(token)
        if flags >= 0:
            if 0 < anchors <= self.max_anchor_forms:
                out = self._refs(f"SELECT t.rel, t.form, t.key, {_ENTRY_COLUMNS} FROM token_forms t "
                                 "JOIN entries e ON e.id = t.entry WHERE t.token = ?", (token,))
        self._bounded(self._with_token)[token] = out = out or NO_FORMS
        return out

    def _token_row(self, token: str) -> tuple[int, int]:
        """(suggestible multi-word forms holding the token, its flags); (0, -1) when no form
        holds it. One query per token, remembered."""
        found = self._flags.get(token)
        if found is None:
            row = self.con.execute("SELECT anchors, flags FROM tokens WHERE token = ?", (token,)).fetchone()
            found = (0, -1) if row is None else (int(row[0]), int(row[1]))
            self._bounded(self._flags, 400_000)[token] = found
        return found

    def _token_flags(self, token: str) -> int:
        """The token's flags; -1 when no form holds it."""
        return self._token_row(token)[1]

    def is_known_token(self, token: str) -> bool:
        """True when the folded token is part of a known form."""
        flags = self._token_flags(token)
        return flags > 0 and bool(flags & self.token_mask)

    def has_form_token(self, token: str) -> bool:
        """False when no form (of any relation) holds the folded token, so a span with it has no
        exact match; True when one may (a Bloom filter: no query, rare false positives)."""
        return self.may_hold(token, "tokens")

    def fuzzy_tokens(self, token: str, max_distance: int) -> list[tuple[str, int]]:
        """Tokens of suggestible forms within `max_distance` OSA edits, through the delete index.
        Only tokens with the same first letter: among a million names, a word that differs in its
        first letter (Murban/Durban, Hudong/Pudong) is far more often another name than a slip."""
        ck = (token, max_distance)
        hit = self._fuzzy.get(ck)
        if hit is not None:
            return hit
        if len(token) > 32 and len(token) - max_distance > self.longest_token():
            return []  # the delete keys of a long word cost O(n^distance); none can match
        keys = list(_delete_keys_query(token, min(max_distance, MAX_EDITS)))
        found: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            sql = f"SELECT DISTINCT token FROM deletes WHERE dkey IN ({','.join('?' * len(chunk))})"
            for (cand,) in self.con.execute(sql, chunk):
                if cand == token or cand in found or cand[:1] != token[:1]:
                    continue
                d = OSA.distance(token, cand, score_cutoff=max_distance)
                if d <= max_distance:
                    found[cand] = d
        result = sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
        self._bounded(self._fuzzy)[ck] = result
        return result

    def damaged_forms(self, key: str) -> list[FormRef]:
        """Forms that `key` (a folded span) could be after its non-ASCII letters were dropped or
        replaced by '?' / U+FFFD: "alberto nez feijo", "fran?ois legault" -> the real forms."""
        dkey = normalise_damaged(key)
        if not self.may_hold(dkey, "damaged"):
            return []
        return self._refs(f"SELECT d.rel, d.form, d.key, {_ENTRY_COLUMNS} FROM damaged d JOIN entries e ON e.id = d.entry "
                          "WHERE d.dkey = ?", (dkey,))

    # -- what other rules read directly ---------------------------------------------------------
    @property
    def known_tokens(self) -> _KnownTokens:
        """Set-like view: `token in index.known_tokens`."""
        return _KnownTokens(self.is_known_token)


def _delete_keys_query(token: str, depth: int) -> set[int]:
    return {zlib.crc32(d.encode()) for d in deletes(token, depth)}


class _KnownTokens:
    """`in` test over a NameSource's known tokens (other rules use `x in names.known_tokens`)."""

    def __init__(self, test) -> None:  # type: ignore[no-untyped-def]
        self._test = test

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and bool(self._test(token))


def iter_form_damage(forms: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(damage key, form, relation) for (form, relation) pairs: used for in-memory indexes."""
    for form, rel in forms:
        for dkey in damage_keys(form):
            yield dkey, form, rel
