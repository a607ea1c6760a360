"""Config discovery, parsing, merging, and select/ignore precedence (table-driven)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newslint.config import (
    CheckerPool, Config, Overrides, clear_caches, config_for, expand_severities, find_config, load_config,
    settings_for,
)
from newslint.errors import ConfigError
from newslint.model import Severity
from newslint.resources import builtin_rules_dir
from newslint.rules.loader import load_rules
from newslint.rules.registry import is_selected

SPECS = {s.id: s for s in load_rules([builtin_rules_dir()])}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    clear_caches()


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


YAML = "ignore: [NL302]\n"
TOML_WITH = "[project]\nname = 'x'\n\n[tool.newslint]\nignore = ['NL302']\n"
TOML_WITHOUT = "[project]\nname = 'x'\n"

DISCOVERY = [
    # (files in the tree, file checked, expected config (relative) or None)
    ({"newslint.yaml": YAML}, "a.md", "newslint.yaml"),
    ({"newslint.yaml": YAML}, "sub/deep/a.md", "newslint.yaml"),
    ({"newslint.yaml": YAML, "sub/newslint.yaml": YAML}, "sub/a.md", "sub/newslint.yaml"),  # closest wins
    ({"newslint.yaml": YAML, "sub/newslint.yaml": YAML}, "a.md", "newslint.yaml"),
    ({"pyproject.toml": TOML_WITH}, "sub/a.md", "pyproject.toml"),
    ({"pyproject.toml": TOML_WITHOUT}, "a.md", None),  # no newslint section: does not count
    ({"newslint.yaml": YAML, "sub/pyproject.toml": TOML_WITHOUT}, "sub/a.md", "newslint.yaml"),  # skipped, keeps walking
    ({"newslint.yaml": YAML, "sub/pyproject.toml": TOML_WITH}, "sub/a.md", "sub/pyproject.toml"),
    ({"sub/newslint.yaml": YAML, "sub/pyproject.toml": TOML_WITH}, "sub/a.md", "sub/newslint.yaml"),  # same folder: yaml first
    ({".newslint.yaml": YAML}, "a.md", ".newslint.yaml"),
    ({"xdg/newslint/newslint.yaml": YAML}, "proj/a.md", "xdg/newslint/newslint.yaml"),  # user config as last resort
    ({"xdg/newslint/newslint.yaml": YAML, "proj/newslint.yaml": YAML}, "proj/a.md", "proj/newslint.yaml"),
    ({}, "a.md", None),
]


@pytest.mark.parametrize(("files", "checked", "expected"), DISCOVERY)
def test_discovery(tmp_path: Path, files: dict[str, str], checked: str, expected: str | None) -> None:
    root = tmp_path / "root"
    root.mkdir()
    write(root, {k: v for k, v in files.items() if not k.startswith("xdg/")})
    write(tmp_path, {k: v for k, v in files.items() if k.startswith("xdg/")})
    target = root / checked
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x")
    found = find_config(target)
    if expected is None:
        assert found is None
    elif expected.startswith("xdg/"):
        assert found == tmp_path / expected
    else:
        assert found == root / expected


def test_explicit_config_skips_discovery(tmp_path: Path) -> None:
    write(tmp_path, {"newslint.yaml": "ignore: [NL1]\n", "other.yaml": "ignore: [NL2]\n", "a.md": "x"})
    assert config_for(tmp_path / "a.md").ignore == ("NL1",)
    assert config_for(tmp_path / "a.md", tmp_path / "other.yaml").ignore == ("NL2",)
    with pytest.raises(ConfigError):
        config_for(tmp_path / "a.md", tmp_path / "missing.yaml")


ERRORS = [
    # (config text, expected line, text in the message)
    ("select: [NL1]\nignroe: [NL2]\n", 2, "unknown key 'ignroe'"),
    ("quotes: maybe\n", 1, "quotes"),
    ("fail-on: sometimes\n", 1, "fail-on"),
    ("date: yesterday\n", 1, "date"),
    ("severity:\n  NL101: loud\n", 2, "severity of NL101"),
    ("select: 12\n", 1, "select"),
    ("rules: [missing-folder]\n", 1, "does not exist"),
    ("extends: nowhere.yaml\n", 1, "extends"),
    ("- just\n- a list\n", 1, "mapping"),
    ("select: [NL1\n", 2, "invalid YAML"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS)
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    write(tmp_path, {"newslint.yaml": text})
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "newslint.yaml")
    assert exc.value.path == str(tmp_path / "newslint.yaml")
    assert exc.value.line == line, str(exc.value)
    assert message in str(exc.value)


def test_toml_unknown_key_names_line(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[project]\nname='x'\n\n[tool.newslint]\nselect = ['NL1']\nbogus = 1\n"})
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "pyproject.toml")
    assert exc.value.line == 6 and "bogus" in str(exc.value)


def test_deeply_nested_toml_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "x = " + "[" * 50_000 + "]" * 50_000 + "\n"})
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "pyproject.toml")
    assert "nested too deeply" in str(exc.value) and "pyproject.toml" in str(exc.value)


def test_toml_subtable_line(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.newslint]\nselect = ['NL1']\n\n[tool.newslint.severity]\nNL101 = 'loud'\n"})
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "pyproject.toml")
    assert exc.value.line == 5


def test_all_keys_parse_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "cfg/newslint.yaml": (
            "select: [NL1, NL2]\nignore: NL302, NL102\nper-file-ignores:\n  'archive/**': [NL101]\n"
            "severity: {NL102: error}\nrules: [house]\ndictionaries: [names.yaml]\naccept: [Kiel Starmer]\n"
            "accept-file: words.txt\ndate: 2025-03-01\nquotes: skip\nfail-on: error\n"
        ),
        "cfg/house/NL999-house-rule.yaml": "",
        "cfg/names.yaml": "",
        "cfg/words.txt": "# comment\nFoo Bar\n\nBaz\n",
    })
    conf = load_config(tmp_path / "cfg" / "newslint.yaml")
    assert conf.select == ("NL1", "NL2") and conf.ignore == ("NL302", "NL102")
    assert conf.rules == ((tmp_path / "cfg" / "house").resolve(),)
    assert conf.dictionaries == ((tmp_path / "cfg" / "names.yaml").resolve(),)
    assert conf.accept == ("Kiel Starmer", "Foo Bar", "Baz")
    assert conf.date == date(2025, 3, 1) and conf.quotes == "skip" and conf.fail_on == "error"
    assert dict(conf.severity) == {"NL102": Severity.ERROR}
    assert conf.ignores_for(tmp_path / "cfg" / "archive" / "2019" / "a.md") == ("NL101",)
    assert conf.ignores_for(tmp_path / "cfg" / "news" / "a.md") == ()


def test_extends_inherits_and_overrides(tmp_path: Path) -> None:
    write(tmp_path, {
        "base/newslint.yaml": "select: [NL1]\nignore: [NL102]\naccept: [Alpha]\nseverity: {NL101: error, NL102: info}\nfail-on: info\n",
        "proj/newslint.yaml": "extends: ../base/newslint.yaml\nignore: [NL302]\naccept: [Beta]\nseverity: {NL102: warning}\n",
    })
    conf = load_config(tmp_path / "proj" / "newslint.yaml")
    assert conf.select == ("NL1",)  # inherited
    assert conf.ignore == ("NL302",)  # replaced
    assert conf.accept == ("Alpha", "Beta")  # added up
    assert dict(conf.severity) == {"NL101": Severity.ERROR, "NL102": Severity.WARNING}  # merged by key
    assert conf.fail_on == "info"


def test_extends_loop_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"})
    with pytest.raises(ConfigError, match="loops"):
        load_config(tmp_path / "a.yaml")


def test_per_file_ignores_longest_pattern_wins(tmp_path: Path) -> None:
    write(tmp_path, {"newslint.yaml": "per-file-ignores:\n  '*.md': [NL1]\n  'wire/*.md': [NL2]\n  'wire/': [NL3]\n"})
    conf = load_config(tmp_path / "newslint.yaml")
    assert conf.ignores_for(tmp_path / "a.md") == ("NL1",)
    assert conf.ignores_for(tmp_path / "wire" / "a.md") == ("NL2",)
    assert conf.ignores_for(tmp_path / "wire" / "a.txt") == ("NL3",)
    assert conf.ignores_for(tmp_path / "other" / "a.txt") == ()


# select / ignore precedence: (config select, config ignore, per-file, cli select, cli ignore) -> runs?
PRECEDENCE = [
    # rule NL201 (tortured-phrase), on by default
    ("NL201", None, (), (), None, (), True),  # default
    ("NL201", None, ("NL2",), (), None, (), False),  # config ignore prefix
    ("NL201", ("NL1",), (), (), None, (), False),  # config select elsewhere
    ("NL201", None, ("NL2",), (), ("NL201",), (), True),  # cli select more specific than config ignore
    ("NL201", None, ("NL201",), (), ("NL2",), (), False),  # config ignore more specific than cli select
    ("NL201", ("NL1",), (), (), ("NL2",), (), True),  # cli select replaces config select
    ("NL201", None, (), ("NL201",), None, (), False),  # per-file ignore
    ("NL201", ("NL201",), (), ("NL2",), None, (), True),  # per-file prefix less specific than select id
    ("NL201", None, (), (), None, ("tortured-phrase",), False),  # cli ignore by name
    ("NL201", ("ALL",), ("NL201",), (), None, (), False),  # ALL then ignore
    ("NL201", ("NL2",), ("NL2",), (), None, (), False),  # tie: ignore wins
    ("NL102", None, (), (), None, (), True),
    ("NL102", ("NL2",), (), (), ("NL1",), ("discouraged-name-form",), False),
]


@pytest.mark.parametrize(("rule", "c_sel", "c_ign", "per_file", "cli_sel", "cli_ign", "runs"), PRECEDENCE)
def test_select_ignore_precedence(
    tmp_path: Path, rule: str, c_sel: tuple[str, ...] | None, c_ign: tuple[str, ...], per_file: tuple[str, ...],
    cli_sel: tuple[str, ...] | None, cli_ign: tuple[str, ...], runs: bool,
) -> None:
    conf = Config(select=c_sel, ignore=c_ign,
                  per_file_ignores=((tmp_path, "*.md", per_file),) if per_file else ())
    settings = settings_for(conf, tmp_path / "a.md", Overrides(select=cli_sel, ignore=cli_ign))
    assert is_selected(SPECS[rule], settings.select, settings.ignore) is runs


def test_settings_date_and_fail_on_precedence(tmp_path: Path) -> None:
    conf = Config(date=date(2020, 1, 1), fail_on="error")
    assert settings_for(conf, None, Overrides()).date == date(2020, 1, 1)
    assert settings_for(conf, None, Overrides(date=date(2024, 1, 1))).date == date(2024, 1, 1)
    assert settings_for(conf, None, Overrides()).fail_on == "error"
    assert settings_for(conf, None, Overrides(fail_on="info")).fail_on == "info"
    assert settings_for(Config(), None, Overrides()).fail_on == "warning"


def test_severity_overrides_by_id_prefix_and_name() -> None:
    specs = list(SPECS.values())
    out = expand_severities(specs, [("NL1", Severity.ERROR), ("discouraged-name-form", Severity.INFO)])
    assert out["NL101"] is Severity.ERROR
    assert out["NL102"] is Severity.INFO  # the name is more specific than the prefix
    assert "NL201" not in out


def test_pool_shares_engines_and_applies_settings(tmp_path: Path) -> None:
    pool = CheckerPool()
    base = settings_for(Config(accept=("Kiev",)), None, Overrides(select=("NL102",)))
    a, b = pool.get(base), pool.get(base)
    assert a is b
    assert [s.id for s in a.engine.specs] == ["NL102"]
    assert a.engine.check(__import__("newslint.document", fromlist=["Document"]).Document("Missiles hit Kiev.")) == []
