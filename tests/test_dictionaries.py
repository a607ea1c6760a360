"""User dictionaries (YAML, CSV, JSON Lines), Wikidata import, lookup and the accept list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newslint import Linter
from newslint.dictionaries import load_dictionary

from .conftest import REPO

DATA = REPO / "tests" / "data" / "wikidata"


def nl101(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.matched, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL101"]


def test_user_yaml_dictionary_adds_a_person(tmp_path: Path) -> None:
    d = tmp_path / "desk.yaml"
    d.write_text("entries:\n  - {id: person:amaru-quispe, kind: person, canonical: Amaru Quispe, aliases: [Quispe]}\n",
                 encoding="utf-8")
    linter = Linter(select=["NL101"], dictionary_paths=[d])
    assert nl101(linter, "Governor Amaru Quispr opened the road.") == [("Amaru Quispr", "Amaru Quispe")]
    assert nl101(Linter(select=["NL101"]), "Governor Amaru Quispr opened the road.") == []


def test_user_csv_and_jsonl_dictionaries(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("canonical,kind,variants\nTom Vandendriessche,person,T. Vandendriessche\n", encoding="utf-8")
    jsonl = tmp_path / "places.jsonl"
    jsonl.write_text(json.dumps({"canonical": "Ouagadougou", "kind": "place"}) + "\n", encoding="utf-8")
    linter = Linter(select=["NL101"], dictionary_paths=[csv_file, jsonl])
    assert nl101(linter, "Tom Vandendriesche spoke in Brussels.") == [("Tom Vandendriesche", "Tom Vandendriessche")]
    assert nl101(linter, "The talks were held in Ouagadougu.") == [("Ouagadougu", "Ouagadougou")]


def test_wikidata_import_writes_a_loadable_dictionary(tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    result = subprocess.run([sys.executable, "-m", "newslint", "dict", "import", str(DATA / "export.csv"), "--out", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    linter = Linter(select=["NL101"], dictionary_paths=[out])
    names = [e.canonical for e in linter.resources.names.entries if e.source == str(out)]
    assert names == ["Marta Vilalta", "Pierre Fitzgibbon"]  # duplicate and label-less rows dropped
    assert nl101(linter, "Pierre Fitzgibon announced the plan.") == [("Pierre Fitzgibon", "Pierre Fitzgibbon")]


def test_dict_lookup_prints_candidates_with_scores_and_why() -> None:
    result = subprocess.run([sys.executable, "-m", "newslint", "dict", "lookup", "Kiel Starmer"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Keir Starmer" in result.stdout and "'kiel'->'keir' 2 edit(s)" in result.stdout
    assert "rules: NL101" in result.stdout


def test_gender_is_read_and_every_builtin_person_has_one(tmp_path: Path) -> None:
    d = tmp_path / "desk.yaml"
    d.write_text("entries:\n  - {id: person:ilse-varga, kind: person, gender: female, canonical: Ilse Varga}\n"
                 "  - {id: person:odo-brant, kind: person, canonical: Odo Brant}\n", encoding="utf-8")
    people = {e.canonical: e.gender for e in load_dictionary(d).entries}
    assert people == {"Ilse Varga": "female", "Odo Brant": None}  # optional in a user's dictionary
    builtin = Linter().resources.dictionary.entries
    persons = [e for e in builtin if e.kind == "person" and e.source.endswith(".yaml")]
    assert len(persons) > 400
    missing = [e.id for e in persons if e.gender not in ("female", "male")]
    assert missing == []
    assert {e.gender for e in persons} == {"female", "male"}
    assert all(e.gender is None for e in builtin if e.kind != "person")


def test_builtin_people_files_are_consistent() -> None:
    """Every built-in curated file loads, no id is in two of them (a later file would silently
    replace the earlier entry), and every role's title is in the title catalogue."""
    from newslint.resources import builtin_rules_dir
    from newslint.textutil import fold

    files = sorted(p for p in (builtin_rules_dir() / "dictionaries").iterdir() if p.suffix == ".yaml")
    assert len(files) >= 2
    seen: dict[str, str] = {}
    titles: set[str] = set()
    people = []
    for path in files:
        d = load_dictionary(path)
        for t in d.titles:
            titles.update(fold(x) for x in [t["title"], *(t.get("synonyms") or [])])
        for e in d.entries:
            assert e.id not in seen, f"{e.id} in {seen.get(e.id)} and {path.name}"
            seen[e.id] = path.name
            if e.kind == "person":
                people.append(e)
    unknown = {str(r["title"]) for e in people for r in e.roles if fold(str(r["title"])) not in titles}
    assert unknown == set()
