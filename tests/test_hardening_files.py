"""Hostile rule and dictionary files: each is one clear error naming the file, the line and the
key where there is one (exit 2 from `newslint check --rules F` / `--dictionary F`), within a
bounded time and memory; YAML is only ever read with the safe loader."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newslint.dictionaries import load_dictionary
from newslint.errors import DictionaryError, NewslintError, RuleError
from newslint.rules.loader import load_rule_file, load_rules
from newslint.yamlutil import MAX_ALIAS_EXPANSION, MAX_ALIASES, MAX_YAML_BYTES

SRC = Path(__file__).resolve().parents[1] / "src" / "newslint"

HEAD = "id: NL990\nname: hostile-rule\nkind: existence\nseverity: warning\nmessage: x\n"  # lines 1-5
OPTS = "options:\n  patterns: ['x']\n"  # lines 6-7
ENTRY = "entries:\n  - id: person:x\n    kind: person\n    canonical: Xavier Young\n"  # lines 1-4


@pytest.fixture(autouse=True)
def _no_parse_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "off")


def laughs(levels: int = 9, width: int = 9, indent: str = "") -> str:
    """A 'billion laughs': each anchor is a list of `width` aliases of the previous one."""
    lines = [f"{indent}l0: &l0 [lol, lol]"]
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space."""
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


# (name, file name, content or a writer, expected line (None: the whole file), key, message part)
Writer = Callable[[Path], Path]
RULE_CASES: list[tuple[str, str, str | bytes | Writer, int | None, str | None, str]] = [
    ("billion laughs", "r.yaml", HEAD + "description:\n" + laughs(indent="  ") + OPTS, 12, None, "YAML bomb"),
    ("many aliases", "r.yaml", HEAD + "x: &a v\ny: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n", 7, None,
     f"more than {MAX_ALIASES} YAML aliases"),
    ("deep nesting", "r.yaml", HEAD + "options: " + "[" * 20000 + "]" * 20000 + "\n", 6, None, "nested more than 100 levels"),
    ("deep block nesting", "r.yaml", HEAD + "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "v\n", 106, None,
     "nested more than 100 levels"),
    ("huge file", "r.yaml", lambda p: sparse(p, MAX_YAML_BYTES + 1), None, None, f"the limit is {MAX_YAML_BYTES}"),
    ("not a mapping", "r.yaml", "- id: NL990\n", 1, None, "must be a mapping"),
    ("empty file", "r.yaml", "", None, None, "must be a mapping"),
    ("id is a number", "r.yaml", HEAD.replace("NL990", "990") + OPTS, 1, "id", "'id' must be a string"),
    ("id is a date", "r.yaml", HEAD.replace("NL990", "2024-01-01") + OPTS, 1, "id", "'id' must be a string"),
    ("bad id", "r.yaml", HEAD.replace("NL990", "XX1") + OPTS, 1, "id", "NL followed by three digits"),
    ("message is a list", "r.yaml", HEAD.replace("message: x", "message: [x]") + OPTS, 5, "message", "must be a string"),
    ("severity", "r.yaml", HEAD.replace("warning", "loud") + OPTS, 4, "severity", "error, warning or info"),
    ("options is a list", "r.yaml", HEAD + "options: [1, 2]\n", 6, "options", "'options' must be a mapping"),
    ("patterns is a string", "r.yaml", HEAD + "options:\n  patterns: x\n", 7, "options.patterns", "list of strings"),
    ("patterns hold a number", "r.yaml", HEAD + "options:\n  patterns: [1]\n", 7, "options.patterns", "list of strings"),
    ("unknown option", "r.yaml", HEAD + OPTS + "  colour: red\n", 8, "options.colour", "unknown option 'colour'"),
    ("unknown top key", "r.yaml", HEAD + OPTS + "extends: other\n", 8, "extends", "unknown key 'extends'"),
    ("enabled is a string", "r.yaml", HEAD + OPTS + "enabled: 'no'\n", 8, "enabled", "true or false"),
    ("examples.fail is a number", "r.yaml", HEAD + OPTS + "examples: {fail: 5}\n", 8, "examples.fail", "must be a list"),
    ("example is a number", "r.yaml", HEAD + OPTS + "examples:\n  pass: [1]\n", 9, "examples.pass.0", "must be a string"),
    ("unknown kind", "r.yaml", HEAD.replace("existence", "telepathy") + OPTS, 3, "kind", "unknown kind 'telepathy'"),
    ("kind typo", "r.yaml", HEAD.replace("existence", "existance") + OPTS, 3, "kind", "did you mean 'existence'"),
    ("invalid regex", "r.yaml", HEAD + "options:\n  patterns: ['(unclosed']\n", 6, "options", "not a valid regex"),
    ("huge repeat", "r.yaml", HEAD + "options:\n  patterns: ['a{99999999999}']\n", 6, "options", "not a valid regex"),
    ("timeout nan", "r.yaml", HEAD + OPTS + "  timeout: .nan\n", 6, "options", "finite"),
    ("requires is no regex", "r.yaml", HEAD + OPTS + "  requires: '(x'\n", 6, "options", "option 'requires'"),
    ("replacement numbers groups", "r.yaml", HEAD + OPTS + "  replacement: '\\1'\n", 6, "options", "must name its groups"),
    ("replacement names a missing group", "r.yaml", HEAD + "options:\n  patterns: ['(?P<a>x)']\n  replacement: '\\g<b>'\n",
     6, "options", "names groups no pattern has: b"),
    ("duplicate key", "r.yaml", HEAD + OPTS + "id: NL991\n", 8, "id", "duplicate key 'id' (first at line 1)"),
    ("impossible date", "r.yaml", HEAD + OPTS + "description: 2024-13-45\n", 8, None, "invalid YAML value"),
    ("python tag", "r.yaml", HEAD + "options: !!python/object/apply:os.system ['echo hacked']\n", 6, None,
     "could not determine a constructor"),
    ("unhashable key", "r.yaml", HEAD + "? [a, b]\n: 1\n", 6, None, "unhashable key"),
    ("latin-1 bytes", "r.yaml", (HEAD + "description: caf\xe9\n").encode("latin-1"), 6, None, "not valid UTF-8"),
    ("UTF-16", "r.yaml", (HEAD + OPTS).encode("utf-16"), 1, None, "not valid UTF-8"),
    ("directory", "r.yaml", lambda p: (p.mkdir(), p)[1], None, None, "directory"),
]


def materialise(tmp_path: Path, name: str, content: str | bytes | Writer) -> Path:
    path = tmp_path / name
    if callable(content):
        return content(path)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def check_error(err: NewslintError, path: Path, line: int | None, key: str | None, part: str) -> None:
    assert err.path == str(path)
    assert err.line == line, (err.line, str(err))
    assert err.key == key, (err.key, str(err))
    assert part in err.message, err.message
    assert len(str(err)) < 400 and "\n" not in str(err)


@pytest.mark.parametrize("case", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_hostile_rule_file(tmp_path: Path, case: tuple) -> None:  # type: ignore[type-arg]
    _, name, content, line, key, part = case
    path = materialise(tmp_path, name, content)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    check_error(err.value, path, line, key, part)


def test_duplicate_rule_ids_in_two_files(tmp_path: Path) -> None:
    (tmp_path / "NL990-a.yaml").write_text(HEAD + OPTS, encoding="utf-8")
    (tmp_path / "NL990-b.yaml").write_text("# a copy\n" + HEAD + OPTS, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    check_error(err.value, tmp_path / "NL990-b.yaml", 2, "id", "duplicate rule id NL990")


def test_rule_id_clashing_with_a_builtin_rule(tmp_path: Path) -> None:
    from newslint.resources import builtin_rules_dir

    path = tmp_path / "mine.yaml"
    path.write_text(HEAD.replace("NL990", "NL201") + OPTS, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rules([builtin_rules_dir(), path])
    check_error(err.value, path, 1, "id", "duplicate rule id NL201")


DICT_CASES: list[tuple[str, str, str | bytes | Writer, int | None, str | None, str]] = [
    ("billion laughs", "d.yaml", "meta:\n" + laughs(indent="  ") + ENTRY, 7, None, "YAML bomb"),
    ("bomb in variants", "d.yaml", "meta:\n" + laughs(indent="  ") + ENTRY + "    variants: *l9\n", 7, None, "YAML bomb"),
    ("deep nesting", "d.yaml", "entries: " + "[" * 20000 + "]" * 20000 + "\n", 1, None, "nested more than 100 levels"),
    ("huge YAML", "d.yaml", lambda p: sparse(p, MAX_YAML_BYTES + 1), None, None, "the limit is"),
    ("huge CSV", "d.csv", lambda p: sparse(p, MAX_YAML_BYTES + 1), None, None, "the limit is"),
    ("huge JSONL", "d.jsonl", lambda p: sparse(p, MAX_YAML_BYTES + 1), None, None, "the limit is"),
    ("not a mapping", "d.yaml", "- 1\n", 1, None, "'entries' list"),
    ("entries is a mapping", "d.yaml", "entries: {a: 1}\n", 1, "entries", "'entries' must be a list"),
    ("entry is a list", "d.yaml", "entries:\n  - [1, 2]\n", 2, None, "an entry must be a mapping"),
    ("id is a number", "d.yaml", ENTRY.replace("person:x", "5"), 2, "id", "non-empty string 'id'"),
    ("unknown kind", "d.yaml", ENTRY.replace("kind: person", "kind: alien"), 3, "kind", "kind must be one of"),
    ("variants is a string", "d.yaml", ENTRY + "    variants: X Young\n", 5, "variants", "list of strings"),
    ("unknown entry key", "d.yaml", ENTRY + "    colour: red\n", 5, "colour", "unknown entry key 'colour'"),
    ("name too long", "d.yaml", ENTRY.replace("Xavier Young", "A" * 2000), 4, "canonical", "2000 characters"),
    ("word too long", "d.yaml", ENTRY.replace("Xavier Young", "Xavier " + "Ab" * 100), 4, "canonical", "a word longer than 64"),
    ("duplicate entry ids", "d.yaml", ENTRY + "  - {id: person:x, kind: person, canonical: X Y}\n", 5, "id",
     "duplicate entry id 'person:x' (first at line 2)"),
    ("duplicate key", "d.yaml", ENTRY + "    canonical: Other Name\n", 5, "canonical", "duplicate key 'canonical'"),
    ("role date impossible", "d.yaml", ENTRY + "    roles:\n      - {title: President, from: 2024-13-45}\n", 6, None,
     "invalid YAML value: month must be in 1..12"),
    ("role date not a date", "d.yaml", ENTRY + "    roles:\n      - {title: President, to: yesterday}\n", 6, "roles[0]",
     "role 'to' must be a date"),
    ("role date is a list", "d.yaml", ENTRY + "    roles:\n      - {title: President, from: [2020]}\n", 6, "roles[0]",
     "(got a list)"),
    ("role ends before it starts", "d.yaml", ENTRY + "    roles:\n      - {title: President, from: 2020, to: 2010}\n", 6,
     "roles[0]", "is before 'from'"),
    ("gender unknown", "d.yaml", ENTRY + "    gender: f\n", 5, "gender", "'gender' must be one of female, male (got 'f')"),
    ("gender is a boolean", "d.yaml", ENTRY + "    gender: yes\n", 5, "gender", "'gender' must be one of female, male"),
    ("gender of a place", "d.yaml", ENTRY.replace("kind: person", "kind: place") + "    gender: female\n", 5, "gender",
     "only for people"),
    ("gender in CSV", "d.csv", "canonical,kind,gender\nXavier Young,person,woman\n", 2, "gender", "'gender' must be one of"),
    ("role is a string", "d.yaml", ENTRY + "    roles: [President]\n", 5, "roles", "list of mappings"),
    ("synonyms is a number", "d.yaml", "titles:\n  - {title: President, synonyms: 5}\nentries: []\n", 2, "titles[0].synonyms",
     "list of strings"),
    ("latin-1 YAML", "d.yaml", "entries:\n  - {id: p:x, kind: person, canonical: Z\xfcrich}\n".encode("latin-1"), 2, None,
     "not valid UTF-8"),
    ("latin-1 CSV", "d.csv", "canonical\nAnna\nZ\xfcrich\n".encode("latin-1"), 3, None, "not valid UTF-8"),
    ("latin-1 JSONL", "d.jsonl", '{"canonical": "Anna"}\n\n{"canonical": "Z\xfcrich"}\n'.encode("latin-1"), 3, None,
     "not valid UTF-8"),
    ("deep JSONL", "d.jsonl", '{"canonical": "Anna"}\n{"canonical": ' + "[" * 100000 + "\n", 2, None, "nested too deeply"),
    ("JSONL not an object", "d.jsonl", "[1]\n", 1, None, "JSON object"),
    ("CSV without canonical", "d.csv", "name,kind\nX,person\n", 1, None, "'canonical' column"),
    ("CSV wrong kind", "d.csv", "canonical,kind\nX Y,alien\n", 2, "kind", "kind must be one of"),
    ("unknown format", "d.txt", "Xavier Young\n", None, None, "unknown dictionary format"),
    ("directory", "d.yaml", lambda p: (p.mkdir(), p)[1], None, None, "directory"),
]


@pytest.mark.parametrize("case", DICT_CASES, ids=[c[0] for c in DICT_CASES])
def test_hostile_dictionary_file(tmp_path: Path, case: tuple) -> None:  # type: ignore[type-arg]
    _, name, content, line, key, part = case
    path = materialise(tmp_path, name, content)
    with pytest.raises(DictionaryError) as err:
        load_dictionary(path)
    check_error(err.value, path, line, key, part)


def test_alias_expansion_limit_counts_nested_anchors(tmp_path: Path) -> None:
    """Few aliases (18) but 10^6 nodes once expanded: refused. The same shape one level smaller is fine."""
    path = tmp_path / "d.yaml"
    path.write_text("meta:\n" + laughs(levels=2, width=9, indent="  ") + "entries: []\n", encoding="utf-8")
    assert load_dictionary(path).entries == []  # 2 levels: 9*9 lols, well under the limit
    path.write_text("meta:\n" + laughs(levels=6, width=10, indent="  ") + "entries: []\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=f"more than {MAX_ALIAS_EXPANSION} nodes"):
        load_dictionary(path)


# --- through the command line: exit 2, one line, bounded time and memory ---------------------

# Peak RSS of the child: VmHWM from /proc (the high-water mark of this process's own memory).
# resource.getrusage's ru_maxrss is the fallback: on Linux it also counts the RSS of the parent
# at fork time (kept across exec), which would charge pytest's own memory to the child.
MEASURED = """
import resource, sys, time
start = time.perf_counter()
code = 0
try:
    from newslint.cli import main
    sys.argv = ["newslint", *sys.argv[1:]]
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    try:
        with open("/proc/self/status") as fh:
            peak = next(int(l.split()[1]) // 1024 for l in fh if l.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    sys.stderr.write(f"\\n@@ peak_rss_mb={peak} seconds={time.perf_counter() - start:.2f}\\n")
sys.exit(code)
"""


def run_measured(*args: str, stdin: bytes = b"", timeout: float = 180) -> tuple[int, str, str, int, float]:
    """Run `newslint ARGS` in a fresh interpreter; (exit code, stdout, stderr, peak RSS MB, seconds)."""
    result = subprocess.run([sys.executable, "-c", MEASURED, *args], input=stdin, capture_output=True, timeout=timeout)
    err = result.stderr.decode("utf-8", "replace")
    m = re.search(r"@@ peak_rss_mb=(\d+) seconds=([\d.]+)", err)
    assert m, err
    return result.returncode, result.stdout.decode("utf-8", "replace"), err[: m.start()].strip(), int(m.group(1)), float(m.group(2))


CLI_CASES = [
    ("--rules", "billion laughs", r"r\.yaml:12: YAML aliases expand"),
    ("--rules", "deep nesting", r"r\.yaml:6: YAML nested more than 100 levels deep"),
    ("--rules", "huge file", r"r\.yaml: file is \d+ bytes"),
    ("--rules", "examples.fail is a number", r"r\.yaml:8: \[examples\.fail\]"),
    ("--rules", "invalid regex", r"r\.yaml:6: \[options\] pattern 1"),
    ("--dictionary", "bomb in variants", r"d\.yaml:7: YAML aliases expand"),
    ("--dictionary", "role date impossible", r"d\.yaml:6: invalid YAML value"),
    ("--dictionary", "deep JSONL", r"d\.jsonl:2: invalid JSON: nested too deeply"),
    ("--dictionary", "word too long", r"d\.yaml:4: \[canonical\]"),
    ("--dictionary", "gender unknown", r"d\.yaml:5: \[gender\] .gender. must be one of female, male"),
]


@pytest.mark.parametrize("option, name, expected", CLI_CASES, ids=[f"{c[0]} {c[1]}" for c in CLI_CASES])
def test_cli_exit_2_one_line_bounded(tmp_path: Path, option: str, name: str, expected: str) -> None:
    cases = {c[0]: c for c in (RULE_CASES if option == "--rules" else DICT_CASES)}
    _, file_name, content, *_ = cases[name]
    path = materialise(tmp_path, file_name, content)
    code, out, err, peak_mb, seconds = run_measured("check", "--no-config", option, str(path), "-", stdin=b"Text.\n")
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: " + str(tmp_path)), err
    assert re.search(expected, lines[0]), lines[0]
    assert peak_mb < 300, peak_mb  # a plain start-up is about 50 MB
    assert seconds < 60, seconds


# --- the loader is the safe one ----------------------------------------------------------------

UNSAFE_YAML = re.compile(r"yaml\.(?:load|load_all|full_load|full_load_all|unsafe_load|unsafe_load_all)\s*\("
                         r"|Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b"
                         r"|yaml\.(?:Loader|FullLoader|UnsafeLoader|UnsafeConstructor|FullConstructor)\b")


def test_no_unsafe_yaml_loading_in_src() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if UNSAFE_YAML.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_unsafe_yaml_pattern_catches_what_it_should() -> None:
    for bad in ["yaml.load(text)", "yaml.load(fh, Loader=yaml.Loader)", "yaml.unsafe_load(x)", "yaml.full_load(x)",
                "yaml.load_all(x, Loader=yaml.FullLoader)", "Loader = yaml.UnsafeLoader"]:
        assert UNSAFE_YAML.search(bad), bad
    for good in ["yaml.safe_load(text)", "yaml.compose(text, Loader=yaml.SafeLoader)", "yaml.parse(t, Loader=_Loader)"]:
        assert not UNSAFE_YAML.search(good), good
