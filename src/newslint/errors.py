"""Errors that stop one input or one configuration, reported as one clear line."""

from __future__ import annotations


class NewslintError(Exception):
    """Base class: a user-facing error with a location."""

    def __init__(self, path: str, message: str, line: int | None = None, key: str | None = None) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


class RuleError(NewslintError):
    """A malformed rule file."""


class DictionaryError(NewslintError):
    """A malformed dictionary file."""


class ConfigError(NewslintError):
    """A malformed configuration file or option."""


class InputError(NewslintError):
    """An article that cannot be read."""
