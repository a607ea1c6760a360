"""--deep: switch on the opt-in rules of the wording model (kinds replaced_word and spun_article)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rules.spec import RuleSpec

DEEP_KINDS = ("replaced_word", "spun_article")


def enable_deep(specs: list["RuleSpec"], select: Iterable[str] | None, model: str | None = None,
                check_installed: bool = True) -> tuple[list["RuleSpec"], list[str] | None]:
    """Turn on the wording rules (with `model` when given): they run by default; an explicit
    selection still decides (--select NL1 --deep runs no wording rule). Raises ConfigError with
    one line when the deep extra is missing. A model that cannot be used (a missing or corrupt
    file, an unsupported name, the model wheel not installed) is not an error here: the wording
    rules say why in one warning when they load it, and the other rules still run."""
    from ..errors import ConfigError
    from .detector import deep_available

    if check_installed:
        reason = deep_available()
        if reason:
            raise ConfigError("--deep", reason)
    selected = None if select is None else list(select)
    out: list[RuleSpec] = []
    for spec in specs:
        if spec.kind in DEEP_KINDS:
            options = dict(spec.options)
            if model:
                options["model"] = model
            spec = replace(spec, options=options, default_enabled=True)
        out.append(spec)
    return out, selected
