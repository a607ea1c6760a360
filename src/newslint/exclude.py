"""Which files a folder walk checks: `exclude` / `extend-exclude` patterns and `.gitignore`, with
gitignore semantics (pathspec), as ruff does. Per-file ignores use the same matcher.

A pattern is relative to the folder of the file that names it (a config file; the current folder
for the command line). As in `.gitignore`: a pattern without a '/' (other than a trailing one)
matches a name at any depth (`drafts/`, `*.bak`); one with a '/' is anchored to that folder
(`archive/*.md` matches archive/x.md, not archive/2024/x.md; `archive/**` matches both); '*'
never crosses a '/'; a trailing '/' matches folders only; '!' re-includes.

Paths named on the command line are checked even when a pattern matches them, unless
`force-exclude` is on (pre-commit and CI pass changed files by name: they want it on).
`.gitignore` files (and `.git/info/exclude`) are honoured inside a git work tree, the deeper
file winning, unless `respect-gitignore` is off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_EXCLUDE = (".*", "node_modules/", "__pycache__/")
"""Excluded unless a config's `exclude` (or --exclude) replaces them: hidden files and folders
(.git, .venv, .cache ...), node_modules, __pycache__."""


@lru_cache(maxsize=4096)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def pattern_error(pattern: str) -> str | None:
    """Why a gitignore-style pattern cannot be used ('[z-a]': a bad character range), or None."""
    import re

    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except re.error as exc:
        return exc.msg  # without the position in the regular expression pathspec made of it
    except ValueError as exc:  # pathspec's GitWildMatchPatternError
        return str(exc)
    return None


def _usable(lines: Iterable[str]) -> tuple[str, ...]:
    """A .gitignore's patterns without the lines git itself would not use (comments, blanks and
    patterns that do not compile)."""
    return tuple(line for line in lines if line.strip() and not line.startswith("#") and pattern_error(line) is None)


def relative_posix(path: Path, base: Path) -> str | None:
    """`path` relative to `base` with '/' (None when `path` is not below it)."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return None


@dataclass(frozen=True)
class PatternSet:
    """Gitignore-style patterns relative to one folder."""

    base: Path
    patterns: tuple[str, ...]

    def check(self, path: Path, is_dir: bool, root: Path | None = None) -> bool | None:
        """True: excluded; False: re-included by a '!' pattern; None: no pattern matches.
        A path outside `base` is matched relative to `root` (the folder being walked) by the
        patterns that are not anchored to `base` (no '/' but a trailing one, or a leading '**/')."""
        if not self.patterns:
            return None
        patterns = self.patterns
        rel = relative_posix(path, self.base)
        if rel is None and root is not None:
            rel = relative_posix(path, root)
            patterns = _unanchored(self.patterns)
        if not rel or rel == "." or not patterns:
            return None
        result = _spec(patterns).check_file(rel + "/" if is_dir else rel)
        return result.include


@lru_cache(maxsize=1024)
def _unanchored(patterns: tuple[str, ...]) -> tuple[str, ...]:
    def anchored(pattern: str) -> bool:
        core = pattern.removeprefix("!").rstrip("/")
        return "/" in core and not core.startswith("**/")

    return tuple(p for p in patterns if not anchored(p))


def matches(path: Path, base: Path, pattern: str) -> bool:
    """One gitignore-style pattern (relative to `base`) matches the file `path` (per-file ignores).
    A file outside `base` can only match a pattern that is not anchored (`*.md`, `drafts/`)."""
    target = Path(os.path.abspath(path))
    rel = relative_posix(target, Path(os.path.abspath(base)))
    if rel is None:
        if not _unanchored((pattern,)):
            return False
        rel = target.as_posix().lstrip("/")
    return bool(_spec((pattern,)).match_file(rel))


# --- .gitignore ---------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def git_root(folder: Path) -> Path | None:
    """The work tree root at or above `folder` (the folder holding `.git`), or None."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@lru_cache(maxsize=4096)
def _gitignore(folder: Path) -> PatternSet | None:
    """The patterns of `folder/.gitignore` (None when there is none or it cannot be read)."""
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    lines = _usable(text.splitlines())
    return PatternSet(folder, lines) if lines else None


@lru_cache(maxsize=256)
def _info_exclude(root: Path) -> PatternSet | None:
    try:
        text = (root / ".git" / "info" / "exclude").read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    lines = _usable(text.splitlines())
    return PatternSet(root, lines) if lines else None


def gitignored(path: Path, is_dir: bool) -> bool:
    """`.gitignore` files from the work tree root down to the path's folder (and
    `.git/info/exclude`) exclude `path`; the deepest matching pattern decides."""
    root = git_root(path.parent)
    if root is None:
        return False
    rel_parts = path.parent.relative_to(root).parts
    folders = [root, *(root.joinpath(*rel_parts[: i + 1]) for i in range(len(rel_parts)))]
    verdict: bool | None = None
    for patterns in (_info_exclude(root), *(_gitignore(f) for f in folders)):
        if patterns is not None:
            found = patterns.check(path, is_dir)
            if found is not None:
                verdict = found
    return bool(verdict)


# --- the walk -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExcludeSettings:
    """What excludes files for one config: its patterns (each relative to the file naming it)."""

    exclude: tuple[PatternSet, ...]
    respect_gitignore: bool = True
    force_exclude: bool = False

    def excluded(self, path: Path, is_dir: bool, root: Path | None = None) -> bool:
        """Whether a pattern or a .gitignore excludes `path` (absolute)."""
        verdict: bool | None = None
        for patterns in self.exclude:
            found = patterns.check(path, is_dir, root)
            if found is not None:
                verdict = found
        if verdict:
            return True
        return self.respect_gitignore and gitignored(path, is_dir)


@dataclass(frozen=True)
class ExcludeOptions:
    """The command line's exclusion options (None: not given, the config decides)."""

    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None


def settings_from(config: Any, cli: ExcludeOptions, cwd: Path) -> ExcludeSettings:
    """Combine a Config's exclusion keys with the command line: --exclude replaces the config's
    exclude (and the defaults); --extend-exclude adds; the switches win."""
    if cli.exclude is not None:
        base = (PatternSet(cwd, cli.exclude),)
    else:
        base = tuple(PatternSet(folder, (pattern,)) for folder, pattern in config.exclude) if config.exclude is not None \
            else (PatternSet(cwd, DEFAULT_EXCLUDE),)
    extra = tuple(PatternSet(folder, (pattern,)) for folder, pattern in config.extend_exclude)
    if cli.extend_exclude:
        extra += (PatternSet(cwd, cli.extend_exclude),)
    return ExcludeSettings(
        exclude=_merged(base + extra),
        respect_gitignore=cli.respect_gitignore if cli.respect_gitignore is not None else config.respect_gitignore,
        force_exclude=cli.force_exclude if cli.force_exclude is not None else config.force_exclude,
    )


def _merged(sets: Iterable[PatternSet]) -> tuple[PatternSet, ...]:
    """Consecutive patterns of one folder as one set (one compiled spec; order kept for '!')."""
    out: list[PatternSet] = []
    for s in sets:
        if out and out[-1].base == s.base:
            out[-1] = PatternSet(s.base, out[-1].patterns + s.patterns)
        else:
            out.append(s)
    return tuple(out)


@dataclass
class Expanded:
    """The files a run checks, and how many files a pattern or .gitignore left out (files with a
    checked suffix in the folders walked, and paths given by name; not what excluded folders hold)."""

    files: list[Path]
    excluded: int = 0


def walk(paths: Iterable[Path], suffixes: tuple[str, ...],
         settings_for: Callable[[Path], ExcludeSettings] | None = None) -> Expanded:
    """Files given by name, plus the files with one of `suffixes` found in folders, recursively
    (sorted per folder given), without what `settings_for(folder)` excludes; excluded folders are
    not entered. A path given by name is only excluded with force-exclude."""
    out = Expanded([])
    for given in paths:
        absolute = Path(os.path.abspath(given))
        if settings_for is not None:
            rules = settings_for(absolute if given.is_dir() else absolute.parent)
            if rules.force_exclude and rules.excluded(absolute, given.is_dir()):
                out.excluded += 1
                continue
        if not given.is_dir():
            out.files.append(given)
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(given):
            folder_abs = Path(os.path.abspath(folder))
            rules_here = settings_for(folder_abs) if settings_for is not None else None
            dirs[:] = sorted(d for d in dirs if d != ".git"
                             and (rules_here is None or not rules_here.excluded(folder_abs / d, True, absolute)))
            for name in files:
                if os.path.splitext(name)[1].lower() not in suffixes:
                    continue
                if rules_here is not None and rules_here.excluded(folder_abs / name, False, absolute):
                    out.excluded += 1
                    continue
                found.append(Path(folder) / name)
        out.files.extend(sorted(found))
    return out


def clear_caches() -> None:
    """Forget cached .gitignore files and work tree roots (tests, long-running processes)."""
    git_root.cache_clear()
    _gitignore.cache_clear()
    _info_exclude.cache_clear()
