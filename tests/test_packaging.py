"""The wheel carries the rules/ folder and an installed wheel finds it (not only a checkout)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed: {result.stderr[-2000:]}")
    return next(out.glob("newslint-*.whl"))


def test_wheel_contains_rules_and_dictionaries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.name for p in (REPO / "rules").glob("NL*.yaml"))
    assert rule_files
    for name in rule_files:
        assert f"newslint/_rules/{name}" in names
    curated = sorted(p.name for p in (REPO / "rules" / "dictionaries").glob("*.yaml"))
    assert "people_europe.yaml" in curated and "titles_by_country.yaml" in curated
    for name in (*curated, "english_words.tsv", "name_tokens.tsv"):
        assert f"newslint/_rules/dictionaries/{name}" in names
    assert "newslint/py.typed" in names


def test_installed_wheel_finds_its_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = (
        "import newslint, newslint.resources as r;"
        "print(newslint.__file__); print(r.builtin_rules_dir());"
        "print([f.rule_id for f in newslint.check_text('A ceasefire contract was agreed with Keir Stramer.')])"
    )
    env = dict(os.environ, PYTHONPATH=str(target), NEWSLINT_CACHE_DIR="off")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    module_file, rules_dir, ids = out.stdout.splitlines()
    assert module_file.startswith(str(target))
    assert rules_dir.startswith(str(target)) and rules_dir.endswith("_rules")
    assert "NL101" in ids and "NL201" in ids
