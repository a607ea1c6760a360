"""`newslint lsp`: a language server (pygls) for editors.

Diagnostics for plain text, Markdown and HTML on open, change (debounced) and save; code
actions from the findings' suggestions, "fix all safe fixes" and "ignore this finding here";
hover with the rule's explanation. Rules and dictionaries are loaded once per distinct
configuration (config.CheckerPool); the configuration of a document is found from its folder
exactly as `newslint check` finds it (config.config_for). Checks run in one worker thread, so
the server keeps answering while a long document is checked.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES, CheckerPool, Checker, Config, ConfigError, Overrides, clear_caches, config_for, settings_for
from ..document import Document
from ..errors import NewslintError
from ..model import Finding, Severity
from ..sources import KIND_READERS, READERS, read_plain
from .positions import UTF16, PositionMap

log = logging.getLogger("newslint.lsp")

SOURCE = "newslint"
FIX_ALL_KIND = "source.fixAll.newslint"
LANGUAGE_KINDS = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
MAX_SUGGESTION_ACTIONS = 5


def _default_docs_url() -> str | None:
    """docs/rules.md of the checkout newslint runs from, when there is one; else (an installed
    wheel has no docs folder) where the rule reference is published, as SARIF links it."""
    checkout = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    if checkout.is_file():
        return checkout.as_uri()
    from ..reporters.sarif import rules_doc_url

    return rules_doc_url()


@dataclass
class Options:
    """What the editor may set: initializationOptions or didChangeConfiguration {"newslint": {...}}."""

    config: str | None = None  # like --config: one config file for every document
    no_config: bool = False  # like --no-config
    debounce_ms: int = 60  # wait after the last change before checking
    max_document_bytes: int = 2 * 1024 * 1024  # larger documents are not checked (a message says so)
    docs_url: str | None = field(default_factory=_default_docs_url)  # base of rule links (docs/rules.md)

    KEYS = {"config": "config", "noConfig": "no_config", "debounceMs": "debounce_ms",
            "maxDocumentBytes": "max_document_bytes", "docsUrl": "docs_url"}

    def updated(self, raw: Any) -> tuple["Options", list[str]]:
        """A copy with the keys of `raw` applied, and one problem line per bad key (ignored)."""
        if isinstance(raw, dict) and isinstance(raw.get("newslint"), dict):
            raw = raw["newslint"]
        if raw is None:
            return self, []
        if not isinstance(raw, dict):
            return self, [f"settings must be an object, got {type(raw).__name__}"]
        changes: dict[str, Any] = {}
        problems: list[str] = []
        for key, value in raw.items():
            attr = self.KEYS.get(key)
            if attr is None:
                problems.append(f"unknown setting '{key}' (known: {', '.join(self.KEYS)})")
                continue
            if attr in ("debounce_ms", "max_document_bytes"):
                if not isinstance(value, int) or isinstance(value, bool) or value < (0 if attr == "debounce_ms" else 1):
                    problems.append(f"setting '{key}' must be a {'non-negative' if attr == 'debounce_ms' else 'positive'} integer")
                    continue
            elif attr == "no_config":
                if not isinstance(value, bool):
                    problems.append(f"setting '{key}' must be true or false")
                    continue
            elif value is not None and not isinstance(value, str):
                problems.append(f"setting '{key}' must be a string")
                continue
            changes[attr] = value or None if attr in ("config", "docs_url") else value
        return replace(self, **changes), problems


@dataclass
class Checked:
    """The last check of one document version."""

    version: int | None
    text: str
    doc: Document | None
    findings: list[Finding]
    checker: Checker | None
    positions: PositionMap
    article_date: date | None = None


class TooLarge(Exception):
    """A document beyond max_document_bytes."""


def document_path(uri: str) -> str | None:
    """The file system path of a file: URI, else None (untitled buffers and other schemes)."""
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def reader_for(path: str | None, language_id: str | None) -> Callable[[Path, str], Document]:
    """The reader of a document: by the file's suffix, else by the editor's language id."""
    if path is not None:
        reader = READERS.get(Path(path).suffix.lower())
        if reader is not None:
            return reader
    kind = LANGUAGE_KINDS.get((language_id or "").lower(), "text")
    return KIND_READERS.get(kind, read_plain)


def suppression_comment(rule_id: str) -> str:
    """The inline directive that silences `rule_id` on the line it ends (all input kinds read it)."""
    return f"<!-- newslint: ignore {rule_id} -->"


def _suppressible(finding: Finding) -> bool:
    """Whether an inline `newslint: ignore` comment can name the finding's rule (newslint's own rules)."""
    return re.fullmatch(r"NL\d{3}", finding.rule_id) is not None


def minimal_edit(before: str, after: str) -> tuple[int, int, str]:
    """(start, end, replacement) in `before` turning it into `after`: common ends are kept."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    return start, end_b, after[start:end_a]


def _summary(exc: BaseException) -> str:
    """One line naming what was wrong in a message's parameters (cattrs' nested errors flattened)."""
    causes: list[str] = []
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        inner = list(getattr(current, "exceptions", ()))
        if current.__cause__ is not None:
            inner.append(current.__cause__)
        if not inner and not isinstance(current, JsonRpcException):
            notes = getattr(current, "__notes__", None) or []
            causes.append(f"{notes[-1] + ': ' if notes else ''}{type(current).__name__}: {current}")
        stack.extend(inner)
    return "; ".join(causes[:3]) or str(exc)


class Protocol(LanguageServerProtocol):
    """pygls' protocol, but a request whose parameters cannot be read gets an error response
    (pygls only logs it, and the editor would wait for an answer forever)."""

    def structure_message(self, data: dict[str, Any]) -> Any:  # noqa: D102 - pygls hook
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "jsonrpc" in data and "id" in data and "method" in data:
                why = _summary(exc)
                error = JsonRpcInvalidParams(f"newslint: invalid parameters for {data.get('method')}: {why}")
                self._send_response(data["id"], error=error.to_response_error())
                exc.answered = True  # type: ignore[attr-defined]  # the editor has its error: no message
            else:
                exc.what = f"{data.get('method', 'a message')}: {_summary(exc)}"  # type: ignore[attr-defined]
            raise


class NewslintServer(LanguageServer):
    """The newslint language server."""

    def __init__(self) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=Protocol)
        self.options = Options()
        self.pool = CheckerPool()
        self.results: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._sleeping: set[str] = set()
        self._shown: set[str] = set()
        self._noticed: set[str] = set()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-check")

    # --- messages to the editor -------------------------------------------------------------

    def show(self, message: str, kind: types.MessageType = types.MessageType.Error, once: bool = True) -> None:
        """window/showMessage (each distinct message once until the configuration changes)."""
        if once and message in self._shown:
            return
        self._shown.add(message)
        log.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"newslint: {message}"))

    def report_server_error(self, error: Exception, source: Any) -> None:  # noqa: D102 - pygls hook
        from pygls.exceptions import FeatureRequestError

        if source is FeatureRequestError or getattr(error, "answered", False):
            return  # the client gets an error response for its request
        what = getattr(error, "what", None) or f"{type(error).__name__}: {error}"
        self.show(f"could not handle a message from the editor: {what}", once=False)

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (UTF-16 unless the client offered another)."""
        try:
            enc = self.workspace.position_encoding
        except Exception:  # before initialize
            return UTF16
        return str(enc.value if hasattr(enc, "value") else enc or UTF16)

    # --- checking ------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds; a newer change while waiting restarts the wait."""
        old = self._pending.get(uri)
        if old is not None and uri in self._sleeping:
            old.cancel()
        self._pending[uri] = asyncio.ensure_future(self._run(uri, delay))

    async def _run(self, uri: str, delay: float) -> None:
        if delay > 0:
            self._sleeping.add(uri)
            try:
                await asyncio.sleep(delay)
            finally:
                self._sleeping.discard(uri)
        try:
            document = self.workspace.get_text_document(uri)
        except Exception:
            return
        text, version, language = document.source, document.version, document.language_id
        loop = asyncio.get_running_loop()
        try:
            checked = await loop.run_in_executor(self._executor, self._check_if_current, uri, text, version, language)
        except TooLarge as exc:
            self.results.pop(uri, None)
            self.show(str(exc), types.MessageType.Warning)
            self.publish(uri, [], version)
            return
        except NewslintError as exc:
            self.results.pop(uri, None)
            self._publish_error(uri, text, version, exc)
            return
        except Exception as exc:  # a bug must not stop the server
            log.exception("check of %s failed", uri)
            self.show(f"internal error while checking {uri}: {type(exc).__name__}: {exc}", once=False)
            return
        if checked is None or self._current_version(uri) != version:
            return  # the document changed meanwhile: the newer check publishes
        self.results[uri] = checked
        self.publish(uri, [self.diagnostic(checked, f) for f in checked.findings], version)
        self._tell_notices(checked)

    def _tell_notices(self, checked: Checked) -> None:
        """Warnings of the configuration (e.g. Vale rules newslint does not run): one message for the new ones."""
        notes = getattr(getattr(checked.checker, "linter", None), "notices", None) or []
        new = [n for n in notes if n not in self._noticed]
        if new:
            self._noticed.update(new)
            more = f" (and {len(new) - 1} more; all are in the server log)" if len(new) > 1 else ""
            self.show(f"{new[0]}{more}", types.MessageType.Warning)

    def _current_version(self, uri: str) -> int | None:
        try:
            return self.workspace.get_text_document(uri).version
        except Exception:
            return None

    def _check_if_current(self, uri: str, text: str, version: int | None, language: str | None) -> Checked | None:
        if self._current_version(uri) != version:
            return None  # a newer version is waiting: skip this one
        return self.check(uri, text, version, language)

    def checker_for(self, path: str | None) -> tuple[Checker, Config]:
        """The checker (rules and dictionaries loaded once per configuration) for a document."""
        explicit = Path(os.path.expanduser(self.options.config)) if self.options.config else None
        where: Path | None = Path(path) if path else None
        if where is None and self.workspace.root_path:
            where = Path(self.workspace.root_path)
        conf = Config() if self.options.no_config else config_for(where, explicit)
        settings = settings_for(conf, path, Overrides())
        return self.pool.get(settings), conf

    def check(self, uri: str, text: str, version: int | None, language: str | None) -> Checked:
        """Check one document version (runs in the worker thread)."""
        size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > self.options.max_document_bytes else len(text)
        path = document_path(uri)
        name = path or uri
        if size > self.options.max_document_bytes:
            raise TooLarge(f"{name} is {size / 1e6:.1f} MB; the editor checks documents up to "
                           f"{self.options.max_document_bytes / 1e6:.1f} MB (setting maxDocumentBytes); "
                           "not checked (use `newslint check` on the file)")
        checker, conf = self.checker_for(path)
        doc = reader_for(path, language)(Path(name), text)
        when = doc.article_date or conf.date
        findings = checker.check_document(doc, when)
        return Checked(version, text, doc, findings, checker, PositionMap(text, self.encoding), when)

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        """textDocument/publishDiagnostics."""
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def _publish_error(self, uri: str, text: str, version: int | None, exc: NewslintError) -> None:
        """A configuration or input error: one diagnostic at the top (or at the line it names) and a message."""
        if isinstance(exc, ConfigError) or (exc.path and document_path(uri) != exc.path):
            self.show(str(exc))
            line = 0
        else:
            line = max((exc.line or 1) - 1, 0)
        message = f"newslint could not check this document: {exc}"
        rng = types.Range(types.Position(line, 0), types.Position(line, 0))
        self.publish(uri, [types.Diagnostic(range=rng, message=message, severity=types.DiagnosticSeverity.Error,
                                            source=SOURCE)], version)

    def recheck_all(self) -> None:
        """Check every open document again (after a configuration change)."""
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def reload(self) -> None:
        """Forget parsed configs and loaded rules: the next checks read them again."""
        clear_caches()
        self.pool = CheckerPool()
        self._shown.clear()
        self._noticed.clear()

    # --- converting ----------------------------------------------------------------------------

    def range_of(self, checked: Checked, start: int, end: int) -> types.Range:
        """LSP range of a code-point span."""
        sl, sc = checked.positions.position(start)
        el, ec = checked.positions.position(end)
        return types.Range(types.Position(sl, sc), types.Position(el, ec))

    def rule_link(self, finding: Finding) -> str | None:
        """Link to the rule's section of docs/rules.md (None without a docs URL)."""
        base = self.options.docs_url
        if not base or not finding.rule_id.startswith("NL"):
            return None
        return f"{base.split('#')[0]}#{finding.rule_id.lower()}-{finding.rule_name}"

    def diagnostic(self, checked: Checked, finding: Finding) -> types.Diagnostic:
        """A finding as an LSP diagnostic (its data names the finding for code actions)."""
        link = self.rule_link(finding)
        message = finding.message
        if finding.suggestions and finding.suggestions[0] and finding.suggestions[0] not in message:
            message += f" (suggestion: {finding.suggestions[0]})"
        return types.Diagnostic(
            range=self.range_of(checked, finding.span.start, finding.span.end),
            message=message,
            severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
            code=finding.rule_id,
            code_description=types.CodeDescription(href=link) if link else None,
            source=SOURCE if finding.source == "newslint" else f"{SOURCE} ({finding.source})",
            data={"rule": finding.rule_id, "start": finding.span.start, "end": finding.span.end},
        )

    def findings_in(self, checked: Checked, rng: types.Range) -> list[Finding]:
        """Findings whose span touches the range (a cursor position touches what it stands in)."""
        start = checked.positions.offset(rng.start.line, rng.start.character)
        end = checked.positions.offset(rng.end.line, rng.end.character)
        return [f for f in checked.findings if f.span.start <= end and f.span.end >= start]

    def edit(self, uri: str, checked: Checked, edits: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
        """A WorkspaceEdit for code-point edits of the checked text (versioned when the client has a version)."""
        text_edits = [types.TextEdit(range=self.range_of(checked, s, e), new_text=r) for s, e, r in edits]
        if checked.version is not None:
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=checked.version),
                edits=text_edits)])
        return types.WorkspaceEdit(changes={uri: text_edits})


server = NewslintServer()


# --- lifecycle and documents ------------------------------------------------------------------

@server.feature(types.INITIALIZE)
def _initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
    ls.options, problems = ls.options.updated(params.initialization_options)
    for problem in problems:
        ls.show(problem, types.MessageType.Warning)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.options.debounce_ms / 1000)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = document_path(params.text_document.uri)
    if path is not None and Path(path).name in CONFIG_NAMES:
        ls.reload()  # a config file was saved: every document may be checked differently now
        ls.recheck_all()
    else:
        ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls._pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.results.pop(uri, None)
    ls.publish(uri, [], None)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def _did_change_configuration(ls: NewslintServer, params: types.DidChangeConfigurationParams) -> None:
    ls.reload()
    ls.options, problems = ls.options.updated(params.settings)
    for problem in problems:
        ls.show(problem, types.MessageType.Warning)
    ls.recheck_all()


# --- code actions -----------------------------------------------------------------------------

@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll,
                                               FIX_ALL_KIND]),
)
async def _code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = ls.results.get(uri)
    current = ls._current_version(uri)
    if checked is None or checked.version != current:
        try:
            document = ls.workspace.get_text_document(uri)
            checked = await asyncio.get_running_loop().run_in_executor(
                ls._executor, ls.check, uri, document.source, document.version, document.language_id)
        except (NewslintError, TooLarge):
            return []
    only = params.context.only
    kinds = [str(getattr(k, "value", k)) for k in only or ()]
    wants_quickfix = not only or any(k == "quickfix" or k.startswith("quickfix.") for k in kinds)
    wants_fix_all = not only or any(FIX_ALL_KIND == k or FIX_ALL_KIND.startswith(k + ".") for k in kinds)
    actions: list[types.CodeAction] = []
    if wants_quickfix:
        for finding in ls.findings_in(checked, params.range):
            diag = ls.diagnostic(checked, finding)
            for i, suggestion in enumerate(finding.suggestions[:MAX_SUGGESTION_ACTIONS]):
                if i == 0 and finding.fix is not None:
                    edits = [(e.span.start, e.span.end, e.replacement) for e in finding.fix.edits]
                else:
                    edits = [(finding.span.start, finding.span.end, suggestion)]
                title = (f"Delete '{finding.matched}'" if suggestion == "" else f"Replace '{finding.matched}' with '{suggestion}'")
                actions.append(types.CodeAction(
                    title=f"{title} ({finding.rule_id})", kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                    is_preferred=i == 0 and finding.fix_safe, edit=ls.edit(uri, checked, edits)))
            if not _suppressible(finding):
                continue  # a Vale rule (Style.Rule) is switched off in its .vale.ini, not inline
            line_end = checked.positions._line_end(checked.positions.position(finding.span.start)[0])
            actions.append(types.CodeAction(
                title=f"Ignore {finding.rule_id} ({finding.rule_name}) on this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                edit=ls.edit(uri, checked, [(line_end, line_end, " " + suppression_comment(finding.rule_id))])))
    if wants_fix_all and checked.doc is not None and checked.checker is not None and any(f.fix_safe for f in checked.findings):
        fixed = await asyncio.get_running_loop().run_in_executor(ls._executor, _fix_all, checked)
        if fixed is not None and fixed != checked.text:
            start, end, replacement = minimal_edit(checked.text, fixed)
            kind = FIX_ALL_KIND if only else types.CodeActionKind.QuickFix
            actions.append(types.CodeAction(title="Fix all safe newslint findings in this document", kind=kind,
                                            edit=ls.edit(uri, checked, [(start, end, replacement)])))
    return actions


def _fix_all(checked: Checked) -> str | None:
    from ..fixer import fix_until_stable

    assert checked.doc is not None and checked.checker is not None
    outcome = fix_until_stable(checked.checker, checked.doc, unsafe=False, article_date=checked.article_date)
    return outcome.text if outcome.converged else None


# --- hover ------------------------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    checked = ls.results.get(params.text_document.uri)
    if checked is None or checked.checker is None:
        return None
    pos = params.position
    found = ls.findings_in(checked, types.Range(pos, pos))
    if not found:
        return None
    specs = {s.id: s for s in checked.checker.engine.all_specs}
    parts: list[str] = []
    for finding in found:
        spec = specs.get(finding.rule_id)
        part = [f"**{finding.rule_id} {finding.rule_name}** ({finding.severity.value}): {finding.message}"]
        if finding.suggestions:
            part.append("Suggestions: " + ", ".join(f"`{s}`" if s else "(delete)" for s in finding.suggestions[:MAX_SUGGESTION_ACTIONS]))
        if spec is not None and spec.description:
            part.append(spec.description)
        if spec is not None and spec.fail_examples:
            ex = spec.fail_examples[0]
            part.append(f"Example: _{ex.text}_" + (f" → _{ex.suggestion}_" if ex.suggestion else ""))
        link = ls.rule_link(finding)
        if link:
            part.append(f"[{finding.rule_id} in docs/rules.md]({link})")
        if _suppressible(finding):
            part.append(f"Silence it here: `{suppression_comment(finding.rule_id)}`")
        else:
            part.append(f"A Vale rule: switch it off with `{finding.rule_id} = NO` in the .vale.ini")
        parts.append("\n\n".join(part))
    first = min(found, key=lambda f: f.span.start)
    last_end = max(f.span.end for f in found)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                       range=ls.range_of(checked, first.span.start, last_end))


def main(verbose: bool = False) -> None:
    """Serve over standard input and output until the editor says exit. Without `verbose`,
    pygls' own log (tracebacks of unreadable messages) is kept off stderr: newslint's one-line
    messages say what went wrong."""
    if not verbose:
        logging.getLogger("pygls").setLevel(logging.CRITICAL)
    else:
        logging.basicConfig(level=logging.DEBUG)
    server.start_io()


__all__ = ["NewslintServer", "Options", "main", "server", "from_fs_path"]
