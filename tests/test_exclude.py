"""Exclusion with gitignore semantics: `exclude` / `extend-exclude` (config and command line),
`.gitignore`, `--force-exclude`, and per-file ignores on the same matcher (issue 17, item 7)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import app
from newslint.config import clear_caches, load_config
from newslint.errors import ConfigError

BAD = "Officials called the ceasefire contract a first step.\n"  # NL201


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    clear_caches()
    try:  # imported here: on a checkout without the module every test fails on its own assertion
        from newslint.exclude import clear_caches as clear_exclude_caches
    except ImportError:
        return
    clear_exclude_caches()


def matches(path: Path, base: Path, pattern: str) -> bool:
    from newslint.exclude import matches as match

    return match(path, base, pattern)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def flagged(out: str) -> set[str]:
    return {line.split(":", 1)[0] for line in out.splitlines() if ": NL" in line}


def git_init(root: Path) -> None:
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    else:  # a work tree is recognised by its .git folder
        (root / ".git").mkdir()


CONTENT = {
    "content/a.md": BAD,
    "content/archive/x.md": BAD,
    "content/archive/2024/y.md": BAD,
    "content/drafts/d.md": BAD,
    "content/sub/drafts/e.md": BAD,
    "build/out.html": f"<p>{BAD}</p>",
    ".cache/c.md": BAD,
    "content/generated.txt": BAD,
}
EVERY = {name for name in CONTENT}


# --- the matcher ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("archive/*.md", "archive/x.md", True),
    ("archive/*.md", "archive/2024/x.md", False),  # '*' does not cross '/'
    ("archive/**", "archive/2024/x.md", True),
    ("archive/**", "archive/x.md", True),
    ("archive/", "archive/2024/x.md", True),  # a folder pattern covers what is below it
    ("archive/", "news/archive/x.md", True),  # no '/' but the trailing one: any depth
    ("/archive/", "news/archive/x.md", False),  # a leading '/' anchors it
    ("*.md", "news/2024/x.md", True),  # no '/': the name at any depth
    ("news/*.md", "other/news/x.md", False),  # a '/' anchors it to the config's folder
    ("**/drafts/*.md", "a/b/drafts/x.md", True),
])
def test_gitignore_semantics(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    assert matches(tmp_path / path, tmp_path, pattern) is hit


def test_per_file_ignores_use_gitignore_semantics(tmp_path: Path) -> None:
    tree(tmp_path, {"newslint.yaml": "per-file-ignores:\n  'archive/*.md': [NL201]\n  'wire/**': [NL2]\n",
                    **{k: BAD for k in ("archive/x.md", "archive/2024/y.md", "wire/2024/z.md", "news/archive/w.md")}})
    conf = load_config(tmp_path / "newslint.yaml")
    assert conf.ignores_for(tmp_path / "archive" / "x.md") == ("NL201",)
    assert conf.ignores_for(tmp_path / "archive" / "2024" / "y.md") == ()  # the glob matched this before
    assert conf.ignores_for(tmp_path / "wire" / "2024" / "z.md") == ("NL2",)
    assert conf.ignores_for(tmp_path / "news" / "archive" / "w.md") == ()  # anchored to the config's folder
    code, out, _ = run("check", ".")
    assert flagged(out) == {"archive/2024/y.md", "news/archive/w.md"}


def test_per_file_ignores_refuse_a_negated_pattern(tmp_path: Path) -> None:
    tree(tmp_path, {"newslint.yaml": "per-file-ignores:\n  '!archive/**': [NL201]\n"})
    with pytest.raises(ConfigError, match="cannot be empty or start with '!'") as exc:
        load_config(tmp_path / "newslint.yaml")
    assert exc.value.line == 2


# --- folder walks ---------------------------------------------------------------------------------

def test_defaults_leave_out_hidden_folders_only(tmp_path: Path) -> None:
    tree(tmp_path, CONTENT)
    code, out, _ = run("check", ".")
    assert flagged(out) == EVERY - {".cache/c.md"}


def test_config_exclude_and_extend_exclude(tmp_path: Path) -> None:
    tree(tmp_path, {**CONTENT, "newslint.yaml": "extend-exclude:\n  - drafts/\n  - content/archive/*.md\n"})
    _, out, _ = run("check", ".")
    assert flagged(out) == {"content/a.md", "content/archive/2024/y.md", "build/out.html", "content/generated.txt"}
    # exclude replaces the defaults: the hidden folder is checked again
    (tmp_path / "newslint.yaml").write_text("exclude: [build/]\n")
    clear_caches()
    _, out, _ = run("check", ".")
    assert flagged(out) == EVERY - {"build/out.html"}


def test_command_line_exclude_replaces_and_extend_exclude_adds(tmp_path: Path) -> None:
    tree(tmp_path, {**CONTENT, "newslint.yaml": "exclude: [build/]\n"})
    _, out, _ = run("check", ".", "--exclude", "content/archive/")
    assert flagged(out) == EVERY - {"content/archive/x.md", "content/archive/2024/y.md"}
    _, out, _ = run("check", ".", "--extend-exclude", "*.txt,drafts/")
    assert flagged(out) == EVERY - {"build/out.html", "content/generated.txt", "content/drafts/d.md", "content/sub/drafts/e.md"}


def test_nested_config_excludes_relative_to_its_folder(tmp_path: Path) -> None:
    tree(tmp_path, {**CONTENT, "content/newslint.yaml": "extend-exclude: [/archive/]\n"})
    _, out, _ = run("check", ".")
    assert flagged(out) == EVERY - {".cache/c.md", "content/archive/x.md", "content/archive/2024/y.md"}


def test_gitignore_is_honoured_in_a_work_tree(tmp_path: Path) -> None:
    git_init(tmp_path)
    tree(tmp_path, {**CONTENT, ".gitignore": "build/\n*.txt\n", "content/.gitignore": "drafts/\n!sub/drafts/\n"})
    _, out, _ = run("check", ".")
    assert flagged(out) == EVERY - {".cache/c.md", "build/out.html", "content/generated.txt", "content/drafts/d.md"}
    _, out, _ = run("check", ".", "--no-respect-gitignore")
    assert flagged(out) == EVERY - {".cache/c.md"}
    (tmp_path / "newslint.yaml").write_text("respect-gitignore: false\n")
    clear_caches()
    _, out, _ = run("check", ".")
    assert flagged(out) == EVERY - {".cache/c.md"}
    _, out, _ = run("check", ".", "--respect-gitignore")
    assert "build/out.html" not in flagged(out)


def test_gitignore_outside_a_work_tree_is_not_read(tmp_path: Path) -> None:
    tree(tmp_path, {"content/a.md": BAD, "content/.gitignore": "*.md\n"})
    _, out, _ = run("check", "content")
    assert flagged(out) == {"content/a.md"}


# --- paths named on the command line ----------------------------------------------------------------

def test_named_paths_are_checked_unless_force_exclude(tmp_path: Path) -> None:
    git_init(tmp_path)
    tree(tmp_path, {**CONTENT, ".gitignore": "build/\n", "newslint.yaml": "extend-exclude: [drafts/]\n"})
    named = ["content/drafts/d.md", "build/out.html", "content/a.md"]
    _, out, _ = run("check", *named)
    assert flagged(out) == set(named)
    code, out, _ = run("check", *named, "--force-exclude")
    assert flagged(out) == {"content/a.md"} and code == 1
    (tmp_path / "newslint.yaml").write_text("extend-exclude: [drafts/]\nforce-exclude: true\n")
    clear_caches()
    _, out, _ = run("check", *named)
    assert flagged(out) == {"content/a.md"}
    _, out, _ = run("check", *named, "--no-force-exclude")
    assert flagged(out) == set(named)
    # a named folder that is excluded is skipped whole with force-exclude
    _, out, _ = run("check", "content/drafts", "content/a.md")
    assert flagged(out) == {"content/a.md"}


def test_everything_excluded_is_exit_2_unless_allow_empty(tmp_path: Path) -> None:
    tree(tmp_path, {"content/drafts/d.md": BAD, "newslint.yaml": "extend-exclude: [drafts/]\n"})
    code, out, err = run("check", "content/drafts/d.md", "--force-exclude")
    assert code == 2 and out == "" and "no file to check" in err and "1 excluded" in err
    code, _, err = run("check", "content/drafts/d.md", "--force-exclude", "--allow-empty")
    assert code == 0


def test_excluded_stdin_filename_with_force_exclude_passes_through(tmp_path: Path) -> None:
    tree(tmp_path, {"newslint.yaml": "extend-exclude: [drafts/]\n"})
    code, out, _ = run("check", "-", "--stdin-filename", "drafts/x.md", "--force-exclude", "--fix", "--allow-empty", input=BAD)
    assert code == 0 and out == BAD  # not checked, not fixed
    code, out, _ = run("check", "-", "--stdin-filename", "drafts/x.md", "--fix", input=BAD)
    assert "ceasefire deal" in out


@pytest.mark.parametrize(("text", "line", "message"), [
    ("exclude: 3\n", 1, "'exclude' must be a list of gitignore-style patterns"),
    ("extend-exclude: ['ok', '']\n", 1, "'extend-exclude' must be a list"),
    ("respect-gitignore: 'no'\n", 1, "'respect-gitignore' must be true or false"),
    ("ignore: []\nforce-exclud: true\n", 2, "did you mean 'force-exclude'"),
    ("exclude:\n  - drafts/\n  - '[z-a].md'\n", 3, "'exclude': pattern '[z-a].md' is not usable: bad character range z-a"),
    ("per-file-ignores:\n  'wire/[9-0]*': [NL201]\n", 2, "pattern 'wire/[9-0]*' is not usable"),
])
def test_bad_exclusion_keys_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    (tmp_path / "newslint.yaml").write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "newslint.yaml")
    assert exc.value.line == line and message in str(exc.value)


def test_extends_adds_up_extend_exclude_relative_to_each_file(tmp_path: Path) -> None:
    tree(tmp_path, {**CONTENT, "base/newslint.yaml": "extend-exclude: [/drafts/]\n",
                    "content/newslint.yaml": "extends: ../base/newslint.yaml\nextend-exclude: [/archive/]\n"})
    conf = load_config((tmp_path / "content" / "newslint.yaml").resolve())
    assert [(p.name, pattern) for p, pattern in conf.extend_exclude] == [("base", "/drafts/"), ("content", "/archive/")]
    _, out, _ = run("check", "content")
    # /drafts/ is anchored to base/, so content/drafts stays; /archive/ is anchored to content/
    assert flagged(out) == {"content/a.md", "content/drafts/d.md", "content/sub/drafts/e.md", "content/generated.txt"}


def test_a_file_outside_the_config_folder_matches_only_unanchored_patterns(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "archive" / "x.md"
    assert matches(outside, tmp_path / "cfg", "*.md") and matches(outside, tmp_path / "cfg", "archive/")
    assert not matches(outside, tmp_path / "cfg", "archive/*.md")
    assert not matches(outside, tmp_path / "cfg", f"{tmp_path.as_posix().lstrip('/')}/elsewhere/**")


def test_every_config_key_is_in_the_starter_and_the_docs() -> None:
    from newslint.config import KEYS, STARTER

    repo = Path(__file__).resolve().parents[1]
    workflow = (repo / "docs" / "README-workflow.md").read_text(encoding="utf-8")
    readme = (repo / "README.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert f"{key}:" in STARTER, f"newslint init's starter config lacks '{key}'"
        assert f"`{key}`" in workflow, f"docs/README-workflow.md does not document '{key}'"
        assert f"`{key}`" in readme or f"`{key}:" in readme, f"README's configuration summary lacks '{key}'"


@pytest.mark.parametrize("option", ["--exclude", "--extend-exclude"])
def test_a_pattern_that_does_not_compile_is_one_error_line(tmp_path: Path, option: str) -> None:
    tree(tmp_path, CONTENT)
    code, out, err = run("check", ".", option, "[z-a]")
    assert code == 2 and out == ""
    assert err.strip() == f"newslint: error: {option}: pattern '[z-a]' is not usable: bad character range z-a"


def test_a_gitignore_line_that_does_not_compile_is_passed_over_as_git_does(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "[z-a]\n*.bak.txt\n", "a.txt": "Talks resumed in in Geneva.\n",
                    "b.bak.txt": "Talks resumed in in Geneva.\n"})
    git_init(tmp_path)
    code, out, _ = run("check", ".")
    assert code == 1 and flagged(out) == {"a.txt"}
