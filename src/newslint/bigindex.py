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
import os
import re
import sqlite3
import tempfile
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import OSA

from .dictionaries import CANONICAL, VARIANT, Entry, FormRef, deletes
from .textutil import fold

FORMAT = 3  # bump when the database layout or the build rules change
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


def sources_fingerprint(paths: list[Path]) -> str:
    """Content hash of the source files (and of FORMAT): names the compiled database."""
    h = hashlib.sha256(f"bigindex:{FORMAT}".encode())
    for p in paths:
        h.update(p.name.encode())
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:24]


# -- building ------------------------------------------------------------------------------------
SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE entries(id INTEGER PRIMARY KEY, kind TEXT, canonical TEXT, variants TEXT, known TEXT,
    country TEXT, type TEXT, weight INTEGER, prominence INTEGER, source TEXT);
CREATE TABLE forms(key TEXT, entry INTEGER, form TEXT, rel TEXT, target INTEGER,
    PRIMARY KEY(key, entry, form)) WITHOUT ROWID;  -- form '' = the entry's canonical spelling
CREATE TABLE tokens(token TEXT PRIMARY KEY, anchors INTEGER, flags INTEGER) WITHOUT ROWID;
CREATE TABLE token_forms(token TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT,
    PRIMARY KEY(token, entry, form)) WITHOUT ROWID;
CREATE TABLE deletes(dkey INTEGER, token TEXT, PRIMARY KEY(dkey, token)) WITHOUT ROWID;
CREATE TABLE damaged(dkey TEXT, entry INTEGER, form TEXT, rel TEXT, key TEXT,
    PRIMARY KEY(dkey, entry, form)) WITHOUT ROWID;
"""
TOKEN_IN_TARGET, TOKEN_IN_KNOWN = 1, 2


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


def build_database(paths: list[Path], target: Path) -> dict[str, int]:
    """Compile the source files into an SQLite database at `target` (written atomically).
    A later entry whose canonical key repeats an earlier entry of the same kind is merged into it
    (the earlier source keeps its canonical spelling; the higher weight wins)."""
    entries: list[list[object]] = []
    by_ckey: dict[tuple[str, str], int] = {}
    forms: dict[tuple[str, int, str], tuple[str, int]] = {}
    for path in paths:
        for se in read_source(path):
            if not se.canonical or is_acronym(se.canonical):
                continue
            ckey = form_key(se.canonical)
            if not ckey:
                continue
            eid = by_ckey.get((se.kind, ckey))
            if eid is None:
                eid = len(entries) + 1
                by_ckey[(se.kind, ckey)] = eid
                entries.append([eid, se.kind, se.canonical, se.variants, se.known, se.country, se.type,
                                se.weight, se.prominence, se.source])
            else:
                row = entries[eid - 1]
                row[3] = list(dict.fromkeys([*row[3], *se.variants]))  # type: ignore[misc]
                row[4] = list(dict.fromkeys([*row[4], *se.known]))  # type: ignore[misc]
                row[7] = max(int(row[7]), se.weight)  # type: ignore[call-overload]
                row[8] = max(int(row[8]), se.prominence)  # type: ignore[call-overload]
            for form, rel, suggestible in ((se.canonical, CANONICAL, True),
                                           *((v, VARIANT, True) for v in se.variants),
                                           *((k, VARIANT, False) for k in se.known)):
                if is_acronym(form):
                    continue
                key = form_key(form)
                if not key:
                    continue
                old = forms.get((key, eid, form))
                suggest = int(suggestible and se.weight >= TARGET_WEIGHT)
                if old is None or suggest > old[1]:
                    forms[(key, eid, form)] = (rel, suggest)
    # weights may have risen by merging: a form of a weight-2 entry listed as suggestible counts
    tokens: dict[str, list[int]] = {}
    token_forms: list[tuple[str, int, str, str, str]] = []
    damaged: list[tuple[str, int, str, str, str]] = []
    form_rows = []
    for (key, eid, form), (rel, suggest) in forms.items():
        row = entries[eid - 1]
        suggest = int(suggest and int(row[7]) >= TARGET_WEIGHT)  # type: ignore[call-overload]
        toks = key.split()
        level = 0
        if suggest:
            alone = len(toks) > 1 or row[1] != "place" or row[6] in ("country", "region", "continent") \
                or int(row[8]) >= SINGLE_WORD_POPULATION  # type: ignore[call-overload]
            level = SUGGEST_ALONE if alone else SUGGEST_IN_NAME
        form_rows.append((key, eid, "" if rel == CANONICAL and form == row[2] else form, rel, level))
        for t in set(toks):
            slot = tokens.setdefault(t, [0, 0])
            slot[1] |= TOKEN_IN_TARGET if suggest else TOKEN_IN_KNOWN
            if suggest and len(toks) > 1:
                slot[0] += 1
                token_forms.append((t, eid, form, rel, key))
        if not form.isascii():
            for dkey in damage_keys(form):
                damaged.append((dkey, eid, form, rel, key))
    delete_rows: set[tuple[int, str]] = set()
    for t, (_, flags) in tokens.items():
        if flags & TOKEN_IN_TARGET and len(t) >= 4 and t.isalpha():
            delete_rows.update((d, t) for d in _delete_keys(t))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-bigindex-", suffix=".sqlite")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + SCHEMA)
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
                        ((e[0], e[1], e[2], "|".join(e[3]), "|".join(e[4]), *e[5:]) for e in entries))  # type: ignore[arg-type]
        con.executemany("INSERT INTO forms VALUES (?,?,?,?,?)", sorted(form_rows))
        con.executemany("INSERT INTO tokens VALUES (?,?,?)", sorted((t, a, f) for t, (a, f) in tokens.items()))
        con.executemany("INSERT OR IGNORE INTO token_forms VALUES (?,?,?,?,?)", sorted(token_forms))
        con.executemany("INSERT INTO deletes VALUES (?,?)", sorted(delete_rows))
        con.executemany("INSERT OR IGNORE INTO damaged VALUES (?,?,?,?,?)", sorted(damaged))
        stats = {"entries": len(entries), "forms": len(form_rows), "tokens": len(tokens),
                 "token_forms": len(token_forms), "deletes": len(delete_rows), "damaged": len(damaged)}
        con.executemany("INSERT INTO meta VALUES (?,?)", [("format", str(FORMAT)), *((k, str(v)) for k, v in stats.items())])
        con.commit()
        con.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return stats


def compiled_path(paths: list[Path], directory: Path) -> Path:
    """Where the database for these sources lives in a cache directory."""
    return directory / f"bigindex-{sources_fingerprint(paths)}.sqlite"


def open_or_build(paths: list[Path], directory: Path, **options: int) -> BigIndex:
    """The compiled index of `paths`, built into `directory` when it is missing or stale."""
    target = compiled_path(paths, directory)
    if not target.exists():
        build_database(paths, target)
        for old in directory.glob("bigindex-*.sqlite"):  # a changed source leaves its old build behind
            if old != target:
                try:
                    if old.stat().st_mtime < target.stat().st_mtime - 60:
                        old.unlink()
                except OSError:
                    pass
    return BigIndex(target, **options)


# -- querying ------------------------------------------------------------------------------------
class BigIndex:
    """NameSource over a compiled database. Entry ids are BIG_OFFSET + row id."""

    def __init__(self, path: Path, max_anchor_forms: int = 50, title_tokens_known: bool = True,
                 offset: int = BIG_OFFSET) -> None:
        self.path = Path(path)
        self.offset = offset
        self.max_anchor_forms = max_anchor_forms
        self.token_mask = TOKEN_IN_TARGET | (TOKEN_IN_KNOWN if title_tokens_known else 0)
        self.run_cache: dict[object, object] = {}
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self._entries: dict[int, Entry] = {}
        self._known: dict[str, bool] = {}
        self._fuzzy: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._with_token: dict[str, list[FormRef]] = {}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.update(_con=None, _pid=-1, _entries={}, _known={}, _fuzzy={}, _with_token={}, run_cache={})
        return state

    @property
    def con(self) -> sqlite3.Connection:
        """A read-only connection, reopened after a fork (worker processes)."""
        if self._con is None or self._pid != os.getpid():
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def stats(self) -> dict[str, int]:
        """Row counts recorded at build time."""
        return {k: int(v) for k, v in self.con.execute("SELECT k, v FROM meta WHERE k != 'format'")}

    def _ref(self, eid: int, rel: str, form: str, key: str) -> FormRef:
        return FormRef(self.offset + eid, rel, form, tuple(key.split()))

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
        row = self.con.execute("SELECT kind, canonical, variants, known, country, type, weight, prominence, source "
                               "FROM entries WHERE id = ?", (i - self.offset,)).fetchone()
        if row is None:
            raise KeyError(i)
        kind, canonical, variants, known, country, type_, weight, prominence, source = row
        entry = Entry(id=f"big:{i - self.offset}", kind=kind, canonical=canonical,
                      variants=tuple(_split(variants)) + tuple(_split(known)), country=country or None,
                      type=type_ or None, source=source, source_weight=int(weight), prominence=int(prominence))
        self._bounded(self._entries)[i] = entry
        return entry

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
        sql = ("SELECT f.entry, f.rel, CASE f.form WHEN '' THEN e.canonical ELSE f.form END FROM forms f "
               "JOIN entries e ON e.id = f.entry WHERE f.key = ?" + (" AND f.target = 2" if suggestible_only else ""))
        return [self._ref(e, r, f, key) for e, r, f in self.con.execute(sql, (key,))]

    def forms_with_token(self, token: str) -> list[FormRef]:
        """Suggestible multi-word forms holding the token; none when more than max_anchor_forms
        names share it (a common given name or surname is no evidence for one person)."""
        hit = self._with_token.get(token)
        if hit is not None:
            return hit
        row = self.con.execute("SELECT anchors FROM tokens WHERE token = ?", (token,)).fetchone()
        out: list[FormRef] = []
        if row is not None and 0 < row[0] <= self.max_anchor_forms:
            out = [self._ref(e, r, f, k) for e, f, r, k in
                   self.con.execute("SELECT entry, form, rel, key FROM token_forms WHERE token = ?", (token,))]
        self._bounded(self._with_token)[token] = out
        return out

    def is_known_token(self, token: str) -> bool:
        """True when the folded token is part of a known form."""
        hit = self._known.get(token)
        if hit is None:
            row = self.con.execute("SELECT flags FROM tokens WHERE token = ?", (token,)).fetchone()
            hit = bool(row is not None and row[0] & self.token_mask)
            self._bounded(self._known, 400_000)[token] = hit
        return hit

    def fuzzy_tokens(self, token: str, max_distance: int) -> list[tuple[str, int]]:
        """Tokens of suggestible forms within `max_distance` OSA edits, through the delete index.
        Only tokens with the same first letter: among a million names, a word that differs in its
        first letter (Murban/Durban, Hudong/Pudong) is far more often another name than a slip."""
        ck = (token, max_distance)
        hit = self._fuzzy.get(ck)
        if hit is not None:
            return hit
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
        return [self._ref(e, r, f, k) for e, f, r, k in
                self.con.execute("SELECT entry, form, rel, key FROM damaged WHERE dkey = ?", (dkey,))]

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
