"""`newslint report`: inputs, cache, resume, bad records, engines, HTML, exports, CLI."""

from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newslint import Linter
from newslint.cli import app
from newslint.report import ArchiveFields, LinterOptions, ReportError, ReportOptions, run_report
from newslint.report.store import DB_NAME, SCHEMA
from newslint.sources import read_path

BAD_TEXT = "Talks with British Kiel Starmer went on. A ceasefire contract was agreed on Monday."
CLEAN_TEXT = "Prime Minister Keir Starmer met the French president in London on Tuesday."
SCRIPT_TEXT = 'The page said <script>alert("x")</script> before the ceasefire contract was signed.'


def article(i: int) -> str:
    """A small article; every third one carries a misspelled name and a tortured phrase."""
    body = f"Article number {i} reports on trade figures for the quarter. Exports rose by {i % 9} percent."
    return f"{body} {BAD_TEXT}" if i % 3 == 0 else f"{body} {CLEAN_TEXT}"


def write_jsonl(path: Path, rows: list[dict[str, Any]], extra_lines: list[bytes] = ()) -> Path:  # type: ignore[assignment]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows) + b"".join(extra_lines)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def rows(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [{"id": f"art-{i}", "body": article(i), "published": f"2024-{i % 12 + 1:02d}-15T08:00:00Z",
             "outlet": ["AP", "Reuters", "AFP"][i % 3]} for i in range(start, start + n)]


FIELDS = ArchiveFields(text="body", id="id", date="published", source="outlet")


def options(sources: list[Path], out: Path, **kw: Any) -> ReportOptions:
    kw.setdefault("jobs", 1)
    return ReportOptions(sources=tuple(str(s) for s in sources), out=str(out), **kw)


def db(out: Path) -> sqlite3.Connection:
    return sqlite3.connect(out / DB_NAME)


def latest_run(out: Path) -> int:
    return db(out).execute("SELECT MAX(run_id) FROM runs WHERE status = 'complete'").fetchone()[0]


def stored_findings(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    """article id -> its findings (rule, start, end, matched, suggestion) in the latest complete run."""
    conn = db(out)
    run = latest_run(out)
    result: dict[str, list[tuple[Any, ...]]] = {}
    for (aid,) in conn.execute("SELECT article_id FROM articles WHERE run_id = ?", (run,)):
        result[aid] = []
    for aid, *f in conn.execute("""
            SELECT a.article_id, f.rule_id, f.start, f."end", f.matched, f.suggestion FROM articles a
            JOIN findings f ON f.content_hash = a.content_hash AND f.ruleset = a.ruleset
            WHERE a.run_id = ? ORDER BY a.article_id, f.seq""", (run,)):
        result[aid].append(tuple(f))
    return result


def expected_findings(texts: dict[str, Any], linter: Linter | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """article id -> findings of the linter itself; a value is a text or (text, article date)."""
    linter = linter or Linter()
    out = {}
    for aid, value in texts.items():
        text, when = value if isinstance(value, tuple) else (value, None)
        out[aid] = [(f.rule_id, f.span.start, f.span.end, f.matched, f.suggestions[0] if f.suggestions else None)
                    for f in linter.check_text(text, when)]
    return out


def dated(rs: list[dict[str, Any]]) -> dict[str, tuple[str, date]]:
    return {r["id"]: (r["body"], date.fromisoformat(r["published"][:10])) for r in rs}


# --- folders ------------------------------------------------------------------------------------------


def test_folder_report_matches_the_linter_and_lists_unreadable_files(tmp_path: Path) -> None:
    src = tmp_path / "news"
    (src / "2024" / "may").mkdir(parents=True)
    (src / "a.txt").write_text(BAD_TEXT, encoding="utf-8")
    (src / "b.md").write_text(CLEAN_TEXT + "\n", encoding="utf-8")
    (src / "2024" / "may" / "c.txt").write_text(article(3), encoding="utf-8")
    (src / ".hidden.txt").write_text(BAD_TEXT, encoding="utf-8")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (src / "broken.txt").write_bytes(b"caf\xe9 in Latin-1")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out"
    summary = run_report(options([src], out))
    assert (summary.status, summary.articles, summary.checked, summary.bad_records) == ("complete", 3, 3, 2)
    linter = Linter()
    got = stored_findings(out)
    for name in ["a.txt", "b.md", "2024/may/c.txt"]:
        want = [(f.rule_id, f.span.start, f.span.end, f.matched, f.suggestions[0] if f.suggestions else None)
                for f in linter.check_document(read_path(src / name))]
        assert got[f"news/{name}"] == want  # ids name the file inside the folder given
    assert got["news/a.txt"], "the bad article must have findings"
    bad = dict(db(out).execute("SELECT origin, reason FROM bad_records"))
    assert set(bad) == {str((src / "broken.txt").resolve()), str((src / "binary.txt").resolve())}
    assert "UTF-8" in bad[str((src / "broken.txt").resolve())] and "binary" in bad[str((src / "binary.txt").resolve())]
    assert summary.findings == sum(len(v) for v in got.values())


# --- archives, bad records, breakdowns ---------------------------------------------------------------------


def test_jsonl_archive_bad_records_never_stop_the_run(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "body": "word " * (10 * 1024 * 1024)}).encode() + b"\n"  # a 50 MB article
    assert len(huge) > 50_000_000
    extra = [
        b'{"id": "broken", "body": "unterminated\n',
        b'{"id": "no-text", "title": "only a title"}\n',
        b'{"id": "binary", "body": "\\u0000\\u0001\\u0002 bytes"}\n',
        b'{"id": "latin1", "body": "caf\xe9"}\n',
        huge,
    ]
    archive = write_jsonl(tmp_path / "feed.jsonl", rows(30), extra)
    archive.write_bytes(archive.read_bytes() + json.dumps(rows(1, start=30)[0]).encode() + b"\n")  # one good after the bad
    out = tmp_path / "out"
    summary = run_report(options([archive], out, fields=FIELDS, jobs=2))
    assert (summary.articles, summary.bad_records) == (31, 5)
    reasons = dict(db(out).execute("SELECT line, reason FROM bad_records"))
    assert sorted(reasons) == [31, 32, 33, 34, 35]
    assert "invalid JSON" in reasons[31] and "missing text field 'body'" in reasons[32]
    assert "binary" in reasons[33] and "UTF-8" in reasons[34] and "limit is" in reasons[35]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Bad records: 5" in page and "missing text field" in page
    assert stored_findings(out) == expected_findings(dated(rows(31)))
    assert any(f[0] == "NL103" for f in stored_findings(out)["art-5"]), "the record's date reaches the title rule"
    # dates and sources from the records feed the breakdowns
    assert 'id="sources"' in page and 'id="months"' in page and "2024-05" in page and "Reuters" in page
    conn = db(out)
    assert conn.execute("SELECT date, source FROM articles WHERE article_id = 'art-4'").fetchone() == ("2024-05-15", "Reuters")


def test_csv_gz_archive(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "body", "published", "outlet"])
        for r in rows(12):
            w.writerow([r["id"], r["body"].replace(". ", ".\n", 1), r["published"], r["outlet"]])
    out = tmp_path / "out"
    summary = run_report(options([path], out, fields=FIELDS))
    assert (summary.articles, summary.bad_records) == (12, 0)
    texts = {k: (v[0].replace(". ", ".\n", 1), v[1]) for k, v in dated(rows(12)).items()}
    assert stored_findings(out) == expected_findings(texts)


# --- cache and versions ---------------------------------------------------------------------------------


def test_rerun_checks_only_what_changed(tmp_path: Path) -> None:
    src = tmp_path / "news"
    src.mkdir()
    for i in range(9):
        (src / f"{i}.txt").write_text(article(i), encoding="utf-8")
    out = tmp_path / "out"
    first = run_report(options([src], out))
    assert (first.checked, first.cached) == (9, 0)
    again = run_report(options([src], out))
    assert (again.articles, again.checked, again.cached) == (9, 0, 9)
    assert stored_findings(out) == expected_findings({f"news/{i}.txt": article(i) for i in range(9)})
    (src / "1.txt").write_text(BAD_TEXT, encoding="utf-8")  # 1 was clean, now has findings
    (src / "9.txt").write_text(CLEAN_TEXT, encoding="utf-8")  # a new article
    (src / "0.txt").unlink()  # a removed one
    third = run_report(options([src], out))
    assert (third.articles, third.checked, third.cached) == (9, 2, 7)
    texts = {f"news/{i}.txt": article(i) for i in range(2, 9)}
    texts["news/1.txt"] = BAD_TEXT
    texts["news/9.txt"] = CLEAN_TEXT
    assert stored_findings(out) == expected_findings(texts)


def _aged(path: Path, seconds: float = 120) -> Path:
    """Set a file's mtime in the past (out of the racy window of a stamp taken now)."""
    when = time.time() - seconds
    os.utime(path, (when, when))
    return path


def _aged_folder(src: Path, n: int) -> Path:
    """A folder of n articles last modified two minutes ago."""
    src.mkdir()
    for i in range(n):
        (src / f"{i}.txt").write_text(article(i), encoding="utf-8")
        _aged(src / f"{i}.txt")
    return src


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import newslint.sources

    reads: list[str] = []
    real = newslint.sources.read_path

    def counting(path: Path, *args: Any, **kw: Any) -> Any:
        reads.append(Path(path).name)
        return real(path, *args, **kw)

    monkeypatch.setattr(newslint.sources, "read_path", counting)
    return reads


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _aged_folder(tmp_path / "news", 6)
    out = tmp_path / "out"
    reads = _count_reads(monkeypatch)
    assert run_report(options([src], out)).checked == 6 and len(reads) == 6
    reads.clear()
    again = run_report(options([src], out))
    assert (again.articles, again.checked, again.cached) == (6, 0, 6) and reads == []  # stat only
    assert stored_findings(out) == expected_findings({f"news/{i}.txt": article(i) for i in range(6)})
    (src / "1.txt").write_text(BAD_TEXT, encoding="utf-8")  # edited: a new mtime
    _aged(src / "1.txt", 30)
    third = run_report(options([src], out))
    assert reads == ["1.txt"] and (third.checked, third.cached) == (1, 5)
    texts = {f"news/{i}.txt": article(i) for i in range(6)}
    texts["news/1.txt"] = BAD_TEXT
    assert stored_findings(out) == expected_findings(texts)


def test_an_edit_keeping_size_and_mtime_right_after_a_run_is_still_seen(tmp_path: Path) -> None:
    """The racy case: a file changed within the clock's resolution of its stamp, same size, same
    mtime (or an mtime put back) is read again, because the stamp is too close to trust."""
    src = tmp_path / "news"
    src.mkdir()
    path = src / "a.txt"
    path.write_text(CLEAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert run_report(options([src], out)).findings == 0
    mtime = path.stat().st_mtime_ns
    wrong = CLEAN_TEXT.replace("Keir Starmer", "Kiel Starmer")
    assert len(wrong) == len(CLEAN_TEXT)
    path.write_text(wrong, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))
    again = run_report(options([src], out))
    assert again.checked == 1 and stored_findings(out)["news/a.txt"][0][3] == "Kiel Starmer"


def test_another_date_or_ruleset_reads_unchanged_files_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _aged_folder(tmp_path / "news", 3)
    out = tmp_path / "out"
    run_report(options([src], out))
    reads = _count_reads(monkeypatch)
    dated_run = run_report(options([src], out, default_date="2020-01-01"))
    assert len(reads) == 3 and dated_run.checked == 3  # the date is part of what was checked
    reads.clear()
    narrower = run_report(options([src], out, linter=LinterOptions(select=("NL1",))))
    assert len(reads) == 3 and narrower.checked == 3  # no check stored for these rules
    reads.clear()
    assert run_report(options([src], out)).cached == 3 and reads == []


def test_other_rules_are_another_version(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "NL999-script-tag.yaml").write_text(SCRIPT_RULE, encoding="utf-8")
    archive = write_jsonl(tmp_path / "a.jsonl", rows(6))
    out = tmp_path / "out"
    run_report(options([archive], out, fields=FIELDS))
    with_rule = run_report(options([archive], out, fields=FIELDS, linter=LinterOptions(rule_paths=(str(rules),))))
    assert with_rule.checked == 6, "a new rule file must invalidate the cache"
    (rules / "NL999-script-tag.yaml").write_text(SCRIPT_RULE.replace("severity: error", "severity: warning"), encoding="utf-8")
    edited = run_report(options([archive], out, fields=FIELDS, linter=LinterOptions(rule_paths=(str(rules),))))
    assert edited.checked == 6, "an edited rule file must invalidate the cache"
    back = run_report(options([archive], out, fields=FIELDS))
    assert back.checked == 0, "the first version's results are still cached"
    assert len({r for (r,) in db(out).execute("SELECT DISTINCT ruleset FROM checks")}) == 3


def test_duplicate_texts_are_checked_once_but_reported_per_article(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", [{"id": f"dup-{i}", "body": BAD_TEXT} for i in range(50)])
    out = tmp_path / "out"
    summary = run_report(options([archive], out, fields=FIELDS, chunk_size=8))
    assert (summary.articles, summary.checked) == (50, 1)
    got = stored_findings(out)
    assert len(got) == 50 and len({tuple(v) for v in got.values()}) == 1 and got["dup-0"]


# --- engines -------------------------------------------------------------------------------------------


def test_pool_engine_equals_serial(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(120))
    run_report(options([archive], tmp_path / "serial", fields=FIELDS, jobs=1))
    summary = run_report(options([archive], tmp_path / "pool", fields=FIELDS, jobs=2, chunk_size=7))
    assert (summary.engine, summary.workers, summary.articles) == ("local", 2, 120)
    assert stored_findings(tmp_path / "pool") == stored_findings(tmp_path / "serial")


@pytest.fixture(scope="module")
def dask_cluster() -> Any:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (pip install 'newslint[report]')")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40)
    yield cluster
    cluster.close()


def test_dask_engine_on_a_scheduler_and_on_its_own_local_cluster_match_local(tmp_path: Path, dask_cluster: Any) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(60), [b'{"id": "broken"\n'])
    local = run_report(options([archive], tmp_path / "local", fields=FIELDS, jobs=1))
    remote = run_report(options([archive], tmp_path / "remote", fields=FIELDS, engine="dask",
                                scheduler=dask_cluster.scheduler_address, chunk_size=10))
    own = run_report(options([archive], tmp_path / "own", fields=FIELDS, engine="dask", jobs=2, chunk_size=10))
    assert remote.engine == own.engine == "dask"
    for s in (remote, own):
        assert (s.articles, s.checked, s.bad_records, s.findings) == (local.articles, local.checked, 1, local.findings)
    assert stored_findings(tmp_path / "remote") == stored_findings(tmp_path / "local") == stored_findings(tmp_path / "own")
    # the cluster's workers keep their Linter: each worker process built it once, whatever the number of tasks
    from distributed import Client

    with Client(dask_cluster) as client:
        built = client.run(_linters_built)
    assert len(built) == 2 and all(n == 1 for n in built.values()), built


def _linters_built() -> int:
    from newslint.report import worker

    return len(worker._CACHED)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    archive = write_jsonl(tmp_path / "a.jsonl", rows(3))
    with pytest.raises(ReportError, match="cannot reach the Dask scheduler"):
        run_report(options([archive], tmp_path / "out", fields=FIELDS, engine="dask", scheduler="tcp://127.0.0.1:9",
                                scheduler_timeout=1.0))


# --- resume after SIGKILL / SIGINT ------------------------------------------------------------------------


def _start_cli(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newslint.cli", "report", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def _stored(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{out / DB_NAME}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0])
    except sqlite3.Error:
        return 0


def _wait_for(out: Path, at_least: int, proc: subprocess.Popen[bytes], timeout: float = 300) -> int:
    """Wait until `at_least` checks are stored (the first run may compile dictionary caches: minutes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _stored(out)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            raise AssertionError(f"the run ended (exit {proc.returncode}) with {n} checks stored: "
                                 + (proc.stderr.read().decode() if proc.stderr else ""))
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError(f"the run stored only {_stored(out)} checks in {timeout} s: "
                         + (proc.communicate(timeout=30)[1].decode()))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_midway_then_rerun_reports_every_article_exactly_once(tmp_path: Path, jobs: str) -> None:
    n = 600
    data = [{"id": f"art-{i}", "body": article(i) + f" Unique detail {i}."} for i in range(n)]
    archive = write_jsonl(tmp_path / "big.jsonl", data, [b"not json\n"])
    out = tmp_path / "out"
    args = [str(archive), "--out", str(out), "--text-field", "body", "--id-field", "id", "--jobs", jobs,
            "--chunk-size", "5", "--no-progress"]
    for at_least in (20, 150):  # killed twice, at different points
        proc = _start_cli(args)
        stored = _wait_for(out, at_least, proc)
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, no clean-up at all
        proc.wait(timeout=30)
        assert stored < n, "the run finished before it could be killed; make it longer"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "newslint.cli", "report", *args], capture_output=True, timeout=600)
    assert done.returncode == 0, f"after {time.monotonic() - started:.0f} s: {done.stderr.decode()}"
    assert "cached" in done.stderr.decode()
    conn = db(out)
    run = latest_run(out)
    ids = [r[0] for r in conn.execute("SELECT article_id FROM articles WHERE run_id = ?", (run,))]
    assert len(ids) == n and len(set(ids)) == n
    assert conn.execute("SELECT COUNT(*) FROM bad_records WHERE run_id = ?", (run,)).fetchone()[0] == 1
    statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY run_id")]
    assert statuses == ["interrupted", "interrupted", "complete"]
    # no lost or duplicated findings: every check has exactly as many finding rows as it counted,
    # and a sample (first, last, every 25th) holds exactly what the linter finds
    assert conn.execute("""SELECT COUNT(*) FROM checks c WHERE findings !=
        (SELECT COUNT(*) FROM findings f WHERE f.content_hash = c.content_hash AND f.ruleset = c.ruleset)""").fetchone() == (0,)
    got = stored_findings(out)
    sample = {d["id"]: d["body"] for i, d in enumerate(data) if i % 25 == 0 or i == n - 1}
    assert {k: got[k] for k in sample} == expected_findings(sample)
    with open(out / "findings.csv", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert len(exported) == sum(len(v) for v in got.values()) > 0


def test_ctrl_c_stops_cleanly_and_the_rerun_resumes(tmp_path: Path) -> None:
    # enough work (seconds) that the run is still going when Ctrl-C comes: 600 short
    # articles took 0.4 s on a fast host, and the run had ended before the signal
    data = [{"id": f"art-{i}", "body": " ".join([article(i)] * 3) + f" Detail {i}."} for i in range(5000)]
    archive = write_jsonl(tmp_path / "a.jsonl", data)
    out = tmp_path / "out"
    args = [str(archive), "--out", str(out), "--text-field", "body", "--id-field", "id", "--jobs", "2", "--chunk-size", "5"]
    proc = _start_cli(args)
    _wait_for(out, 50, proc)
    os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "run the same command again to resume" in err.decode() and "Traceback" not in err.decode()
    conn = db(out)
    assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    stored = _stored(out)
    summary = run_report(options([archive], out, fields=FIELDS))
    assert summary.articles == 5000 and summary.cached >= stored


def test_a_killed_worker_stops_the_run_with_an_error_instead_of_hanging(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil", reason="psutil finds the worker processes")
    data = [{"id": f"art-{i}", "body": article(i) + f" Note {i}."} for i in range(400)]
    archive = write_jsonl(tmp_path / "a.jsonl", data)
    out = tmp_path / "out"
    args = [str(archive), "--out", str(out), "--text-field", "body", "--id-field", "id", "--jobs", "2", "--chunk-size", "5"]
    proc = _start_cli(args)
    _wait_for(out, 20, proc)
    workers = psutil.Process(proc.pid).children()
    assert len(workers) == 2
    workers[0].kill()
    _, err = proc.communicate(timeout=120)  # never hangs
    assert proc.returncode == 2, err.decode()
    assert "a worker process died" in err.decode() and "Traceback" not in err.decode()
    summary = run_report(options([archive], out, fields=FIELDS, jobs=2))
    assert summary.articles == 400 and summary.cached > 0


def _die_on_chunk_three(task: tuple[int, list[Any]]) -> tuple[int, list[Any]]:
    from newslint.report.worker import check_documents, _POOL_LINTER

    if task[0] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return task[0], check_documents(_POOL_LINTER, task[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the patched task function reaches workers by fork")
def test_a_worker_dying_with_a_chunk_is_an_error_and_the_rerun_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.report import worker

    archive = write_jsonl(tmp_path / "a.jsonl", rows(80))
    out = tmp_path / "out"
    monkeypatch.setattr(worker, "check_in_pool", _die_on_chunk_three)
    with pytest.raises(ReportError, match="a worker process died"):
        run_report(options([archive], out, fields=FIELDS, jobs=2, chunk_size=5))
    monkeypatch.undo()
    status = db(out).execute("SELECT status FROM runs").fetchall()
    assert status == [("failed",)]
    summary = run_report(options([archive], out, fields=FIELDS, jobs=2, chunk_size=5))
    assert summary.articles == 80 and summary.checked >= 5
    assert stored_findings(out) == expected_findings(dated(rows(80)))


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    archive = write_jsonl(tmp_path / "a.jsonl", rows(2))
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".newslint-report.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(ReportError, match="another `newslint report`"):
            run_report(options([archive], out, fields=FIELDS))


# --- the HTML report and the exports ----------------------------------------------------------------------

SCRIPT_RULE = """\
id: NL999
name: script-tag-in-copy
kind: existence
severity: error
message: "'{found}' is a <script>alert('message')</script> tag left in the copy"
description: Flags a script tag left in article text (report escaping tests).
options:
  patterns: ['<script>[^<]*</script>']
  suggestion: "<b>deleted</b>"
examples:
  fail:
    - {text: "Hello <script>x()</script> world.", suggestion: "<b>deleted</b>"}
  pass:
    - "Hello world."
"""


def test_html_escapes_article_text_ids_sources_and_findings(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "NL999-script-tag.yaml").write_text(SCRIPT_RULE, encoding="utf-8")
    hostile = [{"id": '<script>alert("id")</script>', "body": SCRIPT_TEXT, "outlet": "<img src=x onerror=alert(1)>",
                "published": "2024-02-02"}]
    archive = write_jsonl(tmp_path / "a.jsonl", hostile + rows(3), [b'{"body": "<script>bad()</script>\n'])
    out = tmp_path / "out"
    run_report(options([archive], out, fields=FIELDS, linter=LinterOptions(rule_paths=(str(rules),))))
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1, "only the page's own self-check script"
    assert "<img" not in page and "<b>deleted" not in page and "alert('message')</script>" not in page
    assert "&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;" in page  # the article id
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the source
    assert "&lt;b&gt;deleted&lt;/b&gt;" in page  # a suggestion
    assert "is a &lt;script&gt;alert(&#x27;message&#x27;)&lt;/script&gt; tag" in page  # a message
    assert "<mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</mark>" in page  # matched text in context


def test_html_is_self_contained(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(20))
    out = tmp_path / "out"
    run_report(options([archive], out, fields=FIELDS))
    page = (out / "report.html").read_text(encoding="utf-8")
    import html

    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    for needle in ("<link", " src=", "url(", "@import"):
        assert needle not in page
    assert [u for u in ("http://", "https://") if u in page.replace('xmlns="http://www.w3.org/2000/svg"', "")] == []
    for section in ("totals", "density", "rules", "names", "phrases", "worst", "sources", "months", "bad-records"):
        assert f'id="{section}"' in page
    assert "<svg" in page and "Kiel Starmer" in page and "Keir Starmer" in page and "ceasefire deal" in page


def test_findings_csv_and_parquet_hold_every_finding(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install 'newslint[report]')")
    archive = write_jsonl(tmp_path / "a.jsonl", rows(15))
    out = tmp_path / "out"
    summary = run_report(options([archive], out, fields=FIELDS))
    with open(out / "findings.csv", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    table = pq.read_table(out / "findings.parquet")
    assert len(exported) == table.num_rows == summary.findings > 0
    first = exported[0]
    assert first["article_id"] == "art-0" and first["rule_id"] and first["source"] == "AP" and first["date"] == "2024-01-15"
    assert table.column("article_id").to_pylist() == [r["article_id"] for r in exported]
    assert table.schema.field("fix_safe").type == "bool" and table.schema.field("line").type == "int64"
    misspelled = [r for r in exported if r["rule_id"] == "NL101"]
    assert misspelled and all(r["matched"] == "Kiel Starmer" and r["suggestion"] == "Keir Starmer" for r in misspelled)


def test_schema_is_documented() -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "report-schema.md"
    if not doc.is_file():
        pytest.skip("docs/report-schema.md is not in this checkout")
    text = doc.read_text(encoding="utf-8")
    import re

    for table, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\)(?: WITHOUT ROWID)?;", SCHEMA, re.S):
        assert f"`{table}`" in text, table
        for column in re.findall(r"^\s+\"?(\w+)\"?\s+(?:TEXT|INTEGER|REAL)", body, re.M):
            assert f"`{column}`" in text, f"{table}.{column}"


# --- chromium --------------------------------------------------------------------------------------------


def _chromium() -> str | None:
    import shutil

    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed (apt-get install -y chromium)")
def test_report_opens_in_headless_chromium_without_console_errors(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(40), [b"oops\n"])
    out = tmp_path / "out"
    run_report(options([archive], out, fields=FIELDS))
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr", "--v=0", "--window-size=1280,2000"]
    url = (out / "report.html").resolve().as_uri()
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, timeout=120)
    assert 'data-selfcheck="ok"' in dom.stdout.decode(), dom.stdout.decode()[-2000:]
    console = [line for line in dom.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line]
    assert console == []
    shot = tmp_path / "report.png"
    result = subprocess.run([*base, f"--screenshot={shot}", url], capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 20_000, result.stderr.decode(errors="replace")[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- CLI -------------------------------------------------------------------------------------------------


def test_cli_report_writes_everything_and_prints_one_summary_line(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(10))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["report", str(archive), "--out", str(out), "--text-field", "body", "--id-field", "id",
                                      "--source-field", "outlet", "--date-field", "published", "-j", "1"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("newslint: report: 10 articles (10 checked, 0 cached)")
    assert result.stdout == ""
    assert {p.name for p in out.iterdir()} >= {"report.html", "findings.csv", "findings.parquet", DB_NAME}


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl"], "missing.jsonl: no such file or directory"),
    (["{a}", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
    (["{a}", "--date", "yesterday"], "--date must be YYYY-MM-DD"),
    (["{a}", "--rules", "{bad_rules}"], "NL998"),
])
def test_cli_report_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", rows(2))
    bad_rules = tmp_path / "bad"
    bad_rules.mkdir()
    (bad_rules / "NL998-broken.yaml").write_text("id: NL998\nname: broken\nkind: no-such-kind\n", encoding="utf-8")
    argv = [a.format(a=archive, bad_rules=bad_rules) for a in args]
    result = CliRunner().invoke(app, ["report", *argv, "--out", str(tmp_path / "out"), "-j", "1", "--text-field", "body"])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_interrupt_inside_a_transaction_still_records_the_run_as_interrupted(tmp_path: Path) -> None:
    from newslint.report.store import Store

    store = Store(tmp_path / "out")
    run_id = store.begin_run("rules", "local", 1, {})
    store.conn.execute("BEGIN IMMEDIATE")  # Ctrl-C landed after a chunk's BEGIN, before its `with` block
    store.finish_run(run_id, "interrupted", {"articles": 3}, 1.0)
    store.close()
    assert db(tmp_path / "out").execute("SELECT status, articles FROM runs").fetchall() == [("interrupted", 3)]
