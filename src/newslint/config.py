"""Configuration: find, read, merge and apply `newslint.yaml` / `[tool.newslint]`.

Precedence (the first that exists is used, whole; there is no implicit merging of parents):
1. `--config PATH`;
2. the closest `newslint.yaml`, `.newslint.yaml` or `pyproject.toml` with a `[tool.newslint]`
   table, walking up from the checked file's folder (in one folder, that order);
3. the user config `$XDG_CONFIG_HOME/newslint/newslint.yaml` (~/.config/newslint/newslint.yaml);
4. the defaults.
A config inherits from another only through `extends: PATH` (relative to the file).
Paths in a config (rules, dictionaries, accept-file, baseline, extends) and patterns (exclude,
extend-exclude, per-file-ignores) are relative to the file that names them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Severity

CONFIG_NAMES = ("newslint.yaml", ".newslint.yaml", "pyproject.toml")
QUOTE_POLICIES = ("check", "skip")
FAIL_ON = ("error", "warning", "info", "never")
CHOICES: dict[str, tuple[str, ...]] = {"quotes": QUOTE_POLICIES, "fail-on": FAIL_ON}  # the values of each "choice" key

# key -> (type, help); the schema of a config file. Each type is validated in _parse() and
# described for editors in config_schema.KIND_SCHEMAS (docs/config-schema.json is generated from both).
KEYS: dict[str, tuple[str, str]] = {
    "extends": ("path", "another config file to start from; this file's keys override it"),
    "select": ("rules", "run only these rules: ids, id prefixes (NL1) or names; ALL for every rule"),
    "ignore": ("rules", "skip these rules (the longest matching select/ignore pattern wins)"),
    "per-file-ignores": ("map", "gitignore-style pattern (relative to this file) -> rules to skip in matching files"),
    "exclude": ("patterns", "gitignore-style patterns of files and folders not to check, relative to this file "
                "(replaces the defaults .*, node_modules/, __pycache__/)"),
    "extend-exclude": ("patterns", "patterns excluded in addition to exclude (and its defaults)"),
    "baseline": ("written-file", "baseline file (JSON, relative to this file): findings recorded in it are not reported; "
                 "write it with `newslint check --write-baseline FILE`"),
    "respect-gitignore": ("bool", "leave out what .gitignore files exclude (default true)"),
    "force-exclude": ("bool", "apply exclude and .gitignore to paths named on the command line too (default false)"),
    "severity": ("severities", "rule (id, prefix or name) -> error | warning | info"),
    "rules": ("paths", "extra rule files or folders"),
    "dictionaries": ("paths", "extra dictionary files or folders (.yaml, .csv, .jsonl)"),
    "vale": ("file", "a Vale configuration (.vale.ini) whose styles also run (see docs/vale.md); relative to this file"),
    "packs": ("packs", "installed rule packs to enable, by name (`newslint packs` lists them); their rules and dictionaries are added"),
    "accept": ("words", "words and names never flagged anywhere (case-insensitive, whole words)"),
    "accept-file": ("paths", "plain-text files with one accepted word or name per line (# comments)"),
    "date": ("date", "default article date (YYYY-MM-DD) for date-dependent checks; front matter and --date win"),
    "quotes": ("choice", "check: lint inside direct quotes (never auto-fixed there); skip: leave quotes alone"),
    "fail-on": ("choice", "exit 1 when a finding at or above this severity exists: error | warning | info | never"),
    "deep": ("bool", "switch on the wording model (NL210 replaced-word, NL211 spun-article); needs the deep extra"),
    "deep-model": ("str", "the wording model: smollm2 (default) or a path to a .gguf file (implies deep)"),
}


@dataclass(frozen=True)
class Config:
    """One resolved configuration (paths absolute)."""

    source: str = "<defaults>"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[Path, str, tuple[str, ...]], ...] = ()  # (base dir, pattern, rules)
    severity: tuple[tuple[str, Severity], ...] = ()
    rules: tuple[Path, ...] = ()
    dictionaries: tuple[Path, ...] = ()
    packs: tuple[str, ...] = ()
    vale: Path | None = None
    accept: tuple[str, ...] = ()
    date: date | None = None
    quotes: str = "check"
    fail_on: str | None = None
    exclude: tuple[tuple[Path, str], ...] | None = None  # (folder of the file naming it, pattern); None: defaults
    extend_exclude: tuple[tuple[Path, str], ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    baseline: Path | None = None
    # every rule pattern the files name (select, ignore, per-file-ignores, severity), checked
    # against the loaded rules once they are known: (pattern, file, key, line)
    selectors: tuple[tuple[str, str, str, int | None], ...] = ()
    deep: bool = False
    deep_model: str | None = None

    def ignores_for(self, path: Path | str) -> tuple[str, ...]:
        """Rules that per-file-ignores switch off for `path` (gitignore-style patterns, as
        `exclude`; the longest matching pattern wins)."""
        if not self.per_file_ignores:
            return ()
        from .exclude import matches

        best: tuple[int, tuple[str, ...]] | None = None
        target = Path(os.path.abspath(path))
        for base, pattern, rules in self.per_file_ignores:
            if (best is None or len(pattern) > best[0]) and matches(target, base, pattern):
                best = (len(pattern), rules)
        return best[1] if best else ()


# --- reading --------------------------------------------------------------------------------

@dataclass
class _Raw:
    """A config file's table before merging, with a way to name the line of a key."""

    path: Path
    data: dict[str, Any]
    text: str
    toml: bool
    lines: dict[str, int] = field(default_factory=dict)
    _located: Any = None

    def line_of(self, key: str, sub: str | int | None = None) -> int | None:
        """Line of `key`, of its sub-key or of its list item `sub`."""
        if self.toml:
            return _toml_line(self.text, key, sub if isinstance(sub, str) else None)
        if self._located is None:
            from .yamlutil import LocatedYaml

            self._located = LocatedYaml(self.data, self.text)
        return self._located.line_of(key, sub) if sub is not None else self._located.line_of(key)

    def error(self, message: str, key: str | None = None, sub: str | None = None) -> ConfigError:
        line = self.line_of(key, sub) if key else None
        return ConfigError(str(self.path), message, line, key if sub is None else f"{key}.{sub}")


def _toml_line(text: str, key: str, sub: str | None) -> int | None:
    """Line of `key` (or `key.sub`) in the [tool.newslint] part of a pyproject.toml."""
    in_section = False
    target_table = f"tool.newslint.{key}"
    in_sub_table = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$", stripped)
        if header:
            name = header.group(1).replace('"', "").replace(" ", "")
            in_section = name == "tool.newslint" or name.startswith("tool.newslint.")
            in_sub_table = name == target_table
            if in_sub_table and sub is None:
                return number
            continue
        if not in_section:
            continue
        wanted = sub if (in_sub_table and sub is not None) else key
        if re.match(rf"^[\"']?{re.escape(wanted)}[\"']?\s*=", stripped):
            return number
    return None


def _read_file(path: Path) -> _Raw | None:
    """The newslint table of a config file, or None when a pyproject.toml has none."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not valid UTF-8 (byte {exc.start})") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        import tomllib

        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise ConfigError(str(path), f"invalid TOML: {exc}", int(m.group(1)) if m else None) from None
        except RecursionError:
            raise ConfigError(str(path), "invalid TOML: nested too deeply") from None
        table = doc.get("tool", {}).get("newslint") if isinstance(doc.get("tool"), dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(str(path), "[tool.newslint] must be a table", _toml_line(text, "", None))
        return _Raw(path, table, text, True)
    from .yamlutil import parse_yaml

    located = parse_yaml(text, str(path), ConfigError)
    data = located.data
    if data is None:
        data = {}
    if isinstance(data, dict) and set(data) == {"newslint"} and isinstance(data["newslint"], dict):
        data = data["newslint"]  # a top-level `newslint:` section is accepted too
    if not isinstance(data, dict):
        raise ConfigError(str(path), "a config file must be a mapping of keys (see `newslint init`)", 1)
    return _Raw(path, data, text, False)


def _rules_list(raw: _Raw, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise raw.error(f"'{key}' must be a list of rule ids, prefixes or names", key)
    return tuple(v.strip() for v in value if v.strip())


def _paths(raw: _Raw, key: str, value: Any) -> tuple[Path, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise raw.error(f"'{key}' must be a path or a list of paths", key)
    out = []
    for v in value:
        p = (raw.path.parent / os.path.expanduser(v)).resolve()
        if not p.exists():
            raise raw.error(f"'{key}': {v} does not exist (relative to {raw.path.parent})", key)
        out.append(p)
    return tuple(out)


def _parse(raw: _Raw) -> dict[str, Any]:
    """Validate one file's keys and values; paths resolved against the file's folder."""
    out: dict[str, Any] = {}
    uses: list[tuple[str, str, str, int | None]] = []
    for key, value in raw.data.items():
        if key not in KEYS:
            from .suggest import did_you_mean

            hint = did_you_mean(str(key), KEYS) or f" (known: {', '.join(KEYS)})"
            raise raw.error(f"unknown key '{key}'{hint}", str(key))
        kind = KEYS[key][0]
        if kind == "rules":
            out[key] = _rules_list(raw, key, value)
            for index, pattern in enumerate(out[key]):
                uses.append((pattern, str(raw.path), key, raw.line_of(key, index if isinstance(value, list) else None)))
        elif kind == "paths":
            out[key] = _paths(raw, key, value)
        elif kind == "patterns":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise raw.error(f"'{key}' must be a list of gitignore-style patterns", key)
            from .exclude import pattern_error

            for i, v in enumerate(value):
                why = pattern_error(v.strip())
                if why is not None:
                    raise ConfigError(str(raw.path), f"'{key}': pattern {v.strip()!r} is not usable: {why}",
                                      raw.line_of(key, i), f"{key}.{i}")
            out[key] = tuple((raw.path.parent.resolve(), v.strip()) for v in value)
        elif kind == "written-file":  # a file newslint may write (a baseline): it need not exist yet
            if not isinstance(value, str) or not value.strip():
                raise raw.error(f"'{key}' must be a file path", key)
            out[key] = (raw.path.parent / os.path.expanduser(value)).resolve()
        elif kind == "bool":
            if not isinstance(value, bool):
                raise raw.error(f"'{key}' must be true or false, got {value!r}", key)
            out[key] = value
        elif kind == "path":
            if not isinstance(value, str):
                raise raw.error(f"'{key}' must be a path", key)
            out[key] = value
        elif kind == "words":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise raw.error(f"'{key}' must be a list of words or names", key)
            out[key] = tuple(value)
        elif kind == "date":
            try:
                out[key] = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                raise raw.error(f"'{key}' must be a date YYYY-MM-DD, got {value!r}", key) from None
        elif kind == "choice":
            choices = CHOICES[key]
            if value not in choices:
                raise raw.error(f"'{key}' must be one of {', '.join(choices)}, got {value!r}", key)
            out[key] = value
        elif kind == "str":
            if not isinstance(value, str) or not value.strip():
                raise raw.error(f"'{key}' must be a non-empty string, got {value!r}", key)
            out[key] = value.strip()
            if key == "deep-model" and (value.endswith(".gguf") or "/" in value):
                out[key] = str((raw.path.parent / os.path.expanduser(value.strip())).resolve())
        elif kind == "severities":
            if not isinstance(value, dict):
                raise raw.error(f"'{key}' must map rules to error, warning or info", key)
            sev: dict[str, Severity] = {}
            for rule, level in value.items():
                try:
                    sev[str(rule)] = Severity(level)
                except ValueError:
                    raise raw.error(f"severity of {rule} must be error, warning or info, got {level!r}", key, str(rule)) from None
                uses.append((str(rule), str(raw.path), f"{key}.{rule}", raw.line_of(key, str(rule))))
            out[key] = sev
        elif kind == "map":
            if not isinstance(value, dict):
                raise raw.error(f"'{key}' must map gitignore-style patterns to lists of rules", key)
            from .exclude import pattern_error

            for pattern in value:
                if str(pattern).strip().startswith("!") or not str(pattern).strip():
                    raise raw.error(f"pattern {str(pattern)!r}: per-file-ignores patterns cannot be empty or start with '!'",
                                    key, str(pattern))
                why = pattern_error(str(pattern).strip())
                if why is not None:
                    raise raw.error(f"pattern {str(pattern)!r} is not usable: {why}", key, str(pattern))
            out[key] = tuple((raw.path.parent.resolve(), str(pattern), _rules_list(raw, key, rules))
                             for pattern, rules in value.items())
            for _base, pattern, rules in out[key]:
                uses.extend((rule, str(raw.path), f"{key}.{pattern}", raw.line_of(key, pattern)) for rule in rules)
        elif kind == "packs":
            out[key] = _packs(raw, key, value)
        elif kind == "file":
            if not isinstance(value, str) or not value.strip():
                raise raw.error(f"'{key}' must be a path", key)
            target = (raw.path.parent / os.path.expanduser(value)).resolve()
            if not target.is_file():
                raise raw.error(f"'{key}': {value} is not a file (relative to {raw.path.parent})", key)
            out[key] = target
    if "packs" in out:  # a pack's rules and dictionaries join the file's own
        from . import packs as packs_module

        found = [packs_module.find(name) for name in out["packs"]]
        out["rules"] = tuple(dict.fromkeys((*out.get("rules", ()), *(p.rules for p in found if p.rules))))
        out["dictionaries"] = tuple(dict.fromkeys((*out.get("dictionaries", ()), *(p.dictionaries for p in found if p.dictionaries))))
    if "accept-file" in out:
        words = list(out.get("accept", ()))
        for p in out.pop("accept-file"):
            words.extend(_read_word_list(p))
        out["accept"] = tuple(words)
    out["selectors"] = tuple(uses)
    return out


def _packs(raw: _Raw, key: str, value: Any) -> tuple[str, ...]:
    """Pack names, each installed and loadable (errors name the file, line and entry)."""
    from .errors import NewslintError
    from .packs import find

    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(v, str) and v.strip() for v in names):
        raise raw.error(f"'{key}' must be a list of pack names (`newslint packs` lists the installed ones)", key)
    for index, name in enumerate(names):
        try:
            find(name.strip())
        except NewslintError as exc:
            message = f"{exc.path}: {exc.message}" if exc.path != name.strip() else exc.message
            sub = index if isinstance(value, list) else None
            raise ConfigError(str(raw.path), message, raw.line_of(key, sub), key) from None
    return tuple(dict.fromkeys(n.strip() for n in names))


def _read_word_list(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read accept file: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Combine two parsed configs, `over` winning: scalars and select/ignore are replaced;
    severity and per-file-ignores are merged key by key; rules, dictionaries and accept add up."""
    out = dict(base)
    for key, value in over.items():
        if key == "severity":
            out[key] = {**base.get(key, {}), **value}
        elif key == "per-file-ignores":
            patterns = {p: (b, p, r) for b, p, r in base.get(key, ())}
            patterns.update({p: (b, p, r) for b, p, r in value})
            out[key] = tuple(patterns.values())
        elif key in ("rules", "dictionaries", "accept", "selectors", "packs", "extend-exclude"):
            out[key] = tuple(dict.fromkeys((*base.get(key, ()), *value)))
        else:
            out[key] = value
    return out


def _load_chain(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    path = path.resolve()
    if path in seen:
        chain = " -> ".join(str(p) for p in (*seen, path))
        raise ConfigError(str(path), f"'extends' loops: {chain}")
    raw = _read_file(path)
    if raw is None:
        raise ConfigError(str(path), "has no [tool.newslint] table")
    parsed = _parse(raw)
    parent = parsed.pop("extends", None)
    if parent is None:
        return parsed
    parent_path = (path.parent / os.path.expanduser(parent)).resolve()
    if not parent_path.is_file():
        raise raw.error(f"'extends': {parent} does not exist (relative to {path.parent})", "extends")
    return merge(_load_chain(parent_path, (*seen, path)), parsed)


@lru_cache(maxsize=256)
def load_config(path: Path) -> Config:
    """Read a config file (following `extends`) into a Config."""
    data = _load_chain(path)
    return Config(
        source=str(path),
        select=data.get("select"),
        ignore=data.get("ignore", ()),
        per_file_ignores=data.get("per-file-ignores", ()),
        severity=tuple(data.get("severity", {}).items()),
        rules=data.get("rules", ()),
        dictionaries=data.get("dictionaries", ()),
        packs=data.get("packs", ()),
        vale=data.get("vale"),
        accept=data.get("accept", ()),
        date=data.get("date"),
        quotes=data.get("quotes", "check"),
        fail_on=data.get("fail-on"),
        selectors=data.get("selectors", ()),
        exclude=data.get("exclude"),
        extend_exclude=data.get("extend-exclude", ()),
        respect_gitignore=data.get("respect-gitignore", True),
        force_exclude=data.get("force-exclude", False),
        deep=bool(data.get("deep", False)),
        deep_model=data.get("deep-model"),
        baseline=data.get("baseline"),
    )


# --- discovery ------------------------------------------------------------------------------

def user_config_path() -> Path:
    """$XDG_CONFIG_HOME/newslint/newslint.yaml (default ~/.config/newslint/newslint.yaml)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "newslint" / "newslint.yaml"


@lru_cache(maxsize=4096)
def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name == "pyproject.toml" and not _has_newslint_table(candidate):
                continue
            return candidate
    return None


def _has_newslint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "newslint" not in text:
        return False
    return _read_file(path) is not None


def find_config(start: Path) -> Path | None:
    """The closest config file at or above `start` (a file or folder), else the user config."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    return _find_from(folder)


@lru_cache(maxsize=4096)
def _find_from(folder: str) -> Path | None:
    """find_config for a folder (remembered: the files of one folder are checked with one config)."""
    path = Path(folder)
    for candidate in (path, *path.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    user = user_config_path()
    return user if user.is_file() else None


def config_for(path: Path | str | None, explicit: Path | None = None) -> Config:
    """The Config that applies to `path` (None: standard input, discovered from the cwd)."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(str(explicit), "no such config file")
        return load_config(explicit.resolve())
    found = find_config(Path(path) if path is not None else Path.cwd())
    return load_config(found.resolve()) if found is not None else Config()


def clear_caches() -> None:
    """Forget cached discovery and parsed files (tests, long-running servers)."""
    load_config.cache_clear()
    _config_in.cache_clear()
    _find_from.cache_clear()


# --- applying -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overrides:
    """Command-line options that override the config (None: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: tuple[Path, ...] = ()
    dictionaries: tuple[Path, ...] = ()
    date: date | None = None
    fail_on: str | None = None
    vale: Path | None = None
    deep: bool = False
    deep_model: str | None = None


@dataclass(frozen=True)
class Settings:
    """What one file is checked with: the config plus command-line overrides."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, Severity], ...]
    rules: tuple[Path, ...]
    dictionaries: tuple[Path, ...]
    accept: tuple[str, ...]
    quotes: str
    date: date | None
    fail_on: str
    source: str
    vale: Path | None = None
    deep: bool = False
    deep_model: str | None = None


def settings_for(config: Config, path: Path | str | None, cli: Overrides) -> Settings:
    """Combine a config and the command line for one file. --select replaces the config's
    select; --ignore and per-file-ignores add to its ignore; --rules/--dictionary add paths."""
    per_file = config.ignores_for(path) if path is not None else ()
    return Settings(
        select=cli.select if cli.select is not None else config.select,
        ignore=tuple(dict.fromkeys((*config.ignore, *per_file, *cli.ignore))),
        severity=config.severity,
        rules=tuple(dict.fromkeys((*config.rules, *cli.rules))),
        dictionaries=tuple(dict.fromkeys((*config.dictionaries, *cli.dictionaries))),
        accept=config.accept,
        quotes=config.quotes,
        date=cli.date or config.date,
        fail_on=cli.fail_on or config.fail_on or "warning",
        source=config.source,
        vale=cli.vale or config.vale,
        deep=cli.deep or config.deep or bool(cli.deep_model or config.deep_model),
        deep_model=cli.deep_model or config.deep_model,
    )


def check_selectors(config: Config, cli: Overrides, specs: list[Any]) -> None:
    """Raise ConfigError for the first rule pattern (command line first, then config files) that
    selects no loaded rule, naming where it is written and the closest rule ids and names."""
    from .rules.registry import _specificity, unknown_selector_message

    def unknown(pattern: str) -> bool:
        return pattern.strip().upper() != "ALL" and all(_specificity(spec, [pattern]) < 0 for spec in specs)

    for option, patterns in (("--select", cli.select or ()), ("--ignore", cli.ignore)):
        for pattern in patterns:
            if unknown(pattern):
                raise ConfigError(option, unknown_selector_message(specs, pattern))
    for pattern, path, key, line in config.selectors:
        if unknown(pattern):
            raise ConfigError(path, unknown_selector_message(specs, pattern), line, key)


def expand_severities(specs: Iterable[Any], overrides: Iterable[tuple[str, Severity]]) -> dict[str, Severity]:
    """Rule id -> severity, from overrides keyed by id, prefix or name (longest key wins)."""
    from .rules.registry import _specificity

    out: dict[str, Severity] = {}
    for spec in specs:
        best = -1
        for key, level in overrides:
            score = _specificity(spec, [key])
            if score > best:
                best, out[spec.id] = score, level
    return out


STARTER = """\
# newslint configuration. newslint uses the closest newslint.yaml (or [tool.newslint] in
# pyproject.toml) above each checked file; `newslint check --config FILE` names one instead.
# Paths are relative to this file. Every key is optional; delete what you do not need.

# extends: ../newslint.yaml          # start from another config; keys here override it

# Rules: ids (NL101), id prefixes (NL1 = names, NL2 = phrases, NL3 = text damage,
# NL4 = attribution, NL5 = grammar) or names (misspelled-name). The longest match wins.
# select: [ALL]                      # default: every rule that is on by default
ignore: []
# per-file-ignores:                  # gitignore-style pattern (relative to this file) -> rules to skip
#   "archive/**": [NL302]             # everything below archive/ ("archive/*.md": only its own files)

# Files not to check (gitignore patterns, relative to this file). exclude replaces the
# defaults (.*, node_modules/, __pycache__/); extend-exclude adds to them.
# exclude: [".*", "node_modules/", "__pycache__/"]
# extend-exclude: ["drafts/", "wire/*.txt"]
# baseline: .newslint-baseline.json  # known findings not reported; write it with
#                                    #   newslint check --write-baseline .newslint-baseline.json content/
# respect-gitignore: true            # leave out what .gitignore files exclude (in a git work tree)
# force-exclude: false               # true: also for files named on the command line (pre-commit passes them)

# severity:                          # error | warning | info
#   NL102: warning

# rules: [house-rules/]              # extra YAML rule files or folders
# dictionaries: [names/]             # extra known-name dictionaries (.yaml, .csv, .jsonl)
# packs: [desk-style]                # installed rule packs (`newslint packs` lists them)
# vale: .vale.ini                    # also run the Vale styles this .vale.ini names (--vale-config wins)

accept: []                           # words and names never flagged, e.g. [Kiel Starmer]
# accept-file: accept.txt            # one word or name per line

# date: 2025-03-01                   # default article date; front matter and --date win
quotes: check                        # check | skip; text inside direct quotes is never auto-fixed
fail-on: warning                     # error | warning | info | never
# deep: true                         # the wording model (NL210, NL211); pip install 'newslint[deep]'
# deep-model: smollm2                # or a path to a .gguf file (implies deep)
"""


# --- linters per configuration --------------------------------------------------------------

class Checker:
    """A configured api.Linter and the settings it was built from (what the fixer and the CLI use)."""

    def __init__(self, linter: Any, settings: Settings) -> None:
        self.linter = linter
        self.engine = linter.engine
        self.settings = settings

    def check_document(self, doc: Any, article_date: date | None = None) -> Any:
        """Findings of the linter for `doc`."""
        return self.linter.check_document(doc, article_date)


class CheckerPool:
    """One api.Linter per distinct effective configuration (usually one per run)."""

    def __init__(self, grammar: str | None = None, languagetool_url: str | None = None) -> None:
        self.grammar = grammar
        self.languagetool_url = languagetool_url
        self._checkers: dict[tuple[Any, ...], Checker] = {}

    def checkers(self) -> list[Checker]:
        """Every checker built so far."""
        return list(self._checkers.values())

    def get(self, settings: Settings) -> Checker:
        """The checker for these settings (raises NewslintError for a bad rule or dictionary file)."""
        key = (settings.select, settings.ignore, settings.severity, settings.rules, settings.dictionaries,
               settings.accept, settings.quotes, settings.vale, settings.deep, settings.deep_model)
        checker = self._checkers.get(key)
        if checker is not None:
            return checker
        from .api import Linter

        linter = Linter(select=settings.select, ignore=settings.ignore, rule_paths=settings.rules,
                        dictionary_paths=settings.dictionaries, accept=settings.accept, quotes=settings.quotes,
                        vale_config=settings.vale,
                        grammar=self.grammar, languagetool_url=self.languagetool_url,
                        deep=settings.deep, deep_model=settings.deep_model)
        # severity overrides may name prefixes and rule names: resolved against the loaded rules
        linter.engine.severities.update(expand_severities(linter.specs, settings.severity))
        if any(r.spec.kind == "names" for r in linter.engine.rules):
            linter.resources.names  # load dictionaries now: a malformed one is a config error  # noqa: B018
        checker = Checker(linter, settings)
        self._checkers[key] = checker
        return checker
