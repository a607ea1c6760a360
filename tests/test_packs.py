"""Rule packs as Python packages: a pack wheel is built in a temporary folder (hatchling, offline),
installed into a fresh virtual environment, found through its `newslint.packs` entry point, and
its rule fires only where a config enables it. A second entry point points nowhere: a clear error."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

pytest.importorskip("hatchling", reason="building the pack wheel needs hatchling (in the test extra)")

PACK_RULE = """\
id: NL701
name: desk-house-term
kind: substitution
severity: warning
message: "house style: write '{suggestion}', not '{found}'"
description: The desk's house style for a few words.
options:
  swap:
    presser: news conference
    town-hall meeting: public meeting
examples:
  fail:
    - {text: "The mayor held a presser on Monday.", suggestion: news conference}
  pass:
    - "The mayor held a news conference on Monday."
"""

PACK_DICTIONARY = """\
entries:
  - id: person:ilse-varnhagen
    kind: person
    canonical: Ilse Varnhagen
"""

PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "desk-style-pack"
version = "1.2.0"

[project.entry-points."newslint.packs"]
desk-style = "desk_style"
lost = "desk_style_lost"

[tool.hatch.build.targets.wheel]
packages = ["src/desk_style"]
"""


@pytest.fixture(scope="module")
def pack_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment that sees this test run's packages (newslint included) plus the pack."""
    root = tmp_path_factory.mktemp("pack")
    src = root / "src" / "desk_style"
    (src / "rules").mkdir(parents=True)
    (src / "dictionaries").mkdir()
    (src / "__init__.py").write_text('"""House style of an invented news desk."""\n', encoding="utf-8")
    (src / "rules" / "NL701-desk-house-term.yaml").write_text(PACK_RULE, encoding="utf-8")
    (src / "dictionaries" / "desk.yaml").write_text(PACK_DICTIONARY, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index", "--no-build-isolation",
                    "--wheel-dir", str(dist), str(root)], check=True, capture_output=True)
    wheel = next(dist.glob("desk_style_pack-1.2.0-*.whl"))
    env_dir = root / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # the new environment also sees what this test run sees (a CI venv, or PYTHONPATH=src)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    visible = [p for p in (*sys.path, *site.getsitepackages()) if p and Path(p).is_dir()]
    (Path(purelib) / "_outer_environment.pth").write_text("\n".join(dict.fromkeys(visible)) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    return python


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["XDG_CONFIG_HOME"] = str(cwd / ".xdg")
    return subprocess.run([str(python), "-m", "newslint", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_installed_pack_is_listed_and_its_broken_sibling_named(pack_python: Path, tmp_path: Path) -> None:
    out = run(pack_python, "packs", cwd=tmp_path)
    assert "desk-style  desk-style-pack 1.2.0  1 rule, 1 dictionary  [not enabled" in out.stdout
    assert "House style of an invented news desk." in out.stdout
    assert out.returncode == 2  # one entry point is broken
    assert "pack 'lost'" in out.stderr and "points nowhere: no module named 'desk_style_lost'" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_pack_rule_fires_only_where_a_config_enables_it(pack_python: Path, tmp_path: Path) -> None:
    story = "The mayor called a presser after the town-hall meeting with Ilse Varnhagen.\n"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "story.txt").write_text(story, encoding="utf-8")
    out = run(pack_python, "check", "story.txt", cwd=plain)
    assert "NL701" not in out.stdout  # installed is not enabled

    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.yaml").write_text("packs: [desk-style]\n", encoding="utf-8")
    (desk / "story.txt").write_text(story, encoding="utf-8")
    out = run(pack_python, "check", "story.txt", cwd=desk)
    assert out.returncode == 1, out.stderr
    assert "story.txt:1:20: NL701 [warning] house style: write 'news conference', not 'presser'" in out.stdout
    assert "NL701 [warning] house style: write 'public meeting', not 'town-hall meeting'" in out.stdout
    # the pack's dictionary is loaded too: a near miss of its name is corrected to it
    (desk / "typo.txt").write_text("The talks were led by Ilse Varnhagn.\n", encoding="utf-8")
    out = run(pack_python, "check", "typo.txt", "--select", "NL101", cwd=desk)
    assert "write 'Ilse Varnhagen'" in out.stdout, out.stdout + out.stderr
    assert "enabled here" in run(pack_python, "packs", cwd=desk).stdout


@pytest.mark.parametrize("config, message", [
    ("packs: [lost]\n", "newslint.yaml:1: [packs] pack 'lost' (desk-style-pack 1.2.0, entry point newslint.packs: "
                        "lost = desk_style_lost): points nowhere: no module named 'desk_style_lost'"),
    ("packs:\n  - desk-style\n  - desk-styel\n", "newslint.yaml:3: [packs] no installed pack named 'desk-styel' (installed: desk-style, lost)"),
    ("packs: 7\n", "newslint.yaml:1: [packs] 'packs' must be a list of pack names"),
])
def test_bad_pack_in_config_is_one_clear_error(pack_python: Path, tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "newslint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "story.txt").write_text("A quiet day.\n", encoding="utf-8")
    out = run(pack_python, "check", "story.txt", cwd=tmp_path)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_no_pack_installed_says_how_to_make_one(tmp_path: Path) -> None:
    from newslint import packs

    if packs.entry_points():
        pytest.skip("a newslint pack is installed in this environment")
    env = dict(os.environ)
    if env.get("PYTHONPATH"):  # PYTHONPATH=src in a checkout: absolute, since the command runs elsewhere
        env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    out = subprocess.run([sys.executable, "-m", "newslint", "packs"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0 and "no rule pack is installed" in out.stdout and "docs/packs.md" in out.stdout


def test_pack_docs_example_matches_this_test() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "packs.md").read_text(encoding="utf-8")
    assert '[project.entry-points."newslint.packs"]' in doc and "packs: [" in doc
    assert textwrap.dedent(PACK_RULE).splitlines()[0] in doc
