"""`newslint report` over a generated archive of 1,000,000 JSON Lines records: it completes, and memory stays flat.

The archive is synthetic (templated wire copy with known names, some misspelled, garbled phrases,
10 sources, dates over ten years, a unique detail per record so every record is really checked)
plus bad records: invalid JSON lines, records without text, binary text, and one 50 MB article.
The run is a `newslint report` process; every few seconds this script samples the resident memory
of that process and of each of its workers (psutil) and the number of articles stored, and prints
a line, so a run that is stopped early still shows how far it got and how memory behaved.

Like bench/report_throughput.py, the run uses a snapshot of HEAD's code and rules unless
--no-snapshot is given: a rule or dictionary edited in the working tree during an hour-long run
would otherwise change the ruleset version, and a resumed run would check everything again.

Usage: python bench/report_million.py [--records 1000000] [--jobs 2] [--workdir DIR] [--gzip]
       [--every 10] [--reuse-archive] [--no-snapshot]
Target (issue 6): the run completes and the peak RSS does not grow with the number of articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

PEOPLE = [("Keir Starmer", "Kiel Starmer"), ("Volodymyr Zelensky", "Voldymir Zelensky"), ("Emmanuel Macron", "Emmanuel Macorn"),
          ("Sergei Lavrov", "Sergei Lavorv"), ("Olaf Scholz", "Olaf Scholz"), ("Xi Jinping", "Xi Jinping"),
          ("Narendra Modi", "Narendra Modi"), ("Recep Tayyip Erdogan", "Recep Tayyip Erdogan")]
PLACES = ["London", "Paris", "Kyiv", "Berlin", "Riyadh", "Geneva", "Brussels", "Ankara", "Warsaw", "Rome"]
PHRASES = [("ceasefire deal", "ceasefire contract"), ("tit-for-tat", "the-for-TAT"), ("on the sidelines", "on the sidelines"),
           ("sit-down", "sit-in"), ("Oval Office", "oval office")]
SOURCES = ["Reuters", "AP", "AFP", "DPA", "ANSA", "EFE", "PAP", "Kyodo", "Xinhua", "TASS"]
TOPICS = ["trade", "energy prices", "grain exports", "the budget", "border security", "interest rates", "the summit agenda"]


def article(rng: random.Random, n: int) -> str:
    """One synthetic wire story of about 90-150 words; about one in four has a misspelled name or a garbled phrase."""
    good, bad = rng.choice(PEOPLE)
    name = bad if rng.random() < 0.15 else good
    right, wrong = rng.choice(PHRASES)
    phrase = wrong if rng.random() < 0.12 else right
    place, topic, other = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(PEOPLE)[0]
    sentences = [
        f"{name} met {other} in {place} on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} to discuss {topic}.",
        f"Officials said the talks, held {phrase if 'sidelines' in phrase else 'behind closed doors'}, lasted about {rng.randint(2, 9)} hours.",
        f"A spokesperson described the meeting as constructive and said both sides wanted a {phrase if 'deal' in phrase or 'contract' in phrase else 'lasting agreement'}.",
        f"Markets in {rng.choice(PLACES)} rose {rng.randint(1, 30) / 10:.1f} percent after the statement.",
        f"Analysts had expected {rng.choice(['a delay', 'new sanctions', 'a joint statement', 'no progress'])} before the meeting.",
        f"The two leaders are due to meet again in {rng.choice(PLACES)} next month, a senior official told reporters.",
        f"Reference {n}: figures for {topic} will be published on {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])}.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences[: rng.randint(5, 7)])


def generate(path: Path, records: int, seed: int = 6) -> dict[str, int]:
    """Write the archive; returns how many good and bad records it holds."""
    rng = random.Random(seed)
    counts = {"good": 0, "bad": 0}
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="\n") as fh:
        out: IO[str] = fh
        for i in range(records):
            if i and i % 100_000 == 0:
                out.write('{"id": "broken-%d", "text": "unterminated\n' % i)
                out.write(json.dumps({"id": f"no-text-{i}", "title": "headline only"}) + "\n")
                out.write(json.dumps({"id": f"binary-{i}", "text": "\x00\x01\x02\x03 binary"}) + "\n")
                counts["bad"] += 3
            if i == records // 2:
                out.write(json.dumps({"id": "fifty-megabytes", "text": "word " * (10 * 1024 * 1024 + 1)}) + "\n")
                counts["bad"] += 1
            year = 2015 + rng.randint(0, 10)
            out.write(json.dumps({"id": f"wire-{i:07d}", "text": article(rng, i), "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                  "source": rng.choice(SOURCES)}) + "\n")
            counts["good"] += 1
    return counts


def stored(db: Path) -> int:
    """Articles stored so far (cheap: the largest rowid)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="where the archive and the output go (default: a temporary folder, kept)")
    parser.add_argument("--gzip", action="store_true", help="write the archive gzipped (.jsonl.gz)")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between memory samples printed")
    parser.add_argument("--reuse-archive", action="store_true", help="keep an existing archive of the same name")
    parser.add_argument("--no-snapshot", action="store_true", help="use the working tree, not a snapshot of HEAD")
    args = parser.parse_args()
    try:
        import psutil
    except ImportError:
        raise SystemExit("this bench needs psutil: pip install psutil") from None

    work = args.workdir or Path(tempfile.mkdtemp(prefix="newslint-million-"))
    work.mkdir(parents=True, exist_ok=True)
    archive = work / f"archive-{args.records}.jsonl{'.gz' if args.gzip else ''}"
    if not (args.reuse_archive and archive.exists()):
        started = time.perf_counter()
        counts = generate(archive, args.records)
        print(f"generated {archive} ({archive.stat().st_size / 1e6:,.0f} MB): {counts['good']:,} articles + {counts['bad']} bad records "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
    out = work / "out"
    env = dict(os.environ)
    if not args.no_snapshot:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import report_throughput  # noqa: PLC0415

        report_throughput.snapshot(work / "snapshot")
        env = report_throughput.ENV
        print(f"rules and dictionaries loaded once before the run: {report_throughput.warm_up():.1f} s", flush=True)
    cmd = [sys.executable, "-m", "newslint.cli", "report", str(archive), "--out", str(out), "--jobs", str(args.jobs),
           "--text-field", "text", "--id-field", "id", "--date-field", "date", "--source-field", "source", "--no-progress"]
    print("running:", " ".join(cmd), flush=True)
    print(f"{'elapsed s':>9} {'articles':>10} {'art/s':>7} {'parent MB':>10} {'workers MB (each)':>22} {'load':>5}", flush=True)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    parent = psutil.Process(proc.pid)
    peak_parent = peak_worker = peak_total = 0
    samples: list[tuple[float, int, int, int]] = []
    last_print = 0.0
    status, usage = 0, None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            rss_parent = parent.memory_info().rss
            workers = []
            for child in parent.children(recursive=True):
                try:
                    workers.append(child.memory_info().rss)
                except psutil.Error:
                    pass
        except psutil.Error:
            time.sleep(0.2)
            continue
        peak_parent = max(peak_parent, rss_parent)
        peak_worker = max([peak_worker, *workers])
        peak_total = max(peak_total, rss_parent + sum(workers))
        now = time.perf_counter() - started
        n = stored(out / "newslint.sqlite")
        samples.append((now, n, rss_parent, max(workers, default=0)))
        if now - last_print >= args.every:
            last_print = now
            each = " ".join(f"{w / 1e6:.0f}" for w in workers) or "-"
            print(f"{now:9.0f} {n:10,} {n / now:7.0f} {rss_parent / 1e6:10.0f} {each:>22} {os.getloadavg()[0]:5.1f}", flush=True)
        time.sleep(2.0)  # sampling costs CPU (psutil walks /proc): keep it rare
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    print(err.strip())
    print(f"exit {code}; wall {wall:,.0f} s; CPU user {usage.ru_utime:,.0f} s + system {usage.ru_stime:,.0f} s")
    print(f"peak RSS sampled: parent {peak_parent / 1e6:.0f} MB, largest worker {peak_worker / 1e6:.0f} MB, "
          f"parent + workers {peak_total / 1e6:.0f} MB; ru_maxrss of the largest process (os.wait4) {usage.ru_maxrss / 1e3:.0f} MB")
    if samples:
        total = samples[-1][1] or 1
        print("memory against progress (RSS in MB when this share of the articles was stored):")
        for share in (0.1, 0.25, 0.5, 0.75, 0.9):
            hit = next((s for s in samples if s[1] >= share * total), None)
            if hit:
                print(f"  {int(share * 100):>3} %: {hit[1]:>10,} articles at {hit[0]:7.0f} s  parent {hit[2] / 1e6:5.0f}  largest worker {hit[3] / 1e6:5.0f}")
    for name in ("newslint.sqlite", "report.html", "findings.csv", "findings.parquet"):
        p = out / name
        if p.exists():
            print(f"  {name}: {p.stat().st_size / 1e6:,.1f} MB")
    sys.exit(code)


if __name__ == "__main__":
    main()
