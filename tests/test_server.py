"""`newslint serve`: the HTTP API, its limits and errors (in-process ASGI, plus a real uvicorn where it matters)."""

from __future__ import annotations

import asyncio
import builtins
import json
import pathlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing

from newslint.api import Linter
from newslint.model import Finding
from newslint.server import create_app
from newslint.server.app import STATIC_DIR, LintService
from newslint.server.runner import BackgroundServer, allowed_hosts_for, is_loopback

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_3d6420707d2b56da.txt"
CLEAN = "The talks ended on Thursday, and both delegations flew home."
HOSTILE = (
    'British Kiel Starmer said <script>window.__xss = 1</script> and '
    '<img src=x onerror="window.__xss = 2"> & more.'
)


class Client:
    """Synchronous calls into the ASGI app through httpx's ASGI transport."""

    def __init__(self, app: Any, host: str = "testserver") -> None:
        self.app = app
        self.base = f"http://{host}"

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url=self.base) as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def app(linter: Linter) -> Any:
    return create_app(linter)


@pytest.fixture()
def client(app: Any) -> Client:
    return Client(app)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """The JSON error body, after checking status, content type and that no traceback leaked."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- check


def test_healthz(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["rules"] > 0


def test_check_seed_finds_kiel_starmer(client: Client, seed: str) -> None:
    body = client.post("/api/check", json={"text": seed}).json()
    assert body["schema_version"] == 1
    hit = [f for f in body["findings"] if f["matched"] == "Kiel Starmer"]
    assert len(hit) == 1 and hit[0]["rule_id"] == "NL101"
    assert hit[0]["suggestions"][0] == "Keir Starmer"
    assert seed[hit[0]["start"]:hit[0]["end"]] == "Kiel Starmer"
    assert body["summary"]["findings"] == len(body["findings"])


def test_check_clean_text_has_no_findings(client: Client) -> None:
    body = client.post("/api/check", json={"text": CLEAN}).json()
    assert body["findings"] == [] and body["summary"]["findings"] == 0


def test_findings_are_the_cli_json_findings(client: Client, seed: str) -> None:
    """Same schema and same content as `newslint check --format json`."""
    cli = subprocess.run([sys.executable, "-m", "newslint.cli", "check", "--format", "json", str(SEED)],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode in (0, 1), cli.stderr
    cli_findings = json.loads(cli.stdout)["files"][0]["findings"]
    api_findings = client.post("/api/check", json={"text": seed}).json()["findings"]
    assert api_findings == cli_findings
    finding_keys = set(Linter().check_text("British Kiel Starmer met.")[0].to_dict())
    assert all(set(f) == finding_keys for f in api_findings)


def test_select_and_ignore(client: Client, seed: str) -> None:
    only = client.post("/api/check", json={"text": seed, "select": ["NL101"]}).json()
    assert only["findings"] and {f["rule_id"] for f in only["findings"]} == {"NL101"}
    without = client.post("/api/check", json={"text": seed, "ignore": ["NL1"]}).json()
    assert without["findings"] and not any(f["rule_id"].startswith("NL1") for f in without["findings"])
    comma = client.post("/api/check", json={"text": seed, "select": "NL101,NL201"}).json()
    assert {f["rule_id"] for f in comma["findings"]} == {"NL101", "NL201"}
    typo = client.post("/api/check", json={"text": seed, "select": ["NL999x"]}).json()
    assert typo["findings"] == [] and typo["warnings"] == ["'NL999x' selects no rule"]


def test_date_is_validated_and_echoed(client: Client) -> None:
    ok = client.post("/api/check", json={"text": CLEAN, "date": "2025-02-28"}).json()
    assert ok["article_date"] == "2025-02-28"
    assert error_of(client.post("/api/check", json={"text": CLEAN, "date": "28/02/2025"}), 422)["field"] == "date"


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_formats_keep_offsets_into_the_original(client: Client, fmt: str) -> None:
    text = {
        "txt": "British Kiel Starmer met the press.",
        "md": "# Talks\n\nBritish *Kiel Starmer* met the press.\n",
        "html": "<html><body><p>British <b>Kiel Starmer</b> met the press.</p></body></html>",
    }[fmt]
    body = client.post("/api/check", json={"text": text, "format": fmt}).json()
    assert body["format"] == fmt
    hits = [f for f in body["findings"] if f["rule_id"] == "NL101"]
    assert hits and all(text[f["start"]:f["end"]] == f["matched"] for f in body["findings"])


def test_offsets_are_code_points(client: Client) -> None:
    text = "\U0001F600\U0001F600 British Kiel Starmer met the press."
    finding = next(f for f in client.post("/api/check", json={"text": text}).json()["findings"] if f["rule_id"] == "NL101")
    assert text[finding["start"]:finding["end"]] == "Kiel Starmer"
    assert finding["start"] == text.index("Kiel")


# ---------------------------------------------------------------- fix


def test_fix_applies_safe_fixes_until_stable(client: Client, seed: str) -> None:
    body = client.post("/api/fix", json={"text": seed}).json()
    assert body["changed"] and body["converged"] and body["applied"] >= 1
    assert "British Keir Starmer" in body["text"] and "Kiel Starmer" not in body["text"]
    assert "The-for-TAT" in body["text"]  # an unsafe fix is left alone...
    assert not any(f["fix_safe"] for f in body["findings"])  # ...and no safe one is left
    again = client.post("/api/fix", json={"text": body["text"]}).json()
    assert again["changed"] is False and again["text"] == body["text"]


def test_fix_unsafe_also_applies_unsafe_fixes(client: Client, seed: str) -> None:
    body = client.post("/api/fix", json={"text": seed, "unsafe": True}).json()
    assert "tit-for-tat" in body["text"] and "The-for-TAT" not in body["text"]


def test_fix_with_edits_applies_exactly_those(client: Client, seed: str) -> None:
    start = seed.index("Kiel Starmer")
    edits = [{"start": start, "end": start + len("Kiel Starmer"), "replacement": "Keir Starmer"}]
    body = client.post("/api/fix", json={"text": seed, "edits": edits}).json()
    assert body["text"] == seed.replace("Kiel Starmer", "Keir Starmer")
    assert not any(f["matched"] == "Kiel Starmer" for f in body["findings"])
    assert any(f["matched"] == "Voldymir Zelensky" for f in body["findings"])  # the other findings remain
    assert body["applied"] == 1


@pytest.mark.parametrize(
    "edits",
    [
        [{"start": 0, "end": 5, "replacement": "x"}, {"start": 3, "end": 8, "replacement": "y"}],  # overlap
        [{"start": 5, "end": 2, "replacement": "x"}],  # backwards
        [{"start": 0, "end": 10_000, "replacement": "x"}],  # past the end
        [{"start": "0", "end": 2, "replacement": "x"}],  # wrong type
        [{"start": True, "end": 2, "replacement": "x"}],  # a boolean is not an offset
        [{"start": 0, "end": 2, "replacement": 3}],
        [{"start": 0, "end": 2, "path": "/etc/passwd"}],  # unknown key
        "not a list",
    ],
)
def test_bad_edits_are_422(client: Client, edits: Any) -> None:
    error = error_of(client.post("/api/fix", json={"text": CLEAN, "edits": edits}), 422)
    assert error["field"].startswith("edits")


# ---------------------------------------------------------------- errors


def test_malformed_json_is_400_json(client: Client) -> None:
    assert "malformed JSON" in error_of(client.post("/api/check", content=b'{"text": "x",'), 400)["message"]
    error_of(client.post("/api/check", content=b""), 400)
    error_of(client.post("/api/check", content=b'{"text": "\xff\xfe"}'), 400)
    error_of(client.post("/api/check", content=b"[" * 100_000 + b"]" * 100_000), 400)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": 5}, "text"),
        ({"text": None}, "text"),
        ({"text": ["a"]}, "text"),
        ({}, "text"),
        ({"text": "x", "format": "pdf"}, "format"),
        ({"text": "x", "format": 1}, "format"),
        ({"text": "x", "date": 20250228}, "date"),
        ({"text": "x", "select": 5}, "select"),
        ({"text": "x", "ignore": [1, 2]}, "ignore"),
        ({"text": "x", "path": "/etc/passwd"}, "path"),
    ],
)
def test_wrong_types_are_422_naming_the_field(client: Client, payload: dict[str, Any], field: str) -> None:
    assert error_of(client.post("/api/check", json=payload), 422)["field"] == field


def test_fix_only_fields_are_rejected_by_check(client: Client) -> None:
    assert error_of(client.post("/api/check", json={"text": "x", "unsafe": True}), 422)["field"] == "unsafe"
    assert error_of(client.post("/api/fix", json={"text": "x", "unsafe": "yes"}), 422)["field"] == "unsafe"


def test_non_object_body_and_lone_surrogate_are_422(client: Client) -> None:
    error_of(client.post("/api/check", json=["text"]), 422)
    assert error_of(client.post("/api/check", content=b'{"text": "a\\ud800b"}'), 422)["field"] == "text"


def test_unknown_path_and_wrong_method_are_json(client: Client) -> None:
    error_of(client.get("/etc/passwd"), 404)
    error_of(client.get("/static/../app.py"), 404)
    error_of(client.get("/api/check"), 405)


def test_internal_error_is_json_without_traceback(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(linter, warm_up=False)

    def explode(self: LintService, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(LintService, "check", explode)
    response = Client(app).post("/api/check", json={"text": CLEAN})
    error = error_of(response, 500)
    assert "secret internal detail" not in response.text and "internal error" in error["message"]


# ---------------------------------------------------------------- security


def test_article_markup_is_escaped_in_the_json(client: Client) -> None:
    response = client.post("/api/check", json={"text": HOSTILE})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    raw = response.content
    assert b"<script" not in raw and b"<img" not in raw and b"&" not in raw
    body = response.json()  # the escapes decode back to the exact text
    assert any(f["matched"] == "Kiel Starmer" for f in body["findings"])
    fixed = client.post("/api/fix", json={"text": HOSTILE, "select": ["NL101"]})
    assert fixed.json()["text"] == HOSTILE.replace("Kiel Starmer", "Keir Starmer")
    assert b"<" not in fixed.content and b">" not in fixed.content


def test_security_headers_on_page_and_api(client: Client) -> None:
    for response in (client.get("/"), client.get("/healthz"), client.post("/api/check", content=b"{")):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_request_size_limit_is_413(linter: Linter) -> None:
    small = Client(create_app(linter, max_bytes=1000, warm_up=False))
    error = error_of(small.post("/api/check", json={"text": "a" * 2000}), 413)
    assert "1000 bytes" in error["message"]
    assert small.post("/api/check", json={"text": "a" * 900}).status_code == 200  # under the limit
    error_of(small.post("/api/upload", files={"file": ("a.txt", b"a" * 2000)}), 413)


def test_chunked_body_over_the_limit_is_413_on_a_real_server(linter: Linter) -> None:
    """No Content-Length: the limit is enforced while reading the stream."""
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):
            yield b"a" * 100
        yield b'"}'

    with BackgroundServer(create_app(linter, max_bytes=1000, warm_up=False)) as url, httpx.Client(base_url=url) as http:
        response = http.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
        error_of(response, 413)
        assert http.get("/healthz").status_code == 200  # the server is still up


def test_host_check_when_bound_to_loopback(linter: Linter) -> None:
    app = create_app(linter, allowed_hosts=allowed_hosts_for("127.0.0.1"), warm_up=False)
    assert Client(app, host="127.0.0.1:8000").get("/healthz").status_code == 200
    assert Client(app, host="localhost:8000").get("/healthz").status_code == 200
    error_of(Client(app, host="attacker.example").get("/healthz"), 400)
    assert allowed_hosts_for("0.0.0.0") is None
    assert is_loopback("127.0.0.2") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("10.0.0.1")


def test_no_file_system_access_through_the_api(app: Any, seed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in requests are text, never opened: nothing is opened while serving these requests."""
    opened: list[str] = []
    real_open = builtins.open

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    real_path_open = pathlib.Path.open

    def spy_path_open(self: pathlib.Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(self))
        return real_path_open(self, *args, **kwargs)

    client = Client(app)
    client.post("/api/check", json={"text": "x", "select": ["NL1"]})  # engine for this selection built before spying
    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "open", spy_path_open)
    assert client.post("/api/check", json={"text": "/etc/passwd", "format": "txt"}).json()["findings"] == []
    assert client.post("/api/check", json={"text": seed, "select": ["NL1"]}).status_code == 200
    assert client.post("/api/fix", json={"text": seed}).status_code == 200
    upload = client.post("/api/upload", files={"file": ("../../../../etc/passwd.txt", b"British Kiel Starmer spoke.")})
    assert upload.status_code == 200
    assert upload.json()["filename"] == "passwd.txt" and upload.json()["text"] == "British Kiel Starmer spoke."
    assert opened == []


# ---------------------------------------------------------------- upload


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("story.txt", b"British Kiel Starmer met the press.", "txt"),
        ("story.md", b"# Talks\n\nBritish Kiel Starmer met the press.\n", "md"),
        ("story.html", b"<p>British Kiel Starmer met the press.</p>", "html"),
        ("story.HTM", b"\xef\xbb\xbf<p>British Kiel Starmer met the press.</p>", "html"),  # BOM dropped
    ],
)
def test_upload_reads_the_bytes_by_suffix(client: Client, name: str, content: bytes, fmt: str) -> None:
    body = client.post("/api/upload", files={"file": (name, content)}, data={"date": "2025-02-28"}).json()
    assert body["format"] == fmt and body["filename"] == name and body["article_date"] == "2025-02-28"
    assert body["text"] == content.decode("utf-8-sig")
    assert any(f["matched"] == "Kiel Starmer" for f in body["findings"])


def test_upload_errors(client: Client) -> None:
    assert "unsupported file type" in error_of(client.post("/api/upload", files={"file": ("a.pdf", b"%PDF")}), 415)["message"]
    assert "UTF-8" in error_of(client.post("/api/upload", files={"file": ("a.txt", b"caf\xe9")}), 422)["message"]
    assert "binary" in error_of(client.post("/api/upload", files={"file": ("a.txt", b"a\x00b")}), 422)["message"]
    error_of(client.post("/api/upload", json={"text": "x"}), 415)
    error_of(client.post("/api/upload", data={"date": "2025-01-01"}, files={"other": ("a.txt", b"x")}), 422)


# ---------------------------------------------------------------- rules, OpenAPI, page


def test_rules_lists_every_rule_with_family(client: Client, linter: Linter) -> None:
    rules = client.get("/api/rules").json()["rules"]
    assert {r["id"] for r in rules} == {s.id for s in linter.specs}
    nl101 = next(r for r in rules if r["id"] == "NL101")
    assert nl101["family"] == "names" and nl101["enabled"] is True and nl101["name"] == "misspelled-name"


def test_openapi_describes_every_route_and_the_answers_match_it(app: Any, client: Client, seed: str) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    routes = {(r.path, m.lower()) for r in app.routes if hasattr(r, "methods") and r.path != "/"
              for m in (r.methods or ()) if m != "HEAD"}
    described = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    assert routes == described
    registry = referencing.Registry().with_resource("urn:newslint-api", referencing.jsonschema.DRAFT202012.create_resource(doc))

    def validate(instance: Any, schema: str) -> None:
        jsonschema.Draft202012Validator({"$ref": f"urn:newslint-api#/components/schemas/{schema}"},
                                        registry=registry).validate(instance)

    validate(client.post("/api/check", json={"text": seed}).json(), "CheckResult")
    validate(client.post("/api/fix", json={"text": seed}).json(), "FixResult")
    validate(client.post("/api/check", json={"text": 1}).json(), "Error")
    validate({"text": seed, "format": "md", "date": None}, "CheckRequest")
    with pytest.raises(jsonschema.ValidationError):
        validate({"text": seed, "unsafe": True}, "CheckRequest")
    with pytest.raises(jsonschema.ValidationError):  # the schema is not vacuous
        validate({"findings": [{"rule_id": 1}]}, "CheckResult")


def test_page_and_static_files_are_local(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="/static/app.js"' in page.text and 'href="/static/style.css"' in page.text
    for name in ("index.html", "app.js", "style.css"):
        source = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert "http://" not in source and "https://" not in source and "//cdn" not in source
        if name != "index.html":
            assert client.get(f"/static/{name}").status_code == 200
    script = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|eval\(", script)


# ---------------------------------------------------------------- command line


def test_check_start_up_does_not_import_the_server() -> None:
    code = "import sys, newslint.cli; print(any(m.split('.')[0] in ('starlette', 'uvicorn') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_serve_command_starts_and_answers() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "newslint.cli", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("newslint serve: http://127.0.0.1:"), line
        url = line.split()[2]
        health = httpx.get(url + "healthz", timeout=30)
        assert health.status_code == 200 and health.json()["status"] == "ok"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_on_a_busy_port_is_one_line_exit_2() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "newslint.cli", "serve", "--port", str(port)],
                             capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.startswith("newslint: error: cannot listen on 127.0.0.1:") and "Traceback" not in out.stderr


# --- what a reader sees (the page's view of Markdown and HTML), front-matter dates, accept lists ----------


def shown_of(body: dict[str, Any]) -> str:
    return "".join(piece for piece, _, _ in body["view"])


def assert_segments_cover(text: str, view: list[list[Any]]) -> None:
    """Segments in source order cover the whole text; a segment as long as its source is the source."""
    pos = 0
    for piece, start, end in view:
        assert start == pos and end >= start
        if len(piece) == end - start and piece.strip():  # text shown as written (maps character by character)
            assert piece == text[start:end]
        pos = end
    assert pos == len(text)


def test_html_view_is_the_visible_text_mapped_to_the_source(client: Client) -> None:
    text = ('<html><head><title>Fish &amp; chips</title><script>var x = "<p>no</p>";</script></head>\n'
            '<body><p>British <b>Kiel</b> Starmer said &ldquo;no&rdquo;&nbsp;twice.</p><p>Star<i>mer</i> left.'
            '<!-- note --></p></body></html>')
    body = client.post("/api/check", json={"text": text, "format": "html"}).json()
    assert shown_of(body) == "Fish & chips\n\nBritish Kiel Starmer said “no” twice.\n\nStarmer left."
    assert_segments_cover(text, body["view"])
    quote = next(seg for seg in body["view"] if seg[0] == "“")
    assert text[quote[1]:quote[2]] == "&ldquo;"  # a decoded entity stands for the whole reference
    kiel = next(seg for seg in body["view"] if seg[0] == "Kiel")
    assert text[kiel[1]:kiel[2]] == "Kiel"


def test_markdown_view_hides_markup_and_front_matter_keys(client: Client) -> None:
    text = ("---\ntitle: \"Talks in Kiev\"\ndate: 2025-03-04\ntags: [a, b]\n---\n# Talks\n\n"
            "British **Kiel Starmer** met [the press](https://example.com/x) and `code`.\n\n- one\n- two\n")
    body = client.post("/api/check", json={"text": text, "format": "md"}).json()
    assert shown_of(body) == "Talks in Kiev\n\nTalks\n\nBritish Kiel Starmer met the press and .\n\none\ntwo"
    assert_segments_cover(text, body["view"])
    assert body["front_matter_date"] == "2025-03-04" and body["article_date"] == "2025-03-04"


def test_plain_text_has_no_view(client: Client) -> None:
    assert client.post("/api/check", json={"text": CLEAN}).json()["view"] is None


def test_front_matter_date_is_used_and_the_requests_date_wins(client: Client) -> None:
    text = "---\ndate: 2026-02-10\n---\nPresident Joe Biden spoke to reporters on Monday.\n"
    own = client.post("/api/check", json={"text": text, "format": "md"}).json()
    assert own["article_date"] == "2026-02-10" and own["front_matter_date"] == "2026-02-10"
    assert any(f["rule_id"] == "NL103" for f in own["findings"])
    given = client.post("/api/check", json={"text": text, "format": "md", "date": "2022-05-01"}).json()
    assert given["article_date"] == "2022-05-01" and given["front_matter_date"] == "2026-02-10"
    assert not any(f["rule_id"] == "NL103" for f in given["findings"])


def test_fix_answers_carry_the_view_of_the_new_text(client: Client) -> None:
    text = "<p>British Kiel Starmer met the press.</p>"
    body = client.post("/api/fix", json={"text": text, "format": "html"}).json()
    assert body["text"] == "<p>British Keir Starmer met the press.</p>"
    assert shown_of(body) == "British Keir Starmer met the press."


def test_accept_list_is_applied_like_the_configs(client: Client, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newslint.cli import app as cli
    from newslint.config import clear_caches

    text = "British Kiel Starmer met Voldymir Zelensky.\n"
    plain = client.post("/api/check", json={"text": text}).json()
    accepted = client.post("/api/check", json={"text": text, "accept": ["kiel  starmer"]}).json()
    names = lambda body: sorted(f["matched"] for f in body["findings"] if f["rule_id"] == "NL101")  # noqa: E731
    assert names(plain) == ["Kiel Starmer", "Voldymir Zelensky"] and names(accepted) == ["Voldymir Zelensky"]
    fixed = client.post("/api/fix", json={"text": text, "accept": ["Kiel Starmer"]}).json()
    assert "Kiel Starmer" in fixed["text"] and "Volodymyr Zelensky" in fixed["text"]  # an accepted name is not fixed
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "newslint.yaml").write_text("accept: [kiel  starmer]\n")
    clear_caches()
    out = CliRunner().invoke(cli, ["check", str(tmp_path / "a.txt"), "--config", str(tmp_path / "newslint.yaml")]).stdout
    clear_caches()
    assert "Voldymir Zelensky" in out and "Kiel Starmer" not in out  # the CLI agrees
    upload = client.post("/api/upload", files={"file": ("a.txt", text.encode())}, data={"accept": "# list\nKiel Starmer\n"}).json()
    assert names(upload) == ["Voldymir Zelensky"]


@pytest.mark.parametrize("accept", [{"a": 1}, [1], ["x" * 201], ["w"] * 10_001])
def test_bad_accept_lists_are_422(client: Client, accept: Any) -> None:
    assert error_of(client.post("/api/check", json={"text": CLEAN, "accept": accept}), 422)["field"] == "accept"


def test_view_segments_cover_any_markup() -> None:
    """Property: for any Markdown or HTML, the segments cover the text in order, and a segment shown
    as written is the source."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newslint.server.app import ApiError, read_text
    from newslint.server.view import visible_segments

    pieces = st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<br>", "<!-- c -->", "&amp;", "&ldquo;", "&nbsp;", "&#x201C;",
                              "&bogus;", "**", "`x`", "# ", "- ", "\n", "\n\n", " ", "Kiel", "Starmer", "&", "<", ">",
                              "[a](http://x.y)", "---\ntitle: T\n---\n", "é", "\U0001F600"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30), st.sampled_from(["md", "html"]))
    def covers(parts: list[str], fmt: str) -> None:
        text = "".join(parts)
        try:
            doc = read_text(text, fmt)
        except ApiError:  # front matter that is no YAML: refused with a clear error
            return
        assert_segments_cover(text, [list(s) for s in visible_segments(doc)])

    covers()
