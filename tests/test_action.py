"""The GitHub Action (action.yml) and its script (action/check_changed.py), run against temporary
git repositories: changed files only, SARIF valid against the 2.1.0 schema, with help links and
fingerprints (issue 17, item 12)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

SCRIPT = REPO / "action" / "check_changed.py"
SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
BAD = "Officials called the ceasefire contract a first step.\n"  # NL201
CLEAN = "All quiet in the capital on Tuesday.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A content repository: a base commit, then a branch commit that changes some articles."""
    root = tmp_path / "content-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, {
        "newslint.yaml": "extend-exclude: [drafts/]\n",
        "news/old.md": BAD,  # unchanged: not checked
        "news/edited.txt": CLEAN,
        "news/gone.md": BAD,
        "tools/build.py": "print('ceasefire contract')\n",
    })
    base = commit_all(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    write(root, {
        "news/edited.txt": CLEAN + BAD,
        "news/new story.md": f"# Talks\n\n{BAD}",
        "drafts/wip.md": BAD,  # excluded by the config
        "tools/build.py": "print('another ceasefire contract')\n",  # not an article
        "news/scan.pdf": "%PDF-1.4\n",
    })
    (root / "news" / "gone.md").unlink()
    commit_all(root, "edits")
    return root, base


def run_script(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    out_file = cwd.parent / "github_output.txt"
    out_file.unlink(missing_ok=True)
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSLINT_", "GITHUB_"))}
    full_env.update({"XDG_CONFIG_HOME": str(cwd.parent / "xdg"), "NO_COLOR": "1"})
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, str(SCRIPT), "--github-output", str(out_file), *args], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in out_file.read_text().splitlines()) if out_file.exists() else {}
    return proc.returncode, outputs, proc.stderr


def results(sarif: Path) -> dict[str, list[str]]:
    log = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    out: dict[str, list[str]] = {}
    for r in log["runs"][0]["results"]:
        out.setdefault(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], []).append(r["ruleId"])
    return out


def test_changed_articles_only_with_valid_sarif(repo: tuple[Path, str]) -> None:
    root, base = repo
    code, outputs, err = run_script(root, "--base", base, "--sarif", "out.sarif", "--exit-code")
    assert code == 1, err
    assert outputs["exit-code"] == "1" and outputs["files"] == "3"  # edited.txt, new story.md, drafts/wip.md (named, then excluded)
    assert Path(outputs["sarif-file"]) == root / "out.sarif"
    found = results(root / "out.sarif")
    # relative to the repository (what code scanning needs); the space percent-encoded
    assert found == {"news/edited.txt": ["NL201"], "news/new%20story.md": ["NL201"]}
    log = json.loads((root / "out.sarif").read_text())
    run = log["runs"][0]
    assert all(r["partialFingerprints"]["newslint/v1"] for r in run["results"])
    assert all(rule["helpUri"].endswith(f"#{rule['id'].lower()}-{rule['name']}") for rule in run["tool"]["driver"]["rules"])


def test_without_the_exit_code_flag_the_script_succeeds_so_the_upload_runs(repo: tuple[Path, str]) -> None:
    root, base = repo
    code, outputs, _ = run_script(root, env={"NEWSLINT_BASE": base, "NEWSLINT_SARIF": "x.sarif"})
    assert code == 0 and outputs["exit-code"] == "1" and outputs["sarif-file"].endswith("x.sarif")


def test_paths_limit_the_changed_files_and_args_reach_newslint(repo: tuple[Path, str]) -> None:
    root, base = repo
    write(root, {"other/extra.md": BAD})
    commit_all(root, "more")
    code, outputs, _ = run_script(root, "--base", base, "--paths", "news", "--sarif", "o.sarif", "--exit-code")
    assert code == 1 and set(results(root / "o.sarif")) == {"news/edited.txt", "news/new%20story.md"}
    code, outputs, _ = run_script(root, "--base", base, "--sarif", "o.sarif", "--exit-code", "--", "--fail-on", "error")
    assert code == 0 and len(results(root / "o.sarif")) == 3  # the findings are there, below the threshold
    code, _, _ = run_script(root, "--sarif", "o.sarif", "--exit-code", env={"NEWSLINT_BASE": base, "NEWSLINT_ARGS": "--ignore NL201"})
    assert code == 0 and results(root / "o.sarif") == {}


def test_no_changed_article_gives_an_empty_valid_sarif(repo: tuple[Path, str]) -> None:
    root, _ = repo
    head = git(root, "rev-parse", "HEAD")
    write(root, {"tools/build.py": "print(1)\n"})
    commit_all(root, "code only")
    code, outputs, err = run_script(root, "--base", head, "--sarif", "e.sarif", "--exit-code")
    assert code == 0, err
    assert outputs["files"] == "0" and results(root / "e.sarif") == {}


@pytest.mark.parametrize("base", ["", "0" * 40])
def test_without_a_base_the_paths_are_checked_whole(repo: tuple[Path, str], base: str) -> None:
    root, _ = repo
    code, outputs, _ = run_script(root, "--sarif", "w.sarif", "--exit-code", env={"NEWSLINT_BASE": base, "NEWSLINT_PATHS": "news"})
    assert code == 1
    assert set(results(root / "w.sarif")) == {"news/old.md", "news/edited.txt", "news/new%20story.md"}


def test_run_from_a_subfolder_reports_paths_from_the_repository_top(repo: tuple[Path, str]) -> None:
    root, base = repo
    code, outputs, _ = run_script(root / "news", "--base", base, "--paths", ".", "--sarif", "s.sarif", "--exit-code")
    assert code == 1 and set(results(root / "news" / "s.sarif")) == {"news/edited.txt", "news/new%20story.md"}


def test_shallow_clone_fetches_the_base_and_diffs_against_it(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, base = repo
    git(root, "config", "uploadpack.allowAnySHA1InWant", "true")  # as GitHub allows fetching a commit by id
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{root}", str(clone))
    assert subprocess.run(["git", "cat-file", "-e", f"{base}^{{commit}}"], cwd=clone, capture_output=True).returncode != 0
    code, outputs, err = run_script(clone, "--base", base, "--sarif", "c.sarif", "--exit-code")
    assert code == 1, err
    assert set(results(clone / "c.sarif")) == {"news/edited.txt", "news/new%20story.md"}


def test_a_base_that_cannot_be_found_is_a_clear_error(repo: tuple[Path, str]) -> None:
    root, _ = repo
    code, outputs, err = run_script(root, "--base", "1" * 40, "--sarif", "n.sarif")
    assert code == 3 and "could not be fetched" in err and outputs == {}


def test_a_config_error_gives_no_sarif_to_upload(repo: tuple[Path, str]) -> None:
    root, base = repo
    (root / "newslint.yaml").write_text("selct: [NL1]\n")
    code, outputs, err = run_script(root, "--base", base, "--sarif", "bad.sarif")
    assert code == 0 and outputs["exit-code"] == "2" and outputs["sarif-file"] == ""
    assert "did you mean 'select'" in err


def test_action_yml_wires_the_script_and_the_upload() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    run_step = next(s for s in steps if s.get("id") == "run")
    assert "action/check_changed.py" in run_step["run"] and (REPO / "action" / "check_changed.py").is_file()
    assert "github.event.pull_request.base.sha" in run_step["env"]["NEWSLINT_BASE"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert "always()" in upload["if"] and upload["with"]["sarif_file"] == "${{ steps.run.outputs.sarif-file }}"
    # inputs reach the shell through the environment, never pasted into a script (no injection)
    for step in steps:
        assert "${{ inputs." not in step.get("run", ""), step
    assert set(action["outputs"]) == {"exit-code", "sarif-file", "files"}
