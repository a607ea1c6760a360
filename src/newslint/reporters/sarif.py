"""SARIF 2.1.0: one run, the rules that ran, one result per finding (with fixes)."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ..baseline import fingerprint
from ..document import Document
from ..model import Finding
from .base import Reporter, Stats

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/newslint/"
RULES_DOC_URL = "https://github.com/newslint/newslint/blob/main/docs/rules.md"
"""Where docs/rules.md is published when neither $NEWSLINT_RULES_URL nor the installed package's
`Rules` project URL says otherwise (a placeholder until the repository has its public home)."""
FINGERPRINT_KEY = "newslint/v1"


def rules_doc_url() -> str:
    """The rule reference's address: $NEWSLINT_RULES_URL, else the `Rules` project URL of the
    installed package (pyproject.toml [project.urls]), else RULES_DOC_URL."""
    env = os.environ.get("NEWSLINT_RULES_URL", "").strip()
    if env:
        return env.rstrip("#")
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("newslint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "rules" and url.strip():
                return url.strip()
    except (PackageNotFoundError, ValueError):
        pass
    return RULES_DOC_URL


def heading_anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading: 'NL101 misspelled-name' -> 'nl101-misspelled-name'."""
    import re

    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def help_uri(spec: Any, base: str) -> str | None:
    """A rule's documentation: its own `url`, else its section of docs/rules.md for a built-in rule."""
    if spec.url:
        return str(spec.url)
    from ..resources import builtin_rules_dir

    try:
        Path(spec.path).resolve().relative_to(builtin_rules_dir().resolve())
    except (ValueError, OSError, FileNotFoundError):
        return None
    return f"{base}#{heading_anchor(f'{spec.id} {spec.name}')}"


def artifact_uri(path: str) -> str:
    """A relative path stays relative (percent-encoded, '/' separators); an absolute one
    becomes a file:// URI."""
    posix = PurePath(path).as_posix() if os.sep != "/" else path
    if os.path.isabs(path):
        return "file://" + quote(posix)
    return quote(posix)


class SarifReporter(Reporter):
    """Collects results and writes one SARIF log at the end."""

    def start(self) -> None:
        self._results: list[dict[str, Any]] = []
        self._notifications: list[dict[str, Any]] = []

    def file(self, doc: Document, findings: list[Finding]) -> None:
        archive = doc.meta.get("archive")
        uri = artifact_uri(archive if archive else doc.path)
        for f in findings:
            region: dict[str, Any] = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "charOffset": f.span.start,
                "charLength": f.span.end - f.span.start,
            }
            if f.matched:
                region["snippet"] = {"text": f.matched}
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
            if archive:
                # offsets and lines are relative to the record's text, not to the archive file
                location["logicalLocations"] = [{"name": doc.meta.get("record", doc.path), "kind": "record"}]
            result: dict[str, Any] = {
                "ruleId": f.rule_id,
                "level": LEVELS[f.severity.value],
                "message": {"text": f.message},
                "locations": [location],
                # the baseline's fingerprint (rule, matched text, its neighbourhood): GitHub code
                # scanning keeps an alert's identity across edits elsewhere in the file
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(doc, f)},
                "properties": {"ruleName": f.rule_name, "suggestions": list(f.suggestions), "fixSafe": f.fix_safe},
            }
            if f.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"{f.fix.title} ({f.fix.applicability.value})"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": {"charOffset": e.span.start, "charLength": e.span.end - e.span.start},
                                "insertedContent": {"text": e.replacement},
                            }
                            for e in f.fix.edits
                        ],
                    }],
                }]
            self._results.append(result)

    def input_error(self, path: str, message: str) -> None:
        self._notifications.append({
            "level": "error",
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
        })

    def finish(self, stats: Stats) -> None:
        from .. import __version__

        index = {spec.id: i for i, spec in enumerate(self.rules)}
        for result in self._results:
            if result["ruleId"] in index:
                result["ruleIndex"] = index[result["ruleId"]]
        rules = []
        base = rules_doc_url() if self.rules else RULES_DOC_URL
        for spec in self.rules:
            summary = spec.description.split(". ")[0].strip().rstrip(".") if spec.description else spec.message
            rule: dict[str, Any] = {
                "id": spec.id,
                "name": spec.name,
                "shortDescription": {"text": summary or spec.name},
                "fullDescription": {"text": spec.description or spec.message},
                "defaultConfiguration": {"level": LEVELS[spec.severity.value]},
                "properties": {"kind": spec.kind},
            }
            uri = help_uri(spec, base)
            if uri:
                rule["helpUri"] = uri
                rule["help"] = {"text": f"{spec.description or spec.message}\n\nReference: {uri}",
                                "markdown": f"{spec.description or spec.message}\n\n[{spec.id} {spec.name} in the rule reference]({uri})"}
            rules.append(rule)
        run: dict[str, Any] = {
            "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": self._results,
            "invocations": [{"executionSuccessful": stats.errors == 0,
                             "toolExecutionNotifications": self._notifications}],
            "properties": {"files": stats.files, "findings": stats.findings, "byRule": dict(stats.by_rule),
                           "baselined": stats.baselined},
        }
        json.dump({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
