"""The ASGI app of `newslint serve`: the editor page (static files) and the JSON API.

Nothing here reads or writes a path chosen by a client: articles come in the request
body (JSON text, or an uploaded file's bytes) and are read by the readers of
`newslint.sources` from those bytes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..api import Linter
from ..document import Document
from ..engine import Engine
from ..errors import NewslintError
from ..fixer import apply_fixes, fix_until_stable
from ..model import Applicability, Edit, Finding, Fix, Span
from ..reporters.json import SCHEMA_VERSION
from ..rules.registry import unknown_selectors
from ..sources import READERS, decode, read_plain
from .openapi import openapi_document
from .view import visible_segments

log = logging.getLogger("newslint.server")

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
FORMATS: dict[str, str] = {"txt": ".txt", "md": ".md", "html": ".html"}
UPLOAD_SUFFIXES: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
}
FAMILIES: dict[str, str] = {"NL1": "names", "NL2": "phrases", "NL3": "damage", "NL4": "attribution", "NL5": "grammar"}
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
MAX_SELECTORS = 200
MAX_ACCEPT = 10_000
MAX_ACCEPT_CHARS = 200
ENGINE_CACHE_SIZE = 32

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class ApiError(Exception):
    """A client error answered as {"error": {...}} with an HTTP status."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: article text stays inert even if a
    client mistakes the answer for HTML."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def error_response(status: int, message: str, field: str | None = None) -> JSONResponse:
    """The one error shape of the API: {"error": {"status", "message"[, "field"]}}."""
    body: dict[str, Any] = {"status": status, "message": message}
    if field is not None:
        body["field"] = field
    return SafeJSONResponse({"error": body}, status_code=status)


def family_of(rule_id: str) -> str:
    """Rule family from the id prefix (NL1xx names ... NL5xx grammar)."""
    return FAMILIES.get(rule_id[:3].upper(), "other")


# ---------------------------------------------------------------- request parsing


@dataclass(frozen=True)
class LintRequest:
    """A validated /api/check or /api/fix body."""

    text: str
    fmt: str = "txt"
    when: date | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    unsafe: bool = False
    edits: tuple[Edit, ...] | None = None
    accept: tuple[str, ...] = ()


CHECK_FIELDS = frozenset({"text", "format", "date", "select", "ignore", "accept"})
FIX_FIELDS = CHECK_FIELDS | {"unsafe", "edits"}


def _check_text(text: Any, field: str = "text") -> str:
    if not isinstance(text, str):
        raise ApiError(422, f"'{field}' must be a string, got {_json_type(text)}", field)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, f"'{field}' contains unpaired surrogate code points (not valid Unicode text)", field) from None
    return text


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _parse_format(value: Any) -> str:
    if value is None:
        return "txt"
    if not isinstance(value, str) or value.lower() not in FORMATS:
        raise ApiError(422, f"'format' must be one of {', '.join(FORMATS)}; got {value!r}", "format")
    return value.lower()


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"'date' must be a string YYYY-MM-DD or null, got {_json_type(value)}", "date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"'date' must be YYYY-MM-DD, got {value!r}", "date") from None


def _parse_selectors(value: Any, field: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):  # "NL1,NL201" as on the command line
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(422, f"'{field}' must be an array of rule ids, prefixes or names", field)
    if len(value) > MAX_SELECTORS:
        raise ApiError(422, f"'{field}' has more than {MAX_SELECTORS} entries", field)
    return tuple(v.strip() for v in value if v.strip())


def _parse_accept(value: Any) -> tuple[str, ...]:
    """Words and names never flagged (the config's `accept`): an array, or one per line."""
    if value is None:
        return ()
    if isinstance(value, str):  # a form field: one per line, as in an accept file
        value = [line for line in value.splitlines() if not line.lstrip().startswith("#")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(422, "'accept' must be an array of words or names", "accept")
    if len(value) > MAX_ACCEPT:
        raise ApiError(422, f"'accept' has more than {MAX_ACCEPT} entries", "accept")
    words = tuple(dict.fromkeys(" ".join(v.split()) for v in value if v.strip()))
    too_long = next((w for w in words if len(w) > MAX_ACCEPT_CHARS), None)
    if too_long is not None:
        raise ApiError(422, f"'accept': an entry is longer than {MAX_ACCEPT_CHARS} characters", "accept")
    return tuple(sorted(words))


def _parse_edits(value: Any, text: str) -> tuple[Edit, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise ApiError(422, "'edits' must be an array of {start, end, replacement}", "edits")
    edits: list[Edit] = []
    for i, item in enumerate(value):
        where = f"edits[{i}]"
        if not isinstance(item, dict) or set(item) - {"start", "end", "replacement"}:
            raise ApiError(422, f"'{where}' must be an object with start, end and replacement only", where)
        start, end, replacement = item.get("start"), item.get("end"), item.get("replacement", "")
        if type(start) is not int or type(end) is not int:
            raise ApiError(422, f"'{where}': start and end must be integers", where)
        if not 0 <= start <= end <= len(text):
            raise ApiError(422, f"'{where}': need 0 <= start <= end <= {len(text)} (code points), got {start}..{end}", where)
        edits.append(Edit(Span(start, end), _check_text(replacement, f"{where}.replacement")))
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    for a, b in zip(edits, edits[1:]):
        if a.span.end > b.span.start:
            raise ApiError(422, f"edits overlap: {a.span.start}..{a.span.end} and {b.span.start}..{b.span.end}", "edits")
    return tuple(edits)


def parse_lint_request(payload: Any, allowed: Iterable[str]) -> LintRequest:
    """Validate a JSON body; every problem is an ApiError naming the field."""
    if not isinstance(payload, dict):
        raise ApiError(422, f"the request body must be a JSON object, got {_json_type(payload)}")
    unknown = sorted(set(payload) - set(allowed))
    if unknown:
        raise ApiError(422, f"unknown field '{unknown[0]}'; allowed: {', '.join(sorted(allowed))}", unknown[0])
    if "text" not in payload:
        raise ApiError(422, "'text' is required", "text")
    text = _check_text(payload["text"])
    unsafe = payload.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise ApiError(422, f"'unsafe' must be a boolean, got {_json_type(unsafe)}", "unsafe")
    return LintRequest(
        text=text,
        fmt=_parse_format(payload.get("format")),
        when=_parse_date(payload.get("date")),
        select=_parse_selectors(payload.get("select"), "select"),
        ignore=_parse_selectors(payload.get("ignore"), "ignore"),
        unsafe=unsafe,
        edits=_parse_edits(payload.get("edits"), text),
        accept=_parse_accept(payload.get("accept")),
    )


async def read_json(request: Request) -> Any:
    """The request body as JSON; malformed JSON is a 400 with the parser's message."""
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "the request body is empty; send a JSON object")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise ApiError(400, "malformed JSON: the body is not UTF-8 text") from None
    except ValueError as exc:
        raise ApiError(400, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, "malformed JSON: nested too deeply") from None


# ---------------------------------------------------------------- linting


class _EngineChecker:
    """Adapter: an Engine seen as the `check_document` interface the fixer wants."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def check_document(self, doc: Document, article_date: date | None = None) -> list[Finding]:
        return self.engine.check(doc, article_date)


def read_text(text: str, fmt: str, name: str | None = None) -> Document:
    """A Document from text, read by the `newslint.sources` reader of the format's suffix."""
    suffix = FORMATS[fmt]
    reader = READERS.get(suffix, read_plain)
    try:
        return reader(Path(name or f"article{suffix}"), text)
    except NewslintError as exc:
        raise ApiError(422, exc.message) from None


class LintService:
    """One Linter (rules and dictionaries loaded once) plus engines for select/ignore sets."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self._engines: OrderedDict[tuple[tuple[str, ...] | None, tuple[str, ...] | None, tuple[str, ...]], Engine] = OrderedDict()
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load dictionaries and word lists now, not on the first request."""
        self.linter.resources.names  # noqa: B018
        self.linter.resources.lexicon  # noqa: B018

    def engine(self, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None, accept: tuple[str, ...] = ()) -> Engine:
        """The engine for a selection and accept list (cached, least recently used dropped)."""
        if not select and not ignore and not accept:
            return self.linter.engine
        key = (select, ignore, accept)
        with self._lock:
            engine = self._engines.get(key)
            if engine is not None:
                self._engines.move_to_end(key)
                return engine
        engine = Engine(self.linter.specs, self.linter.resources, select, ignore, self.linter.engine.severities, accept,
                        self.linter.engine.quotes)
        with self._lock:
            self._engines[key] = engine
            while len(self._engines) > ENGINE_CACHE_SIZE:
                self._engines.popitem(last=False)
        return engine

    def warnings(self, req: LintRequest) -> list[str]:
        """Selectors that select no rule (usually typos)."""
        patterns = list(req.select or ()) + list(req.ignore or ())
        return [f"'{p}' selects no rule" for p in unknown_selectors(self.linter.specs, patterns)]

    def check(self, req: LintRequest, name: str | None = None) -> dict[str, Any]:
        """Body of a /api/check answer."""
        doc = read_text(req.text, req.fmt, name)
        findings = self.engine(req.select, req.ignore, req.accept).check(doc, req.when)
        return self._payload(req, findings, doc)

    def fix(self, req: LintRequest) -> dict[str, Any]:
        """Body of a /api/fix answer: the request's edits, or the safe (or unsafe) fixes until stable."""
        engine = self.engine(req.select, req.ignore, req.accept)
        doc = read_text(req.text, req.fmt)
        if req.edits is not None:
            result = apply_fixes(req.text, [Fix("edit", req.edits, Applicability.UNSAFE, "edits from the request")] if req.edits else [])
            if result.skipped:
                raise ApiError(422, "the edits could not be applied together", "edits")
            doc = read_text(result.text, req.fmt)
            findings = engine.check(doc, req.when)
            extra = {"text": result.text, "changed": result.text != req.text, "converged": True,
                     "passes": 1 if req.edits else 0, "applied": len(req.edits), "failing_rules": []}
        else:
            outcome = fix_until_stable(_EngineChecker(engine), doc, unsafe=req.unsafe, article_date=req.when)
            findings = outcome.findings
            if outcome.changed:
                doc = read_text(outcome.text, req.fmt)
            extra = {"text": outcome.text, "changed": outcome.changed, "converged": outcome.converged,
                     "passes": outcome.passes, "applied": outcome.applied_count,
                     "failing_rules": list(outcome.failing_rules)}
        payload = self._payload(req, findings, doc)
        payload.update(extra)
        return payload

    def rules(self) -> list[dict[str, Any]]:
        """Every loaded rule, with whether it runs by default."""
        default_ids = {s.id for s in self.linter.engine.specs}
        return [
            {
                "id": s.id, "name": s.name, "kind": s.kind, "severity": s.severity.value,
                "family": family_of(s.id), "enabled": s.id in default_ids,
                "message": s.message, "description": s.description,
            }
            for s in sorted(self.linter.specs, key=lambda s: s.id)
        ]

    def _payload(self, req: LintRequest, findings: list[Finding], doc: Document) -> dict[str, Any]:
        by_severity: dict[str, int] = {}
        by_rule: dict[str, int] = {}
        for f in findings:
            by_severity[f.severity.value] = by_severity.get(f.severity.value, 0) + 1
            by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
        when = req.when or doc.article_date  # the request's date wins over the front matter's, as --date does
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "newslint", "version": __version__},
            "format": req.fmt,
            "article_date": when.isoformat() if when else None,
            "front_matter_date": doc.article_date.isoformat() if doc.article_date else None,
            "findings": [f.to_dict() for f in findings],
            "summary": {"findings": len(findings), "by_severity": by_severity, "by_rule": by_rule},
            "warnings": self.warnings(req),
            "view": [list(s) for s in visible_segments(doc)] if doc.kind in ("html", "markdown") else None,
        }


# ---------------------------------------------------------------- middleware


def _host_name(host_header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '[::1]'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class GuardMiddleware:
    """Request size limit (413), Host check, and security headers on every response.

    The body is read (at most `max_bytes`) before the app sees it, so a chunked body
    without Content-Length is limited as well.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and _host_name(headers.get("host", "")) not in self.allowed_hosts:
            await error_response(400, "this server only answers requests addressed to its own host name")(scope, receive, send_secured)
            return
        length = headers.get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                await error_response(400, "invalid Content-Length header")(scope, receive, send_secured)
                return
            if int(length) > self.max_bytes:
                await self._too_large(scope, receive, send_secured)
                return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await self._too_large(scope, receive, send_secured)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_secured)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"the request body is larger than the limit of {self.max_bytes} bytes")
        response.headers["connection"] = "close"
        await response(scope, receive, send)


# ---------------------------------------------------------------- the app


def create_app(
    linter: Linter | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allowed_hosts: Iterable[str] | None = None,
    warm_up: bool = True,
) -> Starlette:
    """The ASGI app. `allowed_hosts=None` accepts any Host header (the CLI passes the
    loopback names when it binds to a loopback address)."""
    service = LintService(linter or Linter())
    if warm_up:
        service.warm_up()

    async def index(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-cache"})

    async def healthz(request: Request) -> Response:
        return SafeJSONResponse({"status": "ok", "version": __version__, "rules": len(service.linter.engine.specs)})

    async def rules(request: Request) -> Response:
        return SafeJSONResponse({"schema_version": SCHEMA_VERSION, "rules": service.rules()})

    async def check(request: Request) -> Response:
        req = parse_lint_request(await read_json(request), CHECK_FIELDS)
        return SafeJSONResponse(await run_in_threadpool(service.check, req))

    async def fix(request: Request) -> Response:
        req = parse_lint_request(await read_json(request), FIX_FIELDS)
        return SafeJSONResponse(await run_in_threadpool(service.fix, req))

    async def upload(request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise ApiError(415, "send the article as multipart/form-data with a 'file' field")
        async with request.form(max_files=1, max_fields=8, max_part_size=max_bytes) as form:
            unknown = sorted(set(form.keys()) - {"file", "date", "select", "ignore", "accept"})
            if unknown:
                raise ApiError(422, f"unknown form field '{unknown[0]}'", unknown[0])
            part = form.get("file")
            if not isinstance(part, UploadFile):
                raise ApiError(422, "the form needs a 'file' field with the article", "file")
            name = (part.filename or "").replace("\\", "/").rsplit("/", 1)[-1]  # a label only, never opened
            suffix = Path(name).suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                raise ApiError(415, f"unsupported file type {suffix or '(none)'!r}; upload .txt, .md or .html", "file")
            raw = await part.read()
            try:
                text = decode(raw, name)
            except NewslintError as exc:
                raise ApiError(422, f"{name}: {exc.message}", "file") from None
            fields = {"text": text, "format": UPLOAD_SUFFIXES[suffix]}
            for key in ("date", "select", "ignore", "accept"):
                value = form.get(key)
                if isinstance(value, str) and value.strip():
                    fields[key] = value
        req = parse_lint_request(fields, CHECK_FIELDS)
        payload = await run_in_threadpool(service.check, req, name)
        payload.update({"filename": name, "text": text})
        return SafeJSONResponse(payload)

    async def openapi(request: Request) -> Response:
        return SafeJSONResponse(openapi_document(__version__, max_bytes))

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.field)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return error_response(404, f"not found: {request.url.path}")
        if exc.status_code == 405:
            return error_response(405, f"method {request.method} is not allowed on {request.url.path}")
        return error_response(exc.status_code, str(exc.detail))

    async def on_internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error: the server could not process this request (details are in the server log)")

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: on_api_error, HTTPException: on_http_error, Exception: on_internal_error,
    }
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/upload", upload, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers=handlers,
        middleware=[Middleware(GuardMiddleware, max_bytes=max_bytes, allowed_hosts=allowed_hosts)],
    )
    app.state.service = service
    return app
