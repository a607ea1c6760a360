"""SARIF for GitHub code scanning: helpUri per rule into docs/rules.md, partialFingerprints per
result equal to the baseline fingerprint (issue 17, item 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import REPO
from .test_baseline import STORY, _isolated, baseline_now, run  # noqa: F401 - the fixture is autouse

SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"


def sarif_of(*args: str) -> dict:
    _, out, _ = run("check", *args, "-f", "sarif")
    log = json.loads(out)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    return log


def test_sarif_partial_fingerprints_survive_edits_elsewhere_and_equal_the_baseline(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(STORY)
    before = sarif_of("a.md", "--select", "NL2")["runs"][0]["results"]
    (tmp_path / "a.md").write_text("# New headline\n\nAn added paragraph.\n\n" + STORY)
    after = sarif_of("a.md", "--select", "NL2")["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert before[0]["locations"][0]["physicalLocation"]["region"]["startLine"] != \
        after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    data = baseline_now(tmp_path, "a.md")
    assert after[0]["partialFingerprints"] == {"newslint/v1": data["findings"][0]["fingerprint"]}


def test_sarif_help_uri_links_each_builtin_rule_into_the_rule_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text(STORY)
    rules = sarif_of("a.md", "--select", "ALL")["runs"][0]["tool"]["driver"]["rules"]
    headings = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    anchors = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^## (.+)$", headings, re.M)}
    assert len(rules) > 30
    for rule in rules:
        base, _, anchor = rule["helpUri"].partition("#")
        assert base.endswith("/docs/rules.md") and anchor in anchors, rule["helpUri"]
        assert rule["help"]["markdown"].endswith(f"({rule['helpUri']})")
    monkeypatch.setenv("NEWSLINT_RULES_URL", "https://docs.example.org/newslint/rules.html")
    rules = sarif_of("a.md", "--select", "NL201")["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == "https://docs.example.org/newslint/rules.html#nl201-tortured-phrase"


def test_house_rules_get_their_own_url_or_none(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    body = "kind: substitution\nseverity: warning\nmessage: \"write '{suggestion}'\"\noptions:\n  swap: {utilise: use}\n"
    (tmp_path / "house" / "a.yaml").write_text("id: NL851\nname: house-words\nurl: https://desk.example.org/style#utilise\n" + body)
    (tmp_path / "house" / "b.yaml").write_text("id: NL852\nname: house-words-two\n" + body.replace("utilise", "commence"))
    (tmp_path / "a.md").write_text("We utilise and commence.\n")
    rules = {r["id"]: r for r in sarif_of("a.md", "--rules", "house", "--select", "NL85")["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["NL851"]["helpUri"] == "https://desk.example.org/style#utilise"
    assert "helpUri" not in rules["NL852"]
    (tmp_path / "house" / "b.yaml").write_text("id: NL852\nname: house-words-two\nurl: desk style\n" + body)
    code, _, err = run("check", "a.md", "--rules", "house")
    assert code == 2 and "[url] 'url' must be an http(s) address" in err
