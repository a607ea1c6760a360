"""SARIF 2.1.0: one run, the rules that ran, one result per finding (with fixes)."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ..document import Document
from ..model import Finding
from .base import Reporter, Stats

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/newslint/"


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
        for spec in self.rules:
            summary = spec.description.split(". ")[0].strip().rstrip(".") if spec.description else spec.message
            rules.append({
                "id": spec.id,
                "name": spec.name,
                "shortDescription": {"text": summary or spec.name},
                "fullDescription": {"text": spec.description or spec.message},
                "defaultConfiguration": {"level": LEVELS[spec.severity.value]},
                "properties": {"kind": spec.kind},
            })
        run: dict[str, Any] = {
            "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": self._results,
            "invocations": [{"executionSuccessful": stats.errors == 0,
                             "toolExecutionNotifications": self._notifications}],
            "properties": {"files": stats.files, "findings": stats.findings, "byRule": dict(stats.by_rule)},
        }
        json.dump({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
