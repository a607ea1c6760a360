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
    one line when the deep extra or the model is missing."""
    from ..errors import ConfigError
    from . import DeepUnavailable
    from .detector import deep_available
    from .models import model_path

    if check_installed:
        reason = deep_available()
        if reason:
            raise ConfigError("--deep", reason)
        try:
            model_path(model or "smollm2")
        except DeepUnavailable as exc:
            raise ConfigError("--deep", str(exc)) from None
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
