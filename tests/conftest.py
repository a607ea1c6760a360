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
