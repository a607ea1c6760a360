"""Known-name dictionaries: load and validate (YAML, CSV, JSON Lines), and index for lookup."""

from __future__ import annotations

import csv
import io
import json
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

from rapidfuzz.distance import OSA

from .calques import calques, merge_org_words, parse_org_words
from .errors import DictionaryError
from .romanise import RomanisationKey, RomanisationRule, RomanisedPeople, check_termination, parse_rules
from .textutil import fold
from .yamlutil import load_yaml

KINDS = ("person", "place", "org")
INDEX_FORMAT = 15  # bump when NameIndex changes shape: invalidates cached indexes
LIST_FIELDS = ("variants", "aliases", "discouraged", "known_misspellings", "wrong_expansions", "native")
ENTRY_KEYS = {
    "id", "kind", "type", "canonical", "full_name", "country", "demonym", "capital", "wikidata",
    "roles", "notes", "note", "gender", *LIST_FIELDS,
}
GENDERS = ("female", "male")
"""Values of a person's `gender` (what the pronoun checks need: she/her or he/him)."""

# how a form relates to its entry
CANONICAL, VARIANT, FULL, ALIAS, DISCOURAGED, MISSPELLING, NATIVE = (
    "canonical", "variant", "full_name", "alias", "discouraged", "misspelling", "native")
ACCEPTED = frozenset({CANONICAL, VARIANT, FULL, ALIAS, NATIVE})


@dataclass(frozen=True)
class Entry:
    """One known person, place or organisation."""

    id: str
    kind: str
    canonical: str
    variants: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    full_name: str | None = None
    discouraged: tuple[str, ...] = ()
    known_misspellings: tuple[str, ...] = ()
    wrong_expansions: tuple[str, ...] = ()
    native: tuple[str, ...] = ()
    country: str | None = None
    type: str | None = None
    roles: tuple[dict[str, Any], ...] = ()
    source: str = ""
    # what the source can vouch for: 3 hand-curated (spellings, titles, roles), 2 a list with
    # variants (may be suggested), 1 a bare list of names (known: never flagged, never suggested)
    source_weight: int = 3
    prominence: int = 0  # e.g. a city's population; 0 when unknown
    demonym: str | None = None
    gender: str | None = None  # "female" or "male" (people only); None when not given

    def demonyms(self) -> list[str]:
        """The nationality words of the `demonym` field ("Philippine; Filipino" gives two)."""
        return [d.strip() for d in re.split(r"[,/;]| or ", self.demonym) if d.strip()] if self.demonym else []

    def forms(self) -> Iterator[tuple[str, str]]:
        """(form, relation) pairs for every spelling the entry lists."""
        yield self.canonical, CANONICAL
        for v in self.variants:
            yield v, VARIANT
        if self.full_name:
            yield self.full_name, FULL
        for a in self.aliases:
            yield a, ALIAS
        for n in self.native:
            yield n, NATIVE
        for d in self.discouraged:
            yield d, DISCOURAGED
        for m in self.known_misspellings:
            yield m, MISSPELLING


TABLE_CLASSES = (
    "head_of_state", "head_of_government", "deputy_head_of_government", "foreign_minister", "defence_minister",
    "finance_minister", "economy_minister", "interior_minister", "justice_minister",
)
"""Role classes a country's title table may name (a subdivision's head of government is its
head_of_government: First Minister of Scotland, Premier of Quebec, Minister-President of Bavaria)."""
ROW_KEYS = {"title", "gloss", "from", "to", "note"}
_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")


@dataclass(frozen=True)
class TitleRow:
    """One title a country (or subdivision) uses for one role class, optionally dated; a gloss
    is an English rendering the dictionary accepts without suggesting it ("Irish Prime Minister")."""

    code: str
    cls: str
    title: str
    gloss: bool = False
    start: str | None = None  # partial ISO dates as written (YYYY, YYYY-MM, YYYY-MM-DD)
    end: str | None = None
    source: str = ""
    line: int | None = None  # the title's line
    code_line: int | None = None  # the country code's line


@dataclass(frozen=True)
class Subdivision:
    """A region with its own head of government (Scotland, Quebec, Bavaria, Catalonia)."""

    code: str
    parent: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    source: str = ""
    line: int | None = None


@dataclass
class Dictionary:
    """Entries, the title catalogue and the countries' title tables of one or more dictionary files."""

    entries: list[Entry] = field(default_factory=list)
    titles: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    country_titles: list[TitleRow] = field(default_factory=list)
    subdivisions: list[Subdivision] = field(default_factory=list)
    romanisation: list[RomanisationRule] = field(default_factory=list)  # the romanisation key's rules
    org_words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # language -> word -> English


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


MAX_FORM_CHARS = 300
MAX_WORD_CHARS = 64
"""Longest name and longest word a dictionary may list (fuzzy keys grow with the square of a word's length)."""


def _form_problem(value: Any) -> str | None:
    """Why a name form (or list of forms) is too long to index, or None."""
    for form in value if isinstance(value, list) else [value]:
        if not isinstance(form, str):
            continue
        if len(form) > MAX_FORM_CHARS:
            return f"a name of {len(form)} characters (the limit is {MAX_FORM_CHARS})"
        if any(len(word) > MAX_WORD_CHARS for word in form.split()):
            return f"a word longer than {MAX_WORD_CHARS} characters in {form[:40]!r}..."
    return None


def entry_from_mapping(raw: Any, where: str, line: int | None, source: str) -> Entry:
    """Validate one entry mapping; raise DictionaryError naming file, line and key."""
    if not isinstance(raw, dict):
        raise DictionaryError(where, "an entry must be a mapping", line)
    for key in raw:
        if key not in ENTRY_KEYS:
            raise DictionaryError(where, f"unknown entry key '{key}'", line, str(key))
    for key in ("id", "kind", "canonical"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DictionaryError(where, f"entry needs a non-empty string '{key}'", line, key)
    if raw["kind"] not in KINDS:
        raise DictionaryError(where, f"kind must be one of {', '.join(KINDS)}", line, "kind")
    for key in LIST_FIELDS:
        if key in raw and raw[key] is not None and not _str_list(raw[key]):
            raise DictionaryError(where, f"'{key}' must be a list of strings", line, key)
    full = raw.get("full_name")
    if full is not None and not isinstance(full, str):
        raise DictionaryError(where, "'full_name' must be a string", line, "full_name")
    for key in ("canonical", "full_name", *LIST_FIELDS):
        problem = _form_problem(raw.get(key))
        if problem:
            raise DictionaryError(where, f"'{key}': {problem}", line, key)
    country = raw.get("country")
    if country is not None and not isinstance(country, str):
        raise DictionaryError(where, "'country' must be a quoted ISO code (\"NO\", not NO)", line, "country")
    gender = raw.get("gender")
    if gender is not None and (gender not in GENDERS or raw["kind"] != "person"):
        problem = ("'gender' is only for people (kind: person)" if gender in GENDERS
                   else f"'gender' must be one of {', '.join(GENDERS)} (got {str(gender)[:40]!r})")
        raise DictionaryError(where, problem, line, "gender")
    roles = raw.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
        raise DictionaryError(where, "'roles' must be a list of mappings", line, "roles")
    from .roles import validate_role  # titles/roles live with the names-over-time checks

    for i, role in enumerate(roles):
        problem = validate_role(role)
        if problem:
            raise DictionaryError(where, problem, line, f"roles[{i}]")

    def lst(key: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in (raw.get(key) or []) if v.strip())

    return Entry(
        id=raw["id"].strip(), kind=raw["kind"], canonical=raw["canonical"].strip(),
        variants=lst("variants"), aliases=lst("aliases"), full_name=full.strip() if full else None,
        discouraged=lst("discouraged"), known_misspellings=lst("known_misspellings"),
        wrong_expansions=lst("wrong_expansions"), native=lst("native"), country=country,
        type=raw.get("type") if isinstance(raw.get("type"), str) else None,
        roles=tuple(roles), source=source,
        demonym=raw.get("demonym") if isinstance(raw.get("demonym"), str) else None,
        gender=gender,
    )


def load_yaml_dictionary(path: Path) -> Dictionary:
    """A dictionary in the world_figures.yaml schema: meta, titles, entries."""
    doc = load_yaml(path, DictionaryError)
    data = doc.data
    where = str(path)
    if not isinstance(data, dict) or not ({"entries", "romanisation", "org_words"} & set(data)):
        raise DictionaryError(where, "a dictionary must be a mapping with an 'entries' list", doc.line_of())
    unknown = set(data) - {"meta", "titles", "entries", "country_titles", "subdivisions", "romanisation", "org_words"}
    if unknown:
        key = sorted(unknown)[0]
        raise DictionaryError(where, f"unknown top-level key '{key}'", doc.line_of(key), key)
    if not isinstance(data.get("entries", []), list):
        raise DictionaryError(where, "'entries' must be a list", doc.line_of("entries"), "entries")
    titles = data.get("titles") or []
    if not isinstance(titles, list) or not all(isinstance(t, dict) and isinstance(t.get("title"), str) for t in titles):
        raise DictionaryError(where, "'titles' must be a list of {title, class, synonyms}", doc.line_of("titles"), "titles")
    for i, t in enumerate(titles):
        if t.get("synonyms") is not None and not _str_list(t["synonyms"]):
            raise DictionaryError(where, "'synonyms' must be a list of strings", doc.line_of("titles", i), f"titles[{i}].synonyms")
    out = Dictionary(titles=list(titles), sources=[where])
    out.subdivisions = _subdivisions(data.get("subdivisions"), doc, where)
    out.country_titles = _country_titles(data.get("country_titles"), doc, where)
    if "org_words" in data:
        out.org_words = parse_org_words(data["org_words"], where, lambda *path: doc.line_of("org_words", *path))
    if "romanisation" in data:
        out.romanisation = parse_rules(data["romanisation"], where,
                                       lambda i: doc.line_of("romanisation") if i is None else doc.line_of("romanisation", i))
    seen: dict[str, int] = {}
    for i, raw in enumerate(data.get("entries") or []):
        line = doc.line_of("entries", i)
        try:
            entry = entry_from_mapping(raw, where, line, where)
        except DictionaryError as exc:
            if exc.key:  # point at the key's own line (a block-style entry spans many lines)
                path = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", exc.key)]
                raise DictionaryError(where, exc.message, doc.line_of("entries", i, *path) or line, exc.key) from None
            raise
        if entry.id in seen:
            raise DictionaryError(where, f"duplicate entry id '{entry.id}' (first at line {seen[entry.id]})", line, "id")
        seen[entry.id] = line or 0
        out.entries.append(entry)
    return out


def _subdivisions(raw: Any, doc: Any, where: str) -> list[Subdivision]:
    """`subdivisions:` code -> {parent, names, demonyms}."""
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise DictionaryError(where, "'subdivisions' must be a mapping of code -> {parent, names, demonyms}",
                              doc.line_of("subdivisions"), "subdivisions")
    out = []
    for code, spec in raw.items():
        line = doc.line_of("subdivisions", code)
        key = f"subdivisions.{code}"
        if not isinstance(code, str) or not _CODE.match(code) or "-" not in code:
            raise DictionaryError(where, f"a subdivision code is an ISO 3166-2 code like GB-SCT (got {code!r})", line, key)
        if not isinstance(spec, dict):
            raise DictionaryError(where, "a subdivision must be a mapping {parent, names, demonyms}", line, key)
        for k in spec:
            if k not in ("parent", "names", "demonyms", "note"):
                raise DictionaryError(where, f"unknown subdivision key '{k}'", doc.line_of("subdivisions", code, k), f"{key}.{k}")
        if spec.get("parent") != code.split("-")[0]:
            raise DictionaryError(where, f"'parent' must be {code.split('-')[0]!r}", doc.line_of("subdivisions", code), f"{key}.parent")
        for k in ("names", "demonyms"):
            if spec.get(k) is not None and not _str_list(spec[k]):
                raise DictionaryError(where, f"'{k}' must be a list of strings", doc.line_of("subdivisions", code, k), f"{key}.{k}")
        if not spec.get("names"):
            raise DictionaryError(where, "a subdivision needs at least one name", line, f"{key}.names")
        out.append(Subdivision(code, spec["parent"], tuple(spec["names"]), tuple(spec.get("demonyms") or ()), where, line))
    return out


def _country_titles(raw: Any, doc: Any, where: str) -> list[TitleRow]:
    """`country_titles:` code -> class -> [title | {title, gloss, from, to, note}]."""
    from .roles import parse_partial_date

    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise DictionaryError(where, "'country_titles' must be a mapping of country code -> class -> titles",
                              doc.line_of("country_titles"), "country_titles")
    rows = []
    for code, classes in raw.items():
        key = f"country_titles.{code}"
        if not isinstance(code, str) or not _CODE.match(code):
            raise DictionaryError(where, f"unknown country code {code!r} (an ISO 3166-1 code such as \"AT\", or a "
                                  "subdivision such as GB-WLS)", doc.line_of("country_titles", code), key)
        if not isinstance(classes, dict):
            raise DictionaryError(where, "a country's titles must be a mapping of class -> titles",
                                  doc.line_of("country_titles", code), key)
        for cls, items in classes.items():
            ckey = f"{key}.{cls}"
            if cls not in TABLE_CLASSES:
                raise DictionaryError(where, f"unknown class '{cls}' (known: {', '.join(TABLE_CLASSES)})",
                                      doc.line_of("country_titles", code, cls), ckey)
            if not isinstance(items, list) or not items:
                raise DictionaryError(where, "a class needs a list of titles", doc.line_of("country_titles", code, cls), ckey)
            for i, item in enumerate(items):
                line = doc.line_of("country_titles", code, cls, i)
                ikey = f"{ckey}[{i}]"
                if isinstance(item, str):
                    item = {"title": item}
                if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not item["title"].strip():
                    raise DictionaryError(where, "a title is a string or a mapping {title, gloss, from, to}", line, ikey)
                for k in item:
                    if k not in ROW_KEYS:
                        raise DictionaryError(where, f"unknown title key '{k}'", line, f"{ikey}.{k}")
                if not isinstance(item.get("gloss", False), bool):
                    raise DictionaryError(where, "'gloss' must be true or false", line, f"{ikey}.gloss")
                for k in ("from", "to"):
                    if item.get(k) is not None and parse_partial_date(item[k]) is None:
                        raise DictionaryError(where, f"'{k}' must be a date YYYY, YYYY-MM or YYYY-MM-DD", line, f"{ikey}.{k}")
                rows.append(TitleRow(code, cls, item["title"].strip(), bool(item.get("gloss", False)),
                                     str(item["from"]) if item.get("from") is not None else None,
                                     str(item["to"]) if item.get("to") is not None else None, where, line,
                                     doc.line_of("country_titles", code)))
    return rows


def check_title_tables(d: Dictionary) -> None:
    """Every title table names a known country (a country entry's code, or a declared
    subdivision) and titles of the catalogue; else a DictionaryError naming file, line and key."""
    if not d.country_titles and not d.subdivisions:
        return
    countries = {e.country for e in d.entries if e.kind == "place" and e.type == "country" and e.country}
    for sub in d.subdivisions:
        if sub.parent not in countries:
            raise DictionaryError(sub.source, f"subdivision {sub.code}: unknown parent country {sub.parent!r}", sub.line,
                                  f"subdivisions.{sub.code}.parent")
    codes = countries | {sub.code for sub in d.subdivisions}
    titles = {fold(t["title"]) for t in d.titles} | {fold(x) for t in d.titles for x in (t.get("synonyms") or [])
                                                    if isinstance(x, str)}
    for row in d.country_titles:
        if row.code not in codes:
            raise DictionaryError(row.source, f"unknown country {row.code!r}: no country entry has this code and no "
                                  "subdivision declares it", row.code_line, f"country_titles.{row.code}")
        if fold(row.title) not in titles:
            raise DictionaryError(row.source, f"unknown title {row.title!r}: not in any dictionary's 'titles' catalogue",
                                  row.line, f"country_titles.{row.code}.{row.cls}")


TABLE_COLUMNS = ("id", "kind", "canonical", "variants", "aliases", "discouraged", "full_name", "country", "type", "gender")


def _table_row(row: dict[str, Any], where: str, line: int) -> Entry:
    raw: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            raise DictionaryError(where, "more fields than columns", line)
        if key not in TABLE_COLUMNS and key not in ENTRY_KEYS:
            raise DictionaryError(where, f"unknown column '{key}'", line, key)
        if value in (None, ""):
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = [v for v in value.split("|") if v.strip()]
        raw[key] = value
    raw.setdefault("kind", "person")
    if "id" not in raw and isinstance(raw.get("canonical"), str):
        raw["id"] = f"{raw['kind']}:{fold(raw['canonical']).replace(' ', '-')}"
    return entry_from_mapping(raw, where, line, where)


def load_csv_dictionary(path: Path) -> Dictionary:
    """CSV with a header: canonical (required), kind, id, variants, aliases, discouraged (| separated), ..."""
    where = str(path)
    _check_size(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(where, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes[: exc.start].count(b"\n") + 1
        raise DictionaryError(where, f"not valid UTF-8 (byte 0x{raw_bytes[exc.start]:02x} at offset {exc.start})", line) from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "canonical" not in reader.fieldnames:
        raise DictionaryError(where, "CSV dictionary needs a header row with a 'canonical' column", 1)
    out = Dictionary(sources=[where])
    for row in reader:
        out.entries.append(_table_row(row, where, reader.line_num))
    return out


def load_jsonl_dictionary(path: Path) -> Dictionary:
    """JSON Lines: one entry object per line, same keys as the YAML schema (lists may be | strings)."""
    where = str(path)
    out = Dictionary(sources=[where])
    _check_size(path)
    try:
        with open(path, "rb") as fh:
            for n, raw_line in enumerate(fh, 1):
                try:
                    line = raw_line.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise DictionaryError(where, f"not valid UTF-8 (byte 0x{raw_line[exc.start]:02x} at column {exc.start + 1})", n) from None
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DictionaryError(where, f"invalid JSON: {exc.msg}", n) from None
                except RecursionError:
                    raise DictionaryError(where, "invalid JSON: nested too deeply", n) from None
                if not isinstance(obj, dict):
                    raise DictionaryError(where, "each line must be a JSON object", n)
                out.entries.append(_table_row(obj, where, n))
    except OSError as exc:
        raise DictionaryError(where, f"cannot read: {exc.strerror or exc}") from None
    return out


def _check_size(path: Path) -> None:
    """Refuse a dictionary file above the YAML size limit (it is read into memory whole)."""
    from .yamlutil import MAX_YAML_BYTES

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DictionaryError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if size > MAX_YAML_BYTES:
        raise DictionaryError(str(path), f"file is {size} bytes; the limit is {MAX_YAML_BYTES}")


def load_dictionary(path: Path) -> Dictionary:
    """Load a dictionary file by its suffix (.yaml/.yml, .csv, .jsonl)."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return load_yaml_dictionary(path)
    if suffix == ".csv":
        return load_csv_dictionary(path)
    if suffix in (".jsonl", ".ndjson"):
        return load_jsonl_dictionary(path)
    raise DictionaryError(str(path), "unknown dictionary format (use .yaml, .csv or .jsonl)")


def merge(dicts: Iterable[Dictionary]) -> Dictionary:
    """Combine dictionaries; a later entry with the same id replaces an earlier one."""
    out = Dictionary()
    by_id: dict[str, int] = {}
    with_rules = 0
    for d in dicts:
        with_rules += bool(d.romanisation)
        out.titles.extend(d.titles)
        out.sources.extend(d.sources)
        out.country_titles.extend(d.country_titles)
        out.subdivisions.extend(d.subdivisions)
        out.romanisation.extend(d.romanisation)
        merge_org_words(out.org_words, d.org_words)
        for e in d.entries:
            if e.id in by_id:
                out.entries[by_id[e.id]] = e
            else:
                by_id[e.id] = len(out.entries)
                out.entries.append(e)
    check_title_tables(out)
    if with_rules > 1:  # rules of two files may undo each other
        check_termination(out.romanisation)
    return out


def is_acronym(form: str) -> bool:
    """All-capital forms (US, FSB, TASS) are matched case-sensitively."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and len(form) <= 12 and " " not in form


@dataclass(frozen=True)
class FormRef:
    """A dictionary form: which entry, how it relates, and its folded tokens."""

    entry: int
    relation: str
    form: str
    tokens: tuple[str, ...]


def deletes(token: str, depth: int) -> set[str]:
    """All strings made by deleting up to `depth` characters (SymSpell keys), each at least two
    characters long (one deletion at a time over the previous round's strings)."""
    out = {token}
    frontier = {token}
    for d in range(1, depth + 1):
        if len(token) - d < 2:
            break
        frontier = {s[:i] + s[i + 1:] for s in frontier for i in range(len(s))}
        out |= frontier
    return out


class DeleteTable:
    """SymSpell delete keys -> the dictionary tokens that have them, stored as one text of sorted
    "key<TAB>token<TAB>token" lines and an array of where each line starts. A cached index holding
    it unpickles in microseconds whatever the number of keys (no object per key); a key is found
    by bisection (a few microseconds, enough for the handful of unknown words of one article).
    After LOAD_AFTER_LOOKUPS lookups (a batch run) the table is read whole into a dict once."""

    LOAD_AFTER_LOOKUPS = 10_000  # about the cost of reading the whole table into a dict

    def __init__(self, table: dict[str, set[str]]) -> None:
        lines = ["\t".join((key, *sorted(table[key]))) for key in sorted(table)]
        starts = array("L", [0])
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        self._text = "\n".join(lines) + "\n" if lines else ""
        self._starts = starts  # start of line i; the last item is the end of the text
        self._lookups = 0
        self._dict: dict[str, tuple[str, ...]] | None = None

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getstate__(self) -> dict[str, object]:
        return {"_text": self._text, "_starts": self._starts}  # never the dict a batch run made

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._lookups = 0
        self._dict = None

    def get(self, key: str) -> tuple[str, ...]:
        """The tokens that have the delete key `key` (() when none)."""
        if self._dict is not None:
            return self._dict.get(key, ())
        self._lookups += 1
        if self._lookups > self.LOAD_AFTER_LOOKUPS:
            self._dict = self.as_dict()
            return self._dict.get(key, ())
        text, starts = self._text, self._starts
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi) >> 1
            start = starts[mid]
            tab = text.find("\t", start)
            found = text[start:tab]
            if found < key:
                lo = mid + 1
            elif found > key:
                hi = mid
            else:
                return tuple(text[tab + 1:starts[mid + 1] - 1].split("\t"))
        return ()

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        """The whole table as a dict (tuples of strings: nothing for the garbage collector to walk)."""
        out: dict[str, tuple[str, ...]] = {}
        for line in self._text.split("\n"):
            if line:
                key, _, tokens = line.partition("\t")
                out[key] = tuple(tokens.split("\t"))
        return out


class NameSource(Protocol):
    """What the names rules need from a dictionary index (the in-memory NameIndex, or a
    larger disk-backed one): exact lookup of a span, forms holding a token, fuzzy tokens."""

    run_cache: dict[object, object]

    def entry(self, i: int) -> Entry: ...
    def forms_with_token(self, token: str) -> list[FormRef]: ...
    def is_known_token(self, token: str) -> bool: ...
    def has_form_token(self, token: str) -> bool: ...
    def exact_forms(self, key: str) -> list[FormRef]: ...
    def lookup(self, text: str) -> list[FormRef]: ...
    def fuzzy_tokens(self, token: str, max_distance: int) -> list[tuple[str, int]]: ...


DERIVED_TABLES: dict[str, str] = {
    "curated-damage": "newslint.composite:curated_damage_index",
    "title-data": "newslint.rules.kinds.name_context:build_title_data",
    "person-words": "newslint.rules.kinds.names:curated_person_words",
    "catalogue": "newslint.rules.kinds.titles:dictionary_catalogue",
}
"""Tables the rules make from the curated index, each by a function of the NameIndex
("module:function"): made when the index is compiled and kept with it in the cache (their
modules' source is part of the cache key: resources.INDEX_CODE)."""


class NameIndex:
    """Exact, token and fuzzy (SymSpell-style delete) lookup over dictionary forms."""

    def __init__(self, dictionary: Dictionary, max_edits: int = 2) -> None:
        self.dictionary = dictionary
        self.entries = dictionary.entries
        self.exact: dict[str, list[FormRef]] = {}
        self.exact_cs: dict[str, list[FormRef]] = {}
        self.by_token: dict[str, list[FormRef]] = {}  # token -> accepted multi-token forms holding it
        self.known_tokens: set[str] = set()  # every token of every accepted form
        self.form_tokens: set[str] = set()  # every token of every form (any relation, acronyms aside)
        deletes: dict[str, set[str]] = {}
        self._delete_sets = deletes  # filled by _add, then packed into one DeleteTable
        self.longest_fuzzy_token = 0  # a longer text token is more than max_edits away from all
        self.max_edits = max_edits
        for i, entry in enumerate(self.entries):
            for form, relation in entry.forms():
                self._add(i, form, relation)
        # a hundred thousand keys as one sorted text: the cached index unpickles without an object
        # per key, and the garbage collector has nothing to walk (a batch run reads it into a dict)
        self._deletes = DeleteTable(deletes)
        del self._delete_sets
        self._fuzzy_cache: dict[str, list[tuple[str, int]]] = {}
        self.run_cache: dict[object, object] = {}  # names rule: results per capitalised stretch
        self.derived: dict[str, Any] = {}  # tables the rules make from this index (DERIVED_TABLES), by name
        # organisation names translated word for word from their native names -> entry (NL208)
        self.calques = calques(self.entries, dictionary.org_words, lambda text: bool(self.lookup(text)))
        self.romanised: RomanisedPeople | None = None  # people by romanisation key (names rule)
        if dictionary.romanisation:
            self.romanised = RomanisedPeople(RomanisationKey(dictionary.romanisation), (
                (i, form, relation in ACCEPTED) for i, entry in enumerate(self.entries) if entry.kind == "person"
                for form, relation in entry.forms() if relation in ACCEPTED or relation == DISCOURAGED))

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_fuzzy_cache"] = {}
        state["run_cache"] = {}
        return state

    def _add(self, i: int, form: str, relation: str) -> None:
        if is_acronym(form):
            self.exact_cs.setdefault(form, []).append(FormRef(i, relation, form, (form,)))
            return
        key = fold(form).replace(".", "") if "." in form else fold(form)
        tokens = tuple(key.split())
        ref = FormRef(i, relation, form, tokens)
        self.exact.setdefault(key, []).append(ref)
        self.form_tokens.update(tokens)
        if relation in ACCEPTED:
            if relation != NATIVE:  # a native name's words are words of its language, not names ("partido", "italiana")
                self.known_tokens.update(tokens)
            if len(tokens) > 1:
                for t in set(tokens):
                    self.by_token.setdefault(t, []).append(ref)
            if relation != ALIAS and relation != NATIVE:
                for t in tokens:
                    if len(t) >= 4 and t.isalpha():
                        self.longest_fuzzy_token = max(self.longest_fuzzy_token, len(t))
                        for d in deletes(t, self.max_edits if len(t) >= 4 else 1):
                            self._delete_sets.setdefault(d, set()).add(t)

    def table(self, name: str) -> Any:
        """A table made from this index by the function DERIVED_TABLES names (title catalogue,
        title holders, damage keys ...), made once. An index compiled into the cache folder
        carries all of them (make_tables), so a start-up reads them instead of making them."""
        found = self.derived.get(name)
        if found is None:
            module, _, function = DERIVED_TABLES[name].partition(":")
            found = self.derived[name] = getattr(import_module(module), function)(self)
        return found

    def make_tables(self) -> None:
        """Make every table of DERIVED_TABLES (before the index is written to the cache)."""
        for name in DERIVED_TABLES:
            self.table(name)

    # -- the NameSource interface used by the names rules ---------------------------------
    def entry(self, i: int) -> Entry:
        """The entry a FormRef points to."""
        return self.entries[i]

    def forms_with_token(self, token: str) -> list[FormRef]:
        """Accepted multi-word forms that contain this folded token."""
        return self.by_token.get(token, [])

    def is_known_token(self, token: str) -> bool:
        """True when the folded token is part of any accepted form."""
        return token in self.known_tokens

    def has_form_token(self, token: str) -> bool:
        """True when some form (any relation) holds the folded token."""
        return token in self.form_tokens

    def exact_forms(self, key: str) -> list[FormRef]:
        """Forms whose folded text is exactly `key`."""
        return self.exact.get(key, [])

    def lookup(self, text: str) -> list[FormRef]:
        """Exact matches of a span (case-sensitive for acronyms, folded otherwise)."""
        hits = self.exact_cs.get(text)
        if hits:
            return hits
        if len(text) <= 5 and text.isupper():
            return []  # "WHO" must not match "Who"
        key = fold(text)
        if "." in key:
            key = key.replace(".", "")
        return self.exact.get(key, [])

    def fuzzy_tokens(self, token: str, max_distance: int) -> list[tuple[str, int]]:
        """Dictionary tokens within `max_distance` OSA edits (transpositions count once)."""
        key = f"{token}\x00{max_distance}"
        cached = self._fuzzy_cache.get(key)
        if cached is not None:
            return cached
        found: dict[str, int] = {}
        if len(token) - max_distance > self.longest_fuzzy_token:
            return []  # the delete keys of a long word cost O(n^distance); none can match
        for d in deletes(token, min(max_distance, self.max_edits)):
            for cand in self._deletes.get(d):
                if cand == token or cand in found:
                    continue
                dist = OSA.distance(token, cand, score_cutoff=max_distance)
                if dist <= max_distance:
                    found[cand] = dist
        result = sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
        if len(self._fuzzy_cache) > 200_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = result
        return result
