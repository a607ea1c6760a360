"""Grammar backends.

LanguageTool: the REAL language-tool-python client talks to a local HTTP server started here
(127.0.0.1, port 0) that answers /v2/languages and /v2/check with responses recorded in
tests/fixtures/languagetool/ in LanguageTool's documented JSON format (offsets in UTF-16 units,
as LanguageTool sends them). The LanguageTool distribution itself cannot be downloaded on this
machine, so no test runs a real LanguageTool.

Harper is tested in test_grammar_harper.py.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from newslint import Linter
from newslint.errors import ConfigError
from newslint.grammar.languagetool import chunks, normalise_url, utf16_offsets

FIXTURES = Path(__file__).parent / "fixtures" / "languagetool"
RECORDED = {
    (data := json.loads(p.read_text(encoding="utf-8")))["request"]["text"]: data["response"]
    for p in sorted(FIXTURES.glob("check-*.json"))
}
LANGUAGES = json.loads((FIXTURES / "languages.json").read_text(encoding="utf-8"))
EMPTY = {"software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1}, "warnings": {"incompleteResults": False},
         "language": {"name": "English (US)", "code": "en-US"}, "matches": []}

lt = pytest.importorskip("language_tool_python", reason="language-tool-python is not installed (extra 'languagetool')")


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Answers like a LanguageTool server, from recorded responses."""

    requests: list[dict[str, list[str]]] = []

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _json(self, payload: object, status: int = 200) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._json(LANGUAGES)
        else:
            self._json({"error": "not found"}, 404)

    def do_POST(self) -> None:
        if not self.path.startswith("/v2/check"):
            self._json({"error": "not found"}, 404)
            return
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode("utf-8"))
        type(self).requests.append(form)
        text = form.get("text", [""])[0]
        self._json(RECORDED.get(text, EMPTY))


@pytest.fixture()
def lt_server() -> Iterator[str]:
    """URL of a fake LanguageTool server on a free local port."""
    FakeLanguageTool.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def closed_port() -> int:
    """A local port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _lt(url: str, **kwargs: object) -> Linter:
    return Linter(select=["NL501"], languagetool_url=url, **kwargs)  # type: ignore[arg-type]


# --- LanguageTool through the real client ----------------------------------------------------

@pytest.mark.parametrize("text", [t for t in RECORDED if "🎉" not in t and "Zelenskyy" not in t])
def test_languagetool_matches_become_findings(lt_server: str, text: str) -> None:
    recorded = RECORDED[text]["matches"]
    findings = _lt(lt_server).check_text(text)
    assert len(findings) == len(recorded)
    for f, m in zip(findings, recorded):
        assert f.rule_id == "NL501" and f.source == "languagetool"
        assert m["rule"]["id"] in f.message
        assert list(f.suggestions) == [r["value"] for r in m["replacements"]][:5]
        assert f.fix is not None and not f.fix_safe  # grammar fixes are never automatic


def test_yaml_examples_of_nl501_through_the_client(lt_server: str) -> None:
    linter = _lt(lt_server)
    spec = next(s for s in linter.specs if s.id == "NL501")
    for example in spec.fail_examples:
        findings = linter.check_text(example.text)
        assert findings and findings[0].suggestions[0] == example.suggestion
    for text in spec.pass_examples:
        assert linter.check_text(text) == []


def test_offsets_after_emoji_are_code_points(lt_server: str) -> None:
    text = "The deal 🤝 was an mistake, officials said 😀 on Monday."
    findings = _lt(lt_server).check_text(text)
    assert [f.matched for f in findings] == ["an", "on Monday"]
    assert text[findings[0].span.start:findings[0].span.end] == "an"
    assert findings[1].severity.value == "info"  # a style match


def test_span_containing_emoji_is_converted_at_both_ends(lt_server: str) -> None:
    # language-tool-python converts the start; the length (UTF-16 units) newslint converts
    text = "Talks 👨‍👩‍👧 ended 🎉🎉 and and they left."
    findings = [f for f in _lt(lt_server).check_text(text) if f.rule_id == "NL501"]
    assert [f.matched for f in findings] == ["🎉🎉 and"]


def test_spelling_matches_on_known_names_are_dropped(lt_server: str) -> None:
    text = "Volodymyr Zelenskyy said the goverment would resign."
    findings = Linter(select=["NL101", "NL501"], languagetool_url=lt_server).check_text(text)
    assert [f.matched for f in findings if f.rule_id == "NL501"] == ["goverment"]
    kept = next(f for f in findings if f.rule_id == "NL501")
    assert kept.suggestions[0] == "government"


def test_disabled_rules_and_language_are_sent(lt_server: str) -> None:
    _lt(lt_server).check_text("He go to school every day.")
    form = FakeLanguageTool.requests[-1]
    assert form["language"] == ["en-US"]
    assert set(form["disabledRules"][0].split(",")) == {"WHITESPACE_RULE", "EN_QUOTES", "DASH_RULE"}


def test_url_from_environment(lt_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", lt_server + "/v2/")
    findings = Linter(grammar="languagetool", select=["NL501"]).check_text("He go to school every day.")
    assert [f.suggestions[0] for f in findings] == ["goes"]


def test_unreachable_server_warns_once_and_other_rules_run(closed_port: int, caplog: pytest.LogCaptureFixture) -> None:
    linter = Linter(grammar="languagetool", languagetool_url=f"http://127.0.0.1:{closed_port}")
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="newslint"):
        first = linter.check_text("The minister said the the talks would resume.")
        second = linter.check_text("Prices rose by by 3 percent.")
    assert time.monotonic() - start < 5
    assert [f.rule_id for f in first] == ["NL302"] and [f.rule_id for f in second] == ["NL302"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unreachable" in warnings[0] and str(closed_port) in warnings[0]
    assert linter.notices == warnings


def test_server_that_never_answers_times_out_in_about_two_seconds(caplog: pytest.LogCaptureFixture) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts connections, never answers
    try:
        linter = Linter(grammar="languagetool", languagetool_url=f"http://127.0.0.1:{listener.getsockname()[1]}")
        start = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="newslint"):
            findings = linter.check_text("The minister said the the talks would resume.")
        elapsed = time.monotonic() - start
    finally:
        listener.close()
    assert 1.5 < elapsed < 5
    assert [f.rule_id for f in findings] == ["NL302"]
    assert any("did not answer within 2 s" in n for n in linter.notices)


def test_something_else_on_the_port_is_reported(lt_server: str) -> None:
    linter = _lt(lt_server + "/elsewhere/")
    assert linter.check_text("He go to school every day.") == []
    assert len(linter.notices) == 1 and "HTTP 404" in linter.notices[0]


def test_no_url_and_no_local_install_never_downloads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "empty"))
    linter = Linter(grammar="languagetool")
    assert [f.rule_id for f in linter.check_text("Prices rose by by 3 percent.")] == ["NL302"]
    assert len(linter.notices) == 1 and "not configured" in linter.notices[0]
    assert not (tmp_path / "empty").exists()  # nothing created, nothing downloaded


def test_grammar_is_off_by_default() -> None:
    linter = Linter()
    assert not any(r.spec.kind == "grammar" for r in linter.engine.rules)


def test_grammar_kwarg_adds_rule_to_an_explicit_selection(lt_server: str) -> None:
    linter = Linter(select=["NL302"], grammar="languagetool", languagetool_url=lt_server)
    assert sorted(r.spec.id for r in linter.engine.rules) == ["NL302", "NL501"]


def test_unknown_backend_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown grammar backend 'grammarly'"):
        Linter(grammar="grammarly")


def test_url_normalisation_and_chunks() -> None:
    assert normalise_url("localhost:8081") == "http://localhost:8081/"
    assert normalise_url("http://lt.example/v2/") == "http://lt.example/"
    assert normalise_url("https://api.example/api") == "https://api.example/api/"
    text = "para one.\n\npara two is longer.\n\nthree."
    pieces = chunks(text, 20)
    assert "".join(p for _o, p in pieces) == text
    assert all(len(p) <= 20 for _o, p in pieces) and all(text[o:o + len(p)] == p for o, p in pieces)
    assert utf16_offsets("a😀b") == [0, 1, 3, 4]
