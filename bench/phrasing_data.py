"""Read the phrasing development set (bench/phrasing/*.txt): items written
`STYLE TOPIC | sentence with [as printed|original] edits`."""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

CACHE = Path.home() / ".cache" / "newslint-train"  # extracted features (outside the repository)
HERE = Path(__file__).resolve().parent / "phrasing"
TRAIN = HERE / "train.txt"
HELDOUT = HERE / "heldout.txt"
_EDIT = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")


@dataclass(frozen=True)
class Edit:
    start: int  # span of the printed words in `Item.printed`
    end: int
    found: str
    original: str


@dataclass(frozen=True)
class Item:
    style: str  # spin, mt, tp, clean
    topic: str
    printed: str  # the sentence as a spinner or translator printed it
    original: str  # the sentence as it was (equal to printed for clean items)
    edits: tuple[Edit, ...]
    line: int


def parse_line(text: str, line: int = 0) -> Item:
    head, sep, body = text.partition("|")
    if not sep:
        raise ValueError(f"line {line}: no '|' after STYLE TOPIC")
    style, topic = head.split()
    body = body.strip()
    printed: list[str] = []
    original: list[str] = []
    edits: list[Edit] = []
    pos = 0
    plen = 0
    for m in _EDIT.finditer(body):
        before = body[pos:m.start()]
        printed.append(before)
        original.append(before)
        plen += len(before)
        found, orig = m.group(1), m.group(2)
        printed.append(found)
        original.append(orig)
        if found != orig and found.strip():
            edits.append(Edit(plen, plen + len(found), found, orig))
        plen += len(found)
        pos = m.end()
    printed.append(body[pos:])
    original.append(body[pos:])
    fix = lambda s: re.sub(r"  +", " ", "".join(s)).replace(" .", ".").replace(" ,", ",").strip()  # noqa: E731
    p = "".join(printed)
    if p != fix(printed):  # a deleted word left a double space: recompute spans on the tidy text
        tidy = fix(printed)
        shifted = []
        for e in edits:
            start = tidy.find(e.found, max(0, e.start - (len(p) - len(tidy)) - 2))
            shifted.append(Edit(start, start + len(e.found), e.found, e.original))
        edits, p = shifted, tidy
    return Item(style, topic, p, fix(original), tuple(edits), line)


def load(path: Path) -> list[Item]:
    items = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip() and not raw.lstrip().startswith("#"):
            items.append(parse_line(raw, n))
    return items


class FeatureCache:
    """Per-sentence features on disk, keyed by feature settings and sentence."""

    def __init__(self, name: str) -> None:
        CACHE.mkdir(parents=True, exist_ok=True)
        self.path = CACHE / f"features-{name}.pickle"
        self.data: dict[str, list] = {}
        if self.path.is_file():
            with open(self.path, "rb") as fh:
                self.data = pickle.load(fh)
        self.dirty = 0

    def get(self, key: str):
        return self.data.get(key)

    def put(self, key: str, value) -> None:
        self.data[key] = value
        self.dirty += 1
        if self.dirty >= 200:
            self.save()

    def save(self) -> None:
        if self.dirty:
            tmp = self.path.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(self.data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
            self.dirty = 0


def extract_group(extractor, cache: FeatureCache, sentences: list[str]) -> list[list]:  # type: ignore[no-untyped-def]
    """Features of several sentences read as one text (a window of the model, as in an article);
    per sentence: [(word index, features, top candidates, hidden)]."""
    import numpy as np

    from newslint.wording.words import split_words

    text = " ".join(sentences)
    key = hashlib.sha1(text.encode()).hexdigest()
    got = cache.get(key)
    if got is None:
        words = split_words(text)
        scores = extractor.extract(text, words)
        bounds = []
        pos = 0
        for s in sentences:
            bounds.append((pos, pos + len(s)))
            pos += len(s) + 1
        per: list[list] = [[] for _ in sentences]
        for sc in scores:
            w = words[sc.index]
            for i, (a, b) in enumerate(bounds):
                if a <= w.start < b:
                    local = [x for x in split_words(sentences[i])]
                    li = next(j for j, x in enumerate(local) if x.start == w.start - a)
                    per[i].append((li, sc.features, sc.candidates[:5],
                                   sc.hidden.numpy().astype(np.float16) if sc.hidden is not None else None))
                    break
        got = per
        cache.put(key, got)
    return got
