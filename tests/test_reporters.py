"""Output formats: golden files per format, SARIF validated against the official 2.1.0 schema,
JSON validated against docs/json-schema.json, GitHub escaping.

Refresh the golden files after an intended change with:
    NEWSLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newslint.cli import app
from newslint.config import clear_caches
from newslint.document import Document
from newslint.model import Applicability, Edit, Finding, Fix, Severity, Span
from newslint.reporters import REPORTERS, Stats
from newslint.reporters.github import escape_data, escape_property

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
UPDATE = os.environ.get("NEWSLINT_UPDATE_GOLDEN") == "1"
# fixed test rules (tests/golden/rules) keep the golden files about formats, not about the
# wording of the shipped rules, which changes as they improve
SELECT = "NL801,NL802,NL901,NL902"
RULES = ("--rules", str(GOLDEN / "rules"))
SUFFIX = {"text": "text.txt", "json": "json", "sarif": "sarif", "github": "github.txt"}


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def in_golden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(GOLDEN)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NEWSLINT_RULES_URL", raising=False)  # SARIF helpUri addresses are in the golden files
    clear_caches()


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; check it and rerun")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (NEWSLINT_UPDATE_GOLDEN=1 refreshes it)"


@pytest.mark.parametrize("fmt", list(REPORTERS))
@pytest.mark.parametrize("article", ["article.md", "article.html"])
def test_golden(in_golden: None, fmt: str, article: str) -> None:
    code, out, err = run_cli("check", "--no-config", *RULES, "--select", SELECT, "--output-format", fmt, "--statistics", article)
    assert code == 1
    compare(f"{article}.{SUFFIX[fmt]}", out)


def test_golden_markdown_positions(in_golden: None) -> None:
    """The Markdown article's findings point at the right places (independent of the golden file)."""
    _, out, _ = run_cli("check", "--no-config", *RULES, "--select", SELECT, "-f", "json", "article.md")
    found = [(f["rule_id"], f["line"], f["column"], f["matched"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [
        ("NL801", 2, 8, "Ceasefire contract"),  # front-matter title
        ("NL802", 5, 19, "Kiev"),  # heading
        ("NL801", 7, 20, "ceasefire contract"),
        ("NL801", 7, 73, "ceasefire contract"),  # inside a direct quote: unsafe fix
        ("NL901", 14, 1, "<!-- newslint: ignore NL802 -->"),  # nothing to ignore on line 15
    ]
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["fix"]["applicability"] for f in findings[2:4]] == ["safe", "unsafe"]


def test_golden_html_positions(in_golden: None) -> None:
    _, out, _ = run_cli("check", "--no-config", *RULES, "--select", SELECT, "-f", "json", "article.html")
    found = [(f["rule_id"], f["line"], f["column"], f["matched"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("NL802", 4, 21, "Kiev"), ("NL801", 5, 27, "ceasefire contract")]


def test_sarif_validates_against_the_official_schema(in_golden: None) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    _, out, _ = run_cli("check", "--no-config", *RULES, "--select", SELECT, "-f", "sarif", "article.md", "article.html", "missing.md")
    log = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(SELECT.split(","))
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["invocations"][0]["executionSuccessful"] is False  # missing.md
    # a broken log must fail validation (the test can fail)
    del run["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def test_json_validates_against_the_published_schema(in_golden: None) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8"))
    _, out, _ = run_cli("check", "--no-config", *RULES, "--select", SELECT, "-f", "json", "article.md", "article.html", "missing.md")
    payload = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(payload)
    assert payload["schema_version"] == 1
    payload["files"][0]["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(payload)


def test_sarif_archive_record_uses_archive_uri_and_logical_location() -> None:
    out = io.StringIO()
    rep = REPORTERS["sarif"](out)
    rep.start()
    doc = Document("A ceasefire contract.", "a.jsonl:r1", meta={"archive": "a.jsonl", "record": "r1"})
    f = Finding("NL201", "tortured-phrase", Severity.WARNING, "m", Span(2, 20), 1, 3, 1, 21, "ceasefire contract",
                ("ceasefire deal",), Fix("NL201", (Edit(Span(2, 20), "ceasefire deal"),), Applicability.SAFE, "t"))
    rep.file(doc, [f])
    rep.finish(Stats(files=1, findings=1))
    loc = json.loads(out.getvalue())["runs"][0]["results"][0]["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "a.jsonl"
    assert loc["logicalLocations"] == [{"name": "r1", "kind": "record"}]


def test_sarif_uris() -> None:
    from newslint.reporters.sarif import artifact_uri

    assert artifact_uri("news/a b.md") == "news/a%20b.md"
    assert artifact_uri("/abs/a.md") == "file:///abs/a.md"


def test_github_escaping() -> None:
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"
    out = io.StringIO()
    rep = REPORTERS["github"](out)
    doc = Document("x", "dir/a,b.md")
    f = Finding("NL102", "discouraged-name-form", Severity.INFO, "say 'x'\nnow", Span(0, 1), 1, 1, 1, 2, "x")
    rep.file(doc, [f])
    assert out.getvalue() == ("::notice file=dir/a%2Cb.md,line=1,col=1,endLine=1,endColumn=2,"
                              "title=NL102 discouraged-name-form::NL102 say 'x'%0Anow\n")
