"""The real `pre-commit try-repo` runs the hooks of .pre-commit-hooks.yaml in a temporary git repo.

Slow-ish (pre-commit builds a virtualenv and pip-installs newslint, cloned from this checkout's
committed tree, and its dependencies from the package index: about a minute) but kept in the default run. Skipped, with the reason, when git or
pre-commit is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = next((REPO / "seeds").glob("*.txt"), None)
CLEAN = "Prime Minister Keir Starmer met Volodymyr Zelensky in London on Tuesday.\n"


def _pre_commit() -> list[str] | None:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
    return [exe] if Path(exe).exists() else None


def test_hooks_file_declares_check_and_fix_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"newslint", "newslint-fix"}
    assert hooks["newslint"]["entry"] == "newslint check --force-exclude --allow-empty"
    assert hooks["newslint-fix"]["entry"] == "newslint check --fix --force-exclude --allow-empty"
    for h in hooks.values():
        assert h["language"] == "python"
        assert h["types_or"] == ["markdown", "html", "plain-text"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install 'newslint[test]')")
    if SEED is None:
        pytest.skip("the seed article is missing")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: try-repo needs the repository")
    work = tmp_path_factory.mktemp("precommit")
    env = _env(work)
    # a clone of the committed tree: what a user's pre-commit would install (uncommitted work of
    # a shared checkout is left out)
    subprocess.run(["git", "clone", "-q", str(REPO), str(work / "newslint")], check=True, env=env)
    subprocess.run(["git", "init", "-q", str(work / "content")], check=True, env=env)
    (work / "content" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "content" / "clean.md").write_text(f"# Talks\n\n{CLEAN}", encoding="utf-8")
    (work / "content" / "fixable.txt").write_text("The talks went on for for hours.\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=work / "content", check=True, env=env)
    return work


def _env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "PRE_COMMIT_HOME": str(work / "cache"),
        "XDG_CONFIG_HOME": str(work / "xdg"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    })
    return env


def _try_repo(work: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    cmd = [*(_pre_commit() or []), "try-repo", str(work / "newslint"), hook, "--verbose", "--files", *files]
    return subprocess.run(cmd, cwd=work / "content", env=_env(work), capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_the_seed_article(workdir: Path) -> None:
    proc = _try_repo(workdir, "newslint", "seed.txt")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "seed.txt:" in out and "Kiel Starmer" in out


def test_check_hook_passes_on_clean_text(workdir: Path) -> None:
    proc = _try_repo(workdir, "newslint", "clean.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_fix_hook_fixes_then_passes(workdir: Path) -> None:
    proc = _try_repo(workdir, "newslint-fix", "fixable.txt")
    assert "on for hours." in (workdir / "content" / "fixable.txt").read_text(), proc.stdout + proc.stderr
    assert proc.returncode == 1  # pre-commit fails a hook that changed files
    again = _try_repo(workdir, "newslint-fix", "fixable.txt")
    assert again.returncode == 0, again.stdout + again.stderr


def test_check_hook_leaves_out_what_the_config_excludes(workdir: Path) -> None:
    content = workdir / "content"
    (content / "legacy").mkdir(exist_ok=True)
    (content / "legacy" / "old.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")  # type: ignore[union-attr]
    (content / "newslint.yaml").write_text("extend-exclude: [legacy/]\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=content, check=True, env=_env(workdir))
    try:
        proc = _try_repo(workdir, "newslint", "legacy/old.txt")
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, out  # pre-commit names the file; --force-exclude leaves it out
        assert "1 excluded" in out and "Kiel Starmer" not in out
        proc = _try_repo(workdir, "newslint", "legacy/old.txt", "seed.txt")
        assert proc.returncode == 1 and "seed.txt:" in proc.stdout + proc.stderr
    finally:
        (content / "newslint.yaml").unlink()
