"""Load rule YAML files into validated RuleSpecs; errors name file, line and key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import RuleError
from ..model import Severity
from ..yamlutil import load_yaml
from .spec import RULE_ID, RULE_NAME, Example, RuleSpec, check_option

TOP_KEYS = {"id", "name", "kind", "severity", "message", "description", "options", "examples", "enabled", "url"}


def load_rule_file(path: Path) -> RuleSpec:
    """Parse and validate one rule file."""
    from .registry import KINDS

    doc = load_yaml(path, RuleError)
    data = doc.data
    name = str(path)

    def fail(msg: str, *key: str | int) -> RuleError:
        return RuleError(name, msg, doc.line_of(*key), ".".join(str(k) for k in key) or None)

    if not isinstance(data, dict):
        raise fail("a rule file must be a mapping with id, name, kind, severity, message")
    for key in data:
        if key not in TOP_KEYS:
            from ..suggest import did_you_mean

            hint = did_you_mean(str(key), sorted(TOP_KEYS)) or f" (allowed: {', '.join(sorted(TOP_KEYS))})"
            raise fail(f"unknown key '{key}'{hint}", str(key))
    for key in ("id", "name", "kind", "severity", "message"):
        if key not in data:
            raise fail(f"missing required key '{key}'")
        if not isinstance(data[key], str):
            raise fail(f"'{key}' must be a string", key)
    if not RULE_ID.match(data["id"]):
        raise fail(f"id '{data['id']}' must be NL followed by three digits", "id")
    if not RULE_NAME.match(data["name"]):
        raise fail(f"name '{data['name']}' must be kebab-case", "name")
    kind_cls = KINDS.get(data["kind"])
    if kind_cls is None:
        from ..suggest import did_you_mean

        hint = did_you_mean(str(data["kind"]), sorted(KINDS)) or f" ({len(KINDS)} kinds; the README's 'How it works' lists them)"
        raise fail(f"unknown kind '{data['kind']}'{hint}", "kind")
    try:
        severity = Severity(data["severity"])
    except ValueError:
        raise fail("severity must be error, warning or info", "severity") from None
    options = _options(data.get("options") or {}, kind_cls.OPTIONS, fail)
    fail_ex, pass_ex = _examples(data.get("examples"), fail)
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("'enabled' must be true or false", "enabled")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail("'description' must be a string", "description")
    url = data.get("url", "")
    if not isinstance(url, str) or (url and not url.startswith(("https://", "http://"))):
        raise fail("'url' must be an http(s) address of a page documenting the rule", "url")
    spec = RuleSpec(
        id=data["id"], name=data["name"], kind=data["kind"], severity=severity,
        message=data["message"], description=description.strip(), options=options,
        fail_examples=fail_ex, pass_examples=pass_ex, path=name, default_enabled=enabled, url=url,
    )
    try:
        kind_cls.validate(spec)
    except ValueError as exc:
        raise fail(str(exc), "options") from None
    return spec


def _options(raw: Any, schema: dict[str, Any], fail: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise fail("'options' must be a mapping", "options")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in schema:
            known = ", ".join(sorted(schema)) or "none"
            raise fail(f"unknown option '{key}' for this kind (known: {known})", "options", str(key))
        problem = check_option(key, schema[key], value)
        if problem:
            raise fail(problem, "options", key)
        out[key] = value
    for key, option in schema.items():
        if key not in out:
            if option.required:
                raise fail(f"missing required option '{key}'", "options")
            out[key] = option.default
    return out


def _examples(raw: Any, fail: Any) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, dict) or set(raw) - {"fail", "pass"}:
        raise fail("'examples' must be a mapping with 'fail' and 'pass' lists", "examples")
    for key in ("fail", "pass"):
        if raw.get(key) is not None and not isinstance(raw[key], list):
            raise fail(f"'examples.{key}' must be a list", "examples", key)
    fails: list[Example] = []
    for i, item in enumerate(raw.get("fail") or []):
        if isinstance(item, str):
            fails.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "suggestion"}:
            sugg = item.get("suggestion")
            if sugg is not None and not isinstance(sugg, str):
                raise fail("example suggestion must be a string", "examples", "fail", i)
            fails.append(Example(item["text"], sugg))
        else:
            raise fail("a fail example is a string or {text, suggestion}", "examples", "fail", i)
    passes: list[str] = []
    for i, item in enumerate(raw.get("pass") or []):
        if not isinstance(item, str):
            raise fail("a pass example must be a string", "examples", "pass", i)
        passes.append(item)
    return tuple(fails), tuple(passes)


def rule_files(folder: Path) -> list[Path]:
    """Rule files in a folder (not its dictionaries/ subfolder), sorted."""
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file())


def load_rules(folders: list[Path]) -> list[RuleSpec]:
    """Load every rule of the given folders or files; duplicate ids are an error."""
    specs: list[RuleSpec] = []
    seen: dict[str, str] = {}
    for folder in folders:
        files = [folder] if folder.is_file() else rule_files(folder)
        for path in files:
            spec = load_rule_file(path)
            if spec.id in seen:
                line = load_yaml(path, RuleError).line_of("id")
                raise RuleError(str(path), f"duplicate rule id {spec.id} (also in {seen[spec.id]})", line, "id")
            seen[spec.id] = str(path)
            specs.append(spec)
    return specs
