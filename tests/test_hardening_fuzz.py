"""The fuzz harnesses: every input kept under tests/regressions/ replays cleanly (no atheris
needed), and each harness runs under atheris for a bounded time (skipped without atheris).

NEWSLINT_FUZZ_SECONDS (default 30) sets the time per harness of the bounded run.
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FUZZ = REPO / "fuzz"
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
HARNESSES = {"check": ("fuzz_check.py", "check_one"), "readers": ("fuzz_readers.py", "read_one")}

sys.path.insert(0, str(FUZZ))
pytestmark = pytest.mark.skipif(not (FUZZ / "fuzz_check.py").is_file(), reason="fuzz/ is not in this copy (an sdist)")


def _inputs(kind: str) -> list[Path]:
    folder = REGRESSIONS / kind
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != "README.md") if folder.is_dir() else []


def _harness(kind: str):  # type: ignore[no-untyped-def]
    module_name, function = HARNESSES[kind]
    module = __import__(module_name.removesuffix(".py"))
    return getattr(module, function)


CASES = [(kind, path) for kind in HARNESSES for path in _inputs(kind)]


REPLAY_SECONDS = 60  # generous: each input replays in about a second; the slow paths they pin took hours


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError(f"replay took more than {REPLAY_SECONDS} s: a slow path is back")


@pytest.mark.parametrize("kind, path", CASES, ids=[f"{k}/{p.name}" for k, p in CASES])
def test_regression_input_replays_cleanly(kind: str, path: Path) -> None:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(REPLAY_SECONDS)
    try:
        _harness(kind)(path.read_bytes())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_every_regression_input_is_documented() -> None:
    """tests/regressions/README.md says where each kept input came from and what it broke."""
    readme = (REGRESSIONS / "README.md").read_text(encoding="utf-8")
    assert CASES
    for kind, path in CASES:
        assert f"{kind}/{path.name}" in readme, f"{kind}/{path.name} is not described in tests/regressions/README.md"


@pytest.mark.parametrize("kind", sorted(HARNESSES))
def test_seed_corpus_replays_cleanly(kind: str) -> None:
    seeds = sorted((FUZZ / "corpus" / kind).iterdir())
    assert len(seeds) >= 5
    run = _harness(kind)
    for seed in seeds:
        run(seed.read_bytes())


def test_harness_catches_a_broken_invariant() -> None:
    """The checks can fail: a finding whose `matched` text is not the text at its span is caught."""
    from _common import check_findings

    from newslint.model import Finding, Severity, Span

    wrong = Finding(rule_id="NL000", rule_name="x", severity=Severity.WARNING, message="m", span=Span(0, 3),
                    line=1, column=1, end_line=1, end_column=4, matched="abd")
    with pytest.raises(AssertionError):
        check_findings("abc", [wrong])
    off = Finding(rule_id="NL000", rule_name="x", severity=Severity.WARNING, message="m", span=Span(2, 3),
                  line=1, column=3, end_line=1, end_column=4, matched="c")
    with pytest.raises(AssertionError):
        check_findings("a\r\nc", [off])  # really line 2, column 1


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                    reason="atheris is not installed (pip install atheris; see fuzz/README.md)")
@pytest.mark.parametrize("kind", sorted(HARNESSES))
def test_bounded_fuzz_run(tmp_path: Path, kind: str) -> None:
    seconds = int(os.environ.get("NEWSLINT_FUZZ_SECONDS", "30"))
    work = tmp_path / "corpus"
    work.mkdir()
    script = FUZZ / HARNESSES[kind][0]
    cmd = [sys.executable, str(script), str(work), str(FUZZ / "corpus" / kind), f"-max_total_time={seconds}",
           "-max_len=8192", "-timeout=60", "-rss_limit_mb=4096", "-print_final_stats=1",
           f"-artifact_prefix={tmp_path}/"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 300, cwd=tmp_path)
    log = result.stdout + result.stderr
    artifacts = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-", "leak-"))]
    assert result.returncode == 0 and not artifacts, f"fuzzer found {artifacts}; keep them in tests/regressions/\n{log[-4000:]}"
    executed = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    assert executed and int(executed.group(1)) > 10, log[-2000:]
