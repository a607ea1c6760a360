"""LanguageTool through language-tool-python: a server URL, or a LanguageTool already installed
locally (the library's LTP_PATH folder, with Java). newslint never downloads LanguageTool."""

from __future__ import annotations

import os
import shutil
from bisect import bisect_left
from pathlib import Path
from typing import Any

from . import LANGUAGETOOL_URL_ENV, BackendUnavailable, GrammarBackend, GrammarIssue

INSTALL_HINT = "pip install 'newslint[languagetool]'"
STYLE_ISSUE_TYPES = frozenset({"style", "typographical", "whitespace", "locale-violation", "register"})


def normalise_url(url: str) -> str:
    """The server's base URL ending in '/', without the API's '/v2' (language-tool-python adds it)."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    url = url.rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    return url + "/"


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code-point offset 0..len(text) (LanguageTool counts UTF-16 units)."""
    out = [0] * (len(text) + 1)
    pos = 0
    for i, c in enumerate(text):
        out[i] = pos
        pos += 2 if ord(c) > 0xFFFF else 1
    out[len(text)] = pos
    return out


def _local_install() -> str | None:
    """Version name of a LanguageTool already unpacked in language-tool-python's folder, if any."""
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir():
        return None
    names = sorted(p.name for p in folder.glob("LanguageTool-*") if p.is_dir())
    return names[-1].removeprefix("LanguageTool-") if names else None


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) of at most `max_chars` characters, cut at paragraph or line breaks."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + max_chars)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        piece = text[start:end]
        if piece.strip():
            out.append((start, piece))
        start = end
    return out


class LanguageToolBackend(GrammarBackend):
    """Grammar and spelling through a LanguageTool server (or a local install)."""

    name = "languagetool"

    def __init__(self, url: str = "", language: str = "en-US", timeout: float = 15.0,
                 preflight_timeout: float = 2.0, disabled_rules: tuple[str, ...] = (), max_chars: int = 20000) -> None:
        super().__init__()
        self.url = url
        self.language = language
        self.timeout = timeout
        self.preflight_timeout = preflight_timeout
        self.disabled_rules = tuple(disabled_rules)
        self.max_chars = max_chars
        self.tool: Any = None
        self.where = ""

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> "LanguageToolBackend":
        """Build from the grammar rule's options."""
        return cls(url=str(options.get("url") or ""), language=str(options.get("language", "en-US")),
                   timeout=float(options.get("timeout", 15.0)), preflight_timeout=float(options.get("preflight_timeout", 2.0)),
                   disabled_rules=tuple(options.get("disabled_rules") or ()), max_chars=int(options.get("max_chars", 20000)))

    def _start(self) -> None:
        try:
            import language_tool_python
        except ImportError:
            raise BackendUnavailable(f"LanguageTool backend needs language-tool-python ({INSTALL_HINT})") from None
        url = self.url or os.environ.get(LANGUAGETOOL_URL_ENV, "")
        if url:
            base = normalise_url(url)
            self.where = f"LanguageTool server {base}"
            self._preflight(base)
            tool = language_tool_python.LanguageTool(self.language, remote_server=base)
        else:
            version = _local_install()
            if version is None or shutil.which("java") is None:
                missing = "Java" if version is not None else "a local install (LTP_PATH)"
                raise BackendUnavailable(
                    f"LanguageTool is not configured: no server URL (--languagetool-url or {LANGUAGETOOL_URL_ENV}) "
                    f"and no {missing}; newslint never downloads LanguageTool")
            self.where = f"local LanguageTool {version}"
            tool = language_tool_python.LanguageTool(self.language, language_tool_download_version=version)
        tool._TIMEOUT = self.timeout  # type: ignore[assignment]  # the library's own limit is 300 s per request
        if self.disabled_rules:
            tool.disabled_rules = set(self.disabled_rules)
        self.tool = tool

    def _preflight(self, base: str) -> None:
        """GET /v2/languages within the pre-flight time limit; raise BackendUnavailable if it fails."""
        import requests

        url = base + "v2/languages"
        try:
            response = requests.get(url, timeout=(self.preflight_timeout, self.preflight_timeout))
        except requests.Timeout:
            raise BackendUnavailable(f"{self.where} did not answer within {self.preflight_timeout:g} s") from None
        except requests.RequestException as exc:
            reason = type(exc).__name__
            if isinstance(exc, requests.ConnectionError):
                reason = "connection failed"
            raise BackendUnavailable(f"{self.where} is unreachable ({reason})") from None
        if response.status_code != 200:
            raise BackendUnavailable(f"{self.where} answered HTTP {response.status_code} to /v2/languages")
        try:
            languages = response.json()
        except ValueError:
            raise BackendUnavailable(f"{self.where} does not look like LanguageTool (no JSON from /v2/languages)") from None
        codes = {str(e.get("longCode")) for e in languages if isinstance(e, dict)} | {
            str(e.get("code")) for e in languages if isinstance(e, dict)}
        if self.language not in codes and self.language.split("-")[0] not in codes:
            raise BackendUnavailable(f"{self.where} does not support language {self.language}")

    def close(self) -> None:
        if self.tool is not None:
            try:
                self.tool.close()
            except Exception:  # closing must never fail a run
                pass
            self.tool = None

    def _check(self, text: str) -> list[GrammarIssue]:
        from language_tool_python.exceptions import LanguageToolError

        issues: list[GrammarIssue] = []
        for offset, piece in chunks(text, self.max_chars):
            try:
                matches = self.tool.check(piece)
            except LanguageToolError as exc:
                raise BackendUnavailable(f"{self.where} stopped answering ({str(exc)[:120]})") from None
            units = utf16_offsets(piece)
            for m in matches:
                start = int(m.offset)  # language-tool-python already converted the start to code points
                if not 0 <= start <= len(piece):
                    continue
                # the length is still in UTF-16 units: convert the end ourselves
                end = bisect_left(units, units[start] + int(m.error_length))
                end = min(max(end, start), len(piece))
                issue_type = str(getattr(m, "rule_issue_type", "") or "")
                category = str(getattr(m, "category", "") or "")
                issues.append(GrammarIssue(
                    start=offset + start, end=offset + end, message=str(m.message),
                    replacements=tuple(str(r) for r in m.replacements), rule=str(m.rule_id), category=category,
                    spelling=category == "TYPOS" or issue_type == "misspelling",
                    style=issue_type in STYLE_ISSUE_TYPES,
                ))
        return issues
