"""Latency of `newslint lsp`: time from a didChange notification to the diagnostics of that version.

Starts the language server as an editor does (a subprocess speaking JSON-RPC over stdio), opens a
1,000-word article, warms up, then sends edits one at a time (a word replaced at a different place
each time, as typing does) and waits for the publishDiagnostics of each new version. The server's
debounce (the wait after the last change before checking) is part of what is measured; run with
--debounce-ms 0 to see the check alone.

    PYTHONPATH=src python bench/lsp_latency.py                 # median must be <= 150 ms
    PYTHONPATH=src python bench/lsp_latency.py --debounce-ms 0 --changes 100

The article is made of clean Reuters articles from ../shared/corpus/news-en (cut to exactly --words
words); without that folder, of the seed article repeated.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import DEFAULT_CORPUS, load_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0


def article(words: int) -> str:
    """About `words` words of real news text, in paragraphs."""
    texts = [t for _, t in load_corpus(DEFAULT_CORPUS, 40)] if DEFAULT_CORPUS.is_dir() else []
    if not texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        for text in texts:
            for para in (p.strip() for p in text.split("\n\n")):
                if not para:
                    continue
                need = words - count
                kept = para.split()[:need]
                paragraphs.append(" ".join(kept))
                count += len(kept)
                if count >= words:
                    break
            if count >= words:
                break
    return "\n\n".join(paragraphs) + "\n"


class Client:
    """A minimal JSON-RPC client over the server's stdin and stdout."""

    def __init__(self, command: list[str]) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        msg_id = None
        if request:
            self.next_id += 1
            msg_id = message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg_id

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))  # type: ignore[no-any-return]

    def wait(self, predicate: Any) -> dict[str, Any]:
        while True:
            message = self.read()
            if predicate(message):
                return message

    def close(self) -> None:
        msg_id = self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == msg_id)
        self.send("exit", None)
        self.proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=10, help="edits before timing starts")
    parser.add_argument("--changes", type=int, default=50, help="timed edits")
    parser.add_argument("--debounce-ms", type=int, default=None, help="server setting debounceMs (default: the server's)")
    args = parser.parse_args()

    text = article(args.words)
    words = text.split(" ")
    options: dict[str, Any] = {}
    if args.debounce_ms is not None:
        options["debounceMs"] = args.debounce_ms
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.md"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        client = Client([sys.executable, "-m", "newslint", "lsp"])
        started = time.perf_counter()
        init = client.send("initialize", {"processId": None, "rootUri": Path(tmp).as_uri(), "capabilities": {},
                                          "initializationOptions": options}, request=True)
        client.wait(lambda m: m.get("id") == init)
        client.send("initialized", {})
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        first = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        first_ms = (time.perf_counter() - started) * 1000
        timings: list[float] = []
        version = 1
        for i in range(args.warmup + args.changes):
            version += 1
            edited = list(words)
            spot = (i * 37) % len(edited)
            edited[spot] = edited[spot] + "s"  # a one-letter edit somewhere in the article
            t0 = time.perf_counter()
            client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": " ".join(edited)}]})
            client.wait(lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["uri"] == uri and m["params"].get("version") == v)
            if i >= args.warmup:
                timings.append((time.perf_counter() - t0) * 1000)
        client.close()
    timings.sort()
    median = statistics.median(timings)
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"article: {len(text.split())} words, {len(text)} characters; "
          f"{len(first['params']['diagnostics'])} diagnostics on open")
    print(f"start-up to first diagnostics: {first_ms:.0f} ms")
    print(f"didChange -> publishDiagnostics over {len(timings)} edits after {args.warmup} warm-up edits "
          f"(debounce {'server default' if args.debounce_ms is None else f'{args.debounce_ms} ms'}): "
          f"median {median:.1f} ms, p90 {p90:.1f} ms, min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms")
    print(f"target: median <= {TARGET_MS:.0f} ms: {'met' if median <= TARGET_MS else 'NOT met'}")
    sys.exit(0 if median <= TARGET_MS else 1)


if __name__ == "__main__":
    main()
