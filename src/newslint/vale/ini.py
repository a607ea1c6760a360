""".vale.ini: StylesPath, MinAlertLevel, Vocab and the glob sections that switch styles and rules on.

Read the way Vale reads it: `key = value` lines, `#` and `;` comments (also after a value),
keys before the first section are global, each `[glob]` section applies to the files its glob
matches (`{md,txt}` alternatives allowed), in the order written, later ones winning.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NewslintError

LEVELS = ("suggestion", "warning", "error")
GLOBAL_KEYS = {"StylesPath", "MinAlertLevel", "Vocab", "Packages", "IgnoredScopes", "SkippedScopes", "WordTemplate",
               "IgnoredClasses", "NLPEndpoint"}
SUPPORTED_GLOBAL = {"StylesPath", "MinAlertLevel", "Vocab"}
SUPPORTED_SECTION = {"BasedOnStyles"}


class ValeError(NewslintError):
    """A Vale configuration or style that cannot be used."""


@dataclass
class Section:
    """One `[glob]` section."""

    glob: str
    line: int
    styles: list[str] | None = None  # BasedOnStyles (None: not set here)
    rules: dict[str, str] = field(default_factory=dict)  # Style.Rule -> YES | NO | a level
    other: dict[str, tuple[str, int]] = field(default_factory=dict)  # keys newslint does not apply

    def matches(self, relative: str, name: str) -> bool:
        """Whether the section's glob matches a file (its path relative to the .vale.ini, or its name)."""
        return any(_glob_match(pattern, relative) or ("/" not in pattern and _glob_match(pattern, name))
                   for pattern in _expand_braces(self.glob))


@dataclass
class ValeIni:
    """A parsed .vale.ini."""

    path: Path
    styles_path: Path
    min_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    ignored: list[tuple[str, int]] = field(default_factory=list)  # (global key, line) newslint does not apply


def _expand_braces(glob: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", glob)
    if m is None:
        return [glob]
    out: list[str] = []
    for alternative in m.group(1).split(","):
        out.extend(_expand_braces(glob[:m.start()] + alternative.strip() + glob[m.end():]))
    return out


def _glob_match(pattern: str, path: str) -> bool:
    if pattern in ("*", "**"):
        return True
    return fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.replace("**/", ""))


def _strip_comment(value: str) -> str:
    """A value without a trailing `# comment` or `; comment` (after white space)."""
    return re.split(r"\s+[#;]", value, maxsplit=1)[0].strip()


def read_ini(path: Path) -> ValeIni:
    """Parse a .vale.ini; a missing file, a missing StylesPath folder or a bad line is a ValeError."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValeError(name, "no such Vale configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeError(name, f"cannot read: {exc}") from None
    globals_: dict[str, tuple[str, int]] = {}
    sections: list[Section] = []
    formats: dict[str, str] = {}
    current: Section | None = None
    in_formats = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        header = re.fullmatch(r"\[(.+)\]\s*(?:[#;].*)?", line)
        if header:
            glob = header.group(1).strip()
            in_formats = glob == "formats"
            current = None if in_formats else Section(glob, number)
            if current is not None:
                sections.append(current)
            continue
        if "=" not in line:
            raise ValeError(name, f"cannot read this line (expected 'key = value'): {line!r}", number)
        key, _, value = line.partition("=")
        key, value = key.strip(), _strip_comment(value)
        if in_formats:
            formats[key] = value
        elif current is None:
            globals_[key] = (value, number)
        elif key == "BasedOnStyles":
            current.styles = [s.strip() for s in value.split(",") if s.strip()]
        elif re.fullmatch(r"[\w-]+\.[\w-]+", key):
            choice = value.strip()
            if choice.upper() not in ("YES", "NO") and choice.lower() not in LEVELS:
                raise ValeError(name, f"{key} must be YES, NO, suggestion, warning or error, got {choice!r}", number, key)
            current.rules[key] = choice.upper() if choice.upper() in ("YES", "NO") else choice.lower()
        else:
            current.other[key] = (value, number)
    styles_value = globals_.get("StylesPath", (".", 0))[0]
    styles_path = (path.parent / styles_value).resolve()
    if not styles_path.is_dir():
        raise ValeError(name, f"StylesPath {styles_value} is not a folder (relative to {path.parent})",
                        globals_.get("StylesPath", ("", None))[1], "StylesPath")
    min_level = globals_.get("MinAlertLevel", ("suggestion", 0))[0].lower()
    if min_level not in LEVELS:
        raise ValeError(name, f"MinAlertLevel must be suggestion, warning or error, got {min_level!r}",
                        globals_["MinAlertLevel"][1], "MinAlertLevel")
    vocab = [v.strip() for v in globals_.get("Vocab", ("", 0))[0].split(",") if v.strip()]
    ignored = [(k, n) for k, (_, n) in globals_.items() if k not in SUPPORTED_GLOBAL]
    return ValeIni(path, styles_path, min_level, vocab, sections, formats, ignored)
