"""Shared helpers for bench scripts: locate and read the clean news corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news-en"


def corpus_arg(parser: argparse.ArgumentParser) -> None:
    """Add --corpus and --limit options."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles (default: ../shared/corpus/news-en)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")


def load_corpus(folder: Path, limit: int = 0) -> list[tuple[str, str]]:
    """(name, text) of every .txt file, sorted by name."""
    if not folder.is_dir():
        raise SystemExit(f"corpus folder not found: {folder} (pass --corpus)")
    files = sorted(folder.glob("*.txt"))
    if limit:
        files = files[:limit]
    return [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files]


def word_count(text: str) -> int:
    """Whitespace-separated words."""
    return len(text.split())
