"""Vale styles as they are: a table-driven conformance suite written from Vale's documented behaviour
(each extension point's documentation examples, with text that must and must not match), the keys
every rule shares, the .vale.ini, the warnings for what newslint does not run, the errors Vale itself
would give, the command line and the language server, and a real public Vale style package from npm
(tests/vale-styles, installed by `npm ci --ignore-scripts` there; .ci/run does it)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from newslint.errors import NewslintError
from newslint.sources import read_html, read_markdown, read_plain
from newslint.vale import ValeChecker, ValeError
from newslint.vale.rules import go_format

from .conftest import REPO

STYLE_PACKAGE = REPO / "tests" / "vale-styles" / "node_modules" / "@commercetools-docs" / "writing-style"


def make_config(folder: Path, rules: dict[str, Any], ini_extra: str = "", min_level: str = "suggestion",
                styles: str = "Test", section: str = "*") -> Path:
    """A StylesPath with style Test holding `rules` (name -> YAML data or text) and a .vale.ini using it."""
    style = folder / "styles" / "Test"
    style.mkdir(parents=True, exist_ok=True)
    for name, data in rules.items():
        (style / f"{name}.yml").write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    ini = folder / ".vale.ini"
    ini.write_text(f"StylesPath = styles\nMinAlertLevel = {min_level}\n{ini_extra}\n[{section}]\nBasedOnStyles = {styles}\n",
                   encoding="utf-8")
    return ini


def run(folder: Path, rule: dict[str, Any], text: str, kind: str = "txt") -> list[tuple[str, str]]:
    """(matched text, message) of every alert of one rule Test.R on `text`."""
    checker = ValeChecker.load(make_config(folder, {"R": rule}))
    reader = {"txt": read_plain, "md": read_markdown, "html": read_html}[kind]
    doc = reader(folder / f"article.{kind}", text)
    findings = checker.check(doc)
    assert all(f.rule_id == "Test.R" and f.source == "vale" for f in findings)
    return [(f.matched, f.message) for f in findings]


# (id, rule, text, kind, expected [(matched, message)]) -- from Vale's documentation of each extension point
CASES: list[tuple[str, dict[str, Any], str, str, list[tuple[str, str]]]] = [
    # existence: tokens become a word-bounded, non-capturing group; ignorecase; %s is the match
    ("existence-tokens", {"extends": "existence", "message": "Consider removing '%s'", "level": "warning", "ignorecase": True,
                          "tokens": ["appears to be", "arguably"]},
     "It Appears to be true and, arguably, done.", "txt",
     [("Appears to be", "Consider removing 'Appears to be'"), ("arguably", "Consider removing 'arguably'")]),
    ("existence-word-boundary", {"extends": "existence", "message": "Avoid '%s'", "tokens": ["arguably"]},
     "Inarguably fine; arguablyness too.", "txt", []),
    ("existence-case-sensitive-by-default", {"extends": "existence", "message": "Avoid '%s'", "tokens": ["arguably"]},
     "Arguably not flagged.", "txt", []),
    ("existence-nonword", {"extends": "existence", "message": "Don't use end punctuation in headings.", "nonword": True,
                           "scope": "heading", "tokens": [r"[a-z0-9][.?!](?:\s|$)"]},
     "# The end.\n\nA sentence ends here.\n", "md", [("d.", "Don't use end punctuation in headings.")]),
    ("existence-raw", {"extends": "existence", "message": "One space between sentences", "raw": [r"[a-z][.?!]", r"\s{2,}", "[A-Z]"]},
     "It rained.  Then it stopped. Good.", "txt", [("d.  T", "One space between sentences")]),
    ("existence-exceptions", {"extends": "existence", "message": "Define '%s'", "tokens": [r"[A-Z]{3,}"], "exceptions": ["NATO"]},
     "NATO and OSCE met.", "txt", [("OSCE", "Define 'OSCE'")]),
    # substitution: swap keys are regexes; message gets (replacement, match); `a|b` alternatives with action replace
    ("substitution-swap", {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": False, "level": "warning",
                           "swap": {"smartphone": "mobile phone", "cell phone": "mobile phone"}},
     "My smartphone and my cell phone. A Smartphone too.", "txt",
     [("smartphone", "Use 'mobile phone' instead of 'smartphone'."), ("cell phone", "Use 'mobile phone' instead of 'cell phone'.")]),
    ("substitution-ignorecase-and-alternatives", {"extends": "substitution", "message": "Use %s instead of '%s'.", "ignorecase": True,
                                                  "action": {"name": "replace"}, "swap": {"e-mail": "email|mail"}},
     "Send an E-mail.", "txt", [("E-mail", "Use 'email' or 'mail' instead of 'E-mail'.")]),
    ("substitution-same-text-passes", {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": True,
                                       "swap": {"javascript": "JavaScript"}},
     "JavaScript is fine; javascript is not.", "txt", [("javascript", "Use 'JavaScript' instead of 'javascript'.")]),
    ("substitution-group-reference", {"extends": "substitution", "message": "Use '%s' instead of '%s'.",
                                      "swap": {r"(\d+) percent": "$1%"}},
     "Turnout rose 12 percent.", "txt", [("12 percent", "Use '12%' instead of '12 percent'.")]),
    ("substitution-capitalize", {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "ignorecase": True, "capitalize": True,
                                 "swap": {"utilize": "use"}},
     "Utilize it.", "txt", [("Utilize", "Use 'Use' instead of 'Utilize'.")]),
    ("substitution-exceptions", {"extends": "substitution", "message": "Use '%s' instead of '%s'.", "swap": {"[Tt]weet": "post"},
                                 "exceptions": ["Tweet"]},
     "A Tweet, a tweet.", "txt", [("tweet", "Use 'post' instead of 'tweet'.")]),
    # occurrence: count per scope; %s is the count; max and min
    ("occurrence-max", {"extends": "occurrence", "message": "More than 3 commas!", "level": "error", "scope": "sentence", "max": 3, "token": ","},
     "One, two, three, four, five. Six, seven.", "txt", [(",", "More than 3 commas!")]),
    ("occurrence-min-count", {"extends": "occurrence", "message": "Only %s numbers.", "scope": "paragraph", "min": 2, "token": r"\d+"},
     "Just 7 here.\n\nHere 1 and 2.", "txt", [("7", "Only 1 numbers.")]),
    # repetition: consecutive repeated tokens; alpha limits to letters; max
    ("repetition", {"extends": "repetition", "message": "'%s' is repeated!", "level": "error", "alpha": True, "tokens": [r"[^\s]+"]},
     "This is is a test. 42 42 is fine. A\nA across lines.", "txt", [("is is", "'is' is repeated!")]),
    ("repetition-ignorecase", {"extends": "repetition", "message": "'%s' is repeated!", "ignorecase": True, "tokens": [r"\w+"]},
     "The the end.", "txt", [("The the", "'the' is repeated!")]),
    # consistency: both forms of a pair in one document
    ("consistency", {"extends": "consistency", "message": "Inconsistent spelling of '%s'.", "level": "error", "ignorecase": True,
                     "either": {"advisor": "adviser", "centre": "center"}},
     "The advisor met the adviser at the centre.", "txt", [("adviser", "Inconsistent spelling of 'adviser'.")]),
    ("consistency-one-form-passes", {"extends": "consistency", "message": "Inconsistent spelling of '%s'.", "either": {"advisor": "adviser"}},
     "The advisor met another advisor.", "txt", []),
    # capitalization: headings in AP title case (Vale's explorer example), sentence case, $upper, a pattern
    ("capitalization-title-ap", {"extends": "capitalization", "message": "'%s' should be in title case", "level": "warning",
                                 "scope": "heading", "match": "$title", "style": "AP"},
     "# follow step-by-step instructions\nHere is a paragraph.\n# Follow Step-by-Step Instructions\nAnother paragraph.\n", "md",
     [("follow step-by-step instructions", "'follow step-by-step instructions' should be in title case")]),
    ("capitalization-title-chicago", {"extends": "capitalization", "message": "'%s' should be in title case", "scope": "heading",
                                      "match": "$title", "style": "Chicago"},
     "# Talks Resume Between the Parties\n\n# Talks resume between the parties\n", "md",
     [("Talks resume between the parties", "'Talks resume between the parties' should be in title case")]),
    ("capitalization-sentence", {"extends": "capitalization", "message": "'%s' should use sentence-style capitalization.",
                                 "scope": "heading", "match": "$sentence", "exceptions": ["NATO"]},
     "## Leaders Meet In Brussels\n\n## Leaders meet NATO officials in Brussels\n", "md",
     [("Leaders Meet In Brussels", "'Leaders Meet In Brussels' should use sentence-style capitalization.")]),
    ("capitalization-pattern-html", {"extends": "capitalization", "message": "'%s' must start with a capital", "scope": "heading.h2",
                                     "match": "^[A-Z]"},
     "<h1>lower is fine in h1</h1><h2>lower here</h2><h2>Upper here</h2>", "html",
     [("lower here", "'lower here' must start with a capital")]),
    # conditional: an acronym must be defined before it is used
    ("conditional", {"extends": "conditional", "message": "'%s' has no definition.", "level": "error",
                     "first": r"\b([A-Z]{3,5})\b", "second": r"(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)", "exceptions": ["ABC"]},
     "The World Health Organization (WHO) said so. WHO, NATO and ABC agreed.", "txt", [("NATO", "'NATO' has no definition.")]),
    # sequence with pattern tokens
    ("sequence-patterns", {"extends": "sequence", "message": "'%s %s' needs a hyphen before a noun", "level": "warning",
                           "tokens": [{"pattern": "^well$"}, {"pattern": "^known$"}]},
     "A well known case. A well-known one. Well, known.", "txt", [("well known", "'well known' needs a hyphen before a noun")]),
    ("sequence-skip-negate", {"extends": "sequence", "message": "'%[1]s' ... '%[2]s'", "ignorecase": True,
                              "tokens": [{"pattern": "^not$"}, {"pattern": "^un\\w+$", "skip": 1}]},
     "It is not unlikely. It is not very unclear. It is not clear.", "txt",
     [("not unlikely", "'not' ... 'unlikely'"), ("not very unclear", "'not' ... 'unclear'")]),
    # scopes: sentence, paragraph, text excluding headings by negation
    ("scope-negated-heading", {"extends": "existence", "message": "No '%s' in body text", "scope": ["text", "~heading"], "tokens": ["breaking"]},
     "# Breaking news\n\nA breaking story.\n", "md", [("breaking", "No 'breaking' in body text")]),
    ("scope-raw-sees-markup", {"extends": "existence", "message": "Bold markup '%s'", "scope": "raw", "nonword": True, "tokens": [r"\*\*"]},
     "A **bold** claim.\n", "md", [("**", "Bold markup '**'"), ("**", "Bold markup '**'")]),
    ("scope-text-skips-code", {"extends": "existence", "message": "Avoid '%s'", "tokens": ["foo"]},
     "Use `foo` in code, but foo in prose.\n", "md", [("foo", "Avoid 'foo'")]),
]


@pytest.mark.parametrize("rule, text, kind, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_extension_point_conformance(rule: dict[str, Any], text: str, kind: str, expected: list[tuple[str, str]], tmp_path: Path) -> None:
    assert run(tmp_path, rule, text, kind) == expected


@pytest.mark.parametrize("message, args, out", [
    ("Use '%s' instead of '%s'.", ("a", "b"), "Use 'a' instead of 'b'."),
    ("%[2]s before %[1]s", ("x", "y"), "y before x"),
    ("100%% sure about '%s'", ("it",), "100% sure about 'it'"),
    ("'%s' and '%s'", ("one",), "'one' and ''"),
    ("no placeholder", ("extra",), "no placeholder"),
])
def test_message_substitution(message: str, args: tuple[str, ...], out: str) -> None:
    assert go_format(message, *args) == out


@pytest.mark.parametrize("level, severity", [("suggestion", "info"), ("warning", "warning"), ("error", "error")])
def test_levels_become_severities_and_findings_carry_the_rule_name(level: str, severity: str, tmp_path: Path) -> None:
    checker = ValeChecker.load(make_config(tmp_path, {"Hedge": {"extends": "existence", "message": "'%s'", "level": level, "tokens": ["arguably"]}}))
    [finding] = checker.check(read_plain(tmp_path / "a.txt", "It is arguably so."))
    assert (finding.rule_id, finding.rule_name, finding.severity.value) == ("Test.Hedge", "Test.Hedge", severity)
    assert (finding.line, finding.column, finding.matched) == (1, 7, "arguably")


def test_ini_switches_rules_levels_and_min_alert_level(tmp_path: Path) -> None:
    rules = {"A": {"extends": "existence", "message": "A '%s'", "level": "suggestion", "tokens": ["alpha"]},
             "B": {"extends": "existence", "message": "B '%s'", "level": "warning", "tokens": ["beta"]},
             "C": {"extends": "existence", "message": "C '%s'", "level": "error", "tokens": ["gamma"]}}
    ini = make_config(tmp_path, rules, min_level="warning")
    ini.write_text(ini.read_text() + "Test.C = NO\nTest.A = error\n\n[*.md]\nTest.B = suggestion  # comment after a value\n")
    checker = ValeChecker.load(ini)
    text = "alpha beta gamma"
    assert [(f.rule_id, f.severity.value) for f in checker.check(read_plain(tmp_path / "a.txt", text))] == [("Test.A", "error"), ("Test.B", "warning")]
    assert [f.rule_id for f in checker.check(read_markdown(tmp_path / "a.md", text))] == ["Test.A"]  # B below MinAlertLevel there


def test_section_globs_choose_styles_per_file(tmp_path: Path) -> None:
    ini = make_config(tmp_path, {"R": {"extends": "existence", "message": "x", "tokens": ["wire"]}}, section="*.{md,txt}")
    ini.write_text(ini.read_text() + "\n[archive/*.txt]\nBasedOnStyles =\n")
    checker = ValeChecker.load(ini)
    assert len(checker.check(read_plain(tmp_path / "a.txt", "wire copy"))) == 1
    assert len(checker.check(read_markdown(tmp_path / "a.md", "wire copy"))) == 1
    assert checker.check(read_plain(tmp_path / "archive" / "old.txt", "wire copy")) == []
    assert checker.check(read_html(tmp_path / "a.html", "<p>wire copy</p>")) == []


def test_vocab_accept_and_reject(tmp_path: Path) -> None:
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Desk"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("Kyiv\nZelenskyy\n", encoding="utf-8")
    (vocab / "reject.txt").write_text("Kiev\n", encoding="utf-8")
    ini = make_config(tmp_path, {"Caps": {"extends": "existence", "message": "Unknown name '%s'", "tokens": [r"[A-Z][a-z]+y+"]}},
                      ini_extra="Vocab = Desk")
    checker = ValeChecker.load(ini)
    found = [(f.rule_id, f.matched) for f in checker.check(read_plain(tmp_path / "a.txt", "Zelenskyy went to Kiev, not kyiv. Anyy."))]
    assert found == [("Test.Caps", "Anyy"), ("Vale.Avoid", "Kiev"), ("Vale.Terms", "kyiv")]  # Zelenskyy accepted: an exception


def test_unsupported_types_keys_and_scopes_are_one_warning_each(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    rules = {"Spell": {"extends": "spelling", "message": "Did you really mean '%s'?"},
             "Grade": {"extends": "readability", "message": "Grade %s", "metrics": ["Flesch-Kincaid"], "grade": 8},
             "Tagged": {"extends": "sequence", "message": "x", "tokens": [{"tag": "MD"}, {"pattern": "be"}]},
             "Lists": {"extends": "existence", "message": "x", "scope": "list", "tokens": ["foo"]},
             "Extra": {"extends": "existence", "message": "Avoid '%s'", "tokens": ["foo"], "frobnicate": True, "action": {"name": "edit", "params": ["x"]}}}
    with caplog.at_level(logging.WARNING, logger="newslint"):
        checker = ValeChecker.load(make_config(tmp_path, rules, ini_extra="Packages = Google\nBlockIgnores = (?s)x"))
        for _ in range(2):
            findings = checker.check(read_plain(tmp_path / "a.txt", "foo bar"))
    assert [f.rule_id for f in findings] == ["Test.Extra"]  # the rule with an unknown key still runs
    warnings = checker.warnings
    expected = ["Packages is not applied", "BlockIgnores is not applied",
                "Test.Spell: extension point 'spelling' is not supported", "Test.Grade: extension point 'readability' is not supported",
                "Test.Tagged: sequence tokens with 'tag' need a part-of-speech tagger",
                "Test.Lists: scope list is not supported", "Test.Extra: unknown key frobnicate ignored; action 'edit' gives no fix"]
    for text in expected:
        assert sum(text in w for w in warnings) == 1, (text, warnings)
    assert len(warnings) == len(expected)
    assert len([r for r in caplog.records if "Test.Spell" in r.getMessage()]) == 1  # once, not per document


@pytest.mark.parametrize("rule, message, line, key", [
    ({"extends": "existence", "message": "x", "tokens": ["fine", "broken(group"]}, "invalid regular expression in 'tokens': 'broken(group'", 5, "tokens.1"),
    ({"extends": "substitution", "message": "x", "swap": {"ok": "fine", "[unclosed": "x"}}, "invalid regular expression in 'swap': '[unclosed'", 5, "swap.[unclosed"),
    ({"extends": "conditional", "message": "x", "first": "(?<", "second": "a"}, "invalid regular expression", None, None),
    ({"extends": "existance", "message": "x", "tokens": ["a"]}, "'extends' must be one of", 1, "extends"),
    ({"message": "x", "tokens": ["a"]}, "missing the required 'extends' key", None, None),
    ({"extends": "existence", "tokens": ["a"]}, "missing the required 'message' key", None, None),
    ({"extends": "existence", "message": "x", "level": "fatal", "tokens": ["a"]}, "'level' must be one of suggestion, warning, error", 3, "level"),
])
def test_what_vale_refuses_is_an_error_naming_file_line_and_key(rule: dict[str, Any], message: str, line: int | None, key: str | None,
                                                                  tmp_path: Path) -> None:
    with pytest.raises(ValeError) as caught:
        ValeChecker.load(make_config(tmp_path, {"Bad": rule}))
    assert message in caught.value.message and "Test.Bad" in caught.value.message
    assert caught.value.path.endswith("Bad.yml")
    if line is not None:
        assert (caught.value.line, caught.value.key) == (line, key)


@pytest.mark.parametrize("ini, message", [
    ("StylesPath = nowhere\n[*]\nBasedOnStyles = Test\n", "StylesPath nowhere is not a folder"),
    ("StylesPath = styles\n[*]\nBasedOnStyles = Missing\n", "style Missing not found"),
    ("StylesPath = styles\nMinAlertLevel = loud\n", "MinAlertLevel must be suggestion, warning or error"),
    ("StylesPath = styles\n[*]\nTest.R = maybe\n", "Test.R must be YES, NO, suggestion, warning or error"),
    ("StylesPath = styles\njust words\n", "cannot read this line"),
])
def test_bad_ini_is_an_error(ini: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "styles" / "Test").mkdir(parents=True)
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    with pytest.raises(ValeError, match=message):
        ValeChecker.load(tmp_path / ".vale.ini")


def test_limit_and_link(tmp_path: Path) -> None:
    rule = {"extends": "existence", "message": "Avoid '%s'", "tokens": ["very"], "limit": 2, "link": "https://example.org/style#very"}
    found = run(tmp_path, rule, "very very very very good", "txt")
    assert found == [("very", "Avoid 'very' (https://example.org/style#very)")] * 2


def test_substitution_fix_is_offered_but_unsafe(tmp_path: Path) -> None:
    checker = ValeChecker.load(make_config(tmp_path, {"T": {"extends": "substitution", "message": "Use '%s'", "swap": {"utilise": "use"}}}))
    [finding] = checker.check(read_plain(tmp_path / "a.txt", "We utilise it."))
    assert finding.suggestions == ("use",) and finding.fix is not None and not finding.fix_safe


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    env["XDG_CONFIG_HOME"] = str(cwd / ".xdg")
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_cli_vale_config_and_config_key(tmp_path: Path) -> None:
    make_config(tmp_path, {"Hedge": {"extends": "existence", "message": "Consider removing '%s'", "level": "warning", "tokens": ["arguably"]},
                           "Spell": {"extends": "spelling", "message": "x"}})
    (tmp_path / "a.txt").write_text("The plan is arguably dead.\n", encoding="utf-8")
    out = _cli("check", "a.txt", "--vale-config", ".vale.ini", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert "a.txt:1:13: Test.Hedge [warning] Consider removing 'arguably'" in out.stdout
    assert "newslint: warning: vale: Test.Spell: extension point 'spelling' is not supported" in out.stderr
    (tmp_path / "newslint.yaml").write_text("vale: .vale.ini\n", encoding="utf-8")
    out = _cli("check", "a.txt", "--format", "json", cwd=tmp_path)
    assert '"rule_id": "Test.Hedge"' in out.stdout and '"source": "vale"' in out.stdout
    (tmp_path / "styles" / "Test" / "Hedge.yml").write_text("extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n", encoding="utf-8")
    out = _cli("check", "a.txt", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "Hedge.yml:4: [tokens.0] Test.Hedge: invalid regular expression in 'tokens': '(unclosed'" in out.stderr


@pytest.mark.skipif(not STYLE_PACKAGE.is_dir(), reason="the npm Vale style package is not installed: run "
                    "`npm ci --ignore-scripts` in tests/vale-styles (.ci/run does)")
def test_real_public_style_package_from_npm(tmp_path: Path) -> None:
    """@commercetools-docs/writing-style ships the Google and write-good Vale styles and its own, with a .vale.ini."""
    checker = ValeChecker.load(STYLE_PACKAGE / ".vale.ini")
    loaded = [name for name, rule in checker.rules.items() if rule is not None]
    assert len(loaded) >= 50 and any(n.startswith("Google.") for n in loaded) and any(n.startswith("write-good.") for n in loaded)
    text = ("# Talks resume\n\nThe minister said the the negotiators will utilize a new e-mail channel, "
            "which is obviously very simple. The The end. The the start.\n")
    findings = checker.check(read_markdown(tmp_path / "story.md", text))
    names = {f.rule_id for f in findings}
    assert [f.matched for f in findings if f.rule_id == "write-good.Illusions"] == ["the the", "The The"]
    assert "commercetools.WordList" in names  # e-mail -> email
    assert all(f.rule_id.count(".") == 1 and f.message for f in findings)
    assert not any("%s" in f.message for f in findings)
    # not one rule of the package made newslint fail; what it cannot run is a warning
    assert all(isinstance(w, str) and w for w in checker.warnings)


def test_newslint_error_type() -> None:
    assert issubclass(ValeError, NewslintError)


def test_readme_table_of_vale_features_is_current() -> None:
    from newslint.vale.support import render_into

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert render_into(readme) == readme, "run: python -m newslint.vale.support README.md"


def test_sentence_case_indicators(tmp_path: Path) -> None:
    rule = {"extends": "capitalization", "message": "'%s' should use sentence-style capitalization.", "scope": "heading",
            "match": "$sentence", "indicators": [":"]}
    assert run(tmp_path, rule, "## Election night: Results come in\n\n## Election Night Results\n", "md") == [
        ("Election Night Results", "'Election Night Results' should use sentence-style capitalization.")]


def test_json_output_with_vale_findings_fits_the_published_schema(tmp_path: Path) -> None:
    import json

    jsonschema = pytest.importorskip("jsonschema")
    make_config(tmp_path, {"Hedge": {"extends": "existence", "message": "Consider removing '%s'", "tokens": ["arguably"]}})
    (tmp_path / "a.txt").write_text("The ceasefire contract is arguably dead.\n", encoding="utf-8")
    out = _cli("check", "a.txt", "--vale-config", ".vale.ini", "--format", "json", cwd=tmp_path)
    data = json.loads(out.stdout)
    assert {f["rule_id"] for f in data["files"][0]["findings"]} >= {"NL201", "Test.Hedge"}
    jsonschema.validate(data, json.loads((REPO / "docs" / "json-schema.json").read_text(encoding="utf-8")))
