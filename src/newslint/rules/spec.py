"""RuleSpec: a validated rule, and the option schema that kinds declare."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Severity

RULE_ID = re.compile(r"^NL\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

_REQUIRED = object()


@dataclass(frozen=True)
class Option:
    """One option of a rule kind: its type, default and a one-line help."""

    type: str  # str | int | float | bool | str_list | str_map | any
    help: str
    default: Any = _REQUIRED
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        """True when a rule must give this option."""
        return self.default is _REQUIRED


def check_option(name: str, option: Option, value: Any) -> str | None:
    """Return an error message when `value` does not fit `option`, else None."""
    t = option.type
    if t == "str" and not isinstance(value, str):
        return f"option '{name}' must be a string"
    if t == "bool" and not isinstance(value, bool):
        return f"option '{name}' must be true or false"
    if t == "int" and (not isinstance(value, int) or isinstance(value, bool)):
        return f"option '{name}' must be an integer"
    if t == "float" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        return f"option '{name}' must be a number"
    if t == "str_list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"option '{name}' must be a list of strings"
    if t == "str_map":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            return f"option '{name}' must be a mapping of strings to strings"
    if t in ("int", "float"):
        if option.minimum is not None and value < option.minimum:
            return f"option '{name}' must be >= {option.minimum}"
        if option.maximum is not None and value > option.maximum:
            return f"option '{name}' must be <= {option.maximum}"
    if option.choices and value not in option.choices:
        return f"option '{name}' must be one of {', '.join(option.choices)}"
    return None


@dataclass(frozen=True)
class Example:
    """A text a rule must flag (with its expected top suggestion) or leave alone."""

    text: str
    suggestion: str | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A rule loaded from YAML and validated: one instance of a kind."""

    id: str
    name: str
    kind: str
    severity: Severity
    message: str
    description: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    fail_examples: tuple[Example, ...] = ()
    pass_examples: tuple[str, ...] = ()
    path: str = ""
    default_enabled: bool = True
    url: str = ""  # a page documenting the rule (SARIF helpUri); built-in rules link into docs/rules.md

    def render(self, found: str, suggestion: str, extra: dict[str, str] | None = None, template: str | None = None) -> str:
        """Fill the message template; unknown placeholders are left as they are."""
        values = {"found": found, "suggestion": suggestion}
        if extra:
            values.update(extra)
        text = template if template is not None else self.message
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
