"""README: the command reference is generated from the CLI and must be current; the two
set-up commands are there."""

from __future__ import annotations

from newslint.cli_reference import render_into

from .conftest import REPO


def test_readme_command_reference_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert render_into(readme) == readme, "run: python -m newslint.cli_reference README.md"


def test_readme_names_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && newslint check seeds/" in readme
    assert 'pip install ".[test]" && python -m pytest' in readme
