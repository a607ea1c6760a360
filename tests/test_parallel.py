"""`newslint check` on all cores (--jobs): the same output, order and exit code as one process;
fixes, diffs, archives and unreadable inputs handled the same; Ctrl-C and a dead worker end cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newslint
from newslint import batch
from newslint.batch import PARALLEL_MIN_BYTES, batch_jobs, chunk_size_for

from .conftest import isolate_cli, run_cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked on Linux")

# invented copy: spun phrases, an outdated place name, a misspelt leader, boilerplate, a repeated word
LINES = [
    "A ceasefire contract was signed in Kiev on Tuesday.",
    "Prime Minister Kiel Starmer met the delegation in the oval office.",
    "Officials said the the talks would resume next week.",
    "Markets were calm in Lisbon and Oslo.",
    "Source link",
    "Negotiators held a sit-in with the envoy before the vote.",
    "The harbour reopened after the storm passed.",
]


def article(i: int) -> str:
    """An article whose findings differ from its neighbours' (so a wrong order shows)."""
    picked = [LINES[(i + k) % len(LINES)] for k in range(1 + i % 4)]
    return f"Story {i}\n\n" + "\n".join(picked) + "\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_cli(tmp_path, monkeypatch)


def child_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a `newslint` subprocess that imports this newslint (also from a checkout's src)."""
    here = str(Path(newslint.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}


run = run_cli


def corpus(folder: Path, n: int = 40) -> Path:
    """n articles (.txt, .md with a front-matter date, .html), an empty file, an unreadable one."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = article(i)
        if i % 5 == 1:
            (folder / f"a{i:03}.md").write_text(f"---\ntitle: Story {i}\ndate: 2026-01-0{1 + i % 9}\n---\n{text}")
        elif i % 5 == 2:
            (folder / f"a{i:03}.html").write_text(f"<html><body><p>{text.replace(chr(10), '</p><p>')}</p></body></html>")
        else:
            (folder / f"a{i:03}.txt").write_text(text)
    (folder / "a005.txt").write_text("")  # empty: a notice, not an error
    (folder / "a011.txt").write_bytes(b"Caf\xe9 owners met in Kiev.\n")  # not UTF-8: reported, the others go on
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_all_cores_give_the_output_and_exit_code_of_one_process(tmp_path: Path, fmt: str) -> None:
    folder = corpus(tmp_path / "news")
    one = run("check", str(folder), "--format", fmt, "--jobs", "1", "--statistics")
    two = run("check", str(folder), "--format", fmt, "--jobs", "2", "--statistics")
    assert two == one
    code, out, err = one
    assert code == 2  # the unreadable file
    assert "a011.txt" in err and "not valid UTF-8" in err and "a005.txt: empty file" in err
    if fmt == "text":
        paths = [line.split(":")[0] for line in out.splitlines() if line.startswith(str(folder))]
        assert paths == sorted(paths) and len(set(paths)) > 20  # in input order, from many files


def test_jobs_without_errors_exit_like_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(30):
        (folder / f"s{i:02}.txt").write_text(article(i))
    for args in ([], ["--fail-on", "never"], ["--select", "NL3"]):
        assert run("check", str(folder), "--jobs", "3", *args) == run("check", str(folder), "--jobs", "1", *args)
    assert run("check", str(folder), "--jobs", "2")[0] == 1
    assert run("check", str(folder), "--jobs", "2", "--fail-on", "never")[0] == 0


def test_fix_on_all_cores_writes_what_one_process_writes(tmp_path: Path) -> None:
    one, two = corpus(tmp_path / "one", 30), corpus(tmp_path / "two", 30)
    code1, out1, err1 = run("check", "--fix", str(one), "--jobs", "1")
    code2, out2, err2 = run("check", "--fix", str(two), "--jobs", "2")
    assert code1 == code2 and out1.replace(str(one), "X") == out2.replace(str(two), "X")
    assert err1.replace(str(one), "X") == err2.replace(str(two), "X")
    assert "fixed" in err1
    for a in sorted(one.iterdir()):
        assert a.read_bytes() == (two / a.name).read_bytes(), a.name
    assert "ceasefire deal" in (two / "a000.txt").read_text()
    assert not [p for p in two.iterdir() if p.name.endswith(".newslint-tmp")]


def test_diff_on_all_cores_is_the_diff_of_one_process(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news", 30)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    one = run("check", "--diff", str(folder), "--jobs", "1")
    two = run("check", "--diff", str(folder), "--jobs", "2")
    assert one == two and "+A ceasefire deal was signed" in one[1]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # --diff writes nothing


def test_archive_records_are_checked_on_all_cores_in_record_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": article(i)}) for i in range(150)]
    lines.insert(70, "{not json")  # a bad record in the middle keeps its place
    archive = tmp_path / "feed.jsonl"
    archive.write_text("\n".join(lines) + "\n")
    (tmp_path / "after.txt").write_text(article(3))
    one = run("check", str(archive), "after.txt", "--id-field", "id", "--jobs", "1", "--format", "json")
    two = run("check", str(archive), "after.txt", "--id-field", "id", "--jobs", "2", "--format", "json")
    assert one == two and one[0] == 2
    paths = [entry["path"] for entry in json.loads(one[1])["files"]]
    assert paths[:3] == [f"{archive}:r0", f"{archive}:r1", f"{archive}:r2"] and paths[-1] == "after.txt"
    assert len(paths) == 151 and f"{archive}:71:" in one[2]  # the bad record, by line


def test_config_error_stops_at_the_same_place(tmp_path: Path) -> None:
    good, bad = tmp_path / "a-good", tmp_path / "b-bad"
    good.mkdir()
    bad.mkdir()
    for i in range(20):
        (good / f"g{i:02}.txt").write_text(article(i))
        (bad / f"b{i:02}.txt").write_text(article(i))
    (bad / "house.yaml").write_text("id: NL777\nname: house-rule\nkind: telepathy\nseverity: warning\nmessage: m\n")  # found when the rules load
    (bad / "newslint.yaml").write_text("rules: [house.yaml]\n")
    one = run("check", str(good), str(bad), "--jobs", "1")
    two = run("check", str(good), str(bad), "--jobs", "2")
    assert one == two and one[0] == 2
    assert "unknown kind 'telepathy'" in one[2] and "g19.txt" in one[1] and "b00.txt" not in one[1]


def test_a_warning_between_inputs_keeps_its_place(tmp_path: Path) -> None:
    """A record whose date cannot be read is warned about just before its own findings."""
    records = [{"id": f"r{i}", "when": "2026-02-03", "text": article(i)} for i in range(120)]
    records[90]["when"] = "next Tuesday"
    archive = tmp_path / "feed.jsonl"
    archive.write_text("".join(json.dumps(r) + "\n" for r in records))
    env = child_env(tmp_path)

    def merged(jobs: str) -> str:  # stdout and stderr in the order they were written
        return subprocess.run([sys.executable, "-m", "newslint.cli", "check", str(archive), "--id-field", "id",
                               "--date-field", "when", "--jobs", jobs], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False).stdout

    one = merged("1")
    assert merged("2") == one
    lines = one.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"newslint: warning: {archive}:91:"))
    record = [int(line.split(":")[1][1:]) for line in lines if line.startswith(f"{archive}:r")]
    before = [int(line.split(":")[1][1:]) for line in lines[:at] if line.startswith(f"{archive}:r")]
    assert before == record[:len(before)] and max(before) < 90 and record[len(before)] == 90


def test_a_small_batch_is_checked_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up stays that of one process for a handful of files: no worker is started."""
    for i in range(4):
        (tmp_path / f"s{i}.txt").write_text(article(i))

    def no_workers(*args: object, **kwargs: object) -> None:
        raise AssertionError("workers started for a small batch")

    monkeypatch.setattr(batch, "_parallel", no_workers)
    code, out, _ = run("check", str(tmp_path))
    assert code == 1 and "NL201" in out


def test_default_jobs_follow_the_size_of_the_batch(tmp_path: Path) -> None:
    small = [tmp_path / f"s{i}.txt" for i in range(3)]
    for p in small:
        p.write_text(article(1))
    assert batch_jobs(small, cores=8) == 1
    big = [tmp_path / f"b{i}.txt" for i in range(40)]
    for p in big:
        p.write_text("x" * (PARALLEL_MIN_BYTES // 20))
    assert batch_jobs(big, cores=8) == 8
    assert batch_jobs(big, cores=1) == 1
    assert batch_jobs(small, requested=4) == 3 and batch_jobs(small, requested=4, stdin=True) == 4  # no idle worker
    assert batch_jobs([tmp_path / "feed.jsonl"], requested=4) == 4  # an archive's records are not counted ahead
    assert chunk_size_for(big, 2) == 5 and chunk_size_for(big * 100, 2) == batch.MAX_CHUNK
    assert chunk_size_for([tmp_path / "a.jsonl"], 2) == batch.MAX_CHUNK


def test_no_process_pool_falls_back_to_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus(tmp_path / "news", 20)
    expected = run("check", str(folder), "--jobs", "1")
    import concurrent.futures

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")  # what sem_open gives on some systems

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", broken)
    assert run("check", str(folder), "--jobs", "2") == expected


def test_a_worker_that_dies_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = corpus(tmp_path / "news", 20)

    def killed(*args: object) -> None:
        os._exit(9)  # as if the OOM killer took the worker (the forked workers inherit this patch)

    monkeypatch.setattr(batch, "check_work", killed)
    code, _, err = run("check", str(folder), "--jobs", "2")
    assert code == 2 and "a worker process died while checking" in err and "Traceback" not in err


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(p) for p in task.read_text().split()}
    return found


def test_ctrl_c_stops_all_workers_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    body = "\n".join(article(i) for i in range(40))
    for i in range(3000):
        (folder / f"s{i:04}.txt").write_text(f"Item {i}\n{body}")
    env = child_env(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "newslint.cli", "check", str(folder), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env)
    assert proc.stdout is not None
    proc.stdout.readline()  # findings are coming: the workers are running
    workers = _children(proc.pid)
    assert len(workers) >= 2
    os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole process group
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert err.decode().strip().splitlines()[-1] == "newslint: interrupted"
    time.sleep(0.2)
    assert not [p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]]
