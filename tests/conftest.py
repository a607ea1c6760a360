"""Shared fixtures: the repository paths and a default linter."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def linter() -> Linter:
    """The built-in rules with default selection."""
    return Linter()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article the project was built from."""
    return next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the name indexes into the user cache once, before any test starts newslint in a
    subprocess (the open-data index takes a minute or more to build on a fresh machine)."""
    from newslint.resources import Resources

    Resources().names  # noqa: B018 - builds or opens the cached index


def isolate_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command-line test in a folder of its own: no user config, no CI environment, no colour,
    no caches carried over from an earlier test."""
    from newslint.config import clear_caches

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NEWSLINT_RULES_URL", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    clear_caches()


def run_cli(*args: str) -> tuple[int, str, str]:
    """`newslint ARGS` in this process: (exit code, stdout, stderr); an exception other than the
    exit is raised."""
    from typer.testing import CliRunner

    from newslint.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr

