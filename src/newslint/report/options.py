"""Options of a report run, and the rules/dictionaries version that keys cached results."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__

FINGERPRINT_LENGTH = 20


class ReportError(Exception):
    """A problem that stops the run (bad options, a locked output folder, rules that do not load, mismatched workers)."""


@dataclass(frozen=True)
class LinterOptions:
    """What a worker needs to build its own `Linter` (plain, picklable data; never the Linter itself)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    rule_paths: tuple[str, ...] = ()  # absolute
    dictionary_paths: tuple[str, ...] = ()  # absolute
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, prefix or name, level) from the config
    accept: tuple[str, ...] = ()
    quotes: str = "check"
    deep: bool = False  # the wording model (NL210, NL211)
    deep_model: str | None = None

    def build(self) -> Any:
        """A Linter for these options, with its dictionaries loaded (a malformed one fails here)."""
        from ..api import Linter

        linter = Linter(select=self.select, ignore=self.ignore, rule_paths=self.rule_paths,
                        dictionary_paths=self.dictionary_paths, accept=self.accept, quotes=self.quotes,
                        deep=self.deep, deep_model=self.deep_model)
        if self.severity:
            from ..config import expand_severities
            from ..engine import Engine
            from ..model import Severity

            levels = expand_severities(linter.specs, [(k, Severity(v)) for k, v in self.severity])
            linter.engine = Engine(linter.specs, linter.resources, self.select, self.ignore, levels, self.accept, self.quotes)
        if any(r.spec.kind == "names" for r in linter.engine.rules):
            linter.resources.names  # noqa: B018 - load now, once per worker
            linter.resources.lexicon  # noqa: B018
        return linter


@dataclass(frozen=True)
class ArchiveFields:
    """Which fields of a JSONL/CSV record hold the text, id, date and source."""

    text: str = "text"
    id: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class ReportOptions:
    """Everything `newslint report` was asked to do."""

    sources: tuple[str, ...]
    out: str
    fields: ArchiveFields = field(default_factory=ArchiveFields)
    linter: LinterOptions = field(default_factory=LinterOptions)
    jobs: int = 0  # 0: all cores
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address; None starts a LocalCluster
    scheduler_timeout: float = 20.0  # seconds to reach the scheduler
    chunk_size: int = 64
    max_record_bytes: int = 5 * 1024 * 1024
    default_date: str | None = None  # ISO date for articles without one (date-dependent rules)
    progress: bool | None = None  # None: a bar when stderr is a terminal
    exports: bool = True  # findings.csv and findings.parquet
    top: int = 25  # rows in the report's top tables

    def describe(self) -> dict[str, Any]:
        """A JSON-able summary stored with the run."""
        return asdict(self)


def ruleset_version(options: LinterOptions) -> str:
    """A short hash of what findings depend on besides the article: newslint's version, every rule and
    dictionary file (built-in and extra, by content) and the select/ignore options.

    Python code changes are covered by the version number, not by hashing the code: a development
    checkout that changes a rule kind without a version bump should use a fresh --out folder.
    """
    from ..resources import Resources, builtin_rules_dir
    from ..rules.loader import rule_files

    h = hashlib.sha256(f"newslint {__version__}\0".encode())
    h.update(repr((options.select, options.ignore, options.severity, sorted(options.accept), options.quotes)).encode())
    if options.deep or options.deep_model:  # the wording model's head and thesaurus decide its findings
        from ..wording.thesaurus import DATA

        h.update(f"deep {options.deep_model or 'smollm2'}\0".encode())
        files_deep = sorted(p for p in DATA.iterdir() if p.is_file())
        for f in files_deep:
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    files: list[Path] = []
    for folder in [builtin_rules_dir(), *(Path(p) for p in options.rule_paths)]:
        files += [folder] if folder.is_file() else list(rule_files(folder))
    files += Resources([Path(p) for p in options.dictionary_paths]).dictionary_files()
    words = builtin_rules_dir() / "dictionaries"
    files += sorted(p for p in words.iterdir() if p.is_file())
    for f in files:
        h.update(f.name.encode() + b"\0")
        try:
            with open(f, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()[:FINGERPRINT_LENGTH]
