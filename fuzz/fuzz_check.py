"""Coverage-guided fuzzing of the engine: `Linter.check_document` on arbitrary text, then safe fixes.

Run (see fuzz/README.md):
    python fuzz/fuzz_check.py /tmp/fuzz-check fuzz/corpus/check -max_total_time=600 -timeout=60

The input bytes are decoded as UTF-8 (undecodable bytes become U+FFFD), so the seed articles
stay readable to the mutator while it inserts control characters, astral characters, combining
marks, NUL, lone CR and long lines. Every built-in rule runs (the opt-in ones too). Checked:
no exception; each finding's span inside the text, its `matched` text the text at the span,
line/column agreeing with the offsets; one round of safe fixes changes only the fixed spans;
fixing until stable twice equals once.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

def _linter():  # type: ignore[no-untyped-def]
    from _common import shared_linter  # imported late: atheris instruments it first

    return shared_linter()


def check_one(data: bytes) -> None:
    """One fuzz input: raises (AssertionError or a newslint bug) when an invariant breaks."""
    from _common import check_findings, check_fixes

    from newslint.document import Document

    text = data.decode("utf-8", "replace")
    linter = _linter()
    doc = Document(text, "<fuzz>")
    findings = linter.check_document(doc)
    check_findings(text, findings)
    check_fixes(linter, doc, findings)


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["newslint", "_common"]):
        import _common  # noqa: F401
        import newslint.api  # noqa: F401
        import newslint.fixer  # noqa: F401
        import newslint.rules.kinds  # noqa: F401
        import newslint.sources  # noqa: F401

        _linter()  # loads (and so instruments) every rule kind before fuzzing starts
    # the first check builds or opens the name index (a minute on a cold cache): not part of any input's time
    _linter().check_text("President Vladimir Putin met Sergei Lavrov in Kiev.")
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
