"""Measure what `newslint check` does with each hostile input and print Markdown table rows
(input | exit | first stderr line | peak RSS | seconds) for docs/README-hardening.md.

    python fuzz/hostile_table.py            # every case (a few minutes: big inputs are written to a temp folder)
    python fuzz/hostile_table.py --quick    # rule and dictionary files only

Each case runs in a fresh interpreter; peak RSS is that process's VmHWM (start-up included,
about 40-50 MB). The rule and dictionary cases are the ones tests/test_hardening_files.py checks.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_hardening_files import DICT_CASES, RULE_CASES, materialise, run_measured  # noqa: E402

MB = 1024 * 1024
BAD = "A ceasefire contract was signed in Geneva."


def row(label: str, args: list[str], tmp: Path, stdin: bytes = b"Text.\n") -> str:
    config = [] if "--config" in args else ["--no-config"]
    code, out, err, peak, seconds = run_measured("check", *config, *args, stdin=stdin, timeout=7200)
    first = (err.splitlines() or [out.splitlines()[0] if out.strip() else ""])[0].replace(str(tmp) + "/", "")
    first = first.replace("|", "\\|")
    if len(first) > 150:
        first = first[:147] + "..."
    return f"| {label} | {code} | `{first}` | {peak} MB | {seconds:.1f} s |"


def input_cases(tmp: Path) -> list[tuple[str, list[str], bytes]]:
    cases: list[tuple[str, list[str], bytes]] = []
    big = tmp / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * MB)
    cases.append(("200 MB .txt file (sparse)", [str(big)], b""))
    cases.append(("/dev/zero as a file", ["/dev/zero"], b""))
    cases.append(("60 MB on standard input", ["-"], b"a " * (30 * MB)))
    sentence = "The talks in Geneva went on for a week, officials said, and a deal was signed. "
    line = (sentence * (10 * MB // len(sentence))) + BAD + "\n"
    (tmp / "line.txt").write_text(line, encoding="utf-8")
    cases.append(("10 MB line, cheap rules (NL201,NL302,NL305)", ["--select", "NL201,NL302,NL305", str(tmp / "line.txt")], b""))
    cases.append(("10 MB line, default rules", [str(tmp / "line.txt")], b""))
    quoted = 'Officials met in Geneva. "We will talk," he said. The minister said talks went on. '
    for size in (50_000, 200_000, 1_000_000):
        (tmp / f"quotes{size}.txt").write_text((quoted * (size // len(quoted))) + "\n", encoding="utf-8")
        cases.append((f"{size // 1000:,} kB line, a quote every 83 characters, default rules",
                      [str(tmp / f"quotes{size}.txt")], b""))
    for letters in (1_000, 20_000):
        (tmp / f"token{letters}.txt").write_text("Then A" + "b" * (letters - 1) + " said.\n", encoding="utf-8")
        cases.append((f"one {letters:,}-letter capitalised word", [str(tmp / f"token{letters}.txt")], b""))
    words = [a.upper() + b + c + "ovan" for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiou" for c in "klmnprst"]
    (tmp / "caps.txt").write_text("Then " + " ".join(words[:1000] * 3) + " said.\n", encoding="utf-8")
    cases.append(("3,000 capitalised words in a row", [str(tmp / "caps.txt")], b""))
    # one misspelled name repeated (issue 17): 11+ CPU-minutes before the per-document memo
    (tmp / "repeated-lines.txt").write_text("Zelenksy\n" * 400_000, encoding="utf-8")
    cases.append(("a misspelled name on each of 400,000 lines (3.6 MB), default rules", [str(tmp / "repeated-lines.txt")], b""))
    (tmp / "repeated-stretch.txt").write_text("Kiel Starmer " * 160_000, encoding="utf-8")
    cases.append(("a misspelled name 160,000 times in one capitalised stretch (2 MB), default rules", [str(tmp / "repeated-stretch.txt")], b""))
    (tmp / "pyproject.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    (tmp / "ok.txt").write_text(BAD + "\n", encoding="utf-8")
    cases.append(("`--config` pyproject.toml nested 50,000 deep", ["--config", str(tmp / "pyproject.toml"), str(tmp / "ok.txt")], b""))
    for name, opener in (("record.jsonl", open), ("record.jsonl.gz", gzip.open)):
        with opener(tmp / name, "wt", encoding="utf-8") as fh:  # type: ignore[operator]
            fh.write(json.dumps({"text": BAD}) + "\n" + '{"text": "')
            for _ in range(200):
                fh.write("a " * (MB // 2))
            fh.write('"}\n' + json.dumps({"text": BAD}) + "\n")
        cases.append((f"200 MB record in {name}", [str(tmp / name)], b""))
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    cases.append(("PNG renamed .txt", [str(tmp / "image.txt")], b""))
    (tmp / "utf16.md").write_bytes("# Title\n\nText.".encode("utf-16"))
    cases.append(("UTF-16 file as .md", [str(tmp / "utf16.md")], b""))
    (tmp / "cp1252.txt").write_bytes("\u201cQuoted\u201d caf\u00e9".encode("cp1252"))
    cases.append(("Windows-1252 file", [str(tmp / "cp1252.txt")], b""))
    (tmp / "deep.md").write_text("---\na: " + "[" * 5000 + "\n---\nBody.\n", encoding="utf-8")
    cases.append(("Markdown front matter nested 5,000 deep", [str(tmp / "deep.md")], b""))
    return cases


def main() -> None:
    quick = "--quick" in sys.argv
    print("| input | exit | first line on stderr | peak RSS | time |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for option, cases in (("--rules", RULE_CASES), ("--dictionary", DICT_CASES)):
            for i, (label, name, content, *_rest) in enumerate(cases):
                sub = tmp / f"{option[2:]}{i}"
                sub.mkdir()
                path = materialise(sub, name, content)
                print(row(f"`{option}`: {label}", [option, str(path), "-"], tmp), flush=True)
        if not quick:
            for label, args, stdin in input_cases(tmp):
                print(row(label, args, tmp, stdin), flush=True)


if __name__ == "__main__":
    main()
