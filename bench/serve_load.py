"""Load test of `newslint serve` on loopback: N POST /api/check with the seed article at concurrency C.

Starts its own server (`python -m newslint.cli serve --port 0` on 127.0.0.1, a separate process),
sends a bounded number of requests with httpx.AsyncClient, checks every answer (status 200 and
the seed's "Kiel Starmer" finding present), stops the server and prints errors and latency
percentiles. Traffic goes to 127.0.0.1 only.

    python bench/serve_load.py                      # 1,000 requests, concurrency 20
    python bench/serve_load.py --requests 200 --concurrency 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_3d6420707d2b56da.txt"


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def start_server() -> tuple[subprocess.Popen[str], str]:
    """`newslint serve --port 0` in a child process; returns it and its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newslint.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("newslint serve: http://127.0.0.1:"):
        proc.kill()
        raise SystemExit(f"server did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, line.split()[2]


async def load(url: str, body: bytes, requests: int, concurrency: int, deadline: float,
               timeout: float) -> tuple[list[float], list[str]]:
    """Send `requests` POSTs with at most `concurrency` in flight; latencies (s) and error strings."""
    latencies: list[float] = []
    errors: list[str] = []
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as client:
        for _ in range(10):  # warm-up, not counted
            await client.post("/api/check", content=body, headers={"content-type": "application/json"})

        async def worker() -> None:
            nonlocal next_index
            while next_index < requests and time.monotonic() < deadline:
                next_index += 1
                t0 = time.perf_counter()
                try:
                    response = await client.post("/api/check", content=body, headers={"content-type": "application/json"})
                    elapsed = time.perf_counter() - t0
                    if response.status_code != 200:
                        errors.append(f"HTTP {response.status_code}")
                    elif not any(f["matched"] == "Kiel Starmer" for f in response.json()["findings"]):
                        errors.append("answer without the Kiel Starmer finding")
                    else:
                        latencies.append(elapsed)
                except (httpx.HTTPError, ValueError, KeyError) as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seed", type=Path, default=SEED, help="article to send (default: the repo's seed)")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop sending after this long")
    parser.add_argument("--timeout", type=float, default=60, help="per-request timeout (s)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 500:
        parser.error("--requests must be 1..100000 and --concurrency 1..500")

    body = json.dumps({"text": args.seed.read_text(encoding="utf-8")}).encode()
    proc, url = start_server()
    try:
        t0 = time.perf_counter()
        latencies, errors = asyncio.run(load(url, body, args.requests, args.concurrency,
                                             time.monotonic() + args.max_seconds, args.timeout))
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    done = sorted(latencies)
    figures = {
        "requests": len(done) + len(errors),
        "ok": len(done),
        "errors": len(errors),
        "concurrency": args.concurrency,
        "article_chars": len(args.seed.read_text(encoding="utf-8")),
        "wall_s": round(wall, 2),
        "throughput_rps": round((len(done) + len(errors)) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(done, 50) * 1000, 1),
        "p95_ms": round(percentile(done, 95) * 1000, 1),
        "p99_ms": round(percentile(done, 99) * 1000, 1),
        "max_ms": round(done[-1] * 1000, 1) if done else float("nan"),
        "mean_ms": round(statistics.fmean(done) * 1000, 1) if done else float("nan"),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"newslint serve load test: {figures['requests']} POST /api/check, concurrency {args.concurrency}, "
              f"article {figures['article_chars']} chars, loopback")
        print(f"  errors: {figures['errors']}   ok: {figures['ok']}")
        print(f"  wall: {figures['wall_s']} s   throughput: {figures['throughput_rps']} req/s")
        print(f"  latency ms: p50 {figures['p50_ms']}  p95 {figures['p95_ms']}  p99 {figures['p99_ms']}  "
              f"max {figures['max_ms']}  mean {figures['mean_ms']}")
        for message in sorted(set(errors))[:5]:
            print(f"  error: {message} (x{errors.count(message)})")
    sys.exit(1 if errors or len(done) < args.requests else 0)


if __name__ == "__main__":
    main()
