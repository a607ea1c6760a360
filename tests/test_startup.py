"""Start-up: what a one-file check reads from the cache instead of building, and what it never
imports. Tested by what is called and imported (never by timing: bench/startup.py measures)."""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from newslint import dictionaries, resources
from newslint.dictionaries import ACCEPTED, ALIAS, DERIVED_TABLES, NATIVE, DeleteTable, Dictionary, Entry, NameIndex
from newslint.resources import Resources

REPO = Path(__file__).resolve().parents[1]


def test_a_delete_table_answers_as_the_dict_it_was_made_from() -> None:
    rnd = random.Random(7)
    letters = "abcdeklmnorstuvzäöü"
    table = {"".join(rnd.choice(letters) for _ in range(rnd.randint(2, 9))): set() for _ in range(3000)}
    for key, tokens in table.items():
        tokens.update("".join(rnd.choice(letters) for _ in range(rnd.randint(4, 9))) for _ in range(rnd.randint(1, 4)))
    packed = DeleteTable(table)
    assert len(packed) == len(table)
    for key, tokens in table.items():
        assert sorted(packed.get(key)) == sorted(tokens)
    probes = ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 10))) for _ in range(3000)]
    for probe in probes + ["", "\uffff", "a" * 40]:
        assert sorted(packed.get(probe)) == sorted(table.get(probe, ()))
    assert DeleteTable({}).get("anything") == ()


def test_a_pickled_delete_table_carries_no_dict_and_a_batch_reads_it_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {f"k{i:05d}": {f"token{i}"} for i in range(50)}
    packed = DeleteTable(table)
    monkeypatch.setattr(DeleteTable, "LOAD_AFTER_LOOKUPS", 20)
    for i in range(30):  # past the limit: the table was read into a dict once
        assert packed.get(f"k{i:05d}") == (f"token{i}",)
    assert packed._dict is not None  # noqa: SLF001
    copy = pickle.loads(pickle.dumps(packed))
    assert copy._dict is None and copy._lookups == 0  # noqa: SLF001 - a cached index never holds the dict
    assert copy.get("k00049") == ("token49",) and copy.get("k00050") == ()


def _entry(i: int, canonical: str, **more: object) -> Entry:
    return Entry(id=f"person:{i}", kind="person", canonical=canonical, **more)  # type: ignore[arg-type]


def test_fuzzy_tokens_find_every_dictionary_token_within_the_distance() -> None:
    """The delete table finds exactly what a scan of every suggestible token with OSA finds."""
    rnd = random.Random(11)
    syllables = ["ka", "lo", "mir", "tse", "van", "dru", "osh", "bel", "ni", "gor", "sta", "pe", "ul", "zhe"]

    def word() -> str:
        return "".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 4))).capitalize()

    entries = [_entry(i, f"{word()} {word()}", variants=(f"{word()} {word()}",), aliases=(word(),)) for i in range(300)]
    index = NameIndex(Dictionary(entries=entries))
    suggestible = {t for e in entries for form, rel in e.forms() if rel in ACCEPTED and rel not in (ALIAS, NATIVE)
                   for t in form.lower().split() if len(t) >= 4 and t.isalpha()}
    probes = []
    for token in rnd.sample(sorted(suggestible), 120):
        chars = list(token)
        for _ in range(rnd.randint(1, 2)):
            at = rnd.randrange(len(chars))
            if rnd.random() < 0.5:
                chars[at] = rnd.choice("aeiouklmnrst")
            elif len(chars) > 4:
                del chars[at]
        probes.append("".join(chars))
    for probe in probes:
        for distance in (1, 2):
            want = sorted(((c, OSA.distance(probe, c)) for c in suggestible
                           if c != probe and OSA.distance(probe, c) <= distance), key=lambda kv: (kv[1], kv[0]))
            assert index.fuzzy_tokens(probe, distance) == want, (probe, distance)


def test_the_cache_key_follows_the_source_of_the_code_that_built_it(tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    data.write_text("one\n", encoding="utf-8")
    builder = tmp_path / "builder.py"
    builder.write_text("STEP = 1\n", encoding="utf-8")
    res = Resources(use_builtin=False)
    before = res._fingerprint([data], [str(builder)])  # noqa: SLF001
    assert res._fingerprint([data], [str(builder)]) == before  # noqa: SLF001
    builder.write_text("STEP = 2\n", encoding="utf-8")
    resources._source_digest.cache_clear()  # noqa: SLF001 - a new process reads the file again
    assert res._fingerprint([data], [str(builder)]) != before  # noqa: SLF001
    data.write_text("two\n", encoding="utf-8")
    assert res._fingerprint([data], [str(builder)]) not in (before,)  # noqa: SLF001
    assert all(Path(p).is_file() for p in resources.index_code())
    assert any(p.endswith("dictionaries.py") for p in resources.index_code())


DESK = """\
entries:
  - id: person:ilse-varnhagen
    kind: person
    canonical: Ilse Varnhagen
    gender: female
    country: "NO"
    roles: [{title: Prime Minister, of: "NO", from: 2031-01-01}]
  - id: person:joao-carvalhal
    kind: person
    canonical: João Carvalhal
  - id: place:norway
    kind: place
    type: country
    country: "NO"
    canonical: Norway
    demonym: Norwegian
titles:
  - {title: Prime Minister, class: head_of_government}
"""


def test_a_cached_index_brings_its_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    desk = tmp_path / "desk.yaml"
    desk.write_text(DESK, encoding="utf-8")
    built = Resources([desk], use_builtin=False).curated_names
    assert set(built.derived) == set(DERIVED_TABLES)  # made before the index was written
    loaded = Resources([desk], use_builtin=False).curated_names
    assert loaded is not built and set(loaded.derived) == set(DERIVED_TABLES)

    def no_builder(name: str) -> None:
        raise AssertionError(f"{name} was imported to build a table the cache holds")

    monkeypatch.setattr(dictionaries, "import_module", no_builder)
    assert "ilse" in loaded.table("person-words") and "varnhagen" in loaded.table("person-words")
    assert "prime minister" in loaded.table("catalogue").classes
    assert loaded.table("curated-damage")  # João: keys of the name with its non-ASCII letter lost
    assert loaded.table("title-data").surnames


def test_a_changed_dictionary_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    desk = tmp_path / "desk.yaml"
    desk.write_text(DESK, encoding="utf-8")
    assert not Resources([desk], use_builtin=False).curated_names.lookup("Odile Marchetti")
    desk.write_text(DESK.replace("Ilse Varnhagen", "Odile Marchetti"), encoding="utf-8")
    fresh = Resources([desk], use_builtin=False).curated_names
    assert fresh.lookup("Odile Marchetti") and not fresh.lookup("Ilse Varnhagen")
    assert "marchetti" in fresh.table("person-words")  # the tables are the new dictionary's too


# A one-file check on a warm cache, in a fresh process: which loaders and table builders it calls
# and which modules it imports (LazyLoader modules that were never used do not count).
SPY = r"""
import importlib.util, json, sys
calls = []

def spy(owner, name):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        calls.append(f"{getattr(owner, '__name__', owner)}.{name}")
        return original(*args, **kwargs)
    setattr(owner, name, wrapper)

import newslint.composite, newslint.dictionaries, newslint.resources, newslint.yamlutil
import newslint.rules.kinds.name_context, newslint.rules.kinds.names, newslint.rules.kinds.titles
for owner, name in [(newslint.dictionaries, "load_dictionary"), (newslint.resources, "load_dictionary"),
                    (newslint.dictionaries.NameIndex, "__init__"), (newslint.yamlutil, "parse_yaml"),
                    (newslint.yamlutil, "_safe_load"), (newslint.composite, "curated_damage_index"),
                    (newslint.rules.kinds.name_context, "build_title_data"),
                    (newslint.rules.kinds.names, "curated_person_words"),
                    (newslint.rules.kinds.titles, "dictionary_catalogue")]:
    spy(owner, name)
from newslint.cli import main
sys.argv = ["newslint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
finally:
    modules = sorted(m for m, module in sys.modules.items() if not isinstance(module, importlib.util._LazyModule))
    print("SPY " + json.dumps({"calls": calls, "modules": modules}), file=sys.stderr)
"""

NOT_FOR_ONE_TEXT_FILE = {
    "yaml",  # every rule file and dictionary comes from the cache
    "numpy", "symspellpy", "wordfreq", "rich", "markdown_it", "pandas", "pyarrow", "sklearn",
    "newslint.reporters.json", "newslint.reporters.sarif", "newslint.reporters.github",
    "newslint.wording.detector", "newslint.wording.lm", "newslint.wording.models",
}


def test_a_warm_one_file_check_reads_everything_from_the_cache(tmp_path: Path) -> None:
    article = tmp_path / "brief.txt"
    article.write_text("Ministers of the Nordic group met in Bergen on Tuesday. \"We agreed on little,\" "
                       "one official told reporters after Ilsa Varnhagn left the talks.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    command = [sys.executable, "-c", SPY, "check", "--no-config", str(article)]
    subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)  # warms the cache
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    report = json.loads(next(line[4:] for line in run.stderr.splitlines() if line.startswith("SPY ")))
    assert run.returncode in (0, 1), run.stderr
    assert report["calls"] == []
    assert sorted(NOT_FOR_ONE_TEXT_FILE & set(report["modules"])) == []
    assert "newslint.reporters.text" in report["modules"]  # (the spy sees what the check imports)


def test_a_words_candidate_code_is_its_entry_in_the_whole_list() -> None:
    """NL318's first documents look their words up one by one: every word of the frequency table
    gets the code the whole candidate list gives it (0 for a word that is none)."""
    from newslint.resources import builtin_rules_dir
    from newslint.rules.kinds.foreign import WORD_LIST, WordFrequencies

    path = builtin_rules_dir() / "dictionaries" / WORD_LIST
    table = WordFrequencies(path)
    for key in [(3.0, 1.0, 3.5), (2.5, 1.5, 3.0)]:
        whole = table.candidates(*key)
        with open(path, encoding="utf-8") as fh:
            words = [line.partition("\t")[0] for line in fh if not line.startswith("#")]
        assert len(whole) > 1000
        assert {w: c for w in words if (c := table.code(w, *key))} == whole
        assert table.code("zzqxj", *key) == 0 and table.code("", *key) == 0


def test_nl318_finds_the_same_documents_worth_a_look_before_and_after_reading_the_whole_list(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint import Linter
    from newslint.document import Document
    from newslint.rules.kinds import foreign
    from newslint.rules.kinds.base import CheckContext

    texts = [
        "The minister defended the reform de las pensiones before parliament on Monday.",
        "Officials said the talks (et pourtant) had stalled, according to a statement.",
        "He called it a coup de grâce for the coalition.",
        "The council approved the plan after a long debate about funding and schools.",
        "Le gouvernement a annoncé des mesures, the agency said in a note to clients.",
        "Prices rose in the zona euro, der Verband said, while exports fell (sic).",
        "A quiet day in the markets with little news from the central banks.",
        "Die Regierung will das Gesetz ändern, a spokesman told reporters in Berlin.",
    ]
    rule = next(r for r in Linter(select=["NL318"]).engine.rules if r.spec.id == "NL318")
    assert rule._load()  # noqa: SLF001 - opens the frequency table
    first = [rule._worth_a_look(CheckContext(Document(t, "x.txt"), rule.resources)) for t in texts]  # noqa: SLF001
    assert rule._codes is None  # noqa: SLF001 - looked up word by word
    monkeypatch.setattr(foreign, "WHOLE_LIST_AFTER", 0)
    later = [rule._worth_a_look(CheckContext(Document(t, "x.txt"), rule.resources)) for t in texts]  # noqa: SLF001
    assert rule._codes is not None  # noqa: SLF001 - the whole list, from the cache
    assert first == later and any(first) and not all(first)
