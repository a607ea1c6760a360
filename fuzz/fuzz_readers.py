"""Coverage-guided fuzzing of the readers: plain text, Markdown, HTML, JSON Lines and CSV archives.

Run (see fuzz/README.md):
    python fuzz/fuzz_readers.py /tmp/fuzz-readers fuzz/corpus/readers -max_total_time=600 -timeout=60

The first input byte picks the reader (see READERS), the rest is the file's bytes. Checked for
txt/md/html: decode() and the reader either return a Document or raise InputError (a clear
refusal), never anything else; the lint text has the text's length and keeps every line break;
reading the same text again gives the same lint text; the findings of every rule on it point
into the original text (span, matched text, line/column). For JSONL/CSV (plain and gzipped):
iter_records() never raises on damaged content, yields Records and BadRecords with line numbers
that never decrease, and each Record's text is a str with no NUL that the engine can check.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

READERS = (".txt", ".md", ".html", ".jsonl", ".csv", ".jsonl.gz", ".csv.gz")
_TMP = Path(tempfile.mkdtemp(prefix="newslint-fuzz-"))
atexit.register(shutil.rmtree, _TMP, True)


def _linter():  # type: ignore[no-untyped-def]
    from _common import shared_linter  # imported late: atheris instruments it first

    return shared_linter()


def read_one(data: bytes) -> None:
    """One fuzz input: first byte = reader, rest = file content."""
    if not data:
        return
    suffix = READERS[data[0] % len(READERS)]
    payload = data[1:]
    if suffix in (".txt", ".md", ".html"):
        _read_file(suffix, payload)
    else:
        _read_archive(suffix, payload)


def _read_file(suffix: str, payload: bytes) -> None:
    from _common import check_document, check_findings

    from newslint.errors import InputError
    from newslint.sources import read_stdin, reread

    try:
        doc = read_stdin(payload, "fuzz" + suffix)
    except InputError as exc:
        assert exc.path == "fuzz" + suffix and exc.message
        return
    assert doc.text == payload.decode("utf-8-sig"), "the reader changed the text"
    check_document(doc)
    again = reread(doc, doc.text)
    assert again.lint_text == doc.lint_text, "reading the same text twice gives different lint text"
    check_findings(doc.text, _linter().check_document(doc))


def _read_archive(suffix: str, payload: bytes) -> None:
    import gzip

    from _common import check_findings

    from newslint.sources.archive import BadRecord, Record, iter_records

    path = _TMP / ("fuzz" + suffix)
    path.write_bytes(gzip.compress(payload, mtime=0) if suffix.endswith(".gz") and payload[:2] != b"\x1f\x8b" else payload)
    last = 0
    for item in iter_records(path, text_field="text", id_field="id", date_field="date", max_record_bytes=2048):
        assert isinstance(item, (Record, BadRecord)), type(item)
        assert item.line >= max(last, 1), ("line numbers go back", last, item.line)
        last = item.line
        if isinstance(item, BadRecord):
            assert item.reason
            continue
        assert isinstance(item.text, str) and "\x00" not in item.text
        doc = item.to_document(str(path))
        check_findings(doc.text, _linter().check_document(doc))


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["newslint", "_common", "markdown_it"]):
        import _common  # noqa: F401
        import markdown_it  # noqa: F401
        import newslint.sources  # noqa: F401
        import newslint.sources.archive  # noqa: F401
        import newslint.sources.html  # noqa: F401
        import newslint.sources.markdown  # noqa: F401

        _linter()  # loads (and so instruments) every rule kind before fuzzing starts
    # the first check builds or opens the name index (a minute on a cold cache): not part of any input's time
    _linter().check_text("President Vladimir Putin met Sergei Lavrov in Kiev.")
    atheris.Setup(sys.argv, read_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
