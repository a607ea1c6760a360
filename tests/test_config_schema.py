"""docs/config-schema.json: generated from the loader's definitions, current, and in agreement with
the loader on every documented example (docs/config.md, the starter config, docs/packs.md) and on
every documented error (the table in docs/config.md)."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from newslint import config as config_module
from newslint import packs as packs_module
from newslint.config import KEYS, STARTER, clear_caches, load_config
from newslint.config_schema import KIND_SCHEMAS, config_schema, render
from newslint.errors import ConfigError

from .conftest import REPO

jsonschema = pytest.importorskip("jsonschema")
DOC = REPO / "docs" / "config.md"
SCHEMA_FILE = REPO / "docs" / "config-schema.json"


def _blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of the yaml and toml code blocks of a Markdown text."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(yaml|toml)\n(.*?)^```", text, re.M | re.S)]


def _documented_examples() -> list[tuple[str, str, str]]:
    """(name, language, text) of every documented config example."""
    out = [(f"config.md#{i}", lang, body) for i, (lang, body) in enumerate(_blocks(DOC.read_text(encoding="utf-8")))]
    packs_doc = (REPO / "docs" / "packs.md").read_text(encoding="utf-8")
    out += [("packs.md#0", lang, body) for lang, body in _blocks(packs_doc)[:1]]
    # the starter config of `newslint init`, as written and with every commented key switched on
    out.append(("starter", "yaml", STARTER))
    switched = []
    for line in STARTER.splitlines():
        if m := re.match(r"^# ([a-z-]+:.*)$", line):
            line = m.group(1)
        elif m := re.match(r"^#   (\S.*)$", line):
            line = "  " + m.group(1)
        switched.append(line)
    out.append(("starter-all-keys", "yaml", "\n".join(switched) + "\n"))
    return out


def _documented_errors() -> list[tuple[str, str]]:
    """(config text, message) rows of the error table of docs/config.md."""
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|$", DOC.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 10, "the error table of docs/config.md was not found"
    return rows


def _jsonable(value: Any) -> Any:
    """YAML/TOML data as an editor's schema validator sees it (dates are strings there)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _table(lang: str, text: str) -> Any:
    if lang == "toml":
        return tomllib.loads(text)["tool"]["newslint"]
    return yaml.safe_load(text)


def _make_paths(folder: Path, data: dict[str, Any]) -> None:
    """Create what the paths of a config name (the loader requires them to exist)."""
    for key, value in data.items():
        kind = KEYS.get(key, ("", ""))[0]
        if kind not in ("paths", "path", "file"):
            continue
        for item in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            if not isinstance(item, str):
                continue
            target = (folder / item).resolve()
            target.parent.mkdir(parents=True, exist_ok=True)
            if key == "extends":
                target.write_text("{}\n", encoding="utf-8")
            elif key == "accept-file" or kind == "file":
                target.write_text("Ilse Varnhagen\n", encoding="utf-8")
            else:
                target.mkdir(exist_ok=True)


@pytest.fixture()
def fake_packs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Any pack name resolves to an empty installed pack (the schema test is not about installing)."""
    def find(name: str) -> packs_module.Pack:
        return packs_module.Pack(name, name, "fake", "0", tmp_path, None, None, "")
    monkeypatch.setattr(packs_module, "find", find)


def _load(tmp_path: Path, lang: str, text: str) -> config_module.Config:
    folder = tmp_path / "desk" / "sub"
    folder.mkdir(parents=True, exist_ok=True)
    data = _table(lang, text)
    if isinstance(data, dict):
        _make_paths(folder, data.get("newslint", data) if set(data) == {"newslint"} else data)
    path = folder / ("pyproject.toml" if lang == "toml" else "newslint.yaml")
    path.write_text(text, encoding="utf-8")
    clear_caches()
    return load_config(path)


def test_schema_file_is_generated_and_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "run: python -m newslint.config_schema > docs/config-schema.json"
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_every_key_and_key_type_is_in_the_schema() -> None:
    props = config_schema()["$defs"]["config"]["properties"]
    assert set(props) == set(KEYS)
    assert {kind for kind, _ in KEYS.values()} <= set(KIND_SCHEMAS)
    for key, (_, help_) in KEYS.items():
        assert props[key]["description"] == help_


@pytest.mark.parametrize("name, lang, text", _documented_examples(), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "")
def test_documented_example_is_accepted_by_loader_and_schema(name: str, lang: str, text: str, tmp_path: Path,
                                                             fake_packs: None) -> None:
    data = _table(lang, text)
    assert data, name
    jsonschema.Draft202012Validator(config_schema()).validate(_jsonable(data))
    loaded = _load(tmp_path, lang, text)
    assert loaded.source.endswith(("newslint.yaml", "pyproject.toml"))


@pytest.mark.parametrize("text, message", _documented_errors())
def test_documented_error_is_refused_by_loader_and_schema(text: str, message: str, tmp_path: Path, fake_packs: None) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "yaml", text + "\n")
    assert message in str(caught.value)
    assert caught.value.line == 1 and caught.value.path.endswith("newslint.yaml")
    errors = list(jsonschema.Draft202012Validator(config_schema()).iter_errors(_jsonable(yaml.safe_load(text))))
    assert errors, f"the schema accepts {text!r}"


def test_schema_rejects_what_editors_should_underline() -> None:
    validator = jsonschema.Draft202012Validator(config_schema())
    assert validator.is_valid({"newslint": {"fail-on": "info"}})
    assert not validator.is_valid({"newslint": {"fail-on": "info"}, "select": ["NL1"]})  # wrapper plus keys
    assert not validator.is_valid({"severity": {"NL101": "warn"}})
    assert not validator.is_valid({"per-file-ignores": {"a/**": 5}})
    assert not validator.is_valid({"date": "01/03/2025"})
