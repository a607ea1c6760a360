"""Rule packs: Python packages that ship YAML rules and dictionaries for newslint.

A pack announces itself with an entry point in the group `newslint.packs`; the entry point's
name is the pack's name and its value names a Python package (module) whose folder holds
`rules/` (rule YAML files, as in newslint's own rules/) and/or `dictionaries/` (.yaml, .csv,
.jsonl name lists):

    [project.entry-points."newslint.packs"]
    desk-style = "desk_style"

Installing a pack enables nothing: a config enables it with `packs: [desk-style]`.
`newslint packs` lists what is installed. Loading never runs code of the pack beyond importing
the named package (its __init__.py).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType

from .errors import NewslintError

GROUP = "newslint.packs"


class PackError(NewslintError):
    """An installed pack that cannot be used (its entry point points nowhere, no rules or dictionaries)."""


@dataclass(frozen=True)
class Pack:
    """An installed, loadable pack."""

    name: str
    target: str  # the entry point's value
    distribution: str
    version: str
    folder: Path
    rules: Path | None
    dictionaries: Path | None
    description: str

    def rule_files(self) -> list[Path]:
        """The pack's rule files (sorted)."""
        from .rules.loader import rule_files

        return rule_files(self.rules) if self.rules is not None else []

    def dictionary_files(self) -> list[Path]:
        """The pack's dictionary files (sorted)."""
        from .resources import BIG_SUFFIXES, DICTIONARY_SUFFIXES

        if self.dictionaries is None:
            return []
        return sorted(p for p in self.dictionaries.iterdir()
                      if p.is_file() and (p.suffix in DICTIONARY_SUFFIXES or p.name.endswith(BIG_SUFFIXES)))


def entry_points() -> list[metadata.EntryPoint]:
    """Every entry point of the group, sorted by name (a name installed twice appears twice)."""
    return sorted(metadata.entry_points(group=GROUP), key=lambda ep: (ep.name, ep.value))


def _where(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    owner = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
    return f"pack '{ep.name}' ({owner}, entry point {GROUP}: {ep.name} = {ep.value})"


def load(ep: metadata.EntryPoint) -> Pack:
    """Resolve an entry point into a Pack; PackError names the pack and what is wrong."""
    where = _where(ep)
    module_name, _, attr = ep.value.partition(":")
    module_name = module_name.strip()
    try:
        target: object = importlib.import_module(module_name)
        for part in (a for a in attr.strip().split(".") if a):
            target = getattr(target, part)
    except ModuleNotFoundError as exc:
        raise PackError(where, f"points nowhere: no module named '{exc.name or module_name}'") from None
    except AttributeError as exc:
        raise PackError(where, f"points nowhere: {exc}") from None
    except Exception as exc:  # the pack's own __init__ failed
        raise PackError(where, f"cannot be imported: {type(exc).__name__}: {exc}") from None
    if not isinstance(target, ModuleType) or not getattr(target, "__file__", None):
        raise PackError(where, "must name a package (a module with a folder holding rules/ or dictionaries/), "
                               f"not {type(target).__name__}")
    folder = Path(str(target.__file__)).resolve().parent
    rules = folder / "rules"
    dictionaries = folder / "dictionaries"
    if not rules.is_dir() and not dictionaries.is_dir():
        raise PackError(where, f"has neither a rules/ nor a dictionaries/ folder in {folder} "
                               "(are the YAML files included in the wheel?)")
    dist = getattr(ep, "dist", None)
    doc = (target.__doc__ or "").strip().splitlines()
    return Pack(ep.name, ep.value, dist.name if dist is not None else "?", dist.version if dist is not None else "?",
                folder, rules if rules.is_dir() else None, dictionaries if dictionaries.is_dir() else None,
                doc[0].strip() if doc else "")


def find(name: str) -> Pack:
    """The installed pack called `name`; PackError when none is (the message lists the installed ones)."""
    found = [ep for ep in entry_points() if ep.name == name]
    if not found:
        names = sorted({ep.name for ep in entry_points()})
        listed = f"installed: {', '.join(names)}" if names else f"no pack is installed (entry point group {GROUP})"
        raise PackError(name, f"no installed pack named '{name}' ({listed})")
    if len({ep.value for ep in found}) > 1:
        owners = "; ".join(_where(ep) for ep in found)
        raise PackError(name, f"several installed packs are named '{name}': {owners}")
    return load(found[0])
