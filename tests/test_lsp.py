"""The language server driven by a real LSP client (pytest-lsp) over stdio: `newslint lsp` runs in
a subprocess; the tests open and change documents, wait for diagnostics, ask for code actions and
hovers, apply the edits they return and check that the diagnostics go away."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")
from lsprotocol import types  # noqa: E402

from newslint.lsp.positions import PositionMap  # noqa: E402

SERVER = [sys.executable, "-m", "newslint", "lsp"]
TIMEOUT = 60.0
SPUN = "Talks on the ceasefire contract resumed on Monday."


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp / "xdg")  # no user config from the machine
    src = str(Path(__file__).resolve().parents[1] / "src")
    if (Path(src) / "newslint").is_dir() and "PYTHONPATH" in env:
        env["PYTHONPATH"] = os.pathsep.join([src, env["PYTHONPATH"]])
    return env


@asynccontextmanager
async def lsp_client(tmp: Path, init_options: dict[str, Any] | None = None,
                     capabilities: types.ClientCapabilities | None = None) -> AsyncIterator[Any]:
    """A pytest-lsp client connected to `newslint lsp` over stdio; shut down politely at the end."""
    config = pytest_lsp.ClientServerConfig(server_command=SERVER, server_env=_env(tmp))
    client = await config.start()
    try:
        await client.initialize_session(types.InitializeParams(
            capabilities=capabilities or types.ClientCapabilities(),
            root_uri=tmp.as_uri(), initialization_options=init_options or {"debounceMs": 20}))
        yield client
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    finally:
        await client.stop()


async def diagnostics_for(client: Any, uri: str, ready: Callable[[Sequence[types.Diagnostic]], bool]) -> list[types.Diagnostic]:
    """Wait until the diagnostics published for `uri` satisfy `ready`."""
    async def wait() -> list[types.Diagnostic]:
        while True:
            current = client.diagnostics.get(uri)
            if current is not None and ready(current):
                return list(current)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return await asyncio.wait_for(wait(), TIMEOUT)


def open_doc(client: Any, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))


def change_doc(client: Any, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def apply_edit(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """Apply a WorkspaceEdit's text edits (UTF-16 positions) to `text`, as an editor does."""
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
        edits.extend(change.edits)  # type: ignore[arg-type]
    for key, more in (edit.changes or {}).items():
        assert key == uri
        edits.extend(more)
    pm = PositionMap(text)
    spans = sorted(((pm.offset(e.range.start.line, e.range.start.character),
                     pm.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def codes(diags: Sequence[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diags]


@pytest.mark.asyncio
async def test_open_change_fix_and_ignore_over_stdio(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("", encoding="utf-8")
    uri = article.as_uri()
    async with lsp_client(tmp_path) as client:
        open_doc(client, uri, "A quiet morning in the capital.")
        assert await diagnostics_for(client, uri, lambda d: True) == []

        text = SPUN + "\nThe minister said the the plan was ready."
        change_doc(client, uri, text, 2)
        diags = await diagnostics_for(client, uri, lambda d: len(d) >= 2)
        assert set(codes(diags)) >= {"NL201", "NL302"}
        spun = next(d for d in diags if d.code == "NL201")
        assert (spun.range.start.line, spun.range.start.character) == (0, SPUN.index("ceasefire contract"))
        assert spun.severity in (types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Error)
        assert spun.source == "newslint"

        # quick fix for one finding: apply it, send the change, the diagnostic disappears
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=spun.range,
            context=types.CodeActionContext(diagnostics=[spun])))
        replace = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and "ceasefire deal" in a.title]
        assert replace and replace[0].is_preferred
        text = apply_edit(text, replace[0].edit, uri)
        assert text.startswith("Talks on the ceasefire deal resumed")
        change_doc(client, uri, text, 3)
        diags = await diagnostics_for(client, uri, lambda d: "NL201" not in codes(d))
        assert "NL302" in codes(diags)

        # "ignore this finding here" inserts the inline suppression; NL302 goes away, nothing new appears
        repeated = next(d for d in diags if d.code == "NL302")
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=repeated.range,
            context=types.CodeActionContext(diagnostics=[repeated])))
        ignore = next(a for a in actions if a.title.startswith("Ignore NL302"))
        text = apply_edit(text, ignore.edit, uri)
        assert text.splitlines()[1].endswith("<!-- newslint: ignore NL302 -->")
        change_doc(client, uri, text, 4)
        assert await diagnostics_for(client, uri, lambda d: not d) == []


@pytest.mark.asyncio
async def test_fix_all_and_hover(tmp_path: Path) -> None:
    uri = (tmp_path / "two.md").as_uri()
    text = "# Brief\n\nThe ceasefire contract was signed.\n\nA second ceasefire contract followed.\n"
    async with lsp_client(tmp_path) as client:
        open_doc(client, uri, text, "markdown")
        diags = await diagnostics_for(client, uri, lambda d: codes(d).count("NL201") == 2)
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=diags[0].range.start))
        assert hover is not None and "NL201" in hover.contents.value and "tortured-phrase" in hover.contents.value
        assert "ceasefire deal" in hover.contents.value
        assert hover.range == diags[0].range
        nothing = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 2)))
        assert nothing is None

        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert len(actions) == 1 and actions[0].kind.startswith("source.fixAll")
        fixed = apply_edit(text, actions[0].edit, uri)
        assert fixed.count("ceasefire deal") == 2 and "contract" not in fixed
        change_doc(client, uri, fixed, 2)
        assert await diagnostics_for(client, uri, lambda d: not d) == []


@pytest.mark.asyncio
async def test_positions_are_utf16_with_astral_characters(tmp_path: Path) -> None:
    uri = (tmp_path / "emoji.txt").as_uri()
    prefix = "🎉🎉 𝒜 ok — "  # two emoji and a mathematical letter: each two UTF-16 units
    text = "first line\n" + prefix + SPUN
    async with lsp_client(tmp_path) as client:
        open_doc(client, uri, text)
        diags = await diagnostics_for(client, uri, lambda d: "NL201" in codes(d))
        d = next(x for x in diags if x.code == "NL201")
        col_cp = (prefix + SPUN).index("ceasefire contract")
        assert d.range.start == types.Position(1, col_cp + 3)  # three astral characters: +3 units
        assert d.range.end.character - d.range.start.character == len("ceasefire contract")
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
        fixed = apply_edit(text, next(a for a in actions if "ceasefire deal" in a.title).edit, uri)
        assert fixed == "first line\n" + prefix + SPUN.replace("ceasefire contract", "ceasefire deal")


@pytest.mark.asyncio
async def test_config_discovered_from_the_documents_folder_and_reloaded(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "newslint.yaml").write_text("ignore: [NL201]\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    inside, outside = (desk / "a.txt").as_uri(), (other / "b.txt").as_uri()
    async with lsp_client(tmp_path) as client:
        open_doc(client, inside, SPUN)
        open_doc(client, outside, SPUN)
        assert "NL201" in codes(await diagnostics_for(client, outside, lambda d: bool(d)))
        assert "NL201" not in codes(await diagnostics_for(client, inside, lambda d: True))
        # the config changes on disk; didChangeConfiguration makes the server read it again
        (desk / "newslint.yaml").write_text("ignore: []\n", encoding="utf-8")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"newslint": {"debounceMs": 10}}))
        assert "NL201" in codes(await diagnostics_for(client, inside, lambda d: bool(d)))
        # a broken config: one clear message, the other document is still checked
        (desk / "newslint.yaml").write_text("ignroe: [NL201]\n", encoding="utf-8")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
        diags = await diagnostics_for(client, inside, lambda d: len(d) == 1 and d[0].code is None)
        assert "unknown key 'ignroe'" in diags[0].message and "newslint.yaml" in diags[0].message
        assert any("ignroe" in m.message for m in client.messages)
        change_doc(client, outside, SPUN + " More text.", 2)
        assert "NL201" in codes(await diagnostics_for(client, outside, lambda d: bool(d) and True))


@pytest.mark.asyncio
async def test_vale_style_with_an_invalid_regex_is_a_clear_error_and_others_are_served(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    (desk / "styles" / "House").mkdir(parents=True)
    (desk / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = House\n", encoding="utf-8")
    (desk / "styles" / "House" / "Hedges.yml").write_text(
        "extends: existence\nmessage: Avoid '%s'\nlevel: warning\ntokens:\n  - arguably\n", encoding="utf-8")
    (desk / "newslint.yaml").write_text("vale: .vale.ini\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    inside, outside = (desk / "a.txt").as_uri(), (other / "b.txt").as_uri()
    async with lsp_client(tmp_path) as client:
        open_doc(client, inside, "It was arguably over.")
        diags = await diagnostics_for(client, inside, lambda d: bool(d))
        assert [(d.code, d.source) for d in diags] == [("House.Hedges", "newslint (vale)")]
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=inside), range=diags[0].range,
            context=types.CodeActionContext(diagnostics=diags)))
        assert not any(a.title.startswith("Ignore") for a in actions)  # no inline comment can name a Vale rule
        (desk / "styles" / "House" / "Hedges.yml").write_text("extends: existence\nmessage: x\ntokens:\n  - 'arguably('\n", encoding="utf-8")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
        diags = await diagnostics_for(client, inside, lambda d: len(d) == 1 and d[0].code is None)
        assert "invalid regular expression in 'tokens'" in diags[0].message and "Hedges.yml:4" in diags[0].message
        open_doc(client, outside, SPUN)
        assert "NL201" in codes(await diagnostics_for(client, outside, lambda d: bool(d)))


@pytest.mark.asyncio
async def test_huge_document_is_refused_and_the_server_keeps_serving(tmp_path: Path) -> None:
    big_uri, small_uri = (tmp_path / "huge.txt").as_uri(), (tmp_path / "small.txt").as_uri()
    async with lsp_client(tmp_path) as client:
        open_doc(client, big_uri, ("The talks went on. " * 1_100_000)[:20 * 1024 * 1024])
        assert await diagnostics_for(client, big_uri, lambda d: True) == []
        assert any("maxDocumentBytes" in m.message and "not checked" in m.message for m in client.messages)
        open_doc(client, small_uri, SPUN)
        assert "NL201" in codes(await diagnostics_for(client, small_uri, lambda d: bool(d)))


# --- malformed messages: a raw client writing bytes the protocol does not allow -------------------

def _frame(payload: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(payload) + payload


async def _read_message(stream: asyncio.StreamReader) -> dict[str, Any]:
    length = 0
    while True:
        line = await stream.readline()
        if not line:
            raise EOFError("server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return json.loads(await stream.readexactly(length))


@pytest.mark.asyncio
async def test_malformed_messages_get_clear_errors_and_the_server_keeps_serving(tmp_path: Path) -> None:
    proc = await asyncio.create_subprocess_exec(*SERVER, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE, env=_env(tmp_path))
    assert proc.stdin is not None and proc.stdout is not None
    received: list[dict[str, Any]] = []

    def send(obj: Any) -> None:
        proc.stdin.write(_frame(json.dumps(obj).encode()))  # type: ignore[union-attr]

    async def until(pred: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        async def loop() -> dict[str, Any]:
            for message in received:
                if pred(message):
                    return message
            while True:
                message = await _read_message(proc.stdout)  # type: ignore[arg-type]
                received.append(message)
                if pred(message):
                    return message
        return await asyncio.wait_for(loop(), TIMEOUT)

    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        await until(lambda m: m.get("id") == 1 and "result" in m)
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        proc.stdin.write(_frame(b"{this is not json"))  # not JSON at all
        send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": 42}})  # wrong params
        send({"jsonrpc": "2.0", "id": 3, "method": "newslint/noSuchMethod", "params": {}})  # unknown request
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 7}}})  # bad notification
        error = await until(lambda m: m.get("id") == 2)
        assert error["error"]["code"] == -32602
        assert "invalid parameters for textDocument/hover" in error["error"]["message"]
        unknown = await until(lambda m: m.get("id") == 3)
        assert unknown["error"]["code"] == -32601  # method not found
        shown = await until(lambda m: m.get("method") == "window/showMessage")
        assert shown["params"]["message"].startswith("newslint: could not handle a message from the editor: JSONDecodeError")
        shown = await until(lambda m: m.get("method") == "window/showMessage" and "didOpen" in m["params"]["message"])
        assert "textDocument/didOpen" in shown["params"]["message"]
        # still serving: a document gets its diagnostics
        uri = (tmp_path / "after.txt").as_uri()
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": SPUN}}})
        published = await until(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        assert [d["code"] for d in published["params"]["diagnostics"]] == ["NL201"]
        send({"jsonrpc": "2.0", "id": 4, "method": "shutdown"})
        await until(lambda m: m.get("id") == 4)
        send({"jsonrpc": "2.0", "method": "exit"})
        await asyncio.wait_for(proc.wait(), TIMEOUT)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.parametrize("encoding, column", [("utf-16", 2 + 2 + 1), ("utf-8", 2 + 4 + 2), ("utf-32", 4)])
def test_position_map_counts_units_of_the_negotiated_encoding(encoding: str, column: int) -> None:
    text = "one\r\ntwo\rab🎉é|end\nlast"
    pm = PositionMap(text, encoding)
    offset = text.index("|")
    assert pm.position(offset) == (2, column)
    assert pm.offset(2, column) == offset
    assert pm.offset(0, 99) == 3  # past the end of a line: its end, before \r\n
    assert pm.position(len(text)) == (3, 4) and pm.offset(9, 0) == len(text)


def test_rule_links_point_at_the_published_reference_without_a_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An installed wheel has no docs/rules.md beside the code: hover links then go where SARIF
    links rules ($NEWSLINT_RULES_URL, the package's Rules URL, or the default)."""
    from newslint.lsp import server

    monkeypatch.setattr(server, "__file__", str(tmp_path / "a" / "b" / "c" / "server.py"))
    monkeypatch.setenv("NEWSLINT_RULES_URL", "https://docs.example.org/rules.html")
    assert server._default_docs_url() == "https://docs.example.org/rules.html"
